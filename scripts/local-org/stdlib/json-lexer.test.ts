/**
 * Strict JSON reading (json-lexer.ts): each rule has a fixture the platform refuses and the same fixture written
 * correctly, which is accepted.
 *
 * - RFC 8259 §7 and Jackson (the platform's parser): control characters U+0000–U+001F must be escaped inside strings;
 *   Jackson's message "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be
 *   included in string value", with Apex's " at [line:L, column:C]" suffix (wording unverified in the Apex docs).
 * - Nesting: no documented Apex limit; the runtime refuses more than 1000 levels (Jackson's default) with a catchable
 *   JSONException instead of exhausting the JavaScript stack (an estimate, README "Values guessed").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runClass } from '../test-helpers.ts';

const CLASSES = `
  public class Memo { public String text; }
  public class Node { public Node next; }
`;

function run(body: string): string {
  return runClass(`${CLASSES} public static Object run() { ${body} }`).text;
}

/** The JSONException message `expression` raises, caught in Apex (so the exception is catchable). */
function caught(expression: string, prelude = ''): string {
  return run(
    `${prelude} try { Object o = ${expression}; return 'accepted'; } catch (JSONException e) { return e.getMessage(); }`
  );
}

const LF_MESSAGE =
  'Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value at [line:1, column:10]';

describe('JSON: raw control characters inside strings', () => {
  // '{"a": "x<LF>y"}' — the Apex literal '\n' is a real line feed (column: Jackson's, one past the character).
  it('JSON.deserializeUntyped refuses a raw line feed and accepts the escaped one', () => {
    assert.equal(caught(`JSON.deserializeUntyped('{"a": "x\\ny"}')`), LF_MESSAGE);
    assert.equal(
      run(`return ((Map<String, Object>) JSON.deserializeUntyped('{"a": "x\\\\ny"}')).get('a') == 'x\\ny';`),
      'true'
    );
  });

  it('JSON.deserialize and deserializeStrict refuse it too, into a class and into a Map', () => {
    assert.equal(caught(`JSON.deserialize('{"a": "x\\ny"}', Map<String, String>.class)`), LF_MESSAGE);
    assert.equal(
      caught(`JSON.deserialize('{"text": "x\\ny"}', Memo.class)`),
      LF_MESSAGE.replace('column:10', 'column:13')
    );
    assert.match(
      caught(`JSON.deserializeStrict('{"text": "x\\ty"}', Memo.class)`),
      /\(\(CTRL-CHAR, code 9\)\): has to be escaped .* string value at \[line:1, column:13\]$/
    );
    assert.equal(
      run(`return ((Memo) JSON.deserializeStrict('{"text": "x\\\\ty"}', Memo.class)).text == 'x\\ty';`),
      'true'
    );
    assert.equal(run(`return ((Memo) JSON.deserialize('{"text": "x\\\\ny"}', Memo.class)).text.length();`), '3');
  });

  it('refuses a control character in a key ("… included in name") and U+0000', () => {
    assert.match(
      caught(`JSON.deserializeUntyped('{"a\\rb": 1}')`),
      /code 13\)\): has to be escaped using backslash to be included in name at \[line:1, column:5\]$/
    );
    assert.match(
      caught(`JSON.deserializeUntyped('["' + String.fromCharArray(new List<Integer>{0}) + '"]')`),
      /^Illegal unquoted character \(\(CTRL-CHAR, code 0\)\)/
    );
    assert.equal(run(`return JSON.deserializeUntyped('["\\\\u0000"]') != null;`), 'true');
  });

  it('what JSON.serialize writes reads back (it escapes control characters)', () => {
    assert.equal(
      run(
        `String s = 'a\\nb\\tc' + String.fromCharArray(new List<Integer>{1}); return ((List<Object>) JSON.deserializeUntyped(JSON.serialize(new List<String>{ s })))[0] == s;`
      ),
      'true'
    );
  });

  // Jackson: between tokens only space, \t, \n, \r; line numbers count the line feeds before the error.
  it('allows only space, tab, CR and LF between tokens', () => {
    assert.equal(run(`return JSON.deserializeUntyped('{\\n\\t"a" :\\r\\n 1 }') != null;`), 'true');
    assert.equal(
      caught(`JSON.deserializeUntyped('{\\n' + String.fromCharArray(new List<Integer>{1}) + '"a": 1}')`),
      'Illegal character ((CTRL-CHAR, code 1)): only regular white space (\\r, \\n, \\t) is allowed between tokens at [line:2, column:2]'
    );
  });

  it('reports other syntax errors with Jackson wording, still catchable', () => {
    assert.equal(
      caught(`JSON.deserializeUntyped('{request: 1}')`),
      "Unexpected character ('r' (code 114)): was expecting double-quote to start field name at [line:1, column:3]"
    );
    assert.equal(
      caught(`JSON.deserializeUntyped('request')`),
      "Unrecognized token 'request': was expecting ('true', 'false' or 'null') at [line:1, column:8]"
    );
    assert.equal(
      caught(`JSON.deserializeUntyped('["\\\\x"]')`),
      "Unrecognized character escape 'x' (code 120) at [line:1, column:5]"
    );
  });
});

describe('JSON: nesting depth', () => {
  it('reads 1000 levels and refuses 1001 with a catchable JSONException (no JavaScript stack overflow)', () => {
    assert.equal(
      run(`Object o = JSON.deserializeUntyped('['.repeat(1000) + ']'.repeat(1000)); return o instanceof List<Object>;`),
      'true'
    );
    assert.equal(
      caught(`JSON.deserializeUntyped('['.repeat(1001) + ']'.repeat(1001))`),
      'Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`) at [line:1, column:1002]'
    );
    assert.match(
      caught(`JSON.deserialize('['.repeat(5000) + ']'.repeat(5000), List<Object>.class)`),
      /^Document nesting depth \(1001\)/
    );
    assert.match(
      caught(`JSON.deserializeUntyped('{"a":'.repeat(100000) + '1' + '}'.repeat(100000))`),
      /^Document nesting depth \(1001\)/
    );
  });

  it('JSON.serialize: 1000 levels written, deeper or cyclic graphs a catchable JSONException', () => {
    const nest = (n: number): string =>
      `List<Object> root = new List<Object>(); List<Object> cur = root; for (Integer i = 1; i < ${n}; i++) { List<Object> next = new List<Object>(); cur.add(next); cur = next; }`;
    assert.equal(run(`${nest(1000)} return JSON.serialize(root).length();`), '2000');
    assert.match(
      caught('JSON.serialize(root)', nest(1001)),
      /^Document nesting depth \(1001\) exceeds the maximum allowed \(1000/
    );
    assert.match(caught('JSON.serialize(n)', 'Node n = new Node(); n.next = n;'), /^Document nesting depth \(1001\)/);
  });
});
