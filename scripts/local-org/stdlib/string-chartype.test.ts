/**
 * String.splitByCharacterType / splitByCharacterTypeCamelCase (Apex Reference Guide, "String Class": groups by
 * java.lang.Character.getType; example 'Lightning.platform' → (L, ightning, ., platform) and (Lightning, ., platform)),
 * which follow Apache Commons StringUtils.splitByCharacterType(CamelCase); and String.format's argument conversion.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuntimeGap } from '../values/errors.ts';
import { evalApex, runClass } from '../test-helpers.ts';
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

test('String.format converts non-String arguments to strings first (Apex Reference Guide: "implicitly converted to strings")', () => {
  assert.equal(
    evalApex("String.format('{0} {1} {2} {3} {4} {5}', new List<Object>{ 7, 1234567, -42L, true, 1234.5678, null })"),
    '7 1234567 -42 true 1234.5678 null'
  );
  assert.equal(
    evalApex("String.format('on {0}', new List<Object>{ Date.newInstance(2026, 11, 23) })"),
    'on 2026-11-23'
  );
});

test('String.format respects a toString() override of an argument', () => {
  assert.equal(
    runClass(
      `public class P { public override String toString() { return 'custom'; } }
       public static Object run() { return String.format('is {0}', new List<Object>{ new P() }); }`
    ).text,
    'is custom'
  );
});

test('String.format converts each argument once, in list order, before reading the pattern ("converted to strings" first)', () => {
  assert.equal(
    runClass(
      `public class Counted { public override String toString() { T.calls++; return 'n' + T.calls; } }
       public static Integer calls = 0;
       public static Object run() {
         String s = String.format('{1} {0} {1}', new List<Object>{ new Counted(), new Counted(), new Counted() });
         return s + ' ' + calls;
       }`
    ).text,
    'n2 n1 n2 3'
  );
});

test('String.format with a format type ({0,number}) is a RuntimeGap', () => {
  assert.throws(
    () => evalApex("String.format('{0,number,#}', new List<Object>{ 1000 })"),
    (e: unknown) => e instanceof RuntimeGap && /placeholder/.test(e.message)
  );
});
