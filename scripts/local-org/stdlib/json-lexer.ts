/**
 * The JSON tokenizer behind JSON.deserialize / deserializeStrict / deserializeUntyped (and Apex REST bodies). The
 * platform parses JSON with Jackson; this mirrors Jackson's strict (default) reader:
 *
 * - a raw control character (U+0000–U+001F) inside a string is refused: "Illegal unquoted character ((CTRL-CHAR,
 *   code 10)): has to be escaped using backslash to be included in string value" ("… in name" inside a key) — RFC 8259
 *   §7 ("the control characters (U+0000 through U+001F)" MUST be escaped) and Jackson's
 *   `ParserMinimalBase._throwUnquotedSpace`. Between tokens only space, \t, \n and \r are whitespace: "Illegal
 *   character ((CTRL-CHAR, code 1)): only regular white space (\r, \n, \t) is allowed between tokens".
 * - Apex adds Jackson's location to the message: " at [line:1, column:4]" (as quoted on Salesforce Stack Exchange,
 *   e.g. "Unexpected character ('r' (code 114)): was expecting double-quote to start field name at [line:1,
 *   column:4]"). The column is Jackson's: 1-based, counted after the offending character has been read, so one more
 *   than the character's own position. The Apex documentation does not give these messages: **unverified** wording,
 *   taken from Jackson.
 * - Nesting: Apex documents no JSON nesting limit. Jackson 2.15+ refuses a document nested deeper than 1000 levels
 *   ("Document nesting depth (1001) exceeds the maximum allowed (1000, …)"); the runtime does the same with a
 *   catchable JSONException, so deep input never exhausts the JavaScript stack. Whether the platform's Jackson has
 *   that limit is **unverified** (an estimate; README "Values guessed").
 */

export const MAX_JSON_DEPTH = 1000;

export type JsonTokenKind =
  | 'START_OBJECT'
  | 'END_OBJECT'
  | 'START_ARRAY'
  | 'END_ARRAY'
  | 'FIELD_NAME'
  | 'VALUE_STRING'
  | 'VALUE_NUMBER_INT'
  | 'VALUE_NUMBER_FLOAT'
  | 'VALUE_TRUE'
  | 'VALUE_FALSE'
  | 'VALUE_NULL';

export interface JsonToken {
  kind: JsonTokenKind;
  /** The string of VALUE_STRING/FIELD_NAME, the literal text of numbers, the keyword of true/false/null. */
  text: string;
}

type Container = { kind: 'object'; expect: 'name' | 'colon' | 'comma' } | { kind: 'array'; first: boolean };

/** Jackson's `_getCharDesc`: control characters as "(CTRL-CHAR, code N)", others as "'c' (code N)". */
export function charDesc(code: number): string {
  if (code < 32) {
    return `(CTRL-CHAR, code ${code})`;
  }
  const ch = String.fromCharCode(code);
  return code > 255 ? `'${ch}' (code ${code} / 0x${code.toString(16)})` : `'${ch}' (code ${code})`;
}

const VALUE_EXPECTED = "expected a valid value (number, String, array, object, 'true', 'false' or 'null')";

/**
 * Pull tokenizer over one JSON document (Jackson's JsonParser.nextToken model): `next()` returns the next token or
 * undefined at the end of the document; a second root value or a syntax error is `fail(message)`.
 */
export class JsonLexer {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private readonly stack: Container[] = [];
  private rootDone = false;

  constructor(
    private readonly text: string,
    private readonly fail: (msg: string) => never
  ) {}

  /** Current nesting depth (open objects and arrays). */
  get depth(): number {
    return this.stack.length;
  }

  /** Raises `message` with Jackson's location of the character just read. */
  private error(message: string, at = this.i): never {
    return this.fail(`${message} at [line:${this.line}, column:${at - this.lineStart + 2}]`);
  }

