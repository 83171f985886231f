/**
 * Record locks between transactions (Apex Developer Guide, "Locking Statements"; SOQL and SOSL Reference,
 * "FOR UPDATE"): `SELECT … FOR UPDATE` locks the returned records until the transaction completes; while they are
 * locked "other clients have to wait until the transaction completes … before being able to update the same
 * records", and "if you attempt to lock a record currently locked by another client, your process waits" (at most
 * 10 seconds, then a QueryException; a DmlException for an update). "Other clients can still query the same records".
 *
 * The runtime runs one transaction at a time, so a lock can only matter when a test interleaves two transactions
 * (interleave.ts): the first is paused before one of its statements, the second runs whole in between. If the second
 * would lock or write a record the paused one holds, on a real org it would wait until the paused one commits — the
 * same as running after it — so the interleaving is not one the platform allows, and `LockWait` abandons it.
 * Locks taken by DML (which also locks the written records and some related ones — the "Record Locking Cheat Sheet")
 * are not modelled: interleave.ts pauses a transaction only while it has written nothing.
 */
import type { Store } from './store.ts';

/** Thrown (as a TypeScript error, never an Apex one) when a transaction would wait for a lock another one holds. */
export class LockWait extends Error {
  constructor(readonly recordId: string) {
    super(`waits for a lock on ${recordId} held by a paused transaction`);
  }
}

/**
 * What a transaction knows of the others (set by interleave.ts; absent in ordinary runs): the records a paused
 * transaction holds, and a callback before each SOQL query and DML statement where another transaction may run.
 */
export interface Concurrency {
  /** Record ids (18 characters) locked by a transaction paused while this one runs. */
  heldByOthers?: ReadonlySet<string>;
  /** Called before each SOQL query and DML statement of the transaction (before it reads or writes anything). */
  beforeStatement?: (kind: 'query' | 'dml') => void;
}

/** The locks of one transaction and its view of the others. */
export class RowLocks {
  /** Record ids this transaction locked with FOR UPDATE. */
  readonly held = new Set<string>();
  concurrency: Concurrency = {};
  /**
   * The transaction's savepoints. When another transaction commits while this one is paused having written nothing,
   * interleave.ts brings them up to date too: rolling back to one undoes only this transaction's own writes, as on
   * the platform, never the other's committed work.
   */
  readonly snapshots: Store[] = [];

  /** Records a FOR UPDATE query returned: locked now, or a LockWait when another transaction holds one of them. */
  lock(ids: Iterable<string>): void {
    const others = this.concurrency.heldByOthers;
    const list = [...ids];
    for (const id of list) {
      if (others?.has(id)) {
        throw new LockWait(id);
      }
    }
    for (const id of list) {
      this.held.add(id);
    }
  }

  /** The ids of records a DML statement writes: a LockWait when another transaction holds one of them. */
  write(ids: Iterable<string | undefined>): void {
    const others = this.concurrency.heldByOthers;
    if (!others) {
      return;
    }
    for (const id of ids) {
      if (id !== undefined && others.has(id)) {
        throw new LockWait(id);
      }
    }
  }
}
