/**
 * Batch Apex and Queueable Apex (Apex Developer Guide: "Using Batch Apex", "Testing Batch Apex", "Queueable Apex",
 * "Testing Asynchronous Apex"). `Database.executeBatch` and `System.enqueueJob` queue the job and return its
 * AsyncApexJob id (prefix 707); the AsyncApexJob record (Status 'Queued', JobType 'BatchApex'/'Queueable', ApexClassId
 * → the class's ApexClass row) is queryable at once. The job runs:
 * - in a test, at `Test.stopTest()` when it was queued after `Test.startTest()` ("all asynchronous calls made after
 *   startTest are collected by the system; when stopTest is executed, all asynchronous processes are run
 *   synchronously"), otherwise when the test method returns (the test runner calls runPendingJobs);
 * - outside tests, when the transaction that queued it has ended (runPendingJobs, called by whoever ran it).
 * Batch: start, then execute per scope of `size` records, then finish, each with its own governor limits; in a test
 * only one execute may run — more records than the scope size is System.UnexpectedException, as on the platform.
 * An exception inside a job run by a test reaches the test method (Apex Developer Guide, API 22.0+); outside tests it
 * is counted in NumberOfErrors / ExtendedStatus and the job ends 'Completed' (an execute) or 'Failed' (start/finish).
 * Jobs queued by a running job (chained batches, chained queueables) are recorded but not run in tests. Differs from
 * the platform: static variables are shared with the queuing transaction (each job is a new transaction there).
 */
import { userTimeZone } from '../data/time-zone.ts';
import { fromWallClock, wallClock } from '../values/time.ts';
import type { Pos } from '../ast/nodes.ts';
import type { Store } from '../data/store.ts';
import { freshLimits } from '../interpreter/context.ts';
import { countQueueableJob } from './limits.ts';
import type { ClassInfo } from '../values/classes.ts';
import { serializedCopy } from '../values/copy.ts';
import { ApexThrow, RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ApexDatetime, ApexList, ApexObject, NativeObject, type Value } from '../values/values.ts';
import { NO_METHOD, int, type Native } from './args.ts';

const ONE_EXECUTE =
  'No more than one executeBatch can be called from within a test method. Please make sure the iterable returned from your start method matches the batch size, resulting in one executeBatch invocation.';

function storeOf(it: Interpreter): Store {
  const s = it.ctx.store as Store | undefined;
  if (!s) {
    throw new RuntimeGap('asynchronous Apex without a data store');
  }
  return s;
}

function apexClassId(it: Interpreter, s: Store, className: string): string | null {
  for (const [id, row] of s.tables.get('apexclass') ?? []) {
    const name = row.get('name');
    if (typeof name === 'string' && name.toLowerCase() === className.toLowerCase()) {
      return id;
    }
  }
  void it;
  return null;
}

/** Writes the AsyncApexJob row of a newly queued job and returns its id. */
function createJobRecord(
  it: Interpreter,
  job: ApexObject,
  jobType: string,
  pos: Pos,
  extra: Record<string, Value> = {}
): string {
  const s = storeOf(it);
  const d = it.registry.schema.describe('AsyncApexJob');
  if (!d) {
    throw new RuntimeGap('the schema has no AsyncApexJob object', pos);
  }
  const topLevel = job.cls.fullName.split('.')[0] ?? job.cls.fullName;
  const id = s.newId(d);
  const now = new ApexDatetime(s.auditTime(it.ctx.now()));
  const values: Record<string, Value> = {
    id,
    apexclassid: apexClassId(it, s, topLevel),
    status: 'Queued',
    jobtype: jobType,
    totaljobitems: 0,
    jobitemsprocessed: 0,
    numberoferrors: 0,
    methodname: null,
    extendedstatus: null,
    createddate: now,
    createdbyid: it.ctx.runningUserId ?? null,
    completeddate: null,
    ...extra
  };
  s.put(d, id, new Map(Object.entries(values)));
  return id;
}

function updateJob(it: Interpreter, jobId: string, values: Record<string, Value>): void {
  storeOf(it).update(jobId, Object.entries(values));
}

