/**
 * String < > <= >= (data/collation.ts): Apex Developer Guide "Expression Operators" — "The comparison of two strings is
 * performed according to the locale of the context user and is case-insensitive"; "A non-null String or ID value is
 * always greater than a null value".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runClass } from '../test-helpers.ts';

const run = (body: string): string => runClass(`public static Object run() { ${body} }`).text;

test('String relational operators compare case-insensitively; null is less than any String', () => {
  assert.equal(
    run(`String n = null;
      return ('abc' < 'bbc') + ' ' + ('cdc' > 'bbc') + ' ' + ('a' < 'B') + ' ' + ('A' <= 'a') + ' ' + ('a' >= 'A') + ' ' + ('A' < 'a') + ' ' + (n < 'a') + ' ' + ('a' > n);`),
    'true true true true true false true true'
  );
});

test("String relational operators follow the running user's locale (System.runAs a user with LocaleSidKey sv_SE)", () => {
  assert.equal(
    run(`User sv = new User(Alias = 'sv', Email = 'sv@example.com', EmailEncodingKey = 'UTF-8', LastName = 'Sv',
        LanguageLocaleKey = 'en_US', LocaleSidKey = 'sv_SE', ProfileId = UserInfo.getProfileId(),
        TimeZoneSidKey = 'Europe/Stockholm', Username = 'sv@example.com.local');
      insert sv;
      Boolean before = 'ä' < 'z';
      Boolean inSwedish;
      System.runAs(sv) { inSwedish = 'ä' < 'z'; }
      return before + ' ' + inSwedish;`),
    'true false'
  );
});
