/**
 * The store's index (data/store.ts) and the SOQL and DML that use it instead of scanning a table (data/soql.ts,
 * data/dml.ts). The index is an optimisation only: every test here compares it with the scan it replaces, on random
 * data and random writes (copies on write, in-place writes, deletes, re-inserts, rebuilds after many writes) — SOQL
 * with the index against SOQL with `indexLookups` off (rows, order, LIMIT/OFFSET, COUNT(), query-row counting), the
 * store's lookups against a filter over the table, and upsert/unique checks against the old per-record scans.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Pos } from '../ast/nodes.ts';
import { parseSoql } from '../ast/build-soql.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim } from '../values/types.ts';
import { ApexList, ApexSet, ApexSObject, type Value } from '../values/values.ts';
import { loadSources, type LocalOrg } from '../runtime.ts';
import { normalizeId } from '../schema/ids.ts';
import { Schema, type FieldDescribe, type SObjectDescribe } from '../schema/schema.ts';
import { FIXED_NOW } from '../test-helpers.ts';
import { executeDml, type DmlResult } from './dml.ts';
import { indexLookups, runQuery } from './soql.ts';
import type { IndexKind, Row, Store } from './store.ts';

const POS: Pos = { file: 'index.test.ts', line: 1, column: 1 };

/** Account with a case-sensitive and a case-insensitive unique External ID, a non-unique External ID, plain text. */
function schemaDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-org-index-'));
  mkdirSync(join(dir, 'objects/Account/fields'), { recursive: true });
  const fields: Record<string, string> = {
    Ext_Cs__c: '<externalId>true</externalId><unique>true</unique><caseSensitive>true</caseSensitive>',
    Ext_Ci__c: '<externalId>true</externalId><unique>true</unique><caseSensitive>false</caseSensitive>',
    Key__c: '<externalId>true</externalId>',
    Plain__c: ''
  };
  for (const [name, flags] of Object.entries(fields)) {
    writeFileSync(
      join(dir, `objects/Account/fields/${name}.field-meta.xml`),
      `<CustomField><fullName>${name}</fullName><label>${name.replace(/__c$/, '')}</label><length>40</length>${flags}<type>Text</type></CustomField>`
    );
  }
  return dir;
}

function newOrg(): { org: LocalOrg; account: SObjectDescribe } {
  const org = loadSources(
    [{ file: 'T.cls', source: 'public class T {}' }],
    { timeZone: 'Asia/Tokyo' },
    new Schema([schemaDir()])
  );
  const account = org.registry.schema.describe('Account');
  assert.ok(account, 'Account');
  return { org, account };
}

/** A seeded generator (mulberry32), so a failure can be reproduced. */
function random(seed: number): { next: () => number; int: (n: number) => number; pick: <T>(xs: readonly T[]) => T } {
  let a = seed;
  const next = (): number => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[int(xs.length)];
    assert.ok(x !== undefined);
    return x;
  };
  return { next, int, pick };
}

type Random = ReturnType<typeof random>;

/** Few distinct values in both cases, so that rows share values and differ only in case. */
const WORDS = ['alpha', 'Alpha', 'ALPHA', 'beta', 'Beta', 'gamma', 'delta', 'Delta', 'eps', 'zeta'];

function value(r: Random, wide = false): Value {
  const n = r.int(10);
  return n === 0 ? null : n === 1 ? '' : wide ? `${r.pick(['k', 'K'])}-${r.int(150)}` : r.pick(WORDS);
}

/**
 * Random rows of `type` (Account): the test's text fields from few values (`wide`: from 300, most of them unique,
 * some differing only in case), and a parent among `parents`.
 */
function randomRow(r: Random, id: string, parents: readonly string[], wide = false): Row {
  const row: Row = new Map<string, Value>([
    ['id', id],
    ['name', `n${r.int(5)}`]
  ]);
  for (const field of ['ext_cs__c', 'ext_ci__c', 'key__c', 'plain__c']) {
    if (r.int(8) !== 0) {
      row.set(field, value(r, wide));
    }
  }
  if (parents.length > 0 && r.int(3) === 0) {
    row.set('parentid', r.pick(parents));
  }
  return row;
}

