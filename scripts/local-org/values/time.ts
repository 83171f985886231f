/** Time-zone arithmetic for Date/Datetime/Time, using the platform's IANA zone names through Intl. */

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** 0 = Sunday. */
  dayOfWeek: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    });
    formatters.set(tz, f);
  }
  return f;
}

const HOUR_MS = 3_600_000;
/** Instants where the offset shortcut is used: 1971–2199 (whole-second offsets, plain positive years). */
const FAST_FROM = Date.UTC(1971, 0, 1);
const FAST_TO = Date.UTC(2200, 0, 1);
/** Per zone, per hour since the epoch: the zone's offset from GMT through that hour, or null when it changes in it. */
const hourOffsets = new Map<string, Map<number, number | null>>();

/**
 * The offset of `tz` during the hour of `ms`, when it is the same at the hour's first and last millisecond — then it
 * holds for the whole hour: zones change offset at most once an hour (true of the IANA data in this range). Intl is
 * slow (formatToParts), and the same hours come back: events of one request share a few.
 */
function hourOffset(ms: number, tz: string): number | null {
  let zone = hourOffsets.get(tz);
  if (!zone) {
    zone = new Map();
    hourOffsets.set(tz, zone);
  }
  const hour = Math.floor(ms / HOUR_MS);
  let offset = zone.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const first = intlOffset(start, tz);
    offset = first === intlOffset(start + HOUR_MS - 1000, tz) ? first : null;
    if (zone.size >= 10_000) {
      zone.clear();
    }
    zone.set(hour, offset);
  }
  return offset;
}

/** Offset of `tz` at the whole second `ms` (≥ 0), from Intl's wall clock. */
function intlOffset(ms: number, tz: string): number {
  const w = intlWallClock(ms, tz);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - ms;
}

function utcWallClock(d: Date): WallClock {
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    dayOfWeek: d.getUTCDay()
  };
}

/** The wall clock in `tz` at instant `ms`. */
export function wallClock(ms: number, tz: string): WallClock {
  if (tz !== 'GMT' && tz !== 'UTC' && ms >= FAST_FROM && ms < FAST_TO) {
    const offset = hourOffset(ms, tz);
    if (offset !== null) {
      return utcWallClock(new Date(ms + offset));
    }
  }
  return intlWallClock(ms, tz);
}

function intlWallClock(ms: number, tz: string): WallClock {
  if (tz === 'GMT' || tz === 'UTC') {
    return utcWallClock(new Date(ms));
  }
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') {
      parts[p.type] = parseInt(p.value, 10);
    }
  }
  const year = parts['year'] ?? 1970;
  const month = parts['month'] ?? 1;
  const day = parts['day'] ?? 1;
  return {
    year,
    month,
    day,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
    ms: ((ms % 1000) + 1000) % 1000,
    dayOfWeek: new Date(Date.UTC(year, month - 1, day)).getUTCDay()
  };
}

/** Offset of `tz` from GMT at instant `ms`, in milliseconds. */
export function offsetMs(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  return asUtc - ms;
}

/** The instant at which the wall clock in `tz` shows the given fields (months and days may overflow, as in Java). */
export function fromWallClock(
  tz: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0
): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  if (tz === 'GMT' || tz === 'UTC') {
    return asUtc;
  }
  let guess = asUtc - offsetMs(asUtc, tz);
  guess = asUtc - offsetMs(guess, tz);
  return guess;
}

const pad = (n: number, width: number): string => String(Math.abs(n)).padStart(width, '0');

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * Formats an instant with a Java SimpleDateFormat pattern (the syntax Datetime.format(String) takes). Supports
 * y M d H h k K m s S a E D u Z X z and quoted literals; other letters are rejected by the caller's error.
 */
export function formatPattern(ms: number, pattern: string, tz: string): string {
  const w = wallClock(ms, tz);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (ch === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out += "'";
        i += 2;
        continue;
      }
      const stop = end < 0 ? pattern.length : end;
      out += pattern.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) {
      n++;
    }
    i += n;
    out += field(ch, n, w, ms, tz);
  }
  return out;
}

function field(ch: string, n: number, w: WallClock, ms: number, tz: string): string {
  switch (ch) {
    case 'y':
      return n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
    case 'M':
      return n >= 4 ? (MONTHS[w.month - 1] ?? '') : n === 3 ? (MONTHS[w.month - 1] ?? '').slice(0, 3) : pad(w.month, n);
    case 'd':
      return pad(w.day, n);
    case 'H':
      return pad(w.hour, n);
    case 'k':
      return pad(w.hour === 0 ? 24 : w.hour, n);
    case 'K':
      return pad(w.hour % 12, n);
    case 'h':
      return pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
    case 'm':
      return pad(w.minute, n);
    case 's':
      return pad(w.second, n);
    case 'S':
      return pad(w.ms, Math.max(n, 3)).slice(0, Math.max(n, 3));
    case 'a':
      return w.hour < 12 ? 'AM' : 'PM';
    case 'E':
      return n >= 4 ? (DAYS[w.dayOfWeek] ?? '') : (DAYS[w.dayOfWeek] ?? '').slice(0, 3);
    case 'u':
      return String(w.dayOfWeek === 0 ? 7 : w.dayOfWeek);
    case 'D': {
      const start = Date.UTC(w.year, 0, 1);
      return pad(Math.floor((Date.UTC(w.year, w.month - 1, w.day) - start) / 86400000) + 1, n);
    }
    case 'Z':
    case 'X': {
      const off = offsetMs(ms, tz) / 60000;
      if (ch === 'X' && off === 0) {
        return 'Z';
      }
      const sign = off < 0 ? '-' : '+';
      const hh = pad(Math.floor(Math.abs(off) / 60), 2);
      const mm = pad(Math.abs(off) % 60, 2);
      return ch === 'X' && n === 1 ? `${sign}${hh}` : ch === 'X' && n >= 3 ? `${sign}${hh}:${mm}` : `${sign}${hh}${mm}`;
    }
    case 'z':
      return shortZoneName(ms, tz);
    default:
      throw new Error(`Datetime format letter '${ch}'`);
  }
}

function shortZoneName(ms: number, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'short' }).formatToParts(new Date(ms));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? tz;
}

export const pad2 = (n: number): string => pad(n, 2);
export const pad4 = (n: number): string => pad(n, 4);
