/**
 * String methods (Apex Reference Guide, "String Class"). Many mirror Apache Commons StringUtils (abbreviate,
 * leftPad, normalizeSpace, countMatches, ...) or java.lang.String (split, replaceAll, trim), as the platform does.
 */
import { userTimeZone } from '../data/time-zone.ts';
import type { Pos } from '../ast/nodes.ts';
import { dateString, datetimeString, formatDouble } from '../values/convert.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim } from '../values/types.ts';
import { ApexDate, ApexDatetime, ApexDouble, ApexList, ApexSet, type Value } from '../values/values.ts';
import { NO_METHOD, int, list, optStr, str, type Native } from './args.ts';
import { RegexUnsupported, fullMatch, javaReplace, javaSplit } from './regex.ts';
import { splitByCharacterType } from './string-chartype.ts';
import { STRING_ESCAPE_METHODS } from './string-escapes.ts';

const isWhitespace = (c: string): boolean => /\s/.test(c);

/** StringUtils.abbreviate(str, offset, maxWidth) of Apache Commons Lang, which abbreviate(max[, offset]) mirrors. */
function abbreviate(s: string, offsetIn: number, max: number, fail: (message: string) => never): string {
  if (max < 4) {
    return fail('Minimum abbreviation width is 4');
  }
  if (s.length <= max) {
    return s;
  }
  let offset = Math.min(offsetIn, s.length);
  if (s.length - offset < max - 3) {
    offset = s.length - (max - 3);
  }
  if (offset <= 4) {
    return `${s.slice(0, max - 3)}...`;
  }
  if (max < 7) {
    return fail('Minimum abbreviation width with offset is 7');
  }
  if (offset + max - 3 < s.length) {
    return `...${abbreviate(s.slice(offset), 0, max - 3, fail)}`;
  }
  return `...${s.slice(s.length - (max - 3))}`;
}
const isBlank = (s: string | null): boolean => s === null || /^\s*$/.test(s);

/** Runs a regex operation, turning translation limits into runtime-gap errors and bad syntax into StringException. */
export function withRegex<T>(it: Interpreter, pattern: string, pos: Pos, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof RegexUnsupported) {
      throw new RuntimeGap(e.message, pos);
    }
    if (e instanceof SyntaxError) {
      return it.raise('StringException', `Invalid regex: ${pattern}`, pos);
    }
    throw e;
  }
}

function stringList(items: string[]): ApexList {
  return new ApexList(prim('String'), items);
}

function pad(s: string, size: number, padStr: string | null, left: boolean): string {
  const p = padStr === null || padStr === '' ? ' ' : padStr;
  const need = size - s.length;
  if (need <= 0) {
    return s;
  }
  const padding = p.repeat(Math.ceil(need / p.length)).slice(0, need);
  return left ? padding + s : s + padding;
}

function substring(it: Interpreter, s: string, start: number, end: number, pos: Pos): string {
  if (start < 0 || start > s.length) {
    return it.raise('StringException', `Starting position out of bounds: ${start}`, pos);
  }
  if (end > s.length || end < start) {
    return it.raise('StringException', `Ending position out of bounds: ${end}`, pos);
  }
  return s.slice(start, end);
}

/** String.valueOf: like concatenation, except a Datetime is written in the user's time zone. */
export function valueOfString(it: Interpreter, v: Value): string {
  if (v instanceof ApexDatetime) {
    return datetimeString(v, userTimeZone(it.ctx));
  }
  if (v instanceof ApexDate) {
    return dateString(v);
  }
  if (v instanceof ApexDouble) {
    return formatDouble(v.value);
  }
  return it.str(v);
}

/**
 * String.format: java.text.MessageFormat over the arguments converted to strings first — Apex Reference Guide "String
 * Class" format: "Non-string types in the second argument's List are implicitly converted to strings, respecting the
 * toString() method overrides that exist on the type" (String.valueOf here; null is 'null'). {0}, '' for a quote, '...'
 * quoted literal text; format types such as {0,number,#} are a RuntimeGap (the argument is already a String then, which
 * MessageFormat would refuse; not checked against the platform).
 */
