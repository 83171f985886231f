import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** One entry of sfdx-project.json's packageDirectories. */
export interface PackageDirectory {
  path: string;
  package?: string;
  default?: boolean;
}

/** The parts of sfdx-project.json the checks rely on, with the root resolved. */
export interface SfdxProject {
  root: string;
  packageDirectories: PackageDirectory[];
  sourceApiVersion: string;
}

/** A problem found by a check. `file` is relative to the project root. */
export interface Finding {
  check: string;
  file: string;
  line?: number;
  message: string;
}

export function loadProject(root: string): SfdxProject {
  const absoluteRoot = resolve(root);
  const file = join(absoluteRoot, 'sfdx-project.json');
  if (!existsSync(file)) {
    throw new Error(`No sfdx-project.json in ${absoluteRoot}`);
  }
  const json = JSON.parse(readFileSync(file, 'utf8')) as Partial<SfdxProject>;
  if (!Array.isArray(json.packageDirectories) || json.packageDirectories.length === 0) {
    throw new Error(`${file}: packageDirectories is missing or empty`);
  }
  if (typeof json.sourceApiVersion !== 'string' || !/^\d+\.0$/.test(json.sourceApiVersion)) {
    throw new Error(`${file}: sourceApiVersion must be pinned, like "65.0"`);
  }
  return {
    root: absoluteRoot,
    packageDirectories: json.packageDirectories,
    sourceApiVersion: json.sourceApiVersion
  };
}

/** Every file under the project's package directories (skipping dot folders), absolute paths, sorted. */
export function packageFiles(project: SfdxProject): string[] {
  return project.packageDirectories.flatMap((dir) => walk(join(project.root, dir.path))).sort();
}

export function walk(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.') || entry === 'node_modules') {
      continue;
    }
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      out.push(...walk(full));
    } else {
      out.push(full);
    }
  }
  return out;
}

export function rel(project: SfdxProject, file: string): string {
  return relative(project.root, file);
}

export function formatFinding(finding: Finding): string {
  const where = finding.line === undefined ? finding.file : `${finding.file}:${finding.line}`;
  return `${where}: [${finding.check}] ${finding.message}`;
}

/** 1-based line number of a character offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
    }
  }
  return line;
}
