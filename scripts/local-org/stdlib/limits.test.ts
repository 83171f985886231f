/**
 * Limits methods of stdlib/limits.ts (Apex Reference Guide "Limits Class"; Apex Developer Guide "Execution Governors
 * and Limits": 50 queueable jobs per synchronous transaction, 150 immediate EventBus.publish calls, 10,000
 * Database.getQueryLocator rows, 50 @future calls; Apex Reference Guide "Cursor Class": 50 million rows per cursor, 100
 * fetch calls per transaction).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Schema } from '../schema/schema.ts';
import { apexError, evalApex, runClass, runInSchema } from '../test-helpers.ts';

const fixture = new Schema(['scripts/local-org/fixtures/custom-metadata']);

const JOB = `public class Job implements Queueable { public void execute(QueueableContext c) {} }`;

test('the limit values documented for a synchronous transaction', () => {
  assert.equal(
    evalApex(
      `Limits.getLimitQueueableJobs() + ' ' + Limits.getLimitPublishImmediateDML() + ' ' + Limits.getLimitQueryLocatorRows() + ' ' + Limits.getLimitApexCursorRows() + ' ' + Limits.getLimitFetchCallsOnApexCursor()`
    ),
    '50 150 10000 50000000 100'
  );
});

test('counters the runtime never increments (cursors, async calls) read 0', () => {
  assert.equal(
    evalApex(
      `Limits.getApexCursorRows() + ' ' + Limits.getFetchCallsOnApexCursor() + ' ' + Limits.getAsyncCalls() + ' ' + Limits.getApexCursors()`
    ),
    '0 0 0 0'
  );
});

test('System.enqueueJob counts against getQueueableJobs; Test.startTest() starts a fresh count', () => {
  const text = runInSchema(
    new Schema([]),
    `System.enqueueJob(new Job()); System.enqueueJob(new Job());
     String before = '' + Limits.getQueueableJobs();
     Test.startTest();
     String inside = '' + Limits.getQueueableJobs();
     return before + ' ' + inside;`,
    { Job: JOB }
  );
  assert.equal(text, '2 0');
});

test('the 51st System.enqueueJob in a synchronous transaction is a LimitException', () => {
  assert.equal(
    apexError(`for (Integer i = 0; i < 51; i++) { System.enqueueJob(new Job()); }`, { Job: JOB }).text,
    'System.LimitException: Too many queueable jobs added to the queue: 51'
  );
});

test('a call of a @future method counts against getFutureCalls; other static methods do not', () => {
  const F = `public class F { @future public static void later() {} public static void now() {} }`;
  assert.equal(
    runClass(`public static Object run() { F.later(); F.later(); F.now(); return Limits.getFutureCalls(); }`, { F })
      .text,
    '2'
  );
});

test('EventBus.publish of a Publish Immediately event counts one call, whatever the number of events', () => {
  assert.equal(
    runInSchema(
      fixture,
      `EventBus.publish(new Ping__e()); EventBus.publish(new List<Ping__e>{ new Ping__e(), new Ping__e() });
       EventBus.publish(new Alert__e());
       return Limits.getPublishImmediateDML() + ' ' + Limits.getDmlStatements();`
    ),
    '2 1'
  );
});

test('Database.getQueryLocator counts the rows it retrieves against getQueryLocatorRows', () => {
  assert.equal(
    runInSchema(
      fixture,
      `insert new List<Widget__c>{ new Widget__c(Name = 'a'), new Widget__c(Name = 'b') };
       Database.getQueryLocator('SELECT Id FROM Widget__c');
       return Limits.getQueryLocatorRows();`
    ),
    '2'
  );
});
