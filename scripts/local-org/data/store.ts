/**
 * The in-memory org data of one transaction: records per object under Salesforce-shaped ids, copied (never shared)
 * between a transaction and the org so that a failed transaction, a test method or a Database.rollback simply drops
 * its copy. Timestamps of writes strictly increase, so ORDER BY LastModifiedDate is deterministic even for writes in
 * the same millisecond.
 */
import type { DataStore } from '../interpreter/context.ts';
import type { Value } from '../interpreter/values.ts';
import { makeId } from '../schema/ids.ts';
import type { SObjectDescribe } from '../schema/schema.ts';

/** One stored record: lower-cased field name → value. */
export type Row = Map<string, Value>;

export class Store implements DataStore {
  readonly kind = 'memory';
  /** Lower-cased object name → id → row. Insertion-ordered. */
  readonly tables = new Map<string, Map<string, Row>>();
  /** Where each id lives (id → lower-cased object name). */
  readonly index = new Map<string, string>();
  private readonly counters: Map<string, number>;
  private lastWrite: { ms: number };

  constructor(counters = new Map<string, number>(), lastWrite = { ms: 0 }) {
    this.counters = counters;
    this.lastWrite = lastWrite;
  }

  /** A deep copy for a nested transaction, a test method or a savepoint; id counters and the clock are shared. */
  clone(): Store {
    const copy = new Store(this.counters, this.lastWrite);
    this.copyInto(copy);
    return copy;
  }

  /** Makes this store's content equal to `other`'s (rollback to a savepoint). */
  restore(other: Store): void {
    this.tables.clear();
    this.index.clear();
    other.copyInto(this);
  }

  private copyInto(target: Store): void {
    for (const [object, rows] of this.tables) {
      const copyRows = new Map<string, Row>();
      for (const [id, row] of rows) {
        copyRows.set(id, new Map(row));
        target.index.set(id, object);
      }
      target.tables.set(object, copyRows);
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

  table(type: SObjectDescribe): Map<string, Row> {
    const key = type.name.toLowerCase();
    let t = this.tables.get(key);
    if (!t) {
      t = new Map();
      this.tables.set(key, t);
    }
    return t;
  }

  get(id: string): Row | undefined {
    const object = this.index.get(id);
    return object ? this.tables.get(object)?.get(id) : undefined;
  }

  objectOf(id: string): string | undefined {
    return this.index.get(id);
  }

  put(type: SObjectDescribe, id: string, row: Row): void {
    this.table(type).set(id, row);
    this.index.set(id, type.name.toLowerCase());
  }

  remove(id: string): void {
    const object = this.index.get(id);
    if (object) {
      this.tables.get(object)?.delete(id);
      this.index.delete(id);
    }
  }
}
