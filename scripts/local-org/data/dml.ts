/**
 * DML (Apex Developer Guide, "DML Statements vs. Database Class Methods", "Triggers and Order of Execution"): insert,
 * update, upsert (by Id or an External ID field) and delete with defaults, before triggers, the platform's validations
 * (status codes and messages below), save with system fields, after triggers. The statement forms and
 * allOrNone=true throw System.DmlException on the first failure and save nothing; allOrNone=false saves the records
 * that pass and reports the others in their results. The caller's records receive the new Id only; changes a before
 * trigger makes are saved but not copied back (as on the platform).
 *
 * User mode (`insert as user`, `Database.insert(…, AccessLevel.USER_MODE)`; ADG "Enforce User Mode for Database
 * Operations"; data/access.ts): the object needs Create (insert), Edit (update) or Delete, else
 * INSUFFICIENT_ACCESS_OR_READONLY; every field the caller set needs field-level edit, else
 * INVALID_FIELD_FOR_INSERT_UPDATE "Unable to create/update fields: …" (the REST API's wording); an updated or deleted
 * record must be editable through sharing (INSUFFICIENT_ACCESS_OR_READONLY "insufficient access rights on object id").
 * The sharing check also applies in system mode when the running code is `with sharing`.
 */
import type { Pos, TriggerEvent } from '../ast/nodes.ts';
import { coerce } from '../values/convert.ts';
import { ApexThrow, RuntimeGap } from '../values/errors.ts';
import type { DataHost } from './host.ts';
import { prim } from '../values/types.ts';
import { ApexDatetime, ApexList, ApexMap, ApexObject, ApexSObject, type Value } from '../values/values.ts';
import { normalizeId } from '../schema/ids.ts';
import type { SiteInfo } from '../schema/sites.ts';
import { upsertKeyEligibility, upsertKeyMessage, type FieldDescribe, type SObjectDescribe } from '../schema/schema.ts';
import type { IndexKind, Row, Store } from './store.ts';
import {
  enforcesSharing,
  fieldPermissions,
  objectPermissions,
  recordAccess,
  userAccess,
  type UserAccess
} from './access.ts';
import { checkMixedDml, dmlKind } from './mixed-dml.ts';
import { runTriggers } from './triggers.ts';

export type DmlKind = 'insert' | 'update' | 'upsert' | 'delete' | 'undelete';

export interface DmlError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface DmlResult {
  id: string | null;
  success: boolean;
  created: boolean;
  errors: DmlError[];
}

/** The failures of a DmlException, for getDmlMessage(i) etc. */
export const dmlFailures = new WeakMap<ApexObject, { index: number; id: string | null; error: DmlError }[]>();

const LIMIT_DML_STATEMENTS = 150;
const LIMIT_DML_ROWS = 10000;

function store(it: DataHost): Store {
  const s = it.ctx.store;
  if (!s) {
    throw new RuntimeGap('DML without a data store (the transaction was created without one)');
  }
  return s as Store;
}

export function countDml(it: DataHost, rows: number, pos: Pos): void {
  it.ctx.rowLocks.concurrency.beforeStatement?.('dml');
  const limits = it.ctx.limits;
  limits.dmlStatements++;
  if (limits.dmlStatements > LIMIT_DML_STATEMENTS) {
    it.raise('LimitException', `Too many DML statements: ${limits.dmlStatements}`, pos);
  }
  limits.dmlRows += rows;
  if (limits.dmlRows > LIMIT_DML_ROWS) {
    it.raise('LimitException', `Too many DML rows: ${limits.dmlRows}`, pos);
  }
}

