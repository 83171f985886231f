/**
 * SOSL in the local org runtime, each test citing the documented behaviour it mirrors: Apex Developer Guide,
 * Apex Reference Guide, SOQL and SOSL Reference (API 67.0).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoadError } from '../ast/errors.ts';
import { RuntimeGap } from '../values/errors.ts';
import { formatLimits, invokeRest } from '../rest.ts';
import { loadSources } from '../runtime.ts';
import { FIXED_NOW, apexError, load, runClass } from '../test-helpers.ts';
import { parseSosl, SoslSyntaxError, SoslUnsupportedError } from '../ast/sosl-parse.ts';
import { SearchTermError, SearchTermGap, matchesSearch, parseSearchQuery, tokenize } from './sosl-terms.ts';

/** Runs `statements` (then `return <result>`) outside a test: searches run against the store. */
function run(statements: string): string {
  return runClass(`public static Object run() { ${statements} }`).text;
}

/** Runs `statements` as a test method would: Test.isRunningTest() is true. */
function runInTest(statements: string): string {
  const org = load(`public static Object run() { ${statements} }`);
  const it = org.transaction({ now: () => FIXED_NOW });
  it.ctx.isTest = true;
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

function gap(statements: string, inTest = false): RuntimeGap {
  try {
    if (inTest) {
      runInTest(statements);
    } else {
      run(statements);
    }
  } catch (e) {
    if (e instanceof RuntimeGap) {
      return e;
    }
    throw e;
  }
  throw new Error('expected a RuntimeGap');
}

const PEOPLE = `insert new List<Contact>{
    new Contact(FirstName = 'Taro', LastName = 'Yamada', Phone = '03-1234-5678', Email = 'taro@example.com'),
    new Contact(FirstName = 'Joe', LastName = 'Smith', Phone = '(415) 555-1212'),
    new Contact(FirstName = 'Mary', LastName = 'Smythe', Title = 'Johnson Inc buyer')
  };
  insert new Lead(LastName = 'Jones', Company = 'Acme Inc', Phone = '4155551212');`;

/** Last names found by a search over Contact and Lead, as "Contact names | Lead names". */
const names = (find: string, group = 'ALL'): string =>
  run(`${PEOPLE}
    List<List<SObject>> r = [FIND '${find}' IN ${group} FIELDS RETURNING Contact(LastName ORDER BY LastName), Lead(LastName ORDER BY LastName)];
    List<String> out = new List<String>();
    for (List<SObject> rows : r) {
      List<String> n = new List<String>();
      for (SObject s : rows) { n.add((String) s.get('LastName')); }
      out.add(String.join(n, ','));
    }
    return String.join(out, ' | ');`);

describe('SOSL statements: parsing', () => {
  // SOQL and SOSL Reference "SOSL Syntax", "IN SearchGroup", "RETURNING FieldSpec", "LIMIT n".
  it('reads FIND, IN, RETURNING with field lists, WHERE/ORDER BY/LIMIT/OFFSET, WITH USER_MODE and the overall LIMIT', () => {
    const p = parseSosl(
      "FIND 'O\\'Brien*' IN PHONE FIELDS RETURNING Contact(Id, Name WHERE Phone != null ORDER BY Name LIMIT :localOrgBind0), Lead WITH USER_MODE LIMIT 30"
    );
    assert.deepEqual(p.find, { kind: 'literal', value: "O'Brien*" });
    assert.equal(p.group, 'PHONE');
    assert.equal(p.mode, 'USER_MODE');
    assert.deepEqual(p.limit, { kind: 'literal', value: 30 });
    assert.deepEqual(
      p.returning.map((r) => [r.object, r.hasWhere, r.hasOrderBy, r.limit]),
      [
        ['Contact', true, true, { kind: 'bind', name: 'localOrgBind0' }],
        ['Lead', false, false, undefined]
      ]
    );
    assert.equal(p.returning[0]?.query.withAccessLevel, 'USER_MODE');
    assert.equal(p.returning[1]?.query.fields?.length, 1, 'RETURNING Lead without fields selects Id only');
  });

  it('reads the braces form of dynamic SOSL and a FIND bind', () => {
    assert.deepEqual(parseSosl('find {joe sm\\-th} returning Account').find, { kind: 'literal', value: 'joe sm\\-th' });
    assert.deepEqual(parseSosl('FIND :term RETURNING Account(Name)').find, { kind: 'bind', name: 'term' });
  });

  // SOQL and SOSL Reference "RETURNING FieldSpec": "If you want to specify a WHERE clause, you must include a
  // FieldList"; "OFFSET can be used only when querying a single object"; "each object must be distinct".
  it('rejects malformed statements', () => {
    for (const bad of [
      "FIND 'x' RETURNING Account(WHERE Name = 'a')",
      "FIND 'x' RETURNING Account(Name OFFSET 1), Contact(Name)",
      "FIND 'x' RETURNING Account, Account",
      "FIND 'x' IN EVERY FIELDS RETURNING Account",
      'SELECT Id FROM Account'
    ]) {
      assert.throws(() => parseSosl(bad), SoslSyntaxError, bad);
    }
  });

  it('names the documented clauses the runtime does not implement', () => {
    for (const [sosl, clause] of [
      ["FIND 'x' RETURNING Account WITH SNIPPET", 'WITH SNIPPET'],
      ["FIND 'x' RETURNING Account WITH DIVISION = 'Global'", 'WITH DIVISION'],
      ["FIND 'x' RETURNING Account WITH NETWORK IN ('1')", 'WITH NETWORK'],
      ["FIND 'x' RETURNING Account UPDATE TRACKING", 'UPDATE TRACKING'],
      ["FIND 'x' RETURNING Account(Name USING ListView = Recent)", 'USING ListView'],
      ["FIND 'x' IN SIDEBAR FIELDS RETURNING Account", 'IN SIDEBAR FIELDS'],
      ["FIND 'x'", 'without RETURNING']
    ] as const) {
      assert.throws(
        () => parseSosl(sosl),
        (e: unknown) => e instanceof SoslUnsupportedError && e.message.includes(clause)
      );
    }
  });
});

describe('SOSL search terms (SOQL and SOSL Reference "FIND {SearchQuery}")', () => {
  const hit = (query: string, ...fields: string[]): boolean =>
    matchesSearch(parseSearchQuery(query), fields.map(tokenize));

  // "The search engine splits record information separated by spaces or punctuation into separate tokens";
  // "Text searches are case-insensitive".
  it('matches whole tokens case-insensitively, never substrings', () => {
    assert.deepEqual(tokenize('Acme-Inc. (Tokyo)'), ['acme', 'inc', 'tokyo']);
    assert.equal(hit('ACME', 'acme inc'), true);
    assert.equal(hit('acm', 'acme inc'), false);
    assert.equal(hit('cme', 'acme inc'), false);
    assert.equal(hit('mylogin@mycompany.com', 'Mail: mylogin@mycompany.com'), true);
    assert.equal(hit('mylogin@mycompany.com', 'mycompany mylogin com'), false, 'a punctuated word is a phrase');
  });

  // Wildcards: "* … zero or more characters at the middle or end"; "? … only one character": jo?n finds john and joan
  // "but not jon or johan".
  it('supports * and ? at the middle or end of a term', () => {
    assert.equal(hit('john*', 'Johnson'), true);
    assert.equal(hit('mi* meyers', 'michael meyers'), true);
    assert.equal(hit('jo?n', 'john'), true);
    assert.equal(hit('jo?n', 'joan'), true);
    assert.equal(hit('jo?n', 'jon'), false);
    assert.equal(hit('jo?n', 'johan'), false);
  });

  // Operators: AND is the default; "AND and AND NOT (evaluated from right to left)", then OR; quotes keep word order.
  it('combines terms with AND, OR, AND NOT, parentheses and phrases', () => {
    assert.equal(hit('john smith', 'smith, john'), true);
    assert.equal(hit('"john smith"', 'smith, john'), false);
    assert.equal(hit('"john smith"', 'Mr John Smith'), true);
    assert.equal(hit('john AND NOT smith', 'john smith'), false);
    assert.equal(hit('john and not smith', 'john doe'), true);
    assert.equal(hit('bob OR sally AND smith', 'bob jones'), true, 'AND binds tighter than OR');
    assert.equal(hit('(bob OR sally) AND smith', 'bob jones'), false);
    // Right to left: a AND NOT b AND c = a AND NOT (b AND c).
    assert.equal(hit('a1 AND NOT b1 AND c1', 'a1 b1'), true);
    assert.equal(hit('a1 AND NOT b1 AND c1', 'a1 b1 c1'), false);
    assert.equal(hit('"and" OR "or"', 'this or that'), true, 'quoted operators are words');
  });

  // "Reserved characters … must be escaped … An error occurs if you do not precede reserved characters with a
  // backslash"; "search term must be longer than one character".
  it('rejects unescaped reserved characters, unbalanced phrases and one-character searches', () => {
    assert.throws(() => parseSearchQuery('415-555-1212'), SearchTermError);
    assert.throws(() => parseSearchQuery('+81312345678'), SearchTermError);
    assert.throws(() => parseSearchQuery('"john smith'), SearchTermError);
    assert.throws(() => parseSearchQuery('a*'), /search term must be longer than one character: a\*/);
    assert.equal(hit('415\\-555\\-1212', '(415) 555-1212'), true, 'escaped punctuation separates tokens');
  });

  it('is loud where the platform is undocumented or not reproduced', () => {
    assert.throws(() => parseSearchQuery('*son'), SearchTermGap);
    assert.throws(() => parseSearchQuery('東京'), SearchTermGap);
  });
});

describe('SOSL outside tests: searching the store', () => {
  // SOQL and SOSL Reference "IN SearchGroup": NAME FIELDS (name fields, Lead.Company, …), EMAIL FIELDS, PHONE FIELDS,
  // ALL FIELDS.
  it('searches the fields of the IN search group', () => {
    assert.equal(names('smith'), 'Smith | ');
    assert.equal(names('acme', 'NAME'), ' | Jones', 'Lead.Company is a name field');
    assert.equal(names('johnson', 'ALL'), 'Smythe | ', 'Title is searched in ALL FIELDS');
    assert.equal(names('johnson', 'NAME'), ' | ');
    assert.equal(names('example', 'EMAIL'), 'Yamada | ');
    assert.equal(names('example', 'PHONE'), ' | ');
    assert.equal(names('sm*'), 'Smith,Smythe | ');
  });

  // Apex Reference Guide/SOAP API Developer Guide "Sample search Call": `FIND {4155551212} IN Phone FIELDS` finds
  // stored numbers; other phone tokenisation is undocumented, so a partial number is not a match (no substring search).
  it('finds a phone number by its digits, but not by a part of them', () => {
    assert.equal(names('4155551212', 'PHONE'), 'Smith | Jones');
    assert.equal(names('0312345678', 'PHONE'), 'Yamada | ');
    assert.equal(names('5551212', 'PHONE'), ' | ');
    assert.equal(names('555\\\\-1212', 'PHONE'), 'Smith | ', 'the tokens 555 and 1212 of (415) 555-1212');
    assert.equal(names('1234', 'PHONE'), 'Yamada | ', 'a whole token of 03-1234-5678');
  });

  // Apex Developer Guide "Using Apex Variables in SOQL and SOSL Queries": binds in FIND, WHERE and LIMIT.
  it('evaluates binds in FIND, WHERE and LIMIT', () => {
    const out = run(`${PEOPLE}
      String term = 'sm*';
      String last = 'Smythe';
      Integer n = 1;
      List<List<SObject>> r = [FIND :term IN NAME FIELDS RETURNING Contact(LastName WHERE LastName != :last), Lead(Name)];
      List<List<SObject>> one = [FIND :term RETURNING Contact(LastName ORDER BY LastName DESC LIMIT :n)];
      return r[0].size() + ' ' + r[0][0].get('LastName') + ' ' + one[0][0].get('LastName');`);
    assert.equal(out, '1 Smith Smythe');
  });

  // SOQL and SOSL Reference "LIMIT n": "If 19 of the results are accounts and 35 are contacts, then only 10 accounts
  // and 10 contacts are returned"; a per-object LIMIT caps that object only.
  it('distributes the overall LIMIT evenly across the objects', () => {
    const out = run(`List<Account> a = new List<Account>();
      for (Integer i = 0; i < 19; i++) { a.add(new Account(Name = 'Blue ' + i)); }
      insert a;
      List<Contact> c = new List<Contact>();
      for (Integer i = 0; i < 35; i++) { c.add(new Contact(LastName = 'Blue ' + i)); }
      insert c;
      List<List<SObject>> even = [FIND 'blue' RETURNING Account(Name), Contact(Name) LIMIT 20];
      List<List<SObject>> capped = [FIND 'blue' RETURNING Account(Name LIMIT 5), Contact(Name) LIMIT 20];
      return even[0].size() + '/' + even[1].size() + ' ' + capped[0].size() + '/' + capped[1].size();`);
    assert.equal(out, '10/10 5/15');
  });

  // SOQL and SOSL Reference "SOSL Limits on Search Results": one object → at most 250 rows unless WHERE or ORDER BY is
  // given.
  it('truncates a one-object search to 250 rows without WHERE or ORDER BY', () => {
    const out = run(`List<Contact> c = new List<Contact>();
      for (Integer i = 0; i < 260; i++) { c.add(new Contact(LastName = 'Green ' + i)); }
      insert c;
      return [FIND 'green' RETURNING Contact(Id)][0].size() + ' ' + [FIND 'green' RETURNING Contact(Id ORDER BY LastName)][0].size();`);
    assert.equal(out, '250 260');
  });

  // Apex Developer Guide "Working with SObjects": a field the query did not select cannot be read.
  it('returns only the selected fields', () => {
    assert.equal(
      apexError(`${PEOPLE} Contact c = (Contact) [FIND 'smith' RETURNING Contact(Id)][0][0]; String p = c.Phone;`).text,
      'System.SObjectException: SObject row was retrieved via SOQL without querying the requested field: Contact.Phone'
    );
  });

  it('raises SearchException for an invalid search query', () => {
    assert.equal(
      apexError(`List<List<SObject>> r = [FIND 'x' RETURNING Contact(Id)];`).text,
      'System.SearchException: search term must be longer than one character: x'
    );
  });
});

describe('SOSL in tests (Apex Developer Guide "Adding SOSL Queries to Unit Tests")', () => {
  // "any SOSL query that is added to an Apex test method returns an empty set of search results".
  it('returns empty results without Test.setFixedSearchResults, even when records match', () => {
    assert.equal(
      runInTest(`${PEOPLE} List<List<SObject>> r = [FIND 'smith' RETURNING Contact(Name), Lead(Name)];
        return r.size() + ' ' + r[0].size() + ' ' + r[1].size();`),
      '2 0 0'
    );
  });

  // "The list of record IDs … replaces the results … If these clauses [WHERE, LIMIT] exist in the SOSL query, they are
  // applied to the list of fixed search results"; the FIND text is not.
  it('passes the fixed ids to RETURNING: object type, WHERE and LIMIT apply, the FIND text does not', () => {
    const out = runInTest(`${PEOPLE}
      List<Id> ids = new List<Id>();
      for (Contact c : [SELECT Id FROM Contact]) { ids.add(c.Id); }
      ids.add([SELECT Id FROM Lead].Id);
      Test.setFixedSearchResults(ids);
      List<List<SObject>> r = [FIND 'nothing matches this' RETURNING Contact(Name WHERE LastName LIKE 'Sm%'), Lead(Name), Account(Name)];
      List<List<SObject>> limited = [FIND 'zz' RETURNING Contact(Name LIMIT 1)];
      return r[0].size() + ' ' + r[1].size() + ' ' + r[2].size() + ' ' + limited[0].size();`);
    assert.equal(out, '2 1 0 1');
  });

  // "the test method can call Test.setFixedSearchResults multiple times"; without ids → "an empty list of results".
  it('replaces the fixed ids on each call; null means no results', () => {
    const out = runInTest(`${PEOPLE}
      Contact c = [SELECT Id FROM Contact WHERE LastName = 'Smith'];
      Test.setFixedSearchResults(new List<Id>{ c.Id });
      Integer first = [FIND 'qq' RETURNING Contact(Id)][0].size();
      Test.setFixedSearchResults(null);
      return first + ' ' + [FIND 'qq' RETURNING Contact(Id)][0].size();`);
    assert.equal(out, '1 0');
  });

  // The FIND text is not applied to fixed results, so text the runtime cannot match outside tests is fine here.
  it('ignores a Japanese FIND text in tests, but still rejects an invalid one', () => {
    const out = runInTest(`${PEOPLE}
      Test.setFixedSearchResults(new List<Id>{ [SELECT Id FROM Lead].Id });
      return [FIND '山田 太郎' RETURNING Lead(Name)][0].size();`);
    assert.equal(out, '1');
    try {
      runInTest(`List<List<SObject>> r = [FIND 'a-b' RETURNING Lead(Name)];`);
      assert.fail('expected a SearchException');
    } catch (e) {
      assert.match((e as Error).message, /reserved character '-' must be escaped/);
    }
  });

  it('keeps the fixed ids in their given order when there is no ORDER BY', () => {
    const out = runInTest(`${PEOPLE}
      List<Contact> cs = [SELECT Id, LastName FROM Contact ORDER BY LastName DESC];
      Test.setFixedSearchResults(new List<Id>{ cs[0].Id, cs[2].Id, cs[1].Id });
      List<String> n = new List<String>();
      for (SObject s : [FIND 'qq' RETURNING Contact(LastName)][0]) { n.add((String) s.get('LastName')); }
      return String.join(n, ',');`);
    assert.equal(out, 'Yamada,Smith,Smythe');
  });
});

describe('Search class (Apex Reference Guide "Search Class")', () => {
  // "Search.query(String) … Creates a dynamic SOSL query at run time"; it returns List<List<SObject>>.
  it('runs dynamic SOSL and returns typed lists', () => {
    const out = run(`${PEOPLE}
      List<List<SObject>> r = Search.query('FIND \\'smith OR jones\\' IN ALL FIELDS RETURNING Contact(LastName), Lead(LastName)');
      List<Contact> cs = (List<Contact>) r[0];
      List<List<SObject>> u = Search.query('FIND {smith} RETURNING Contact(Name)', AccessLevel.USER_MODE);
      return cs[0].LastName + ' ' + ((List<Lead>) r[1])[0].LastName + ' ' + u[0].size();`);
    assert.equal(out, 'Smith Jones 1');
  });

  it('raises SearchException for malformed dynamic SOSL', () => {
    assert.match(
      apexError(`Search.query('FIND {smith} RETURNING Contact(WHERE Name = null)');`).text,
      /^System\.SearchException: invalid SOSL: RETURNING Contact\(…\) needs a field list/
    );
  });

  it('is loud about binds in dynamic SOSL, Search.find and unsupported clauses, naming file:line', () => {
    assert.match(
      gap(`String t = 'smith';\nSearch.query('FIND :t RETURNING Contact');`).message,
      /bind variable :t.*\(T\.cls:2\)/
    );
    assert.match(
      gap(`\nSearch.find('FIND {smith}');`).message,
      /System\.Search\.find exists on the platform but is not implemented.*\(T\.cls:2\)/
    );
    assert.match(
      gap(`\n\nSearch.query('FIND {smith} RETURNING Contact WITH SNIPPET');`).message,
      /SOSL WITH SNIPPET .*\(T\.cls:3\)/
    );
  });

  it('fails to load an inline SOSL statement with an unsupported clause, naming file:line', () => {
    assert.throws(
      () =>
        loadSources([
          {
            file: 'classes/S.cls',
            source: `public class S {\n  public static Object f() {\n    return [FIND 'x' RETURNING Account(Name) WITH HIGHLIGHT];\n  }\n}`
          }
        ]),
      (e: unknown) =>
        e instanceof LoadError && /^classes\/S\.cls:3: unsupported construct: SOSL WITH HIGHLIGHT/m.test(e.message)
    );
  });
});

describe('SOSL governor limits (Apex Developer Guide "Execution Governors and Limits": 20 SOSL queries)', () => {
  it('counts SOSL statements apart from SOQL, and the 21st is a LimitException', () => {
    assert.equal(
      run(`for (Integer i = 0; i < 3; i++) { List<List<SObject>> r = [FIND 'abc' RETURNING Contact(Id)]; }
        return Limits.getSoslQueries() + ' ' + Limits.getLimitSoslQueries() + ' ' + Limits.getQueries();`),
      '3 20 0'
    );
    const e = apexError(
      `for (Integer i = 0; i < 21; i++) {\n List<List<SObject>> r = [FIND 'abc' RETURNING Contact(Id)];\n}`
    );
    assert.equal(e.text, 'System.LimitException: Too many SOSL queries: 21');
    assert.equal(e.line, 2);
  });

  it('is uncatchable and reported in the transaction limits of an Apex REST request', () => {
    const org = loadSources([
      {
        file: 'classes/Finder.cls',
        source: `@RestResource(urlMapping='/find/*')
global class Finder {
  @HttpGet global static Integer find() {
    try {
      for (Integer i = 0; i < 25; i++) { List<List<SObject>> r = [FIND 'abc' RETURNING Contact(Id)]; }
    } catch (Exception e) { return -1; }
    return 0;
  }
}`
      }
    ]);
    const r = invokeRest(org, 'GET', '/services/apexrest/find', {}, Buffer.alloc(0));
    assert.equal(r.status, 500);
    assert.match(r.body.toString(), /Too many SOSL queries: 21/);
    assert.equal(r.limits.soslQueries, 21);
    assert.match(formatLimits(r.limits), /SOSL 21\/20/);
  });
});
