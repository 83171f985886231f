/**
 * Database.emptyRecycleBin (stdlib/recycle-bin.ts): Apex Reference Guide "Database Class" — "Permanently deletes the
 * specified records from the Recycle Bin"; "EmptyRecycleBinResult Class" getId/isSuccess/getErrors.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evalApex } from '../test-helpers.ts';

test('emptyRecycleBin removes deleted records for good: ALL ROWS no longer finds them; one DML statement', () => {
  assert.equal(
    evalApex(
      "r.isSuccess() + ' ' + (r.getId() == a.Id) + ' ' + r.getErrors().size() + ' ' + results.size() + ' ' + results[0].isSuccess() + ' ' + [SELECT COUNT() FROM Account ALL ROWS] + ' ' + (Limits.getDmlStatements() - before)",
      `Account a = new Account(Name = 'a'); Account b = new Account(Name = 'b'); insert new List<Account>{ a, b };
       delete new List<Account>{ a, b };
       Integer before = Limits.getDmlStatements();
       Database.EmptyRecycleBinResult r = Database.emptyRecycleBin(a);
       List<Database.EmptyRecycleBinResult> results = Database.emptyRecycleBin(new List<Id>{ b.Id });`
    ),
    'true true 0 1 true 0 2'
  );
});