/** The records of a DML target: one SObject, a List of SObjects, or (delete) ids. */
export function dmlRecords(it: DataHost, target: Value, op: DmlKind, pos: Pos): ApexSObject[] {
  if (target === null) {
    return it.raise(
      'DmlException',
      `${opLabel(op)} failed. First exception on row 0; first error: MISSING_ARGUMENT, Argument cannot be null.: []`,
      pos
    );
  }
  const items = target instanceof ApexList ? target.items : [target];
  return items.map((item) => {
    if (item instanceof ApexSObject) {
      if (item.type.name.toLowerCase().endsWith('__mdt')) {
        // Custom metadata records are deployed, not written by DML (ADG "Custom Metadata Types": Apex can read them
        // and change them only through the Metadata namespace); the compiler refuses the statement.
        throw new RuntimeGap(`DML operation ${op} not allowed on ${item.type.name}`, pos);
      }
      return item;
    }
    if (typeof item === 'string' && (op === 'delete' || op === 'undelete')) {
      const id = normalizeId(item);
      const object = id ? (store(it).objectOf(id) ?? store(it).recycledObjectOf(id)) : undefined;
      const d = object ? it.registry.schema.describe(object) : undefined;
      if (id && d) {
        const rec = new ApexSObject(d);
        rec.set('Id', id);
        return rec;
      }
      return it.raise(
        'DmlException',
        `${opLabel(op)} failed. First exception on row 0 with id ${item}; first error: INVALID_CROSS_REFERENCE_KEY, invalid cross reference id: []`,
        pos
      );
    }
    if (item === null) {
      return it.raise(
        'DmlException',
        `${opLabel(op)} failed. First exception on row 0; first error: MISSING_ARGUMENT, Argument cannot be null.: []`,
        pos
      );
    }
    throw new RuntimeGap(`DML on a non-SObject value ${it.str(item)}`, pos);
  });
}

const opLabel = (op: DmlKind): string => op.charAt(0).toUpperCase() + op.slice(1);

export interface DmlOptions {
  allOrNone: boolean;
  externalIdField?: FieldDescribe;
  pos: Pos;
  /** `as user` / AccessLevel.USER_MODE; system mode when absent. */
  accessLevel?: 'user' | 'system';
}

/** Who the operation's access checks apply to: object/field permissions in user mode, sharing in either. */
interface AccessCheck {
  ua: UserAccess;
  userMode: boolean;
  sharing: boolean;
}

function accessCheck(it: DataHost, opts: DmlOptions): AccessCheck | undefined {
  const userMode = opts.accessLevel === 'user';
  // System mode skips object and field permissions, not sharing: "if you set the operation to system mode, the sharing
  // keyword on the calling class determines whether the operation respects the user's record-level permissions" (ADG
  // "Set an Access Mode for Database Operations").
  const sharing = userMode || enforcesSharing(it);
  return userMode || sharing ? { ua: userAccess(it), userMode, sharing } : undefined;
}

const NO_ACCESS: DmlError = {
  statusCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
  message: 'insufficient access rights on object id',
  fields: []
};

