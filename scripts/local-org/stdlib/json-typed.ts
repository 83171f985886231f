/**
 * Typed JSON.deserialize / JSON.deserializeStrict (Apex Reference Guide, "JSON Class"): the parsed JSON is converted
 * into the requested type — Apex classes (inner classes included), List/Set, Map with String (or Id/Integer/…) keys,
 * primitives, enums, SObjects and Object (untyped). Behaviour mirrored:
 * - object keys match fields and properties case-insensitively; a key the class lacks is ignored by `deserialize`
 *   and rejected by `deserializeStrict` with "Unknown field: Class.key" (SObjects: "No such column 'key' on sobject of
 *   type X"); missing keys leave the field null;
 * - the object is created without running its constructors or field initialisers, and property setters are not
 *   called (the value is stored as is) — the platform's deserializer fills fields directly (**unverified** detail);
 * - Datetime from ISO 8601 strings with `Z` or an offset (`2026-11-23T10:15:30+09:00`), GMT when none; Date from
 *   `yyyy-MM-dd`; Id validated ("Invalid id"); Integer/Long need integral numbers, Decimal keeps the JSON scale;
 * - a value of the wrong JSON kind is a JSONException ("Illegal value for primitive", "Malformed JSON: Expected '['
 *   at the beginning of List/Set", "Malformed JSON: Expected '{' at the beginning of object").
 */
import type { Pos } from '../ast/nodes.ts';
import { writeField } from '../data/sobject.ts';
import type { ClassInfo } from '../values/classes.ts';
import { coerce } from '../values/convert.ts';
import { Decimal } from '../values/decimal.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim, typeName, type ApexType } from '../values/types.ts';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexSObject,
  NativeObject,
  type Value
} from '../values/values.ts';
import type { DmlError, DmlResult } from '../data/dml.ts';
import { DESERIALIZABLE_RESULTS, resultFromJson } from './db-results.ts';

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch ms of an ISO 8601 date-time (GMT when it has no zone), or undefined. */
export function parseIsoDatetime(text: string): number | undefined {
  const m = DATETIME.exec(text);
  if (!m) {
    return undefined;
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return undefined;
  }
  let ms = Date.UTC(
    Number(y),
    month - 1,
    day,
    Number(h),
    Number(mi),
    Number(s),
    Number(frac.padEnd(3, '0').slice(0, 3))
  );
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
  }
  return ms;
}

class Converter {
  constructor(
    private readonly it: Interpreter,
    private readonly strict: boolean,
    private readonly pos: Pos
  ) {}

  private fail(message: string): never {
    return this.it.raise('JSONException', message, this.pos);
  }

  convert(v: Value, t: ApexType): Value {
    if (v === null) {
      return null;
    }
    switch (t.kind) {
      case 'primitive':
        return this.primitive(v, t.name);
      case 'list':
      case 'set': {
        if (!(v instanceof ApexList)) {
          return this.fail("Malformed JSON: Expected '[' at the beginning of List/Set");
        }
        const items = v.items.map((x) => this.convert(x, t.element));
        if (t.kind === 'list') {
          return new ApexList(t.element, items);
        }
        const set = new ApexSet(t.element);
        items.forEach((x) => set.entries.set(this.it.key(x), x));
        return set;
      }
      case 'map': {
        const obj = this.object(v);
        const map = new ApexMap(t.key, t.value);
        for (const [key, value] of obj) {
          const k = this.primitive(key, t.key.kind === 'primitive' ? t.key.name : 'String');
          map.entries.set(this.it.key(k), [k, this.convert(value, t.value)]);
        }
        return map;
      }
      case 'class':
        return this.apexObject(v, t.cls);
      case 'enum': {
        const name = typeof v === 'string' ? v : this.fail('Illegal value for primitive');
        return t.en.values.find((e) => e.name === name) ?? this.fail(`No enum constant ${t.en.fullName}.${name}`);
      }
      case 'sobject':
        return this.sobject(v, t.name);
      case 'native':
        if (DESERIALIZABLE_RESULTS.has(t.name)) {
          const members = new Map(this.object(v).map(([k, x]) => [k.toLowerCase(), x]));
          return resultFromJson(t.name, this.dmlResult(v), members, (x) =>
            x === null ? [] : (this.convert(x, { kind: 'list', element: prim('Id') }) as ApexList).items.map(String)
          );
        }
        if (t.name === 'Database.Error') {
          return new NativeObject<DmlError>(t.name, this.dmlError(v));
        }
        throw new RuntimeGap(
          `JSON.deserialize into ${typeName(t)} is not implemented by the local org runtime`,
          this.pos
        );
      default:
        throw new RuntimeGap(
          `JSON.deserialize into ${typeName(t)} is not implemented by the local org runtime`,
          this.pos
        );
    }
  }

