/**
 * DML (Apex Developer Guide, "DML Statements vs. Database Class Methods", "Triggers and Order of Execution"): insert,
 * update, upsert (by Id or an External ID field) and delete with defaults, before triggers, the platform's validations
 * (status codes and messages below), save with system fields, after triggers. The statement forms and
 * allOrNone=true throw System.DmlException on the first failure and save nothing; allOrNone=false saves the records
 * that pass and reports the others in their results. The caller's records receive the new Id only; changes a before
 * trigger makes are saved but not copied back (as on the platform).
 *
 * User mode (`insert as user`, `Database.insert(…, AccessLevel.USER_MODE)`; Apex Developer Guide "Enforce User Mode for
 * Database Operations"; data/access.ts): the object needs Create (insert), Edit (update) or Delete, else
 * INSUFFICIENT_ACCESS_OR_READONLY; every field the caller set needs field-level edit, else
 * INVALID_FIELD_FOR_INSERT_UPDATE "Unable to create/update fields: …" (the REST API's wording); an updated or deleted
 * record must be editable through sharing (INSUFFICIENT_ACCESS_OR_READONLY "insufficient access rights on object id").
 * The sharing check also applies in system mode when the running code is `with sharing`.
 *
 * This module checks limits and runs an operation; its parts: dml-types.ts (options, results), dml-access.ts
 * (permissions and sharing), dml-save.ts (insert, update, upsert), dml-delete.ts (delete, undelete), dml-validate.ts
 * (validations), dml-fields.ts (values the save sets), dml-records.ts (copies, rows, firing triggers).
 */
import type { Pos } from '../ast/nodes.ts';
import { ApexThrow, RuntimeGap } from '../values/errors.ts';
import { ApexList, ApexObject, ApexSObject, type Value } from '../values/values.ts';
import { normalizeId } from '../schema/ids.ts';
import { remove, undelete } from './dml-delete.ts';
import { save, upsert } from './dml-save.ts';
import type { DmlError, DmlKind, DmlOptions, DmlResult } from './dml-types.ts';
import type { DataHost } from './host.ts';
import { checkMixedDml, dmlKind } from './mixed-dml.ts';
import type { Store } from './store.ts';

export type { DmlError, DmlKind, DmlOptions, DmlResult } from './dml-types.ts';

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
        // Custom metadata records are deployed, not written by DML (Apex Developer Guide "Custom Metadata Types": Apex
        // can read them and change them only through the Metadata namespace); the compiler refuses the statement.
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
  s.release(before); // the rollback point is not needed any more
  return results;
}

/**
 * A list holding several SObject types is saved in chunks, a new chunk wherever the type changes, at most 10 (REST API
 * Developer Guide "sObject Collections": "processed as chunks … up to 10 chunks"; in Apex a TypeException "Cannot have
 * more than 10 chunks in a single operation. Please rearrange the data to reduce chunking.", as commonly reported —
 * unverified).
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