/** The access error of one record of a save, if any. */
function saveAccessError(
  it: DataHost,
  check: AccessCheck,
  type: SObjectDescribe,
  rec: ApexSObject,
  create: boolean,
  row: Row | undefined
): DmlError | undefined {
  if (check.userMode) {
    const obj = objectPermissions(check.ua, type);
    if (!(create ? obj.allowCreate : obj.allowEdit)) {
      return NO_ACCESS;
    }
    const denied = [...rec.fields.keys()]
      .map((k) => type.fields.get(k))
      .filter((f): f is FieldDescribe => f !== undefined && !f.readOnly && f.name !== 'Id')
      .filter((f) => !fieldPermissions(check.ua, type, f).editable)
      .map((f) => f.name);
    if (denied.length > 0) {
      return {
        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: `Unable to create/update fields: ${denied.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        fields: denied
      };
    }
  }
  if (!create && row && check.sharing && recordAccess(it, check.ua, type, row) !== 'edit') {
    return NO_ACCESS;
  }
  return undefined;
}

/** Runs one DML operation; throws DmlException when allOrNone and a record fails. */
export function executeDml(it: DataHost, op: DmlKind, records: ApexSObject[], opts: DmlOptions): DmlResult[] {
  countDml(it, records.length, opts.pos);
  if (records.length === 0) {
    return [];
  }
  if (op !== 'insert') {
    // Records locked by another transaction (data/row-locks.ts); an upsert's external-id matches are not checked.
    it.ctx.rowLocks.write(records.map((r) => r.id ?? undefined));
  }
  const s = store(it);
  const before = s.clone();
  let results: DmlResult[];
  const type = records[0]?.type;
  const mixed = type
    ? checkMixedDml(
        it.ctx.mixedDml,
        type,
        dmlKind(type, op, records, (id) => s.get(id))
      )
    : undefined;
  try {
    results = mixed
      ? records.map((rec) => ({ id: rec.id, success: false, created: false, errors: [mixed] }))
      : run(it, s, op, records, opts);
  } catch (e) {
    s.restore(before);
    throw e;
  }
  const failures = results.map((r, index) => ({ r, index })).filter(({ r }) => !r.success);
  if (failures.length > 0 && opts.allOrNone) {
    s.restore(before);
    const first = failures[0];
    if (first) {
      const err = first.r.errors[0] ?? { statusCode: 'UNKNOWN_EXCEPTION', message: 'unknown', fields: [] };
      const idPart = first.r.id && op !== 'insert' ? ` with id ${first.r.id}` : '';
      const message = `${opLabel(op)} failed. First exception on row ${first.index}${idPart}; first error: ${err.statusCode}, ${err.message}: [${err.fields.join(', ')}]`;
      try {
        it.raise('DmlException', message, opts.pos);
      } catch (thrown) {
        if (thrown instanceof ApexThrow) {
          dmlFailures.set(
            thrown.exception,
            failures.map(({ r, index }) => ({
              index,
              id: r.id,
              error: r.errors[0] ?? err
            }))
          );
        }
        throw thrown;
      }
    }
  }
  return results;
}

/**
 * A list holding several SObject types is saved in chunks, a new chunk wherever the type changes, at most 10 (REST API
 * "sObject Collections": "processed as chunks … up to 10 chunks"; in Apex a TypeException "Cannot have more than 10
 * chunks in a single operation. Please rearrange the data to reduce chunking.", as commonly reported — unverified).
 */
function chunksByType(records: ApexSObject[]): ApexSObject[][] {
  const chunks: ApexSObject[][] = [];
  for (const rec of records) {
    const last = chunks[chunks.length - 1];
    if (last && last[0]?.type === rec.type) {
      last.push(rec);
    } else {
      chunks.push([rec]);
    }
  }
  return chunks;
}

function run(it: DataHost, s: Store, op: DmlKind, records: ApexSObject[], opts: DmlOptions): DmlResult[] {
  const type = records[0]?.type;
  if (type && records.some((r) => r.type !== type)) {
    if (op === 'upsert') {
      throw new RuntimeGap('upsert of a list mixing SObject types', opts.pos);
    }
    const chunks = chunksByType(records);
    if (chunks.length > 10) {
      it.raise(
        'TypeException',
        'Cannot have more than 10 chunks in a single operation. Please rearrange the data to reduce chunking.',
        opts.pos
      );
    }
    return chunks.flatMap((chunk) => run(it, s, op, chunk, opts));
  }
  if (!type) {
    throw new RuntimeGap('DML without records', opts.pos);
  }
  switch (op) {
    case 'insert':
      return save(
        it,
        s,
        type,
        records,
        records.map(() => true),
        opts
      );
    case 'update':
      return save(
        it,
        s,
        type,
        records,
        records.map(() => false),
        opts
      );
    case 'upsert':
      return upsert(it, s, type, records, opts);
    case 'delete':
      return remove(it, s, type, records, opts);
    case 'undelete':
      return undelete(it, s, type, records, opts);
  }
}

function upsert(it: DataHost, s: Store, type: SObjectDescribe, records: ApexSObject[], opts: DmlOptions): DmlResult[] {
  const field = opts.externalIdField;
  if (field) {
    const eligible = upsertKeyEligibility(field);
    if (eligible === 'no') {
      it.raise('SObjectException', upsertKeyMessage(type.name, field.name), opts.pos);
    } else if (eligible === 'unknown') {
      throw new RuntimeGap(
        `upsert on ${type.name}.${field.name}: whether this standard field has the idLookup attribute is not known to the local org`,
        opts.pos
      );
    }
  }
  const creates: boolean[] = [];
  const preErrors = new Map<number, DmlError>();
  // Under sharing the key matches only records the user can see; an invisible record holding the same unique key
  // makes the upsert an insert that collides (DUPLICATE_VALUE). Unverified: the docs do not say how an upsert treats
  // an invisible match; this is the behaviour a review of the package against a real org reported.
  const check = accessCheck(it, opts);
  const visible = (id: string): boolean => {
    const row = check?.sharing ? s.get(id) : undefined;
    return !row || !check || recordAccess(it, check.ua, type, row) !== 'none';
  };
  records.forEach((rec, i) => {
    if (!field || field.name === 'Id') {
      creates.push(rec.id === null);
      return;
    }
    const value = rec.fields.get(field.name.toLowerCase()) ?? null;
    if (value === null) {
      creates.push(true);
      return;
    }
    const matches = sameValueIds(s, type, field, field.name.toLowerCase(), value).filter(visible);
    if (matches.length > 1) {
      preErrors.set(i, {
        statusCode: 'DUPLICATE_EXTERNAL_ID',
        message: `${field.label}: more than one record found for external id field: [${matches.join(', ')}]`,
        fields: [field.name]
      });
    }
    const match = matches[0];
    if (match !== undefined) {
      rec.set('Id', match);
    }
    creates.push(match === undefined);
  });
  const results = save(it, s, type, records, creates, opts, preErrors);
  return results;
}

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
function sameValueIds(s: Store, type: SObjectDescribe, field: FieldDescribe, key: string, value: Value): string[] {
  return s.inTableOrder(type, s.findIds(type, key, sameValueKind(field), [value]));
}

/**
 * The records of one save, counted per value of a unique field (`sameValue`), built once per field and save: whether
 * another record of the batch holds a record's value costs a lookup, not a pass over the batch.
 */
class PendingValues {
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

function copyRecord(rec: ApexSObject, row?: Row): ApexSObject {
  const copy = new ApexSObject(rec.type);
  if (row) {
    for (const [k, v] of row) {
      copy.set(rec.type.fields.get(k)?.name ?? k, v);
    }
  }
  for (const [k, v] of rec.fields) {
    copy.set(rec.names.get(k) ?? k, v);
  }
  return copy;
}

function rowToRecord(type: SObjectDescribe, row: Row): ApexSObject {
  const rec = new ApexSObject(type);
  for (const [k, v] of row) {
    rec.set(type.fields.get(k)?.name ?? k, v);
  }
  return rec;
}

/**
 * The owner of a record a site guest user creates: the site's `siteGuestRecordDefaultOwner` (secure guest user record
 * access: guests own no records; Metadata API "CustomSite"; SiteSettings `enableSitesRecordReassignOrgPref`), else
 * its `siteAdmin` (**unverified** fallback). Also when the guest's code set another OwnerId (**unverified**).
 */
function guestRecordOwner(it: DataHost, site: SiteInfo, pos: Pos): string {
  const username = site.defaultOwner ?? site.siteAdmin;
  const s = it.ctx.store as Store;
  for (const [id, row] of s.tables.get('user') ?? []) {
    if (username !== undefined && String(row.get('username') ?? '').toLowerCase() === username.toLowerCase()) {
      return id;
    }
  }
  throw new RuntimeGap(
    `site ${site.name} (${site.file}) names no siteGuestRecordDefaultOwner or siteAdmin user: the owner of a record its guest user creates is unknown`,
    pos
  );
}

function applyDefaults(it: DataHost, rec: ApexSObject, pos: Pos): void {
  for (const f of rec.type.fields.values()) {
    const key = f.name.toLowerCase();
    if ((rec.fields.get(key) ?? null) !== null) {
      continue;
    }
    if (f.defaultValue !== undefined) {
      rec.set(
        f.name,
        coerce(typeof f.defaultValue === 'number' ? String(f.defaultValue) : f.defaultValue, prim(f.apexType))
      );
    } else if (f.defaultFormula !== undefined) {
      throw new RuntimeGap(
        `default value formula of ${rec.type.name}.${f.name} (${f.defaultFormula}) is not evaluated by the local org runtime`,
        pos
      );
    } else if (f.display === 'BOOLEAN' && f.custom) {
      rec.set(f.name, false);
    }
  }
  const guestSite = it.ctx.runningUserId ? it.registry.seededUsers.guests.get(it.ctx.runningUserId) : undefined;
  if (rec.type.fields.has('ownerid') && guestSite) {
    rec.set('OwnerId', guestRecordOwner(it, guestSite, pos));
  } else if (rec.type.fields.has('ownerid') && (rec.fields.get('ownerid') ?? null) === null) {
    rec.set('OwnerId', it.ctx.runningUserId ?? null);
  }
  if (rec.type.customSetting === 'Hierarchy' && (rec.fields.get('setupownerid') ?? null) === null) {
    // A hierarchy setting row saved without an owner is the org default (unverified: the reference does not say).
    rec.set('SetupOwnerId', it.ctx.organizationId ?? null);
  }
}

/** Values selected at once in a multi-select picklist (SOAP API StatusCode TOO_MANY_ENUM_VALUE; README). */
export const MULTI_PICKLIST_MAX_VALUES = 100;
/** Characters of one picklist value (Salesforce Help, "Picklist Limitations"). */
export const PICKLIST_VALUE_MAX_LENGTH = 255;

/**
 * A multi-select picklist value (values separated by ";"): at most 100 selected (TOO_MANY_ENUM_VALUE), each at most
 * 255 characters (STRING_TOO_LONG), each one of the value set when the picklist is restricted
 * (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). The whole string's length (describe length 4099) is checked with the
 * other string fields. Messages other than the restricted one are unverified (README "Platform wording").
 */
/**
 * How FIELD_INTEGRITY_EXCEPTION names a polymorphic activity lookup: "What ID: id value of incorrect type: …" for a
 * WhatId whose target has no activities (wording as commonly reported; not in the docs — unverified).
 */
const INTEGRITY_LABELS: Record<string, string> = { whatid: 'What ID' };

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

function validate(
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

const SYSTEM_WRITABLE = new Set([
  'createddate',
  'createdbyid',
  'lastmodifieddate',
  'lastmodifiedbyid',
  'systemmodstamp',
  'isdeleted'
]);

function save(
  it: DataHost,
  s: Store,
  type: SObjectDescribe,
  records: ApexSObject[],
  creates: boolean[],
  opts: DmlOptions,
  preErrors = new Map<number, DmlError>()
): DmlResult[] {
  const results: DmlResult[] = records.map((rec, i) => ({
    id: rec.id,
    success: true,
    created: creates[i] ?? false,
    errors: []
  }));
  const fail = (i: number, error: DmlError): void => {
    const r = results[i];
    if (r) {
      r.success = false;
      r.errors.push(error);
    }
  };
  preErrors.forEach((e, i) => fail(i, e));
  const check = accessCheck(it, opts);
  const working: (ApexSObject | undefined)[] = records.map((rec, i) => {
    if (!results[i]?.success) {
      return undefined;
    }
    const accessError = check
      ? saveAccessError(it, check, type, rec, creates[i] ?? false, rec.id ? s.get(rec.id) : undefined)
      : undefined;
    if (accessError) {
      fail(i, accessError);
      return undefined;
    }
    const stored = !creates[i] && rec.id ? s.get(rec.id) : undefined;
    const changedCreateOnly = stored
      ? [...rec.fields.keys()].filter(
          (k) => type.fields.get(k)?.createOnly && rec.fields.get(k) !== (stored.get(k) ?? null)
        )
      : [];
    if (changedCreateOnly.length > 0) {
      // A field set on create only cannot change (Object Reference: Create without Update); wording **unverified**.
      const names = changedCreateOnly.map((k) => type.fields.get(k)?.name ?? k);
      fail(i, {
        statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
        message: `Unable to create/update fields: ${names.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        fields: names
      });
      return undefined;
    }
    if (!creates[i] && type.name === 'Lead' && rec.id && s.get(rec.id)?.get('isconverted') === true) {
      // A converted Lead cannot be updated (Help KB 000384333: "CANNOT_UPDATE_CONVERTED_LEAD … you are trying to
      // modify or update a lead that has been converted"); the message is the one users report.
      fail(i, { statusCode: 'CANNOT_UPDATE_CONVERTED_LEAD', message: 'cannot reference converted lead', fields: [] });
      return undefined;
    }
    if (creates[i]) {
      if (rec.id !== null && !opts.externalIdField) {
        fail(i, {
          statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message: 'cannot specify Id in an insert call',
          fields: ['Id']
        });
        return undefined;
      }
      const copy = copyRecord(rec);
      copy.fields.delete('id');
      applyDefaults(it, copy, opts.pos);
      return copy;
    }
    if (rec.id === null) {
      fail(i, { statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] });
      return undefined;
    }
    const row = s.get(rec.id);
    if (!row || s.objectOf(rec.id) !== type.name.toLowerCase()) {
      fail(i, { statusCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] });
      return undefined;
    }
    return copyRecord(rec, row);
  });
  const inserts = working.filter((w, i): w is ApexSObject => w !== undefined && (creates[i] ?? false));
  const updates = working.filter((w, i): w is ApexSObject => w !== undefined && !(creates[i] ?? false));
  const oldRows = updates.map((u) => rowToRecord(type, s.get(u.id ?? '') ?? new Map()));
  if (inserts.length > 0) {
    fire(it, type, 'before insert', inserts, null, opts.pos);
  }
  if (updates.length > 0) {
    fire(it, type, 'before update', updates, oldRows, opts.pos);
  }
  const time = new ApexDatetime(s.auditTime(it.ctx.now()));
  const user = it.ctx.runningUserId ?? null;
  const saved: { index: number; rec: ApexSObject }[] = [];
  const pending = working.filter((w): w is ApexSObject => w !== undefined);
  const batch = new PendingValues(pending);
  working.forEach((rec, i) => {
    if (!rec) {
      return;
    }
    for (const key of SYSTEM_WRITABLE) {
      if (!creates[i]) {
        continue;
      }
      rec.fields.delete(key);
    }
    const error = validate(it, s, rec, pending, batch);
    if (error) {
      fail(i, error);
      return;
    }
    saved.push({ index: i, rec });
  });
  if (opts.allOrNone && results.some((r) => !r.success)) {
    return results;
  }
  for (const { index, rec } of saved) {
    const create = creates[index] ?? false;
    const id = create ? s.newId(type) : (rec.id ?? '');
    const has = (f: string): boolean => type.fields.has(f);
    if (create) {
      rec.set('Id', id);
      if (has('createddate')) {
        rec.set('CreatedDate', time);
        rec.set('CreatedById', user);
      }
      if (has('isdeleted')) {
        rec.set('IsDeleted', false);
      }
      setAutoNumbers(s, type, rec, opts.pos);
    }
    if (has('lastmodifieddate')) {
      rec.set('LastModifiedDate', time);
      rec.set('LastModifiedById', user);
    }
    if (has('systemmodstamp')) {
      rec.set('SystemModstamp', time);
    }
    computeNames(it, s, rec);
    computeTaskClosed(s, rec);
    const row: Row = new Map();
    for (const [k, v] of rec.fields) {
      if (type.fields.has(k)) {
        row.set(k, v);
      }
    }
    s.put(type, id, row);
    const original = records[index];
    if (original && create) {
      original.set('Id', id);
    }
    const r = results[index];
    if (r) {
      r.id = id;
    }
  }
  const savedInserts = saved
    .filter(({ index }) => creates[index])
    .map(({ rec }) => rowToRecord(type, s.get(rec.id ?? '') ?? new Map()));
  const savedUpdates = saved.filter(({ index }) => !creates[index]);
  if (savedInserts.length > 0) {
    fire(it, type, 'after insert', savedInserts, null, opts.pos);
  }
  if (savedUpdates.length > 0) {
    const olds = savedUpdates.map(({ rec }) => oldRows[updates.indexOf(rec)] ?? rec);
    fire(
      it,
      type,
      'after update',
      savedUpdates.map(({ rec }) => rowToRecord(type, s.get(rec.id ?? '') ?? new Map())),
      olds,
      opts.pos
    );
  }
  return results;
}