/** One random write to `store`: a new row, a changed row, a delete, or a delete and re-insert of the same id. */
function randomWrite(r: Random, store: Store, type: SObjectDescribe, forDml = false): void {
  const ids = [...store.table(type).keys()];
  const parents = forDml ? [] : ids;
  const op = r.int(10);
  const id = ids.length > 0 ? r.pick(ids) : undefined;
  if (op < 4 || id === undefined) {
    const fresh = store.newId(type);
    store.put(type, fresh, randomRow(r, fresh, parents, forDml));
  } else if (op < 6) {
    store.put(type, id, randomRow(r, id, parents, forDml));
  } else if (op < 8) {
    store.update(id, [[r.pick(['ext_cs__c', 'ext_ci__c', 'key__c', 'plain__c']), value(r, forDml)]]);
  } else if (op < 9) {
    store.remove(id);
  } else {
    const row = store.get(id);
    store.remove(id);
    if (row) {
      store.put(type, id, row);
    }
  }
}

/** An id as callers write it: stored, 15 characters, other case, unknown, or not an id at all. */
function idLike(r: Random, ids: readonly string[]): Value {
  const id = ids.length > 0 ? r.pick(ids) : '001000000000000AAA';
  switch (r.int(6)) {
    case 0:
      return id.slice(0, 15);
    case 1:
      return id.toLowerCase();
    case 2:
      return '001Lo0000000zzzAAA';
    case 3:
      return r.pick(WORDS);
    default:
      return id;
  }
}

function stringList(items: Value[]): ApexList {
  return new ApexList(prim('String'), items);
}

function stringSet(items: Value[]): ApexSet {
  const set = new ApexSet(prim('String'));
  for (const item of items) {
    set.entries.set(`s:${String(item)}`, item);
  }
  return set;
}

/** A random query with its binds: indexable WHEREs of every shape, and some that are not. */
interface Page {
  limit?: number;
  offset?: number;
}

function randomQuery(r: Random, ids: readonly string[]): { soql: string; binds: Record<string, Value>; page: Page } {
  const some = (make: () => Value): Value[] => Array.from({ length: 1 + r.int(4) }, make);
  const collection = (items: Value[]): Value => (r.int(2) === 0 ? stringList(items) : stringSet(items));
  const binds: Record<string, Value> = {
    b0: idLike(r, ids),
    b1: collection(some(() => idLike(r, ids))),
    b2: r.pick(WORDS),
    b3: collection(some(() => r.pick(WORDS))),
    b4: r.pick(WORDS),
    b5: collection([...some(() => r.pick(WORDS)), null]),
    b6: null
  };
  const where = r.pick([
    'Id = :b0',
    'Id IN :b1',
    'Id = :b0 OR Id IN :b1',
    'Ext_Cs__c = :b2',
    'Ext_Ci__c = :b2',
    'Key__c = :b2',
    'Ext_Cs__c IN :b3',
    'Key__c IN :b3 OR Ext_Cs__c = :b2',
    'Plain__c = :b4 AND (Key__c IN :b3 OR Ext_Ci__c = :b2)',
    'Key__c IN :b3 AND Plain__c != :b4',
    'Key__c IN :b3 AND NOT Ext_Ci__c = :b2',
    'NOT Key__c = :b2',
    'Key__c IN :b5',
    'Key__c = :b6',
    'Key__c != :b6 AND Ext_Ci__c IN :b3',
    "Key__c = 'beta'",
    "Ext_Ci__c IN ('ALPHA', 'delta')",
    'ParentId = :b0',
    'ParentId IN :b1 AND Name LIKE :b2',
    'Plain__c = :b4',
    'Key__c IN :b3 OR Plain__c = :b4'
  ]);
  const select = r.pick(['Id, Name, (SELECT Id FROM ChildAccounts)', 'COUNT()']);
  const order = select === 'COUNT()' ? '' : r.pick(['', ' ORDER BY Plain__c DESC NULLS LAST', ' ORDER BY Name']);
  // LIMIT and OFFSET as binds give them (fewer texts to parse).
  const page = select === 'COUNT()' ? {} : r.pick([{}, {}, { limit: 2 }, { limit: 3, offset: 1 }]);
  return { soql: `SELECT ${select} FROM Account WHERE ${where}${order}`, binds, page };
}

