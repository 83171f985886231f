/**
 * System and Assert (Apex Reference Guide: "System Class", "Assert Class"). Assertion failures raise
 * System.AssertException, which `catch` cannot intercept. Messages follow the platform's
 * "Assertion Failed: Expected: X, Actual: Y" wording (with a custom message: "Assertion Failed: msg: Expected: …").
 */
import type { Pos } from '../ast/nodes.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { isInstanceOf } from '../values/types.ts';
import {
  ApexDatetime,
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexSet,
  ApexTypeValue,
  type Value
} from '../values/values.ts';
import { NO_METHOD, type Native } from './args.ts';
import { today } from './datetime.ts';
import { ASYNC_CONTEXT, ENQUEUE_JOB, SCHEDULE } from './async.ts';

function fail(it: Interpreter, detail: string | null, msg: Value | undefined, pos: Pos): never {
  const custom = msg === undefined || msg === null ? null : it.str(msg);
  const parts = ['Assertion Failed', custom, detail].filter((p): p is string => p !== null && p !== '');
  return it.raise('AssertException', parts.join(': '), pos);
}

/**
 * Equality used by assertEquals/areEqual: like `==` but Strings (also inside collections) compare case-sensitively,
 * as the platform's assertEquals uses equals().
 */
export function assertionEquals(it: Interpreter, a: Value, b: Value): boolean {
  if (typeof a === 'string' || typeof b === 'string') {
    return a === b;
  }
  if (a instanceof ApexList && b instanceof ApexList) {
    return a.items.length === b.items.length && a.items.every((x, i) => assertionEquals(it, x, b.items[i] ?? null));
  }
  if (a instanceof ApexSet && b instanceof ApexSet) {
    return a.entries.size === b.entries.size && [...a.entries.keys()].every((k) => b.entries.has(k));
  }
  if (a instanceof ApexMap && b instanceof ApexMap) {
    return (
      a.entries.size === b.entries.size &&
      [...a.entries].every(([k, [, v]]) => {
        const other = b.entries.get(k);
        return other !== undefined && assertionEquals(it, v, other[1]);
      })
    );
  }
  return it.eq(a, b);
}

function assertEquals(it: Interpreter, args: Value[], pos: Pos): null {
  const [expected = null, actual = null, msg] = args;
  if (!assertionEquals(it, expected, actual)) {
    fail(it, `Expected: ${it.str(expected)}, Actual: ${it.str(actual)}`, msg, pos);
  }
  return null;
}

function assertNotEquals(it: Interpreter, args: Value[], pos: Pos): null {
  const [notExpected = null, actual = null, msg] = args;
  if (assertionEquals(it, notExpected, actual)) {
    fail(it, `Same value: ${it.str(actual)}`, msg, pos);
  }
  return null;
}

function condition(it: Interpreter, v: Value | undefined, pos: Pos): boolean {
  if (v === null || v === undefined) {
    return it.npe(pos);
  }
  return v === true;
}

function debug(it: Interpreter, args: Value[], pos: Pos): null {
  const [first, second] = args;
  const level = args.length === 2 && first instanceof ApexEnumValue ? first.name : 'DEBUG';
  const message = it.str(args.length === 2 ? (second ?? null) : (first ?? null));
  const line = { level, message, pos };
  it.ctx.debug.push(line);
  it.ctx.options.onDebug?.(line);
  return null;
}

export const SYSTEM_STATICS: Record<string, Native> = {
  debug: (it, _s, args, pos) => (args.length === 1 || args.length === 2 ? debug(it, args, pos) : NO_METHOD),
  assert: (it, _s, args, pos) => {
    if (args.length < 1 || args.length > 2) {
      return NO_METHOD;
    }
    if (!condition(it, args[0], pos)) {
      fail(it, null, args[1], pos);
    }
    return null;
  },
  assertequals: (it, _s, args, pos) =>
    args.length === 2 || args.length === 3 ? assertEquals(it, args, pos) : NO_METHOD,
  assertnotequals: (it, _s, args, pos) =>
    args.length === 2 || args.length === 3 ? assertNotEquals(it, args, pos) : NO_METHOD,
  now: (it, _s, args) => (args.length === 0 ? new ApexDatetime(it.ctx.now()) : NO_METHOD),
  today: (it, _s, args) => (args.length === 0 ? today(it) : NO_METHOD),
  currenttimemillis: (it, _s, args) => (args.length === 0 ? BigInt(it.ctx.now()) : NO_METHOD),
  enqueuejob: ENQUEUE_JOB,
  schedule: SCHEDULE,
  ...ASYNC_CONTEXT
};

function typeArg(it: Interpreter, v: Value | undefined, pos: Pos): ApexTypeValue {
  if (!(v instanceof ApexTypeValue)) {
    return v === null || v === undefined ? it.npe(pos) : fail(it, 'expected a Type', null, pos);
  }
  return v;
}

export const ASSERT_STATICS: Record<string, Native> = {
  areequal: (it, _s, args, pos) => (args.length === 2 || args.length === 3 ? assertEquals(it, args, pos) : NO_METHOD),
  arenotequal: (it, _s, args, pos) =>
    args.length === 2 || args.length === 3 ? assertNotEquals(it, args, pos) : NO_METHOD,
  istrue: (it, _s, args, pos) => {
    if (args.length < 1 || args.length > 2) {
      return NO_METHOD;
    }
    if (!condition(it, args[0], pos)) {
      fail(it, 'Expected: true, Actual: false', args[1], pos);
    }
    return null;
  },
  isfalse: (it, _s, args, pos) => {
    if (args.length < 1 || args.length > 2) {
      return NO_METHOD;
    }
    if (condition(it, args[0], pos)) {
      fail(it, 'Expected: false, Actual: true', args[1], pos);
    }
    return null;
  },
  isnull: (it, _s, args, pos) => {
    if (args.length < 1 || args.length > 2) {
      return NO_METHOD;
    }
    if (args[0] !== null) {
      fail(it, `Expected: null, Actual: ${it.str(args[0] ?? null)}`, args[1], pos);
    }
    return null;
  },
  isnotnull: (it, _s, args, pos) => {
    if (args.length < 1 || args.length > 2) {
      return NO_METHOD;
    }
    if (args[0] === null) {
      fail(it, 'Expected: not null, Actual: null', args[1], pos);
    }
    return null;
  },
  fail: (it, _s, args, pos) => (args.length <= 1 ? fail(it, null, args[0], pos) : NO_METHOD),
  isinstanceoftype: (it, _s, args, pos) => {
    if (args.length < 2 || args.length > 3) {
      return NO_METHOD;
    }
    const t = typeArg(it, args[1], pos);
    if (!isInstanceOf(args[0] ?? null, t.type)) {
      fail(it, `Expected instance of ${it.str(t)}, Actual: ${it.str(args[0] ?? null)}`, args[2], pos);
    }
    return null;
  },
  isnotinstanceoftype: (it, _s, args, pos) => {
    if (args.length < 2 || args.length > 3) {
      return NO_METHOD;
    }
    const t = typeArg(it, args[1], pos);
    if (isInstanceOf(args[0] ?? null, t.type)) {
      fail(it, `Expected not instance of ${it.str(t)}, Actual: ${it.str(args[0] ?? null)}`, args[2], pos);
    }
    return null;
  }
};
