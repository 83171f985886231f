/**
 * The in-memory org data of one transaction: records per object under Salesforce-shaped ids. A transaction, a test
 * method, a savepoint or a DML statement's rollback point works on its own copy, so that a failed transaction, a test
 * method or a Database.rollback simply drops its copy — but a copy is cheap: tables are persistent
 * (persistent-table.ts), so a copy shares every table version and a write stores a new version that shares all but
 * O(log rows) trie nodes with the old one; no row is ever copied to write a table (issue 16: each DML statement used
 * to copy the whole table it wrote). Rows themselves are never changed once stored: a write stores a new row (`put`,
 * `update`), so a shared row can be read by every copy. Write times strictly increase; the audit fields keep them to
 * the second (`auditTime`), so ties are ordered by Id.
 */
import type { Value } from '../values/values.ts';
import { makeId, normalizeId } from '../schema/ids.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import { PersistentTable, tableWork } from './persistent-table.ts';

/** One stored record: lower-cased field name → value. Not to be changed once stored (use `Store.update`). */
export type Row = Map<string, Value>;

/** Rows of one object, id → row, insertion-ordered. */
export type Table = ReadonlyMap<string, Row>;

/** A table version: immutable, sharing its unchanged parts with the versions it was written from. */
type Rows = PersistentTable<Row>;

const NO_ROWS: Rows = PersistentTable.empty();

/**
 * What the store's work cost, counted rather than timed (issue 16): the cost tests of `npm test` assert on these
 * counts, the benchmark (`npm run bench`) prints them next to its times. Process-wide, only ever added to; take a
 * `costSnapshot()` before the work and `costsSince(snapshot)` after it.
 */
export interface StoreCosts {
  /** Rows a query, a child subquery or a SOSL search read by walking a whole table (no index). */
  rowsScanned: number;
  /**
   * Rows copied to write a table: none since tables are persistent (a write copies ≈ log₃₂(rows) trie nodes, counted
   * in `nodesCopied`) but for the rows moved when a table squeezes out removed rows' slots.
   */
  rowsCopied: number;
  /** Trie nodes copied by writes (data/persistent-table.ts): O(log rows) per row written. */
  nodesCopied: number;
  /** Rows read to build an index. */
  rowsIndexed: number;
  /** Ids an index lookup returned. */
  indexHits: number;
}

const costs = { rowsScanned: 0, rowsIndexed: 0, indexHits: 0 };

/** Table indexes copied because a store wrote a table it shared (`TableIndex.copy`): the tests count them. */
export const indexWork = { copies: 0 };

export const costSnapshot = (): StoreCosts => ({
  ...costs,
  rowsCopied: tableWork.rowsCompacted,
  nodesCopied: tableWork.nodesCopied
});

export const costsSince = (before: StoreCosts): StoreCosts => {
  const now = costSnapshot();
  return {
    rowsScanned: now.rowsScanned - before.rowsScanned,
    rowsCopied: now.rowsCopied - before.rowsCopied,
    nodesCopied: now.nodesCopied - before.nodesCopied,
    rowsIndexed: now.rowsIndexed - before.rowsIndexed,
    indexHits: now.indexHits - before.indexHits
  };
};

/** Counts `rows` rows read by a full walk of a table (the SOQL and SOSL engines call it when they scan). */
export function countScan(rows: number): void {
  costs.rowsScanned += rows;
}

/**
 * How an index compares a field's string values: `exact` as stored (a case-sensitive unique field), `lower`
 * ignoring case (SOQL text comparison, a case-insensitive unique field), `id` as ids (15 and 18 characters alike,
 * SOQL on an Id field). Other values compare as `===`; null (and NaN) never match.
 */
export type IndexKind = 'exact' | 'lower' | 'id';

function indexKey(kind: IndexKind, v: Value | undefined): Value | undefined {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
    return undefined;
  }
  if (typeof v !== 'string') {
    return v;
  }
  return kind === 'exact' ? v : kind === 'lower' ? v.toLowerCase() : (normalizeId(v) ?? v);
}

