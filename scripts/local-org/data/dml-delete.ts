/**
 * Delete and undelete (data/dml.ts): access checks, delete triggers and the recycle bin (Apex Developer Guide
 * "Undeleting Records").
 */
import { RuntimeGap } from '../values/errors.ts';
import type { ApexSObject } from '../values/values.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import { objectPermissions, recordAccess } from './access.ts';
import { accessCheck, NO_ACCESS } from './dml-access.ts';
import { fire, rowToRecord } from './dml-records.ts';
import type { DmlOptions, DmlResult } from './dml-types.ts';
import type { DataHost } from './host.ts';
import type { Store } from './store.ts';

export function remove(
  it: DataHost,
  s: Store,
  type: SObjectDescribe,
  records: ApexSObject[],
  opts: DmlOptions
): DmlResult[] {
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
    // Deleted records go to the recycle bin (Apex Developer Guide "Undeleting Records"): ALL ROWS queries and undelete
    // reach them.
    s.moveToRecycleBin(old.id ?? '');
  }
  if (olds.length > 0) {
    fire(it, type, 'after delete', null, olds, opts.pos);
  }
  return results;
}

/**
 * `undelete` / Database.undelete (Apex Developer Guide "Undeleting Records"): restores records from the recycle bin
 * (IsDeleted false) and runs the `after undelete` triggers with Trigger.new. A record not in the recycle bin fails with
 * UNDELETE_FAILED (message unverified). User mode is a RuntimeGap (the permission it needs is not modelled).
 */
export function undelete(
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
  // addError() in an after undelete trigger fails the record (Apex Developer Guide "Triggers and Order of Execution"):
  // it goes back.
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