/** Runs `body` with fresh governor limits, as a job's own transaction does. */
function withOwnLimits<T>(it: Interpreter, body: () => T): T {
  const outer = it.ctx.limits;
  it.ctx.limits = freshLimits(Date.now());
  try {
    return body();
  } finally {
    it.ctx.limits = outer;
  }
}

function call(it: Interpreter, target: ApexObject, name: string, args: Value[], pos: Pos): Value {
  const ref = it.findMethod(target.cls, name, args);
  if (!ref) {
    throw new RuntimeGap(`${target.cls.fullName} has no ${name} method for asynchronous Apex`, pos);
  }
  return it.invoke(ref, target, args, pos);
}

function errorText(e: ApexThrow): string {
  const msg = e.exception.exception?.message;
  return msg ? `${e.exception.cls.fullName}: ${msg}` : e.exception.cls.fullName;
}

function runBatch(it: Interpreter, jobId: string, batch: ApexObject, size: number, pos: Pos): void {
  const context = new NativeObject('Database.BatchableContext', jobId);
  const isTest = it.ctx.isTest;
  updateJob(it, jobId, { status: 'Processing' });
  let errors = 0;
  let firstError: string | null = null;
  try {
    const started = withOwnLimits(it, () => call(it, batch, 'start', [context], pos));
    const rows = started instanceof NativeObject ? started.state : started;
    const items = rows instanceof ApexList ? rows.items : [];
    const elementType = rows instanceof ApexList ? rows.elementType : { kind: 'sobject' as const, name: 'SObject' };
    if (isTest && items.length > size) {
      it.raise('UnexpectedException', ONE_EXECUTE, pos);
    }
    const chunks = Math.ceil(items.length / size);
    updateJob(it, jobId, { totaljobitems: chunks });
    for (let i = 0; i < chunks; i++) {
      const scope = new ApexList(elementType, items.slice(i * size, (i + 1) * size));
      try {
        withOwnLimits(it, () => call(it, batch, 'execute', [context, scope], pos));
      } catch (e) {
        if (isTest || !(e instanceof ApexThrow)) {
          throw e;
        }
        errors++;
        firstError ??= errorText(e);
      }
      updateJob(it, jobId, { jobitemsprocessed: i + 1, numberoferrors: errors });
    }
    withOwnLimits(it, () => call(it, batch, 'finish', [context], pos));
  } catch (e) {
    if (isTest || !(e instanceof ApexThrow)) {
      throw e;
    }
    updateJob(it, jobId, {
      status: 'Failed',
      extendedstatus: `First error: ${errorText(e)}`,
      completeddate: new ApexDatetime(it.ctx.now())
    });
    return;
  }
  updateJob(it, jobId, {
    status: 'Completed',
    ...(firstError ? { extendedstatus: `First error: ${firstError}` } : {}),
    completeddate: new ApexDatetime(it.ctx.now())
  });
}

function runQueueable(it: Interpreter, jobId: string, job: ApexObject, pos: Pos): void {
  updateJob(it, jobId, { status: 'Processing', totaljobitems: 1 });
  try {
    withOwnLimits(it, () => call(it, job, 'execute', [new NativeObject('System.QueueableContext', jobId)], pos));
  } catch (e) {
    if (it.ctx.isTest || !(e instanceof ApexThrow)) {
      throw e;
    }
    updateJob(it, jobId, { status: 'Failed', numberoferrors: 1, extendedstatus: errorText(e) });
    return;
  }
  updateJob(it, jobId, { status: 'Completed', jobitemsprocessed: 1, completeddate: new ApexDatetime(it.ctx.now()) });
}

function enqueue(it: Interpreter, jobId: string, run: () => void, quiddity: string): void {
  // A job queued by a running job (a chained batch or queueable) is recorded but not run in a test.
  if (it.ctx.isTest && it.ctx.runningJob) {
    return;
  }
  it.ctx.pendingJobs.push({ jobId, afterStartTest: it.ctx.outerLimits !== undefined, run, quiddity });
}