/** Field indexes of one table are built over the whole table at once; `kind:field` names one. */
const spec = (kind: IndexKind, field: string): string => `${kind}:${field}`;

/**
 * The indexes of one table version (one id → row map): value → ids per indexed field, and each id's place in the
 * table, built from the table at some point ("base") plus the ids written since. Building costs one pass over the
 * table; after that a write costs an entry in `changed` and one in `delta` per indexed field, and a lookup costs its
 * hits (base hits not changed since, plus the delta's hits for its keys — never every changed row); the index is
 * rebuilt once the changes pass `STALE_AFTER` plus 1/8 of the table (amortised: 8 rows read per write and indexed
 * field). A table version this store alone writes passes its index on to the next version; when a store writes a
 * version it shares, the next version gets a copy of the index (only what changed since the base, and the delta's id
 * lists shared until one of the copies adds to them).
 */
class TableIndex {
  private constructor(
    /** Id → position in the base table. */
    private readonly position: ReadonlyMap<string, number>,
    /** `kind:field` → key → ids (base table order) of the rows holding it in the base table. */
    private readonly fields: Map<string, ReadonlyMap<Value, readonly string[]>>,
    /** Ids stored, replaced or removed since the base: their entries in `fields` may be out of date. */
    private readonly changed: Set<string>,
    /** Ids added since the base (after every base row, in this order) → their position. */
    private readonly appended: Map<string, number>,
    private next: number,
    /**
     * `kind:field` → key → ids stored with that key since the base (a later write may have changed the key: a hit is
     * checked against the row). Lookups read these instead of every changed row. The lists may be shared with copies
     * of this index (never changed in place unless in `own`).
     */
    private readonly delta: Map<string, Map<Value, readonly string[]>>,
    /** The lists of `delta` this index made (only it holds them): added to in place; others are copied first. */
    private readonly own = new Set<readonly string[]>()
  ) {}

  static build(table: Table, specs: Iterable<string>): TableIndex {
    const position = new Map<string, number>();
    let n = 0;
    for (const id of table.keys()) {
      position.set(id, n++);
    }
    const index = new TableIndex(position, new Map(), new Set(), new Map(), n, new Map());
    for (const s of specs) {
      index.addField(table, s);
    }
    return index;
  }

  get specs(): Iterable<string> {
    return this.fields.keys();
  }

  has(s: string): boolean {
    return this.fields.has(s);
  }

  /** Whether the table still equals the base (a field index can then be built from it). */
  get clean(): boolean {
    return this.changed.size === 0;
  }

  /** Whether lookups would now cost more than a rebuild is worth. */
  get stale(): boolean {
    return this.changed.size > STALE_AFTER + this.position.size / 8;
  }

  /** Adds the index `kind:field`; the table must equal the base (`clean`). */
  addField(table: Table, s: string): void {
    const [kind, field] = splitSpec(s);
    const byKey = new Map<Value, string[]>();
    costs.rowsIndexed += table.size;
    for (const [id, row] of table) {
      const key = indexKey(kind, row.get(field));
      if (key !== undefined) {
        const ids = byKey.get(key);
        if (ids) {
          ids.push(id);
        } else {
          byKey.set(key, [id]);
        }
      }
    }
    this.fields.set(s, byKey);
  }

  /**
   * The index of a copy of the table (the base's maps are shared, never changed; the delta's id lists are shared
   * until written: neither index owns them any more).
   */
  copy(): TableIndex {
    const delta = new Map<string, Map<Value, readonly string[]>>();
    for (const [s, byKey] of this.delta) {
      delta.set(s, new Map(byKey));
    }
    this.own.clear();
    indexWork.copies++;
    return new TableIndex(
      this.position,
      new Map(this.fields),
      new Set(this.changed),
      new Map(this.appended),
      this.next,
      delta
    );
  }

