/**
 * Aggregate SOQL (SOQL and SOSL Reference "Aggregate Functions", "GROUP BY", "HAVING"; Apex Developer Guide "Working
 * with SOQL Aggregate Functions"): AVG, COUNT(field), COUNT_DISTINCT, MIN, MAX and SUM over the matching rows, by
 * GROUP BY group (one group without it), filtered by HAVING, ordered by grouped fields or aggregates, LIMIT/OFFSET over
 * groups. Each group is an AggregateResult whose fields are the grouped fields by name and the aggregates by alias, or
 * `expr0`, `expr1`, … in select-list order for those without one (Apex Developer Guide). Aggregates ignore null values
 * (COUNT(field) and COUNT_DISTINCT count non-null ones; SUM, AVG, MIN, MAX of no value are null).
 * Unverified: the type of SUM and AVG (SUM keeps the field's type, AVG is a Decimal — a Double for a Double field),
 * AVG's scale (34 significant digits, as Decimal division), and that text groups and COUNT_DISTINCT ignore case (as
 * text comparison does in WHERE). Date functions (CALENDAR_YEAR, …), GROUP BY ROLLUP/CUBE and functions other than the
 * six are RuntimeGaps.
 */
import type { FieldType, OrderByClause, Query, WhereClause } from '@jetstreamapp/soql-parser-js';
import { aggregateResultType, type FieldDescribe, type PrimitiveName, type SObjectDescribe } from '../schema/schema.ts';
import { RuntimeGap } from '../values/errors.ts';
import { Decimal } from '../values/decimal.ts';
import { ApexDouble, ApexList, ApexSObject, type Value } from '../values/values.ts';
import { evaluateClause, tokens } from './soql-clause.ts';
import { countRows, fieldOf, valueAt, type Ctx, type Rec } from './soql-rows.ts';
import { cmp, collection, conditionValue, isRange } from './soql-values.ts';

const AGGREGATES = new Set(['AVG', 'COUNT', 'COUNT_DISTINCT', 'MIN', 'MAX', 'SUM']);

interface Fn {
  name: string;
  /** The aggregated field path; undefined for COUNT(). */
  path?: string;
}

/** A column of the result: a grouped field or an aggregate. */
interface Column {
  key: string;
  path?: string;
  fn?: Fn;
  field: FieldDescribe;
}

/** Whether the query aggregates (GROUP BY, HAVING, or an aggregate function with a field); `SELECT COUNT()` does not. */
export function isAggregateQuery(q: Query): boolean {
  return (
    q.groupBy !== undefined ||
    q.having !== undefined ||
    (q.fields ?? []).some(
      (f) =>
        f.type === 'FieldFunctionExpression' && AGGREGATES.has(f.functionName.toUpperCase()) && f.parameters.length > 0
    )
  );
}

/** The field a path (`Amount`, `Account.Industry`) ends on, following lookups through the schema. */
function pathField(c: Ctx, type: SObjectDescribe, path: string): FieldDescribe {
  const parts = path.split('.');
  if (parts.length > 1 && parts[0]?.toLowerCase() === type.name.toLowerCase()) {
    parts.shift();
  }
  let current = type;
  for (const rel of parts.slice(0, -1)) {
    const lookup = current.relationships.get(rel.toLowerCase());
    const target = lookup?.referenceTo[0];
    const next = target ? c.it.registry.schema.describe(target) : undefined;
    if (!next) {
      throw new RuntimeGap(`Didn't understand relationship '${rel}' of ${current.name}`, c.pos);
    }
    current = next;
  }
  return fieldOf(c, current, parts[parts.length - 1] ?? '');
}

function fnOf(c: Ctx, name: string, parameters: unknown[]): Fn {
  const upper = name.toUpperCase();
  if (!AGGREGATES.has(upper)) {
    throw new RuntimeGap(`SOQL function ${name}() in an aggregate query`, c.pos);
  }
  const param = parameters[0];
  if (parameters.length > 1 || (param !== undefined && typeof param !== 'string')) {
    throw new RuntimeGap(`SOQL ${name}() of a function`, c.pos);
  }
  return { name: upper, path: param };
}

/** The Apex type of an aggregate's value (see the module comment for what is unverified). */
function resultType(fn: Fn, field: FieldDescribe | undefined): PrimitiveName {
  if (fn.name === 'COUNT' || fn.name === 'COUNT_DISTINCT') {
    return 'Integer';
  }
  const t = field?.apexType ?? 'Decimal';
  if (fn.name === 'AVG') {
    return t === 'Double' ? 'Double' : 'Decimal';
  }
  return t;
}

const columnField = (key: string, apexType: PrimitiveName): FieldDescribe => {
  const f = aggregateResultType([[key, apexType]]).fields.get(key.toLowerCase());
  if (!f) {
    throw new Error(`no column ${key}`);
  }
  return f;
};

