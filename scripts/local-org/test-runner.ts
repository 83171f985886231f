/**
 * Runs the project's Apex tests offline: discovers @IsTest classes, runs each test method in its own transaction
 * (fresh static state; @TestSetup runs first in its own transaction, as on the platform), and reports pass/fail with
 * the exception message and an Apex-style stack ("Class.MyTest.method: line N, column C").
 *   tsx scripts/local-org/test-runner.ts [--root dir] [--class X] [--method y]
 * Exit code: 0 all passed, 1 a test failed, 2 the sources could not be loaded.
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { LoadError } from './ast/errors.ts';
import type { MethodDecl } from './ast/nodes.ts';
import { hasAnnotation } from './ast/build-declarations.ts';
import { ClassInfo } from './interpreter/classes.ts';
import { ApexThrow, RuntimeGap } from './interpreter/errors.ts';
import type { Interpreter } from './interpreter/interpreter.ts';
import { loadProject, type LocalOrg } from './runtime.ts';

export interface TestResult {
  className: string;
  methodName: string;
  outcome: 'pass' | 'fail';
  /** e.g. "System.AssertException: Assertion Failed: Expected: 1, Actual: 2". */
  message?: string;
  stackTrace?: string;
  durationMs: number;
}

export interface TestRunSummary {
  results: TestResult[];
  passed: number;
  failed: number;
  durationMs: number;
}

export interface TestFilter {
  className?: string;
  methodName?: string;
}

export interface TestClass {
  cls: ClassInfo;
  setups: MethodDecl[];
  tests: MethodDecl[];
}

const isTestMethod = (m: MethodDecl): boolean => hasAnnotation(m.modifiers, 'IsTest') || m.modifiers.isTestMethod;

/** @IsTest top-level classes and their test and @TestSetup methods, in source order. */
export function discoverTests(org: LocalOrg, filter: TestFilter = {}): TestClass[] {
  const out: TestClass[] = [];
  for (const info of org.registry.topLevel.values()) {
    if (!(info instanceof ClassInfo) || !info.decl || !hasAnnotation(info.decl.modifiers, 'IsTest')) {
      continue;
    }
    if (filter.className && info.name.toLowerCase() !== filter.className.toLowerCase()) {
      continue;
    }
    const methods =
      info.decl.kind === 'class' ? info.decl.members.filter((m): m is MethodDecl => m.kind === 'method') : [];
    const tests = methods.filter(
      (m) =>
        isTestMethod(m) &&
        m.params.length === 0 &&
        (!filter.methodName || m.name.toLowerCase() === filter.methodName.toLowerCase())
    );
    out.push({ cls: info, setups: methods.filter((m) => hasAnnotation(m.modifiers, 'TestSetup')), tests });
  }
  return out.sort((a, b) => a.cls.name.localeCompare(b.cls.name));
}

/** Runs `method` of `cls` in transaction `it`; returns the failure (message + stack) or undefined on success. */
function runInTransaction(
  it: Interpreter,
  cls: ClassInfo,
  method: MethodDecl
): { message: string; stackTrace: string } | undefined {
  it.ctx.isTest = true;
  try {
    it.runStatic(cls, method.name);
    return undefined;
  } catch (e) {
    if (e instanceof ApexThrow) {
      const data = e.exception.exception;
      const type = e.exception.cls.fullName;
      return {
        message: data?.message === null || data?.message === undefined ? type : `${type}: ${data.message}`,
        stackTrace: data?.stackTrace ?? ''
      };
    }
    if (e instanceof RuntimeGap) {
      return { message: `Local org runtime: ${e.message}`, stackTrace: it.ctx.stackTrace() };
    }
    throw e;
  }
}

export function runTests(org: LocalOrg, filter: TestFilter = {}): TestRunSummary {
  const started = Date.now();
  const results: TestResult[] = [];
  for (const tc of discoverTests(org, filter)) {
    let setupFailure: { message: string; stackTrace: string } | undefined;
    for (const setup of tc.setups) {
      setupFailure ??= runInTransaction(org.transaction(), tc.cls, setup);
    }
    for (const m of tc.tests) {
      const t0 = Date.now();
      const failure = setupFailure ?? runInTransaction(org.transaction(), tc.cls, m);
      results.push({
        className: tc.cls.name,
        methodName: m.name,
        outcome: failure ? 'fail' : 'pass',
        ...(failure ? { message: failure.message, stackTrace: failure.stackTrace } : {}),
        durationMs: Date.now() - t0
      });
    }
  }
  const failed = results.filter((r) => r.outcome === 'fail').length;
  return { results, passed: results.length - failed, failed, durationMs: Date.now() - started };
}

export function formatSummary(summary: TestRunSummary): string {
  const lines: string[] = [];
  for (const r of summary.results) {
    lines.push(`${r.outcome === 'pass' ? 'PASS' : 'FAIL'}  ${r.className}.${r.methodName} (${r.durationMs} ms)`);
    if (r.outcome === 'fail') {
      lines.push(`      ${r.message ?? ''}`);
      for (const frame of (r.stackTrace ?? '').split('\n').filter(Boolean)) {
        lines.push(`      ${frame}`);
      }
    }
  }
  lines.push(
    `Tests: ${summary.results.length}, passed: ${summary.passed}, failed: ${summary.failed} (${summary.durationMs} ms)`
  );
  return lines.join('\n');
}

function main(): void {
  const { values } = parseArgs({
    options: { root: { type: 'string' }, class: { type: 'string' }, method: { type: 'string' } }
  });
  let org: LocalOrg;
  try {
    org = loadProject(values.root ?? '.');
  } catch (e) {
    if (e instanceof LoadError || e instanceof RuntimeGap) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const summary = runTests(org, {
    ...(values.class ? { className: values.class } : {}),
    ...(values.method ? { methodName: values.method } : {})
  });
  console.log(formatSummary(summary));
  process.exit(summary.failed > 0 ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
