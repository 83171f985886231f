/**
 * String escaping and case-insensitive trimming (Apex Reference Guide "String Class"): `escapeJava`/`unescapeJava`
 * ("Java String rules": quotes, backslash and control characters such as tab, backspace and carriage return; the
 * platform uses Apache Commons Lang's StringEscapeUtils — characters above 0x7F written as \uXXXX follow Commons Lang 2
 * and are **unverified**), `removeStartIgnoreCase`/`removeEndIgnoreCase` ("removes the leading/trailing substring if it
 * occurs, regardless of case").
 */
import type { Pos } from '../ast/nodes.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import type { Value } from '../values/values.ts';
import { NO_METHOD, str } from './args.ts';

type StringMethod = (it: Interpreter, s: string, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

const NAMED: Record<string, string> = { '\b': 'b', '\n': 'n', '\t': 't', '\f': 'f', '\r': 'r', '"': '"', '\\': '\\' };

export function escapeJava(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    const named = NAMED[ch];
    if (named !== undefined) {
      out += `\\${named}`;
    } else if (code < 0x20 || code > 0x7e) {
      // Supplementary characters as their two UTF-16 units, each \uXXXX.
      for (let i = 0; i < ch.length; i++) {
        out += `\\u${ch.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')}`;
      }
    } else {
      out += ch;
    }
  }
  return out;
}

const UNESCAPE: Record<string, string> = {
  b: '\b',
  n: '\n',
  t: '\t',
  f: '\f',
  r: '\r',
  '"': '"',
  "'": "'",
  '\\': '\\'
};

/** Commons Lang unescapeJava: named escapes, \uXXXX (one or more u), octal \0–\377; an unknown escape stays as is. */
export function unescapeJava(s: string): string {
  return s.replace(/\\(u+[0-9a-fA-F]{4}|[0-3][0-7]{0,2}|[4-7][0-7]?|.)/gs, (all, esc: string) => {
    if (esc.startsWith('u')) {
      return String.fromCharCode(parseInt(esc.replace(/^u+/, ''), 16));
    }
    if (/^[0-7]/.test(esc)) {
      return String.fromCharCode(parseInt(esc, 8));
    }
    return UNESCAPE[esc] ?? all;
  });
}

const startsWithIgnoreCase = (s: string, x: string): boolean => s.slice(0, x.length).toLowerCase() === x.toLowerCase();
const endsWithIgnoreCase = (s: string, x: string): boolean =>
  x.length <= s.length && s.slice(s.length - x.length).toLowerCase() === x.toLowerCase();

export const STRING_ESCAPE_METHODS: Record<string, StringMethod> = {
  escapejava: (_it, s, a) => (a.length === 0 ? escapeJava(s) : NO_METHOD),
  unescapejava: (_it, s, a) => (a.length === 0 ? unescapeJava(s) : NO_METHOD),
  removestartignorecase: (it, s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const x = str(it, a[0], pos);
    return x !== '' && startsWithIgnoreCase(s, x) ? s.slice(x.length) : s;
  },
  removeendignorecase: (it, s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const x = str(it, a[0], pos);
    return x !== '' && endsWithIgnoreCase(s, x) ? s.slice(0, s.length - x.length) : s;
  }
};
