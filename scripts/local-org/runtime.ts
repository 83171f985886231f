/**
 * Loads Apex classes into a runnable local org: parses every `.cls` (in the sfdx project's package directories when
 * the root has an sfdx-project.json, else in the whole tree), reports every syntax error and unsupported construct
 * with file:line (LoadError), and creates transactions that execute the code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { LoadError, type LoadProblem } from './ast/errors.ts';
import type { CompilationUnit, TriggerUnit } from './ast/nodes.ts';
import { parseApexClass, parseApexTrigger } from './ast/parse.ts';
import { seed } from './data/seed.ts';
import { Store } from './data/store.ts';
import { CustomLabels } from './schema/labels.ts';
import { loadPermissionSets, type PermissionSetInfo } from './schema/permission-sets.ts';
import { Schema } from './schema/schema.ts';
import { checkSiteMetadata } from './ast/site-check.ts';
import { EMPTY_SITE_METADATA, loadSiteMetadata, type SiteMetadata } from './schema/sites.ts';
import { checkLabels } from './ast/label-check.ts';
import { checkUpsertKeys } from './ast/upsert-check.ts';
import { ClassInfo } from './values/classes.ts';
import { TransactionContext, type RuntimeOptions } from './interpreter/context.ts';
import { Interpreter } from './interpreter/interpreter.ts';
import { TypeRegistry } from './interpreter/registry.ts';
import { SeededRandom } from './interpreter/random.ts';
import { STANDARD_LIBRARY } from './stdlib/natives.ts';

export interface ApexSource {
  /** Path used in messages (relative to the project root when loaded from disk). */
  file: string;
  source: string;
}

export const DEFAULT_OPTIONS: RuntimeOptions = { timeZone: 'Asia/Tokyo' };

export interface TransactionOptions extends Partial<RuntimeOptions> {
  /** The data the transaction starts from (copied); the org's committed data when absent. */
  store?: Store;
  /** Record executed lines into this map (file → lines). */
  coverage?: Map<string, Set<number>>;
  /** Custom permissions granted to the running user. */
  permissions?: string[];
}

/** A loaded set of classes and triggers over a schema, with the org's committed data. Each transaction gets fresh static state. */
export class LocalOrg {
  readonly registry: TypeRegistry;
  /** The committed data every transaction starts from: the seeded Organization, profiles and running user. */
  readonly data: Store;
  readonly userId: string;
  readonly organizationId: string;
  /** One random sequence for the whole org (all transactions of a test run). */
  readonly random = new SeededRandom();
  /** Org-wide usage (OrgLimits): Apex REST requests served. */
  readonly usage = { apiRequests: 0 };
  constructor(
    readonly units: CompilationUnit[],
    readonly options: RuntimeOptions = DEFAULT_OPTIONS,
    readonly triggers: TriggerUnit[] = [],
    readonly schema: Schema = new Schema(),
    readonly labels: CustomLabels = new CustomLabels(),
    readonly permissionSets = new Map<string, PermissionSetInfo>(),
    readonly sites: SiteMetadata = EMPTY_SITE_METADATA
  ) {
    this.registry = new TypeRegistry(units, schema);
    this.registry.labels = labels;
    this.registry.permissionSets = permissionSets;
    this.registry.sites = sites;
    this.registry.triggers = [...triggers].sort((a, b) => a.name.localeCompare(b.name));
    this.data = new Store();
    const seeded = seed(this.data, schema, {
      timeZone: options.timeZone,
      ...(options.userTimeZone ? { userTimeZone: options.userTimeZone } : {}),
      ...(options.language ? { language: options.language } : {}),
      apexClasses: units.map((u) => u.type.name),
      apexClassBodies: new Map(units.map((u) => [u.type.name, u.source ?? null])),
      permissionSets: [...permissionSets.values()],
      now: options.now ? options.now() : Date.now(),
      sites
    });
    this.registry.seededUsers = seeded.users;
    this.userId = seeded.userId;
    this.organizationId = seeded.organizationId;
  }

