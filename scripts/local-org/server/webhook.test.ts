/**
 * The package's MiiTel Outgoing Webhook end to end on the local org of the repository root (issue #15): the
 * simulator's MiiTel-shaped bodies posted to the MiiTel_Webhook site's path as its guest user, without OAuth; the
 * hand-over platform event delivered to MiiTelWebhookReceivedTrigger as the user the PlatformEventSubscriberConfig
 * names; one Task per MiiTel call, keyed by MiiTel's `call.id`. The Apex under test is the package's own.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { webhookScenario, type MiiTelWebhookBody } from '../../simulator/webhook-scenarios.ts';
import { startSiteServer, type SiteServer } from './site-helpers.ts';

const PATH = '/miitel/services/apexrest/miitel/v1/webhook';
const SECRET = 'local-secret-0123456789abcdef';
const START = new Date('2026-11-23T01:00:00Z');
let server: SiteServer;

before(async () => {
  server = await startSiteServer('.', { webhookSecret: SECRET, seed: 'demo' });
});
after(() => server.close());

/** The bodies of a scenario for one call (a different seed per test: the same seed gives the same call ids). */
function bodies(name: string, seed: number): { body: unknown; callId: string | undefined }[] {
  const scenario = webhookScenario(name);
  assert.ok(scenario, `scenario ${name}`);
  return scenario.sends({ calls: 1, seed, customerNumbers: ['+81312345678'], startAt: START }).map((s) => ({
    body: s.body,
    callId: (s.body as Partial<MiiTelWebhookBody>).call?.id
  }));
}

async function tasksOf(callId: string): Promise<Record<string, unknown>[]> {
  return server.query(
    `SELECT Subject, Description, CreatedBy.Username, MiiTel_Call_Id__c FROM Task WHERE MiiTel_Call_Id__c = '${callId}'`
  );
}

test('the challenge is answered with the token alone, as text/plain', async () => {
  const [send] = bodies('webhook-challenge', 1);
  assert.ok(send);
  const res = await server.post(PATH, send.body, { 'X-MiiTel-Webhook-Secret': SECRET });
  assert.equal(res.status, 200);
  assert.match(res.contentType, /^text\/plain/);
  assert.equal(res.text, (send.body as { challenge: string }).challenge);
});

test('an answered call is one Task keyed by call.id, written by the subscriber config user, even when re-sent', async () => {
  const sends = bodies('webhook-resend', 2);
  const callId = sends[0]?.callId;
  assert.ok(callId && sends.length >= 2, 'the re-send scenario sends the same call more than once');
  for (const send of sends) {
    assert.equal((await server.post(PATH, send.body, { 'X-MiiTel-Webhook-Secret': SECRET })).status, 200);
  }
  const tasks = await tasksOf(callId);
  assert.equal(tasks.length, 1, 'one Task for the call');
  assert.equal(tasks[0]?.MiiTel_Call_Id__c, callId);
  assert.equal((tasks[0]?.CreatedBy as { Username: string }).Username, 'miitel.integration@example.invalid');
});

test('a missed incoming call is logged as a missed call', async () => {
  const [send] = bodies('webhook-missed', 3);
  assert.ok(send?.callId);
  assert.equal((await server.post(PATH, send.body, { 'X-MiiTel-Webhook-Secret': SECRET })).status, 200);
  const tasks = await tasksOf(send.callId);
  assert.equal(tasks.length, 1, 'one Task for the missed call');
});

test('a wrong secret is 401 and nothing is stored', async () => {
  const [send] = bodies('webhook-wrong-secret', 4);
  assert.ok(send?.callId);
  assert.equal((await server.post(PATH, send.body, { 'X-MiiTel-Webhook-Secret': 'wrong' })).status, 401);
  assert.equal((await server.post(PATH, send.body)).status, 401, 'no header either');
  assert.deepEqual(await tasksOf(send.callId), []);
});