  /** Notes that `id` was stored as `row` (`added`: it was not in the table) or replaced. */
  stored(id: string, added: boolean, row: Row): void {
    this.changed.add(id);
    if (added) {
      this.appended.set(id, this.next++);
    }
    for (const s of this.fields.keys()) {
      const [kind, field] = splitSpec(s);
      const key = indexKey(kind, row.get(field));
      if (key === undefined) {
        continue;
      }
      let byKey = this.delta.get(s);
      if (!byKey) {
        byKey = new Map();
        this.delta.set(s, byKey);
      }
      const ids = byKey.get(key);
      if (!ids) {
        const list = [id];
        byKey.set(key, list);
        this.own.add(list);
      } else if (!ids.includes(id)) {
        if (this.own.has(ids)) {
          (ids as string[]).push(id);
        } else {
          const list = [...ids, id];
          byKey.set(key, list);
          this.own.add(list);
        }
      }
    }
  }

  removed(id: string): void {
    this.changed.add(id);
    this.appended.delete(id);
  }

  /** Ids of the rows of `table` whose `kind:field` key is one of `keys` (unordered). */
  find(table: Table, kind: IndexKind, field: string, keys: ReadonlySet<Value>, out: Set<string>): void {
    const byKey = this.fields.get(spec(kind, field));
    for (const key of keys) {
      for (const id of byKey?.get(key) ?? []) {
        if (!this.changed.has(id)) {
          costs.indexHits++;
          out.add(id);
        }
      }
    }
    const delta = this.delta.get(spec(kind, field));
    for (const key of keys) {
      for (const id of delta?.get(key) ?? []) {
        const row = table.get(id);
        if (row && indexKey(kind, row.get(field)) === key) {
          if (!out.has(id)) {
            costs.indexHits++;
            out.add(id);
          }
        } else {
          costs.rowsScanned++; // read to find its key changed since (or the row removed)
        }
      }
    }
  }

  /** The place of `id` (in the table) among the others. */
  at(id: string): number {
    return this.appended.get(id) ?? this.position.get(id) ?? Number.MAX_SAFE_INTEGER;
  }
}

/**
 * Writes after which a table's index is rebuilt rather than patched (plus 1/8 of the table's rows): rebuilding costs
 * the table's rows per indexed field, keeping the changes costs a copy of them whenever a store writes a table it
 * shares (once per transaction and table, see `Store.release`).
 */
const STALE_AFTER = 256;

const KINDS: readonly IndexKind[] = ['exact', 'lower', 'id'];

/** Parsed specs: a write splits every indexed field's spec, and there are few of them. */
const splitSpecs = new Map<string, [IndexKind, string]>();

function splitSpec(s: string): [IndexKind, string] {
  let split = splitSpecs.get(s);
  if (!split) {
    const at = s.indexOf(':');
    split = [KINDS.find((k) => k === s.slice(0, at)) ?? 'exact', s.slice(at + 1)];
    splitSpecs.set(s, split);
  }
  return split;
}

/** Each table version's index, if one was asked for; shared by every store sharing the table. */
const indexes = new WeakMap<Table, TableIndex>();

export class Store {
  readonly kind = 'memory';
  /**
   * Lower-cased object name → its current table version. A write stores a new version (sharing all but the written
   * path with the old one); tables not in `owned` may be another store's too, and get their own index on write.
   */
  private data = new Map<string, Rows>();
  /** Tables whose index only this store uses (it wrote them since it last shared them): patched in place. */
  private readonly owned = new Set<string>();
  /**
   * Key prefix (an id's first 3 characters) → the objects that have stored ids with it, shared by all copies and
   * only ever added to: `get(id)` looks in these tables only (a prefix normally names one object).
   */
  private readonly prefixes: Map<string, Set<string>>;
  private readonly counters: Map<string, number>;
  private readonly lastWrite: { ms: number };
  /**
   * The recycle bin: deleted rows (IsDeleted true) by lower-cased object name. The inner maps are never changed in
   * place, so copies share them. Not saved by server/persist.ts.
   */
  private recycle = new Map<string, ReadonlyMap<string, Row>>();
  /** Clones of this store made, and restores it took part in: `release` needs none since the copy was made. */
  private shares = 0;
  /** For a copy made by `clone`: the store it copies, its `shares` then, and the tables it owned before. */
  private copyOf?: { from: Store; shares: number; owned: readonly string[] };

