/**
 * SOQL against the transaction's store (SOQL and SOSL Reference; Apex Developer Guide "SOQL and SOSL Queries"):
 * field lists with parent relationship paths and child subqueries, WHERE (=, !=, <, >, <=, >=, IN, NOT IN, LIKE,
 * INCLUDES, EXCLUDES, AND/OR/NOT, null), binds, date literals TODAY/YESTERDAY/TOMORROW/LAST_N_DAYS/NEXT_N_DAYS,
 * ORDER BY (ASC nulls first, DESC nulls last by default), LIMIT/OFFSET, COUNT(). Text compares case-insensitively.
 * Access (data/access.ts; ADG "Enforce User Mode for Database Operations", "Filter SOQL Queries Using
 * WITH SECURITY_ENFORCED", "Use the with sharing, without sharing, and inherited sharing Keywords"):
 * - WITH USER_MODE (or AccessLevel.USER_MODE of Database.query*): the object needs Read, else QueryException
 *   "sObject type 'X' is not supported…"; every field of the select list, WHERE, ORDER BY, parent paths and
 *   subqueries needs field-level read, else QueryException "No such column 'F' on entity 'X'…"; rows are filtered by
 *   sharing.
 * - WITH SECURITY_ENFORCED: object and select-list fields checked ("Insufficient permissions: secure query included
 *   inaccessible field"); sharing as in system mode.
 * - System mode (default, WITH SYSTEM_MODE): no object/field checks; rows filtered by sharing only when the running
 *   code is `with sharing` (access.ts enforcesSharing).
 */
import type { Condition, FieldType, OrderByClause, Query, Subquery, WhereClause } from '@jetstreamapp/soql-parser-js';
import type { Pos } from '../ast/nodes.ts';
import { compareNumbers, isNumber } from '../values/convert.ts';
import { Decimal } from '../values/decimal.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { DataHost } from './host.ts';
import { rowValue } from './sobject.ts';
import { fromWallClock, wallClock } from '../values/time.ts';
import { ApexDate, ApexDatetime, ApexList, ApexSet, ApexSObject, type Value } from '../values/values.ts';
import { normalizeId } from '../schema/ids.ts';
import { CATALOG_TARGETS, type FieldDescribe, type SObjectDescribe } from '../schema/schema.ts';
import {
  enforcesSharing,
  fieldPermissions,
  objectPermissions,
  recordAccess,
  userAccess,
  type UserAccess
} from './access.ts';
import { countScan, type IndexKind, type Row, type Store, type Table } from './store.ts';

export type BindResolver = (name: string) => Value;

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
const LIMIT_QUERY_ROWS = 50000;

interface Ctx {
  it: DataHost;
  store: Store;
  binds: BindResolver;
  pos: Pos;
  /** Set when rows are filtered by the running user's sharing. */
  sharing?: UserAccess;
  /** The values of each semi-join / anti-join subquery, computed once per query. */
  semiJoins?: Map<Query, Value[]>;
}

interface Rec {
  type: SObjectDescribe;
  row: Row;
}

export function countQuery(it: DataHost, pos: Pos): void {
  it.ctx.rowLocks.concurrency.beforeStatement?.('query');
  it.ctx.limits.queries++;
  if (it.ctx.limits.queries > LIMIT_QUERIES) {
    it.raise('LimitException', `Too many SOQL queries: ${it.ctx.limits.queries}`, pos);
  }
}