function columns(c: Ctx, type: SObjectDescribe, fields: FieldType[]): Column[] {
  let expr = 0;
  return fields.map((f): Column => {
    switch (f.type) {
      case 'Field':
      case 'FieldRelationship': {
        const path = f.type === 'Field' ? f.field : (f.rawValue ?? [...f.relationships, f.field].join('.'));
        const field = pathField(c, type, path);
        const alias = 'alias' in f ? f.alias : undefined;
        return { key: alias ?? field.name, path, field };
      }
      case 'FieldFunctionExpression': {
        const fn = fnOf(c, f.functionName, f.parameters);
        const key = f.alias ?? `expr${expr++}`;
        const source = fn.path === undefined ? undefined : pathField(c, type, fn.path);
        return { key, fn, field: columnField(key, resultType(fn, source)) };
      }
      default:
        throw new RuntimeGap(`SOQL select item ${f.type} in an aggregate query`, c.pos);
    }
  });
}

function toDecimal(v: Value): Decimal {
  if (v instanceof Decimal) {
    return v;
  }
  if (v instanceof ApexDouble) {
    return Decimal.fromNumber(v.value);
  }
  return typeof v === 'bigint' ? Decimal.fromBigInt(v) : Decimal.fromNumber(Number(v));
}

/** Text compares case-insensitively in SOQL (data/soql-values.ts cmp): one group, one distinct value. */
const groupKey = (v: Value): string =>
  v === null ? '\u0000null' : typeof v === 'string' ? `s:${v.toLowerCase()}` : `v:${toDecimalText(v)}`;

function toDecimalText(v: Value): string {
  if (v instanceof Decimal || v instanceof ApexDouble || typeof v === 'number' || typeof v === 'bigint') {
    return toDecimal(v).toString();
  }
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}

function aggregateValue(c: Ctx, type: SObjectDescribe, fn: Fn, recs: Rec[]): Value {
  if (fn.path === undefined) {
    return recs.length;
  }
  const source = pathField(c, type, fn.path);
  const values = recs.map((r) => valueAt(c, r, fn.path ?? '')).filter((v) => v !== null);
  switch (fn.name) {
    case 'COUNT':
      return values.length;
    case 'COUNT_DISTINCT':
      return new Set(values.map(groupKey)).size;
    case 'MIN':
    case 'MAX': {
      let best: Value = null;
      for (const v of values) {
        const r = best === null ? undefined : cmp(c, source, v, best);
        if (best === null || (r !== undefined && (fn.name === 'MIN' ? r < 0 : r > 0))) {
          best = v;
        }
      }
      return best;
    }
  }
  if (values.length === 0) {
    return null;
  }
  const sum = values.map(toDecimal).reduce((a, b) => a.add(b));
  const t = resultType(fn, source);
  const result = fn.name === 'AVG' ? sum.divide(Decimal.fromBigInt(BigInt(values.length))) : sum;
  switch (t) {
    case 'Integer':
      return Number(result.toBigInt());
    case 'Long':
      return result.toBigInt();
    case 'Double':
      return new ApexDouble(result.toNumber());
    default:
      return result;
  }
}

/** HAVING: the same AND/OR/NOT shape as WHERE (data/soql-clause.ts), its conditions on aggregates or grouped fields. */
function having(c: Ctx, type: SObjectDescribe, clause: WhereClause | undefined, group: Rec[]): boolean {
  if (!clause) {
    return true;
  }
  return evaluateClause(
    tokens(clause),
    (cond) => condition(c, type, cond as unknown as HavingCondition, group),
    () => {
      throw new RuntimeGap('unexpected HAVING clause shape', c.pos);
    }
  );
}

interface HavingCondition {
  field?: string;
  fn?: { functionName: string; parameters?: unknown[] };
  operator: string;
  value?: string | string[];
  literalType?: string | string[];
}

function condition(c: Ctx, type: SObjectDescribe, cond: HavingCondition, group: Rec[]): boolean {
  let actual: Value;
  let f: FieldDescribe;
  if (cond.fn) {
    const fn = fnOf(c, cond.fn.functionName, cond.fn.parameters ?? []);
    const source = fn.path === undefined ? undefined : pathField(c, type, fn.path);
    f = columnField('having', resultType(fn, source));
    actual = aggregateValue(c, type, fn, group);
  } else if (cond.field) {
    f = pathField(c, type, cond.field);
    actual = group[0] ? valueAt(c, group[0], cond.field) : null;
  } else {
    throw new RuntimeGap('SOQL HAVING condition without a field or aggregate', c.pos);
  }
  const value = conditionValue(c, f, cond.value, cond.literalType);
  if (isRange(value)) {
    throw new RuntimeGap('date literal in HAVING', c.pos);
  }
  const op = cond.operator.toUpperCase();
  const single = (Array.isArray(value) ? (value[0] ?? null) : value) as Value;
  switch (op) {
    case '=':
    case '!=':
    case '<>': {
      const eq = actual === null || single === null ? actual === single : cmp(c, f, actual, single) === 0;
      return op === '=' ? eq : !eq;
    }
    case '<':
    case '>':
    case '<=':
    case '>=': {
      const r = cmp(c, f, actual, single);
      return r !== undefined && (op === '<' ? r < 0 : op === '>' ? r > 0 : op === '<=' ? r <= 0 : r >= 0);
    }
    case 'IN':
    case 'NOT IN': {
      const found = collection(c, value).some((x) =>
        actual === null ? x === null : x !== null && cmp(c, f, actual, x) === 0
      );
      return op === 'IN' ? found : !found && actual !== null;
    }
  }
  throw new RuntimeGap(`SOQL operator ${op} in HAVING`, c.pos);
}

