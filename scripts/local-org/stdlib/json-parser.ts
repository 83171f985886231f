/**
 * System.JSONParser (Apex Reference Guide, "JSONParser Class"; `JSON.createParser(String)`): a pull parser over the
 * same strict tokenizer as JSON.deserialize (json-lexer.ts), so a raw control character inside a string, a syntax
 * error or more than 1000 nesting levels is the same System.JSONException, raised by the `nextToken()` that reaches it.
 * Tokens are System.JSONToken values. Behaviour follows Jackson's JsonParser, which the platform wraps:
 *
 * - `getCurrentName()`: the field name for FIELD_NAME and for the value after it; for START_/END_OBJECT and
 *   START_/END_ARRAY the name of the field holding the container; null inside an array or at the root.
 * - `getText()`: the string, the name, the number's literal text, "true"/"false"/"null", or "{", "}", "[", "]".
 * - Numeric and boolean getters on another kind of token: JSONException with Jackson's wording ("Current token
 *   (VALUE_STRING) not numeric, can not use numeric value accessors") — **unverified** for Apex.
 * - `readValueAs(Type)` / `readValueAsStrict(Type)`: the current value (a whole object or array when the current token
 *   starts one) converted like JSON.deserialize / deserializeStrict; afterwards the current token is the value's last.
 * - Date, Datetime, Id and Blob getters read the current string like JSON.deserialize does; `getTimeValue()` is not
 *   implemented (RuntimeGap).
 */
import type { Pos } from '../ast/nodes.ts';
import { Decimal } from '../values/decimal.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { OBJECT, prim } from '../values/types.ts';
import { ApexDouble, ApexList, ApexMap, ApexTypeValue, NativeObject, type Value } from '../values/values.ts';
import { NO_METHOD, str, type Native } from './args.ts';
import { JsonLexer, type JsonToken, type JsonTokenKind } from './json-lexer.ts';
import { convertJson } from './json-typed.ts';

/**
 * Builds one untyped JSON value (Map<String, Object>, List<Object>, String, Integer/Long/Decimal, Boolean, null)
 * starting at token `first` and pulling tokens with `next` until it is complete — for JSON.deserialize* (the whole
 * document) and JSONParser.readValueAs (the current value). No recursion: nesting is bounded by the tokenizer, never
 * by the JavaScript stack.
 */
export function buildFrom(first: JsonToken, next: () => JsonToken | undefined): { value: Value; tokens: number } {
  const open: { container: ApexMap | ApexList; key?: string }[] = [];
  let root: Value = null;
  const place = (v: Value): void => {
    const top = open[open.length - 1];
    if (!top) {
      root = v;
    } else if (top.container instanceof ApexList) {
      top.container.items.push(v);
    } else {
      const key = top.key ?? '';
      top.container.entries.set(`s:${key}`, [key, v]);
    }
  };
  let tokens = 0;
  for (let t: JsonToken | undefined = first; t; t = open.length > 0 ? next() : undefined) {
    tokens++;
    switch (t.kind) {
      case 'START_OBJECT': {
        const map = new ApexMap(prim('String'), OBJECT);
        place(map);
        open.push({ container: map });
        break;
      }
      case 'START_ARRAY': {
        const list = new ApexList(OBJECT);
        place(list);
        open.push({ container: list });
        break;
      }
      case 'END_OBJECT':
      case 'END_ARRAY':
        open.pop();
        break;
      case 'FIELD_NAME': {
        const top = open[open.length - 1];
        if (top) {
          top.key = t.text;
        }
        break;
      }
      default:
        place(scalarValue(t));
    }
  }
  return { value: root, tokens };
}

/** The Apex value of a scalar token: whole numbers are Integer, else Long, else Decimal; fractions are Decimal. */
export function scalarValue(t: JsonToken): Value {
  switch (t.kind) {
    case 'VALUE_STRING':
      return t.text;
    case 'VALUE_TRUE':
      return true;
    case 'VALUE_FALSE':
      return false;
    case 'VALUE_NUMBER_INT': {
      const n = BigInt(t.text);
      if (n >= -2147483648n && n <= 2147483647n) {
        return Number(n);
      }
      return BigInt.asIntN(64, n) === n ? n : (Decimal.parse(t.text) as Decimal);
    }
    case 'VALUE_NUMBER_FLOAT':
      return Decimal.parse(t.text) as Decimal;
    default:
      return null;
  }
}

