/**
 * The org's event bus outside tests (event-bus.ts, stdlib/event-bus-state.ts) on fixtures/event-bus: Bus_Event__e
 * (BusTrigger as bus@bus.local, batches of 3, no checkpoints) and Bus_Open__e (BusOpenTrigger as the Automated Process
 * user, batches of 2,000, a checkpoint after each event); fixtures/event-bus/classes/BusHandler.cls says what each
 * body does. Events are published by separate Apex REST requests (BusResource), each its own transaction.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { busOf, PlatformEventBus } from './event-bus.ts';
import { invokeRest } from './rest.ts';
import { loadProject, type LocalOrg } from './runtime.ts';
import type { ApexSObject } from './values/values.ts';

const FIXTURE = 'scripts/local-org/fixtures/event-bus';

function setup(): { org: LocalOrg; bus: PlatformEventBus; post: (body: string, event?: string) => ApexSObject[] } {
  const org = loadProject(FIXTURE);
  const post = (body: string, event = 'Bus_Open__e'): ApexSObject[] => {
    const res = invokeRest(org, 'POST', `/services/apexrest/bus?event=${event}`, {}, Buffer.from(body));
    assert.equal(res.status, 200, res.body.toString());
    return res.events;
  };
  return { org, bus: new PlatformEventBus(org), post };
}

/** The org's Tasks as `subject | description`, in insertion order. */
function tasks(org: LocalOrg): string[] {
  return [...(org.data.tables.get('task')?.values() ?? [])].map(
    (r) => `${String(r.get('subject'))} | ${String(r.get('description') ?? '')}`
  );
}

const subject = (org: LocalOrg, s: string): string[] => tasks(org).filter((t) => t.startsWith(`${s} |`));

test('events of separate publishers accumulate into one batch, in ReplayId order, as the Automated Process user', () => {
  const { org, bus, post } = setup();
  for (const body of ['one', 'two', 'three']) {
    bus.publish(post(body));
  }
  const report = bus.round();
  assert.equal(report.runs, 1, 'one trigger run');
  assert.deepEqual(report.records[0]?.replayIds, ['1', '2', '3']);
  assert.deepEqual(tasks(org), [
    'one | n=3 r=0 e=null u=autoproc@00dlo0000000001maa id=1',
    'two | n=3 r=0 e=null u=autoproc@00dlo0000000001maa id=2',
    'three | n=3 r=0 e=null u=autoproc@00dlo0000000001maa id=3'
  ]);
  assert.equal(bus.subscribers()[0]?.position, '3');
});

test('the configured batch size splits a round into batches of 3, 3 and 1, run as the configured user', () => {
  const { org, bus, post } = setup();
  for (let i = 1; i <= 7; i++) {
    bus.publish(post(`e${i}`, 'Bus_Event__e'));
  }
  const report = bus.round();
  assert.deepEqual(
    report.records.map((r) => r.replayIds.join(',')),
    ['1,2,3', '4,5,6', '7']
  );
  assert.deepEqual(subject(org, 'e7'), ['e7 | n=1 r=0 e=null u=bus@bus.local id=7']);
  assert.match(subject(org, 'e1')[0] ?? '', /n=3 .* u=bus@bus\.local id=1$/);
});