function countRows(it: DataHost, n: number, pos: Pos): void {
  it.ctx.limits.queryRows += n;
  if (it.ctx.limits.queryRows > LIMIT_QUERY_ROWS) {
    it.raise('LimitException', `Too many query rows: ${it.ctx.limits.queryRows}`, pos);
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
  // WITH SYSTEM_MODE / AccessLevel.SYSTEM_MODE still follow the class's sharing keyword (ADG "Set an Access Mode for
  // Database Operations").
  if (userMode || enforcesSharing(it)) {
    c.sharing = userAccess(it);
  }
  if (query.groupBy || query.having) {
    throw new RuntimeGap('SOQL GROUP BY / HAVING', opts.pos);
  }
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

// ─── field paths ─────────────────────────────────────────────────────────────

function fieldOf(c: Ctx, type: SObjectDescribe, name: string): FieldDescribe {
  const f = type.fields.get(name.toLowerCase());
  if (!f) {
    throw new RuntimeGap(`No such column '${name}' on entity '${type.name}'`, c.pos);
  }
  return f;
}

/** Follows `Rel.Rel.Field`: the parent record (or null) and the final field. */
function parentOf(c: Ctx, rec: Rec, rel: string): Rec | null {
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

function valueAt(c: Ctx, rec: Rec, path: string): Value {
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

// ─── WHERE ───────────────────────────────────────────────────────────────────

type Token = { t: '(' } | { t: ')' } | { t: 'AND' } | { t: 'OR' } | { t: 'NOT' } | { t: 'cond'; cond: Condition };

/** The tokens of a parsed WHERE clause, made once per clause (a query's clause is evaluated once per row). */
const tokenCache = new WeakMap<WhereClause, Token[]>();

function tokens(where: WhereClause | undefined): Token[] {
  if (!where) {
    return [];
  }
  let toks = tokenCache.get(where);
  if (!toks) {
    toks = tokenize(where);
    tokenCache.set(where, toks);
  }
  return toks;
}

function tokenize(where: WhereClause | undefined, out: Token[] = []): Token[] {
  if (!where) {
    return out;
  }
  const left = where.left as (Condition & { openParen?: number; closeParen?: number }) | null;
  if (left === null) {
    out.push({ t: 'NOT' });
  } else {
    for (let i = 0; i < (left.openParen ?? 0); i++) {
      out.push({ t: '(' });
    }
    if ('operator' in left && (left.operator as string) === 'NOT' && !('field' in left)) {
      out.push({ t: 'NOT' });
    } else {
      out.push({ t: 'cond', cond: left });
    }
    for (let i = 0; i < (left.closeParen ?? 0); i++) {
      out.push({ t: ')' });
    }
    if ('operator' in where && (where.operator === 'AND' || where.operator === 'OR')) {
      out.push({ t: where.operator });
    }
  }
  if ('right' in where && where.right) {
    tokenize(where.right, out);
  }
  return out;
}

function matches(c: Ctx, rec: Rec, where: WhereClause | undefined): boolean {
  if (!where) {
    return true;
  }
  const toks = tokens(where);
  let i = 0;
  const peek = (): Token | undefined => toks[i];
  const orExpr = (): boolean => {
    let v = andExpr();
    while (peek()?.t === 'OR') {
      i++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  const andExpr = (): boolean => {
    let v = notExpr();
    while (peek()?.t === 'AND') {
      i++;
      const r = notExpr();
      v = v && r;
    }
    return v;
  };
  const notExpr = (): boolean => {
    const tok = peek();
    if (tok?.t === 'NOT') {
      i++;
      return !notExpr();
    }
    if (tok?.t === '(') {
      i++;
      const v = orExpr();
      i++;
      return v;
    }
    i++;
    if (tok?.t !== 'cond') {
      throw new RuntimeGap('unexpected WHERE clause shape', c.pos);
    }
    return condition(c, rec, tok.cond);
  };
  return orExpr();
}

function unquote(s: string): string {
  return s.replace(/^'|'$/g, '').replace(/\\(.)/g, (_m, ch: string) => ({ n: '\n', t: '\t', r: '\r' })[ch] ?? ch);
}

function literal(c: Ctx, type: string, raw: string, f: FieldDescribe): Value | DayRange {
  switch (type) {
    case 'STRING':
      return unquote(raw);
    case 'BOOLEAN':
      return raw.toUpperCase() === 'TRUE';
    case 'NULL':
      return null;
    case 'INTEGER':
    case 'DECIMAL':
      return Decimal.parse(raw) ?? null;
    case 'DATE': {
      const [y, m, d] = raw.split('-').map(Number);
      return new ApexDate(y ?? 0, m ?? 1, d ?? 1);
    }
    case 'DATETIME':
      return new ApexDatetime(Date.parse(raw.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')));
    case 'DATE_LITERAL':
    case 'DATE_N_LITERAL':
      return dateLiteral(c, raw);
    case 'APEX_BIND_VARIABLE':
      return c.binds(raw);
    default:
      void f;
      throw new RuntimeGap(`SOQL literal type ${type}`, c.pos);
  }
}

interface DayRange {
  range: true;
  from: ApexDate;
  /** Exclusive. */
  to: ApexDate;
}

function addDays(d: ApexDate, n: number): ApexDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + n));
  return new ApexDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

function dateLiteral(c: Ctx, raw: string): DayRange {
  const w = wallClock(c.it.ctx.now(), c.it.ctx.options.timeZone);
  const today = new ApexDate(w.year, w.month, w.day);
  const [name = '', nText] = raw.toUpperCase().split(':');
  const n = Number(nText ?? 0);
  const range = (from: number, to: number): DayRange => ({
    range: true,
    from: addDays(today, from),
    to: addDays(today, to)
  });
  switch (name) {
    case 'TODAY':
      return range(0, 1);
    case 'YESTERDAY':
      return range(-1, 0);
    case 'TOMORROW':
      return range(1, 2);
    case 'LAST_N_DAYS':
      return range(-n, 1);
    case 'NEXT_N_DAYS':
      return range(0, n + 1);
    case 'N_DAYS_AGO':
      return range(-n, -n + 1);
    default:
      throw new RuntimeGap(`SOQL date literal ${raw}`, c.pos);
  }
}

const isRange = (v: unknown): v is DayRange => typeof v === 'object' && v !== null && 'range' in v;

function dayStart(c: Ctx, d: ApexDate): number {
  return fromWallClock(c.it.ctx.options.timeZone, d.year, d.month, d.day);
}

/** -1/0/1, or undefined when either side is null or they do not compare. */
function cmp(c: Ctx, f: FieldDescribe, a: Value, b: Value): number | undefined {
  if (a === null || b === null) {
    return undefined;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    if (f.apexType === 'Id') {
      const x = normalizeId(a) ?? a;
      const y = normalizeId(b) ?? b;
      return x === y ? 0 : x < y ? -1 : 1;
    }
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x === y ? 0 : x < y ? -1 : 1;
  }
  if (isNumber(a) && isNumber(b)) {
    return compareNumbers(a, b);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    return a === b ? 0 : a ? 1 : -1;
  }
  const ms = (v: Value): number | undefined =>
    v instanceof ApexDatetime ? v.ms : v instanceof ApexDate ? dayStart(c, v) : undefined;
  const x = ms(a);
  const y = ms(b);
  if (x !== undefined && y !== undefined) {
    return x === y ? 0 : x < y ? -1 : 1;
  }
  throw new RuntimeGap(`SOQL comparison of ${c.it.str(a)} and ${c.it.str(b)}`, c.pos);
}

function like(value: string, pattern: string): boolean {
  const re = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${re}$`, 'is').test(value);
}

function collection(c: Ctx, v: Value | DayRange | (Value | DayRange)[]): Value[] {
  if (Array.isArray(v)) {
    return v.flatMap((x) => collection(c, x));
  }
  if (isRange(v)) {
    throw new RuntimeGap('date literal in IN', c.pos);
  }
  if (v instanceof ApexList) {
    return v.items.map((x) => (x instanceof ApexSObject ? x.id : x));
  }
  if (v instanceof ApexSet) {
    return [...v.entries.values()];
  }
  return [v];
}

/** The value (or values) a condition compares with: literals, binds, date literals as day ranges. */
function conditionValue(
  c: Ctx,
  f: FieldDescribe,
  raw: string | string[] | undefined,
  types: string | string[] | undefined
): Value | DayRange | (Value | DayRange)[] {
  return Array.isArray(raw)
    ? raw.map((r, i) => literal(c, (Array.isArray(types) ? types[i] : types) ?? 'STRING', r, f))
    : literal(c, (Array.isArray(types) ? types[0] : types) ?? 'STRING', raw ?? '', f);
}

/**
 * The values a semi-join (`Id IN (SELECT AccountId FROM Contact WHERE …)`) or anti-join (`NOT IN`) compares with: the
 * one selected field (an Id or a lookup) of every row the subquery matches, read once per query (SOQL and SOSL
 * Reference "Comparison Operators", semi-joins and anti-joins). No query or rows are counted for it: it is part of
 * the one query. Subqueries with ORDER BY / LIMIT are kept (the reference disallows them; here they are ignored).
 */
function semiJoinValues(c: Ctx, sub: Query): Value[] {
  c.semiJoins ??= new Map();
  const known = c.semiJoins.get(sub);
  if (known) {
    return known;
  }
  const type = c.it.registry.schema.describe(sub.sObject ?? '');
  const selected = sub.fields?.[0];
  if (!type || sub.fields?.length !== 1 || selected?.type !== 'Field') {
    throw new RuntimeGap('SOQL semi-join whose subquery does not select one field of a known object', c.pos);
  }
  const f = fieldOf(c, type, selected.field);
  if (f.apexType !== 'Id') {
    throw new RuntimeGap(`SOQL semi-join selecting ${type.name}.${f.name}, which is not an Id or a lookup`, c.pos);
  }
  const values = scanned(c, type, sub.where)
    .filter((r) => visible(c, r) && matches(c, r, sub.where))
    .map((r) => r.row.get(f.name.toLowerCase()) ?? null)
    .filter((v) => v !== null);
  c.semiJoins.set(sub, values);
  return values;
}

function condition(c: Ctx, rec: Rec, cond: Condition): boolean {
  if (!('field' in cond) || typeof cond.field !== 'string') {
    throw new RuntimeGap('SOQL condition with a function', c.pos);
  }
  if ('valueQuery' in cond && cond.valueQuery) {
    const op = cond.operator.toUpperCase();
    if (op !== 'IN' && op !== 'NOT IN') {
      throw new RuntimeGap(`SOQL subquery with ${op}`, c.pos);
    }
    const actual = valueAt(c, rec, cond.field);
    const found = typeof actual === 'string' && semiJoinValues(c, cond.valueQuery).includes(actual);
    return op === 'IN' ? found : !found && actual !== null;
  }
  const path = cond.field;
  const parts = path.split('.');
  let owner: Rec | null = rec;
  for (const rel of parts.slice(0, -1)) {
    owner = owner ? parentOf(c, owner, rel) : null;
  }
  const f = fieldOf(c, owner?.type ?? rec.type, parts[parts.length - 1] ?? '');
  const actual = owner ? valueAt(c, owner, parts[parts.length - 1] ?? '') : null;
  const value = conditionValue(c, f, cond.value, cond.literalType);
  const op = cond.operator.toUpperCase();
  if (isRange(value)) {
    if (actual === null) {
      return false;
    }
    const lo = f.apexType === 'Date' ? value.from : new ApexDatetime(dayStart(c, value.from));
    const hi = f.apexType === 'Date' ? value.to : new ApexDatetime(dayStart(c, value.to));
    const afterLo = (cmp(c, f, actual, lo) ?? -1) >= 0;
    const beforeHi = (cmp(c, f, actual, hi) ?? 1) < 0;
    switch (op) {
      case '=':
        return afterLo && beforeHi;
      case '!=':
      case '<>':
        return !(afterLo && beforeHi);
      case '<':
        return !afterLo;
      case '<=':
        return beforeHi;
      case '>':
        return !beforeHi;
      case '>=':
        return afterLo;
    }
    throw new RuntimeGap(`${op} with a date literal`, c.pos);
  }
  switch (op) {
    case '=':
    case '!=':
    case '<>': {
      const single = Array.isArray(value) ? (value[0] ?? null) : value;
      if (single instanceof ApexList || single instanceof ApexSet) {
        throw new RuntimeGap(`${op} with a collection bind (use IN)`, c.pos);
      }
      const eq = actual === null || single === null ? actual === single : cmp(c, f, actual, single as Value) === 0;
      return op === '=' ? eq : !eq;
    }
    case '<':
    case '>':
    case '<=':
    case '>=': {
      const r = cmp(c, f, actual, (Array.isArray(value) ? value[0] : value) as Value);
      if (r === undefined) {
        return false;
      }
      return op === '<' ? r < 0 : op === '>' ? r > 0 : op === '<=' ? r <= 0 : r >= 0;
    }
    case 'IN':
    case 'NOT IN': {
      const items = collection(c, value);
      const found = items.some((x) => (actual === null ? x === null : x !== null && cmp(c, f, actual, x) === 0));
      return op === 'IN' ? found : !found && actual !== null;
    }
    case 'LIKE': {
      const pattern = Array.isArray(value) ? value[0] : value;
      return typeof actual === 'string' && typeof pattern === 'string' && like(actual, pattern);
    }
    case 'INCLUDES':
    case 'EXCLUDES': {
      const selected = new Set((typeof actual === 'string' ? actual.split(';') : []).map((s) => s.toLowerCase()));
      const wanted = collection(c, value).map((x) =>
        String(x)
          .split(';')
          .map((s) => s.toLowerCase())
      );
      const any = wanted.some((group) => group.every((s) => selected.has(s)));
      return op === 'INCLUDES' ? any : !any;
    }
  }
  throw new RuntimeGap(`SOQL operator ${op}`, c.pos);
}

// ─── rows a WHERE clause can match ───────────────────────────────────────────

/**
 * The rows of `type` that `where` is evaluated on, in table order: the whole table, or — when the clause pins its
 * rows by `=` / IN on the Id, an External ID, a unique or a lookup field — only the rows holding those values, found
 * through the store's index (data/store.ts) instead of a scan. `matches` still decides on every row returned, so the
 * result is the scan's, in the scan's order; a skipped row is one the clause is false for. The index is used only
 * when evaluating the clause on a skipped row could not have failed either (`evaluable`): no relationship paths, no
 * unsupported shapes, every value comparable with its field; anything else is scanned, failing as it always did.
 */
function scanned(c: Ctx, type: SObjectDescribe, where: WhereClause | undefined): Rec[] {
  const table = c.store.table(type);
  const ids = where && table.size > 0 && indexLookups.enabled ? pinnedIds(c, type, tokens(where)) : undefined;
  if (ids === undefined) {
    return scanRows(table).map((row) => ({ type, row }));
  }
  const recs: Rec[] = [];
  for (const id of c.store.inTableOrder(type, ids)) {
    const row = table.get(id);
    if (row) {
      recs.push({ type, row });
    }
  }
  return recs;
}

/** Every row of `table`, counted as scanned (`StoreCosts.rowsScanned`). */
function scanRows(table: Table): Row[] {
  countScan(table.size);
  return [...table.values()];
}

/** Whether `scanned` may use the index; the tests turn it off to compare every query with a full scan. */
export const indexLookups = { enabled: true };

/** A WHERE clause as `matches` reads its tokens (NOT binds tighter than AND, AND than OR). */
type Clause = { k: 'and' | 'or'; items: Clause[] } | { k: 'not' } | { k: 'cond'; cond: Condition };

/** The clause `matches` evaluates, or undefined where it would fail on the tokens (then the scan reports it). */
function clause(toks: Token[]): Clause | undefined {
  let i = 0;
  let failed = false;
  const list = (k: 'and' | 'or', items: Clause[]): Clause => (items.length === 1 && items[0] ? items[0] : { k, items });
  const orExpr = (): Clause => {
    const items = [andExpr()];
    while (toks[i]?.t === 'OR') {
      i++;
      items.push(andExpr());
    }
    return list('or', items);
  };
  const andExpr = (): Clause => {
    const items = [notExpr()];
    while (toks[i]?.t === 'AND') {
      i++;
      items.push(notExpr());
    }
    return list('and', items);
  };
  const notExpr = (): Clause => {
    const tok = toks[i];
    if (tok?.t === 'NOT') {
      i++;
      notExpr();
      return { k: 'not' };
    }
    if (tok?.t === '(') {
      i++;
      const v = orExpr();
      i++;
      return v;
    }
    i++;
    if (tok?.t !== 'cond') {
      failed = true;
      return { k: 'not' };
    }
    return { k: 'cond', cond: tok.cond };
  };
  const tree = orExpr();
  return failed ? undefined : tree;
}

/** What a field's stored values are, for `cmp`: text, numbers, booleans, dates and datetimes. */
type ValueClass = 'text' | 'number' | 'boolean' | 'time';

function valueClass(f: FieldDescribe): ValueClass | undefined {
  switch (f.apexType) {
    case 'String':
    case 'Id':
      return 'text';
    case 'Integer':
    case 'Long':
    case 'Double':
    case 'Decimal':
      return 'number';
    case 'Boolean':
      return 'boolean';
    case 'Date':
    case 'Datetime':
      return 'time';
    default:
      return undefined;
  }
}

/** Whether `cmp` compares a value of the class with `v` (null or of the same class) without failing. */
function comparable(cls: ValueClass, v: Value | DayRange | undefined): boolean {
  if (v === null) {
    return true;
  }
  if (v === undefined || isRange(v)) {
    return false;
  }
  switch (cls) {
    case 'text':
      return typeof v === 'string';
    case 'number':
      return isNumber(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'time':
      return v instanceof ApexDate || v instanceof ApexDatetime;
  }
}

/** Values an index lookup can stand for: `field = 'x'` / `field IN ('x', …)` on an indexable field. */
interface Pin {
  field: string;
  kind: IndexKind;
  values: string[];
}

/**
 * Whether `condition` evaluates `cond` on any row of `type` without failing, whatever the row holds (given that a
 * stored value has its field's class), and if so the index lookup it can stand for (`pin`, when it has one).
 */
function evaluable(c: Ctx, type: SObjectDescribe, cond: Condition): { pin?: Pin } | undefined {
  if (!('field' in cond) || typeof cond.field !== 'string' || ('valueQuery' in cond && cond.valueQuery)) {
    return undefined;
  }
  const f = cond.field.includes('.') ? undefined : type.fields.get(cond.field.toLowerCase());
  const cls = f ? valueClass(f) : undefined;
  if (!f || !cls || !('value' in cond)) {
    return undefined;
  }
  const op = cond.operator.toUpperCase();
  let value: Value | DayRange | (Value | DayRange)[];
  let items: Value[] | undefined;
  try {
    value = conditionValue(c, f, cond.value, cond.literalType);
    if (op === 'IN' || op === 'NOT IN' || op === 'INCLUDES' || op === 'EXCLUDES') {
      items = collection(c, value);
    }
  } catch {
    return undefined; // a bind or literal the scan fails on
  }
  if (isRange(value)) {
    return cls === 'time' && ['=', '!=', '<>', '<', '<=', '>', '>='].includes(op) ? {} : undefined;
  }
  const first = Array.isArray(value) ? value[0] : value;
  const indexed =
    cls === 'text' && (f.name.toLowerCase() === 'id' || f.externalId || f.unique || f.display === 'REFERENCE');
  const pin = (values: Value[]): Pin | undefined =>
    indexed && values.every((v): v is string => typeof v === 'string')
      ? { field: f.name.toLowerCase(), kind: f.apexType === 'Id' ? 'id' : 'lower', values: values as string[] }
      : undefined;
  switch (op) {
    case '=':
    case '!=':
    case '<>': {
      const single = first ?? null;
      if (!comparable(cls, single)) {
        return undefined;
      }
      const p = op === '=' && single !== null ? pin([single as Value]) : undefined;
      return p ? { pin: p } : {};
    }
    case '<':
    case '>':
    case '<=':
    case '>=':
      return comparable(cls, first) ? {} : undefined;
    case 'IN':
    case 'NOT IN': {
      if (!items || !items.every((x) => comparable(cls, x))) {
        return undefined;
      }
      const p = op === 'IN' ? pin(items) : undefined;
      return p ? { pin: p } : {};
    }
    case 'LIKE':
    case 'INCLUDES':
    case 'EXCLUDES':
      return {};
    default:
      return undefined;
  }
}

/**
 * The ids of the rows `toks` can be true for, when index lookups bound them (a condition pinning rows, an AND with
 * one such operand, an OR of them only); undefined when the table is to be scanned.
 */
function pinnedIds(c: Ctx, type: SObjectDescribe, toks: Token[]): Set<string> | undefined {
  const pins = new Map<Condition, Pin | undefined>();
  for (const tok of toks) {
    if (tok.t === 'cond') {
      const e = evaluable(c, type, tok.cond);
      if (!e) {
        return undefined;
      }
      pins.set(tok.cond, e.pin);
    }
  }
  const tree = clause(toks);
  const ids = (n: Clause): Set<string> | undefined => {
    switch (n.k) {
      case 'cond': {
        const p = pins.get(n.cond);
        return p ? c.store.findIds(type, p.field, p.kind, p.values) : undefined;
      }
      case 'not':
        return undefined;
      case 'and': {
        let fewest: Set<string> | undefined;
        for (const item of n.items) {
          const s = ids(item);
          if (s && (!fewest || s.size < fewest.size)) {
            fewest = s;
          }
        }
        return fewest;
      }
      case 'or': {
        const all = new Set<string>();
        for (const item of n.items) {
          const s = ids(item);
          if (!s) {
            return undefined;
          }
          for (const id of s) {
            all.add(id);
          }
        }
        return all;
      }
    }
  };
  return tree ? ids(tree) : undefined;
}

// ─── ORDER BY ────────────────────────────────────────────────────────────────

function order(c: Ctx, recs: Rec[], orderBy: OrderByClause | OrderByClause[] | undefined): Rec[] {
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
function withStandardFields(c: Ctx, type: SObjectDescribe, query: Query): Query {
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

// ─── results ─────────────────────────────────────────────────────────────────

function build(c: Ctx, rec: Rec, fields: FieldType[]): ApexSObject {
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
        throw new RuntimeGap(`SOQL select item ${field.type}`, c.pos);
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

// ─── access ──────────────────────────────────────────────────────────────────

function visible(c: Ctx, rec: Rec): boolean {
  return !c.sharing || recordAccess(c.it, c.sharing, rec.type, rec.row) !== 'none';
}

const NO_OBJECT = (name: string): string =>
  `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;
const NO_COLUMN = (field: string, object: string): string =>
  `No such column '${field}' on entity '${object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;

/** Every field path a query names: select list (with parent paths), WHERE, ORDER BY; subqueries separately. */
function queryPaths(fields: FieldType[], where: WhereClause | undefined, orderBy: Query['orderBy']): string[] {
  const paths: string[] = [];
  for (const f of fields) {
    if (f.type === 'Field') {
      paths.push(f.field);
    } else if (f.type === 'FieldRelationship') {
      paths.push([...f.relationships, f.field].join('.'));
    }
  }
  for (const tok of tokens(where)) {
    if (tok.t === 'cond' && 'field' in tok.cond && typeof tok.cond.field === 'string') {
      paths.push(tok.cond.field);
    }
  }
  for (const o of orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy]) {
    if ('field' in o && o.field) {
      paths.push(o.field);
    }
  }
  return paths;
}

/** The object and field of each step of `path` that the user must be able to read; null where it is polymorphic. */
function checkPath(
  c: Ctx,
  ua: UserAccess,
  type: SObjectDescribe,
  path: string,
  raise: (field: string, object: string) => never
): void {
  const parts = path.split('.');
  if (
    parts.length > 1 &&
    parts[0]?.toLowerCase() === type.name.toLowerCase() &&
    !type.relationships.has(parts[0].toLowerCase())
  ) {
    parts.shift();
  }
  let current: SObjectDescribe | undefined = type;
  for (const [i, part] of parts.entries()) {
    if (!current) {
      return;
    }
    const last = i === parts.length - 1;
    const f: FieldDescribe | undefined = last
      ? current.fields.get(part.toLowerCase())
      : current.relationships.get(part.toLowerCase());
    if (!f) {
      return; // unknown names fail later with the runtime's own error
    }
    if (!fieldPermissions(ua, current, f).readable) {
      raise(last ? f.name : part, current.name);
    }
    if (!last) {
      // A polymorphic lookup (WhatId, OwnerId to User/Group) is checked on the records it reaches, not here.
      const targets: string[] = f.referenceTo;
      current = targets.length === 1 && targets[0] ? c.it.registry.schema.describe(targets[0]) : undefined;
      if (current && !objectPermissions(ua, current).allowRead) {
        raise(part, type.name);
      }
    }
  }
}

function checkUserMode(c: Ctx, type: SObjectDescribe, query: Query | Subquery, ua = userAccess(c.it)): void {
  if (!objectPermissions(ua, type).allowRead) {
    c.it.raise('QueryException', NO_OBJECT(type.name), c.pos);
  }
  const raise = (field: string, object: string): never => c.it.raise('QueryException', NO_COLUMN(field, object), c.pos);
  for (const path of queryPaths(query.fields ?? [], query.where, query.orderBy)) {
    checkPath(c, ua, type, path, raise);
  }
  for (const f of query.fields ?? []) {
    if (f.type === 'FieldSubquery') {
      const rel = type.children.get(f.subquery.relationshipName.toLowerCase());
      const childType = rel ? c.it.registry.schema.describe(rel.childObject) : undefined;
      if (childType) {
        checkUserMode(c, childType, f.subquery, ua);
      }
    }
  }
}

function checkSecurityEnforced(c: Ctx, type: SObjectDescribe, query: Query): void {
  const ua = userAccess(c.it);
  const raise = (): never =>
    c.it.raise('QueryException', 'Insufficient permissions: secure query included inaccessible field', c.pos);
  if (!objectPermissions(ua, type).allowRead) {
    raise();
  }
  for (const path of queryPaths(query.fields ?? [], undefined, undefined)) {
    checkPath(c, ua, type, path, raise);
  }
}
