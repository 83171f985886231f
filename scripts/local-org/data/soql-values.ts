/**
 * The values a SOQL condition compares (data/soql.ts): literals, binds, date literals as day ranges in the org's time
 * zone, and how two values of a field compare (text ignoring case, Ids by their 18-character form, numbers, dates).
 */
import type { Ctx } from './soql-rows.ts';
import { compareNumbers, isNumber } from '../values/convert.ts';
import { Decimal } from '../values/decimal.ts';
import { RuntimeGap } from '../values/errors.ts';
import { fromWallClock, wallClock } from '../values/time.ts';
import { ApexDate, ApexDatetime, ApexList, ApexSet, ApexSObject, type Value } from '../values/values.ts';
import { normalizeId } from '../schema/ids.ts';
import type { FieldDescribe } from '../schema/schema.ts';
import { userTimeZone } from './time-zone.ts';

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

export interface DayRange {
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
  const w = wallClock(c.it.ctx.now(), userTimeZone(c.it.ctx));
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

export const isRange = (v: unknown): v is DayRange => typeof v === 'object' && v !== null && 'range' in v;

export function dayStart(c: Ctx, d: ApexDate): number {
  return fromWallClock(userTimeZone(c.it.ctx), d.year, d.month, d.day);
}

/** -1/0/1, or undefined when either side is null or they do not compare. */
export function cmp(c: Ctx, f: FieldDescribe, a: Value, b: Value): number | undefined {
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

export function like(value: string, pattern: string): boolean {
  const re = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${re}$`, 'is').test(value);
}

export function collection(c: Ctx, v: Value | DayRange | (Value | DayRange)[]): Value[] {
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
export function conditionValue(
  c: Ctx,
  f: FieldDescribe,
  raw: string | string[] | undefined,
  types: string | string[] | undefined
): Value | DayRange | (Value | DayRange)[] {
  return Array.isArray(raw)
    ? raw.map((r, i) => literal(c, (Array.isArray(types) ? types[i] : types) ?? 'STRING', r, f))
    : literal(c, (Array.isArray(types) ? types[0] : types) ?? 'STRING', raw ?? '', f);
}
