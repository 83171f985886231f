/**
 * Apex cursors (Apex Reference Guide "Cursor Class"; Apex Developer Guide "Apex Cursors"): `Database.getCursor(query
 * [, accessLevel])` and `Database.getCursorWithBinds(query, bindMap, accessLevel)` (database.ts) run the query once and
 * keep its rows; `cursor.fetch(position, count)` returns the rows from `position` on, at most `count`, and
 * `getNumRecords()` how many rows the query returned.
 * - Limits, as documented: each fetch() counts against the SOQL query limit and its rows against the query-row limit;
 *   at most 100 fetch() calls per transaction (the 101st is a LimitException, wording unverified);
 *   `Limits.getFetchCallsOnApexCursor()` counts them, `Limits.getApexCursors()` the cursors created and
 *   `Limits.getApexCursorRows()` the rows of the cursors created (unverified whether the platform counts the rows at
 *   creation or at fetch: the same here while every row is fetched once).
 * - Unverified: creating the cursor counts neither as a SOQL query nor its rows against the query-row limit (they count
 *   as cursor rows; a public suite, apex-dml-mocking, makes 100 fetch calls after creating its cursor in one
 *   transaction, which the SOQL limit of 100 would not allow if the creation counted); a position past the last row, or a negative position or count, gives an empty list instead of an
 *   error; the rows are those of creation (the platform fixes the record Ids then; whether later field changes show
 *   in a fetch is not stated); the list fetched has the queried object's element type.
 */
import type { Pos } from '../ast/nodes.ts';
import { countQuery } from '../data/soql.ts';
import { countRows } from '../data/soql-rows.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ApexList, NativeObject, type Value } from '../values/values.ts';
import { int, NO_METHOD } from './args.ts';
import { countLimit, limitCounter } from './limits.ts';

export const CURSOR = 'Database.Cursor';

const LIMIT_FETCH_CALLS = 100;

/** A cursor over the rows `run` (the query) returns; counts the cursor and its rows. */
export function newCursor(it: Interpreter, run: () => Value): NativeObject<ApexList> {
  const { queries, queryRows } = it.ctx.limits;
  const result = run();
  // Neither the query nor its rows count against the SOQL limits (unverified, see above); fetch() counts.
  it.ctx.limits.queries = queries;
  it.ctx.limits.queryRows = queryRows;
  const list = result instanceof ApexList ? result : new ApexList({ kind: 'sobject', name: 'SObject' }, []);
  countLimit(it, 'apexCursors');
  countLimit(it, 'apexCursorRows', list.items.length);
  return new NativeObject(CURSOR, list);
}

type Method = (it: Interpreter, self: NativeObject<ApexList>, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

function fetch(it: Interpreter, self: NativeObject<ApexList>, a: Value[], pos: Pos): Value | typeof NO_METHOD {
  if (a.length !== 2) {
    return NO_METHOD;
  }
  const position = int(it, a[0], pos);
  const count = int(it, a[1], pos);
  countLimit(it, 'cursorFetchCalls');
  const calls = limitCounter(it, 'cursorFetchCalls');
  if (calls > LIMIT_FETCH_CALLS) {
    return it.raise('LimitException', `Too many Apex cursor fetch calls: ${calls}`, pos);
  }
  countQuery(it, pos);
  const rows = self.state;
  const slice = position < 0 || count < 0 ? [] : rows.items.slice(position, position + count);
  countRows(it, slice.length, pos);
  return new ApexList(rows.elementType, slice);
}

export const CURSOR_METHODS: Record<string, Method> = {
  fetch,
  getnumrecords: (_it, c, a) => (a.length === 0 ? c.state.items.length : NO_METHOD)
};
