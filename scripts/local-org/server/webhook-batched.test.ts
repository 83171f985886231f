/**
 * "200 means logged" over HTTP (issue #20): the MiiTel_Webhook site's path driven as its guest user with batched
 * event delivery (`--event-delivery batched`, no timer: events accumulate until `POST /local/event-bus/deliver`), so
 * the hand-over events of many requests reach MiiTelWebhookReceivedTrigger together, in batches of the subscriber
 * config's batchSize, as on the platform. Counts only: every call answered 200 ends as exactly one Task or as a kept
 * body in the event log; none is applied twice. The Apex under test is the package's own.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadProject } from '../runtime.ts';
import { startServer, type RunningServer } from './app.ts';

const PATH = '/miitel/services/apexrest/miitel/v1/webhook';
const SECRET = 'local-secret-0123456789abcdef';
const LINE =
  '0:00 (ユーザー) お世話になっております、株式会社テストの佐藤です。先日のお見積もりの件でお電話しました。\n';
let running: RunningServer;

before(async () => {
  running = await startServer({
    org: loadProject('.'),
    port: 0,
    seed: 'demo',
    webhookSecret: SECRET,
    eventDelivery: 'batched',
    eventDeliveryIntervalMs: 0
  });
});
after(() => running.close());

/** A MiiTel-shaped body of an answered outgoing call with a Japanese transcript of `length` characters. */
function body(callId: string, customer: string, length: number): unknown {
  const transcript = LINE.repeat(Math.ceil(length / LINE.length)).slice(0, length);
  return {
    call: {
      id: callId,
      tenant_code: 'example',
      details: [
        {
          id: callId,
          previous_id: null,
          dial_starts_at: '2026-11-23T01:00:00+00:00',
          dial_answered_at: '2026-11-23T01:00:06+00:00',
          dial_ends_at: '2026-11-23T01:20:05+00:00',
          call_type: 'OUTGOING_CALL',
          from_number: null,
          to_number: customer,
          analysis: { score: 71.25 },
          participants: [{ id: 'p-1', from_to: 'FROM', name: '佐藤 花子', login_id: 'sato@example.com' }],
          tags: [{ created_by: '佐藤 花子', creator_type: 'TENANT_USER', value: '折り返し希望' }],
          comments: [],
          phrases: [{ participant_id: 'p-1', raw: [{ phrase: transcript, phrase_nofiller: transcript }] }],
          speech_recognition: { raw: transcript, summary: '' }
        }
      ]
    }
  };
}

async function post(payload: unknown): Promise<number> {
  const res = await fetch(`${running.url}${PATH}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-MiiTel-Webhook-Secret': SECRET },
    body: JSON.stringify(payload)
  });
  await res.text();
  return res.status;
}

async function query(soql: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${running.url}/services/data/v65.0/query?q=${encodeURIComponent(soql)}`, {
    headers: { Authorization: `Bearer ${running.auth.fixedToken}` }
  });
  const json = (await res.json()) as { records?: Record<string, unknown>[] };
  assert.ok(res.ok, JSON.stringify(json));
  return json.records ?? [];
}

async function deliverAll(): Promise<{ runs: number; delivered: number }> {
  let runs = 0;
  let delivered = 0;
  for (let round = 0; round < 20; round++) {
    const res = await fetch(`${running.url}/local/event-bus/deliver`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${running.auth.fixedToken}` }
    });
    const json = (await res.json()) as { report: { runs: number; delivered: number } };
    assert.ok(res.ok, JSON.stringify(json));
    if (json.report.runs === 0) {
      break;
    }
    runs += json.report.runs;
    delivered += json.report.delivered;
  }
  return { runs, delivered };
}

test('sixty calls with 6,000-character Japanese transcripts, answered 200 and delivered in batches: sixty Tasks', async () => {
  const ids = Array.from({ length: 60 }, (_, i) => `bt-${String(i).padStart(4, '0')}`);
  for (const [i, id] of ids.entries()) {
    assert.equal(await post(body(id, `0904444${String(i).padStart(4, '0')}`, 6000)), 200, id);
  }
  assert.deepEqual(
    await query("SELECT Id FROM Task WHERE MiiTel_Call_Id__c LIKE 'bt-%'"),
    [],
    'nothing before delivery'
  );

  const report = await deliverAll();

  const tasks = await query("SELECT MiiTel_Call_Id__c FROM Task WHERE MiiTel_Call_Id__c LIKE 'bt-%'");
  assert.equal(tasks.length, 60, 'one Task per call');
  assert.equal(new Set(tasks.map((t) => t.MiiTel_Call_Id__c)).size, 60, 'never two Tasks for a call');
  const kept = await query(
    "SELECT Id FROM MiiTel_Call_Event__c WHERE MiiTel_Type__c = 'miitel.webhook.body' AND MiiTel_Call_Id__c LIKE 'bt-%'"
  );
  assert.equal(kept.length, 0, 'nothing kept: every body applied');
  const events = await query("SELECT Id FROM MiiTel_Call_Event__c WHERE MiiTel_Call_Id__c LIKE 'bt-%'");
  assert.equal(events.length, 180, 'three events a call, logged once each');
  assert.ok(report.delivered >= 60, `every event reached the trigger: ${JSON.stringify(report)}`);
  assert.ok(report.runs >= 6, `in batches of the subscriber config's batchSize (10): ${JSON.stringify(report)}`);
});

test('a body over the guest ceiling is refused with 413, never 500, and nothing is kept', async () => {
  const status = await post(body('bt-huge', '09055556666', 250_000));
  assert.equal(status, 413);
  await deliverAll();
  assert.deepEqual(await query("SELECT Id FROM MiiTel_Call_Event__c WHERE MiiTel_Call_Id__c = 'bt-huge'"), []);
});
