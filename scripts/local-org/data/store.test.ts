/**
 * The record store's copies: a transaction, a test method, a savepoint and a DML statement's rollback point each see
 * their own data (Apex Developer Guide "Transaction Control": "Database.rollback(sp)" restores the database to the
 * savepoint; Apex Developer Guide "Isolation of Test Data from Organization Data in Unit Tests"), while a copy costs
 * one entry per table — tables are shared until written (copy on write), so per-request cost does not grow with the
 * org's data.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Value } from '../values/values.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import { load, runClass } from '../test-helpers.ts';
import { indexWork, Store, type Row } from './store.ts';

const schema = load('').registry.schema;
function describe(name: string): SObjectDescribe {
  const d = schema.describe(name);
  assert.ok(d, `schema has ${name}`);
  return d;
}
const TASK = describe('Task');
const CONTACT = describe('Contact');

const row = (fields: Record<string, Value>): Row => new Map(Object.entries(fields));

function filled(tasks: number): { store: Store; ids: string[] } {
  const store = new Store();
  const ids: string[] = [];
  for (let i = 0; i < tasks; i++) {
    const id = store.newId(TASK);
    store.put(TASK, id, row({ id, subject: `call ${i}` }));
    ids.push(id);
  }
  return { store, ids };
}

const subject = (s: Store, id: string): Value | undefined => s.get(id)?.get('subject');

test('a copy is independent both ways: writes, updates and deletes of one are not seen by the other', () => {
  const { store, ids } = filled(3);
  const [a = '', b = '', c = ''] = ids;
  const copy = store.clone();
  copy.put(TASK, a, row({ id: a, subject: 'changed in copy' }));
  store.remove(b);
  copy.update(c, [['subject', 'updated in copy']]);
  const contactId = copy.newId(CONTACT);
  copy.put(CONTACT, contactId, row({ id: contactId, lastname: '山田' }));

  assert.equal(subject(store, a), 'call 0', 'the original keeps its row');
  assert.equal(subject(copy, a), 'changed in copy');
  assert.equal(store.get(b), undefined, 'deleted in the original');
  assert.equal(subject(copy, b), 'call 1', 'the copy still has the row the original deleted');
  assert.equal(subject(store, c), 'call 2', 'update stores a changed copy of the row, never changes it in place');
  assert.equal(subject(copy, c), 'updated in copy');
  assert.equal(store.get(contactId), undefined);
  assert.equal(copy.objectOf(contactId), 'contact');
  assert.deepEqual([...store.table(TASK).keys()], [a, c], 'insertion order kept');
  assert.deepEqual([...copy.table(TASK).keys()], [a, b, c], 'a replaced row keeps its place');
});

test('copying shares every table until one side writes to it; only the written table is copied', () => {
  const { store } = filled(1000);
  const contactId = store.newId(CONTACT);
  store.put(CONTACT, contactId, row({ id: contactId, lastname: '佐藤' }));
  const tasks = store.tables.get('task');
  const copy = store.clone();
  assert.equal(copy.tables.get('task'), tasks, 'the copy shares the Task table (no rows copied)');
  copy.update(contactId, [['lastname', '鈴木']]);
  assert.equal(copy.tables.get('task'), tasks, 'writing Contact does not copy Task');
  assert.notEqual(copy.tables.get('contact'), store.tables.get('contact'), 'the written table is the copy’s own');
  store.put(TASK, 'x'.repeat(18), row({ subject: 'new' }));
  assert.notEqual(store.tables.get('task'), tasks, 'the original copies the table it shares before writing');
  assert.equal(copy.table(TASK).size, 1000, 'the copy does not see it');
});

test('a savepoint can be restored more than once, and writes after a restore do not reach the savepoint', () => {
  const { store, ids } = filled(2);
  const [a = ''] = ids;
  const savepoint = store.clone();
  store.update(a, [['subject', 'first try']]);
  store.restore(savepoint);
  assert.equal(subject(store, a), 'call 0');
  store.update(a, [['subject', 'second try']]);
  assert.equal(subject(savepoint, a), 'call 0', 'the savepoint is unchanged by writes after the restore');
  store.restore(savepoint);
  assert.equal(subject(store, a), 'call 0', 'restored again');
});

test('restoring from a store built apart (a saved org being loaded) finds its records by id', () => {
  const org = new Store();
  const loaded = new Store();
  const id = '00T000000000042AAA';
  loaded.put(TASK, id, row({ id, subject: 'saved' }));
  org.restore(loaded);
  assert.equal(org.objectOf(id), 'task');
  assert.equal(subject(org, id), 'saved');
  assert.equal(org.update('00T000000000043AAA', [['subject', 'x']]), false, 'no such record');
});

test('Database.rollback to a savepoint undoes DML and can be repeated (Apex Developer Guide "Transaction Control")', () => {
  const out = runClass(`public static Object run() {
      Account a = new Account(Name = 'Before');
      insert a;
      System.Savepoint sp = Database.setSavepoint();
      a.Name = 'After';
      update a;
      insert new Account(Name = 'Extra');
      Database.rollback(sp);
      String first = [SELECT Name FROM Account WHERE Id = :a.Id].Name + ' ' + [SELECT COUNT() FROM Account];
      insert new Account(Name = 'Again');
      Database.rollback(sp);
      return first + ' / ' + [SELECT COUNT() FROM Account];
    }`);
  assert.equal(out.text, 'Before 1 / 1');
});

test('a released rollback point gives its tables back: the next write patches the index instead of copying it', () => {
  const { store, ids } = filled(5);
  const [a = '', b = '', c = ''] = ids;
  const writes = (s: Store, id: string, text: string): void => s.put(TASK, id, row({ id, subject: text }));
  const find = (s: Store, text: string): string[] => [...s.findIds(TASK, 'subject', 'exact', [text])];
  assert.deepEqual(find(store, 'call 0'), [a], 'the index is built');
  writes(store, a, 'x');
  const copies = indexWork.copies;
  const point = store.clone();
  writes(store, b, 'y');
  assert.equal(indexWork.copies, copies + 1, 'the first write after a copy copies the index');
  store.release(point);
  writes(store, c, 'z');
  assert.equal(indexWork.copies, copies + 1, 'after the release, the store owns the table again');
  assert.deepEqual(find(store, 'z'), [c]);
  assert.deepEqual(find(point, 'z'), [], 'the released copy never saw the writes');

  const kept = store.clone();
  const other = store.clone();
  store.release(kept);
  writes(store, a, 'w');
  assert.equal(indexWork.copies, copies + 2, 'a copy made since (other) still shares the table: no release');
  assert.deepEqual(find(other, 'x'), [a], 'and its index still answers for its version');
  assert.deepEqual(find(store, 'x'), []);

  const wrote = store.clone();
  writes(wrote, b, 'v');
  store.release(wrote);
  writes(store, b, 'u');
  assert.equal(indexWork.copies, copies + 4, 'a copy that wrote is not released: both sides copied');
  assert.deepEqual(find(wrote, 'v'), [b]);
  assert.deepEqual(find(store, 'u'), [b]);
});

test('a copied index shares its changed-id lists until one side adds to them', () => {
  const { store, ids } = filled(3);
  const [a = '', b = ''] = ids;
  const find = (s: Store, text: string): string[] => [...s.findIds(TASK, 'subject', 'exact', [text])].sort();
  assert.deepEqual(find(store, 'call 0'), [a]);
  store.put(TASK, a, row({ id: a, subject: 'same' }));
  const copy = store.clone();
  copy.put(TASK, b, row({ id: b, subject: 'same' }));
  store.put(TASK, b, row({ id: b, subject: 'other' }));
  assert.deepEqual(find(copy, 'same'), [a, b].sort());
  assert.deepEqual(find(store, 'same'), [a], 'the copy added to its own list, not to the shared one');
  assert.deepEqual(find(store, 'other'), [b]);
  assert.deepEqual(find(copy, 'other'), []);
});