  /**
   * A Database.SaveResult / UpsertResult / DeleteResult / UndeleteResult written as JSON (`{"success": …, "id": …,
   * "created": …, "errors": [{"statusCode", "message", "fields"}]}`, the names of its getters; how tests build mock
   * results — the Apex Reference Guide does not document the JSON form: unverified).
   */
  private dmlResult(v: Value): DmlResult {
    const members = new Map(this.object(v).map(([k, x]) => [k.toLowerCase(), x]));
    const errors = members.get('errors') ?? null;
    return {
      id: typeof members.get('id') === 'string' ? (members.get('id') as string) : null,
      success: members.get('success') === true,
      created: members.get('created') === true,
      errors: errors instanceof ApexList ? errors.items.map((e) => this.dmlError(e)) : []
    };
  }

  private dmlError(v: Value): DmlError {
    const members = new Map(this.object(v).map(([k, x]) => [k.toLowerCase(), x]));
    const fields = members.get('fields') ?? null;
    return {
      statusCode: String(members.get('statuscode') ?? ''),
      message: String(members.get('message') ?? ''),
      fields: fields instanceof ApexList ? fields.items.map((f) => String(f)) : []
    };
  }

  /** The entries of a JSON object (an untyped Map<String, Object> from the parser). */
  private object(v: Value): [string, Value][] {
    if (!(v instanceof ApexMap)) {
      return this.fail("Malformed JSON: Expected '{' at the beginning of object");
    }
    return [...v.entries.values()].map(([k, x]) => [k as string, x]);
  }

  private apexObject(v: Value, cls: ClassInfo): ApexObject {
    if (cls.kind === 'interface' || cls.isAbstract) {
      throw new RuntimeGap(`JSON.deserialize into the abstract type ${cls.fullName}`, this.pos);
    }
    const entries = this.object(v);
    this.it.ensureInit(cls);
    const obj = new ApexObject(cls);
    const slots = new Map<string, ApexType>();
    for (const c of [...cls.chain()].reverse()) {
      for (const f of c.fields.values()) {
        if (!f.decl.modifiers.isStatic) {
          slots.set(f.name.toLowerCase(), this.it.resolveType(f.decl.type, f.owner));
        }
      }
      for (const p of c.properties.values()) {
        if (!p.modifiers.isStatic) {
          slots.set(p.name.toLowerCase(), this.it.resolveType(p.type, c));
        }
      }
    }
    for (const key of slots.keys()) {
      obj.fields.set(key, null);
    }
    for (const [key, value] of entries) {
      const type = slots.get(key.toLowerCase());
      if (!type) {
        if (this.strict) {
          this.fail(`Unknown field: ${cls.fullName}.${key}`);
        }
        continue;
      }
      obj.fields.set(key.toLowerCase(), this.convert(value, type));
    }
    return obj;
  }

  /**
   * A record, with its related records as JSON.serialize writes them (Apex Reference Guide "JSON Class"): a parent
   * relationship as a nested record (`"Account": {…}`), a child relationship as `{"totalSize", "done", "records": […]}`
   * (a bare array is read too). The generic SObject type takes the record's type from `"attributes": {"type": …}`.
   */
  private sobject(v: Value, name: string): ApexSObject {
    const entries = this.object(v);
    let typeName = name;
    if (name.toLowerCase() === 'sobject') {
      const attributes = entries.find(([k]) => k === 'attributes')?.[1];
      const declared =
        attributes instanceof ApexMap
          ? [...attributes.entries.values()].find(([k]) => String(k).toLowerCase() === 'type')?.[1]
          : undefined;
      if (typeof declared !== 'string') {
        throw new RuntimeGap(
          `JSON.deserialize into the generic SObject type without "attributes": {"type": …}`,
          this.pos
        );
      }
      typeName = declared;
    }
    const d = this.it.registry.schema.describe(typeName);
    if (!d) {
      throw new RuntimeGap(`JSON.deserialize into the unknown SObject type ${typeName}`, this.pos);
    }
    const rec = new ApexSObject(d);
    for (const [key, value] of entries) {
      if (key === 'attributes') {
        continue;
      }
      const lower = key.toLowerCase();
      const field = d.fields.get(lower);
      if (!field) {
        const parent = d.relationships.get(lower);
        const child = d.children.get(lower);
        if (parent) {
          const target = parent.referenceTo.length === 1 ? (parent.referenceTo[0] ?? 'SObject') : 'SObject';
          writeField(this.it, rec, key, value === null ? null : this.sobject(value, target), this.pos);
        } else if (child) {
          const records = value instanceof ApexMap ? this.member(value, 'records') : value;
          const list = new ApexList({ kind: 'sobject', name: child.childObject });
          if (records instanceof ApexList) {
            list.items = records.items.map((r) => this.sobject(r, child.childObject));
          } else if (records !== null) {
            this.fail("Malformed JSON: Expected '[' at the beginning of List/Set");
          }
          rec.children.set(lower, list);
        } else if (this.strict) {
          this.fail(`No such column '${key}' on sobject of type ${d.name}`);
        }
        continue;
      }
      writeField(this.it, rec, field.name, this.convert(value, { kind: 'primitive', name: field.apexType }), this.pos);
    }
    return rec;
  }