  constructor(counters = new Map<string, number>(), lastWrite = { ms: 0 }, prefixes = new Map<string, Set<string>>()) {
    this.counters = counters;
    this.lastWrite = lastWrite;
    this.prefixes = prefixes;
  }

  /** Lower-cased object name → its rows (read-only: write through `put`, `update`, `remove`). */
  get tables(): ReadonlyMap<string, Table> {
    return this.data;
  }

  /**
   * An independent copy for a nested transaction, a test method or a savepoint; id counters and the clock are
   * shared. Costs one entry per table: both stores share every table until one of them writes to it.
   */
  clone(): Store {
    const copy = new Store(this.counters, this.lastWrite, this.prefixes);
    copy.data = new Map(this.data);
    copy.recycle = new Map(this.recycle);
    copy.copyOf = { from: this, shares: ++this.shares, owned: [...this.owned] };
    this.owned.clear();
    return copy;
  }

  /**
   * Says that `copy` (made by this store's `clone`) will never be read again (a DML statement's rollback point once
   * the statement succeeded): the tables this store owned before the copy and has not written since are again its
   * alone, so that its next write to them patches their index instead of copying it. Does nothing when either store
   * was copied or restored since (the tables may be shared with a third store) or `copy` wrote.
   */
  release(copy: Store): void {
    const of = copy.copyOf;
    if (!of || of.from !== this || of.shares !== this.shares || copy.shares !== 0 || copy.owned.size > 0) {
      return;
    }
    for (const object of of.owned) {
      if (this.data.get(object) === copy.data.get(object)) {
        this.owned.add(object);
      }
    }
  }

  /**
   * Whether this store holds exactly `other`'s table versions (nothing written since one was copied from the other):
   * compares versions, not rows, so it costs one lookup per table.
   */
  sameVersionsAs(other: Store): boolean {
    const same = <T>(a: ReadonlyMap<string, T>, b: ReadonlyMap<string, T>): boolean =>
      [...new Set([...a.keys(), ...b.keys()])].every((k) => a.get(k) === b.get(k));
    return same(this.data, other.data) && same(this.recycle, other.recycle);
  }

  /** Makes this store's content equal to `other`'s (rollback to a savepoint, commit); `other` stays usable. */
  restore(other: Store): void {
    this.data = new Map(other.data);
    this.recycle = new Map(other.recycle);
    this.owned.clear();
    other.owned.clear();
    this.shares++;
    other.shares++;
    if (other.prefixes !== this.prefixes) {
      // A store built apart (a saved org being loaded): learn where its ids live.
      for (const [prefix, objects] of other.prefixes) {
        for (const object of objects) {
          this.addPrefix(prefix, object);
        }
      }
    }
  }

  newId(type: SObjectDescribe): string {
    const n = (this.counters.get(type.keyPrefix) ?? 0) + 1;
    this.counters.set(type.keyPrefix, n);
    return makeId(type.keyPrefix, n);
  }

  /**
   * The next number of an auto-number field (`first` the first time). Kept with the id counters, so a rolled-back
   * transaction or test does not hand its numbers out again (unverified for tests).
   */
  nextAutoNumber(key: string, first: number): number {
    const counter = `auto:${key.toLowerCase()}`;
    const last = this.counters.get(counter);
    const n = last === undefined ? first : last + 1;
    this.counters.set(counter, n);
    return n;
  }

  /** The id counters (key prefix → last number) and the write clock, to save the org between runs. */
  sequenceState(): { counters: [string, number][]; lastWrite: number } {
    return { counters: [...this.counters.entries()], lastWrite: this.lastWrite.ms };
  }

