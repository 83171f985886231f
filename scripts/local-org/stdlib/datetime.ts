/**
 * Date, Datetime and Time (Apex Reference Guide). Datetime fields and format(pattern) use the running user's time
 * zone (data/time-zone.ts: User.TimeZoneSidKey of the running user); the *Gmt variants use GMT. format() without a pattern is
 * locale-dependent and not implemented.
 */
import type { Pos } from '../ast/nodes.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { userTimeZone } from '../data/time-zone.ts';
import { RuntimeGap } from '../values/errors.ts';
import { formatPattern, fromWallClock, wallClock } from '../values/time.ts';
import { ApexDate, ApexDatetime, ApexTime, type Value } from '../values/values.ts';
import { NO_METHOD, int, str, type Native } from './args.ts';

const MS_PER_DAY = 86400000;
type Method<T> = (it: Interpreter, self: T, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

const tz = (it: Interpreter): string => userTimeZone(it.ctx);

export function today(it: Interpreter): ApexDate {
  const w = wallClock(it.ctx.now(), tz(it));
  return new ApexDate(w.year, w.month, w.day);
}

function dateFromUtc(ms: number): ApexDate {
  const d = new Date(ms);
  return new ApexDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const utcOf = (d: ApexDate): number => Date.UTC(d.year, d.month - 1, d.day);

function ints(it: Interpreter, a: Value[], pos: Pos): number[] {
  return a.map((v) => int(it, v, pos));
}

/** Parses 'yyyy-MM-dd HH:mm:ss' (Datetime.valueOf) in the given zone. */
function parseDatetime(it: Interpreter, s: string, zone: string, pos: Pos): ApexDatetime {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: (\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?$/.exec(s.trim());
  if (!m) {
    return it.raise('TypeException', `Invalid date/time: ${s}`, pos);
  }
  const [y, mo, d, h = '0', mi = '0', sec = '0'] = m.slice(1);
  return new ApexDatetime(fromWallClock(zone, Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(sec)));
}

function addMonths(d: ApexDate, n: number): ApexDate {
  const total = d.year * 12 + (d.month - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return new ApexDate(year, month, Math.min(d.day, last));
}

export const DATE_STATICS: Record<string, Native> = {
  newinstance: (it, _s, a, pos) => {
    if (a.length !== 3) {
      return NO_METHOD;
    }
    const [y = 0, m = 1, d = 1] = ints(it, a, pos);
    return dateFromUtc(Date.UTC(y, m - 1, d));
  },
  today: (it, _s, a) => (a.length === 0 ? today(it) : NO_METHOD),
  valueof: (it, _s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const v = a[0];
    if (v instanceof ApexDatetime) {
      const w = wallClock(v.ms, tz(it));
      return new ApexDate(w.year, w.month, w.day);
    }
    const s = str(it, v, pos);
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?: .*)?$/.exec(s.trim());
    return m
      ? new ApexDate(Number(m[1]), Number(m[2]), Number(m[3]))
      : it.raise('TypeException', `Invalid date: ${s}`, pos);
  },
  isleapyear: (it, _s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const y = int(it, a[0], pos);
    return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  },
  daysinmonth: (it, _s, a, pos) => {
    if (a.length !== 2) {
      return NO_METHOD;
    }
    const [y = 0, m = 1] = ints(it, a, pos);
    return new Date(Date.UTC(y, m, 0)).getUTCDate();
  }
};

function newDatetime(it: Interpreter, a: Value[], pos: Pos, zone: string): Value | typeof NO_METHOD {
  if (a.length === 1 && (typeof a[0] === 'bigint' || typeof a[0] === 'number')) {
    // newInstance(Long milliseconds); an Integer widens to the Long parameter (Apex Developer Guide "Rules of
    // Conversion").
    return new ApexDatetime(Number(a[0]));
  }
  if (a.length === 2 && a[0] instanceof ApexDate && a[1] instanceof ApexTime) {
    const d = a[0];
    return new ApexDatetime(fromWallClock(zone, d.year, d.month, d.day) + a[1].ms);
  }
  if (a.length !== 3 && a.length !== 6) {
    return NO_METHOD;
  }
  const [y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0] = ints(it, a, pos);
  return new ApexDatetime(fromWallClock(zone, y, mo, d, h, mi, s));
}

export const DATETIME_STATICS: Record<string, Native> = {
  newinstance: (it, _s, a, pos) => newDatetime(it, a, pos, tz(it)),
  newinstancegmt: (it, _s, a, pos) => (a.length === 1 ? NO_METHOD : newDatetime(it, a, pos, 'GMT')),
  now: (it, _s, a) => (a.length === 0 ? new ApexDatetime(it.ctx.now()) : NO_METHOD),
  valueof: (it, _s, a, pos) => (a.length === 1 ? parseDatetime(it, str(it, a[0], pos), tz(it), pos) : NO_METHOD),
  valueofgmt: (it, _s, a, pos) => (a.length === 1 ? parseDatetime(it, str(it, a[0], pos), 'GMT', pos) : NO_METHOD)
};

export const TIME_STATICS: Record<string, Native> = {
  newinstance: (it, _s, a, pos) => {
    if (a.length !== 4) {
      return NO_METHOD;
    }
    const [h = 0, m = 0, s = 0, ms = 0] = ints(it, a, pos);
    return new ApexTime(((((h * 3600 + m * 60 + s) * 1000 + ms) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY);
  }
};

const n0 =
  <T>(f: (it: Interpreter, v: T) => Value): Method<T> =>
  (it, v, a) =>
    a.length === 0 ? f(it, v) : NO_METHOD;
const n1 =
  <T>(f: (it: Interpreter, v: T, n: number) => Value): Method<T> =>
  (it, v, a, pos) =>
    a.length === 1 ? f(it, v, int(it, a[0], pos)) : NO_METHOD;

export const DATE_METHODS: Record<string, Method<ApexDate>> = {
  year: n0((_it, d) => d.year),
  month: n0((_it, d) => d.month),
  day: n0((_it, d) => d.day),
  dayofyear: n0((_it, d) => Math.round((utcOf(d) - Date.UTC(d.year, 0, 1)) / MS_PER_DAY) + 1),
  adddays: n1((_it, d, n) => dateFromUtc(utcOf(d) + n * MS_PER_DAY)),
  addmonths: n1((_it, d, n) => addMonths(d, n)),
  addyears: n1((_it, d, n) => addMonths(d, n * 12)),
  daysbetween: (it, d, a, pos) => {
    const other = a[0];
    if (a.length !== 1 || !(other instanceof ApexDate)) {
      return a[0] === null ? it.npe(pos) : NO_METHOD;
    }
    return Math.round((utcOf(other) - utcOf(d)) / MS_PER_DAY);
  },
  issameday: (_it, d, a) => {
    const o = a[0];
    return a.length === 1 && o instanceof ApexDate
      ? o.year === d.year && o.month === d.month && o.day === d.day
      : NO_METHOD;
  },
  tostartofmonth: n0((_it, d) => new ApexDate(d.year, d.month, 1))
};

const local = (it: Interpreter, dt: ApexDatetime) => wallClock(dt.ms, tz(it));
const gmt = (dt: ApexDatetime) => wallClock(dt.ms, 'GMT');
const addMs =
  (ms: number): ((it: Interpreter, dt: ApexDatetime, n: number) => Value) =>
  (_it, dt, n) =>
    new ApexDatetime(dt.ms + n * ms);

function addMonthsLocal(it: Interpreter, dt: ApexDatetime, months: number): ApexDatetime {
  const w = local(it, dt);
  const d = addMonths(new ApexDate(w.year, w.month, w.day), months);
  return new ApexDatetime(fromWallClock(tz(it), d.year, d.month, d.day, w.hour, w.minute, w.second, w.ms));
}

function format(it: Interpreter, dt: ApexDatetime, pattern: string, zone: string, pos: Pos): string {
  try {
    return formatPattern(dt.ms, pattern, zone);
  } catch (e) {
    throw new RuntimeGap(`Datetime.format('${pattern}'): ${(e as Error).message} is not implemented`, pos);
  }
}

export const DATETIME_METHODS: Record<string, Method<ApexDatetime>> = {
  year: n0((it, dt) => local(it, dt).year),
  month: n0((it, dt) => local(it, dt).month),
  day: n0((it, dt) => local(it, dt).day),
  hour: n0((it, dt) => local(it, dt).hour),
  minute: n0((it, dt) => local(it, dt).minute),
  second: n0((it, dt) => local(it, dt).second),
  millisecond: n0((it, dt) => local(it, dt).ms),
  yeargmt: n0((_it, dt) => gmt(dt).year),
  monthgmt: n0((_it, dt) => gmt(dt).month),
  daygmt: n0((_it, dt) => gmt(dt).day),
  hourgmt: n0((_it, dt) => gmt(dt).hour),
  minutegmt: n0((_it, dt) => gmt(dt).minute),
  secondgmt: n0((_it, dt) => gmt(dt).second),
  millisecondgmt: n0((_it, dt) => gmt(dt).ms),
  gettime: n0((_it, dt) => BigInt(dt.ms)),
  date: n0((it, dt) => {
    const w = local(it, dt);
    return new ApexDate(w.year, w.month, w.day);
  }),
  dategmt: n0((_it, dt) => {
    const w = gmt(dt);
    return new ApexDate(w.year, w.month, w.day);
  }),
  time: n0((it, dt) => {
    const w = local(it, dt);
    return new ApexTime(((w.hour * 60 + w.minute) * 60 + w.second) * 1000 + w.ms);
  }),
  adddays: n1(addMs(MS_PER_DAY)),
  addhours: n1(addMs(3600000)),
  addminutes: n1(addMs(60000)),
  addseconds: n1(addMs(1000)),
  addmonths: n1((it, dt, n) => addMonthsLocal(it, dt, n)),
  addyears: n1((it, dt, n) => addMonthsLocal(it, dt, n * 12)),
  format: (it, dt, a, pos) => {
    if (a.length === 1) {
      return format(it, dt, str(it, a[0], pos), tz(it), pos);
    }
    if (a.length === 2) {
      return format(it, dt, str(it, a[0], pos), str(it, a[1], pos), pos);
    }
    return NO_METHOD;
  },
  formatgmt: (it, dt, a, pos) => (a.length === 1 ? format(it, dt, str(it, a[0], pos), 'GMT', pos) : NO_METHOD),
  issameday: (it, dt, a) => {
    const o = a[0];
    if (a.length !== 1 || !(o instanceof ApexDatetime)) {
      return NO_METHOD;
    }
    const x = local(it, dt);
    const y = local(it, o);
    return x.year === y.year && x.month === y.month && x.day === y.day;
  }
};

export const TIME_METHODS: Record<string, Method<ApexTime>> = {
  hour: n0((_it, t) => Math.floor(t.ms / 3600000)),
  minute: n0((_it, t) => Math.floor(t.ms / 60000) % 60),
  second: n0((_it, t) => Math.floor(t.ms / 1000) % 60),
  millisecond: n0((_it, t) => t.ms % 1000),
  addhours: n1((_it, t, n) => new ApexTime((((t.ms + n * 3600000) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY)),
  addminutes: n1((_it, t, n) => new ApexTime((((t.ms + n * 60000) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY)),
  addseconds: n1((_it, t, n) => new ApexTime((((t.ms + n * 1000) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY)),
  addmilliseconds: n1((_it, t, n) => new ApexTime((((t.ms + n) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY))
};
