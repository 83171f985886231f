/** Type.forName with collection names and Type.newInstance of collections (stdlib/type-names.ts, Apex Reference Guide
 * "Type Class").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evalApex } from '../test-helpers.ts';

test("Type.forName('Map<Id,Account>') is the map type; newInstance() an empty map of it", () => {
  assert.equal(
    evalApex(
      `String.valueOf(Type.forName('Map<Id, Account>')) + ' ' + ((Map<Id, Account>) Type.forName('Map<Id,Account>').newInstance()).isEmpty()`
    ),
    'Map<Id,Account> true'
  );
});

test('Type.forName of List/Set names; an unknown element type gives null', () => {
  assert.equal(
    evalApex(
      `(Type.forName('List<String>') == List<String>.class) + ' ' + (Type.forName('Set<Integer>').newInstance() instanceof Set<Integer>) + ' ' + Type.forName('List<Nope>')`
    ),
    'true true null'
  );
});
