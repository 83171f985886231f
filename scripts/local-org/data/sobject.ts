/**
 * SObject records in Apex: field reads and writes with the platform's checks (Apex Developer Guide, "Working with
 * SObjects"; Apex Reference Guide, "SObject Class"): an unknown field is an SObjectException "Invalid field X for Y",
 * a field a SOQL query did not select is "SObject row was retrieved via SOQL without querying the requested field:
 * Y.X", values take the field's type (a 15-character id becomes the 18-character form).
 */
import type { Pos } from '../ast/nodes.ts';
import { coerce } from '../values/convert.ts';
import type { DataHost } from './host.ts';
import { prim } from '../values/types.ts';
import { ApexList, ApexSObject, NativeObject, type Value } from '../values/values.ts';
import type { FieldDescribe, SObjectDescribe } from '../schema/schema.ts';
import { lowerName } from '../schema/lower.ts';

/** The components of a compound address field, shared with System.Address (stdlib/index.ts). */
export const ADDRESS_PARTS = [
  'Street',
  'City',
  'State',
  'StateCode',
  'PostalCode',
  'Country',
  'CountryCode',
  'Latitude',
  'Longitude',
  'GeocodeAccuracy'
];

/** The components of an address, by part name (street, city, …). */
export type AddressParts = Record<string, Value>;

/**
 * The value a query reads for field `f` of a stored row. A compound address field is a System.Address of its
 * component fields (Apex Developer Guide "Compound Fields"), null when every component is null (unverified).
 */
export function rowValue(row: ReadonlyMap<string, Value>, f: FieldDescribe): Value {
  if (f.addressOf === undefined) {
    return row.get(lowerName(f.name)) ?? null;
  }
  const parts: AddressParts = {};
  for (const part of ADDRESS_PARTS) {
    parts[part.toLowerCase()] = row.get(`${f.addressOf}${part}`.toLowerCase()) ?? null;
  }
  return Object.values(parts).every((v) => v === null) ? null : new NativeObject<AddressParts>('Address', parts);
}

export function fieldOf(it: DataHost, type: SObjectDescribe, name: string, pos?: Pos): FieldDescribe {
  const f = type.fields.get(lowerName(name));
  if (!f) {
    return it.raise('SObjectException', `Invalid field ${name} for ${type.name}`, pos);
  }
  return f;
}

export function readField(it: DataHost, rec: ApexSObject, name: string, pos?: Pos): Value {
  const key = lowerName(name);
  const f = rec.type.fields.get(key);
  if (!f) {
    const rel = rec.type.relationships.get(key);
    if (rel || rec.parents.has(key)) {
      return readParent(it, rec, name, pos);
    }
    const child = rec.type.children.get(key);
    if (child) {
      return rec.children.get(key) ?? null;
    }
    if (key === 'id' && rec.type.platformEvent) {
      return rec.fields.get('id') ?? null;
    }
    return it.raise('SObjectException', `Invalid field ${name} for ${rec.type.name}`, pos);
  }
  if (rec.fields.has(key)) {
    return rec.fields.get(key) ?? null;
  }
  if (rec.queried && !rec.queried.has(key)) {
    return it.raise(
      'SObjectException',
      `SObject row was retrieved via SOQL without querying the requested field: ${rec.type.name}.${f.name}`,
      pos
    );
  }
  return null;
}

export function readParent(it: DataHost, rec: ApexSObject, name: string, pos?: Pos): Value {
  const key = lowerName(name);
  if (rec.parents.has(key)) {
    return rec.parents.get(key) ?? null;
  }
  if (rec.queried) {
    const rel = rec.type.relationships.get(key);
    return it.raise(
      'SObjectException',
      `SObject row was retrieved via SOQL without querying the requested field: ${rec.type.name}.${rel?.relationshipName ?? name}`,
      pos
    );
  }
  return null;
}

export function writeField(it: DataHost, rec: ApexSObject, name: string, value: Value, pos?: Pos): void {
  const key = lowerName(name);
  const f = rec.type.fields.get(key);
  if (!f) {
    const rel = rec.type.relationships.get(key);
    if (rel && (value === null || value instanceof ApexSObject)) {
      rec.parents.set(key, value);
      rec.parentNames.set(key, rel.relationshipName ?? name);
      return;
    }
    const child = rec.type.children.get(key);
    if (child && (value === null || value instanceof ApexList)) {
      if (value) {
        rec.children.set(key, value);
      }
      return;
    }
    // Id belongs to the SObject type itself: an event's describe lists none (Object Reference), yet code handling
    // records generically sets Id on event instances, which public suites passing on real orgs do (unverified in docs).
    if (key === 'id' && rec.type.platformEvent) {
      rec.set('Id', coerce(value, prim('Id')));
      return;
    }
    it.raise('SObjectException', `Invalid field ${name} for ${rec.type.name}`, pos);
  }
  rec.set(f.name, coerce(value, prim(f.apexType)));
}

/** A shallow or deep copy, as SObject.clone(preserveId, isDeepClone, preserveReadonlyTimestamps, preserveAutonumber). */
export function cloneRecord(
  rec: ApexSObject,
  preserveId: boolean,
  deep: boolean,
  preserveTimestamps: boolean
): ApexSObject {
  const copy = new ApexSObject(rec.type);
  const timestamps = new Set(['createddate', 'createdbyid', 'lastmodifieddate', 'lastmodifiedbyid', 'systemmodstamp']);
  for (const [k, v] of rec.fields) {
    if ((k === 'id' && !preserveId) || (timestamps.has(k) && !preserveTimestamps)) {
      continue;
    }
    copy.set(rec.names.get(k) ?? k, v);
  }
  for (const [k, v] of rec.parents) {
    copy.parents.set(k, v && deep ? cloneRecord(v, true, true, true) : v);
    copy.parentNames.set(k, rec.parentNames.get(k) ?? k);
  }
  if (rec.queried) {
    copy.queried = new Set(rec.queried);
  }
  return copy;
}
