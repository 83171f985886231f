/**
 * Runs the project's Apex tests offline: discovers @IsTest classes, runs each test method in its own transaction
 * (fresh static state; @TestSetup runs first in its own transaction, as on the platform), and reports pass/fail with
 * the exception message and an Apex-style stack ("Class.MyTest.method: line N, column C").
 *   tsx scripts/local-org/test-runner.ts [--root dir] [--class X] [--method y] [--junit file] [--permission P]…
 *     [--language ja|en_US]   (the running user's LanguageLocaleKey; custom labels read in it; default ja)
 *     [--time-zone Z[,Z…]]    (the org's default time zone, Organization.TimeZoneSidKey; default Asia/Tokyo. Several:
 *                              the suite runs once per zone — the first here, with coverage and the JUnit file; the
 *                              others at the same time in child processes without coverage, reports/apex-junit-<zone>.xml)
 *     [--user-time-zone Z]    (TimeZoneSidKey of the seeded users, the running user among them; default: the org's)
 *     [--no-coverage]         (do not record executed lines: faster; no coverage report or threshold)
 * Exit code: 0 all passed, 1 a test failed, 2 the sources could not be loaded.
 */
import { type ChildProcess, spawn } from 'node:child_process';
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
 * Apex Developer Guide "Using the isTest(SeeAllData=True) Annotation": SeeAllData=true on the class applies to every
 * test method (a method's SeeAllData=false is then ignored); otherwise the method's own annotation decides.
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
  options: { permissions?: string[]; coverage?: boolean } = {}
): TestRunSummary {
  const started = Date.now();
  const results: TestResult[] = [];
  const executed = new Map<string, Set<number>>();
  const base = {
    ...(options.coverage === false ? {} : { coverage: executed }),
    ...(options.permissions ? { permissions: options.permissions } : {})
  };
  for (const tc of discoverTests(org, filter)) {
    let setupFailure: { message: string; stackTrace: string } | undefined;
    // @TestSetup data is committed once per class; every test method starts from its own copy (Apex Developer Guide
    // "Using Test Setup Methods").
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
      uncovered: { type: 'boolean', default: false },
      'time-zone': { type: 'string' },
      'user-time-zone': { type: 'string' },
      'no-coverage': { type: 'boolean', default: false }
    }
  });
  const [timeZone = DEFAULT_OPTIONS.timeZone, ...otherZones] = (values['time-zone'] ?? DEFAULT_OPTIONS.timeZone)
    .split(',')
    .map((zone) => zone.trim())
    .filter((zone) => zone !== '');
  for (const zone of [timeZone, ...otherZones, ...(values['user-time-zone'] ? [values['user-time-zone']] : [])]) {
    if (!isTimeZone(zone)) {
      console.error(`--time-zone/--user-time-zone: ${zone} is not an IANA time zone id (e.g. America/Los_Angeles)`);
      process.exit(2);
    }
  }
  let org: LocalOrg;
  try {
    org = loadProject(values.root ?? '.', {
      ...DEFAULT_OPTIONS,
      timeZone,
      ...(values['user-time-zone'] ? { userTimeZone: values['user-time-zone'] } : {}),
      ...(values.language ? { language: values.language } : {})
    });
  } catch (e) {
    if (e instanceof LoadError || e instanceof RuntimeGap) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  // The other zones start once this process has loaded the project, so that they run while it runs the first one and
  // find every class in the parse cache (ast/parse-cache.ts): on a fresh clone three processes parsing the same
  // classes at once cost three parses (about 7 s of CPU each on 2 cores) instead of one.
  const others = otherZones.map((zone) => startZone(zone, process.argv.slice(2)));
  // The seeded running user mirrors CI: a scratch org's admin user holding every permission set of the project
  // (scripts/org/assign-permsets.sh); user-mode SOQL/DML and describe enforce that access (data/access.ts).
  console.log(
    `Running user: System Administrator + permission sets ${[...org.permissionSets.values()].map((p) => p.name).join(', ') || '(none)'}`
  );
  console.log(`Org time zone: ${timeZone}; users' time zone: ${values['user-time-zone'] ?? timeZone}`);
  const summary = runTests(
    org,
    {
      ...(values.class ? { className: values.class } : {}),
      ...(values.method ? { methodName: values.method } : {})
    },
    { ...(values.permission ? { permissions: values.permission } : {}), coverage: !values['no-coverage'] }
  );
  console.log(formatSummary(summary));
  const junit = values.junit ?? join(values.root ?? '.', 'reports', 'apex-junit.xml');
  mkdirSync(dirname(junit), { recursive: true });
  writeFileSync(junit, junitXml(summary));
  console.log(`JUnit XML: ${junit}`);
  if (values['no-coverage']) {
    void finish(summary.failed > 0, others);
    return;
  }
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
  void finish(summary.failed > 0 || below.length > 0, others);
}

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

interface ZoneRun {
  zone: string;
  child: ChildProcess;
  output: string[];
  done: Promise<number>;
}

/**
 * The suite in another org time zone: this script again in a child process, without coverage, its JUnit file named
 * after the zone. Its output is kept and printed when it ends (only its summary and failures).
 */
function startZone(zone: string, argv: string[]): ZoneRun {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const name = arg.replace(/=.*$/, '');
    if (['--time-zone', '--junit', '--min-coverage'].includes(name)) {
      i += arg.includes('=') ? 0 : 1;
      continue;
    }
    if (name !== '--uncovered') {
      args.push(arg);
    }
  }
  const slug = zone.replace(/[^A-Za-z0-9]+/g, '-');
  args.push('--time-zone', zone, '--no-coverage', '--junit', join('reports', `apex-junit-${slug}.xml`));
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1] ?? '', ...args], {
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const done = new Promise<number>((resolvePromise) => child.on('close', (code) => resolvePromise(code ?? 1)));
  return { zone, child, output, done };
}

/** Waits for the other zones, prints their failures and summaries, and exits 1 if anything failed. */
async function finish(failed: boolean, others: ZoneRun[]): Promise<void> {
  let anyFailed = failed;
  for (const run of others) {
    const code = await run.done;
    const lines = run.output.join('').split('\n');
    const failures = lines.filter((line, i) => line.startsWith('FAIL') || (i > 0 && /^ {6}/.test(line)));
    console.log(`\n━━ org time zone ${run.zone}`);
    for (const line of failures) {
      console.log(line);
    }
    console.log(lines.find((line) => line.startsWith('Tests:')) ?? lines.filter(Boolean).slice(-5).join('\n'));
    anyFailed ||= code !== 0;
  }
  process.exit(anyFailed ? 1 : 0);
}

/** Classes and triggers whose line coverage is under the percentage (the platform asks 75% overall; we ask more). */
export function belowThreshold(files: FileCoverage[], minimumPercent: number): FileCoverage[] {
  return files.filter((f) => f.lines.length > 0 && (f.covered.length * 100) / f.lines.length < minimumPercent);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