/** Parsed once per text, as the runtime parses inline SOQL once (parsing costs more than running here). */
const parsed = new Map<string, ReturnType<typeof parseSoql>>();

function parse(soql: string): ReturnType<typeof parseSoql> {
  let query = parsed.get(soql);
  if (!query) {
    query = parseSoql(soql);
    parsed.set(soql, query);
  }
  return query;
}

/** The result of a query as text (ids in order, children), and the query rows it counted. */
function runOn(
  org: LocalOrg,
  store: Store,
  query: { soql: string; binds: Record<string, Value>; page: Page },
  indexed: boolean
): string {
  const { soql, binds, page } = query;
  const it: Interpreter = org.transaction({ now: () => FIXED_NOW });
  it.ctx.store = store;
  indexLookups.enabled = indexed;
  try {
    const result = runQuery(it, parse(soql), { binds: (name) => binds[name] ?? null, pos: POS, ...page });
    const rows =
      result instanceof ApexList
        ? result.items.map((rec) => {
            const s = rec instanceof ApexSObject ? rec : undefined;
            const children = s?.children.get('childaccounts');
            const kids = children
              ? `[${children.items.map((k) => (k instanceof ApexSObject ? k.id : '?')).join(',')}]`
              : '';
            return `${s?.id ?? '?'}${kids}`;
          })
        : [String(result)];
    return `${rows.join(' ')} | rows ${it.ctx.limits.queryRows}`;
  } finally {
    indexLookups.enabled = true;
  }
}

function assertSameAsScan(org: LocalOrg, store: Store, r: Random, queries: number, where: string): void {
  const ids = [...store.table(org.registry.schema.describe('Account') ?? assert.fail()).keys()];
  for (let q = 0; q < queries; q++) {
    const query = randomQuery(r, ids);
    const scan = runOn(org, store, query, false);
    assert.equal(
      runOn(org, store, query, true),
      scan,
      `${where}: ${query.soql} ${JSON.stringify([query.binds, query.page], bindText)}`
    );
  }
}

function bindText(_key: string, v: unknown): unknown {
  return v instanceof ApexList ? v.items : v instanceof ApexSet ? [...v.entries.values()] : v;
}

test('SOQL through the index returns the rows of a full scan, in its order, on random data and random writes', () => {
  const { org, account } = newOrg();
  const r = random(20261123);
  const seed = org.data.clone();
  for (let i = 0; i < 300; i++) {
    randomWrite(r, seed, account);
  }
  org.commit(seed);
  assertSameAsScan(org, org.data, r, 150, 'committed');
  for (let round = 0; round < 6; round++) {
    // A transaction's copy: the first write copies the table (and its index), later ones change it in place.
    const tx = org.data.clone();
    for (let step = 0; step < 4; step++) {
      for (let w = 0; w < 20; w++) {
        randomWrite(r, tx, account);
      }
      assertSameAsScan(org, tx, r, 25, `round ${round} step ${step}`);
    }
    // A savepoint's copy written after the original: each side keeps its own rows and index.
    const savepoint = tx.clone();
    for (let w = 0; w < 15; w++) {
      randomWrite(r, savepoint, account);
    }
    assertSameAsScan(org, savepoint, r, 20, `round ${round} savepoint`);
    assertSameAsScan(org, tx, r, 20, `round ${round} after the savepoint's writes`);
    org.commit(r.int(2) === 0 ? tx : savepoint);
  }
});