/** Runs queued jobs, oldest first: those queued after Test.startTest() (`onlyAfterStartTest`) or all of them. */
export function runPendingJobs(it: Interpreter, onlyAfterStartTest = false): void {
  const ready = it.ctx.pendingJobs.filter((j) => !onlyAfterStartTest || j.afterStartTest);
  it.ctx.pendingJobs = it.ctx.pendingJobs.filter((j) => !ready.includes(j));
  for (const job of ready) {
    const wasRunning = it.ctx.runningJob;
    const quiddity = it.ctx.quiddity;
    const mixedDml = it.ctx.mixedDml;
    const entryFrame = it.entryFrame;
    it.ctx.runningJob = true;
    it.ctx.quiddity = job.quiddity;
    // A job is a transaction of its own: its class is the entry point (sharing, data/access.ts), and its DML does not
    // mix with what queued it (data/mixed-dml.ts).
    it.ctx.mixedDml = {};
    it.entryFrame = it.frames.length;
    try {
      job.run();
    } finally {
      it.ctx.runningJob = wasRunning;
      it.ctx.quiddity = quiddity;
      it.ctx.mixedDml = mixedDml;
      it.entryFrame = entryFrame;
    }
  }
}

function executeBatch(it: Interpreter, batch: Value, size: number, pos: Pos): Value {
  if (!(batch instanceof ApexObject)) {
    return it.npe(pos);
  }
  if (size < 1 || size > 2000) {
    // "If you set scope to a higher value, Salesforce chunks the records into smaller batches of up to 2,000".
    size = Math.min(Math.max(size, 1), 2000);
  }
  const jobId = createJobRecord(it, batch, 'BatchApex', pos);
  enqueue(it, jobId, () => runBatch(it, jobId, batch, size, pos), 'BATCH_APEX');
  return jobId;
}

export const EXECUTE_BATCH: Native = (it, _s, a, pos) =>
  a.length === 1 || a.length === 2
    ? executeBatch(it, a[0] ?? null, a.length === 2 ? int(it, a[1], pos) : 200, pos)
    : NO_METHOD;

export const ENQUEUE_JOB: Native = (it, _s, a, pos) => {
  if (a.length !== 1) {
    return NO_METHOD;
  }
  const job = a[0] ?? null;
  if (!(job instanceof ApexObject)) {
    return it.npe(pos);
  }
  countQueueableJob(it, pos);
  const jobId = createJobRecord(it, job, 'Queueable', pos);
  // The job runs on the copy serialized now (Apex Developer Guide "Queueable Apex"): later changes on either side are
  // not shared.
  const copy = serializedCopy(job, (x) => it.key(x)) as ApexObject;
  enqueue(it, jobId, () => runQueueable(it, jobId, copy, pos), 'QUEUEABLE');
  return jobId;
};

/**
 * A `@future` call (Apex Developer Guide "Future Methods"): queued like a Queueable, with its arguments copied now, its
 * AsyncApexJob (JobType Future, MethodName) written, and run later in a transaction of its own — in a test at
 * Test.stopTest() or when the test method returns.
 */
export function queueFuture(
  it: Interpreter,
  owner: ClassInfo,
  method: string,
  args: Value[],
  run: (args: Value[]) => void,
  pos: Pos
): void {
  const copies = args.map((a) => serializedCopy(a, (x) => it.key(x)));
  const jobId = createJobRecord(it, new ApexObject(owner), 'Future', pos, { methodname: method });
  enqueue(
    it,
    jobId,
    () => {
      updateJob(it, jobId, { status: 'Processing' });
      withOwnLimits(it, () => run(copies));
      updateJob(it, jobId, { status: 'Completed', completeddate: new ApexDatetime(it.ctx.now()) });
    },
    'FUTURE'
  );
}

/** System.isBatch(), isQueueable(), isFuture(), isScheduled() (Apex Reference Guide "System Class"): the running job's
 * kind.
 */
const runningAs =
  (quiddity: string): Native =>
  (it, _s, a) =>
    a.length === 0 ? it.ctx.quiddity === quiddity : NO_METHOD;

export const ASYNC_CONTEXT: Record<string, Native> = {
  isbatch: runningAs('BATCH_APEX'),
  isqueueable: runningAs('QUEUEABLE'),
  isfuture: runningAs('FUTURE'),
  isscheduled: runningAs('SCHEDULED')
};

