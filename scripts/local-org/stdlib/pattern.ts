/** Pattern and Matcher (Apex Reference Guide), over the Java→JavaScript regex translation in regex.ts. */
import type { Pos } from '../ast/nodes.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim } from '../values/types.ts';
import { ApexList, NativeObject, type Value } from '../values/values.ts';
import { NO_METHOD, int, str, type Native } from './args.ts';
import { compileJavaRegex, expandReplacement, fullMatch, javaReplace, javaSplit } from './regex.ts';
import { withRegex } from './strings.ts';

interface PatternState {
  source: string;
}

interface MatcherState {
  pattern: string;
  input: string;
  regex: RegExp;
  match: RegExpExecArray | null;
  /** Where the next find() starts. */
  from: number;
  /** Input characters the matching so far has certainly read (a lower bound of the engine's accesses). */
  accessed: number;
}

/**
 * Apex Developer Guide, "Using Patterns and Matchers": the input of a regular expression can be accessed at most
 * 1,000,000 times, beyond which "Regex too complicated" is thrown (a System.LimitException: uncatchable). Java's
 * engine counts every access, backtracking included, which JavaScript's does not expose; this counts what any engine
 * must read — every character a successful matches() covers, and for find() every character from where the search
 * started to the end of the match (or of the input, when nothing is found) — so it refuses only what the platform
 * refuses too, and lets through backtracking-heavy patterns over shorter inputs (unverified whether the platform
 * counts per Matcher or per transaction; per Matcher here). String.matches/split/replaceAll are not counted.
 * platform-limits.ts row regex-input-access.
 */
export const REGEX_INPUT_ACCESS_LIMIT = 1_000_000;

function countAccess(it: Interpreter, m: MatcherObject, characters: number, pos: Pos): void {
  m.state.accessed += Math.max(0, characters);
  if (m.state.accessed > REGEX_INPUT_ACCESS_LIMIT) {
    it.raise('LimitException', 'Regex too complicated', pos);
  }
}

type PatternObject = NativeObject<PatternState>;
type MatcherObject = NativeObject<MatcherState>;

function compile(it: Interpreter, source: string, pos: Pos): PatternObject {
  withRegex(it, source, pos, () => compileJavaRegex(source));
  return new NativeObject('Pattern', { source });
}

function newMatcher(it: Interpreter, p: PatternObject, input: string, pos: Pos): MatcherObject {
  const regex = withRegex(it, p.state.source, pos, () => compileJavaRegex(p.state.source, 'g'));
  return new NativeObject('Matcher', { pattern: p.state.source, input, regex, match: null, from: 0, accessed: 0 });
}

export const PATTERN_STATICS: Record<string, Native> = {
  compile: (it, _s, a, pos) => (a.length === 1 ? compile(it, str(it, a[0], pos), pos) : NO_METHOD),
  matches: (it, _s, a, pos) => {
    if (a.length !== 2) {
      return NO_METHOD;
    }
    const re = str(it, a[0], pos);
    return withRegex(it, re, pos, () => fullMatch(re, str(it, a[1], pos)) !== null);
  },
  quote: (it, _s, a, pos) => (a.length === 1 ? `\\Q${str(it, a[0], pos)}\\E` : NO_METHOD)
};