function groupBy(c: Ctx, type: SObjectDescribe, query: Query, recs: Rec[]): Rec[][] {
  const clauses = query.groupBy === undefined ? [] : Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy];
  const paths = clauses.map((g) => {
    if (!('field' in g) || typeof g.field !== 'string') {
      throw new RuntimeGap('GROUP BY a function (ROLLUP, CUBE, date functions)', c.pos);
    }
    pathField(c, type, g.field);
    return g.field;
  });
  if (paths.length === 0) {
    // Without GROUP BY the whole result is one group, even when no row matches (COUNT 0, SUM null).
    return [recs];
  }
  const groups = new Map<string, Rec[]>();
  for (const r of recs) {
    const key = paths.map((p) => groupKey(valueAt(c, r, p))).join('\u0001');
    const list = groups.get(key);
    if (list) {
      list.push(r);
    } else {
      groups.set(key, [r]);
    }
  }
  return [...groups.values()];
}

function orderGroups(c: Ctx, type: SObjectDescribe, groups: Rec[][], orderBy: Query['orderBy']): Rec[][] {
  const clauses: OrderByClause[] = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  if (clauses.length === 0) {
    return groups;
  }
  const keys = clauses.map((o) => {
    const desc = o.order?.toUpperCase() === 'DESC';
    const nullsFirst = o.nulls ? o.nulls.toUpperCase() === 'FIRST' : !desc;
    if ('fn' in o && o.fn) {
      const fn = fnOf(c, o.fn.functionName ?? '', o.fn.parameters ?? []);
      const source = fn.path === undefined ? undefined : pathField(c, type, fn.path);
      const f = columnField('order', resultType(fn, source));
      return { desc, nullsFirst, f, value: (g: Rec[]): Value => aggregateValue(c, type, fn, g) };
    }
    if (!('field' in o) || !o.field) {
      throw new RuntimeGap('ORDER BY clause shape in an aggregate query', c.pos);
    }
    const path = o.field;
    const f = pathField(c, type, path);
    return { desc, nullsFirst, f, value: (g: Rec[]): Value => (g[0] ? valueAt(c, g[0], path) : null) };
  });
  return [...groups].sort((a, b) => {
    for (const k of keys) {
      const va = k.value(a);
      const vb = k.value(b);
      if (va === null || vb === null) {
        if (va === vb) {
          continue;
        }
        return (va === null) === k.nullsFirst ? -1 : 1;
      }
      const r = cmp(c, k.f, va, vb) ?? 0;
      if (r !== 0) {
        return k.desc ? -r : r;
      }
    }
    return 0;
  });
}

/**
 * The AggregateResult rows of an aggregate query over the rows that matched its WHERE clause. Query rows counted
 * (Apex Developer Guide "Working with SOQL Aggregate Functions"): a query whose aggregates are all COUNT() or
 * COUNT(field) counts one row, or one per group with GROUP BY; any other counts every row it aggregated.
 */
export function aggregateRows(
  c: Ctx,
  type: SObjectDescribe,
  query: Query,
  matched: Rec[],
  opts: { limit?: number; offset?: number; sosl?: boolean }
): ApexList {
  const cols = columns(c, type, query.fields ?? []);
  for (const col of cols) {
    if (col.path !== undefined && query.groupBy === undefined) {
      throw new RuntimeGap(`Field must be grouped or aggregated: ${col.field.name}`, c.pos);
    }
  }
  let groups = groupBy(c, type, query, matched).filter((g) => having(c, type, query.having, g));
  groups = orderGroups(c, type, groups, query.orderBy);
  const offset = opts.offset ?? 0;
  groups = groups.slice(offset, opts.limit === undefined ? undefined : offset + opts.limit);
  if (!opts.sosl) {
    const countsOnly = cols.every((col) => col.fn === undefined || col.fn.name === 'COUNT');
    countRows(c.it, countsOnly ? (query.groupBy === undefined ? 1 : groups.length) : matched.length, c.pos);
  }
  const resultType = aggregateResultType(cols.map((col) => [col.key, col.field.apexType]));
  const rows = groups.map((g) => {
    const out = new ApexSObject(resultType);
    out.queried = new Set(cols.map((col) => col.key.toLowerCase()));
    for (const col of cols) {
      const value = col.fn ? aggregateValue(c, type, col.fn, g) : g[0] ? valueAt(c, g[0], col.path ?? '') : null;
      out.set(col.key, value);
    }
    return out;
  });
  const list = new ApexList({ kind: 'sobject', name: 'AggregateResult' }, rows);
  list.fromSoql = true;
  return list;
}
