/**
 * Per-request cost of the served org against soak-sized data, counted — not timed (issue 16: stopwatch ratios failed
 * on a loaded machine; the benchmark, `npm run bench`, keeps the times). After one call is posted the org gets 10,000
 * more Tasks and 40,000 more event-log rows; a query, a lookup by External ID, a POST of a call and an External ID
 * upsert must then read exactly the rows they read on the small org (`StoreCosts` of data/store.ts: rows scanned,
 * index hits, no index rebuilt), copy no row (persistent tables: a write copies trie nodes, O(log rows)), and a read
 * copies nothing. Each operation runs once first, so an index built on
 * first use (once per table) is not counted.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { fetchTransport, postCallEvents } from '../../contract/generated/client.ts';
import { endedCall } from './test-fixtures.ts';
import { executeDml } from '../data/dml.ts';
import { costSnapshot, costsSince, type Row, type Store, type StoreCosts } from '../data/store.ts';
import { ApexSObject } from '../values/values.ts';
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

/** Store costs of each operation, counted (never timed: the benchmark, `npm run bench`, prints times). */
interface Costs {
  /** SELECT Id FROM Contact LIMIT 1 (REST query). */
  query: StoreCosts;
  /** A lookup of one event-log row by its External ID (REST query). */
  lookup: StoreCosts;
  /** One call posted to the Apex REST resource. */
  post: StoreCosts;
  /** An upsert on an External ID that creates a row, and one that updates it. */
  upsert: StoreCosts;
}

async function counted(run: () => Promise<unknown>): Promise<StoreCosts> {
  await run(); // the first run may build an index (once per table); the second is what every later one costs
  const before = costSnapshot();
  await run();
  return costsSince(before);
}

async function costs(): Promise<Costs> {
  const lookup = async (): Promise<void> => {
    assert.equal(await query("SELECT Id FROM MiiTel_Call_Event__c WHERE MiiTel_Event_Id__c = 'soak-evt-0'"), 1);
  };
  return {
    query: await counted(() => query('SELECT Id FROM Contact LIMIT 1')),
    lookup: await counted(lookup),
    post: await counted(post),
    upsert: await counted(upsertEvent)
  };
}

const format = (c: Costs): string =>
  Object.entries(c)
    .map(([name, k]) => `${name} ${JSON.stringify(k)}`)
    .join('; ');

test('on a soak-sized org a query, a lookup, a POST and an upsert read what they read on a small org', async (t) => {
  await post();
  const small = await costs();

  const taskId = org.data.table(describe('Task')).keys().next().value;
  const eventId = org.data.table(describe('MiiTel_Call_Event__c')).keys().next().value;
  assert.ok(taskId && eventId, 'the posted call left a Task and an event-log row');
  copies(taskId, 10_000, ['miitel_call_id__c']);
  copies(eventId, 40_000, ['miitel_event_id__c', 'miitel_call_id__c']);
  assert.ok((await query('SELECT COUNT() FROM Task')) > 10_000);

  const tables = new Map(org.data.tables);
  const large = await costs();
  assert.equal(org.data.tables.get('account'), tables.get('account'), 'Accounts (never written) stayed shared');
  assert.notEqual(org.data.tables.get('task'), tables.get('task'), 'the POST wrote a Task');

  const report = `small org: ${format(small)}\nwith 50,000 more rows: ${format(large)}`;
  t.diagnostic(report);
  for (const name of ['query', 'lookup', 'post', 'upsert'] as const) {
    assert.equal(large[name].rowsScanned, small[name].rowsScanned, `${name}: rows scanned (${report})`);
    assert.equal(large[name].indexHits, small[name].indexHits, `${name}: index hits (${report})`);
    assert.equal(large[name].rowsIndexed, 0, `${name}: no index rebuilt (${report})`);
  }
  for (const name of ['post', 'upsert'] as const) {
    // Before persistent tables a POST here copied 50,010 rows and an upsert 80,017 (the whole tables they wrote).
    assert.equal(large[name].rowsCopied, 0, `${name}: a write copies no row (${report})`);
    assert.ok(
      // One node per trie level: 1-2 levels on the small org, 4 with 40,000 rows (log₃₂).
      large[name].nodesCopied <= small[name].nodesCopied * 4,
      `${name}: trie nodes copied grow with log(rows) only (${report})`
    );
  }
  assert.equal(large.query.rowsCopied, 0, 'a query copies nothing');
  assert.equal(large.lookup.rowsCopied, 0, 'a lookup copies nothing');
  assert.equal(large.lookup.indexHits, 1, 'the lookup found its row through the index');
  assert.ok(large.lookup.rowsScanned < 100, 'the lookup scanned no large table');

  // Many writes since the index was built: a lookup still reads only its hits (not every row changed since).
  for (let i = 0; i < 300; i++) {
    await upsertEvent();
  }
  const before = costSnapshot();
  assert.equal(await query("SELECT Id FROM MiiTel_Call_Event__c WHERE MiiTel_Event_Id__c = 'soak-upsert-5'"), 1);
  const after300 = costsSince(before);
  assert.deepEqual(
    { scanned: after300.rowsScanned, hits: after300.indexHits, indexed: after300.rowsIndexed },
    { scanned: 0, hits: 1, indexed: 0 },
    `a lookup after 600 writes: ${JSON.stringify(after300)}`
  );
});