type Method<T> = (it: Interpreter, self: T, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

export const PATTERN_METHODS: Record<string, Method<PatternObject>> = {
  matcher: (it, p, a, pos) => (a.length === 1 ? newMatcher(it, p, str(it, a[0], pos), pos) : NO_METHOD),
  pattern: (_it, p, a) => (a.length === 0 ? p.state.source : NO_METHOD),
  split: (it, p, a, pos) =>
    a.length === 1
      ? new ApexList(
          prim('String'),
          withRegex(it, p.state.source, pos, () => javaSplit(str(it, a[0], pos), p.state.source))
        )
      : NO_METHOD
};

function current(it: Interpreter, m: MatcherObject, pos: Pos): RegExpExecArray {
  return m.state.match ?? it.raise('StringException', 'No match found', pos);
}

function groupIndex(it: Interpreter, m: MatcherObject, a: Value[], pos: Pos): number {
  const n = a.length === 0 ? 0 : int(it, a[0], pos);
  const match = current(it, m, pos);
  if (n < 0 || n >= match.length) {
    return it.raise('StringException', `No group ${n}`, pos);
  }
  return n;
}

/** Start offset of group n of a match (JS has indices only with the 'd' flag; re-run with it). */
function groupStart(m: MatcherObject, match: RegExpExecArray, n: number): number {
  if (n === 0) {
    return match.index;
  }
  const re = new RegExp(m.state.regex.source, `${m.state.regex.flags.replace('g', '')}dy`);
  re.lastIndex = match.index;
  const withIndices = re.exec(m.state.input) as (RegExpExecArray & { indices?: [number, number][] }) | null;
  return withIndices?.indices?.[n]?.[0] ?? -1;
}

export const MATCHER_METHODS: Record<string, Method<MatcherObject>> = {
  matches: (it, m, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    m.state.match = fullMatch(m.state.pattern, m.state.input);
    countAccess(it, m, m.state.match === null ? 0 : m.state.input.length, pos);
    return m.state.match !== null;
  },
  lookingat: (_it, m, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const re = new RegExp(m.state.regex.source, `${m.state.regex.flags.replace('g', '')}y`);
    m.state.match = re.exec(m.state.input);
    return m.state.match !== null;
  },
  find: (it, m, a, pos) => {
    if (a.length === 1) {
      m.state.from = int(it, a[0], pos);
    } else if (a.length !== 0) {
      return NO_METHOD;
    }
    if (m.state.from > m.state.input.length) {
      m.state.match = null;
      return false;
    }
    m.state.regex.lastIndex = m.state.from;
    const match = m.state.regex.exec(m.state.input);
    m.state.match = match;
    countAccess(it, m, (match ? match.index + match[0].length : m.state.input.length) - m.state.from, pos);
    if (match) {
      m.state.from = match.index + match[0].length + (match[0].length === 0 ? 1 : 0);
    }
    return match !== null;
  },
  group: (it, m, a, pos) => {
    if (a.length > 1) {
      return NO_METHOD;
    }
    if (typeof a[0] === 'string') {
      const name = a[0];
      const groups = current(it, m, pos).groups ?? {};
      return name in groups
        ? (groups[name] ?? null)
        : it.raise('IllegalArgumentException', `No group with name <${name}>`, pos);
    }
    return current(it, m, pos)[groupIndex(it, m, a, pos)] ?? null;
  },
  groupcount: (_it, m, a) =>
    a.length === 0 ? (new RegExp(`${m.state.regex.source}|`).exec('')?.length ?? 1) - 1 : NO_METHOD,
  start: (it, m, a, pos) => {
    const match = current(it, m, pos);
    return a.length <= 1 ? groupStart(m, match, groupIndex(it, m, a, pos)) : NO_METHOD;
  },
  end: (it, m, a, pos) => {
    const match = current(it, m, pos);
    const n = groupIndex(it, m, a, pos);
    const start = groupStart(m, match, n);
    const text = match[n];
    return a.length <= 1 ? (start < 0 || text === undefined ? -1 : start + text.length) : NO_METHOD;
  },
  reset: (it, m, a, pos) => {
    if (a.length === 1) {
      m.state.input = str(it, a[0], pos);
    } else if (a.length !== 0) {
      return NO_METHOD;
    }
    m.state.match = null;
    m.state.from = 0;
    return m;
  },
  replaceall: (it, m, a, pos) =>
    a.length === 1 ? javaReplace(m.state.input, m.state.pattern, str(it, a[0], pos), true) : NO_METHOD,
  replacefirst: (it, m, a, pos) =>
    a.length === 1 ? javaReplace(m.state.input, m.state.pattern, str(it, a[0], pos), false) : NO_METHOD,
  hitend: (_it, m, a) => (a.length === 0 ? m.state.from >= m.state.input.length : NO_METHOD),
  pattern: (_it, m, a) => (a.length === 0 ? new NativeObject('Pattern', { source: m.state.pattern }) : NO_METHOD)
};

export { expandReplacement };