interface ParserState {
  lexer: JsonLexer;
  current: JsonToken | null;
  lastCleared: JsonToken | null;
  /** Open containers, each with the name of the field that holds it and the latest field name inside it. */
  contexts: { holder: string | null; name: string | null }[];
  /** The interpreter and position the lexer reports errors to (the current call). */
  at: { it: Interpreter; pos: Pos } | null;
}

type ParserObject = NativeObject<ParserState>;

/** JSON.createParser(jsonString). */
export function createParser(it: Interpreter, text: string): ParserObject {
  const state: ParserState = {
    lexer: new JsonLexer(text, (msg) => {
      const at = state.at;
      if (!at) {
        throw new Error(msg);
      }
      return at.it.raise('JSONException', msg, at.pos);
    }),
    current: null,
    lastCleared: null,
    contexts: [],
    at: null
  };
  void it;
  return new NativeObject('JSONParser', state);
}

function tokenValue(it: Interpreter, t: JsonToken | null): Value {
  return t ? (it.registry.systemEnum('JSONToken').value(t.kind) ?? null) : null;
}

/** Advances one token, keeping the name contexts up to date. */
function advance(it: Interpreter, s: ParserState, pos: Pos): JsonToken | null {
  s.at = { it, pos };
  const t = s.lexer.next() ?? null;
  const top = s.contexts[s.contexts.length - 1];
  if (t?.kind === 'START_OBJECT' || t?.kind === 'START_ARRAY') {
    s.contexts.push({ holder: top?.name ?? null, name: null });
  } else if (t?.kind === 'END_OBJECT' || t?.kind === 'END_ARRAY') {
    s.contexts.pop();
  } else if (t?.kind === 'FIELD_NAME' && top) {
    top.name = t.text;
  }
  s.current = t;
  return t;
}

function currentName(s: ParserState): string | null {
  const t = s.current;
  if (!t) {
    return null;
  }
  const top = s.contexts[s.contexts.length - 1];
  if (t.kind === 'START_OBJECT' || t.kind === 'START_ARRAY') {
    return top?.holder ?? null;
  }
  if (t.kind === 'END_OBJECT' || t.kind === 'END_ARRAY') {
    // After the close the enclosing context is on top; its latest field name holds the closed container.
    return top?.name ?? null;
  }
  return top?.name ?? null;
}

/** Skips to the END token matching the current START token (Jackson skipChildren). */
function skipChildren(it: Interpreter, s: ParserState, pos: Pos): void {
  const kind = s.current?.kind;
  if (kind !== 'START_OBJECT' && kind !== 'START_ARRAY') {
    return;
  }
  let open = 1;
  while (open > 0) {
    const t = advance(it, s, pos);
    if (!t) {
      return;
    }
    if (t.kind === 'START_OBJECT' || t.kind === 'START_ARRAY') {
      open++;
    } else if (t.kind === 'END_OBJECT' || t.kind === 'END_ARRAY') {
      open--;
    }
  }
}

const NUMERIC: JsonTokenKind[] = ['VALUE_NUMBER_INT', 'VALUE_NUMBER_FLOAT'];

function numberText(it: Interpreter, s: ParserState, pos: Pos): string {
  const t = s.current;
  if (!t || !NUMERIC.includes(t.kind)) {
    return it.raise(
      'JSONException',
      `Current token (${t?.kind ?? 'null'}) not numeric, can not use numeric value accessors`,
      pos
    );
  }
  return t.text;
}

function wholeNumber(it: Interpreter, s: ParserState, pos: Pos, bits: 32 | 64): bigint {
  const text = numberText(it, s, pos);
  const d = Decimal.parse(text) as Decimal;
  const whole = BigInt(d.setScale(0, 'DOWN').toPlainString());
  if (BigInt.asIntN(bits, whole) !== whole) {
    return it.raise('JSONException', `Numeric value (${text}) out of range of ${bits === 32 ? 'int' : 'long'}`, pos);
  }
  return whole;
}

