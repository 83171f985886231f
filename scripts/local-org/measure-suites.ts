/**
 * Measures the local org runtime on someone else's Apex project (issues 14 and 22): loads every class and trigger it
 * can, runs every test method, and prints what loaded, what passed and why the rest failed.
 *   tsx scripts/local-org/measure-suites.ts [<project dir>…] [--suites-dir dir] [--top n] [--failures] [--causes]
 * Unlike `loadProject`, a file that does not load is left out (and reported with its first problem) instead of
 * stopping the run, so the rest of the project can still be measured. Not part of `npm test`: the projects measured
 * are not in this repository. `suites.json` records the public suites measured (repository, commit, licence), the
 * numbers of the runtime's first run on each and the floor each must not fall below; without a directory every
 * recorded suite found in `--suites-dir` (default /tmp/suites, one folder per suite name) is measured, and a table
 * prints "first run → now" per suite (exit 1 when a suite fell below its floor). `--causes` also prints each suite's
 * failures grouped by cause and classified (suite-causes.ts), and the Markdown table of suites.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkLabels } from './ast/label-check.ts';
import { formatProblem, type LoadProblem } from './ast/errors.ts';
import type { CompilationUnit, TriggerUnit } from './ast/nodes.ts';
import { parseApexClass, parseApexTrigger } from './ast/parse.ts';
import { CustomLabels } from './schema/labels.ts';
import { loadPermissionSets } from './schema/permission-sets.ts';
import { Schema } from './schema/schema.ts';
import { RuntimeGap } from './values/errors.ts';
import { DEFAULT_OPTIONS, findClassFiles, LocalOrg, packageDirectories } from './runtime.ts';
import { causes, type ClassifiedCause } from './suite-causes.ts';
import { discoverTests, runTests, type TestResult } from './test-runner.ts';

export interface FileFailure {
  file: string;
  /** The file's first load problem, formatted `file:line: …`. */
  firstError: string;
}

export interface SuiteMeasurement {
  root: string;
  files: number;
  loaded: number;
  failedToLoad: FileFailure[];
  results: TestResult[];
  passed: number;
  failed: number;
  /** Failure reasons, most frequent first. */
  reasons: [string, number][];
}

/** Loads what loads: files with a syntax error or an unsupported construct are left out and listed. */
export function loadTolerant(root: string): { org: LocalOrg; files: number; failed: FileFailure[] } {
  const abs = resolve(root);
  const dirs = packageDirectories(abs);
  const schema = new Schema(dirs);
  const labels = CustomLabels.load(dirs);
  const files = findClassFiles(abs);
  const units: CompilationUnit[] = [];
  const triggers: TriggerUnit[] = [];
  const failed: FileFailure[] = [];
  const parsed: { file: string; unit: CompilationUnit | TriggerUnit; trigger: boolean }[] = [];
  const fail = (file: string, problems: LoadProblem[]): void => {
    const first = problems[0];
    failed.push({ file, firstError: first ? formatProblem(first) : 'unknown load problem' });
  };
  for (const full of files) {
    const file = relative(abs, full);
    const source = readFileSync(full, 'utf8');
    const trigger = file.endsWith('.trigger');
    const { unit, problems } = trigger ? parseApexTrigger(source, file) : parseApexClass(source, file);
    if (trigger && unit && problems.length === 0 && !schema.describe((unit as TriggerUnit).object)) {
      const t = unit as TriggerUnit;
      problems.push({
        file,
        line: t.pos.line,
        column: 1,
        kind: 'unsupported',
        message: `trigger on unknown object ${t.object}`
      });
    }
    if (!unit || problems.length > 0) {
      fail(file, problems);
      continue;
    }
    parsed.push({ file, unit, trigger });
  }
  const labelClass = parsed.some((p) => !p.trigger && (p.unit as CompilationUnit).type.name.toLowerCase() === 'label');
  for (const p of parsed) {
    const problems = checkLabels(p.unit, labels, labelClass);
    if (problems.length > 0) {
      fail(p.file, problems);
    } else if (p.trigger) {
      triggers.push(p.unit as TriggerUnit);
    } else {
      units.push(p.unit as CompilationUnit);
    }
  }
  const permissionSets = loadPermissionSets(dirs);
  // Linking (extends/implements) happens when the org is built: a class naming a type the runtime cannot resolve is
  // left out too, and the org built again without it.
  for (;;) {
    try {
      const org = new LocalOrg(units, DEFAULT_OPTIONS, triggers, schema, labels, permissionSets);
      return { org, files: files.length, failed: failed.sort((a, b) => a.file.localeCompare(b.file)) };
    } catch (e) {
      const file = e instanceof RuntimeGap ? e.pos?.file : undefined;
      const index = units.findIndex((u) => u.file === file);
      if (!(e instanceof RuntimeGap) || file === undefined || index < 0) {
        throw e;
      }
      units.splice(index, 1);
      failed.push({ file, firstError: `${file}:${e.pos?.line ?? 0}: runtime gap: ${e.detail}` });
    }
  }
}

