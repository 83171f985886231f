/**
 * System.JSONParser (Apex Reference Guide, "JSONParser Class", "JSONToken Enum"; `JSON.createParser`), over the same
 * strict tokenizer as JSON.deserialize: the refusing fixtures are refused by `nextToken()` with the same
 * JSONException, and the same documents written correctly are walked token by token.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runClass } from '../test-helpers.ts';

const CLASSES = `
  public class Memo { public String text; public Integer n; }
`;

function run(body: string): string {
  return runClass(`${CLASSES} public static Object run() { ${body} }`).text;
}

/** Every token of `doc` as "TOKEN name text", joined by "|". */
function walk(doc: string): string {
  return run(`JSONParser p = JSON.createParser('${doc}'); List<String> out = new List<String>();
    while (p.nextToken() != null) { out.add(p.getCurrentToken() + ' ' + p.getCurrentName() + ' ' + p.getText()); }
    return String.join(out, '|');`);
}

describe('JSONParser', () => {
  // Jackson: getCurrentName() of START_*/END_* is the name of the field holding the container; null in arrays.
  it('walks tokens with their names and texts', () => {
    assert.equal(
      walk('{"a": [1, 2.5, "s", true, null], "b": {"c": "d"}}'),
      [
        'START_OBJECT null {',
        'FIELD_NAME a a',
        'START_ARRAY a [',
        'VALUE_NUMBER_INT null 1',
        'VALUE_NUMBER_FLOAT null 2.5',
        'VALUE_STRING null s',
        'VALUE_TRUE null true',
        'VALUE_NULL null null',
        'END_ARRAY a ]',
        'FIELD_NAME b b',
        'START_OBJECT b {',
        'FIELD_NAME c c',
        'VALUE_STRING c d',
        'END_OBJECT b }',
        'END_OBJECT null }'
      ].join('|')
    );
  });

  it('nextToken() refuses a raw control character (catchable JSONException), the escaped one is read', () => {
    assert.equal(
      run(`JSONParser p = JSON.createParser('{"a": "x\\ny"}');
        Integer read = 0;
        try { while (p.nextToken() != null) { read++; } return 'accepted'; }
        catch (JSONException e) { return read + ' ' + e.getMessage(); }`),
      '2 Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value at [line:1, column:10]'
    );
    assert.equal(
      run(`JSONParser p = JSON.createParser('{"a": "x\\\\ny"}'); p.nextToken(); p.nextToken(); p.nextToken();
        return p.getText() == 'x\\ny';`),
      'true'
    );
  });

  it('nesting over 1000 levels is refused by nextToken(), 1000 are walked', () => {
    assert.equal(
      run(`JSONParser p = JSON.createParser('['.repeat(1000) + ']'.repeat(1000)); Integer n = 0;
        while (p.nextToken() != null) { n++; } return n;`),
      '2000'
    );
    assert.match(
      run(`JSONParser p = JSON.createParser('['.repeat(1001) + ']'.repeat(1001));
        try { while (p.nextToken() != null) {} return 'accepted'; } catch (JSONException e) { return e.getMessage(); }`),
      /^Document nesting depth \(1001\) exceeds the maximum allowed \(1000/
    );
  });

  it('typed getters, and the numeric getter on a string is a JSONException', () => {
    assert.equal(
      run(`JSONParser p = JSON.createParser('[12, 12345678901, 1.50, false, "2026-11-23", "2026-11-23T01:02:03Z"]');
        p.nextToken(); p.nextToken(); Integer i = p.getIntegerValue(); p.nextToken(); Long l = p.getLongValue();
        p.nextToken(); Decimal d = p.getDecimalValue(); p.nextToken(); Boolean b = p.getBooleanValue();
        p.nextToken(); Date dt = p.getDateValue(); p.nextToken(); Datetime ts = p.getDatetimeValue();
        return i + ' ' + l + ' ' + d + ' ' + b + ' ' + dt + ' ' + ts.formatGmt('HH:mm:ss');`),
      '12 12345678901 1.50 false 2026-11-23 01:02:03'
    );
    assert.equal(
      run(`JSONParser p = JSON.createParser('["x"]'); p.nextToken(); p.nextToken();
        try { p.getIntegerValue(); return 'accepted'; } catch (JSONException e) { return e.getMessage(); }`),
      'Current token (VALUE_STRING) not numeric, can not use numeric value accessors'
    );
  });

  it('readValueAs / readValueAsStrict read the current value; skipChildren skips a container', () => {
    assert.equal(
      run(`JSONParser p = JSON.createParser('{"skip": {"deep": [1, {"x": 2}]}, "memo": {"text": "t", "n": 3, "extra": 1}}');
        p.nextToken(); p.nextToken(); p.nextToken(); p.skipChildren();
        String afterSkip = p.getCurrentToken() + ' ' + p.getCurrentName();
        p.nextToken(); p.nextToken();
        Memo m = (Memo) p.readValueAs(Memo.class);
        return afterSkip + ' / ' + m.text + m.n + ' / ' + p.getCurrentToken() + ' ' + p.nextToken();`),
      'END_OBJECT skip / t3 / END_OBJECT END_OBJECT'
    );
    assert.equal(
      run(`JSONParser p = JSON.createParser('{"text": "t", "extra": 1}'); p.nextToken();
        try { p.readValueAsStrict(Memo.class); return 'accepted'; } catch (JSONException e) { return e.getMessage(); }`),
      'Unknown field: T.Memo.extra'
    );
  });

  it('clearCurrentToken, getLastClearedToken, hasCurrentToken, nextValue', () => {
    assert.equal(
      run(`JSONParser p = JSON.createParser('{"a": 1}');
        Boolean before = p.hasCurrentToken(); p.nextToken(); p.clearCurrentToken();
        String cleared = p.hasCurrentToken() + ' ' + p.getCurrentToken() + ' ' + p.getLastClearedToken();
        return before + ' ' + cleared + ' ' + p.nextValue() + ' ' + p.getCurrentName();`),
      'false false null START_OBJECT VALUE_NUMBER_INT a'
    );
  });
});
