/**
 * The runtime's shape: which folder of scripts/local-org/ may import which (docs/style.md "One-way
 * dependencies"). Builds the import graph of the runtime's source files (tests left out: a test may drive the whole
 * runtime) and reports every edge the direction table does not allow and every import cycle between files.
 *   tsx scripts/local-org/dependencies.ts [--root scripts/local-org]
 * Prints the numbers, every back edge and every cycle across folders; exits 1 on any (a cycle inside one folder is
 * counted, not refused). `dependencies.test.ts` runs it in `npm test`.
 *
 * `import type` counts: the rule is about design (a data module that names an interpreter type depends on its
 * shape), not only load order. Type-only edges are reported separately because they do not run at load time.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { walk } from '../checks/lib/project.ts';

/** A folder of the runtime; `.` is the top level (runtime.ts, rest.ts, test-runner.ts, …). */
export type Folder = 'schema' | 'ast' | 'values' | 'data' | 'interpreter' | 'stdlib' | '.' | 'server' | 'page';

/**
 * What each folder may import besides itself: each layer only those below it. interpreter → data → values → ast →
 * schema; the stdlib uses the interpreter and everything under it; the top level (runtime.ts) wires the stdlib into
 * the interpreter; the server and the page use everything. The data layer asks the interpreter for what it needs
 * through the interface it owns (data/host.ts `DataHost`), so it never imports interpreter/ or stdlib/.
 */
export const ALLOWED: Record<Folder, readonly Folder[]> = {
  schema: [],
  ast: ['schema'],
  values: ['ast', 'schema'],
  data: ['values', 'ast', 'schema'],
  interpreter: ['data', 'values', 'ast', 'schema'],
  stdlib: ['interpreter', 'data', 'values', 'ast', 'schema'],
  '.': ['stdlib', 'interpreter', 'data', 'values', 'ast', 'schema'],
  server: ['.', 'stdlib', 'interpreter', 'data', 'values', 'ast', 'schema'],
  page: ['server', '.', 'stdlib', 'interpreter', 'data', 'values', 'ast', 'schema']
};

export interface Edge {
  /** Paths relative to the runtime root, e.g. `data/dml.ts`. */
  from: string;
  to: string;
  /** Every name the import brings in is a type (`import type`, or `import { type A, type B }`). */
  typeOnly: boolean;
}

export interface DependencyReport {
  files: number;
  edges: Edge[];
  /** Edges between folders that `ALLOWED` does not list. */
  backEdges: Edge[];
  /** Strongly connected groups of files (more than one file), each sorted; largest first. */
  cycles: string[][];
  /** The cycles whose files lie in more than one folder (the loop the direction table forbids). */
  crossFolderCycles: string[][];
  /** The same as `cycles`, counting only edges that run at load time (no type-only edges). */
  runtimeCycles: string[][];
}

export function folderOf(file: string): Folder {
  const first = file.includes('/') ? file.slice(0, file.indexOf('/')) : '.';
  if (first in ALLOWED) {
    return first as Folder;
  }
  throw new Error(`${file}: folder ${first} is not in the direction table (dependencies.ts ALLOWED)`);
}

const isTest = (file: string): boolean => file.endsWith('.test.ts') || file.endsWith('test-helpers.ts');

/** The runtime's source files (relative paths), tests, fixtures and the page's build output left out. */
export function sourceFiles(root: string): string[] {
  return walk(root)
    .map((f) => relative(root, f))
    .filter((f) => f.endsWith('.ts') && !isTest(f) && !f.startsWith('fixtures/') && !f.includes('/dist/'))
    .sort();
}

