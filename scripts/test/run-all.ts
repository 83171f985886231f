/**
 * `npm test`: every offline check, in order, each one a step that passes or fails. Runs all steps even after a
 * failure so one run shows every problem; exits 1 if any failed. The last line is always `N passed, N failed`.
 * The browser steps need Debian's Chromium (/usr/bin/chromium; `.ci/run` installs it in CI), or the browser the
 * environment variable MIITEL_CHROMIUM names (GitHub's runners: /usr/bin/google-chrome): without it they are
 * skipped — said in the step's output and in the summary, never counted as passed.
 *   tsx scripts/test/run-all.ts [--only name,name]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { walk } from '../checks/lib/project.ts';
import { parseArgs } from 'node:util';

interface Step {
  name: string;
  what: string;
  command: () => string[];
  /** Why the step cannot run here (it is then skipped, and says so). */
  skipReason?: () => string | undefined;
}

export const CHROMIUM = process.env.MIITEL_CHROMIUM || '/usr/bin/chromium';
const noChromium = (): string | undefined =>
  existsSync(CHROMIUM)
    ? undefined
    : `${CHROMIUM} is missing, so the settings page was NOT checked in a browser. ` +
      'Install it (Debian: apt-get install -y chromium fonts-noto-cjk), or name another Chromium-based browser in ' +
      'MIITEL_CHROMIUM, and run npm test again.';

const bin = (name: string): string => `node_modules/.bin/${name}`;

/**
 * The org time zones the Apex suite runs in: the project's (Asia/Tokyo), a scratch org's default
 * (America/Los_Angeles; CI's real-org runs use scratch orgs) and one far from both (UTC+14), so that a test assuming
 * one zone's date fails here before it fails in an org (issue 21).
 */
export const APEX_TIME_ZONES = ['Asia/Tokyo', 'America/Los_Angeles', 'Pacific/Kiritimati'] as const;

export const STEPS: Step[] = [
  {
    name: 'format',
    what: 'prettier --check (Apex via Salesforce parser, LWC, XML, TS, JSON)',
    command: () => [bin('prettier'), '--check', '.']
  },
  {
    name: 'lint',
    what: 'eslint: LWC rules for force-app, typescript-eslint for scripts',
    command: () => [bin('eslint'), '--max-warnings', '0', '.']
  },
  {
    name: 'typecheck',
    what: 'tsc --noEmit over scripts (strict)',
    command: () => [bin('tsc'), '--noEmit', '-p', 'tsconfig.json']
  },
  {
    name: 'apex-ls',
    what: 'apex-ls semantic check: zero errors, zero warnings',
    command: () => [bin('tsx'), 'scripts/checks/run.ts', 'apex-ls']
  },
  {
    name: 'pmd',
    what: 'PMD with config/pmd/ruleset.xml: zero violations',
    command: () => [bin('tsx'), 'scripts/checks/run.ts', 'pmd']
  },
  {
    name: 'metadata',
    what: 'metadata checks: meta files, XML, field types, MiiTel names, ja field translations, packaged vs unpackaged, folder direction of Apex and LWC, SOQL/SOSL references, sf convert',
    command: () => [bin('tsx'), 'scripts/checks/run.ts', 'metadata', 'packaging', 'direction', 'soql', 'convert']
  },
  {
    name: 'contract',
    what: 'generated contract files are up to date',
    command: () => [bin('tsx'), 'scripts/contract/generate.ts', '--check']
  },
  {
    name: 'ops',
    what: 'sf commands and flags used by scripts, workflows and docs exist; actionlint on workflows',
    command: () => [bin('tsx'), 'scripts/checks/run.ts', 'sf-usage', 'workflows']
  },
  {
    name: 'lwc-jest',
    what: 'LWC Jest with coverage thresholds',
    command: () => [bin('sfdx-lwc-jest'), '--coverage', '--', '--no-cache']
  },
  {
    name: 'scripts-tests',
    what: 'TypeScript unit tests for scripts/ (node:test)',
    // Two files at a time: node:test's default is one fewer than the cores (one on the 2-core CI machine), and a file
    // spends much of its time loading modules or waiting on child processes and servers.
    command: () => [bin('tsx'), '--test', '--test-concurrency=2', '--test-reporter=spec', ...testFiles()]
  },
  {
    name: 'browser',
    what: 'the settings page in headless Chromium against a fake backend (ja/en, save, Tasks view)',
    command: () => [bin('tsx'), 'scripts/local-org/page/browser.ts'],
    skipReason: noChromium
  },
  {
    name: 'e2e',
    what: 'end to end: the real local org, a simulated call through the endpoint, the browser checks on the real page',
    command: () => [bin('tsx'), 'scripts/local-org/page/e2e.ts'],
    skipReason: noChromium
  },
  {
    name: 'apex-tests',
    what:
      'every Apex test class on the local org runtime in three org time zones (Asia/Tokyo with line coverage ≥ 90% ' +
      'per class; America/Los_Angeles, the scratch-org default, and Pacific/Kiritimati, UTC+14, in parallel); ' +
      'reports/apex-junit*.xml',
    command: () => [
      bin('tsx'),
      'scripts/local-org/test-runner.ts',
      '--min-coverage',
      '90',
      '--time-zone',
      APEX_TIME_ZONES.join(',')
    ]
  }
];

const testFiles = (): string[] =>
  walk('scripts')
    .filter((f) => f.endsWith('.test.ts') && !f.includes('/fixtures/'))
    .sort();

function main(): void {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const only = values.only?.split(',');
  const steps = only ? STEPS.filter((s) => only.includes(s.name)) : STEPS;
  const results: { name: string; ok: boolean; seconds: string }[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const step of steps) {
    console.log(`\n━━ ${step.name}: ${step.what}`);
    const reason = step.skipReason?.();
    if (reason) {
      console.log(`SKIP ${step.name}: ${reason}`);
      skipped.push({ name: step.name, reason });
      continue;
    }
    const started = Date.now();
    const [command = '', ...args] = step.command();
    const run = spawnSync(command, args, {
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: '0', SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' }
    });
    const ok = run.status === 0;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    results.push({ name: step.name, ok, seconds });
    console.log(`${ok ? 'PASS' : 'FAIL'} ${step.name} (${seconds}s)${run.error ? ` ${run.error.message}` : ''}`);
  }
  console.log('\n━━ summary');
  for (const r of results) {
    console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name.padEnd(14)} ${r.seconds}s`);
  }
  for (const s of skipped) {
    console.log(`SKIP  ${s.name.padEnd(14)} ${s.reason}`);
  }
  const passed = results.filter((r) => r.ok).length;
  console.log(`${passed} passed, ${results.length - passed} failed`);
  process.exit(passed === results.length ? 0 : 1);
}

main();
