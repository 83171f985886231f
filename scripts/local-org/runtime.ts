/**
 * Loads Apex classes into a runnable local org: parses every `.cls` (in the sfdx project's package directories when
 * the root has an sfdx-project.json, else in the whole tree), reports every syntax error and unsupported construct
 * with file:line (LoadError), and creates transactions that execute the code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LoadError, type LoadProblem } from './ast/errors.ts';
import type { CompilationUnit } from './ast/nodes.ts';
import { parseApexClass } from './ast/parse.ts';
import { ClassInfo } from './interpreter/classes.ts';
import { TransactionContext, type RuntimeOptions } from './interpreter/context.ts';
import { Interpreter } from './interpreter/interpreter.ts';
import { TypeRegistry } from './interpreter/registry.ts';

export interface ApexSource {
  /** Path used in messages (relative to the project root when loaded from disk). */
  file: string;
  source: string;
}

export const DEFAULT_OPTIONS: RuntimeOptions = { timeZone: 'Asia/Tokyo' };

/** A loaded set of classes. Each transaction gets fresh static state. */
export class LocalOrg {
  readonly registry: TypeRegistry;
  constructor(
    readonly units: CompilationUnit[],
    readonly options: RuntimeOptions = DEFAULT_OPTIONS
  ) {
    this.registry = new TypeRegistry(units);
  }

  /** A new transaction: fresh statics, stack, debug log and limits. */
  transaction(overrides: Partial<RuntimeOptions> = {}): Interpreter {
    return new Interpreter(this.registry, new TransactionContext({ ...this.options, ...overrides }));
  }

  /** Top-level class by name (case-insensitive). */
  classNamed(name: string): ClassInfo {
    const info = this.registry.topLevel.get(name.toLowerCase());
    if (!(info instanceof ClassInfo)) {
      throw new Error(`No class ${name} in the loaded sources`);
    }
    return info;
  }
}

/** Parses sources; throws LoadError listing every problem (file:line) if any. */
export function loadSources(sources: ApexSource[], options: RuntimeOptions = DEFAULT_OPTIONS): LocalOrg {
  const problems: LoadProblem[] = [];
  const units: CompilationUnit[] = [];
  for (const s of sources) {
    const { unit, problems: found } = parseApexClass(s.source, s.file);
    problems.push(...found);
    if (unit) {
      units.push(unit);
    }
  }
  if (problems.length > 0) {
    throw new LoadError(problems);
  }
  return new LocalOrg(units, options);
}

function walkCls(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.') || entry === 'node_modules') {
      continue;
    }
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      walkCls(full, out);
    } else if (entry.endsWith('.cls')) {
      out.push(full);
    }
  }
}

/** The `.cls` files under `root`: its sfdx package directories if it is an sfdx project, else the whole tree. */
export function findClassFiles(root: string): string[] {
  const abs = resolve(root);
  const project = join(abs, 'sfdx-project.json');
  const dirs = existsSync(project)
    ? (JSON.parse(readFileSync(project, 'utf8')) as { packageDirectories: { path: string }[] }).packageDirectories.map(
        (d) => join(abs, d.path)
      )
    : [abs];
  const files: string[] = [];
  for (const dir of dirs) {
    if (existsSync(dir)) {
      walkCls(dir, files);
    }
  }
  return files;
}

export function loadProject(root: string, options: RuntimeOptions = DEFAULT_OPTIONS): LocalOrg {
  const abs = resolve(root);
  const sources = findClassFiles(abs).map((f) => ({
    file: relative(process.cwd(), f) || f,
    source: readFileSync(f, 'utf8')
  }));
  return loadSources(sources, options);
}