test("the store's lookups find what a filter over the table finds, in table order, as each kind compares", () => {
  const { org, account } = newOrg();
  const r = random(7);
  const store = org.data.clone();
  const key = (kind: IndexKind, v: Value | undefined): Value | undefined =>
    v === null || v === undefined
      ? undefined
      : typeof v !== 'string' || kind === 'exact'
        ? v
        : kind === 'lower'
          ? v.toLowerCase()
          : (normalizeId(v) ?? v);
  for (let i = 0; i < 1200; i++) {
    randomWrite(r, i % 97 === 0 ? store.clone() : store, account);
    if (i % 10 !== 0) {
      continue;
    }
    const ids = [...store.table(account).keys()];
    for (const [field, kind] of [
      ['ext_cs__c', 'exact'],
      ['ext_ci__c', 'lower'],
      ['key__c', 'lower'],
      ['id', 'id'],
      ['parentid', 'exact']
    ] as const) {
      const values = Array.from({ length: 1 + r.int(3) }, () =>
        field === 'id' || field === 'parentid' ? idLike(r, ids) : value(r)
      );
      const wanted = new Set(values.map((v) => key(kind, v)).filter((k) => k !== undefined));
      const expected = [...store.table(account)]
        .filter(([, row]) => {
          const k = key(kind, row.get(field));
          return k !== undefined && wanted.has(k);
        })
        .map(([id]) => id);
      const found = store.inTableOrder(account, store.findIds(account, field, kind, values));
      assert.deepEqual(found, expected, `write ${i}: ${field} ${kind} ${JSON.stringify(values)}`);
    }
  }
});

/** The old upsert and unique checks: one scan of the table per record (data/dml.ts before the index). */
function sameValue(field: FieldDescribe, a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    return field.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
  }
  return a === b;
}

function scanMatches(store: Store, type: SObjectDescribe, field: FieldDescribe, v: Value): string[] {
  return [...store.table(type)]
    .filter(([, row]) => sameValue(field, row.get(field.name.toLowerCase()) ?? null, v))
    .map(([id]) => id);
}

const UNIQUE = ['ext_cs__c', 'ext_ci__c'];

/** What an upsert of one record (Name and `field`) answers, as the scans decided it. */
function expectedUpsert(store: Store, type: SObjectDescribe, field: FieldDescribe, v: Value): string {
  const matches = v === null ? [] : scanMatches(store, type, field, v);
  if (matches.length > 1) {
    return `DUPLICATE_EXTERNAL_ID ${field.label}: more than one record found for external id field: [${matches.join(', ')}]`;
  }
  const match = matches[0];
  // The saved record: the stored row's fields in their order, overwritten by the record's.
  const fields = new Map<string, Value>(match === undefined ? [] : (store.get(match) ?? []));
  fields.set('name', 'upserted');
  fields.set(field.name.toLowerCase(), v);
  for (const [key, fv] of fields) {
    const f = type.fields.get(key);
    if (!f || fv === null || !UNIQUE.includes(key)) {
      continue;
    }
    const dup = [...store.table(type)].find(([id, row]) => id !== match && sameValue(f, row.get(key) ?? null, fv));
    if (dup) {
      return `DUPLICATE_VALUE duplicate value found: ${f.name} duplicates value on record with id: ${dup[0]}`;
    }
  }
  return match === undefined ? 'created' : `updated ${match}`;
}

function answer(result: DmlResult | undefined, created: string | null): string {
  const e = result?.errors[0];
  if (e) {
    return `${e.statusCode} ${e.message}`;
  }
  return result?.created
    ? result.id && result.id === created
      ? 'created'
      : `created ${String(result.id)}`
    : `updated ${String(result?.id)}`;
}

test('upsert on an External ID and the unique checks find the records the per-record scans found', () => {
  const { org, account } = newOrg();
  const r = random(42);
  const seed = org.data.clone();
  for (let i = 0; i < 200; i++) {
    randomWrite(r, seed, account, true);
  }
  org.commit(seed);
  const outcomes = new Map<string, number>();
  for (let tx = 0; tx < 8; tx++) {
    const it = org.transaction({ now: () => FIXED_NOW });
    const store = it.ctx.store as Store;
    for (let op = 0; op < 40; op++) {
      const field = account.fields.get(r.pick(['ext_cs__c', 'ext_ci__c', 'key__c'])) ?? assert.fail();
      const v = r.int(6) === 0 ? null : value(r, true);
      const expected = expectedUpsert(store, account, field, v);
      const rec = new ApexSObject(account);
      rec.set('Name', 'upserted');
      rec.set(field.name, v);
      const [result] = executeDml(it, 'upsert', [rec], { allOrNone: false, externalIdField: field, pos: POS });
      assert.equal(answer(result, rec.id), expected, `tx ${tx} op ${op}: upsert ${field.name} = ${String(v)}`);
      const outcome = expected.split(' ')[0] ?? '';
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      if (r.int(4) === 0) {
        randomWrite(r, store, account, true);
      }
    }
    org.commit(store);
  }
  for (const outcome of ['created', 'updated', 'DUPLICATE_EXTERNAL_ID', 'DUPLICATE_VALUE']) {
    assert.ok(
      (outcomes.get(outcome) ?? 0) >= 5,
      `the random upserts cover ${outcome}: ${JSON.stringify([...outcomes])}`
    );
  }
});

