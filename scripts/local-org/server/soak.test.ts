/**
 * Per-request cost of the served org against soak-sized data (issue #8: after the soak scenario every request was
 * slow, because each request's transaction deep-copied every row of the org). A transaction now shares the org's
 * tables and copies only the tables it writes (data/store.ts), so a query costs the same on a large org, and an
 * Apex REST call copies nothing it does not write. The timing bounds are generous (2 shared cores); the copy checks
 * are exact.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fetchTransport, postCallEvents } from '../../contract/generated/client.ts';
import { endedCall } from './test-fixtures.ts';
import type { Row } from '../data/store.ts';
import { loadProject, type LocalOrg } from '../runtime.ts';
import { startServer, type RunningServer } from './app.ts';

let server: RunningServer;
let org: LocalOrg;

before(async () => {
  org = loadProject('.');
  server = await startServer({ org, port: 0, seed: 'demo' });
});

after(async () => {
  await server.close();
});

async function query(soql: string): Promise<number> {
  const response = await fetch(`${server.url}/services/data/v65.0/query?q=${encodeURIComponent(soql)}`, {
    headers: { Authorization: `Bearer ${server.auth.fixedToken}` }
  });
  assert.equal(response.status, 200, await response.clone().text());
  return ((await response.json()) as { totalSize: number }).totalSize;
}

async function millis(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Median time of `times` runs (the first run warms up and is not counted). */
async function median(times: number, run: () => Promise<unknown>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    samples.push(await millis(run));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

/** Posts one ended call from the seeded Lead's number. */
async function post(n: number): Promise<void> {
  const transport = fetchTransport({ instanceUrl: server.url, accessToken: server.auth.fixedToken });
  const answer = await postCallEvents(transport, [endedCall(`soak-evt-${n}`, `soak-call-${n}`, '+81661234567')]);
  assert.equal(answer.results[0]?.status, 'applied', JSON.stringify(answer));
}

/** Adds `count` copies of the stored record `templateId`, with `unique` fields made unique, in one commit. */
function copies(templateId: string, count: number, unique: string[]): void {
  const store = org.data.clone();
  const object = store.objectOf(templateId);
  const template = store.get(templateId);
  const type = object ? org.registry.schema.describe(object) : undefined;
  assert.ok(template && type, `template ${templateId}`);
  for (let i = 0; i < count; i++) {
    const id = store.newId(type);
    const row: Row = new Map(template);
    row.set('id', id);
    for (const field of unique) {
      row.set(field, `${String(template.get(field))}-copy-${i}`);
    }
    store.put(type, id, row);
  }
  org.commit(store);
}

test('on a soak-sized org a query costs what it costs on a small org, and copies no table', async (t) => {
  const contactQuery = (): Promise<number> => query('SELECT Id FROM Contact LIMIT 1');
  await post(0);
  const small = { query: await median(5, contactQuery), post: await millis(() => post(1)) };

  const taskId = org.data
    .table(org.registry.schema.describe('Task') ?? assert.fail('Task'))
    .keys()
    .next().value;
  const eventType = org.registry.schema.describe('MiiTel_Call_Event__c') ?? assert.fail('MiiTel_Call_Event__c');
  const eventId = org.data.table(eventType).keys().next().value;
  assert.ok(taskId && eventId, 'the posted call left a Task and an event-log row');
  copies(taskId, 10_000, ['miitel_call_id__c']);
  copies(eventId, 40_000, ['miitel_event_id__c', 'miitel_call_id__c']);
  assert.equal(await query('SELECT COUNT() FROM Task'), 10_002);

  const tables = new Map(org.data.tables);
  const largeQuery = await median(5, contactQuery);
  assert.equal(org.data.tables.get('task'), tables.get('task'), 'the Task table was shared, not copied, by queries');
  const large = { query: largeQuery, post: await millis(() => post(2)) };
  assert.equal(org.data.tables.get('account'), tables.get('account'), 'the POST did not copy Accounts (not written)');
  assert.notEqual(org.data.tables.get('task'), tables.get('task'), 'the POST wrote a Task');

  const report = `small org: query ${small.query.toFixed(1)} ms, POST ${small.post.toFixed(0)} ms; with 50,000 more rows: query ${large.query.toFixed(1)} ms, POST ${large.post.toFixed(0)} ms`;
  t.diagnostic(report);
  assert.ok(large.query < small.query * 3 + 40, `a query must not grow with the org's data (${report})`);
  assert.ok(large.post < small.post * 3 + 1500, `an Apex REST call must not grow much with the org's data (${report})`);
});
