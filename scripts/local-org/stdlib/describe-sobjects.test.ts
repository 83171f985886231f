/**
 * Schema.describeSObjects(List<String>) (Apex Reference Guide "Schema Class"; Apex Developer Guide "Describing sObjects
 * Using Schema Method"): one DescribeSObjectResult per name, in the order given, the same as getDescribe() on each
 * type's token.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuntimeGap } from '../values/errors.ts';
import { evalApex } from '../test-helpers.ts';

test('describeSObjects gives the describe of each named type, in order, names matched case-insensitively', () => {
  assert.equal(
    evalApex(
      `r.size() + ' ' + r[0].getName() + ' ' + r[1].getName() + ' ' + r[0].fields.getMap().containsKey('Industry') + ' ' + (r[1].fields.getMap().size() == Contact.SObjectType.getDescribe().fields.getMap().size())`,
      `List<Schema.DescribeSObjectResult> r = Schema.describeSObjects(new List<String>{ 'account', 'Contact' });`
    ),
    '2 Account Contact true true'
  );
});

test('describeSObjects of a name the local schema does not know is a RuntimeGap, not a guessed result', () => {
  assert.throws(() => evalApex(`Schema.describeSObjects(new List<String>{ 'Nope__c' })`), RuntimeGap);
});
