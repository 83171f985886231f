/**
 * Apex cursors (stdlib/cursors.ts): Apex Reference Guide "Cursor Class" — fetch(position, count) returns the rows from
 * the offset position, getNumRecords() the rows the query returned, each fetch counts against the SOQL query and row
 * limits, at most 100 fetch calls per transaction; "Database Class" getCursor / getCursorWithBinds; "Limits Class"
 * getApexCursors / getApexCursorRows / getFetchCallsOnApexCursor.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evalApex } from '../test-helpers.ts';

const accounts = `List<Account> accounts = new List<Account>();
  for (Integer i = 0; i < 5; i++) { accounts.add(new Account(Name = 'A' + i)); }
  insert accounts;`;

test('getCursor: getNumRecords, fetch from an offset position, a fetch past the end is short', () => {
  assert.equal(
    evalApex(
      "c.getNumRecords() + ' ' + first.size() + ' ' + first[0].Name + ' ' + first[1].Name + ' ' + c.fetch(3, 10).size() + ' ' + c.fetch(1, 1)[0].Name + ' ' + c.fetch(5, 1).size()",
      `${accounts}
       Database.Cursor c = Database.getCursor('SELECT Name FROM Account ORDER BY Name');
       List<Account> first = c.fetch(0, 2);`
    ),
    '5 2 A0 A1 2 A1 0'
  );
});

test('getCursorWithBinds and getCursor with an access level; a bind of the caller in getCursor', () => {
  assert.equal(
    evalApex(
      "byMap.getNumRecords() + ' ' + byMap.fetch(0, 5)[0].Name + ' ' + local.getNumRecords()",
      `${accounts}
       Database.Cursor byMap = Database.getCursorWithBinds('SELECT Name FROM Account WHERE Name = :n',
         new Map<String, Object>{ 'n' => 'A3' }, AccessLevel.SYSTEM_MODE);
       String prefix = 'A%';
       Database.Cursor local = Database.getCursor('SELECT Id FROM Account WHERE Name LIKE :prefix', AccessLevel.USER_MODE);`
    ),
    '1 A3 5'
  );
});

test('limits: each fetch is a SOQL query with its rows; cursors, cursor rows and fetch calls are counted', () => {
  assert.equal(
    evalApex(
      "(Limits.getQueries() - queries) + ' ' + (Limits.getQueryRows() - rows) + ' ' + Limits.getApexCursors() + ' ' + Limits.getApexCursorRows() + ' ' + Limits.getFetchCallsOnApexCursor() + ' ' + Limits.getLimitFetchCallsOnApexCursor()",
      `${accounts}
       Integer queries = Limits.getQueries();
       Integer rows = Limits.getQueryRows();
       Database.Cursor c = Database.getCursor('SELECT Id FROM Account');
       c.fetch(0, 2); c.fetch(2, 2);`
    ),
    '2 4 1 5 2 100'
  );
});

test('the 101st fetch call in a transaction is a LimitException (wording unverified)', () => {
  assert.throws(
    () =>
      evalApex(
        'calls',
        `${accounts}
         Database.Cursor c = Database.getCursor('SELECT Id FROM Account');
         Integer calls = 0;
         for (Integer i = 0; i < 101; i++) { c.fetch(0, 1); calls++; }`
      ),
    /Too many Apex cursor fetch calls: 101/
  );
  assert.equal(
    evalApex(
      'calls',
      `${accounts}
       Database.Cursor c = Database.getCursor('SELECT Id FROM Account');
       Integer calls = 0;
       for (Integer i = 0; i < 100; i++) { c.fetch(0, 1); calls++; }`
    ),
    '100'
  );
});
