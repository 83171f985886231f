/**
 * Whether a row matches a SOQL WHERE clause (data/soql.ts): AND/OR/NOT, the comparison operators, IN / NOT IN (with
 * semi-join and anti-join subqueries), LIKE, INCLUDES/EXCLUDES, date literals, null.
 */
import type { Condition, Query, WhereClause } from '@jetstreamapp/soql-parser-js';
import { RuntimeGap } from '../values/errors.ts';
import { ApexDatetime, ApexList, ApexSet, type Value } from '../values/values.ts';
import { evaluateClause, tokens } from './soql-clause.ts';
import { scanned } from './soql-index.ts';
import { fieldOf, parentOf, valueAt, visible, type Ctx, type Rec } from './soql-rows.ts';
import { cmp, collection, conditionValue, dayStart, isRange, like } from './soql-values.ts';

export function matches(c: Ctx, rec: Rec, where: WhereClause | undefined): boolean {
  if (!where) {
    return true;
  }
  return evaluateClause(
    tokens(where),
    (cond) => condition(c, rec, cond),
    () => {
      throw new RuntimeGap('unexpected WHERE clause shape', c.pos);
    }
  );
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
      if (pattern instanceof ApexList || pattern instanceof ApexSet) {
        // `Name LIKE :patterns` with a collection bind matches any of its patterns: the docs name IN / NOT IN only for
        // collection binds (Apex Developer Guide "Using Apex Variables in SOQL and SOSL Queries"); public code that
        // runs on the platform relies on this form (unverified).
        const any = collection(c, pattern);
        return typeof actual === 'string' && any.some((p) => typeof p === 'string' && like(actual, p));
      }
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
