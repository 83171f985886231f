/**
 * Database.DMLOptions (Apex Developer Guide "Setting DML Options", Apex Reference Guide "DMLOptions Class"):
 * optAllOrNone (partial success unless true), allowFieldTruncation (too-long strings truncated instead of
 * STRING_TOO_LONG), the headers created with the options, and the options the runtime does not model refused loudly.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuntimeGap } from '../values/errors.ts';
import { apexError, evalApex } from '../test-helpers.ts';

test('optAllOrNone unset: the valid record is saved and the invalid one reported (partial success)', () => {
  assert.equal(
    evalApex(
      `rs[0].isSuccess() + ' ' + rs[1].isSuccess() + ' ' + [SELECT COUNT() FROM Account]`,
      `Database.DMLOptions o = new Database.DMLOptions();
       List<Database.SaveResult> rs = Database.insert(new List<Account>{ new Account(Name = 'a'), new Account() }, o);`
    ),
    'true false 1'
  );
});

test('optAllOrNone = true: one invalid record fails the whole operation with a DmlException', () => {
  assert.match(
    apexError(`Database.DMLOptions o = new Database.DMLOptions(); o.optAllOrNone = true;
      Database.insert(new List<Account>{ new Account(Name = 'a'), new Account() }, o);`).text,
    /^System\.DmlException: Insert failed\. First exception on row 1; first error: REQUIRED_FIELD_MISSING/
  );
});

test('allowFieldTruncation = true saves a too-long string cut to the field length', () => {
  assert.equal(
    evalApex(
      `[SELECT Name FROM Account].Name.length()`,
      `Database.DMLOptions o = new Database.DMLOptions(); o.allowFieldTruncation = true;
       Database.insert(new Account(Name = 'x'.repeat(300)), o);`
    ),
    '255'
  );
});

test('without allowFieldTruncation the same string is STRING_TOO_LONG', () => {
  assert.equal(
    evalApex(
      `Database.insert(new Account(Name = 'x'.repeat(300)), new Database.DMLOptions()).getErrors()[0].getStatusCode()`
    ),
    'STRING_TOO_LONG'
  );
});

test('a new DMLOptions has its headers; their fields start null', () => {
  assert.equal(
    evalApex(
      `(o.assignmentRuleHeader != null) + ' ' + (o.emailHeader != null) + ' ' + (o.duplicateRuleHeader != null) + ' ' + o.emailHeader.triggerUserEmail`,
      `Database.DMLOptions o = new Database.DMLOptions();`
    ),
    'true true true null'
  );
});

test('an assignment rule or email option is a RuntimeGap at the DML, not silently ignored', () => {
  assert.throws(
    () =>
      evalApex(
        `null`,
        `Database.DMLOptions o = new Database.DMLOptions(); o.assignmentRuleHeader.useDefaultRule = true;
         Database.insert(new Lead(LastName = 'l', Company = 'c'), o);`
      ),
    (e: unknown) => e instanceof RuntimeGap && /assignmentRuleHeader/.test(e.message)
  );
});
