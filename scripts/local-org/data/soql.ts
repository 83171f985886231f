/**
 * SOQL against the transaction's store (SOQL and SOSL Reference; Apex Developer Guide "SOQL and SOSL Queries"):
 * field lists with parent relationship paths and child subqueries, WHERE (=, !=, <, >, <=, >=, IN, NOT IN, LIKE,
 * INCLUDES, EXCLUDES, AND/OR/NOT, null), binds, date literals (days, weeks, months, quarters, years; not FISCAL),
 * ORDER BY (ASC nulls first, DESC nulls last by default), LIMIT/OFFSET, COUNT(), aggregate functions with GROUP BY
 * and HAVING (soql-aggregate.ts). Text compares case-insensitively.
 * Access (data/access.ts; Apex Developer Guide "Enforce User Mode for Database Operations", "Filter SOQL Queries Using
 * WITH SECURITY_ENFORCED", "Use the with sharing, without sharing, and inherited sharing Keywords"):
 * - WITH USER_MODE (or AccessLevel.USER_MODE of Database.query*): the object needs Read, else QueryException
 *   "sObject type 'X' is not supported…"; every field of the select list, WHERE, ORDER BY, parent paths and
 *   subqueries needs field-level read, else QueryException "No such column 'F' on entity 'X'…"; rows are filtered by
 *   sharing.
 * - WITH SECURITY_ENFORCED: object and select-list fields checked ("Insufficient permissions: secure query included
 *   inaccessible field"); sharing as in system mode.
 * - System mode (default, WITH SYSTEM_MODE): no object/field checks; rows filtered by sharing only when the running
 *   code is `with sharing` (access.ts enforcesSharing).
 *
 * This module runs a query; the engine's parts: soql-rows.ts (context, records, field paths, limits), soql-clause.ts
 * (WHERE clause shape), soql-values.ts (literals and comparison), soql-index.ts (rows to evaluate: scan or index),
 * soql-where.ts (matching), soql-results.ts (ORDER BY, select list, subqueries), soql-access.ts (user mode).
 */
import type { Query } from '@jetstreamapp/soql-parser-js';
import type { Pos } from '../ast/nodes.ts';
import { RuntimeGap } from '../values/errors.ts';
import { ApexList, type Value } from '../values/values.ts';
import { enforcesSharing, userAccess } from './access.ts';
import type { DataHost } from './host.ts';
import { checkSecurityEnforced, checkUserMode } from './soql-access.ts';
import { aggregateRows, isAggregateQuery } from './soql-aggregate.ts';
import { scanned } from './soql-index.ts';
import { build, order, withStandardFields } from './soql-results.ts';
import { countRows, visible, type BindResolver, type Ctx } from './soql-rows.ts';
import { matches } from './soql-where.ts';
import type { Store } from './store.ts';

export type { BindResolver } from './soql-rows.ts';
export { indexLookups } from './soql-index.ts';

export interface QueryOptions {
  binds: BindResolver;
  limit?: number;
  offset?: number;
  pos: Pos;
  /**
   * The rows of a SOSL RETURNING clause (data/sosl.ts): not counted against the SOQL statement and query-row limits
   * (SOSL has its own: 20 statements, 2,000 rows per search).
   */
  sosl?: boolean;
  /** AccessLevel of a Database.query* call; the query's own WITH USER_MODE / SYSTEM_MODE applies otherwise. */
  accessLevel?: 'user' | 'system';
  /** `ALL ROWS`: the recycle bin's rows of the object are candidates too (after the table's). */
  allRows?: boolean;
  /** `FOR UPDATE`: the returned records are locked until the transaction ends (data/row-locks.ts). */
  forUpdate?: boolean;
}

const LIMIT_QUERIES = 100;

export function countQuery(it: DataHost, pos: Pos): void {
  it.ctx.rowLocks.concurrency.beforeStatement?.('query');
  it.ctx.limits.queries++;
  if (it.ctx.limits.queries > LIMIT_QUERIES) {
    it.raise('LimitException', `Too many SOQL queries: ${it.ctx.limits.queries}`, pos);
  }
}

/** Runs a parsed query: a List of records, or an Integer for SELECT COUNT(). */
export function runQuery(it: DataHost, parsed: Query, opts: QueryOptions): Value {
  let query = parsed;
  if (!opts.sosl) {
    countQuery(it, opts.pos);
  }
  const store = it.ctx.store as Store | undefined;
  if (!store) {
    throw new RuntimeGap('SOQL without a data store', opts.pos);
  }
  const c: Ctx = { it, store, binds: opts.binds, pos: opts.pos };
  const type = it.registry.schema.describe(query.sObject ?? '');
  if (!type) {
    throw new RuntimeGap(`sObject type '${query.sObject ?? ''}' is not supported`, opts.pos);
  }
  query = withStandardFields(c, type, query);
  const level =
    query.withAccessLevel === 'USER_MODE' ? 'user' : query.withAccessLevel === 'SYSTEM_MODE' ? 'system' : undefined;
  const userMode = (opts.accessLevel ?? level) === 'user';
  if (userMode) {
    checkUserMode(c, type, query);
  } else if (query.withSecurityEnforced) {
    checkSecurityEnforced(c, type, query);
  }
  // WITH SYSTEM_MODE / AccessLevel.SYSTEM_MODE still follow the class's sharing keyword (Apex Developer Guide "Set an
  // Access Mode for Database Operations").
  if (userMode || enforcesSharing(it)) {
    c.sharing = userAccess(it);
  }
  const aggregate = isAggregateQuery(query);
  const fields = query.fields ?? [];
  const isCount =
    fields.length === 1 &&
    fields[0]?.type === 'FieldFunctionExpression' &&
    fields[0].functionName.toUpperCase() === 'COUNT' &&
    fields[0].parameters.length === 0;
  let recs = scanned(c, type, query.where);
  if (opts.allRows) {
    recs = [...recs, ...[...store.recycled(type).values()].map((row) => ({ type, row }))];
  }
  recs = recs.filter((r) => visible(c, r) && matches(c, r, query.where));
  if (aggregate) {
    return aggregateRows(c, type, query, recs, {
      limit: opts.limit ?? query.limit,
      offset: opts.offset ?? query.offset,
      sosl: opts.sosl
    });
  }
  recs = order(c, recs, query.orderBy);
  const offset = opts.offset ?? query.offset ?? 0;
  const limit = opts.limit ?? query.limit;
  recs = recs.slice(offset, limit === undefined ? undefined : offset + limit);
  if (isCount) {
    if (!opts.sosl) {
      countRows(it, recs.length, opts.pos);
    }
    return recs.length;
  }
  if (!opts.sosl) {
    countRows(it, recs.length, opts.pos);
  }
  if (opts.forUpdate) {
    it.ctx.rowLocks.lock(recs.map((r) => r.row.get('id')).filter((id): id is string => typeof id === 'string'));
  }
  const list = new ApexList(
    { kind: 'sobject', name: type.name },
    recs.map((r) => build(c, r, fields))
  );
  list.fromSoql = true;
  return list;
}