/**
 * Contact/Lead/User Name is the compound of FirstName and LastName in the order of the running user's locale
 * (User.LocaleSidKey): last name first for Japanese, Chinese, Korean and Hungarian locales (山田 一郎), else first
 * name first (Ichiro Yamada). Salesforce Help "Locales Overview": locales determine the display format of names; "A
 * user's locale determines the formats for these types of data: address, currency, date, datetime, name, …"
 * ("Use Standard Methods to Handle Locale Formats"). The platform composes Name when it is read, for the reader;
 * here it is composed when saved, for the saving user (the same while the running user's locale does not change).
 */
function computeNames(it: DataHost, s: Store, rec: ApexSObject): void {
  const name = rec.type.fields.get('name');
  if (name?.readOnly && rec.type.fields.has('lastname')) {
    const first = rec.fields.get('firstname');
    const last = rec.fields.get('lastname');
    const locale = s.get(it.ctx.runningUserId ?? '')?.get('localesidkey');
    const parts = typeof locale === 'string' && /^(ja|zh|ko|hu)(_|$)/.test(locale) ? [last, first] : [first, last];
    rec.set('Name', parts.filter((p) => typeof p === 'string' && p !== '').join(' '));
  }
}

/**
 * Task.IsClosed follows the Status: true when the status is a closed TaskStatus value (Object Reference "Task":
 * IsClosed "Indicates whether the task has been completed"; "TaskStatus": IsClosed). A closed Task is activity
 * history, an open one a to-do.
 */
