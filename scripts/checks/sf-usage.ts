import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Finding, type SfdxProject, walk } from './lib/project.ts';

const CHECK = 'sf-usage';
const TOOLS_ROOT = resolve(import.meta.dirname, '../..');

/** One flag of a command as `sf commands --json` describes it (oclif's flag manifest). */
export interface SfFlag {
  name: string;
  char?: string;
  aliases?: string[];
  /** The only values the flag accepts, when the CLI restricts them (e.g. --test-level). */
  options?: string[];
  /** Flags that cannot be given together with this one. */
  exclusive?: string[];
}

/** A Salesforce CLI command as `sf commands --json` describes it. */
export interface SfCommand {
  id: string;
  aliases?: string[];
  flags: Record<string, SfFlag>;
}

/** One `sf …` invocation found in a script, workflow or doc. */
export interface SfInvocation {
  file: string;
  line: number;
  tokens: string[];
}

/** Lists the installed CLI's commands and flags (offline; about 5 s). */
export function loadSfCommands(): SfCommand[] {
  const run = spawnSync(join(TOOLS_ROOT, 'node_modules/.bin/sf'), ['commands', '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' }
  });
  if (run.status !== 0) {
    throw new Error(`sf commands --json failed: ${run.stderr}`);
  }
  return JSON.parse(run.stdout) as SfCommand[];
}

/** Finds `sf <command> [flags]` in shell-like text, joining `\` continuation lines. */
export function findInvocations(file: string, text: string): SfInvocation[] {
  const found: SfInvocation[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    const start = i;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      line = line.replace(/\\\s*$/, ' ') + (lines[++i] ?? '');
    }
    for (const match of line.matchAll(/(?:^|[\s`"'(;&|])(?:node_modules\/\.bin\/|npx )?sf\s+([a-z][^`;&|)#]*)/g)) {
      found.push({ file, line: start + 1, tokens: tokenize(match[1] ?? '') });
    }
  }
  return found;
}

function tokenize(text: string): string[] {
  return [...text.matchAll(/"[^"]*"|'[^']*'|\S+/g)].map((m) => m[0]);
}

/**
 * Checks that each invocation names an existing command, only flags that command has, only values a flag with a fixed
 * set of values accepts, and no two flags the command declares mutually exclusive.
 */
export function checkInvocation(invocation: SfInvocation, commands: SfCommand[]): string[] {
  const words: string[] = [];
  for (const token of invocation.tokens) {
    if (!/^[a-z][a-z-]*$/.test(token)) {
      break;
    }
    words.push(token);
  }
  // The command is the longest run of leading words that names a command; the rest are arguments.
  let command: SfCommand | undefined;
  for (let n = words.length; n > 0 && !command; n--) {
    const id = words.slice(0, n).join(':');
    command = commands.find((c) => c.id === id || (c.aliases ?? []).includes(id));
  }
  if (!command) {
    return [`unknown sf command "sf ${words.join(' ')}"`];
  }
  const label = `sf ${command.id.replaceAll(':', ' ')}`;
  const byName = new Map<string, SfFlag>();
  const byChar = new Map<string, SfFlag>();
  for (const flag of Object.values(command.flags)) {
    for (const name of [flag.name, ...(flag.aliases ?? [])]) {
      byName.set(name, flag);
    }
    if (flag.char) {
      byChar.set(flag.char, flag);
    }
  }
  const problems: string[] = [];
  const used = new Set<string>();
  const tokens = invocation.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const long = /^--([a-z][\w-]*)(?:=(.*))?/.exec(token);
    const short = /^-([a-zA-Z])$/.exec(token);
    const written = long?.[1] ? `--${long[1]}` : short?.[1] ? `-${short[1]}` : undefined;
    if (!written) {
      continue;
    }
    const flag = long?.[1] ? byName.get(long[1]) : byChar.get(short?.[1] ?? '');
    if (!flag) {
      problems.push(`${label} has no flag ${written}`);
      continue;
    }
    used.add(flag.name);
    const value = long?.[2] ?? tokens[i + 1];
    const problem = valueProblem(flag, value);
    if (problem) {
      problems.push(`${label} ${written}: ${problem}`);
    }
  }
  const clashes = new Set<string>();
  for (const name of used) {
    for (const other of byName.get(name)?.exclusive ?? []) {
      if (used.has(other)) {
        clashes.add([name, other].sort().join(' and --'));
      }
    }
  }
  for (const pair of [...clashes].sort()) {
    problems.push(`${label}: --${pair} cannot be used together`);
  }
  return problems;
}

/**
 * A flag with a fixed set of values (oclif `options`) given a literal value outside that set. Values the shell fills
 * in (`$level`, `"${LEVEL}"`) and placeholders (`<level>`) cannot be judged offline and pass.
 * This is how `sf project deploy validate --test-level NoTestRun` is caught: validate always runs tests, so its
 * --test-level has no NoTestRun (Salesforce CLI Command Reference, "project deploy validate",
 * https://developer.salesforce.com/docs/platform/salesforce-cli-reference/guide/cli_reference_project_deploy_validate.html).
 */
function valueProblem(flag: SfFlag, raw: string | undefined): string | undefined {
  if (!flag.options || raw === undefined || raw.startsWith('-')) {
    return undefined;
  }
  const value = raw.replace(/^(["'])(.*)\1$/, '$2').replace(/[",.']+$/, '');
  if (value === '' || /[$<>{}]/.test(value)) {
    return undefined;
  }
  return flag.options.includes(value) ? undefined : `"${value}" is not one of ${flag.options.join(', ')}`;
}

/** Files that tell people or machines to run sf: npm scripts, org scripts, workflows, READMEs. */
export function sfUsageFiles(project: SfdxProject): string[] {
  const candidates = [
    'package.json',
    'README.md',
    ...walk(join(project.root, 'scripts/org')).map((f) => f.slice(project.root.length + 1)),
    ...walk(join(project.root, '.github/workflows')).map((f) => f.slice(project.root.length + 1)),
    ...walk(join(project.root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(project.root.length + 1))
  ];
  return candidates.filter((f) => existsSync(join(project.root, f)));
}

export function checkSfUsage(project: SfdxProject, commands = loadSfCommands()): Finding[] {
  const findings: Finding[] = [];
  for (const file of sfUsageFiles(project)) {
    for (const invocation of findInvocations(file, readFileSync(join(project.root, file), 'utf8'))) {
      for (const message of checkInvocation(invocation, commands)) {
        findings.push({ check: CHECK, file, line: invocation.line, message });
      }
    }
  }
  return findings;
}
