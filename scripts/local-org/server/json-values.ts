/**
 * Runtime values as JSON, three ways:
 * - REST API records (REST API Developer Guide, "Working with Records"): `attributes` {type, url}, Datetime as
 *   "2026-11-23T01:02:03.000+0000", Date "2026-11-23", numbers as JSON numbers, parent records nested;
 * - Lightning (Aura) return values (Lightning Web Components Developer Guide, "Call Apex Methods"): only @AuraEnabled
 *   members of Apex objects, null members left out, Datetime as "2026-11-23T01:02:03.000Z", SObjects without
 *   attributes;
 * - the saved store (`--data`): every value tagged with its Apex type so a restart reads back the same values.
 */
import { hasAnnotation } from '../ast/build-declarations.ts';
import { dateString } from '../values/convert.ts';
import { Decimal } from '../values/decimal.ts';
import { pad2, wallClock } from '../values/time.ts';
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
  type Value
} from '../values/values.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export const API_VERSION = '65.0';

function isoParts(ms: number): string {
  const w = wallClock(ms, 'GMT');
  return `${String(w.year).padStart(4, '0')}-${pad2(w.month)}-${pad2(w.day)}T${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}.${String(w.ms).padStart(3, '0')}`;
}

function timeText(t: ApexTime): string {
  const h = Math.floor(t.ms / 3600000);
  const m = Math.floor(t.ms / 60000) % 60;
  const s = Math.floor(t.ms / 1000) % 60;
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}.${String(t.ms % 1000).padStart(3, '0')}Z`;
}

/** A primitive field value as JSON; undefined for values that are not primitives. */
function primitiveJson(v: Value, datetime: (ms: number) => string): Json | undefined {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') {
    return v;
  }
  if (typeof v === 'bigint') {
    return Number(v);
  }
  if (v instanceof ApexDouble) {
    return v.value;
  }
  if (v instanceof Decimal) {
    return v.toNumber();
  }
  if (v instanceof ApexDatetime) {
    return datetime(v.ms);
  }
  if (v instanceof ApexDate) {
    return dateString(v);
  }
  if (v instanceof ApexTime) {
    return timeText(v);
  }
  if (v instanceof ApexBlob) {
    return Buffer.from(v.bytes).toString('base64');
  }
  if (v instanceof ApexEnumValue) {
    return v.name;
  }
  return undefined;
}

const restDatetime = (ms: number): string => `${isoParts(ms)}+0000`;
const auraDatetime = (ms: number): string => `${isoParts(ms)}Z`;

/** `attributes` of a record in REST answers. */
export function attributes(type: string, id: string | null): { type: string; url?: string } {
  return id ? { type, url: `/services/data/v${API_VERSION}/sobjects/${type}/${id}` } : { type };
}

/**
 * A record as the REST API writes it: attributes, then its fields in their order, then parent records.
 * `omitId` leaves out an Id the query did not select.
 */
export function restRecord(rec: ApexSObject, omitId = false): { [key: string]: Json } {
  const out: { [key: string]: Json } = { attributes: attributes(rec.type.name, rec.id) };
  for (const [key, value] of rec.fields) {
    if (omitId && key === 'id') {
      continue;
    }
    const name = rec.type.fields.get(key)?.name ?? rec.names.get(key) ?? key;
    out[name] = primitiveJson(value, restDatetime) ?? null;
  }
  for (const [key, parent] of rec.parents) {
    const name = rec.parentNames.get(key) ?? key;
    out[name] = parent ? restRecord(parent, true) : null;
  }
  for (const [key, children] of rec.children) {
    const records = children.items.filter((c): c is ApexSObject => c instanceof ApexSObject).map((c) => restRecord(c));
    out[rec.type.children.get(key)?.name ?? key] = { totalSize: records.length, done: true, records };
  }
  return out;
}

/** A stored row (lower-cased field → value) as a REST record with every field of the object. */
export function restRow(
  type: { name: string; fields: Map<string, { name: string }> },
  row: Map<string, Value>
): { [key: string]: Json } {
  const id = row.get('id');
  const out: { [key: string]: Json } = { attributes: attributes(type.name, typeof id === 'string' ? id : null) };
  for (const [key, f] of type.fields) {
    out[f.name] = primitiveJson(row.get(key) ?? null, restDatetime) ?? null;
  }
  return out;
}

function auraMembers(obj: ApexObject): { [key: string]: Json } {
  const out: { [key: string]: Json } = {};
  for (const c of [...obj.cls.chain()].reverse()) {
    const decl = c.decl;
    if (decl?.kind !== 'class') {
      continue;
    }
    for (const m of decl.members) {
      if ((m.kind !== 'field' && m.kind !== 'property') || m.modifiers.isStatic) {
        continue;
      }
      if (!hasAnnotation(m.modifiers, 'AuraEnabled')) {
        continue;
      }
      const names = m.kind === 'field' ? m.declarators.map((d) => d.name) : [m.name];
      for (const name of names) {
        const value = auraJson(obj.fields.get(name.toLowerCase()) ?? null);
        if (value !== null) {
          out[name] = value;
        }
      }
    }
  }
  return out;
}

/** A value returned by an @AuraEnabled method, as Lightning hands it to the component. */
export function auraJson(v: Value): Json {
  const primitive = primitiveJson(v, auraDatetime);
  if (primitive !== undefined) {
    return primitive;
  }
  if (v instanceof ApexList) {
    return v.items.map(auraJson);
  }
  if (v instanceof ApexSet) {
    return [...v.entries.values()].map(auraJson);
  }
  if (v instanceof ApexMap) {
    const out: { [key: string]: Json } = {};
    for (const [k, x] of v.entries.values()) {
      out[String(primitiveJson(k, auraDatetime) ?? k)] = auraJson(x);
    }
    return out;
  }
  if (v instanceof ApexSObject) {
    const out: { [key: string]: Json } = {};
    for (const [key, value] of v.fields) {
      if (value !== null) {
        out[v.type.fields.get(key)?.name ?? key] = auraJson(value);
      }
    }
    for (const [key, parent] of v.parents) {
      if (parent) {
        out[v.parentNames.get(key) ?? key] = auraJson(parent);
      }
    }
    return out;
  }
  if (v instanceof ApexObject) {
    return auraMembers(v);
  }
  throw new Error(`an @AuraEnabled method returned a value the bridge cannot serialise (${typeof v})`);
}

// ─── the saved store ─────────────────────────────────────────────────────────

/** A stored field value, tagged with its Apex type when JSON alone would lose it. */
export type SavedValue =
  | null
  | boolean
  | string
  | number
  | { long: string }
  | { decimal: string }
  | { double: number }
  | { datetime: number }
  | { date: string }
  | { time: number }
  | { blob: string };

export function saveValue(v: Value): SavedValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'number') {
    return v;
  }
  if (typeof v === 'bigint') {
    return { long: String(v) };
  }
  if (v instanceof Decimal) {
    return { decimal: v.toString() };
  }
  if (v instanceof ApexDouble) {
    return { double: v.value };
  }
  if (v instanceof ApexDatetime) {
    return { datetime: v.ms };
  }
  if (v instanceof ApexDate) {
    return { date: dateString(v) };
  }
  if (v instanceof ApexTime) {
    return { time: v.ms };
  }
  if (v instanceof ApexBlob) {
    return { blob: Buffer.from(v.bytes).toString('base64') };
  }
  throw new Error(`a stored field holds a value that cannot be saved: ${Object.prototype.toString.call(v)}`);
}

export function loadValue(v: SavedValue): Value {
  if (v === null || typeof v !== 'object') {
    return v;
  }
  if ('long' in v) {
    return BigInt(v.long);
  }
  if ('decimal' in v) {
    const d = Decimal.parse(v.decimal);
    if (!d) {
      throw new Error(`bad saved decimal ${v.decimal}`);
    }
    return d;
  }
  if ('double' in v) {
    return new ApexDouble(v.double);
  }
  if ('datetime' in v) {
    return new ApexDatetime(v.datetime);
  }
  if ('date' in v) {
    const [y = 0, m = 1, d = 1] = v.date.split('-').map(Number);
    return new ApexDate(y, m, d);
  }
  if ('time' in v) {
    return new ApexTime(v.time);
  }
  return new ApexBlob(new Uint8Array(Buffer.from(v.blob, 'base64')));
}
