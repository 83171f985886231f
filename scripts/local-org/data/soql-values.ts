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
import { firstDayOfWeek } from './user-locale.ts';

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

/**
 * A date literal as the days it stands for, from the running user's today (SOQL and SOSL Reference "Date Formats and
 * Date Literals in WHERE"): LAST_N_DAYS:n includes today, NEXT_N_DAYS:n starts tomorrow (NEXT_N_DAYS:1 is TOMORROW);
 * weeks start on the locale's first day (data/user-locale.ts); LAST_N_WEEKS/MONTHS/QUARTERS/YEARS:n are the n whole
 * periods before the current one, NEXT_N_…:n the n after it, N_…_AGO:n the one period n before. Quarters are
 * calendar quarters; the FISCAL literals (which need the org's fiscal year settings) are RuntimeGaps.
 */
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
  // Periods of `months` months (1 month, 3 a quarter, 12 a year): the current one is `first`; `from`/`to` count periods.
  const periods = (months: number, from: number, to: number): DayRange => {
    const index = Math.floor((w.year * 12 + w.month - 1) / months) * months;
    const at = (k: number): ApexDate => {
      const m = index + k * months;
      return new ApexDate(Math.floor(m / 12), (m % 12) + 1, 1);
    };
    return { range: true, from: at(from), to: at(to) };
  };
  const weekday = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
  const weekStart = -((weekday - firstDayOfWeek(c.it.ctx) + 7) % 7);
  const weeks = (from: number, to: number): DayRange => range(weekStart + 7 * from, weekStart + 7 * to);
  const unit = /^(?:LAST|NEXT|THIS)_(?:N_)?(WEEK|MONTH|QUARTER|YEAR)S?$|^N_(WEEK|MONTH|QUARTER|YEAR)S_AGO$/.exec(name);
  const kind = unit?.[1] ?? unit?.[2];
  if (kind) {
    const span = (from: number, to: number): DayRange =>
      kind === 'WEEK' ? weeks(from, to) : periods(kind === 'MONTH' ? 1 : kind === 'QUARTER' ? 3 : 12, from, to);
    if (name.startsWith('THIS_')) {
      return span(0, 1);
    }
    if (name.endsWith('_AGO')) {
      return span(-n, -n + 1);
    }
    const count = name.includes('_N_') ? n : 1;
    return name.startsWith('LAST_') ? span(-count, 0) : span(1, 1 + count);
  }
  switch (name) {
    case 'TODAY':
      return range(0, 1);
    case 'YESTERDAY':
      return range(-1, 0);
    case 'TOMORROW':
      return range(1, 2);
    case 'LAST_90_DAYS':
      return range(-90, 1);
    case 'NEXT_90_DAYS':
      return range(1, 91);
    case 'LAST_N_DAYS':
      return range(-n, 1);
    case 'NEXT_N_DAYS':
      return range(1, n + 1);
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
