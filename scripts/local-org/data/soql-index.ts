/**
 * The rows a SOQL WHERE clause is evaluated on (data/soql.ts): the whole table, or the rows the store's index finds
 * when the clause pins them (data/store.ts).
 */
import type { Condition, WhereClause } from '@jetstreamapp/soql-parser-js';
import { isNumber } from '../values/convert.ts';
import { ApexDate, ApexDatetime, type Value } from '../values/values.ts';
import type { FieldDescribe, SObjectDescribe } from '../schema/schema.ts';
import { clause, tokens, type Clause, type Token } from './soql-clause.ts';
import type { Ctx, Rec } from './soql-rows.ts';
import { collection, conditionValue, isRange, type DayRange } from './soql-values.ts';
import { countScan, type IndexKind, type Row, type Table } from './store.ts';

/**
 * The rows of `type` that `where` is evaluated on, in table order: the whole table, or — when the clause pins its
 * rows by `=` / IN on the Id, an External ID, a unique or a lookup field — only the rows holding those values, found
 * through the store's index (data/store.ts) instead of a scan. `matches` still decides on every row returned, so the
 * result is the scan's, in the scan's order; a skipped row is one the clause is false for. The index is used only
 * when evaluating the clause on a skipped row could not have failed either (`evaluable`): no relationship paths, no
 * unsupported shapes, every value comparable with its field; anything else is scanned, failing as it always did.
 */
export function scanned(c: Ctx, type: SObjectDescribe, where: WhereClause | undefined): Rec[] {
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
export function scanRows(table: Table): Row[] {
  countScan(table.size);
  return [...table.values()];
}

/** Whether `scanned` may use the index; the tests turn it off to compare every query with a full scan. */
export const indexLookups = { enabled: true };

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
