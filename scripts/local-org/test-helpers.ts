/** Helpers for the runtime's own tests: run small Apex snippets and inspect results. */
import type { Value } from './values/values.ts';
import type { Interpreter } from './interpreter/interpreter.ts';
import { ApexThrow } from './values/errors.ts';
import { DEFAULT_OPTIONS, loadSources, type LocalOrg } from './runtime.ts';
import type { Schema } from './schema/schema.ts';

export interface RunResult {
  value: Value;
  /** String.valueOf-style text of the value. */
  text: string;
  debug: string[];
  it: Interpreter;
}

/** A fixed clock for tests: 2026-11-23T01:02:03.004Z. */
export const FIXED_NOW = Date.UTC(2026, 10, 23, 1, 2, 3, 4);

/**
 * Loads `public class T { <members> }` (members start on line 1, so Apex line numbers equal snippet lines) plus
 * extra classes, and runs `T.run()`.
 */
export function runClass(members: string, extra: Record<string, string> = {}): RunResult {
  const org = load(members, extra);
  const it = org.transaction({ now: () => FIXED_NOW });
  const value = it.runStatic(org.classNamed('T'), 'run');
  return { value, text: it.str(value), debug: it.ctx.debug.map((d) => d.message), it };
}

/**
 * Runs `body` as `T.run()` (plus extra classes) against the objects of a fixture directory, e.g.
 * `scripts/local-org/fixtures/custom-metadata`, and returns the String.valueOf-style text of its result.
 */
export function runInSchema(schema: Schema, body: string, extra: Record<string, string> = {}): string {
  const org = loadSources(
    [
      { file: 'T.cls', source: `public class T { public static Object run() { ${body} } }` },
      ...Object.entries(extra).map(([name, source]) => ({ file: `${name}.cls`, source }))
    ],
    DEFAULT_OPTIONS,
    schema
  );
  const it = org.transaction({ now: () => FIXED_NOW });
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

export function load(members: string, extra: Record<string, string> = {}): LocalOrg {
  return loadSources([
    { file: 'T.cls', source: `public class T { ${members}\n}` },
    ...Object.entries(extra).map(([name, source]) => ({ file: `${name}.cls`, source }))
  ]);
}

/** Evaluates one Apex expression and returns its String.valueOf-style text. */
export function evalApex(expression: string, prelude = ''): string {
  return runClass(`public static Object run() { ${prelude} return ${expression}; }`).text;
}

/** Runs `run` and returns the uncaught Apex exception as "Type: message" (or fails if none is thrown). */
export function thrownBy(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof ApexThrow) {
      return `${e.exception.cls.fullName}: ${e.exception.exception?.message ?? ''}`;
    }
    throw e;
  }
  throw new Error('expected an Apex exception');
}

/** Runs statements; returns the uncaught Apex exception as "Type: message" (or fails if none is thrown). */
export function apexError(
  statements: string,
  extra: Record<string, string> = {}
): { text: string; line: number; stack: string } {
  try {
    runClass(`public static Object run() { ${statements} return null; }`, extra);
  } catch (e) {
    if (e instanceof ApexThrow) {
      const data = e.exception.exception;
      return {
        text: `${e.exception.cls.fullName}: ${data?.message ?? ''}`,
        line: data?.lineNumber ?? -1,
        stack: data?.stackTrace ?? ''
      };
    }
    throw e;
  }
  throw new Error('expected an Apex exception');
}
