/**
 * Two Apex REST requests in every order a real org allows (issue 13, point 8): on the platform two requests run at
 * once, and one can read data the other is about to change. The runtime runs one transaction at a time, so this
 * module plays the interleavings: `paused` is stopped before one of its SOQL queries or DML statements, `other` runs
 * whole and commits, then `paused` goes on and — having written nothing yet — reads what `other` committed, as it
 * would on a real org (reads see committed data; Apex Developer Guide "Locking Statements": "Other clients can still
 * query the same records while they're locked").
 *
 * What is modelled, and what is not:
 * - Pause points: before each statement of `paused` up to and including its first write. After a write, `other`
 *   could only run where it touches none of the written records (DML locks them), and the runtime does not isolate
 *   one transaction's uncommitted rows from another's reads — so those interleavings are not played.
 * - Locks: records `paused` locked with FOR UPDATE (data/row-locks.ts). If `other` would lock or update one, it would
 *   wait on a real org until `paused` commits, i.e. run after it: that interleaving is reported as `blocked`.
 * - Two concurrent inserts of the same unique value: only the serial outcome (DUPLICATE_VALUE for the later commit)
 *   is played, since `paused` has written nothing when `other` runs. Whether the platform makes the second insert
 *   wait for the first transaction or fail at once is **unverified** (no documentation found).
 * Each run starts from the same committed data; `inspect` reads the org after it, before the data is put back.
 */
import type { Interpreter } from './interpreter/interpreter.ts';
import { LockWait } from './data/row-locks.ts';
import type { Store } from './data/store.ts';
import { invokeRest, type RestResult } from './rest.ts';
import type { LocalOrg } from './runtime.ts';

/** One Apex REST request. */
export interface RestCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  userId?: string;
}

/** One played order of two requests and what it left behind. */
export interface Interleaving<T> {
  /** "a, then b", "b, then a", or "b during a, before its statement 3". */
  label: string;
  /** True when the second request would have waited for a lock the paused one held (it is then not played). */
  blocked: boolean;
  /** The two responses, `[a, b]` (absent when blocked). */
  results?: [RestResult, RestResult];
  /** `inspect(org)` after both committed (absent when blocked). */
  state?: T;
}

const MAX_PAUSE_POINTS = 500;

function call(org: LocalOrg, c: RestCall, onTransaction?: (it: Interpreter) => void): RestResult {
  return invokeRest(org, c.method, c.path, c.headers, c.body, {
    ...(c.userId ? { userId: c.userId } : {}),
    ...(onTransaction ? { onTransaction } : {})
  });
}

/**
 * Runs `paused` and stops it before its statement number `point` (0-based) to run `other`; `undefined` when `paused`
 * never reaches that point having written nothing (no more pause points), `'blocked'` when `other` would wait.
 */
function pauseAt(
  org: LocalOrg,
  paused: RestCall,
  other: RestCall,
  point: number
): { results: [RestResult, RestResult] } | 'blocked' | undefined {
  let seen = 0;
  let otherResult: RestResult | undefined;
  let blocked = false;
  const pausedResult = call(org, paused, (it) => {
    const locks = it.ctx.rowLocks;
    locks.concurrency = {
      beforeStatement: () => {
        const here = seen++;
        if (here !== point) {
          return;
        }
        const store = it.ctx.store as Store;
        if (!store.sameVersionsAs(org.data)) {
          return; // written already: not a pause point this module plays (see the module comment)
        }
        try {
          otherResult = call(org, other, (inner) => {
            inner.ctx.rowLocks.concurrency = { heldByOthers: locks.held };
          });
        } catch (e) {
          if (e instanceof LockWait) {
            blocked = true;
            return;
          }
          throw e;
        }
        // `paused` has written nothing: its data and its savepoints become what `other` committed.
        store.restore(org.data);
        for (const snapshot of locks.snapshots) {
          snapshot.restore(org.data);
        }
      }
    };
  });
  if (blocked) {
    return 'blocked';
  }
  return otherResult ? { results: [pausedResult, otherResult] } : undefined;
}

/**
 * Every order of `a` and `b` this module plays: a then b, b then a, b during a before each of a's statements, and a
 * during b likewise. The org's committed data is the same before each run and is put back at the end.
 */
export function interleavings<T>(
  org: LocalOrg,
  a: RestCall,
  b: RestCall,
  inspect: (org: LocalOrg) => T
): Interleaving<T>[] {
  const start = org.data.clone();
  const out: Interleaving<T>[] = [];
  const reset = (): void => org.commit(start.clone());
  const serial = (first: RestCall, second: RestCall, label: string, swap: boolean): void => {
    reset();
    const r1 = call(org, first);
    const r2 = call(org, second);
    out.push({ label, blocked: false, results: swap ? [r2, r1] : [r1, r2], state: inspect(org) });
  };
  serial(a, b, 'a, then b', false);
  serial(b, a, 'b, then a', true);
  for (const [paused, other, names, swap] of [
    [a, b, ['b', 'a'], false],
    [b, a, ['a', 'b'], true]
  ] as const) {
    for (let point = 0; point < MAX_PAUSE_POINTS; point++) {
      reset();
      const played = pauseAt(org, paused, other, point);
      if (played === undefined) {
        break;
      }
      const label = `${names[0]} during ${names[1]}, before its statement ${point + 1}`;
      if (played === 'blocked') {
        out.push({ label, blocked: true });
        continue;
      }
      const [p, o] = played.results;
      out.push({ label, blocked: false, results: swap ? [o, p] : [p, o], state: inspect(org) });
    }
  }
  org.commit(start);
  return out;
}