/**
 * The reason a test failed, with what varies between occurrences taken out: the `(file:line)` of a runtime gap,
 * ids, numbers and quoted values, so that one missing feature counts once per test it blocks.
 */
export function failureReason(message: string): string {
  const gap = /^Local org runtime: (.*?)(?: \([^()]*:\d+\))?$/s.exec(message);
  const text = (gap ? `gap: ${gap[1] ?? ''}` : message).split('\n')[0] ?? '';
  return text
    .replace(/\b[a-zA-Z0-9]{3}[0-9][a-zA-Z0-9]{11}(?:[a-zA-Z0-9]{3})?\b/g, '<id>')
    .replace(/Expected: .*$/, 'Expected: …')
    .replace(/\d+/g, 'N')
    .slice(0, 160);
}

export function histogram(results: TestResult[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of results) {
    if (r.outcome === 'fail') {
      const reason = failureReason(r.message ?? '');
      counts.set(reason, (counts.get(reason) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/**
 * Runs every test class; a class whose run ends in an internal error of the runtime (a bug, not an Apex failure) is
 * re-run method by method so that one bug does not hide the other methods' results.
 */
export function runAll(org: LocalOrg): TestResult[] {
  const results: TestResult[] = [];
  for (const tc of discoverTests(org)) {
    const className = tc.cls.name;
    try {
      results.push(...runTests(org, { className }).results);
    } catch {
      for (const m of tc.tests) {
        try {
          results.push(...runTests(org, { className, methodName: m.name }).results);
        } catch (e) {
          const message = `Local org runtime: internal error ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
          results.push({ className, methodName: m.name, outcome: 'fail', message, durationMs: 0 });
        }
      }
    }
  }
  return results;
}

export function measure(root: string): SuiteMeasurement {
  const { org, files, failed } = loadTolerant(root);
  const results = runAll(org);
  const failedCount = results.filter((r) => r.outcome === 'fail').length;
  return {
    root,
    files,
    loaded: files - failed.length,
    failedToLoad: failed,
    results,
    passed: results.length - failedCount,
    failed: failedCount,
    reasons: histogram(results)
  };
}

export function formatMeasurement(m: SuiteMeasurement, top = 25, listFailures = false): string {
  const lines = [`== ${m.root}`, `files loaded: ${m.loaded}/${m.files} (failed to load: ${m.failedToLoad.length})`];
  for (const f of m.failedToLoad) {
    lines.push(`  ${f.firstError}`);
  }
  lines.push(`test methods: run ${m.results.length}, passed ${m.passed}, failed ${m.failed}`);
  lines.push('failure reasons:');
  for (const [reason, count] of m.reasons.slice(0, top)) {
    lines.push(`  ${String(count).padStart(4)}  ${reason}`);
  }
  if (m.reasons.length > top) {
    lines.push(`  … ${m.reasons.length - top} more reasons`);
  }
  if (listFailures) {
    for (const r of m.results.filter((x) => x.outcome === 'fail')) {
      lines.push(`FAIL ${r.className}.${r.methodName}: ${r.message ?? ''}`);
    }
  }
  return lines.join('\n');
}

/** Passed and run test methods of one measurement, with the runtime commit that made it. */
export interface SuiteNumbers {
  runtime: string;
  passed: number;
  run: number;
  loaded?: number;
  files?: number;
}

/** A public suite the runtime is measured on (`suites.json`): where it comes from and what it scored. */
export interface SuiteRecord {
  name: string;
  repo: string;
  commit: string;
  licence: string;
  issue: number;
  /** The runtime's first run on the suite, before any change made for it. */
  firstRun: SuiteNumbers;
  /** Passed methods the suite must not fall below. */
  floor: SuiteNumbers;
}

export const SUITES_FILE = join(dirname(fileURLToPath(import.meta.url)), 'suites.json');

export function readSuites(file = SUITES_FILE): SuiteRecord[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { suites: SuiteRecord[] }).suites;
}

const ratio = (n: { passed: number; run: number }): string =>
  `${n.passed}/${n.run} (${n.run === 0 ? '0.0' : ((100 * n.passed) / n.run).toFixed(1)} %)`;

export interface Comparison {
  record: SuiteRecord;
  /** Undefined when the suite was not found in the suites directory. */
  now?: SuiteMeasurement;
}

/** Whether a measured suite fell below its floor (fewer passed methods, or another method count: another commit). */
export function dropped(c: Comparison): boolean {
  return c.now !== undefined && (c.now.passed < c.record.floor.passed || c.now.results.length !== c.record.floor.run);
}

/** The "first run → now" table, one line per recorded suite. */
export function formatComparison(rows: Comparison[]): string {
  const table = [['suite', 'commit', 'licence', 'first run', 'now', 'floor', '']];
  for (const c of rows) {
    const now = c.now ? { passed: c.now.passed, run: c.now.results.length } : undefined;
    const note = !c.now
      ? `not fetched: git clone https://github.com/${c.record.repo} <suites dir>/${c.record.name}, checkout ${c.record.commit.slice(0, 8)}`
      : c.now.results.length !== c.record.floor.run
        ? `DIFFERENT SUITE: ${c.now.results.length} methods, the record has ${c.record.floor.run} (is the checkout at ${c.record.commit.slice(0, 8)}?)`
        : c.now.passed < c.record.floor.passed
          ? `DROPPED below the floor by ${c.record.floor.passed - c.now.passed}`
          : '';
    table.push([
      c.record.name,
      c.record.commit.slice(0, 8),
      c.record.licence,
      `${ratio(c.record.firstRun)} @ ${c.record.firstRun.runtime}`,
      now ? ratio(now) : '—',
      String(c.record.floor.passed),
      note
    ]);
  }
  const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length))) ?? [];
  return table
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}

/** A suite's failures by cause, most frequent first: `  count  class  cause`. */
export function formatCauses(m: SuiteMeasurement, top = 25): string {
  const all = causes(m.results);
  const lines = ['failure causes:'];
  for (const c of all.slice(0, top)) {
    lines.push(`  ${String(c.count).padStart(4)}  ${c.class.padEnd(15)}  ${c.cause}`);
  }
  if (all.length > top) {
    lines.push(`  … ${all.length - top} more causes`);
  }
  return lines.join('\n');
}

const causeCell = (list: ClassifiedCause[], top: number): string =>
  list
    .slice(0, top)
    .map((c) => `${c.cause} — ${c.class}, ${c.count}`)
    .join('<br>')
    .replace(/\|/g, '\\|');

/** The Markdown table of suites.md: per suite, first run, now and the top causes of what still fails. */
export function formatCausesTable(rows: Comparison[], top = 5): string {
  const lines = [
    '| suite | first run | now | top remaining causes (class, failed tests) |',
    '| --- | --- | --- | --- |'
  ];
  for (const c of rows) {
    if (!c.now) {
      continue;
    }
    const now = { passed: c.now.passed, run: c.now.results.length };
    const list = causes(c.now.results);
    const more =
      list.length > top
        ? `<br>… ${list.slice(top).reduce((n, x) => n + x.count, 0)} more in ${list.length - top} causes`
        : '';
    lines.push(
      `| ${c.record.name} (#${c.record.issue}) | ${ratio(c.record.firstRun)} | ${ratio(now)} | ${causeCell(list, top) || '—'}${more} |`
    );
  }
  return lines.join('\n');
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      top: { type: 'string' },
      failures: { type: 'boolean', default: false },
      causes: { type: 'boolean', default: false },
      'suites-dir': { type: 'string', default: '/tmp/suites' }
    }
  });
  const records = readSuites();
  const roots =
    positionals.length > 0
      ? positionals
      : records.map((r) => join(values['suites-dir'], r.name)).filter((dir) => existsSync(dir));
  const measured = new Map<string, SuiteMeasurement>();
  for (const root of roots) {
    const m = measure(root);
    measured.set(basename(resolve(root)), m);
    console.log(formatMeasurement(m, Number(values.top ?? 25), values.failures));
    if (values.causes) {
      console.log(formatCauses(m, Number(values.top ?? 25)));
    }
  }
  const rows = records
    .filter((r) => positionals.length === 0 || measured.has(r.name))
    .map((record) => ({ record, now: measured.get(record.name) }));
  if (rows.length > 0) {
    console.log(`\n== first run → now (${SUITES_FILE})\n${formatComparison(rows)}`);
    if (values.causes) {
      console.log(`\n== causes table (suites.md)\n${formatCausesTable(rows)}`);
    }
  }
  if (rows.some(dropped)) {
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