test('RetryableException: rolled back, redelivered next round with retries and lastError, merged with newer events', () => {
  const { org, bus, post } = setup();
  bus.publish(post('retry2', 'Bus_Event__e'));
  let report = bus.round();
  assert.equal(report.records[0]?.outcome, 'retry');
  assert.deepEqual(tasks(org), [], 'the Task written before the throw is rolled back');
  bus.publish(post('late', 'Bus_Event__e'));
  report = bus.round();
  assert.deepEqual(report.records[0]?.replayIds, ['1', '2'], 'the retried batch comes with the newer event');
  assert.equal(report.records[0]?.retries, 1);
  assert.deepEqual(bus.subscribers()[0]?.retries, 2);
  assert.deepEqual(bus.subscribers()[0]?.lastError, 'retry 1');
  report = bus.round();
  assert.equal(report.records[0]?.outcome, 'processed');
  assert.deepEqual(tasks(org), [
    'before retry 2 | ',
    'retry2 | n=2 r=2 e=retry 1 u=bus@bus.local id=1',
    'late | n=2 r=2 e=retry 1 u=bus@bus.local id=2'
  ]);
  assert.equal(bus.subscribers()[0]?.position, '2');
  assert.equal(bus.subscribers()[0]?.retries, 2, 'EventBusSubscriber.Retries stays after the success');
  const row = [...(org.data.tables.get('eventbussubscriber')?.values() ?? [])].map((r) =>
    ['name', 'topic', 'position', 'tip', 'retries', 'lasterror', 'status'].map((f) => r.get(f))
  );
  assert.deepEqual(row, [['BusTrigger', 'Bus_Event__e', 2, 2, 2, 'retry 1', 'Running']], 'the EventBusSubscriber row');
});

test('after the initial run and nine retries the trigger is in the error state; later events never reach it', () => {
  const { org, bus, post } = setup();
  bus.publish(post('retry99', 'Bus_Event__e'));
  const report = bus.drain();
  assert.equal(report.runs, 10, 'the initial run plus nine retries');
  assert.deepEqual(
    report.records.map((r) => r.retries),
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
  );
  assert.equal(report.records[9]?.errorState, true);
  const [state] = bus.subscribers();
  assert.equal(state?.status, 'Error');
  assert.equal(state?.lastError, 'retry 9');
  bus.publish(post('while in error', 'Bus_Event__e'));
  assert.equal(bus.drain().runs, 0);
  assert.deepEqual(tasks(org), []);
  assert.equal(bus.resume('BusTrigger'), true, 'fixed and saved');
  bus.publish(post('after resume', 'Bus_Event__e'));
  bus.drain();
  assert.deepEqual(
    tasks(org).map((t) => t.split(' | ')[0]),
    ['after resume'],
    'events sent while in the error state are not resent'
  );
});

test('an uncaught exception without a checkpoint drops the batch: rolled back, not redelivered, still Running', () => {
  const { org, bus, post } = setup();
  bus.publish(post('fine', 'Bus_Event__e'));
  bus.publish(post('boom', 'Bus_Event__e'));
  const report = bus.drain();
  assert.equal(report.runs, 1);
  assert.deepEqual(report.failures, [{ trigger: 'BusTrigger', message: 'System.IllegalArgumentException: boom at 2' }]);
  assert.deepEqual(tasks(org), [], "the batch's work is rolled back");
  assert.equal(bus.subscribers()[0]?.status, 'Running');
  assert.equal(bus.subscribers()[0]?.position, '2');
  assert.deepEqual(bus.takeLog(), [
    'platform event trigger BusTrigger batch 1..2 failed (batch rolled back and dropped): System.IllegalArgumentException: boom at 2'
  ]);
});

test('a checkpoint resumes after an uncaught exception with the events after it; the failed run is committed', () => {
  const { org, bus, post } = setup();
  for (const body of ['a', 'b', 'boomonce', 'c']) {
    bus.publish(post(body));
  }
  let report = bus.round();
  assert.equal(report.records[0]?.outcome, 'failed');
  assert.equal(report.records[0]?.checkpoint, '2');
  assert.deepEqual(
    tasks(org).map((t) => t.split(' | ')[0]),
    ['a', 'b', 'boomonce marker'],
    'committed ("DML operations performed are committed")'
  );
  report = bus.round();
  assert.deepEqual(report.records[0]?.replayIds, ['3', '4']);
  assert.deepEqual(subject(org, 'c'), ['c | n=2 r=0 e=null u=autoproc@00dlo0000000001maa id=4']);
});

