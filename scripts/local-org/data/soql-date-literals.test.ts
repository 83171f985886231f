/**
 * SOQL date literals (data/soql-values.ts): SOQL and SOSL Reference "Date Formats and Date Literals in WHERE". The
 * fixed clock (test-helpers.ts FIXED_NOW) is Monday 2026-11-23 in Asia/Tokyo, the default org time zone; the seeded
 * user's locale ja_JP starts the week on Sunday (CLDR).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runClass } from '../test-helpers.ts';

const DATES = [
  '2026-11-21',
  '2026-11-22',
  '2026-11-23',
  '2026-11-24',
  '2026-11-30',
  '2026-10-15',
  '2026-12-31',
  '2027-01-05',
  '2025-06-01',
  '2026-08-01'
];

const LITERALS = [
  'THIS_WEEK',
  'LAST_WEEK',
  'NEXT_WEEK',
  'NEXT_N_WEEKS:2',
  'N_WEEKS_AGO:1',
  'NEXT_N_DAYS:1',
  'LAST_N_DAYS:1',
  'THIS_MONTH',
  'LAST_MONTH',
  'NEXT_N_MONTHS:2',
  'N_MONTHS_AGO:1',
  'THIS_QUARTER',
  'LAST_QUARTER',
  'THIS_YEAR',
  'NEXT_YEAR',
  'LAST_N_YEARS:2'
];

function counts(runAsLocale?: string): string {
  const inserts = DATES.map(
    (d, i) => `new Opportunity(Name = 'o${i}', StageName = 'Won', CloseDate = Date.valueOf('${d}'))`
  ).join(', ');
  const queries = LITERALS.map(
    (l) => `out += '${l}=' + Database.query('SELECT Id FROM Opportunity WHERE CloseDate = ${l}').size() + ' ';`
  ).join('\n');
  const body = runAsLocale
    ? `User u = new User(Alias = 'loc', Email = 'loc@example.com', EmailEncodingKey = 'UTF-8', LastName = 'Loc',
        LanguageLocaleKey = 'en_US', LocaleSidKey = '${runAsLocale}', ProfileId = UserInfo.getProfileId(),
        TimeZoneSidKey = 'Asia/Tokyo', Username = 'loc@example.com.local');
      insert u;
      System.runAs(u) { ${queries} }`
    : queries;
  return runClass(
    `public static Object run() { insert new List<Opportunity>{ ${inserts} }; String out = ''; ${body} return out.trim(); }`
  ).text;
}

test('week, month, quarter and year date literals; NEXT_N_DAYS starts tomorrow, LAST_N_DAYS includes today', () => {
  assert.equal(
    counts(),
    'THIS_WEEK=3 LAST_WEEK=1 NEXT_WEEK=1 NEXT_N_WEEKS:2=1 N_WEEKS_AGO:1=1 NEXT_N_DAYS:1=1 LAST_N_DAYS:1=2 ' +
      'THIS_MONTH=5 LAST_MONTH=1 NEXT_N_MONTHS:2=2 N_MONTHS_AGO:1=1 THIS_QUARTER=7 LAST_QUARTER=1 THIS_YEAR=8 ' +
      'NEXT_YEAR=1 LAST_N_YEARS:2=1'
  );
});

test("the week starts on the running user's locale's first day (de_DE: Monday)", () => {
  assert.match(counts('de_DE'), /^THIS_WEEK=2 LAST_WEEK=2 NEXT_WEEK=1 /);
});
