/**
 * Insert, update and upsert (data/dml.ts): the upsert key's matches, access checks, before triggers, validations,
 * system fields, the saved rows, after triggers.
 */
import { RuntimeGap } from '../values/errors.ts';
import { ApexDatetime, type ApexSObject } from '../values/values.ts';
import { upsertKeyEligibility, upsertKeyMessage, type SObjectDescribe } from '../schema/schema.ts';
import { recordAccess } from './access.ts';
import { accessCheck, saveAccessError } from './dml-access.ts';
import { applyDefaults, computeNames, computeRecordClosed, computeTaskClosed, setAutoNumbers } from './dml-fields.ts';
import { copyRecord, fire, rowToRecord } from './dml-records.ts';
import type { DmlError, DmlOptions, DmlResult } from './dml-types.ts';
import { PendingValues, sameValueIds, SYSTEM_WRITABLE, validate } from './dml-validate.ts';
import type { DataHost } from './host.ts';
import type { Row, Store } from './store.ts';

export function upsert(
  it: DataHost,
  s: Store,
  type: SObjectDescribe,
  records: ApexSObject[],
  opts: DmlOptions
): DmlResult[] {
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

export function save(
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
    computeRecordClosed(rec);
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
