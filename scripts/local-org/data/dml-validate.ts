/**
 * The platform's validations of a saved record (data/dml.ts): required fields, text lengths, picklists, lookups,
 * unique and External ID values (against the table and the rest of the batch), with the platform's status codes.
 */
import type { ApexSObject, Value } from '../values/values.ts';
import type { FieldDescribe, SObjectDescribe } from '../schema/schema.ts';
import type { DmlError } from './dml-types.ts';
import type { DataHost } from './host.ts';
import type { IndexKind, Store } from './store.ts';

/**
 * Whether two values of `field` are the same for uniqueness and external-id matching: text as the field's case
 * sensitivity says, anything else `===`. `sameValueIds` and `PendingValues` find them by this rule without a scan.
 */
function sameValue(field: FieldDescribe, a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') {
    return field.caseSensitive ? a === b : a.toLowerCase() === b.toLowerCase();
  }
  return a === b;
}

/** `sameValue` as an index key kind (data/store.ts): case-sensitive text exactly, else ignoring case. */
const sameValueKind = (field: FieldDescribe): IndexKind => (field.caseSensitive ? 'exact' : 'lower');

/**
 * Ids of the stored rows of `type` whose `key` field holds the same value as `value` (`sameValue`), in table order
 * (what a scan of the table finds, in its order), through the store's index: the cost does not grow with the table.
 */
export function sameValueIds(
  s: Store,
  type: SObjectDescribe,
  field: FieldDescribe,
  key: string,
  value: Value
): string[] {
  return s.inTableOrder(type, s.findIds(type, key, sameValueKind(field), [value]));
}

/**
 * The records of one save, counted per value of a unique field (`sameValue`), built once per field and save: whether
 * another record of the batch holds a record's value costs a lookup, not a pass over the batch.
 */
export class PendingValues {
  private readonly counts = new Map<string, Map<Value, number>>();
  private readonly members: ReadonlySet<ApexSObject>;

  constructor(private readonly pending: readonly ApexSObject[]) {
    this.members = new Set(pending);
  }

  /** Whether a record of the batch other than `rec` holds the same value as `value`, `rec`'s own value of `key`. */
  another(f: FieldDescribe, key: string, rec: ApexSObject, value: Value): boolean {
    if (SYSTEM_WRITABLE.has(key)) {
      // Cleared from each created record just before it is validated: the counts would go out of date.
      return this.pending.some((other) => other !== rec && sameValue(f, other.fields.get(key) ?? null, value));
    }
    const kind = sameValueKind(f);
    let counts = this.counts.get(key);
    if (!counts) {
      counts = new Map();
      for (const p of this.pending) {
        const k = pendingKey(kind, p.fields.get(key) ?? null);
        if (k !== undefined) {
          counts.set(k, (counts.get(k) ?? 0) + 1);
        }
      }
      this.counts.set(key, counts);
    }
    const k = pendingKey(kind, value);
    if (k === undefined) {
      return false;
    }
    const own = this.members.has(rec) ? 1 : 0;
    return (counts.get(k) ?? 0) > own;
  }
}

function pendingKey(kind: IndexKind, v: Value): Value | undefined {
  if (v === null || (typeof v === 'number' && Number.isNaN(v))) {
    return undefined;
  }
  return typeof v === 'string' && kind === 'lower' ? v.toLowerCase() : v;
}

/** Values selected at once in a multi-select picklist (SOAP API StatusCode TOO_MANY_ENUM_VALUE; README). */
export const MULTI_PICKLIST_MAX_VALUES = 100;
/** Characters of one picklist value (Salesforce Help, "Picklist Limitations"). */
export const PICKLIST_VALUE_MAX_LENGTH = 255;

/**
 * How FIELD_INTEGRITY_EXCEPTION names a polymorphic activity lookup: "What ID: id value of incorrect type: …" for a
 * WhatId whose target has no activities (wording as commonly reported; not in the docs — unverified).
 */
const INTEGRITY_LABELS: Record<string, string> = { whatid: 'What ID' };

/**
 * A multi-select picklist value (values separated by ";"): at most 100 selected (TOO_MANY_ENUM_VALUE), each at most
 * 255 characters (STRING_TOO_LONG), each one of the value set when the picklist is restricted
 * (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). The whole string's length (describe length 4099) is checked with the
 * other string fields. Messages other than the restricted one are unverified (README "Platform wording").
 */