function messageFormat(it: Interpreter, fmt: string, values: Value[], pos: Pos): string {
  // Converted once each, in list order, before the pattern is read: a toString() override runs once per argument even
  // when the pattern names it twice or not at all.
  const args = values.map((v) => (v === null ? 'null' : valueOfString(it, v)));
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i] ?? '';
    if (ch === "'") {
      if (fmt[i + 1] === "'") {
        out += "'";
        i++;
        continue;
      }
      const end = fmt.indexOf("'", i + 1);
      out += fmt.slice(i + 1, end < 0 ? fmt.length : end);
      i = end < 0 ? fmt.length : end;
      continue;
    }
    if (ch === '{') {
      const end = fmt.indexOf('}', i);
      const spec = fmt.slice(i + 1, end);
      if (!/^\d+$/.test(spec)) {
        throw new RuntimeGap(`String.format placeholder {${spec}} (only {n} is implemented)`, pos);
      }
      const arg = args[Number(spec)];
      out += arg ?? `{${spec}}`;
      i = end;
      continue;
    }
    out += ch;
  }
  return out;
}

function iterableStrings(it: Interpreter, v: Value | undefined, pos: Pos): string[] {
  if (v instanceof ApexList) {
    return v.items.map((x) => it.str(x));
  }
  if (v instanceof ApexSet) {
    return [...v.entries.values()].map((x) => it.str(x));
  }
  return v === null || v === undefined ? it.npe(pos) : (list(it, v, pos), []);
}

