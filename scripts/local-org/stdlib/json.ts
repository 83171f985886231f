/**
 * JSON.serialize / serializePretty / deserializeUntyped / deserialize for primitives (Apex Reference Guide, "JSON
 * Class"). Output follows the platform's Jackson-based writer: Datetime as "2026-11-23T01:02:03.000Z" (GMT), Date as
 * "2026-11-23", Decimal with its scale, object fields in declaration order, nulls included unless suppressed;
 * serializePretty uses Jackson's default pretty printer ("key" : value, two-space indent, arrays on one line).
 */
import type { Pos } from '../ast/nodes.ts';
import { dateString, formatDouble } from '../values/convert.ts';
import { Decimal } from '../values/decimal.ts';
import { RuntimeGap } from '../values/errors.ts';
import { detachedBytes, heapWork } from '../interpreter/heap.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import type { ClassInfo } from '../values/classes.ts';
import { typeName } from '../values/types.ts';
import { pad2, wallClock } from '../values/time.ts';
import { convertJson } from './json-typed.ts';
import { JsonLexer, MAX_JSON_DEPTH } from './json-lexer.ts';
import { buildFrom, createParserStatic } from './json-parser.ts';
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
  NativeObject,
  type Value
} from '../values/values.ts';
import { resultEntries } from './db-results.ts';
import { NO_METHOD, bool, str, type Native } from './args.ts';

type Json = null | boolean | string | { num: string } | Json[] | [string, Json][] | { obj: [string, Json][] };

function datetimeJson(dt: ApexDatetime): string {
  const w = wallClock(dt.ms, 'GMT');
  const ms = String(w.ms).padStart(3, '0');
  return `${w.year}-${pad2(w.month)}-${pad2(w.day)}T${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}.${ms}Z`;
}

/**
 * A nested value (List/Set/Map/object) at `depth` open containers. Jackson's writer refuses more than 1000 levels
 * (StreamWriteConstraints, 2.16+); whether the platform does is unverified (README "Values guessed"). The check also
 * turns a cyclic object graph into a catchable JSONException instead of exhausting the JavaScript stack.
 */
function nest(it: Interpreter, depth: number, pos: Pos): void {
  if (depth >= MAX_JSON_DEPTH) {
    it.raise(
      'JSONException',
      `Document nesting depth (${depth + 1}) exceeds the maximum allowed (${MAX_JSON_DEPTH}, from \`StreamWriteConstraints.getMaxNestingDepth()\`)`,
      pos
    );
  }
}

function toJson(it: Interpreter, v: Value, suppressNulls: boolean, pos: Pos, depth = 0): Json {
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
  if (
    v instanceof ApexList ||
    v instanceof ApexSet ||
    v instanceof ApexMap ||
    (v instanceof ApexObject && !v.exception)
  ) {
    nest(it, depth, pos);
  }
  if (v instanceof ApexList) {
    return v.items.map((x) => toJson(it, x, suppressNulls, pos, depth + 1));
  }
  if (v instanceof ApexSet) {
    return [...v.entries.values()].map((x) => toJson(it, x, suppressNulls, pos, depth + 1));
  }
  if (v instanceof ApexMap) {
    // suppressApexObjectNulls drops null fields of Apex objects only; a Map keeps its null values.
    return {
      obj: [...v.entries.values()].map(([k, x]): [string, Json] => [
        it.str(k),
        toJson(it, x, suppressNulls, pos, depth + 1)
      ])
    };
  }
  if (v instanceof ApexBlob) {
    return Buffer.from(v.bytes).toString('base64');
  }
  if (v instanceof ApexObject && !v.exception) {
    const fields: [string, Json][] = [];
    for (const [name, key] of serializedFields(v.cls)) {
      const x = toJson(it, v.fields.get(key) ?? null, suppressNulls, pos, depth + 1);
      if (!(suppressNulls && x === null)) {
        fields.push([name, x]);
      }
    }
    return { obj: fields };
  }
  if (v instanceof ApexSObject) {
    return sobjectJson(it, v, suppressNulls, pos);
  }
  const result = v instanceof NativeObject ? resultEntries(v) : undefined;
  if (result) {
    nest(it, depth, pos);
    const fields = result.map(([k, x]): [string, Json] => [k, toJson(it, x, suppressNulls, pos, depth + 1)]);
    return { obj: fields };
  }
  if (v instanceof ApexTypeValue) {
    throw new RuntimeGap(`JSON.serialize of a Type (${typeName(v.type)})`, pos);
  }
  throw new RuntimeGap(`JSON.serialize of ${it.str(v)}`, pos);
}

/**
 * Per class: its instance fields and properties JSON writes, superclass first, as declared and lower-cased, with the
 * superclass chain they were read through (a new chain, after a superclass was set, reads them again).
 */
const serialized = new WeakMap<ClassInfo, { chain: readonly ClassInfo[]; fields: [string, string][] }>();

/** The fields `JSON.serialize` writes of an object of `cls`, read from its declarations once per chain. */
function serializedFields(cls: ClassInfo): [string, string][] {
  const chain = cls.chain();
  const known = serialized.get(cls);
  if (known?.chain === chain) {
    return known.fields;
  }
  const fields: [string, string][] = [];
  for (const c of [...chain].reverse()) {
    const decl = c.decl;
    if (decl?.kind !== 'class') {
      continue;
    }
    for (const m of decl.members) {
      if ((m.kind === 'field' || m.kind === 'property') && !m.modifiers.isStatic && !m.modifiers.isTransient) {
        const names = m.kind === 'field' ? m.declarators.map((d) => d.name) : [m.name];
        for (const name of names) {
          fields.push([name, name.toLowerCase()]);
        }
      }
    }
  }
  serialized.set(cls, { chain, fields });
  return fields;
}

/**
 * An SObject as the REST API writes a record (REST API Developer Guide, "Working with Records"), which is what
 * JSON.serialize gives on the platform (unverified in the Apex Reference Guide, which shows no example): `attributes`
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

/**
 * Parses a JSON document into untyped Apex values. The result counts toward the heap before it is returned (1 unit of
 * heap work per token and per 64 characters, interpreter/heap.ts), so a document too large for the heap is the
 * LimitException here, not at some later statement.
 */
export function parseJson(it: Interpreter, text: string, pos: Pos): Value {
  const lexer = new JsonLexer(text, (msg) => it.raise('JSONException', msg, pos));
  const first = lexer.next();
  const { value, tokens } = first ? buildFrom(first, () => lexer.next()) : { value: null, tokens: 0 };
  lexer.next(); // only whitespace may follow the root value
  heapWork(it, tokens + (text.length >> 6), pos, () => detachedBytes(value));
  return value;
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
  createparser: (it, s, a, pos) => createParserStatic(it, s, a, pos),
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
