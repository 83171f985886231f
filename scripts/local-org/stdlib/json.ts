/**
 * JSON.serialize / serializePretty / deserializeUntyped / deserialize for primitives (Apex Reference Guide, "JSON
 * Class"). Output follows the platform's Jackson-based writer: Datetime as "2026-11-23T01:02:03.000Z" (GMT), Date as
 * "2026-11-23", Decimal with its scale, object fields in declaration order, nulls included unless suppressed;
 * serializePretty uses Jackson's default pretty printer ("key" : value, two-space indent, arrays on one line).
 */
import type { Pos } from '../ast/nodes.ts';
import { dateString, formatDouble } from '../interpreter/convert.ts';
import { Decimal } from '../interpreter/decimal.ts';
import { RuntimeGap } from '../interpreter/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { OBJECT, prim, typeName } from '../interpreter/types.ts';
import { pad2, wallClock } from '../interpreter/time.ts';
import { convertJson } from './json-typed.ts';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexSObject,
  ApexTime,
  ApexTypeValue,
  type Value
} from '../interpreter/values.ts';
import { NO_METHOD, bool, str, type Native } from './args.ts';

type Json = null | boolean | string | { num: string } | Json[] | [string, Json][] | { obj: [string, Json][] };

function datetimeJson(dt: ApexDatetime): string {
  const w = wallClock(dt.ms, 'GMT');
  const ms = String(w.ms).padStart(3, '0');
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}T${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}.${ms}Z`;
}

function toJson(it: Interpreter, v: Value, suppressNulls: boolean, pos: Pos): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') {
    return v;
  }
  if (typeof v === 'number' || typeof v === 'bigint') {
    return { num: String(v) };
  }
  if (v instanceof ApexDouble) {
    return { num: formatDouble(v.value) };
  }
  if (v instanceof Decimal) {
    return { num: v.toString() };
  }
  if (v instanceof ApexDatetime) {
    return datetimeJson(v);
  }
  if (v instanceof ApexDate) {
    return dateString(v);
  }
  if (v instanceof ApexTime) {
    return it.str(v);
  }
  if (v instanceof ApexEnumValue) {
    return v.name;
  }
  if (v instanceof ApexList) {
    return v.items.map((x) => toJson(it, x, suppressNulls, pos));
  }
  if (v instanceof ApexSet) {
    return [...v.entries.values()].map((x) => toJson(it, x, suppressNulls, pos));
  }
  if (v instanceof ApexMap) {
    // suppressApexObjectNulls drops null fields of Apex objects only; a Map keeps its null values.
    return {
      obj: [...v.entries.values()].map(([k, x]): [string, Json] => [it.str(k), toJson(it, x, suppressNulls, pos)])
    };
  }
  if (v instanceof ApexBlob) {
    return Buffer.from(v.bytes).toString('base64');
  }
  if (v instanceof ApexObject && !v.exception) {
    const fields: [string, Json][] = [];
    for (const c of [...v.cls.chain()].reverse()) {
      const decl = c.decl;
      if (decl?.kind !== 'class') {
        continue;
      }
      for (const m of decl.members) {
        if ((m.kind === 'field' || m.kind === 'property') && !m.modifiers.isStatic && !m.modifiers.isTransient) {
          const names = m.kind === 'field' ? m.declarators.map((d) => d.name) : [m.name];
          for (const name of names) {
            const x = toJson(it, v.fields.get(name.toLowerCase()) ?? null, suppressNulls, pos);
            if (!(suppressNulls && x === null)) {
              fields.push([name, x]);
            }
          }
        }
      }
    }
    return { obj: fields };
  }
  if (v instanceof ApexSObject) {
    return sobjectJson(it, v, suppressNulls, pos);
  }
  if (v instanceof ApexTypeValue) {
    throw new RuntimeGap(`JSON.serialize of a Type (${typeName(v.type)})`, pos);
  }
  throw new RuntimeGap(`JSON.serialize of ${it.str(v)}`, pos);
}

/**
 * An SObject as the REST API writes a record (REST API Developer Guide, "Working with Records"), which is what
 * JSON.serialize gives on the platform (unverified in the Apex Reference, which shows no example): `attributes`
 * {type, url when the record has an Id}, then the fields in the order they were set, Datetime fields as
 * "2026-11-23T01:02:03.000+0000"; queried parents as nested records, child subqueries as {totalSize, done, records}.
 */
function sobjectJson(it: Interpreter, rec: ApexSObject, suppressNulls: boolean, pos: Pos): Json {
  const id = rec.id;
  const attributes: [string, Json][] = [['type', rec.type.name]];
  if (id) {
    attributes.push(['url', `/services/data/v${SOBJECT_API_VERSION}/sobjects/${rec.type.name}/${id}`]);
  }
  const fields: [string, Json][] = [['attributes', { obj: attributes }]];
  for (const [key, value] of rec.fields) {
    const name = rec.type.fields.get(key)?.name ?? rec.names.get(key) ?? key;
    fields.push([
      name,
      value instanceof ApexDatetime ? datetimeJson(value).replace(/Z$/, '+0000') : toJson(it, value, suppressNulls, pos)
    ]);
  }
  for (const [key, parent] of rec.parents) {
    fields.push([rec.parentNames.get(key) ?? key, parent ? sobjectJson(it, parent, suppressNulls, pos) : null]);
  }
  for (const [key, children] of rec.children) {
    const records = children.items.map((c) => toJson(it, c, suppressNulls, pos));
    fields.push([
      rec.type.children.get(key)?.name ?? key,
      {
        obj: [
          ['totalSize', { num: String(records.length) }],
          ['done', true],
          ['records', records]
        ]
      }
    ]);
  }
  return { obj: fields };
}

/** The API version in SObject `attributes.url` (the project's sourceApiVersion is 65.0; server/json-values.ts). */
const SOBJECT_API_VERSION = '65.0';

function write(j: Json, pretty: boolean, indent: number): string {
  if (j === null) {
    return 'null';
  }
  if (typeof j === 'boolean') {
    return String(j);
  }
  if (typeof j === 'string') {
    return JSON.stringify(j);
  }
  if (Array.isArray(j)) {
    const items = (j as Json[]).map((x) => write(x, pretty, indent));
    if (!pretty) {
      return `[${items.join(',')}]`;
    }
    return items.length === 0 ? '[ ]' : `[ ${items.join(', ')} ]`;
  }
  if ('num' in j) {
    return j.num;
  }
  const entries = j.obj;
  if (!pretty) {
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${write(x, false, 0)}`).join(',')}}`;
  }
  if (entries.length === 0) {
    return '{ }';
  }
  const pad = '  '.repeat(indent + 1);
  const body = entries.map(([k, x]) => `${pad}${JSON.stringify(k)} : ${write(x, true, indent + 1)}`).join(',\n');
  return `{\n${body}\n${'  '.repeat(indent)}}`;
}

// ─── parsing ─────────────────────────────────────────────────────────────────

class JsonParser {
  private i = 0;
  constructor(
    private readonly text: string,
    private readonly fail: (msg: string) => never
  ) {}

  parseDocument(): Value {
    const v = this.value();
    this.ws();
    if (this.i < this.text.length) {
      this.fail(`Unexpected character ('${this.text[this.i] ?? ''}') at position ${this.i}`);
    }
    return v;
  }

  private ws(): void {
    while (/\s/.test(this.text[this.i] ?? '')) {
      this.i++;
    }
  }

  private value(): Value {
    this.ws();
    const ch = this.text[this.i];
    if (ch === '{') {
      this.i++;
      const map = new ApexMap(prim('String'), OBJECT);
      this.ws();
      if (this.text[this.i] === '}') {
        this.i++;
        return map;
      }
      for (;;) {
        this.ws();
        const key = this.string();
        this.ws();
        this.expect(':');
        map.entries.set(`s:${key}`, [key, this.value()]);
        this.ws();
        if (this.text[this.i] === ',') {
          this.i++;
          continue;
        }
        this.expect('}');
        return map;
      }
    }
    if (ch === '[') {
      this.i++;
      const list = new ApexList(OBJECT);
      this.ws();
      if (this.text[this.i] === ']') {
        this.i++;
        return list;
      }
      for (;;) {
        list.items.push(this.value());
        this.ws();
        if (this.text[this.i] === ',') {
          this.i++;
          continue;
        }
        this.expect(']');
        return list;
      }
    }
    if (ch === '"') {
      return this.string();
    }
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null]
    ] as const) {
      if (this.text.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i));
    if (!m) {
      return this.fail(`Unexpected character ('${ch ?? 'end of input'}') at position ${this.i}`);
    }
    this.i += m[0].length;
    if (!m[2] && !m[3]) {
      const n = BigInt(m[0]);
      if (n >= -2147483648n && n <= 2147483647n) {
        return Number(n);
      }
      return BigInt.asIntN(64, n) === n ? n : (Decimal.parse(m[0]) as Decimal);
    }
    return Decimal.parse(m[0]) as Decimal;
  }

  private expect(ch: string): void {
    if (this.text[this.i] !== ch) {
      this.fail(`Expected '${ch}' at position ${this.i}`);
    }
    this.i++;
  }

  private string(): string {
    this.expect('"');
    let out = '';
    for (;;) {
      const ch = this.text[this.i];
      if (ch === undefined) {
        return this.fail('Unterminated string');
      }
      this.i++;
      if (ch === '"') {
        return out;
      }
      if (ch === '\\') {
        const esc = this.text[this.i] ?? '';
        this.i++;
        const map: Record<string, string> = {
          n: '\n',
          t: '\t',
          r: '\r',
          b: '\b',
          f: '\f',
          '/': '/',
          '\\': '\\',
          '"': '"'
        };
        if (esc === 'u') {
          out += String.fromCharCode(parseInt(this.text.slice(this.i, this.i + 4), 16));
          this.i += 4;
        } else {
          out += map[esc] ?? this.fail(`Invalid escape \\${esc}`);
        }
      } else {
        out += ch;
      }
    }
  }
}

export function parseJson(it: Interpreter, text: string, pos: Pos): Value {
  return new JsonParser(text, (msg) => it.raise('JSONException', msg, pos)).parseDocument();
}

export const JSON_STATICS: Record<string, Native> = {
  serialize: (it, _s, a, pos) =>
    a.length === 1 || a.length === 2
      ? write(toJson(it, a[0] ?? null, a.length === 2 && bool(it, a[1], pos), pos), false, 0)
      : NO_METHOD,
  serializepretty: (it, _s, a, pos) =>
    a.length === 1 || a.length === 2
      ? write(toJson(it, a[0] ?? null, a.length === 2 && bool(it, a[1], pos), pos), true, 0)
      : NO_METHOD,
  deserializeuntyped: (it, _s, a, pos) => (a.length === 1 ? parseJson(it, str(it, a[0], pos), pos) : NO_METHOD),
  deserialize: (it, _s, a, pos) => {
    const type = a[1];
    return a.length === 2 && type instanceof ApexTypeValue
      ? convertJson(it, parseJson(it, str(it, a[0], pos), pos), type.type, false, pos)
      : NO_METHOD;
  },
  deserializestrict: (it, _s, a, pos) => {
    const type = a[1];
    return a.length === 2 && type instanceof ApexTypeValue
      ? convertJson(it, parseJson(it, str(it, a[0], pos), pos), type.type, true, pos)
      : NO_METHOD;
  }
};
