/**
 * String.escapeJava / unescapeJava / removeStartIgnoreCase / removeEndIgnoreCase (Apex Reference Guide "String Class").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evalApex } from '../test-helpers.ts';
import { escapeJava, unescapeJava } from './string-escapes.ts';

test('escapeJava escapes quotes, backslash and control characters (the Apex Reference Guide example: Company "Yacht")', () => {
  assert.equal(evalApex(`'Company "Yacht"'.escapeJava()`), 'Company \\"Yacht\\"');
  assert.equal(escapeJava('a\tb\nc\\d\u0001'), 'a\\tb\\nc\\\\d\\u0001');
});

test('unescapeJava turns escape sequences back into characters', () => {
  assert.equal(evalApex(`'Company \\\\"Yacht\\\\"'.unescapeJava()`), 'Company "Yacht"');
  assert.equal(unescapeJava('tab\\there\\nline \\u00e9 \\\\ \\101'), 'tab\there\nline é \\ A');
});

test('unescapeJava inverts escapeJava', () => {
  const s = 'q"uote\' back\\slash \r\n\t\b\f é';
  assert.equal(unescapeJava(escapeJava(s)), s);
});

test('removeStartIgnoreCase / removeEndIgnoreCase remove the substring whatever its case, only at that end', () => {
  assert.equal(
    evalApex(
      `'SalesForce'.removeStartIgnoreCase('sales') + ' ' + 'SalesForce'.removeEndIgnoreCase('FORCE') + ' ' + 'SalesForce'.removeStartIgnoreCase('force')`
    ),
    'Force Sales SalesForce'
  );
});