function computeTaskClosed(s: Store, rec: ApexSObject): void {
  if (rec.type.name.toLowerCase() !== 'task' || !rec.type.fields.has('isclosed')) {
    return;
  }
  const status = rec.fields.get('status');
  let closed = false;
  for (const row of s.tables.get('taskstatus')?.values() ?? []) {
    const label = row.get('masterlabel');
    if (typeof status === 'string' && typeof label === 'string' && label.toLowerCase() === status.toLowerCase()) {
      closed = row.get('isclosed') === true;
    }
  }
  rec.set('IsClosed', closed);
}

function remove(it: DataHost, s: Store, type: SObjectDescribe, records: ApexSObject[], opts: DmlOptions): DmlResult[] {
  const results: DmlResult[] = records.map((rec) => ({ id: rec.id, success: true, created: false, errors: [] }));
  const olds: ApexSObject[] = [];
  const check = accessCheck(it, opts);
  records.forEach((rec, i) => {
    const row = rec.id ? s.get(rec.id) : undefined;
    const r = results[i];
    const denied =
      check &&
      row &&
      ((check.userMode && !objectPermissions(check.ua, type).allowDelete) ||
        (check.sharing && recordAccess(it, check.ua, type, row) !== 'edit'));
    if (denied && r) {
      r.success = false;
      r.errors.push(NO_ACCESS);
      return;
    }
    if (!row && r) {
      r.success = false;
      r.errors.push(
        rec.id
          ? { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] }
          : { statusCode: 'MISSING_ARGUMENT', message: 'Id not specified in a delete call', fields: [] }
      );
      return;
    }
    if (row) {
      olds.push(rowToRecord(type, row));
    }
  });
  if (opts.allOrNone && results.some((r) => !r.success)) {
    return results;
  }
  if (olds.length > 0) {
    fire(it, type, 'before delete', null, olds, opts.pos);
  }
  for (const old of olds) {
    // Deleted records go to the recycle bin (ADG "Undeleting Records"): ALL ROWS queries and undelete reach them.
    s.moveToRecycleBin(old.id ?? '');
  }
  if (olds.length > 0) {
    fire(it, type, 'after delete', null, olds, opts.pos);
  }
  return results;
}

