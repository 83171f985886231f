/**
 * The interleaving harness (interleave.ts) and FOR UPDATE (data/row-locks.ts, SOQL and SOSL Reference "FOR UPDATE"):
 * a read-modify-write without a lock loses an update in some interleaving a real org allows; the same code locking
 * the record with FOR UPDATE never does, because the second request would wait for the first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoadError } from './ast/errors.ts';
import { executeDml } from './data/dml.ts';
import { interleavings, type RestCall } from './interleave.ts';
import { ApexSObject } from './values/values.ts';
import { loadSources, type LocalOrg } from './runtime.ts';
import type { Store } from './data/store.ts';

const POS = { file: 'interleave.test.ts', line: 1, column: 1 };

const COUNTER = `@RestResource(urlMapping='/count/*')
global class Counter {
  @HttpPost
  global static void add() {
    Account a = RestContext.request.requestURI.endsWith('/locked')
      ? [SELECT Id, NumberOfEmployees FROM Account WHERE Name = 'C' LIMIT 1 FOR UPDATE]
      : [SELECT Id, NumberOfEmployees FROM Account WHERE Name = 'C' LIMIT 1];
    a.NumberOfEmployees += 1;
    update a;
  }
}`;

function counterOrg(): LocalOrg {
  const org = loadSources([{ file: 'Counter.cls', source: COUNTER }]);
  const it = org.transaction();
  const type = it.registry.schema.describe('Account');
  assert.ok(type);
  const account = new ApexSObject(type);
  account.fields.set('name', 'C');
  account.fields.set('numberofemployees', 0);
  executeDml(it, 'insert', [account], { allOrNone: true, pos: POS });
  org.commit(it.ctx.store as Store);
  return org;
}

function count(org: LocalOrg): number {
  const it = org.transaction();
  const row = [...((it.ctx.store as Store).tables.get('account')?.values() ?? [])][0];
  return Number(row?.get('numberofemployees'));
}

const add = (path: string): RestCall => ({ method: 'POST', path, headers: {}, body: Buffer.alloc(0) });

test('interleavings: an unlocked read-modify-write loses an update when the other request runs between its read and write', () => {
  const org = counterOrg();
  const runs = interleavings(org, add('/services/apexrest/count/plain'), add('/services/apexrest/count/plain'), count);
  assert.deepEqual(
    runs.slice(0, 2).map((r) => r.state),
    [2, 2],
    'either serial order counts both'
  );
  const lost = runs.filter((r) => r.state === 1).map((r) => r.label);
  assert.deepEqual(lost, ['b during a, before its statement 2', 'a during b, before its statement 2']);
  assert.equal(count(org), 0, "the org's data is put back after the runs");
});

test('interleavings: with FOR UPDATE the other request waits instead, and no update is lost', () => {
  const org = counterOrg();
  const runs = interleavings(
    org,
    add('/services/apexrest/count/locked'),
    add('/services/apexrest/count/locked'),
    count
  );
  assert.deepEqual(
    runs.map((r) => (r.blocked ? 'waits' : r.state)),
    [2, 2, 2, 'waits', 2, 'waits'],
    runs.map((r) => r.label).join('; ')
  );
});

test('FOR UPDATE: the query returns its rows and the transaction holds them until it ends', () => {
  const org = loadSources([
    {
      file: 'T.cls',
      source: `public class T { public static Object run() { insert new Account(Name = 'L'); return [SELECT Id FROM Account LIMIT 5 FOR UPDATE]; } }`
    }
  ]);
  const it = org.transaction();
  const rows = it.runStatic(org.classNamed('T'), 'run');
  assert.match(it.str(rows), /^\(Account:\{Id=001/);
  assert.equal(it.ctx.rowLocks.held.size, 1, 'the returned Account is locked');
});

test('FOR UPDATE: ORDER BY in a locking query is a compile error (SOQL reference: ORDER BY is not allowed with locking)', () => {
  assert.throws(
    () =>
      loadSources([
        {
          file: 'T.cls',
          source: `public class T { public static Object run() { return [SELECT Id FROM Account ORDER BY Name FOR UPDATE]; } }`
        }
      ]),
    (e: unknown) =>
      e instanceof LoadError &&
      /T\.cls:1: Apex compile error: SOQL: you can't use ORDER BY in a query that locks records/.test(e.message)
  );
});
