import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Finding, type SfdxProject, walk } from './lib/project.ts';

const CHECK = 'sf-usage';
const TOOLS_ROOT = resolve(import.meta.dirname, '../..');

/** A Salesforce CLI command as `sf commands --json` describes it. */
export interface SfCommand {
  id: string;
  aliases?: string[];
  flags: Record<string, { name: string; char?: string; aliases?: string[] }>;
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

/** Checks that each invocation names an existing command and only flags that command has. */
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
  const problems: string[] = [];
  const names = new Set<string>();
  const chars = new Set<string>();
  for (const flag of Object.values(command.flags)) {
    names.add(flag.name);
    for (const alias of flag.aliases ?? []) {
      names.add(alias);
    }
    if (flag.char) {
      chars.add(flag.char);
    }
  }
  for (const token of invocation.tokens) {
    const long = /^--([a-z][\w-]*)/.exec(token);
    if (long?.[1] && !names.has(long[1])) {
      problems.push(`sf ${command.id.replaceAll(':', ' ')} has no flag --${long[1]}`);
    }
    const short = /^-([a-zA-Z])$/.exec(token);
    if (short?.[1] && !chars.has(short[1])) {
      problems.push(`sf ${command.id.replaceAll(':', ' ')} has no flag -${short[1]}`);
    }
  }
  return problems;
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