/**
 * `undelete` / Database.undelete (ADG "Undeleting Records"): restores records from the recycle bin (IsDeleted false)
 * and runs the `after undelete` triggers with Trigger.new. A record not in the recycle bin fails with UNDELETE_FAILED
 * (message unverified). User mode is a RuntimeGap (the permission it needs is not modelled).
 */
function undelete(
  it: DataHost,
  s: Store,
  type: SObjectDescribe,
  records: ApexSObject[],
  opts: DmlOptions
): DmlResult[] {
  if (accessCheck(it, opts)?.userMode) {
    throw new RuntimeGap('undelete in user mode', opts.pos);
  }
  const results: DmlResult[] = records.map((rec) => ({ id: rec.id, success: true, created: false, errors: [] }));
  const ids: [number, string][] = [];
  records.forEach((rec, i) => {
    const inBin = rec.id !== null && s.recycled(type).has(rec.id);
    const r = results[i];
    if (!inBin && r) {
      r.success = false;
      r.errors.push({ statusCode: 'UNDELETE_FAILED', message: 'Entity is not in the recycle bin', fields: [] });
    } else if (rec.id) {
      ids.push([i, rec.id]);
    }
  });
  if (opts.allOrNone && results.some((r) => !r.success)) {
    return results;
  }
  const restored = ids.flatMap(([i, id]) => {
    const row = s.takeFromRecycleBin(type, id, true);
    return row ? [{ i, rec: rowToRecord(type, row) }] : [];
  });
  if (restored.length > 0) {
    fire(
      it,
      type,
      'after undelete',
      restored.map((x) => x.rec),
      null,
      opts.pos
    );
  }
  // addError() in an after undelete trigger fails the record (ADG "Triggers and Order of Execution"): it goes back.
  for (const { i, rec } of restored) {
    const e = rec.errors[0];
    const r = results[i];
    if (e && r) {
      r.success = false;
      r.errors.push({
        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: e.message,
        fields: e.field ? [e.field] : []
      });
      s.moveToRecycleBin(rec.id ?? '');
    }
  }
  return results;
}

