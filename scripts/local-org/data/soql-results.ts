/**
 * The records a SOQL query returns (data/soql.ts): ORDER BY, FIELDS(STANDARD), the selected fields with parent
 * records and child subqueries.
 */
import type { FieldType, OrderByClause, Query, Subquery } from '@jetstreamapp/soql-parser-js';
import { RuntimeGap } from '../values/errors.ts';
import { ApexList, ApexSObject } from '../values/values.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import { indexLookups, scanRows } from './soql-index.ts';
import { countRows, fieldOf, parentOf, valueAt, visible, type Ctx, type Rec } from './soql-rows.ts';
import { cmp } from './soql-values.ts';
import { matches } from './soql-where.ts';
import { rowValue } from './sobject.ts';
import type { Row } from './store.ts';

export function order(c: Ctx, recs: Rec[], orderBy: OrderByClause | OrderByClause[] | undefined): Rec[] {
  const clauses = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  if (clauses.length === 0) {
    return recs;
  }
  const keys = clauses.map((o) => {
    if (!('field' in o) || !o.field) {
      throw new RuntimeGap('ORDER BY a function', c.pos);
    }
    const desc = o.order?.toUpperCase() === 'DESC';
    const nullsFirst = o.nulls ? o.nulls.toUpperCase() === 'FIRST' : !desc;
    return { path: o.field, desc, nullsFirst };
  });
  return [...recs].sort((a, b) => {
    for (const k of keys) {
      const va = valueAt(c, a, k.path);
      const vb = valueAt(c, b, k.path);
      if (va === null || vb === null) {
        if (va === vb) {
          continue;
        }
        return (va === null) === k.nullsFirst ? -1 : 1;
      }
      const parts = k.path.split('.');
      const f = a.type.fields.get((parts[parts.length - 1] ?? '').toLowerCase()) ?? fieldOf(c, a.type, 'Id');
      const r = cmp(c, f, va, vb) ?? 0;
      if (r !== 0) {
        return k.desc ? -r : r;
      }
    }
    return 0;
  });
}

/**
 * FIELDS(STANDARD) in the select list stands for every standard field of the object (SOQL and SOSL Reference "SELECT",
 * FIELDS(): allowed without a LIMIT; it respects field-level security, which standard fields here always pass —
 * data/access.ts). A field both named and in the group is an error, as the reference shows for `SELECT Id, FIELDS(ALL)`
 * ("duplicate field selected: Id"; QueryException here, the exception type is unverified). FIELDS(ALL) and
 * FIELDS(CUSTOM) stay RuntimeGaps.
 */
export function withStandardFields(c: Ctx, type: SObjectDescribe, query: Query): Query {
  const isStandardGroup = (f: FieldType): boolean =>
    f.type === 'FieldFunctionExpression' &&
    f.functionName.toUpperCase() === 'FIELDS' &&
    f.parameters.length === 1 &&
    String(f.parameters[0]).toUpperCase() === 'STANDARD';
  const fields = query.fields ?? [];
  if (!fields.some(isStandardGroup)) {
    return query;
  }
  const named = new Set(fields.flatMap((f) => (f.type === 'Field' ? [f.field.toLowerCase()] : [])));
  const standard = [...type.fields.values()].filter((f) => !f.custom);
  for (const f of standard) {
    if (named.has(f.name.toLowerCase())) {
      c.it.raise('QueryException', `duplicate field selected: ${f.name}`, c.pos);
    }
  }
  const expanded = fields.flatMap((f): FieldType[] =>
    isStandardGroup(f) ? standard.map((d) => ({ type: 'Field', field: d.name })) : [f]
  );
  return { ...query, fields: expanded };
}