export const STRING_STATICS: Record<string, Native> = {
  // Apex Reference Guide "String Class" valueOf(toConvert) does not say what null gives. null here, not 'null' as in
  // Java: code that passes on real orgs relies on it (apex-recipes' TestFactory: `String.valueOf(map.get(k))` then
  // `== null`); unverified in the docs (README "Platform wording not documented").
  valueof: (it, _s, a) => (a.length === 1 ? (a[0] === null ? null : valueOfString(it, a[0] ?? null)) : NO_METHOD),
  valueofgmt: (it, _s, a, pos) =>
    a.length === 1 && a[0] instanceof ApexDatetime
      ? datetimeString(a[0], 'GMT')
      : a[0] === null
        ? it.npe(pos)
        : NO_METHOD,
  isblank: (it, _s, a, pos) => (a.length === 1 ? isBlank(optStr(it, a[0], pos)) : NO_METHOD),
  isnotblank: (it, _s, a, pos) => (a.length === 1 ? !isBlank(optStr(it, a[0], pos)) : NO_METHOD),
  isempty: (it, _s, a, pos) => (a.length === 1 ? (optStr(it, a[0], pos) ?? '') === '' : NO_METHOD),
  isnotempty: (it, _s, a, pos) => (a.length === 1 ? (optStr(it, a[0], pos) ?? '') !== '' : NO_METHOD),
  join: (it, _s, a, pos) =>
    a.length === 2 ? iterableStrings(it, a[0], pos).join(optStr(it, a[1], pos) ?? 'null') : NO_METHOD,
  format: (it, _s, a, pos) =>
    a.length === 2 ? messageFormat(it, str(it, a[0], pos), list(it, a[1], pos).items, pos) : NO_METHOD,
  fromchararray: (it, _s, a, pos) =>
    a.length === 1 ? String.fromCharCode(...list(it, a[0], pos).items.map((c) => int(it, c, pos))) : NO_METHOD,
  escapesinglequotes: (it, _s, a, pos) => (a.length === 1 ? str(it, a[0], pos).replace(/'/g, "\\'") : NO_METHOD)
};

type StringMethod = (it: Interpreter, s: string, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

const one =
  (f: (it: Interpreter, s: string, x: string, pos: Pos) => Value): StringMethod =>
  (it, s, a, pos) =>
    a.length === 1 ? f(it, s, str(it, a[0], pos), pos) : NO_METHOD;
const none =
  (f: (s: string) => Value): StringMethod =>
  (_it, s, a) =>
    a.length === 0 ? f(s) : NO_METHOD;

export const STRING_METHODS: Record<string, StringMethod> = {
  ...STRING_ESCAPE_METHODS,
  length: none((s) => s.length),
  // "Returns an array of character values" — Java chars, i.e. UTF-16 code units, as fromCharArray takes them back.
  getchars: none(
    (s) =>
      new ApexList(
        prim('Integer'),
        [...Array(s.length).keys()].map((i) => s.charCodeAt(i))
      )
  ),
  substring: (it, s, a, pos) => {
    if (a.length === 1) {
      return substring(it, s, int(it, a[0], pos), s.length, pos);
    }
    return a.length === 2 ? substring(it, s, int(it, a[0], pos), int(it, a[1], pos), pos) : NO_METHOD;
  },
  indexof: (it, s, a, pos) => {
    if (a.length === 1) {
      return s.indexOf(str(it, a[0], pos));
    }
    return a.length === 2 ? s.indexOf(str(it, a[0], pos), Math.max(0, int(it, a[1], pos))) : NO_METHOD;
  },
  lastindexof: (it, s, a, pos) => (a.length === 1 ? s.lastIndexOf(str(it, a[0], pos)) : NO_METHOD),
  indexofignorecase: one((_it, s, x) => s.toLowerCase().indexOf(x.toLowerCase())),
  contains: one((_it, s, x) => s.includes(x)),
  containsignorecase: one((_it, s, x) => s.toLowerCase().includes(x.toLowerCase())),
  containswhitespace: none((s) => /\s/.test(s)),
  startswith: one((_it, s, x) => s.startsWith(x)),
  endswith: one((_it, s, x) => s.endsWith(x)),
  startswithignorecase: one((_it, s, x) => s.toLowerCase().startsWith(x.toLowerCase())),
  endswithignorecase: one((_it, s, x) => s.toLowerCase().endsWith(x.toLowerCase())),
  touppercase: none((s) => s.toUpperCase()),
  tolowercase: none((s) => s.toLowerCase()),
  // java.lang.String.trim removes leading/trailing characters <= U+0020.
  trim: none((s) => s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')),
  split: (it, s, a, pos) => {
    if (a.length !== 1 && a.length !== 2) {
      return NO_METHOD;
    }
    const pattern = str(it, a[0], pos);
    const limit = a.length === 2 ? int(it, a[1], pos) : 0;
    return stringList(withRegex(it, pattern, pos, () => javaSplit(s, pattern, limit)));
  },
  splitbycharactertype: none((s) => stringList(splitByCharacterType(s, false))),
  splitbycharactertypecamelcase: none((s) => stringList(splitByCharacterType(s, true))),
  replace: (it, s, a, pos) => (a.length === 2 ? s.split(str(it, a[0], pos)).join(str(it, a[1], pos)) : NO_METHOD),
  replaceall: (it, s, a, pos) => {
    if (a.length !== 2) {
      return NO_METHOD;
    }
    const pattern = str(it, a[0], pos);
    return withRegex(it, pattern, pos, () => javaReplace(s, pattern, str(it, a[1], pos), true));
  },
  replacefirst: (it, s, a, pos) => {
    if (a.length !== 2) {
      return NO_METHOD;
    }
    const pattern = str(it, a[0], pos);
    return withRegex(it, pattern, pos, () => javaReplace(s, pattern, str(it, a[1], pos), false));
  },
  matches: one((it, s, x, pos) => withRegex(it, x, pos, () => fullMatch(x, s) !== null)),
  equals: (_it, s, a) => (a.length === 1 ? s === a[0] : NO_METHOD),
  equalsignorecase: (_it, s, a) =>
    a.length === 1 ? typeof a[0] === 'string' && s.toLowerCase() === a[0].toLowerCase() : NO_METHOD,
  compareto: one((_it, s, x) => {
    for (let i = 0; i < Math.min(s.length, x.length); i++) {
      const d = s.charCodeAt(i) - x.charCodeAt(i);
      if (d !== 0) {
        return d;
      }
    }
    return s.length - x.length;
  }),
  hashcode: none((s) => {
    let h = 0;
    for (let i = 0; i < s.length; i++) {
      h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
    }
    return h;
  }),
  left: (it, s, a, pos) => (a.length === 1 ? s.slice(0, Math.max(0, int(it, a[0], pos))) : NO_METHOD),
  right: (it, s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const n = int(it, a[0], pos);
    return n <= 0 ? '' : s.slice(Math.max(0, s.length - n));
  },
  mid: (it, s, a, pos) => {
    if (a.length !== 2) {
      return NO_METHOD;
    }
    const start = Math.max(0, int(it, a[0], pos));
    const len = int(it, a[1], pos);
    return len < 0 || start > s.length ? '' : s.slice(start, start + len);
  },
  leftpad: (it, s, a, pos) =>
    a.length === 1 || a.length === 2 ? pad(s, int(it, a[0], pos), optStr(it, a[1], pos), true) : NO_METHOD,
  rightpad: (it, s, a, pos) =>
    a.length === 1 || a.length === 2 ? pad(s, int(it, a[0], pos), optStr(it, a[1], pos), false) : NO_METHOD,
  abbreviate: (it, s, a, pos) => {
    if (a.length !== 1 && a.length !== 2) {
      return NO_METHOD;
    }
    const max = int(it, a[0], pos);
    const offset = a.length === 2 ? int(it, a[1], pos) : 0;
    return abbreviate(s, offset, max, (m) => it.raise('IllegalArgumentException', m, pos));
  },
  escapesinglequotes: none((s) => s.replace(/'/g, "\\'")),
  charat: (it, s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const i = int(it, a[0], pos);
    if (i < 0 || i >= s.length) {
      return it.raise('StringException', `Index out of bounds: ${i}`, pos);
    }
    return s.charCodeAt(i);
  },
  countmatches: one((_it, s, x) => (x === '' ? 0 : s.split(x).length - 1)),
  remove: one((_it, s, x) => (x === '' ? s : s.split(x).join(''))),
  removestart: one((_it, s, x) => (x !== '' && s.startsWith(x) ? s.slice(x.length) : s)),
  removeend: one((_it, s, x) => (x !== '' && s.endsWith(x) ? s.slice(0, s.length - x.length) : s)),
  normalizespace: none((s) => s.trim().replace(/\s+/g, ' ')),
  deletewhitespace: none((s) => [...s].filter((c) => !isWhitespace(c)).join('')),
  repeat: (it, s, a, pos) => {
    if (a.length === 1) {
      return s.repeat(Math.max(0, int(it, a[0], pos)));
    }
    if (a.length === 2) {
      const n = Math.max(0, int(it, a[1], pos));
      return new Array<string>(n).fill(s).join(str(it, a[0], pos));
    }
    return NO_METHOD;
  },
  capitalize: none((s) => (s === '' ? s : (s[0] ?? '').toUpperCase() + s.slice(1))),
  uncapitalize: none((s) => (s === '' ? s : (s[0] ?? '').toLowerCase() + s.slice(1))),
  reverse: none((s) => [...s].reverse().join('')),
  isnumeric: none((s) => /^\d+$/.test(s)),
  isalpha: none((s) => /^[\p{L}]+$/u.test(s)),
  isalphanumeric: none((s) => /^[\p{L}\p{Nd}]+$/u.test(s)),
  isalllowercase: none((s) => s !== '' && s === s.toLowerCase() && /^\p{L}+$/u.test(s)),
  isalluppercase: none((s) => s !== '' && s === s.toUpperCase() && /^\p{L}+$/u.test(s)),
  substringbefore: one((_it, s, x) => (x === '' ? '' : s.includes(x) ? s.slice(0, s.indexOf(x)) : s)),
  substringafter: one((_it, s, x) => (x === '' ? s : s.includes(x) ? s.slice(s.indexOf(x) + x.length) : '')),
  substringbeforelast: one((_it, s, x) => (x === '' || !s.includes(x) ? s : s.slice(0, s.lastIndexOf(x)))),
  substringafterlast: one((_it, s, x) => (x === '' || !s.includes(x) ? '' : s.slice(s.lastIndexOf(x) + x.length))),
  tostring: none((s) => s)
};
