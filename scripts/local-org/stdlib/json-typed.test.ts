/**
 * Typed JSON.deserialize / deserializeStrict and JSON.serialize of Apex objects (Apex Reference Guide, "JSON Class":
 * deserialize ignores attributes the type lacks, deserializeStrict throws for them in Apex classes; serialize writes
 * fields in declaration order and suppressApexObjectNulls drops null fields of Apex objects).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apexError, runClass } from '../test-helpers.ts';

const CLASSES = `
  public class Line { public String field; public String label; public Integer n; }
  public class Event {
    public String eventId;
    public Datetime occurredAt;
    public Id recordId;
    public Decimal amount;
    public Long big;
    public Date day;
    public List<Line> lines;
    public Map<String, Line> byKey;
    public Kind kind;
    public Object raw;
    public Event() { eventId = 'constructed'; }
  }
  public enum Kind { CALL, MEMO }
`;

function run(body: string): string {
  return runClass(`${CLASSES} public static Object run() { ${body} }`).text;
}

test('deserialize into inner classes, lists, maps, primitives; unknown fields ignored; constructors not run', () => {
  const json =
    '{"eventId":"e-1","occurredAt":"2026-11-23T10:15:30+09:00","recordId":"003J000001bXgqT","amount":1.50,' +
    '"big":9007199254740993,"day":"2026-11-23","lines":[{"field":"a","label":null,"n":3,"extra":true}],' +
    '"byKey":{"k":{"field":"b"}},"kind":"MEMO","raw":{"x":[1,"y"]},"unknown":{"deep":[1]}}';
  const text = run(`
    Event e = (Event) JSON.deserialize('${json}', Event.class);
    return e.eventId + '|' + e.occurredAt.formatGmt('yyyy-MM-dd HH:mm:ss') + '|' + e.recordId + '|' + e.amount + '|' +
      e.big + '|' + e.day + '|' + e.lines[0].field + e.lines[0].n + e.lines[0].label + '|' + e.byKey.get('k').field +
      '|' + e.kind + '|' + e.raw;`);
  assert.equal(
    text,
    'e-1|2026-11-23 01:15:30|003J000001bXgqTIAS|1.50|9007199254740993|2026-11-23|a3null|b|MEMO|{x=(1, y)}'
  );
  assert.equal(
    run(`return ((Event) JSON.deserialize('{}', Event.class)).eventId;`),
    'null',
    'the deserializer does not run the constructor'
  );
  assert.equal(
    run(
      `List<Line> ls = (List<Line>) JSON.deserialize('[{"field":"f"},{"field":"g"}]', List<Line>.class); return ls.size() + ls[1].field;`
    ),
    '2g'
  );
  assert.equal(run(`return JSON.deserialize('"2026-01-02T03:04:05Z"', Datetime.class);`), '2026-01-02 03:04:05');
  assert.equal(
    run(`return ((Map<String, Integer>) JSON.deserialize('{"a":1,"b":2}', Map<String, Integer>.class)).get('b');`),
    '2'
  );
});

test('deserializeStrict rejects unknown fields; mismatched kinds are JSONExceptions', () => {
  assert.equal(
    apexError(`Object o = JSON.deserializeStrict('{"field":"a","nope":1}', Line.class);`, {
      Line: 'public class Line { public String field; }'
    }).text,
    'System.JSONException: Unknown field: Line.nope'
  );
  assert.equal(
    apexError(`Object o = JSON.deserialize('{"n":"x"}', Line.class);`, {
      Line: 'public class Line { public Integer n; }'
    }).text,
    'System.JSONException: Illegal value for primitive'
  );
  assert.equal(
    apexError(`Object o = JSON.deserialize('{"n":1}', List<Line>.class);`, {
      Line: 'public class Line { public Integer n; }'
    }).text,
    "System.JSONException: Malformed JSON: Expected '[' at the beginning of List/Set"
  );
  assert.match(
    apexError(`Object o = JSON.deserialize('{"d":"yesterday"}', Line.class);`, {
      Line: 'public class Line { public Datetime d; }'
    }).text,
    /^System\.JSONException: Cannot deserialize instance of datetime from VALUE_STRING value yesterday/
  );
  assert.equal(
    apexError(`Object o = JSON.deserializeStrict('{"LastName":"x","Nope__c":1}', Contact.class);`).text,
    "System.JSONException: No such column 'Nope__c' on sobject of type Contact"
  );
});

test('serialize writes Apex object fields in declaration order; suppressApexObjectNulls drops only object nulls', () => {
  const text = run(`
    Line l = new Line(); l.label = 'L'; l.n = 2;
    Map<String, Object> m = new Map<String, Object>{ 'line' => l, 'gone' => null };
    return JSON.serialize(l) + ' ' + JSON.serialize(m, true) + ' ' + JSON.serialize(Blob.valueOf('hi'));`);
  assert.equal(text, '{"field":null,"label":"L","n":2} {"line":{"label":"L","n":2},"gone":null} "aGk="');
});

test('JSON.serialize of an SObject writes the REST API record form: attributes, fields in set order, parents, subqueries', () => {
  assert.equal(
    run(`return JSON.serialize(new Account(Name = 'y', NumberOfEmployees = 2));`),
    '{"attributes":{"type":"Account"},"Name":"y","NumberOfEmployees":2}'
  );
  const out = run(`insert new Account(Name = 'x');
    Account q = [SELECT Id, Name, CreatedDate, Owner.Name, (SELECT Id FROM Contacts) FROM Account];
    return JSON.serialize(q);`);
  assert.match(
    out,
    /^\{"attributes":\{"type":"Account","url":"\/services\/data\/v65\.0\/sobjects\/Account\/001\w{15}"\},"Id":"001\w{15}","Name":"x","CreatedDate":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000","Owner":\{"attributes":\{"type":"User",[^}]*\},"Id":"005\w{15}","Name":"Integration User"\},"Contacts":\{"totalSize":0,"done":true,"records":\[\]\}\}$/
  );
  assert.equal(
    run(
      `Account a = (Account) JSON.deserialize(JSON.serialize(new Account(Name = 'y', NumberOfEmployees = 2)), Account.class); return a.Name + a.NumberOfEmployees;`
    ),
    'y2'
  );
});

test('JSON.deserialize into Database.SaveResult / UpsertResult reads success, id, created and errors (mock results)', () => {
  assert.equal(
    run(`Database.SaveResult r = (Database.SaveResult) JSON.deserialize('{"success":false,"errors":[{"message":"No","statusCode":"FIELD_CUSTOM_VALIDATION_EXCEPTION","fields":["Name"]}]}', Database.SaveResult.class);
      Database.UpsertResult u = (Database.UpsertResult) JSON.deserialize('{"success":true,"id":"001000000000001AAA","created":true}', Database.UpsertResult.class);
      return r.isSuccess() + ' ' + r.getErrors()[0].getStatusCode() + ' ' + r.getErrors()[0].getMessage() + ' ' + r.getErrors()[0].getFields() + ' ' + u.getId() + ' ' + u.isCreated();`),
    'false FIELD_CUSTOM_VALIDATION_EXCEPTION No (Name) 001000000000001AAA true'
  );
});
