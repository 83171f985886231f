/**
 * Any split, any order, the same Task (issue #13 point 3). MiiTel may deliver a call's events in one request or in
 * several, in any order (retries, parallel senders). Whatever the split and the arrival order, the call's final Task
 * must equal the Task of the same events sent in order in one request. Each trial uses its own call id in one org
 * (the demo seed: settings enabled, a Contact holding the number, MiiTel users mapped to Salesforce users) and compares
 * every field the bridge writes except the call id itself. The Apex under test is the package's own; this file only
 * sends requests and reads Tasks.
 *
 * Deterministic by default (seed 1, 20 trials per timing). More: `MIITEL_ORDER_SEED=7 MIITEL_ORDER_TRIALS=500
 * node_modules/.bin/tsx --test scripts/local-org/server/event-order.test.ts`; a failure names its seed and trial.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallEvent } from '../../contract/generated/client.ts';
import { callEvents } from './demo-call.ts';
import { executeDml } from '../data/dml.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { random } from '../../simulator/scenarios.ts';
import { invokeRest } from '../rest.ts';
import { loadProject } from '../runtime.ts';
import { OrgService, SERVER_POS } from './org-service.ts';
import { seedAdmin, seedDemo } from './seed-demo.ts';

const SEED = Number(process.env.MIITEL_ORDER_SEED ?? '1');
const TRIALS = Number(process.env.MIITEL_ORDER_TRIALS ?? '20');

/** A random split of the events into 1–5 requests, shuffled within and across requests. */
function randomRequests(events: CallEvent[], next: () => number): CallEvent[][] {
  const shuffled = [...events];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as CallEvent, shuffled[i] as CallEvent];
  }
  const requests: CallEvent[][] = [];
  const count = 1 + Math.floor(next() * 5);
  shuffled.forEach((event, i) => {
    const slot = i < count ? i : Math.floor(next() * count);
    (requests[slot] ??= []).push(event);
  });
  return requests.filter((r) => r.length > 0);
}

/** Every Task field the bridge writes, except the call id and the call object (the call id again). */
const COMPARED =
  'Subject, Description, Status, IsClosed, ActivityDate, TaskSubtype, CallType, CallDurationInSeconds, OwnerId, WhoId, ' +
  'WhatId, MiiTel_Call_Url__c, MiiTel_Dial_Started_At__c, MiiTel_Call_Started_At__c, MiiTel_Call_Ended_At__c, ' +
  'MiiTel_Call_Memo__c';

function setUp(timing: 'CallEnded' | 'CallStarted'): {
  post: (events: CallEvent[]) => unknown;
  task: (callId: string) => Record<string, unknown>;
} {
  const org = loadProject('.');
  const service = new OrgService(org);
  seedAdmin(service);
  seedDemo(service);
  service.run((it: Interpreter) => {
    const settings = service.query(it, 'SELECT Id FROM MiiTel_Settings__c');
    const record = typeof settings === 'number' ? undefined : settings[0];
    assert.ok(record, 'the demo seed saves the settings');
    record.set('MiiTel_Logging_Timing__c', timing);
    record.set('MiiTel_Comment_Template__c', null);
    executeDml(it, 'update', [record], { allOrNone: true, pos: SERVER_POS });
  });
  return {
    post: (events) => {
      const r = invokeRest(
        org,
        'POST',
        '/services/apexrest/miitel/v1/call-events',
        { 'Content-Type': 'application/json' },
        Buffer.from(JSON.stringify({ events }))
      );
      assert.equal(r.status, 200, r.body.toString());
      const results = (JSON.parse(r.body.toString()) as { results: { status: string }[] }).results;
      assert.ok(
        results.every((x) => x.status !== 'failed'),
        `no event fails: ${r.body.toString()}`
      );
      return results;
    },
    task: (callId) =>
      service.run((it) => {
        const rows = service.query(it, `SELECT ${COMPARED} FROM Task WHERE MiiTel_Call_Id__c = '${callId}'`);
        assert.ok(typeof rows !== 'number' && rows.length === 1, `one Task for ${callId}`);
        return Object.fromEntries(
          COMPARED.split(', ').map((f) => [f, it.str(rows[0]?.fields.get(f.toLowerCase()) ?? null)])
        );
      })
  };
}

for (const timing of ['CallEnded', 'CallStarted'] as const) {
  test(`${timing}: any split of a call's events into requests, in any order, gives the in-order Task (seed ${SEED}, ${TRIALS} trials)`, () => {
    const org = setUp(timing);
    org.post(callEvents('in-order'));
    const expected = org.task('in-order');
    assert.match(String(expected.Description), /佐藤|山田|担当|所有者|Owner/u, 'the in-order comment names the owner');
    const next = random(SEED);
    for (let trial = 0; trial < TRIALS; trial++) {
      const callId = `trial-${trial}`;
      const requests = randomRequests(callEvents(callId), next);
      requests.forEach((events) => org.post(events));
      assert.deepEqual(
        org.task(callId),
        expected,
        `seed ${SEED}, trial ${trial}: requests ${JSON.stringify(requests.map((r) => r.map((e) => e.eventId.split('-').pop())))}`
      );
    }
  });
}
