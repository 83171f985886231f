/**
 * Contact/Lead/User Name follows the running user's locale: Salesforce Help "Locales Overview" (locales determine the
 * display formats of users' names) and "Use Standard Methods to Handle Locale Formats" ("A user's locale determines
 * the formats for these types of data: address, currency, date, datetime, name, integer, and time"). Japanese puts
 * the family name first (山田 一郎); en_US the given name first (Ichiro Yamada).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runClass } from '../test-helpers.ts';

/** Runs `body` as a new user of `locale` (System.runAs), returning what it returns. */
function runAsLocale(locale: string, body: string): string {
  return runClass(`public static Object run() {
      User u = new User(LastName = 'L', Email = 'l@example.com', Username = 'l@example.com.local', Alias = 'l',
        ProfileId = UserInfo.getProfileId(), TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = '${locale}',
        LanguageLocaleKey = 'ja', EmailEncodingKey = 'UTF-8');
      insert u;
      Object result;
      System.runAs(u) { result = run2(); }
      return result;
    }
    static Object run2() { ${body} }`).text;
}

test('a ja_JP user sees Contact, Lead and User names family name first, separated by a space', () => {
  assert.equal(
    runAsLocale(
      'ja_JP',
      `insert new Contact(FirstName = '一郎', LastName = '山田');
       insert new Lead(FirstName = '花子', LastName = '佐藤', Company = '株式会社サンプル');
       return [SELECT Name FROM Contact].Name + '/' + [SELECT Name FROM Lead].Name + '/' + UserInfo.getName();`
    ),
    '山田 一郎/佐藤 花子/L'
  );
});

test('an en_US user sees the given name first', () => {
  assert.equal(
    runAsLocale(
      'en_US',
      `insert new Contact(FirstName = 'Ichiro', LastName = 'Yamada'); return [SELECT Name FROM Contact].Name;`
    ),
    'Ichiro Yamada'
  );
});

test('without a first name the Name is the last name alone, in any locale', () => {
  assert.equal(
    runAsLocale('ja_JP', `insert new Contact(LastName = '山田'); return [SELECT Name FROM Contact].Name;`),
    '山田'
  );
});

test('the default running user of the local org is ja_JP: family name first', () => {
  assert.equal(
    runClass(`public static Object run() {
        insert new Contact(FirstName = '一郎', LastName = '山田');
        return UserInfo.getLocale() + ' ' + [SELECT Name FROM Contact].Name;
      }`).text,
    'ja_JP 山田 一郎'
  );
});
