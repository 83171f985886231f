/**
 * Java regular expressions (the syntax Apex Pattern, String.split/replaceAll/matches use) translated to JavaScript
 * RegExp. Constructs that JS cannot express the Java way are rejected with a clear error, never approximated:
 * possessive quantifiers, atomic groups, class intersections/unions, \R, \x{...}, embedded flags other than a
 * leading (?i)(?s)(?m)(?u), Unicode \p{...} other than the POSIX/ASCII classes listed in POSIX below.
 */
import { RuntimeGap } from '../values/errors.ts';

const POSIX: Record<string, string> = {
  Lower: 'a-z',
  Upper: 'A-Z',
  ASCII: '\\x00-\\x7F',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Alnum: 'a-zA-Z0-9',
  Punct: '!-\\/:-@\\[-`{-~',
  Graph: '!-~',
  Print: ' -~',
  Blank: ' \\t',
  Cntrl: '\\x00-\\x1F\\x7F',
  XDigit: '0-9a-fA-F',
  Space: ' \\t\\n\\x0B\\f\\r'
};
const VERTICAL = '\\n\\x0B\\f\\r\\x85\\u2028\\u2029';
const HORIZONTAL = ' \\t\\xA0\\u1680\\u180e\\u2000-\\u200a\\u202f\\u205f\\u3000';
const END_OF_INPUT = '(?![\\s\\S])';

export interface TranslatedRegex {
  source: string;
  flags: string;
}

const cache = new Map<string, TranslatedRegex>();

export class RegexUnsupported extends Error {}

function unsupported(what: string, pattern: string): never {
  throw new RegexUnsupported(`Java regex construct ${what} in /${pattern}/ has no faithful JavaScript translation`);
}

export function translateRegex(pattern: string): TranslatedRegex {
  const hit = cache.get(pattern);
  if (hit) {
    return hit;
  }
  let flags = '';
  let i = 0;
  for (let m = /^\(\?([imsu]+)\)/.exec(pattern.slice(i)); m; m = /^\(\?([imsu]+)\)/.exec(pattern.slice(i))) {
    for (const f of m[1] ?? '') {
      if (f !== 'u' && !flags.includes(f)) {
        flags += f;
      }
    }
    i += m[0].length;
  }
  const multiline = flags.includes('m');
  let out = '';
  let inClass = false;
  while (i < pattern.length) {
    const ch = pattern[i] ?? '';
    if (ch === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) {
        unsupported('trailing backslash', pattern);
      }
      if (next === 'Q') {
        const end = pattern.indexOf('\\E', i + 2);
        const literal = pattern.slice(i + 2, end < 0 ? pattern.length : end);
        out += literal.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
        i = end < 0 ? pattern.length : end + 2;
        continue;
      }
      if (next === 'p' || next === 'P') {
        const m = /^\{(?:Is)?([A-Za-z]+)\}/.exec(pattern.slice(i + 2));
        const cls = m ? POSIX[m[1] ?? ''] : undefined;
        if (!m || !cls) {
          unsupported(`\\${next}${m ? m[0] : ''}`, pattern);
        }
        const negate = next === 'P';
        out += inClass
          ? negate
            ? unsupported('negated \\P inside a class', pattern)
            : cls
          : `[${negate ? '^' : ''}${cls}]`;
        i += 2 + m[0].length;
        continue;
      }
      switch (next) {
        case 'A':
          out += multiline ? '(?<![\\s\\S])' : '^';
          break;
        case 'z':
          out += END_OF_INPUT;
          break;
        case 'Z':
          out += `(?=\\n?${END_OF_INPUT})`;
          break;
        case 'h':
          out += inClass ? HORIZONTAL : `[${HORIZONTAL}]`;
          break;
        case 'H':
          out += inClass ? unsupported('\\H inside a class', pattern) : `[^${HORIZONTAL}]`;
          break;
        case 'v':
          out += inClass ? VERTICAL : `[${VERTICAL}]`;
          break;
        case 'V':
          out += inClass ? unsupported('\\V inside a class', pattern) : `[^${VERTICAL}]`;
          break;
        case 'R':
        case 'X':
        case 'G':
        case 'e':
        case 'a':
          unsupported(`\\${next}`, pattern);
          break;
        case 'x':
          if (pattern[i + 2] === '{') {
            unsupported('\\x{...}', pattern);
          }
          out += '\\x';
          break;
        case '0':
          unsupported('octal escape \\0', pattern);
          break;
        default:
          out += `\\${next}`;
      }
      i += 2;
      continue;
    }
    if (inClass) {
      if (ch === '[') {
        unsupported('nested character class (union)', pattern);
      }
      if (ch === '&' && pattern[i + 1] === '&') {
        unsupported('character class intersection &&', pattern);
      }
      if (ch === ']') {
        inClass = false;
      }
      out += ch;
      i++;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      i++;
      if (pattern[i] === '^') {
        out += '^';
        i++;
      }
      if (pattern[i] === ']') {
        // Java allows ']' first in a class as a literal.
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      if (rest.startsWith('>')) {
        unsupported('atomic group (?>...)', pattern);
      }
      if (/^[imsuxdU-]+[:)]/.test(rest)) {
        unsupported('embedded flags inside the pattern', pattern);
      }
    }
    if ((ch === '*' || ch === '+' || ch === '?' || ch === '}') && pattern[i + 1] === '+') {
      unsupported('possessive quantifier', pattern);
    }
    if (ch === '$' && !multiline) {
      out += `(?=\\n?${END_OF_INPUT})`;
      i++;
      continue;
    }
    out += ch;
    i++;
  }
  if (inClass) {
    unsupported('unclosed character class', pattern);
  }
  const result = { source: out, flags };
  cache.set(pattern, result);
  return result;
}