function fire(
  it: DataHost,
  type: SObjectDescribe,
  event: TriggerEvent,
  news: ApexSObject[] | null,
  olds: ApexSObject[] | null,
  pos: Pos
): void {
  const listType = { kind: 'sobject' as const, name: type.name };
  const toMap = (recs: ApexSObject[]): ApexMap => {
    const m = new ApexMap(prim('Id'), listType);
    for (const r of recs) {
      if (r.id) {
        m.entries.set(`s:${r.id}`, [r.id, r]);
      }
    }
    return m;
  };
  runTriggers(
    it,
    type,
    event,
    {
      newList: news ? new ApexList(listType, news) : null,
      oldList: olds ? new ApexList(listType, olds) : null,
      newMap: news && !event.endsWith('insert') ? toMap(news) : news && event === 'after insert' ? toMap(news) : null,
      oldMap: olds ? toMap(olds) : null
    },
    pos
  );
}

/**
 * Auto-number fields get the next number in their display format when a record is created (Metadata API
 * "CustomField": displayFormat, startingNumber). `{0…}` is the number padded with zeros to as many digits as there are
 * zeros (Help "Custom Field Types", Auto Number; unverified here); the date tokens of a format are a RuntimeGap. Only
 * the saved row gets the value, as on the platform the inserted SObject variable gets only its Id.
 */
function setAutoNumbers(s: Store, type: SObjectDescribe, rec: ApexSObject, pos: Pos): void {
  for (const f of type.fields.values()) {
    if (!f.autoNumber || f.displayFormat === undefined) {
      continue;
    }
    const format = f.displayFormat;
    if (/\{(?!0+\})[^}]*\}/.test(format)) {
      throw new RuntimeGap(
        `auto-number display format ${format} (${type.name}.${f.name}): only {0…} is implemented`,
        pos
      );
    }
    const n = s.nextAutoNumber(`${type.name}.${f.name}`, f.startingNumber ?? 1);
    rec.set(
      f.name,
      format.replace(/\{(0+)\}/g, (_m, zeros: string) => String(n).padStart(zeros.length, '0'))
    );
  }
}
