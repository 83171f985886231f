/**
 * Runs the project's Apex tests offline: discovers @IsTest classes, runs each test method in its own transaction
 * (fresh static state; @TestSetup runs first in its own transaction, as on the platform), and reports pass/fail with
 * the exception message and an Apex-style stack ("Class.MyTest.method: line N, column C").
 *   tsx scripts/local-org/test-runner.ts [--root dir] [--class X] [--method y] [--junit file] [--permission P]…
 *     [--language ja|en_US]   (the running user's LanguageLocaleKey; custom labels read in it; default ja)
 * Exit code: 0 all passed, 1 a test failed, 2 the sources could not be loaded.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { type FileCoverage, coverageReport, formatCoverage } from './coverage.ts';
import { pathToFileURL } from 'node:url';
import { LoadError } from './ast/errors.ts';
import type { MethodDecl, Modifiers } from './ast/nodes.ts';
import { hasAnnotation } from './ast/build-declarations.ts';
import { ClassInfo } from './values/classes.ts';
import { ApexThrow, RuntimeGap } from './values/errors.ts';
import type { Interpreter } from './interpreter/interpreter.ts';
import { runPendingJobs } from './stdlib/async.ts';
import { DEFAULT_OPTIONS, loadProject, type LocalOrg } from './runtime.ts';

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
  /** Executed lines per file over the whole run. */
  executed: Map<string, Set<number>>;
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

const seeAllDataIn = (m: Modifiers): boolean =>
  m.annotations.some((a) => a.name.toLowerCase() === 'istest' && a.params.get('seealldata')?.toLowerCase() === 'true');

/**
 * ADG "Using the isTest(SeeAllData=True) Annotation": SeeAllData=true on the class applies to every test method (a
 * method's SeeAllData=false is then ignored); otherwise the method's own annotation decides.
 */
const seesAllData = (cls: ClassInfo, method: MethodDecl): boolean =>
  (cls.decl !== undefined && seeAllDataIn(cls.decl.modifiers)) || seeAllDataIn(method.modifiers);

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
  it.ctx.seeAllData = seesAllData(cls, method);
  try {
    it.runStatic(cls, method.name);
    // Jobs queued outside startTest/stopTest run when the test method has returned.
    runPendingJobs(it);
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

export function runTests(
  org: LocalOrg,
  filter: TestFilter = {},
  options: { permissions?: string[] } = {}
): TestRunSummary {
  const started = Date.now();
  const results: TestResult[] = [];
  const executed = new Map<string, Set<number>>();
  const base = { coverage: executed, ...(options.permissions ? { permissions: options.permissions } : {}) };
  for (const tc of discoverTests(org, filter)) {
    let setupFailure: { message: string; stackTrace: string } | undefined;
    // @TestSetup data is committed once per class; every test method starts from its own copy (ADG "Using Test Setup Methods").
    let classData = org.data;
    for (const setup of tc.setups) {
      const it = org.transaction({ ...base, store: classData });
      setupFailure ??= runInTransaction(it, tc.cls, setup);
      if (!setupFailure && it.ctx.store) {
        classData = it.ctx.store as typeof classData;
      }
    }
    for (const m of tc.tests) {
      const t0 = Date.now();
      const failure = setupFailure ?? runInTransaction(org.transaction({ ...base, store: classData }), tc.cls, m);
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
  return { results, passed: results.length - failed, failed, durationMs: Date.now() - started, executed };
}

const xmlEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML (one testsuite per Apex test class) for CI. */
export function junitXml(summary: TestRunSummary): string {
  const byClass = new Map<string, TestResult[]>();
  for (const r of summary.results) {
    byClass.set(r.className, [...(byClass.get(r.className) ?? []), r]);
  }
  const suites = [...byClass].map(([name, rs]) => {
    const cases = rs.map((r) => {
      const open = `    <testcase classname="${xmlEscape(name)}" name="${xmlEscape(r.methodName)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
      if (r.outcome === 'pass') {
        return `${open}/>`;
      }
      return `${open}>\n      <failure message="${xmlEscape(r.message ?? '')}">${xmlEscape(`${r.message ?? ''}\n${r.stackTrace ?? ''}`)}</failure>\n    </testcase>`;
    });
    const failures = rs.filter((r) => r.outcome === 'fail').length;
    const time = rs.reduce((t, r) => t + r.durationMs, 0) / 1000;
    return `  <testsuite name="${xmlEscape(name)}" tests="${rs.length}" failures="${failures}" errors="0" time="${time.toFixed(3)}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${summary.results.length}" failures="${summary.failed}">\n${suites.join('\n')}\n</testsuites>\n`;
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
    options: {
      root: { type: 'string' },
      class: { type: 'string' },
      method: { type: 'string' },
      junit: { type: 'string' },
      permission: { type: 'string', multiple: true },
      language: { type: 'string' },
      'min-coverage': { type: 'string' },
      uncovered: { type: 'boolean', default: false }
    }
  });
  let org: LocalOrg;
  try {
    org = loadProject(values.root ?? '.', {
      ...DEFAULT_OPTIONS,
      ...(values.language ? { language: values.language } : {})
    });
  } catch (e) {
    if (e instanceof LoadError || e instanceof RuntimeGap) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  // The seeded running user mirrors CI: a scratch org's admin user holding every permission set of the project
  // (scripts/org/assign-permsets.sh); user-mode SOQL/DML and describe enforce that access (data/access.ts).
  console.log(
    `Running user: System Administrator + permission sets ${[...org.permissionSets.values()].map((p) => p.name).join(', ') || '(none)'}`
  );
  const summary = runTests(
    org,
    {
      ...(values.class ? { className: values.class } : {}),
      ...(values.method ? { methodName: values.method } : {})
    },
    values.permission ? { permissions: values.permission } : {}
  );
  console.log(formatSummary(summary));
  const coverage = coverageReport(org, summary.executed);
  console.log(formatCoverage(coverage));
  const below = belowThreshold(coverage, Number(values['min-coverage'] ?? 0));
  for (const file of values.uncovered ? coverage : below) {
    const missed = file.lines.filter((line) => !file.covered.includes(line));
    if (missed.length > 0) {
      console.log(`  uncovered ${file.name}: lines ${missed.join(', ')}`);
    }
  }
  for (const file of below) {
    console.log(`FAIL  coverage of ${file.name} is under ${values['min-coverage']}%`);
  }
  const junit = values.junit ?? join(values.root ?? '.', 'reports', 'apex-junit.xml');
  mkdirSync(dirname(junit), { recursive: true });
  writeFileSync(junit, junitXml(summary));
  console.log(`JUnit XML: ${junit}`);
  process.exit(summary.failed > 0 || below.length > 0 ? 1 : 0);
}

/** Classes and triggers whose line coverage is under the percentage (the platform asks 75% overall; we ask more). */
export function belowThreshold(files: FileCoverage[], minimumPercent: number): FileCoverage[] {
  return files.filter((f) => f.lines.length > 0 && (f.covered.length * 100) / f.lines.length < minimumPercent);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
