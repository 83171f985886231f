/** System.UUID (Apex Reference Guide "UUID Class"). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apexError, evalApex } from '../test-helpers.ts';

test('randomUUID() is a version 4 UUID in lower-case 8-4-4-4-12 form; fromString() round-trips, equality by value', () => {
  assert.match(
    evalApex(`UUID.randomUUID().toString()`),
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
  );
  assert.equal(
    evalApex(
      `a.equals(b) + ' ' + (a == b) + ' ' + new Set<UUID>{ a, b }.size() + ' ' + (a.hashCode() == b.hashCode()) + ' ' + a.equals(UUID.randomUUID())`,
      `UUID a = UUID.randomUUID(); UUID b = UUID.fromString(a.toString().toUpperCase());`
    ),
    'true true 1 true false'
  );
});

test('UUID.fromString() of something else is IllegalArgumentException', () => {
  assert.equal(
    apexError(`UUID.fromString('nope');`).text,
    'System.IllegalArgumentException: Invalid UUID string: nope'
  );
});
