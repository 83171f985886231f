/**
 * What every part of the SOQL engine (data/soql.ts) works on: the query's context, a record as a row of its table,
 * field paths through parent relationships (`Account.Owner.Name`), the query-row limit, and whether the running
 * user's sharing lets a row through.
 */
import type { Query } from '@jetstreamapp/soql-parser-js';
import type { Pos } from '../ast/nodes.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Value } from '../values/values.ts';
import { CATALOG_TARGETS, type FieldDescribe, type SObjectDescribe } from '../schema/schema.ts';
import { recordAccess, type UserAccess } from './access.ts';
import type { DataHost } from './host.ts';
import type { Row, Store } from './store.ts';

export type BindResolver = (name: string) => Value;

const LIMIT_QUERY_ROWS = 50000;

export interface Ctx {
  it: DataHost;
  store: Store;
  binds: BindResolver;
  pos: Pos;
  /** Set when rows are filtered by the running user's sharing. */
  sharing?: UserAccess;
  /** The values of each semi-join / anti-join subquery, computed once per query. */
  semiJoins?: Map<Query, Value[]>;
}

export interface Rec {
  type: SObjectDescribe;
  row: Row;
}

export function countRows(it: DataHost, n: number, pos: Pos): void {
  it.ctx.limits.queryRows += n;
  if (it.ctx.limits.queryRows > LIMIT_QUERY_ROWS) {
    it.raise('LimitException', `Too many query rows: ${it.ctx.limits.queryRows}`, pos);
  }
}

export function fieldOf(c: Ctx, type: SObjectDescribe, name: string): FieldDescribe {
  const f = type.fields.get(name.toLowerCase());
  if (!f) {
    throw new RuntimeGap(`No such column '${name}' on entity '${type.name}'`, c.pos);
  }
  return f;
}

/** Follows `Rel.Rel.Field`: the parent record (or null) and the final field. */
export function parentOf(c: Ctx, rec: Rec, rel: string): Rec | null {
  const f = rec.type.relationships.get(rel.toLowerCase());
  if (!f) {
    throw new RuntimeGap(`Didn't understand relationship '${rel}' of ${rec.type.name}`, c.pos);
  }
  const id = rec.row.get(f.name.toLowerCase());
  if (typeof id !== 'string') {
    return null;
  }
  const catalog = f.referenceTo[0] ?? '';
  if (CATALOG_TARGETS.has(catalog)) {
    // A custom metadata relationship to EntityDefinition/FieldDefinition holds the DurableId (data/custom-metadata.ts).
    const type = c.it.registry.schema.describe(catalog);
    const row = type ? [...c.store.table(type).values()].find((r) => r.get('durableid') === id) : undefined;
    return row && type ? { type, row } : null;
  }
  const row = c.store.get(id);
  const object = c.store.objectOf(id);
  const type = object ? c.it.registry.schema.describe(object) : undefined;
  return row && type ? { type, row } : null;
}

export function valueAt(c: Ctx, rec: Rec, path: string): Value {
  const parts = path.split('.');
  let current: Rec | null = rec;
  // `Contact.Name` inside a query FROM Contact: a leading object name is allowed.
  if (parts.length > 1 && parts[0]?.toLowerCase() === rec.type.name.toLowerCase()) {
    parts.shift();
  }
  for (const rel of parts.slice(0, -1)) {
    current = current ? parentOf(c, current, rel) : null;
  }
  if (!current) {
    return null;
  }
  const last = parts[parts.length - 1] ?? '';
  const f = fieldOf(c, current.type, last);
  return current.row.get(f.name.toLowerCase()) ?? null;
}

export function visible(c: Ctx, rec: Rec): boolean {
  return !c.sharing || recordAccess(c.it, c.sharing, rec.type, rec.row) !== 'none';
}