function insertRow(it: Interpreter, object: string, values: Record<string, Value>, pos: Pos): string {
  const s = storeOf(it);
  const d = it.registry.schema.describe(object);
  if (!d) {
    throw new RuntimeGap(`the schema has no ${object} object`, pos);
  }
  const id = s.newId(d);
  const now = new ApexDatetime(s.auditTime(it.ctx.now()));
  const row = new Map<string, Value>(Object.entries({ id, createddate: now, lastmodifieddate: now, ...values }));
  s.put(d, id, row);
  return id;
}

/**
 * System.schedule(name, cronExpression, schedulable) (Apex Reference Guide "System Class", Apex Developer Guide "Apex
 * Scheduler"): writes the CronJobDetail (JobType '7', Scheduled Apex), the CronTrigger (State WAITING) and a queued
 * AsyncApexJob (JobType ScheduledApex), and returns the CronTrigger id. In a test the job's execute(SchedulableContext)
 * runs at Test.stopTest() (Apex Developer Guide "Testing the Apex Scheduler"); outside tests it never fires (there is
 * no clock-driven scheduler). The cron expression is stored as given (not validated). NextFireTime is computed for the
 * daily form "s m h * * ?" (or with ? / * in either day field), in the running user's time zone (Apex Developer Guide
 * "Apex Scheduler": the schedule follows the scheduling user's time zone); other forms leave it null (not modelled). A
 * name already scheduled is System.AsyncException.
 */
/** The next fire time of a daily cron expression ("s m h * * ?"), after `now`; null for any other form. */
export function nextDailyFire(cron: string, now: number, tz: string): ApexDatetime | null {
  const [sec, min, hour, dayOfMonth, month, dayOfWeek, year] = cron.trim().split(/\s+/);
  const fixed = [sec, min, hour].map((p) => (p !== undefined && /^\d+$/.test(p) ? Number(p) : NaN));
  const any = (p: string | undefined): boolean => p === '*' || p === '?';
  if (fixed.some(Number.isNaN) || !any(dayOfMonth) || month !== '*' || !any(dayOfWeek) || (year && year !== '*')) {
    return null;
  }
  const [s = 0, m = 0, h = 0] = fixed;
  const today = wallClock(now, tz);
  let at = fromWallClock(tz, today.year, today.month, today.day, h, m, s);
  if (at <= now) {
    at = fromWallClock(tz, today.year, today.month, today.day + 1, h, m, s);
  }
  return new ApexDatetime(at);
}

function schedule(it: Interpreter, a: Value[], pos: Pos): Value {
  const [name = null, cron = null, job = null] = a;
  if (typeof name !== 'string' || typeof cron !== 'string' || !(job instanceof ApexObject)) {
    return it.npe(pos);
  }
  const s = storeOf(it);
  for (const row of s.tables.get('cronjobdetail')?.values() ?? []) {
    if (row.get('name') === name) {
      it.raise('AsyncException', `The Apex job named "${name}" is already scheduled for execution.`, pos);
    }
  }
  const detailId = insertRow(it, 'CronJobDetail', { name, jobtype: '7' }, pos);
  const triggerId = insertRow(
    it,
    'CronTrigger',
    {
      cronexpression: cron,
      cronjobdetailid: detailId,
      state: 'WAITING',
      timestriggered: 0,
      nextfiretime: nextDailyFire(cron, it.ctx.now(), userTimeZone(it.ctx)),
      starttime: new ApexDatetime(it.ctx.now()),
      ownerid: it.ctx.runningUserId ?? null,
      createdbyid: it.ctx.runningUserId ?? null
    },
    pos
  );
  const jobId = createJobRecord(it, job, 'ScheduledApex', pos, { crontriggerid: triggerId });
  if (it.ctx.isTest) {
    enqueue(
      it,
      jobId,
      () => {
        updateJob(it, jobId, { status: 'Processing' });
        withOwnLimits(it, () =>
          call(it, job, 'execute', [new NativeObject('System.SchedulableContext', triggerId)], pos)
        );
        updateJob(it, triggerId, { timestriggered: 1, previousfiretime: new ApexDatetime(it.ctx.now()) });
        updateJob(it, jobId, { status: 'Completed', completeddate: new ApexDatetime(it.ctx.now()) });
      },
      'SCHEDULED'
    );
  }
  return triggerId;
}

export const SCHEDULE: Native = (it, _s, a, pos) => (a.length === 3 ? schedule(it, a, pos) : NO_METHOD);
