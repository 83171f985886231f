/**
 * Per-request cost of the served org against soak-sized data (issue #8: after the soak scenario every request was
 * slow, because each request's transaction deep-copied every row of the org). A transaction now shares the org's
 * tables and copies only the tables it writes (data/store.ts), so a query costs the same on a large org, and an
 * Apex REST call copies nothing it does not write. Nor does the Apex's own work scan the large tables: a SOQL
 * lookup by an External ID and an upsert on one go through the store's index (data/soql.ts, data/dml.ts), so a
 * POST, an upsert and a lookup cost about what they cost on a small org. The timing bounds are generous (2 shared
 * cores; before the index a POST took ≈ 7 times as long on the large org, a lookup ≈ 100 ms); the copy checks are
 * exact.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fetchTransport, postCallEvents } from '../../contract/generated/client.ts';
import { endedCall } from './test-fixtures.ts';
import { executeDml } from '../data/dml.ts';
import type { Row, Store } from '../data/store.ts';
import { ApexSObject } from '../interpreter/values.ts';
import { loadProject, type LocalOrg } from '../runtime.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
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

let posted = 0;

/** Posts one ended call (a new call each time) from the seeded Lead's number. */
async function post(): Promise<void> {
  const n = posted++;
  const transport = fetchTransport({ instanceUrl: server.url, accessToken: server.auth.fixedToken });
  const answer = await postCallEvents(transport, [endedCall(`soak-evt-${n}`, `soak-call-${n}`, '+81661234567')]);
  assert.equal(answer.results[0]?.status, 'applied', JSON.stringify(answer));
}

function describe(name: string): SObjectDescribe {
  return org.registry.schema.describe(name) ?? assert.fail(name);
}

let upserted = 0;

/**
 * `Database.upsert(rows, MiiTel_Call_Event__c.MiiTel_Event_Id__c, false)` as the event log saves (in its own committed
 * transaction): a new event-log row, then the same row again (an update found by its External ID).
 */
async function upsertEvent(): Promise<void> {
  const type = describe('MiiTel_Call_Event__c');
  const field = type.fields.get('miitel_event_id__c') ?? assert.fail('MiiTel_Event_Id__c');
  const n = upserted++;
  for (const created of [true, false]) {
    const it = org.transaction();
    const rec = new ApexSObject(type);
    rec.set('MiiTel_Event_Id__c', `soak-upsert-${n}`);
    rec.set('MiiTel_Call_Id__c', `soak-upsert-call-${n}`);
    const [result] = executeDml(it, 'upsert', [rec], { allOrNone: false, externalIdField: field, pos: POS });
    assert.ok(result?.success && result.created === created, JSON.stringify(result));
    org.commit(it.ctx.store as Store);
  }
  await Promise.resolve();
}

const POS = { file: 'soak.test.ts', line: 1, column: 1 };

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

interface Costs {
  /** SELECT Id FROM Contact LIMIT 1 (REST query). */
  query: number;
  /** A lookup of one event-log row by its External ID (REST query). */
  lookup: number;
  /** One call posted to the Apex REST resource. */
  post: number;
  /** An upsert on an External ID that creates a row, and one that updates it. */
  upsert: number;
}

async function costs(): Promise<Costs> {
  const lookup = async (): Promise<void> => {
    assert.equal(await query("SELECT Id FROM MiiTel_Call_Event__c WHERE MiiTel_Event_Id__c = 'soak-evt-0'"), 1);
  };
  return {
    query: await median(5, () => query('SELECT Id FROM Contact LIMIT 1')),
    lookup: await median(5, lookup),
    post: await median(5, post),
    upsert: await median(5, upsertEvent)
  };
}

const format = (c: Costs): string =>
  `query ${c.query.toFixed(1)} ms, lookup ${c.lookup.toFixed(1)} ms, POST ${c.post.toFixed(0)} ms, upsert ${c.upsert.toFixed(1)} ms`;

test('on a soak-sized org a query, a lookup, a POST and an upsert cost what they cost on a small org', async (t) => {
  await post();
  const small = await costs();

  const taskId = org.data.table(describe('Task')).keys().next().value;
  const eventId = org.data.table(describe('MiiTel_Call_Event__c')).keys().next().value;
  assert.ok(taskId && eventId, 'the posted call left a Task and an event-log row');
  copies(taskId, 10_000, ['miitel_call_id__c']);
  copies(eventId, 40_000, ['miitel_event_id__c', 'miitel_call_id__c']);
  assert.ok((await query('SELECT COUNT() FROM Task')) > 10_000);
  // The first request after the bulk load indexes the tables it looks up in (once; later writes keep the index).
  await post();

  const tables = new Map(org.data.tables);
  const largeQuery = await median(5, () => query('SELECT Id FROM Contact LIMIT 1'));
  assert.equal(org.data.tables.get('task'), tables.get('task'), 'the Task table was shared, not copied, by queries');
  await post();
  assert.equal(org.data.tables.get('account'), tables.get('account'), 'the POST did not copy Accounts (not written)');
  assert.notEqual(org.data.tables.get('task'), tables.get('task'), 'the POST wrote a Task');
  const large = { ...(await costs()), query: largeQuery };

  const report = `small org: ${format(small)}; with 50,000 more rows: ${format(large)}`;
  t.diagnostic(report);
  assert.ok(large.query < small.query * 3 + 40, `a query must not grow with the org's data (${report})`);
  assert.ok(large.lookup < small.lookup * 3 + 40, `a lookup by External ID must not scan the table (${report})`);
  assert.ok(large.post < small.post * 2 + 60, `an Apex REST call must not grow with the org's data (${report})`);
  assert.ok(large.upsert < small.upsert * 3 + 40, `an External ID upsert must not scan the table (${report})`);
});