/** The current string token read as `type` the way JSON.deserialize reads it. */
function typedString(it: Interpreter, s: ParserState, pos: Pos, type: string): Value {
  const t = s.current;
  if (!t || t.kind === 'VALUE_NULL') {
    return null;
  }
  return convertJson(it, t.kind === 'VALUE_STRING' ? t.text : scalarOf(t), prim(type as 'Date'), false, pos);
}

function scalarOf(t: JsonToken): Value {
  return t.kind === 'VALUE_TRUE' ? true : t.kind === 'VALUE_FALSE' ? false : t.text;
}

function readValue(it: Interpreter, s: ParserState, a: Value[], pos: Pos, strict: boolean): Value | typeof NO_METHOD {
  const type = a[0];
  if (a.length !== 1 || !(type instanceof ApexTypeValue)) {
    return NO_METHOD;
  }
  const t = s.current;
  if (!t) {
    return null;
  }
  s.at = { it, pos };
  const { value } = buildFrom(t, () => advance(it, s, pos) ?? undefined);
  return convertJson(it, value, type.type, strict, pos);
}

export const JSON_PARSER_METHODS: Record<string, Native<ParserObject>> = {
  nexttoken: (it, p, a, pos) => (a.length === 0 ? tokenValue(it, advance(it, p.state, pos)) : NO_METHOD),
  nextvalue: (it, p, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const t = advance(it, p.state, pos);
    return tokenValue(it, t?.kind === 'FIELD_NAME' ? advance(it, p.state, pos) : t);
  },
  getcurrenttoken: (it, p, a) => (a.length === 0 ? tokenValue(it, p.state.current) : NO_METHOD),
  hascurrenttoken: (_it, p, a) => (a.length === 0 ? p.state.current !== null : NO_METHOD),
  clearcurrenttoken: (_it, p, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    if (p.state.current) {
      p.state.lastCleared = p.state.current;
      p.state.current = null;
    }
    return null;
  },
  getlastclearedtoken: (it, p, a) => (a.length === 0 ? tokenValue(it, p.state.lastCleared) : NO_METHOD),
  getcurrentname: (_it, p, a) => (a.length === 0 ? currentName(p.state) : NO_METHOD),
  gettext: (_it, p, a) => (a.length === 0 ? (p.state.current?.text ?? null) : NO_METHOD),
  getintegervalue: (it, p, a, pos) => (a.length === 0 ? Number(wholeNumber(it, p.state, pos, 32)) : NO_METHOD),
  getlongvalue: (it, p, a, pos) => (a.length === 0 ? wholeNumber(it, p.state, pos, 64) : NO_METHOD),
  getdecimalvalue: (it, p, a, pos) =>
    a.length === 0 ? (Decimal.parse(numberText(it, p.state, pos)) as Decimal) : NO_METHOD,
  getdoublevalue: (it, p, a, pos) =>
    a.length === 0 ? new ApexDouble(Number(numberText(it, p.state, pos))) : NO_METHOD,
  getbooleanvalue: (it, p, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const kind = p.state.current?.kind;
    if (kind !== 'VALUE_TRUE' && kind !== 'VALUE_FALSE') {
      return it.raise('JSONException', `Current token (${kind ?? 'null'}) not of boolean type`, pos);
    }
    return kind === 'VALUE_TRUE';
  },
  getdatevalue: (it, p, a, pos) => (a.length === 0 ? typedString(it, p.state, pos, 'Date') : NO_METHOD),
  getdatetimevalue: (it, p, a, pos) => (a.length === 0 ? typedString(it, p.state, pos, 'Datetime') : NO_METHOD),
  getidvalue: (it, p, a, pos) => (a.length === 0 ? typedString(it, p.state, pos, 'Id') : NO_METHOD),
  getblobvalue: (it, p, a, pos) => (a.length === 0 ? typedString(it, p.state, pos, 'Blob') : NO_METHOD),
  skipchildren: (it, p, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    skipChildren(it, p.state, pos);
    return null;
  },
  readvalueas: (it, p, a, pos) => readValue(it, p.state, a, pos, false),
  readvalueasstrict: (it, p, a, pos) => readValue(it, p.state, a, pos, true)
};

/** JSON.createParser as a JSON static. */
export const createParserStatic: Native = (it, _s, a, pos) =>
  a.length === 1 ? createParser(it, str(it, a[0], pos)) : NO_METHOD;