test('with checkpointDml rolled-back the failed run keeps nothing, and the events before the checkpoint are lost', () => {
  const { org, bus, post } = setup();
  bus.checkpointDml = 'rolled-back';
  for (const body of ['a', 'b', 'boomonce', 'c']) {
    bus.publish(post(body));
  }
  const report = bus.drain();
  assert.deepEqual(
    report.records.map((r) => `${r.replayIds.join(',')}:${r.outcome}:${r.checkpoint ?? '-'}`),
    ['1,2,3,4:failed:2', '3,4:failed:-']
  );
  assert.deepEqual(tasks(org), []);
});

test('a LimitException after a checkpoint resumes after it', () => {
  const { org, bus, post } = setup();
  for (const body of ['a', 'limit', 'c']) {
    bus.publish(post(body));
  }
  const report = bus.drain();
  assert.deepEqual(
    report.records.map((r) => `${r.replayIds.join(',')}:${r.outcome}:${r.checkpoint ?? '-'}:${r.message ?? ''}`),
    [
      '1,2,3:failed:1:System.LimitException: Too many SOQL queries: 101',
      '2,3:failed:-:System.LimitException: Too many SOQL queries: 101'
    ],
    'the second run has no checkpoint before the limit: dropped'
  );
  assert.deepEqual(
    tasks(org).map((t) => t.split(' | ')[0]),
    ['a']
  );
});

test('a run that returns after checkpointing an earlier event fires again with the rest', () => {
  const { org, bus, post } = setup();
  for (const body of ['a', 'stop', 'c', 'badcp']) {
    bus.publish(post(body));
  }
  const report = bus.drain();
  assert.deepEqual(
    report.records.map((r) => r.replayIds.join(',')),
    ['1,2,3,4', '3,4']
  );
  assert.deepEqual(
    tasks(org).map((t) => t.split(' | ')[0]),
    ['a', 'stop', 'c', 'badcp EventBus.InvalidReplayIdException']
  );
});

test('events a trigger run publishes wait for the next round', () => {
  const { org, bus, post } = setup();
  bus.publish(post('publish'));
  assert.equal(bus.round().runs, 1);
  assert.equal(bus.subscribers().find((s) => s.name === 'BusTrigger')?.pending, 1);
  assert.equal(bus.round().runs, 1);
  assert.deepEqual(subject(org, 'published by a trigger'), [
    'published by a trigger | n=1 r=0 e=null u=bus@bus.local id=1'
  ]);
});

test('publish callbacks run as the Automated Process user when events enter the bus, or fail when forced', () => {
  const { org, bus } = setup();
  const post = (body: string): ApexSObject[] =>
    invokeRest(org, 'POST', '/services/apexrest/bus?event=Bus_Open__e&callback=1', {}, Buffer.from(body)).events;
  bus.failNextPublishes(1);
  const failed = bus.publish(post('lost'));
  assert.deepEqual([failed.failed, failed.published, failed.callbacks], [1, 0, 1]);
  const ok = bus.publish(post('kept'));
  assert.deepEqual([ok.failed, ok.published, ok.callbacks], [0, 1, 1]);
  bus.drain();
  const rows = [...(org.data.tables.get('task')?.values() ?? [])];
  assert.deepEqual(
    rows.map((r) => String(r.get('subject'))),
    ['callback failure', 'callback success', 'kept']
  );
  assert.equal(rows[0]?.get('ownerid'), org.registry.seededUsers.automatedProcess);
  assert.match(String(rows[0]?.get('description')), /^[0-9a-f-]{36}$/, 'the EventUuid of the failed event');
});

test('a configured subscriber user who is not a user of the org stays loud', () => {
  const org = loadProject(FIXTURE);
  const config = org.registry.sites.subscribers[0];
  assert.ok(config);
  (config as { user: string }).user = 'nobody@bus.local';
  const res = invokeRest(org, 'POST', '/services/apexrest/bus?event=Bus_Event__e', {}, Buffer.from('x'));
  assert.throws(() => busOf(org).publish(res.events), /the user 'nobody@bus\.local' of BusSubscriber is not a user/);
});