  /** Restores saved counters and clock (shared with every clone, like the originals); never moves them backwards. */
  restoreSequenceState(state: { counters: [string, number][]; lastWrite: number }): void {
    for (const [prefix, n] of state.counters) {
      this.counters.set(prefix, Math.max(n, this.counters.get(prefix) ?? 0));
    }
    this.lastWrite.ms = Math.max(this.lastWrite.ms, state.lastWrite);
  }

  latestWrite(): number {
    return this.lastWrite.ms;
  }

  /**
   * The value of the audit fields (CreatedDate, LastModifiedDate, SystemModstamp) of a write: its `writeTime` to the
   * second, as the platform stores them — records saved within one second share it (order ties by Id). That
   * milliseconds are dropped is unverified in the docs (Object Reference "System Fields" types them dateTime);
   * community reports agree.
   */
  auditTime(now: number): number {
    return Math.floor(this.writeTime(now) / 1000) * 1000;
  }

  /** A write timestamp: the clock, or one millisecond after the previous write when the clock has not moved on. */
  writeTime(now: number): number {
    const ms = now > this.lastWrite.ms ? now : this.lastWrite.ms + 1;
    this.lastWrite.ms = ms;
    return ms;
  }

  /** The rows of `type` (read-only; empty when it has none). */
  table(type: SObjectDescribe): Table {
    return this.data.get(type.name.toLowerCase()) ?? NO_ROWS;
  }

  /**
   * Ids of the rows of `type` whose field `field` (lower-cased name) holds one of `values` compared as `kind` says
   * (null never matches), unordered (see `inTableOrder`). Costs the hits, not the table (an index per table version,
   * built on first use and kept up to date by this store's writes).
   */
  findIds(
    type: SObjectDescribe,
    field: string,
    kind: IndexKind,
    values: Iterable<Value>,
    out = new Set<string>()
  ): Set<string> {
    const table = this.table(type);
    const keys = new Set<Value>();
    for (const v of values) {
      const key = indexKey(kind, v);
      if (key !== undefined) {
        keys.add(key);
      }
    }
    if (keys.size > 0 && table.size > 0) {
      this.indexFor(table, spec(kind, field)).find(table, kind, field, keys, out);
    }
    return out;
  }

  /** The ids of `ids` that `type`'s table holds, in its order (the order of a scan). */
  inTableOrder(type: SObjectDescribe, ids: ReadonlySet<string>): string[] {
    const table = this.table(type);
    if (ids.size <= 1) {
      return [...ids].filter((id) => table.has(id));
    }
    if (ids.size * 8 > table.size) {
      costs.rowsScanned += table.size;
      return [...table.keys()].filter((id) => ids.has(id));
    }
    const index = this.indexFor(table);
    return [...ids].filter((id) => table.has(id)).sort((a, b) => index.at(a) - index.at(b));
  }

  /** The index of `table` (with the field index `s`), built or rebuilt when needed. */
  private indexFor(table: Table, s?: string): TableIndex {
    let index = indexes.get(table);
    if (!index || index.stale || (s !== undefined && !index.has(s) && !index.clean)) {
      const specs = new Set(index?.specs ?? []);
      if (s !== undefined) {
        specs.add(s);
      }
      index = TableIndex.build(table, specs);
      indexes.set(table, index);
    } else if (s !== undefined && !index.has(s)) {
      index.addField(table, s);
    }
    return index;
  }

  get(id: string): Row | undefined {
    // objectOf's walk, keeping the row it finds (rows are never undefined: found ⇔ has).
    const objects = this.prefixes.get(id.slice(0, 3));
    if (objects !== undefined) {
      for (const object of objects) {
        const row = this.data.get(object)?.get(id);
        if (row !== undefined) {
          return row;
        }
      }
    }
    return undefined;
  }

