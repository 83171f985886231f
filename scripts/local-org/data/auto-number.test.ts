/**
 * Auto-number fields (Metadata API Developer Guide "CustomField": displayFormat, startingNumber) on
 * fixtures/auto-number: Ticket__c's name `T-{0000}` from 7 and its field Ref__c `R{0}` (no starting number), Dated__c's
 * name with a date token.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Schema } from '../schema/schema.ts';
import { RuntimeGap } from '../values/errors.ts';
import { runInSchema } from '../test-helpers.ts';

const fixture = new Schema(['scripts/local-org/fixtures/auto-number']);

test('each new record gets the next number in the display format, from the starting number, zero-padded', () => {
  assert.equal(
    runInSchema(
      fixture,
      `insert new List<Ticket__c>{ new Ticket__c(), new Ticket__c() };
       insert new Ticket__c();
       List<String> out = new List<String>();
       for (Ticket__c t : [SELECT Name, Ref__c FROM Ticket__c ORDER BY Name]) { out.add(t.Name + '/' + t.Ref__c); }
       return String.join(out, ' ');`
    ),
    'T-0007/R1 T-0008/R2 T-0009/R3'
  );
});

test('the inserted SObject variable gets its Id, not the number; an update keeps the number', () => {
  assert.equal(
    runInSchema(
      fixture,
      `Ticket__c t = new Ticket__c(); insert t;
       String before = t.Name;
       update t;
       return before + ' ' + [SELECT Name FROM Ticket__c WHERE Id = :t.Id].Name;`
    ),
    'null T-0007'
  );
});

test('a display format with a date token is a RuntimeGap, not a guessed date', () => {
  assert.throws(() => runInSchema(fixture, `insert new Dated__c(); return null;`), RuntimeGap);
});
