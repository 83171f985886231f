/**
 * String.splitByCharacterType / splitByCharacterTypeCamelCase (Apex Reference Guide, "String Class": groups by
 * java.lang.Character.getType; example 'Lightning.platform' → (L, ightning, ., platform) and (Lightning, ., platform)),
 * which follow Apache Commons StringUtils.splitByCharacterType(CamelCase); and String.format with number arguments.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuntimeGap } from '../values/errors.ts';
import { evalApex } from '../test-helpers.ts';
import { splitByCharacterType } from './string-chartype.ts';

test('splitByCharacterType splits runs of one character type', () => {
  assert.deepEqual(splitByCharacterType('Lightning.platform', false), ['L', 'ightning', '.', 'platform']);
  assert.deepEqual(splitByCharacterType('ab de fg', false), ['ab', ' ', 'de', ' ', 'fg']);
  assert.deepEqual(splitByCharacterType('foo200Bar', false), ['foo', '200', 'B', 'ar']);
  assert.deepEqual(splitByCharacterType('', false), []);
});

test('splitByCharacterTypeCamelCase keeps an upper-case letter with the lower-case run after it', () => {
  assert.deepEqual(splitByCharacterType('Lightning.platform', true), ['Lightning', '.', 'platform']);
  assert.deepEqual(splitByCharacterType('foo200Bar', true), ['foo', '200', 'Bar']);
  assert.deepEqual(splitByCharacterType('ASFRules', true), ['ASF', 'Rules']);
});

test('String.format writes Booleans and whole numbers below 1000; larger numbers are a RuntimeGap (grouping)', () => {
  assert.equal(evalApex("String.format('{0} {1} {2}', new List<Object>{ 7, -42L, true })"), '7 -42 true');
  assert.throws(
    () => evalApex("String.format('{0}', new List<Object>{ 1000 })"),
    (e: unknown) => e instanceof RuntimeGap && /non-String argument/.test(e.message)
  );
});