  /** A member of a JSON object by name, null when absent. */
  private member(v: ApexMap, name: string): Value {
    return [...v.entries.values()].find(([k]) => String(k) === name)?.[1] ?? null;
  }

  private primitive(v: Value, name: string): Value {
    const illegal = (): never => this.fail(`Illegal value for primitive`);
    const integral = (): bigint | undefined =>
      typeof v === 'number' || typeof v === 'bigint'
        ? BigInt(v)
        : v instanceof Decimal && v.stripTrailingZeros().toPlainString().indexOf('.') < 0
          ? BigInt(v.stripTrailingZeros().toPlainString())
          : undefined;
    switch (name) {
      case 'Object':
        return v;
      case 'String':
        if (typeof v === 'string') {
          return v;
        }
        // Jackson reads a JSON number or boolean into a String as its text.
        return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || v instanceof Decimal
          ? this.it.str(v)
          : illegal();
      case 'Id':
        return typeof v === 'string' ? coerce(v, { kind: 'primitive', name: 'Id' }) : illegal();
      case 'Boolean':
        return typeof v === 'boolean' ? v : illegal();
      case 'Integer': {
        const n = integral();
        return n !== undefined && n >= -2147483648n && n <= 2147483647n ? Number(n) : illegal();
      }
      case 'Long': {
        const n = integral();
        return n !== undefined && BigInt.asIntN(64, n) === n ? n : illegal();
      }
      case 'Decimal':
        if (typeof v === 'number' || typeof v === 'bigint') {
          return Decimal.fromBigInt(BigInt(v));
        }
        return v instanceof Decimal ? v : typeof v === 'string' ? (Decimal.parse(v) ?? illegal()) : illegal();
      case 'Double':
        if (typeof v === 'number' || typeof v === 'bigint') {
          return new ApexDouble(Number(v));
        }
        return v instanceof Decimal ? new ApexDouble(v.toNumber()) : illegal();
      case 'Datetime': {
        const ms = typeof v === 'string' ? parseIsoDatetime(v) : undefined;
        return ms === undefined
          ? this.fail(
              `Cannot deserialize instance of datetime from ${typeof v === 'string' ? 'VALUE_STRING' : 'VALUE_NUMBER_INT'} value ${this.it.str(v)} or request may be missing a required field`
            )
          : new ApexDatetime(ms);
      }
      case 'Date': {
        const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
        return m
          ? new ApexDate(Number(m[1]), Number(m[2]), Number(m[3]))
          : this.fail(
              `Cannot deserialize instance of date from VALUE_STRING value ${this.it.str(v)} or request may be missing a required field`
            );
      }
      case 'Blob':
        return typeof v === 'string' ? new ApexBlob(new Uint8Array(Buffer.from(v, 'base64'))) : illegal();
      default:
        throw new RuntimeGap(`JSON.deserialize into ${name} is not implemented by the local org runtime`, this.pos);
    }
  }
}

/** Converts the untyped result of the JSON parser into `type` (JSON.deserialize / deserializeStrict). */
export function convertJson(it: Interpreter, parsed: Value, type: ApexType, strict: boolean, pos: Pos): Value {
  return new Converter(it, strict, pos).convert(parsed, type);
}
