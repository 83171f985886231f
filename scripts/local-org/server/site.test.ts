/**
 * The Site path end to end over HTTP on fixtures/site: `POST /hook/services/apexrest/hook/v1/webhook` without OAuth
 * runs as the Hook site's guest user; the resource checks the secret preset through `webhookSecret`
 * (MIITEL_WEBHOOK_SECRET → MiiTelWebhookSecrets.install), answers a challenge as text/plain, and publishes a
 * platform event; after the response the event's trigger runs as the PlatformEventSubscriberConfig user and writes a
 * Task (`drainEvents` awaits the delivery).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadProject } from '../runtime.ts';
import { startServer } from './app.ts';
import { fetchTarget, simulateWebhooks } from '../../simulator/webhook.ts';
import { webhookScenario } from '../../simulator/webhook-scenarios.ts';
import { startSiteServer, type SiteServer } from './site-helpers.ts';

const HOOK = '/hook/services/apexrest/hook/v1/webhook';

describe('a site served by npm start', () => {
  let server: SiteServer;
  before(async () => {
    server = await startSiteServer('scripts/local-org/fixtures/site', { webhookSecret: 's3cret' });
  });
  after(async () => {
    await server.close();
  });

  test('the secret is preset through MiiTelWebhookSecrets.install and the endpoints are listed', () => {
    assert.equal(server.running.webhookSecret, 'installed');
    assert.deepEqual(server.running.siteEndpoints, [{ site: 'Hook', path: HOOK, className: 'HookResource' }]);
  });

  test('a guest call publishes an event whose trigger writes a Task as the configured user', async () => {
    const res = await server.post(HOOK, { call: { id: 'e2e-1' } }, { 'X-MiiTel-Webhook-Secret': 's3cret' });
    assert.equal(res.status, 202, res.text);
    const [task] = await server.query(
      "SELECT Subject, Description, Owner.Username FROM Task WHERE Subject = 'Hook e2e-1'"
    );
    assert.equal(task?.Description, 'integration@hook.local batch=1 type=Standard');
    assert.equal((task?.Owner as { Username?: string } | undefined)?.Username, 'integration@hook.local');
  });

  test('a challenge is answered as text/plain with the token alone', async () => {
    const res = await server.post(HOOK, { challenge: 'tok-123', extra: 'x' }, { 'X-MiiTel-Webhook-Secret': 's3cret' });
    assert.equal(res.status, 200);
    assert.match(res.contentType, /^text\/plain/);
    assert.equal(res.text, 'tok-123');
  });

  test('a wrong secret is answered 401 and writes nothing', async () => {
    const res = await server.post(HOOK, { call: { id: 'e2e-wrong' } }, { 'X-MiiTel-Webhook-Secret': 'nope' });
    assert.equal(res.status, 401);
    assert.deepEqual(await server.query("SELECT Id FROM Task WHERE Subject = 'Hook e2e-wrong'"), []);
  });

  test('custom headers reach RestContext; Authorization does not', async () => {
    const res = await fetch(`${server.running.url}${HOOK}`, {
      headers: { 'X-Custom': 'v1', Authorization: 'Bearer something' }
    });
    assert.equal(await res.text(), 'Guest authorization=false custom=v1');
  });

  test('the site path needs no token; the OAuth path still does', async () => {
    const oauth = await fetch(`${server.running.url}/services/apexrest/hook/v1/webhook`);
    assert.equal(oauth.status, 401);
  });

  test('a class the guest profile does not grant is refused on the site path', async () => {
    const res = await server.post('/hook/services/apexrest/hook/v1/fail', {});
    assert.equal(res.status, 403);
  });

  test('site requests count no API usage; OAuth Apex REST requests do', async () => {
    const before = server.running.service.org.usage.apiRequests;
    await server.post(HOOK, { challenge: 'x' }, { 'X-MiiTel-Webhook-Secret': 's3cret' });
    assert.equal(server.running.service.org.usage.apiRequests, before, 'the site request');
    await fetch(`${server.running.url}/services/apexrest/hook/v1/webhook`, {
      headers: { Authorization: `Bearer ${server.running.auth.fixedToken}` }
    });
    assert.equal(server.running.service.org.usage.apiRequests, before + 1, 'the OAuth request');
  });

  test('an unknown site prefix is not found', async () => {
    const res = await server.post('/nosite/services/apexrest/hook/v1/webhook', {});
    assert.equal(res.status, 404);
  });

  test('the simulator MiiTel scenarios against the site: one Task per call, re-sends upserted, 401 on a wrong secret', async () => {
    const countTasks = async (ids: readonly string[]): Promise<number> =>
      (await server.query(`SELECT Id FROM Task WHERE MiiTel_Call_Id__c IN ('${ids.join("','")}')`)).length;
    const target = fetchTarget(`${server.running.url}${HOOK}`, async (ids) => {
      await server.running.drainEvents();
      return countTasks(ids);
    });
    const run = async (name: string, seed: number) => {
      const scenario = webhookScenario(name);
      assert.ok(scenario, name);
      const sends = scenario.sends({
        calls: 2,
        seed,
        customerNumbers: ['+81312345678'],
        startAt: new Date('2026-11-23T01:00:00Z')
      });
      return simulateWebhooks(target, sends, 's3cret');
    };
    const resend = await run('webhook-resend', 3);
    assert.deepEqual(
      [resend.sent, resend.unexpected.length, resend.tasks],
      [4, 0, 2],
      'four bodies, two calls, two Tasks'
    );
    const wrong = await run('webhook-wrong-secret', 4);
    assert.deepEqual([wrong.byStatus, wrong.unexpected.length, wrong.tasks], [{ '401': 2 }, 0, 0]);
    const challenge = await run('webhook-challenge', 5);
    assert.deepEqual(challenge.unexpected, []);
  });
});

describe('--data and the seeded platform users', () => {
  const FIXTURE = 'scripts/local-org/fixtures/site';

  test('a data file saved with the same sites loads again', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'site-data-')), 'org.json');
    await (await startServer({ org: loadProject(FIXTURE), port: 0, seed: 'none', dataFile: file })).close();
    const again = await startServer({ org: loadProject(FIXTURE), port: 0, seed: 'none', dataFile: file });
    assert.equal(again.origin, 'loaded');
    await again.close();
  });

  test('a data file whose guest user id is another user is refused', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'site-data-')), 'org.json');
    await (await startServer({ org: loadProject(FIXTURE), port: 0, seed: 'none', dataFile: file })).close();
    const org = loadProject(FIXTURE);
    const [guestId] = org.registry.seededUsers.guests.keys();
    const saved = JSON.parse(readFileSync(file, 'utf8')) as {
      tables: Record<string, Record<string, Record<string, unknown>>>;
    };
    const row = saved.tables.User?.[guestId ?? ''] ?? saved.tables.user?.[guestId ?? ''];
    assert.ok(row, 'the guest user is saved');
    row.usertype = 'Standard';
    writeFileSync(file, JSON.stringify(saved));
    await assert.rejects(
      startServer({ org, port: 0, seed: 'none', dataFile: file }),
      /was saved before the local org seeded its Guest user, or with other sites/
    );
  });
});