  /** A new transaction: fresh statics, stack, debug log and limits, and a copy of the data it starts from. */
  transaction(overrides: TransactionOptions = {}): Interpreter {
    const { store, coverage, permissions, ...runtime } = overrides;
    const ctx = new TransactionContext({ ...this.options, ...runtime });
    ctx.store = (store ?? this.data).clone();
    ctx.runningUserId = this.userId;
    ctx.organizationId = this.organizationId;
    ctx.random = this.random;
    ctx.orgUsage = this.usage;
    for (const p of permissions ?? []) {
      ctx.permissions.add(p.toLowerCase());
    }
    if (coverage) {
      ctx.covered = coverage;
    }
    return new Interpreter(this.registry, ctx, STANDARD_LIBRARY);
  }

  /** Makes a finished transaction's data the org's committed data (an Apex REST request that succeeded). */
  commit(store: Store): void {
    this.data.restore(store);
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

/** Parses sources (`.cls`, and `.trigger` by file name); throws LoadError listing every problem (file:line) if any. */
export function loadSources(
  sources: ApexSource[],
  options: RuntimeOptions = DEFAULT_OPTIONS,
  schema = new Schema(),
  labels = new CustomLabels(),
  permissionSets = new Map<string, PermissionSetInfo>(),
  sites: SiteMetadata = EMPTY_SITE_METADATA
): LocalOrg {
  const problems: LoadProblem[] = [];
  const units: CompilationUnit[] = [];
  const triggers: TriggerUnit[] = [];
  for (const s of sources) {
    if (s.file.endsWith('.trigger')) {
      const { unit, problems: found } = parseApexTrigger(s.source, s.file);
      problems.push(...found);
      if (unit) {
        if (!schema.describe(unit.object)) {
          problems.push({
            file: s.file,
            line: unit.pos.line,
            column: 1,
            kind: 'unsupported',
            message: `trigger on unknown object ${unit.object}`
          });
        }
        triggers.push(unit);
      }
      continue;
    }
    const { unit, problems: found } = parseApexClass(s.source, s.file);
    problems.push(...found);
    if (unit) {
      units.push(unit);
    }
  }
  const labelClass = units.some((u) => u.type.name.toLowerCase() === 'label');
  for (const unit of [...units, ...triggers]) {
    problems.push(...checkLabels(unit, labels, labelClass));
    problems.push(...checkUpsertKeys(unit, schema));
  }
  problems.push(...checkSiteMetadata(sites, triggers, schema));
  if (problems.length > 0) {
    throw new LoadError(problems);
  }
  return new LocalOrg(units, options, triggers, schema, labels, permissionSets, sites);
}

function walkCls(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.') || entry === 'node_modules') {
      continue;
    }
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      walkCls(full, out);
    } else if (entry.endsWith('.cls') || entry.endsWith('.trigger')) {
      out.push(full);
    }
  }
}

/** The sfdx package directories of `root` (the root itself when it is not an sfdx project). */
export function packageDirectories(root: string): string[] {
  const abs = resolve(root);
  const project = join(abs, 'sfdx-project.json');
  // A path listed twice (one directory in two packages, as a namespaced test package of the same source) is one
  // directory of the project: its files are loaded once.
  return existsSync(project)
    ? [
        ...new Set(
          (
            JSON.parse(readFileSync(project, 'utf8')) as { packageDirectories: { path: string }[] }
          ).packageDirectories.map((d) => join(abs, d.path))
        )
      ]
    : [abs];
}

/** The `.cls` and `.trigger` files under `root`: its sfdx package directories if it is an sfdx project, else the whole tree. */
export function findClassFiles(root: string): string[] {
  const dirs = packageDirectories(root);
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
  const dirs = packageDirectories(abs);
  return loadSources(
    sources,
    options,
    new Schema(dirs),
    CustomLabels.load(dirs),
    loadPermissionSets(dirs),
    loadSiteMetadata(dirs)
  );
}
