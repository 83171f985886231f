/** Inline SOQL taken from the source text: comments between its tokens, characters outside the BMP before it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runClass } from '../test-helpers.ts';
import { withoutComments } from './build-soql.ts';

test('comments inside inline SOQL are dropped, string literals kept (inline SOQL is lexed as Apex)', () => {
  assert.equal(
    withoutComments("SELECT Id // x\nFROM A /* y */ WHERE B = '//not /* a comment'"),
    "SELECT Id  \nFROM A   WHERE B = '//not /* a comment'"
  );
  assert.equal(withoutComments("WHERE B = 'it\\'s // still' /** z\n */"), "WHERE B = 'it\\'s // still'  ");
  const out = runClass(`public static Object run() {
    insert new Contact(LastName = 'x');
    return [SELECT COUNT() // how many
            FROM Contact /* all of them
            */ WHERE LastName = 'x'];
  }`);
  assert.equal(out.text, '1');
});

test('inline SOQL after an emoji in the file is read at the right offset (the parser counts code points)', () => {
  const out = runClass(`public static Object run() {
    String face = '😀😀';
    insert new Contact(LastName = face);
    return [SELECT LastName FROM Contact WHERE LastName = :face].LastName;
  }`);
  assert.equal(out.text, '😀😀');
});