export function build(c: Ctx, rec: Rec, fields: FieldType[]): ApexSObject {
  const out = new ApexSObject(rec.type);
  out.queried = new Set(['id']);
  out.set('Id', rec.row.get('id') ?? null);
  for (const field of fields) {
    switch (field.type) {
      case 'Field': {
        const f = fieldOf(c, rec.type, field.field);
        out.set(f.name, rowValue(rec.row, f));
        out.queried.add(f.name.toLowerCase());
        break;
      }
      case 'FieldRelationship':
        addPath(c, out, rec, [...field.relationships], field.field);
        break;
      case 'FieldSubquery':
        addChildren(c, out, rec, field.subquery);
        break;
      default:
        throw new RuntimeGap(
          `SOQL select item ${field.type === 'FieldFunctionExpression' ? `${field.functionName}()` : field.type}`,
          c.pos
        );
    }
  }
  return out;
}

function addPath(c: Ctx, out: ApexSObject, rec: Rec, rels: string[], last: string): void {
  const [rel, ...rest] = rels;
  if (rel === undefined) {
    const f = fieldOf(c, rec.type, last);
    out.set(f.name, rowValue(rec.row, f));
    out.queried?.add(f.name.toLowerCase());
    return;
  }
  if (rel.toLowerCase() === rec.type.name.toLowerCase() && !rec.type.relationships.has(rel.toLowerCase())) {
    addPath(c, out, rec, rest, last);
    return;
  }
  const lookup = rec.type.relationships.get(rel.toLowerCase());
  const parent = parentOf(c, rec, rel);
  const key = rel.toLowerCase();
  if (lookup) {
    out.queried?.add(lookup.name.toLowerCase());
  }
  if (!parent) {
    if (!out.parents.has(key)) {
      out.parents.set(key, null);
      out.parentNames.set(key, lookup?.relationshipName ?? rel);
    }
    return;
  }
  let child = out.parents.get(key);
  if (!child) {
    child = new ApexSObject(parent.type);
    child.queried = new Set(['id']);
    child.set('Id', parent.row.get('id') ?? null);
    out.parents.set(key, child);
    out.parentNames.set(key, lookup?.relationshipName ?? rel);
  }
  addPath(c, child, parent, rest, last);
}

function addChildren(c: Ctx, out: ApexSObject, rec: Rec, sub: Subquery): void {
  const rel = rec.type.children.get(sub.relationshipName.toLowerCase());
  const childType = rel ? c.it.registry.schema.describe(rel.childObject) : undefined;
  if (!rel || !childType) {
    throw new RuntimeGap(`Didn't understand relationship '${sub.relationshipName}' in FROM part of query call`, c.pos);
  }
  const parentName = rec.type.name.toLowerCase();
  const link =
    (rel.field ? childType.fields.get(rel.field.toLowerCase()) : undefined) ??
    [...childType.fields.values()].find(
      (f) => f.display === 'REFERENCE' && f.referenceTo.some((t) => t.toLowerCase() === parentName)
    );
  if (!link) {
    throw new RuntimeGap(
      `child relationship ${sub.relationshipName}: no lookup from ${childType.name} to ${rec.type.name}`,
      c.pos
    );
  }
  const id = rec.row.get('id');
  const key = link.name.toLowerCase();
  const table = c.store.table(childType);
  // The children through the store's index on the lookup (table order, as a scan would find them).
  const rows =
    typeof id === 'string' && indexLookups.enabled
      ? c.store
          .inTableOrder(childType, c.store.findIds(childType, key, 'exact', [id]))
          .map((child) => table.get(child))
          .filter((row): row is Row => row !== undefined)
      : scanRows(table).filter((row) => row.get(key) === id);
  let recs = rows.map((row) => ({ type: childType, row }));
  recs = recs.filter((r) => visible(c, r) && matches(c, r, sub.where));
  recs = order(c, recs, sub.orderBy);
  recs = recs.slice(sub.offset ?? 0, sub.limit === undefined ? undefined : (sub.offset ?? 0) + sub.limit);
  countRows(c.it, recs.length, c.pos);
  out.children.set(
    sub.relationshipName.toLowerCase(),
    new ApexList(
      { kind: 'sobject', name: childType.name },
      recs.map((r) => build(c, r, sub.fields ?? []))
    )
  );
}