test('a batch insert checks unique values against the table first, then against the other records of the batch', () => {
  const { org, account } = newOrg();
  const r = random(99);
  for (let tx = 0; tx < 6; tx++) {
    const it = org.transaction({ now: () => FIXED_NOW });
    const store = it.ctx.store as Store;
    for (let op = 0; op < 20; op++) {
      const batch = Array.from({ length: 1 + r.int(6) }, () => {
        const rec = new ApexSObject(account);
        rec.set('Name', 'batch');
        rec.set('Ext_Cs__c', value(r, true));
        rec.set('Ext_Ci__c', value(r, true));
        return rec;
      });
      const expected = batch.map((rec) => {
        for (const key of UNIQUE) {
          const f = account.fields.get(key) ?? assert.fail();
          const v = rec.fields.get(key) ?? null;
          if (v === null) {
            continue;
          }
          const dup = scanMatches(store, account, f, v)[0];
          if (dup !== undefined) {
            return `DUPLICATE_VALUE duplicate value found: ${f.name} duplicates value on record with id: ${dup}`;
          }
          if (batch.some((other) => other !== rec && sameValue(f, other.fields.get(key) ?? null, v))) {
            return `DUPLICATE_VALUE Duplicate external id specified: ${String(v)}`;
          }
        }
        return 'created';
      });
      const results = executeDml(it, 'insert', batch, { allOrNone: false, pos: POS });
      assert.deepEqual(
        results.map((res, i) => answer(res, batch[i]?.id ?? null)),
        expected,
        `tx ${tx} op ${op}: ${batch.map((b) => `${String(b.fields.get('ext_cs__c'))}/${String(b.fields.get('ext_ci__c'))}`).join(' ')}`
      );
    }
    org.commit(store);
  }
});

test('upsert answers and messages: DUPLICATE_EXTERNAL_ID lists the matches in table order; case follows the field', () => {
  const { org, account } = newOrg();
  const it = org.transaction({ now: () => FIXED_NOW });
  const store = it.ctx.store as Store;
  const put = (fields: Record<string, Value>): string => {
    const id = store.newId(account);
    store.put(account, id, new Map<string, Value>([['id', id], ['name', 'seed'], ...Object.entries(fields)]));
    return id;
  };
  const first = put({ key__c: 'K-1', ext_cs__c: 'cs', ext_ci__c: 'ci' });
  const second = put({ key__c: 'k-1' });
  const upsert = (field: string, v: string): string => {
    const f = account.fields.get(field) ?? assert.fail();
    const rec = new ApexSObject(account);
    rec.set('Name', 'u');
    rec.set(f.name, v);
    const [result] = executeDml(it, 'upsert', [rec], { allOrNone: false, externalIdField: f, pos: POS });
    return answer(result, rec.id);
  };
  assert.equal(
    upsert('key__c', 'K-1'),
    `DUPLICATE_EXTERNAL_ID Key: more than one record found for external id field: [${first}, ${second}]`
  );
  assert.equal(upsert('ext_cs__c', 'CS'), 'created', 'a case-sensitive External ID matches in its case only');
  assert.equal(upsert('ext_cs__c', 'cs'), `updated ${first}`);
  assert.equal(upsert('ext_ci__c', 'CI'), `updated ${first}`, 'a case-insensitive one matches in any case');
  const rec = new ApexSObject(account);
  rec.set('Name', 'dup');
  rec.set('Ext_Ci__c', 'Ci');
  assert.equal(
    answer(executeDml(it, 'insert', [rec], { allOrNone: false, pos: POS })[0], null),
    `DUPLICATE_VALUE duplicate value found: Ext_Ci__c duplicates value on record with id: ${first}`
  );
});