/** Compiles a Java regex for JS; `extraFlags` e.g. 'g' or 'y'. Invalid syntax → thrown SyntaxError. */
export function compileJavaRegex(pattern: string, extraFlags = ''): RegExp {
  const t = translateRegex(pattern);
  return new RegExp(t.source, t.flags + extraFlags);
}

/**
 * Whole-input (sticky) regexes by Java pattern, built once: `fullMatch` sets lastIndex before every exec, so a kept
 * one answers as a new one would (nothing else sees it). Cleared with the translation cache's size in mind.
 */
const fullMatchers = new Map<string, RegExp>();
const MAX_FULL_MATCHERS = 1000;

/** Java Matcher.matches(): the whole input must match. */
export function fullMatch(pattern: string, input: string): RegExpExecArray | null {
  let re = fullMatchers.get(pattern);
  if (!re) {
    const t = translateRegex(pattern);
    re = new RegExp(`(?:${t.source})${END_OF_INPUT}`, `${t.flags}y`);
    if (fullMatchers.size >= MAX_FULL_MATCHERS) {
      fullMatchers.clear();
    }
    fullMatchers.set(pattern, re);
  }
  re.lastIndex = 0;
  return re.exec(input);
}

/** Expands a Java replacement string ($1, ${name}, \$) for one match. */
export function expandReplacement(replacement: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i];
    if (ch === '\\') {
      i++;
      out += replacement[i] ?? '';
    } else if (ch === '$') {
      const named = /^\{([A-Za-z][A-Za-z0-9]*)\}/.exec(replacement.slice(i + 1));
      if (named) {
        const value = match.groups?.[named[1] ?? ''];
        if (value === undefined && !((named[1] ?? '') in (match.groups ?? {}))) {
          throw new RuntimeGap(`No group with name {${named[1] ?? ''}}`);
        }
        out += value ?? '';
        i += named[0].length;
        continue;
      }
      const digits = /^\d+/.exec(replacement.slice(i + 1));
      if (!digits) {
        throw new RuntimeGap(`Illegal group reference in replacement '${replacement}'`);
      }
      // Java takes the longest group number that exists.
      let num = digits[0];
      while (num.length > 1 && Number(num) >= match.length) {
        num = num.slice(0, -1);
      }
      if (Number(num) >= match.length) {
        throw new RuntimeGap(`No group ${num} in replacement '${replacement}'`);
      }
      out += match[Number(num)] ?? '';
      i += num.length;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Java String.replaceAll / replaceFirst. */
export function javaReplace(input: string, pattern: string, replacement: string, all: boolean): string {
  const re = compileJavaRegex(pattern, 'g');
  let out = '';
  let last = 0;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    out += input.slice(last, m.index) + expandReplacement(replacement, m);
    last = m.index + m[0].length;
    if (m[0].length === 0) {
      re.lastIndex++;
      if (m.index < input.length) {
        out += input[m.index];
        last = m.index + 1;
      }
    }
    if (!all) {
      break;
    }
  }
  return out + input.slice(last);
}

/**
 * Java String.split(regex, limit): trailing empty strings are removed when limit is 0; a zero-width match at the
 * start never yields a leading empty string.
 */
export function javaSplit(input: string, pattern: string, limit = 0): string[] {
  if (input === '') {
    return [''];
  }
  const re = compileJavaRegex(pattern, 'g');
  const parts: string[] = [];
  let last = 0;
  for (let m = re.exec(input); m; m = re.exec(input)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      if (m.index === 0 || m.index >= input.length) {
        continue;
      }
    }
    if (limit > 0 && parts.length === limit - 1) {
      break;
    }
    if (m.index === 0 && m[0].length === 0) {
      continue;
    }
    parts.push(input.slice(last, m.index));
    last = m.index + m[0].length;
  }
  parts.push(input.slice(last));
  if (limit === 0) {
    while (parts.length > 1 && parts[parts.length - 1] === '') {
      parts.pop();
    }
    if (parts.length === 1 && parts[0] === '') {
      return input === '' ? [''] : [];
    }
  }
  return parts;
}