  private skipWhitespace(): void {
    for (;;) {
      const c = this.text.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.i++;
      } else if (c === 0x0a) {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c < 0x20) {
        this.error(
          `Illegal character (${charDesc(c)}): only regular white space (\\r, \\n, \\t) is allowed between tokens`
        );
      } else {
        return;
      }
    }
  }

  /** The next token, or undefined after the root value is complete and only whitespace follows. */
  next(): JsonToken | undefined {
    this.skipWhitespace();
    const top = this.stack[this.stack.length - 1];
    const c = this.text.charCodeAt(this.i);
    if (Number.isNaN(c)) {
      if (!top && this.rootDone) {
        return undefined;
      }
      const what = top ? `close marker for ${top.kind === 'object' ? 'OBJECT' : 'ARRAY'}` : 'a value';
      return this.fail(
        `Unexpected end-of-input: expected ${what} at [line:${this.line}, column:${this.i - this.lineStart + 1}]`
      );
    }
    if (!top) {
      if (this.rootDone) {
        // Apex reads one value and ignores nothing after it: a second root value is an error here (unverified).
        return this.error(`Unexpected character (${charDesc(c)}): expected end of input`);
      }
      return this.value(c);
    }
    if (top.kind === 'object') {
      switch (top.expect) {
        case 'comma':
          if (c === 0x7d) {
            return this.close();
          }
          if (c !== 0x2c) {
            return this.error(`Unexpected character (${charDesc(c)}): was expecting comma to separate OBJECT entries`);
          }
          this.i++;
          this.skipWhitespace();
          return this.fieldName(this.text.charCodeAt(this.i), top);
        case 'name':
          if (c === 0x7d) {
            return this.close();
          }
          return this.fieldName(c, top);
        case 'colon':
          if (c !== 0x3a) {
            return this.error(
              `Unexpected character (${charDesc(c)}): was expecting a colon to separate field name and value`
            );
          }
          this.i++;
          this.skipWhitespace();
          top.expect = 'comma';
          return this.value(this.text.charCodeAt(this.i));
      }
    }
    if (c === 0x5d) {
      return this.close();
    }
    if (!top.first) {
      if (c !== 0x2c) {
        return this.error(`Unexpected character (${charDesc(c)}): was expecting comma to separate ARRAY entries`);
      }
      this.i++;
      this.skipWhitespace();
      return this.value(this.text.charCodeAt(this.i));
    }
    top.first = false;
    return this.value(c);
  }

  private close(): JsonToken {
    const top = this.stack.pop();
    this.i++;
    if (this.stack.length === 0) {
      this.rootDone = true;
    }
    return { kind: top?.kind === 'object' ? 'END_OBJECT' : 'END_ARRAY', text: top?.kind === 'object' ? '}' : ']' };
  }

  private fieldName(c: number, top: { kind: 'object'; expect: string }): JsonToken {
    if (c !== 0x22) {
      if (Number.isNaN(c)) {
        return this.fail(
          `Unexpected end-of-input: expected close marker for OBJECT at [line:${this.line}, column:${this.i - this.lineStart + 1}]`
        );
      }
      return this.error(`Unexpected character (${charDesc(c)}): was expecting double-quote to start field name`);
    }
    this.i++;
    top.expect = 'colon';
    return { kind: 'FIELD_NAME', text: this.stringBody('name') };
  }

  private open(kind: 'object' | 'array'): JsonToken {
    if (this.stack.length >= MAX_JSON_DEPTH) {
      return this.error(
        `Document nesting depth (${this.stack.length + 1}) exceeds the maximum allowed (${MAX_JSON_DEPTH}, from \`StreamReadConstraints.getMaxNestingDepth()\`)`
      );
    }
    this.i++;
    this.stack.push(kind === 'object' ? { kind, expect: 'name' } : { kind, first: true });
    return kind === 'object' ? { kind: 'START_OBJECT', text: '{' } : { kind: 'START_ARRAY', text: '[' };
  }

  private scalar(token: JsonToken): JsonToken {
    if (this.stack.length === 0) {
      this.rootDone = true;
    }
    return token;
  }

  private value(c: number): JsonToken {
    if (c === 0x7b) {
      return this.open('object');
    }
    if (c === 0x5b) {
      return this.open('array');
    }
    if (c === 0x22) {
      this.i++;
      return this.scalar({ kind: 'VALUE_STRING', text: this.stringBody('string value') });
    }
    if (Number.isNaN(c)) {
      return this.fail(
        `Unexpected end-of-input: expected a value at [line:${this.line}, column:${this.i - this.lineStart + 1}]`
      );
    }
    const rest = this.text.slice(this.i, this.i + 64);
    const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(rest)?.[0];
    if (word !== undefined) {
      if (word === 'true' || word === 'false' || word === 'null') {
        this.i += word.length;
        const kind = word === 'true' ? 'VALUE_TRUE' : word === 'false' ? 'VALUE_FALSE' : 'VALUE_NULL';
        return this.scalar({ kind, text: word });
      }
      return this.error(
        `Unrecognized token '${word}': was expecting ('true', 'false' or 'null')`,
        this.i + word.length - 1
      );
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i, this.i + 4096));
    if (!m || m[0] === '-') {
      return this.error(`Unexpected character (${charDesc(c)}): ${VALUE_EXPECTED}`);
    }
    this.i += m[0].length;
    const float = m[2] !== undefined || m[3] !== undefined;
    return this.scalar({ kind: float ? 'VALUE_NUMBER_FLOAT' : 'VALUE_NUMBER_INT', text: m[0] });
  }

  /** The rest of a string after its opening quote; `context` names it in Jackson's message ("string value", "name"). */
  private stringBody(context: string): string {
    let out = '';
    let start = this.i;
    for (;;) {
      const c = this.text.charCodeAt(this.i);
      if (Number.isNaN(c)) {
        return this.fail(
          `Unexpected end-of-input: was expecting closing quote for a ${context} at [line:${this.line}, column:${this.i - this.lineStart + 1}]`
        );
      }
      if (c === 0x22) {
        out += this.text.slice(start, this.i);
        this.i++;
        return out;
      }
      if (c < 0x20) {
        return this.error(
          `Illegal unquoted character (${charDesc(c)}): has to be escaped using backslash to be included in ${context}`
        );
      }
      if (c !== 0x5c) {
        this.i++;
        continue;
      }
      out += this.text.slice(start, this.i);
      this.i++;
      const esc = this.text.charCodeAt(this.i);
      const simple: Record<number, string> = {
        0x6e: '\n',
        0x74: '\t',
        0x72: '\r',
        0x62: '\b',
        0x66: '\f',
        0x2f: '/',
        0x5c: '\\',
        0x22: '"'
      };
      if (esc === 0x75) {
        let code = 0;
        for (let k = 1; k <= 4; k++) {
          const h = this.text.charCodeAt(this.i + k);
          const digit = Number.isNaN(h) ? -1 : parseInt(String.fromCharCode(h), 16);
          if (Number.isNaN(digit) || digit < 0) {
            if (Number.isNaN(h)) {
              return this.fail(
                `Unexpected end-of-input in character escape sequence at [line:${this.line}, column:${this.i + k - this.lineStart + 1}]`
              );
            }
            return this.error(
              `Unexpected character (${charDesc(h)}): expected a hex-digit for character escape sequence`,
              this.i + k
            );
          }
          code = code * 16 + digit;
        }
        out += String.fromCharCode(code);
        this.i += 5;
      } else if (simple[esc] !== undefined) {
        out += simple[esc];
        this.i++;
      } else {
        if (Number.isNaN(esc)) {
          return this.fail(
            `Unexpected end-of-input in character escape sequence at [line:${this.line}, column:${this.i - this.lineStart + 1}]`
          );
        }
        return this.error(`Unrecognized character escape ${charDesc(esc)}`);
      }
      start = this.i;
    }
  }
}