  /** The lower-cased object name of the record `id`, when this store holds it. */
  objectOf(id: string): string | undefined {
    for (const object of this.prefixes.get(id.slice(0, 3)) ?? []) {
      if (this.data.get(object)?.has(id)) {
        return object;
      }
    }
    return undefined;
  }

  /** Stores `row` as the record `id` of `type` (replacing the stored row, in its place, when there is one). */
  put(type: SObjectDescribe, id: string, row: Row): void {
    const object = type.name.toLowerCase();
    const table = this.data.get(object) ?? NO_ROWS;
    this.write(object, table, table.set(id, row))?.stored(id, !table.has(id), row);
    this.addPrefix(id.slice(0, 3), object);
  }

  /** Sets fields (lower-cased names) of the stored record `id` by storing a changed copy; false when there is none. */
  update(id: string, values: Iterable<[string, Value]>): boolean {
    const object = this.objectOf(id);
    const row = object === undefined ? undefined : this.data.get(object)?.get(id);
    if (object === undefined || !row) {
      return false;
    }
    const changed = new Map(row);
    for (const [k, v] of values) {
      changed.set(k, v);
    }
    const table = this.data.get(object) ?? NO_ROWS;
    this.write(object, table, table.set(id, changed))?.stored(id, false, changed);
    return true;
  }

  /** Moves the record `id` to the recycle bin (Apex Developer Guide "Undeleting Records"): gone from its table,
   * IsDeleted true.
   */
  moveToRecycleBin(id: string): void {
    const object = this.objectOf(id);
    const row = object === undefined ? undefined : this.data.get(object)?.get(id);
    if (object === undefined || !row) {
      return;
    }
    this.remove(id);
    const bin = new Map(this.recycle.get(object));
    bin.set(id, new Map(row).set('isdeleted', true));
    this.recycle.set(object, bin);
  }

  /** The deleted rows of `type` (SOQL ALL ROWS). */
  recycled(type: SObjectDescribe): Table {
    return this.recycle.get(type.name.toLowerCase()) ?? NO_ROWS;
  }

  /** The lower-cased object of a record in the recycle bin. */
  recycledObjectOf(id: string): string | undefined {
    for (const [object, rows] of this.recycle) {
      if (rows.has(id)) {
        return object;
      }
    }
    return undefined;
  }

  /** Takes the record `id` out of the recycle bin: back in its table (IsDeleted false), or dropped (`restore` false). */
  takeFromRecycleBin(type: SObjectDescribe, id: string, restore: boolean): Row | undefined {
    const object = type.name.toLowerCase();
    const row = this.recycle.get(object)?.get(id);
    if (!row) {
      return undefined;
    }
    const bin = new Map(this.recycle.get(object));
    bin.delete(id);
    this.recycle.set(object, bin);
    if (!restore) {
      return row;
    }
    const back = new Map(row).set('isdeleted', false);
    this.put(type, id, back);
    return back;
  }

  remove(id: string): void {
    const object = this.objectOf(id);
    if (object !== undefined) {
      const table = this.data.get(object) ?? NO_ROWS;
      this.write(object, table, table.delete(id))?.removed(id);
    }
  }

  private addPrefix(prefix: string, object: string): void {
    let objects = this.prefixes.get(prefix);
    if (!objects) {
      objects = new Set();
      this.prefixes.set(prefix, objects);
    }
    objects.add(object);
  }

  /**
   * Makes `next` (written from `table`) the table of `object`, and gives it `table`'s index: the same index object
   * when this store owns it (nobody else reads it), else a copy. Returns the index to note the write in.
   */
  private write(object: string, table: Rows, next: Rows): TableIndex | undefined {
    this.data.set(object, next);
    const index = indexes.get(table);
    const owned = this.owned.has(object);
    this.owned.add(object);
    if (!index || index.stale || next.size === 0) {
      return undefined;
    }
    const mine = owned ? index : index.copy();
    indexes.set(next, mine);
    return mine;
  }
}
