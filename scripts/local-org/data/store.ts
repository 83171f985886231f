/**
 * The in-memory org data of one transaction: records per object under Salesforce-shaped ids. A transaction, a test
 * method, a savepoint or a DML statement's rollback point works on its own copy, so that a failed transaction, a test
 * method or a Database.rollback simply drops its copy — but a copy is cheap: tables are shared between a store and its
 * copies until one of them writes to a table, which then gets its own copy of that table's id → row map (copy on
 * write, per table). Rows themselves are never changed once stored: a write stores a new row (`put`, `update`), so
 * a shared row can be read by every copy. Timestamps of writes strictly increase, so ORDER BY LastModifiedDate is
 * deterministic even for writes in the same millisecond.
 */
import type { DataStore } from '../interpreter/context.ts';
import type { Value } from '../interpreter/values.ts';
import { makeId } from '../schema/ids.ts';
import type { SObjectDescribe } from '../schema/schema.ts';

/** One stored record: lower-cased field name → value. Not to be changed once stored (use `Store.update`). */
export type Row = Map<string, Value>;

/** Rows of one object, id → row, insertion-ordered. */
export type Table = ReadonlyMap<string, Row>;

const NO_ROWS: Table = new Map();

export class Store implements DataStore {
  readonly kind = 'memory';
  /** Lower-cased object name → id → row; tables not in `owned` are shared with other stores and copied on write. */
  private data = new Map<string, Map<string, Row>>();
  /** Tables this store may change in place (it made or copied them since it last shared them). */
  private readonly owned = new Set<string>();
  /**
   * Key prefix (an id's first 3 characters) → the objects that have stored ids with it, shared by all copies and
   * only ever added to: `get(id)` looks in these tables only (a prefix normally names one object).
   */
  private readonly prefixes: Map<string, Set<string>>;
  private readonly counters: Map<string, number>;
  private readonly lastWrite: { ms: number };

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
    this.owned.clear();
    return copy;
  }

  /** Makes this store's content equal to `other`'s (rollback to a savepoint, commit); `other` stays usable. */
  restore(other: Store): void {
    this.data = new Map(other.data);
    this.owned.clear();
    other.owned.clear();
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

  get(id: string): Row | undefined {
    const object = this.objectOf(id);
    return object === undefined ? undefined : this.data.get(object)?.get(id);
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
    this.writable(object).set(id, row);
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
    this.writable(object).set(id, changed);
    return true;
  }

  remove(id: string): void {
    const object = this.objectOf(id);
    if (object !== undefined) {
      this.writable(object).delete(id);
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

  /** The table of `object` this store may change: its own, or a fresh copy of the one it shares. */
  private writable(object: string): Map<string, Row> {
    const current = this.data.get(object);
    if (current && this.owned.has(object)) {
      return current;
    }
    const mine = new Map(current);
    this.data.set(object, mine);
    this.owned.add(object);
    return mine;
  }
}
