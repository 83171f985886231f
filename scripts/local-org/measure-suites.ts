/**
 * Measures the local org runtime on someone else's Apex project (issue 14): loads every class and trigger it can,
 * runs every test method, and prints what loaded, what passed and why the rest failed.
 *   tsx scripts/local-org/measure-suites.ts <project dir>… [--top n] [--failures]
 * Unlike `loadProject`, a file that does not load is left out (and reported with its first problem) instead of
 * stopping the run, so the rest of the project can still be measured. Not part of `npm test`: the projects measured
 * are not in this repository.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { checkLabels } from './ast/label-check.ts';
import { formatProblem, type LoadProblem } from './ast/errors.ts';
import type { CompilationUnit, TriggerUnit } from './ast/nodes.ts';
import { parseApexClass, parseApexTrigger } from './ast/parse.ts';
import { CustomLabels } from './schema/labels.ts';
import { loadPermissionSets } from './schema/permission-sets.ts';
import { Schema } from './schema/schema.ts';
import { RuntimeGap } from './values/errors.ts';
import { DEFAULT_OPTIONS, findClassFiles, LocalOrg, packageDirectories } from './runtime.ts';
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

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string' }, failures: { type: 'boolean', default: false } }
  });
  if (positionals.length === 0) {
    console.error('usage: tsx scripts/local-org/measure-suites.ts <project dir>… [--top n] [--failures]');
    process.exit(2);
  }
  for (const root of positionals) {
    console.log(formatMeasurement(measure(root), Number(values.top ?? 25), values.failures));
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main();
}
