/**
 * Batch, Queueable and Scheduled Apex in tests (Apex Developer Guide: "Testing Batch Apex", "Testing Asynchronous
 * Apex", "Testing the Apex Scheduler"): jobs queued after Test.startTest() run at Test.stopTest(); the AsyncApexJob and
 * CronTrigger records are queryable; an exception in a job reaches the test; a test may run one execute only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApexThrow } from '../values/errors.ts';
import { loadSources } from '../runtime.ts';
import { nextDailyFire, runPendingJobs } from './async.ts';

const BATCH = `public class Counter implements Database.Batchable<SObject>, Database.Stateful {
  public static Integer executes = 0;
  public Integer seen = 0;
  public Boolean chain = false;
  public Database.QueryLocator start(Database.BatchableContext bc) {
    return Database.getQueryLocator([SELECT Id FROM Account]);
  }
  public void execute(Database.BatchableContext bc, List<Account> scope) {
    executes++;
    seen += scope.size();
    System.assertEquals(0, Limits.getQueries(), 'each execute has its own limits');
  }
  public void finish(Database.BatchableContext bc) {
    insert new Account(Name = 'finished ' + seen + ' ' + Request.getCurrent().getQuiddity());
    if (chain) { Database.executeBatch(new Counter()); }
  }
}`;

const QUEUEABLE = `public class Job implements Queueable {
  public void execute(QueueableContext ctx) { insert new Account(Name = 'queued ' + (ctx.getJobId() != null)); }
}`;

const SCHEDULED = `public class Nightly implements Schedulable {
  public void execute(SchedulableContext ctx) { insert new Account(Name = 'scheduled'); Database.executeBatch(new Counter()); }
}`;

/** Runs `body` as a test method (isTest) and then the jobs left queued, as the runner does. */
function runTest(body: string): string {
  const org = loadSources([
    { file: 'T.cls', source: `public class T { public static Object run() { ${body} } }` },
    { file: 'Counter.cls', source: BATCH },
    { file: 'Job.cls', source: QUEUEABLE },
    { file: 'Nightly.cls', source: SCHEDULED }
  ]);
  const it = org.transaction();
  it.ctx.isTest = true;
  const v = it.runStatic(org.classNamed('T'), 'run');
  runPendingJobs(it);
  return it.str(v);
}

test('executeBatch queues the job; it runs at Test.stopTest() and its AsyncApexJob is Completed', () => {
  const text = runTest(`
    insert new List<Account>{ new Account(Name = 'a'), new Account(Name = 'b') };
    Test.startTest();
    Id jobId = Database.executeBatch(new Counter());
    AsyncApexJob queued = [SELECT Status, JobType, ApexClass.Name FROM AsyncApexJob WHERE Id = :jobId];
    String before = queued.Status + ' ' + queued.JobType + ' ' + queued.ApexClass.Name + ' ' + Counter.executes;
    Test.stopTest();
    AsyncApexJob done = [SELECT Status, TotalJobItems, JobItemsProcessed, NumberOfErrors, CompletedDate FROM AsyncApexJob WHERE Id = :jobId];
    return String.valueOf(jobId).left(3) + ' | ' + before + ' | ' + done.Status + ' ' + done.TotalJobItems + ' ' +
      done.JobItemsProcessed + ' ' + done.NumberOfErrors + ' ' + (done.CompletedDate != null) + ' ' + Counter.executes +
      ' | ' + [SELECT Name FROM Account WHERE Name LIKE 'finished%'].Name;`);
  assert.equal(text, '707 | Queued BatchApex Counter 0 | Completed 1 1 0 true 1 | finished 2 BATCH_APEX');
});

test('a job queued outside startTest/stopTest runs when the test method returns; chained jobs are not run', () => {
  const text = runTest(`
    Counter c = new Counter(); c.chain = true;
    Id jobId = Database.executeBatch(c);
    return [SELECT Status FROM AsyncApexJob WHERE Id = :jobId].Status + ' ' + Counter.executes;`);
  assert.equal(text, 'Queued 0');
  assert.equal(
    runTest(`
      Counter c = new Counter(); c.chain = true;
      Test.startTest(); Database.executeBatch(c); Test.stopTest();
      return [SELECT Status FROM AsyncApexJob ORDER BY CreatedDate].size() + ' ' + [SELECT Status FROM AsyncApexJob ORDER BY CreatedDate][1].Status;`),
    '2 Queued'
  );
});

test('in a test, more records than the scope size is UnexpectedException (one execute per test)', () => {
  assert.throws(
    () =>
      runTest(`
        insert new List<Account>{ new Account(Name = 'a'), new Account(Name = 'b') };
        Test.startTest(); Database.executeBatch(new Counter(), 1); Test.stopTest(); return null;`),
    (e: unknown) =>
      e instanceof ApexThrow &&
      e.exception.cls.fullName === 'System.UnexpectedException' &&
      /^No more than one executeBatch can be called from within a test method/.test(
        e.exception.exception?.message ?? ''
      )
  );
});

test('System.enqueueJob runs the Queueable at stopTest', () => {
  assert.equal(
    runTest(`
      Test.startTest();
      Id jobId = System.enqueueJob(new Job());
      Test.stopTest();
      return [SELECT JobType, Status FROM AsyncApexJob WHERE Id = :jobId].JobType + ' ' + [SELECT Name FROM Account].Name;`),
    'Queueable queued true'
  );
});

test('System.schedule writes the CronTrigger; the job runs at stopTest, the batch it starts does not', () => {
  assert.equal(
    runTest(`
      Test.startTest();
      Id triggerId = System.schedule('nightly', '0 0 3 * * ?', new Nightly());
      Test.stopTest();
      CronTrigger ct = [SELECT CronExpression, State, TimesTriggered, CronJobDetail.Name FROM CronTrigger WHERE Id = :triggerId];
      return ct.CronExpression + ' ' + ct.State + ' ' + ct.TimesTriggered + ' ' + ct.CronJobDetail.Name + ' ' +
        [SELECT COUNT() FROM Account WHERE Name = 'scheduled'] + ' ' + Counter.executes;`),
    '0 0 3 * * ? WAITING 1 nightly 1 0'
  );
  assert.throws(
    () =>
      runTest(
        `System.schedule('x', '0 0 3 * * ?', new Nightly()); System.schedule('x', '0 0 3 * * ?', new Nightly()); return null;`
      ),
    (e: unknown) =>
      e instanceof ApexThrow &&
      e.exception.exception?.message === 'The Apex job named "x" is already scheduled for execution.'
  );
});

test('System.schedule: NextFireTime of a daily cron in the user time zone; other forms are not modelled (null)', () => {
  const now = Date.UTC(2026, 10, 23, 1, 2, 3); // 10:02:03 in Tokyo
  const iso = (cron: string): string | undefined => {
    const at = nextDailyFire(cron, now, 'Asia/Tokyo');
    return at ? new Date(at.ms).toISOString() : undefined;
  };
  assert.equal(iso('0 0 3 * * ?'), '2026-11-23T18:00:00.000Z', '03:00 tomorrow in Tokyo');
  assert.equal(iso('0 30 12 ? * *'), '2026-11-23T03:30:00.000Z', '12:30 today in Tokyo');
  assert.equal(iso('0 0 3 1 * ?'), undefined, 'monthly: not modelled');
  assert.equal(iso('0 0/5 * * * ?'), undefined, 'every five minutes: not modelled');
});
