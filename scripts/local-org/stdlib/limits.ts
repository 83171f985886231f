/**
 * The Limits methods beyond the SOQL/DML/heap/callout ones of `database.ts` (Apex Reference Guide, "Limits Class";
 * values from the Apex Developer Guide, "Execution Governors and Limits", per-transaction table):
 * - queueable jobs added with `System.enqueueJob`: 50 synchronous, 1 while an asynchronous job runs — counted, and
 *   the 51st (2nd) is a LimitException "Too many queueable jobs added to the queue: N" (wording **unverified**);
 * - EventBus.publish calls for events that publish immediately: 150 — counted per call, not enforced here;
 * - records retrieved by `Database.getQueryLocator`: 10,000 — counted, not enforced (in a batch `start` the
 *   platform allows 50 million);
 * - `@future` method calls: 50 (0 inside batch and future, 1 inside queueable) — counted when a `@future` method is
 *   called. The runtime runs `@future` methods at once, not later (a documented difference, README);
 * - Apex cursors (Apex Reference Guide "Cursor Class": 50 million rows per cursor, 100 `Cursor.fetch()` calls per
 *   transaction): cursors created, their rows and the fetch() calls — counted by cursors.ts, which enforces the 100;
 * - `getAsyncCalls`/`getLimitAsyncCalls`: "Reserved for future use" (Apex Reference Guide); 0 of 200 — the 200 is the
 *   "maximum number of asynchronous calls per Apex transaction" of older governor tables (**unverified** for current
 *   releases).
 * The describe-limit methods (getFieldsDescribes, …) are deprecated without a documented value and stay RuntimeGaps.
 * Counters live per `LimitCounters` object, so `Test.startTest()` and each asynchronous job start from 0 with them.
 */
import type { Pos } from '../ast/nodes.ts';
import type { LimitCounters } from '../interpreter/context.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { NO_METHOD, type Native } from './args.ts';

export interface ExtraLimitCounters {
  queueableJobs: number;
  publishImmediateDml: number;
  queryLocatorRows: number;
  apexCursors: number;
  apexCursorRows: number;
  cursorFetchCalls: number;
}

const extra = new WeakMap<LimitCounters, ExtraLimitCounters>();

function countersOf(it: Interpreter): ExtraLimitCounters {
  let c = extra.get(it.ctx.limits);
  if (!c) {
    c = {
      queueableJobs: 0,
      publishImmediateDml: 0,
      queryLocatorRows: 0,
      apexCursors: 0,
      apexCursorRows: 0,
      cursorFetchCalls: 0
    };
    extra.set(it.ctx.limits, c);
  }
  return c;
}

/** Whether an asynchronous job (batch, queueable, scheduled, future) is running: the asynchronous limits apply. */
function inAsyncJob(it: Interpreter): boolean {
  return it.ctx.runningJob === true;
}

/** Counts `n` against one of the extra counters. */
export function countLimit(it: Interpreter, key: keyof ExtraLimitCounters, n = 1): void {
  countersOf(it)[key] += n;
}

/** The value of one of the extra counters. */
export const limitCounter = (it: Interpreter, key: keyof ExtraLimitCounters): number => countersOf(it)[key];

/** `System.enqueueJob`: counts the job; past the limit a LimitException (uncatchable on the platform). */
export function countQueueableJob(it: Interpreter, pos: Pos): void {
  const c = countersOf(it);
  c.queueableJobs += 1;
  if (c.queueableJobs > queueableLimit(it)) {
    it.raise('LimitException', `Too many queueable jobs added to the queue: ${c.queueableJobs}`, pos);
  }
}

const queueableLimit = (it: Interpreter): number => (inAsyncJob(it) ? 1 : 50);

const used =
  (key: keyof ExtraLimitCounters): Native =>
  (it, _s, a) =>
    a.length === 0 ? countersOf(it)[key] : NO_METHOD;
const constant =
  (n: number): Native =>
  (_it, _s, a) =>
    a.length === 0 ? n : NO_METHOD;

export const MORE_LIMITS_STATICS: Record<string, Native> = {
  getqueueablejobs: used('queueableJobs'),
  getlimitqueueablejobs: (it, _s, a) => (a.length === 0 ? queueableLimit(it) : NO_METHOD),
  getpublishimmediatedml: used('publishImmediateDml'),
  getlimitpublishimmediatedml: constant(150),
  getquerylocatorrows: used('queryLocatorRows'),
  getlimitquerylocatorrows: constant(10000),
  getfuturecalls: (it, _s, a) => (a.length === 0 ? it.ctx.limits.futureCalls : NO_METHOD),
  getapexcursors: used('apexCursors'),
  getapexcursorrows: used('apexCursorRows'),
  getlimitapexcursorrows: constant(50_000_000),
  getfetchcallsonapexcursor: used('cursorFetchCalls'),
  getlimitfetchcallsonapexcursor: constant(100),
  getasynccalls: constant(0),
  getlimitasynccalls: constant(200)
};