function multiPicklistError(f: FieldDescribe, value: string): DmlError | undefined {
  const selected = value.split(';').filter((v) => v !== '');
  if (selected.length > MULTI_PICKLIST_MAX_VALUES) {
    return {
      statusCode: 'TOO_MANY_ENUM_VALUE',
      message: `${f.label}: too many values selected: ${selected.length} (max ${MULTI_PICKLIST_MAX_VALUES})`,
      fields: [f.name]
    };
  }
  const long = selected.find((v) => v.length > PICKLIST_VALUE_MAX_LENGTH);
  if (long !== undefined) {
    return {
      statusCode: 'STRING_TOO_LONG',
      message: `${f.label}: data value too large: ${long} (max length=${PICKLIST_VALUE_MAX_LENGTH})`,
      fields: [f.name]
    };
  }
  const bad = f.restrictedPicklist ? selected.find((v) => !f.picklist.some((p) => p.value === v)) : undefined;
  if (bad !== undefined) {
    return {
      statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: `${f.label}: bad value for restricted picklist field: ${bad}`,
      fields: [f.name]
    };
  }
  return undefined;
}

export function validate(
  it: DataHost,
  s: Store,
  rec: ApexSObject,
  pending: ApexSObject[],
  batch: PendingValues
): DmlError | undefined {
  if (rec.errors.length > 0) {
    const e = rec.errors[0];
    return {
      statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: e?.message ?? '',
      fields: e?.field ? [e.field] : []
    };
  }
  const missing = [...rec.type.fields.values()].filter(
    (f) => f.required && (rec.fields.get(f.name.toLowerCase()) ?? null) === null
  );
  if (missing.length > 0) {
    const names = missing.map((f) => f.name);
    return {
      statusCode: 'REQUIRED_FIELD_MISSING',
      message: `Required fields are missing: [${names.join(', ')}]`,
      fields: names
    };
  }
  for (const [key, value] of rec.fields) {
    const f = rec.type.fields.get(key);
    if (!f || value === null) {
      continue;
    }
    const multi = f.display === 'MULTIPICKLIST' && typeof value === 'string' ? multiPicklistError(f, value) : undefined;
    if (multi) {
      return multi;
    }
    // Every text kind: Text, Text Area (255), Long and Rich Text Area (their length), Email (80), Phone (40), URL
    // (255), Picklist (255, unrestricted values too), Multi-Select Picklist (4099), Combobox — all String in Apex.
    if (typeof value === 'string' && f.length > 0 && f.apexType === 'String' && value.length > f.length) {
      return {
        statusCode: 'STRING_TOO_LONG',
        message: `${f.label}: data value too large: ${value} (max length=${f.length})`,
        fields: [f.name]
      };
    }
    if (
      f.display === 'PICKLIST' &&
      f.restrictedPicklist &&
      typeof value === 'string' &&
      !f.picklist.some((p) => p.value === value)
    ) {
      return {
        statusCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: `${f.label}: bad value for restricted picklist field: ${value}`,
        fields: [f.name]
      };
    }
    if (f.display === 'REFERENCE' && typeof value === 'string') {
      const target = s.objectOf(value);
      const known = target !== undefined || pending.some((p) => p.id === value);
      if (!known) {
        return { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: `invalid cross reference id`, fields: [] };
      }
      if (f.referenceTo.length > 0 && target && !f.referenceTo.some((t) => t.toLowerCase() === target)) {
        return {
          statusCode: 'FIELD_INTEGRITY_EXCEPTION',
          message: `${INTEGRITY_LABELS[key] ?? f.label}: id value of incorrect type: ${value}`,
          fields: [f.name]
        };
      }
    }
    if ((f.unique || (f.externalId && f.unique)) && value !== null) {
      const id = sameValueIds(s, rec.type, f, key, value).find((other) => other !== rec.id);
      if (id !== undefined) {
        return {
          statusCode: 'DUPLICATE_VALUE',
          message: `duplicate value found: ${f.name} duplicates value on record with id: ${id}`,
          fields: []
        };
      }
      if (batch.another(f, key, rec, value)) {
        return {
          statusCode: 'DUPLICATE_VALUE',
          message: `Duplicate external id specified: ${String(value)}`,
          fields: [f.name]
        };
      }
    }
  }
  void it;
  return undefined;
}

export const SYSTEM_WRITABLE = new Set([
  'createddate',
  'createdbyid',
  'lastmodifieddate',
  'lastmodifiedbyid',
  'systemmodstamp',
  'isdeleted'
]);
