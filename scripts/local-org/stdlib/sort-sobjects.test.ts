/**
 * List.sort() of SObjects (stdlib/collections.ts compareRecords): Apex Developer Guide "Sorting Lists of sObjects" —
 * the label of the SObject type, Name, standard fields alphabetically, custom fields alphabetically; an empty field
 * sorts before a non-empty one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evalApex } from '../test-helpers.ts';

test('records of one type sort by Name, then by the first standard field that differs (empty first)', () => {
  assert.equal(
    evalApex(
      "l[0].Name + ' ' + l[1].Name + '/' + l[1].Industry + ' ' + l[2].Name + '/' + l[2].Industry + ' ' + l[3].Site",
      `List<Account> l = new List<Account>{
         new Account(Name = 'sForce', Industry = 'Biotechnology', Site = 'Austin'),
         new Account(Name = 'sForce', Site = 'Austin'),
         new Account(Name = 'Acme'),
         new Account(Name = 'sForce', Industry = 'Biotechnology', Site = 'Boston')
       };
       l.sort();`
    ),
    'Acme sForce/null sForce/Biotechnology Boston'
  );
});

test('records of different types sort by the label of their type first (an Account before a Contact)', () => {
  assert.equal(
    evalApex(
      "String.valueOf(l[0].getSObjectType()) + ' ' + l[1].getSObjectType() + ' ' + l[2].getSObjectType()",
      `List<SObject> l = new List<SObject>{ new Contact(LastName = 'a'), new Opportunity(Name = 'a'), new Account(Name = 'z') };
       l.sort();`
    ),
    'Account Contact Opportunity'
  );
});