function importsOf(root: string, file: string): Edge[] {
  const text = readFileSync(join(root, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edges: Edge[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean): void => {
    if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) {
      return;
    }
    const to = relative(root, resolve(root, dirname(file), specifier.text));
    if (!to.startsWith('..')) {
      edges.push({ from: file, to, typeOnly });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings;
      const allTypes =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            named !== undefined &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier, allTypes);
    } else if (ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

/** Tarjan's strongly connected components over the given edges; groups of one file are left out. */
function stronglyConnected(files: string[], edges: Edge[]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const edge of edges) {
    next.get(edge.from)?.push(edge.to);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  let counter = 0;
  const connect = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter);
    counter += 1;
    stack.push(file);
    onStack.add(file);
    for (const to of next.get(file) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(to) ?? 0));
      }
    }
    if (low.get(file) === index.get(file)) {
      const group: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member !== undefined) {
          onStack.delete(member);
          group.push(member);
        }
      } while (member !== undefined && member !== file);
      if (group.length > 1) {
        groups.push(group.sort());
      }
    }
  };
  for (const file of files) {
    if (!index.has(file)) {
      connect(file);
    }
  }
  return groups.sort((a, b) => b.length - a.length);
}

export function analyse(root: string): DependencyReport {
  const files = sourceFiles(root);
  files.forEach(folderOf);
  const known = new Set(files);
  const edges = files.flatMap((file) => importsOf(root, file)).filter((edge) => known.has(edge.to));
  const backEdges = edges.filter((edge) => {
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    return from !== to && !ALLOWED[from].includes(to);
  });
  const cycles = stronglyConnected(files, edges);
  return {
    files: files.length,
    edges,
    backEdges,
    cycles,
    crossFolderCycles: cycles.filter((group) => new Set(group.map(folderOf)).size > 1),
    runtimeCycles: stronglyConnected(
      files,
      edges.filter((edge) => !edge.typeOnly)
    )
  };
}

/** The folders in an order where each imports only folders after it; throws when `ALLOWED` has a cycle. */
export function layerOrder(allowed: Record<string, readonly string[]> = ALLOWED): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (folder: string, path: string[]): void => {
    if (order.includes(folder)) {
      return;
    }
    if (visiting.has(folder)) {
      throw new Error(`the direction table has a cycle: ${[...path, folder].join(' → ')}`);
    }
    visiting.add(folder);
    for (const below of allowed[folder] ?? []) {
      visit(below, [...path, folder]);
    }
    order.push(folder);
  };
  for (const folder of Object.keys(allowed)) {
    visit(folder, []);
  }
  return order.reverse();
}

const sizes = (groups: string[][]): string => `[${groups.map((group) => group.length).join(', ')}]`;

export function formatReport(report: DependencyReport): string[] {
  const typeBack = report.backEdges.filter((edge) => edge.typeOnly).length;
  const loop = report.crossFolderCycles.reduce((n, group) => n + group.length, 0);
  const lines = [
    `${report.files} files, ${report.edges.length} imports; ` +
      `${report.backEdges.length} cross-folder back edges (${typeBack} type-only); ` +
      `${loop} files in import cycles across folders ${sizes(report.crossFolderCycles)}; ` +
      `all cycles ${sizes(report.cycles)}, without type-only imports ${sizes(report.runtimeCycles)}`
  ];
  for (const edge of report.backEdges) {
    const allowed = ALLOWED[folderOf(edge.from)].join(', ') || 'nothing';
    lines.push(
      `${edge.from}: imports ${edge.to}${edge.typeOnly ? ' (type only)' : ''}; ${folderOf(edge.from)}/ may import ${allowed}`
    );
  }
  for (const group of report.crossFolderCycles) {
    lines.push(`cycle across folders, ${group.length} files: ${group.join(' ')}`);
  }
  return lines;
}

function main(): void {
  const rootIndex = process.argv.indexOf('--root');
  const root = rootIndex > 0 ? (process.argv[rootIndex + 1] ?? '') : 'scripts/local-org';
  const report = analyse(root);
  for (const line of formatReport(report)) {
    console.log(line);
  }
  process.exit(report.backEdges.length === 0 && report.crossFolderCycles.length === 0 ? 0 : 1);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.dirname, 'dependencies.ts')) {
  main();
}
