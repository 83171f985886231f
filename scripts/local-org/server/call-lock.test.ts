/**
 * Two requests for one call at once (issue #13 point 8). On a real org two requests run concurrently: without a lock,
 * both could read the call's event log before either wrote it, and an event would stay Deferred beside the Task the
 * other request created. The package locks each call (MiiTelCallLocks, SELECT … FOR UPDATE) before reading. This
 * test plays every interleaving of two requests that the platform allows (interleave.ts: the second request runs
 * whole before each statement of the first, up to its first write; one that would wait for the first's lock is
 * counted as blocked, which on an org means it runs after) and asserts that each leaves the call's Task and event log
 * as the serial order does. The Apex under test is the package's own; this file only sends requests and reads rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallEvent } from '../../contract/generated/client.ts';
import { executeDml } from '../data/dml.ts';
import { interleavings, type RestCall } from '../interleave.ts';
import { invokeRest } from '../rest.ts';
import { loadProject, type LocalOrg } from '../runtime.ts';
import { callEvents } from './demo-call.ts';
import { OrgService, SERVER_POS } from './org-service.ts';
import { seedAdmin, seedDemo } from './seed-demo.ts';

const TASK_FIELDS =
  'Subject, Description, Status, CallType, CallDurationInSeconds, OwnerId, WhoId, MiiTel_Call_Memo__c';

const CALL_ID = 'lock-call';
const [STARTED, ENDED, TRANSCRIBED, MEMO] = callEvents(CALL_ID) as [CallEvent, CallEvent, CallEvent, CallEvent];

function post(events: CallEvent[]): RestCall {
  return {
    method: 'POST',
    path: '/services/apexrest/miitel/v1/call-events',
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(JSON.stringify({ events }))
  };
}

function invokeRestCall(org: LocalOrg, c: RestCall): void {
  const r = invokeRest(org, c.method, c.path, c.headers, c.body);
  assert.equal(r.status, 200, r.body.toString());
}

/** The demo org, logging a Task when the call ends (the timing under which a started event is deferred). */
function demoOrg(): { org: LocalOrg; service: OrgService } {
  const org = loadProject('.');
  const service = new OrgService(org);
  seedAdmin(service);
  seedDemo(service);
  service.run((it) => {
    const settings = service.query(it, 'SELECT Id FROM MiiTel_Settings__c');
    const record = typeof settings === 'number' ? undefined : settings[0];
    assert.ok(record, 'the demo seed saves the settings');
    record.set('MiiTel_Logging_Timing__c', 'CallEnded');
    executeDml(it, 'update', [record], { allOrNone: true, pos: SERVER_POS });
  });
  return { org, service };
}

/** The call's Tasks (the fields the bridge writes), its logged events' statuses and its lock rows. */
function callState(service: OrgService): {
  tasks: Record<string, string>[];
  log: Record<string, string>;
  locks: number;
} {
  return service.run((it) => {
    const tasks = service.query(it, `SELECT ${TASK_FIELDS} FROM Task WHERE MiiTel_Call_Id__c = '${CALL_ID}'`);
    const log = service.query(
      it,
      `SELECT MiiTel_Event_Id__c, MiiTel_Status__c FROM MiiTel_Call_Event__c WHERE MiiTel_Call_Id__c = '${CALL_ID}'`
    );
    const locks = service.query(it, `SELECT Id FROM MiiTel_Call_Lock__c WHERE MiiTel_Call_Id__c = '${CALL_ID}'`);
    assert.ok(typeof tasks !== 'number' && typeof log !== 'number' && typeof locks !== 'number');
    return {
      tasks: tasks.map((t) =>
        Object.fromEntries(TASK_FIELDS.split(', ').map((f) => [f, it.str(t.fields.get(f.toLowerCase()) ?? null)]))
      ),
      log: Object.fromEntries(
        log.map((e) => [
          it.str(e.fields.get('miitel_event_id__c') ?? null),
          it.str(e.fields.get('miitel_status__c') ?? null)
        ])
      ),
      locks: locks.length
    };
  });
}

interface Case {
  name: string;
  /** Events of the call sent before the two concurrent requests (its lock row exists then). */
  before: CallEvent[];
  a: CallEvent[];
  b: CallEvent[];
}

const CASES: Case[] = [
  { name: 'started / ended', before: [], a: [STARTED], b: [ENDED] },
  { name: 'ended / transcribed', before: [], a: [ENDED], b: [TRANSCRIBED] },
  { name: 'started+ended / memo', before: [], a: [STARTED, ENDED], b: [MEMO] },
  { name: 'after started: ended / transcribed', before: [STARTED], a: [ENDED], b: [TRANSCRIBED] }
];

for (const { name, before, a, b } of CASES) {
  test(`${name}: every interleaving of two requests for one call leaves the serial outcome`, () => {
    const { org, service } = demoOrg();
    if (before.length > 0) {
      invokeRestCall(org, post(before));
    }
    const runs = interleavings(org, post(a), post(b), () => callState(service));
    const serial = runs[0]?.state;
    assert.ok(serial, 'the serial order ran');
    assert.equal(serial.tasks.length, 1, 'one Task for the call');
    assert.equal(serial.locks, 1, 'one lock row for the call');
    assert.ok(
      Object.values(serial.log).every((status) => status === 'Applied'),
      `every event applied: ${JSON.stringify(serial.log)}`
    );
    const played = runs.filter((r) => !r.blocked);
    assert.ok(played.length > 2, `interleavings besides the two serial orders were played (${runs.length} in all)`);
    if (before.length > 0) {
      // The call's lock row exists: once one request holds it, the other would wait (it runs after, on an org).
      assert.ok(
        runs.some((r) => r.blocked),
        `some interleavings wait for the lock: ${runs.map((r) => r.label).join('; ')}`
      );
    }
    for (const run of played) {
      for (const result of run.results ?? []) {
        assert.equal(result.status, 200, `${run.label}: ${result.body.toString()}`);
        assert.doesNotMatch(result.body.toString(), /"failed"/, `${run.label}: no event fails`);
      }
      assert.deepEqual(run.state, serial, `${run.label} leaves what the serial order leaves`);
    }
  });
}
