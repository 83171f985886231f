/**
 * Compile-time check of custom label references: `System.Label.X` (and `Label.X` where no variable named `label`
 * is declared in the file) must name a label of the project, as the Apex compiler requires ("Invalid external string
 * name: X"). Reported by the loader as a LoadProblem naming file:line.
 */
import type { CustomLabels } from '../schema/labels.ts';
import type { LoadProblem } from './errors.ts';
import type { Expr, FieldExpr, Pos } from './nodes.ts';

const isName = (e: Expr, name: string): boolean => e.kind === 'name' && e.name.toLowerCase() === name;

/** `System.Label.X` → 'qualified'; `Label.X` → 'simple'; anything else → undefined. */
function labelReference(e: FieldExpr): 'qualified' | 'simple' | undefined {
  const t = e.target;
  if (t.kind === 'field' && t.name.toLowerCase() === 'label' && isName(t.target, 'system')) {
    return 'qualified';
  }
  return isName(t, 'label') ? 'simple' : undefined;
}

/** Visits every object reachable from `node` (the AST is a tree of plain objects). */
export function walk(node: unknown, visit: (n: Record<string, unknown>) => void, seen = new Set<object>()): void {
  if (typeof node !== 'object' || node === null || seen.has(node)) {
    return;
  }
  seen.add(node);
  if (Array.isArray(node)) {
    node.forEach((x) => walk(x, visit, seen));
    return;
  }
  if (node instanceof Map) {
    node.forEach((v) => walk(v, visit, seen));
    return;
  }
  visit(node as Record<string, unknown>);
  for (const v of Object.values(node)) {
    walk(v, visit, seen);
  }
}

/** Problems for every reference to an unknown label in `unit` (a compilation unit or a trigger). */
export function checkLabels(unit: unknown, labels: CustomLabels, labelClassDeclared: boolean): LoadProblem[] {
  const refs: { e: FieldExpr; kind: 'qualified' | 'simple' }[] = [];
  let shadowed = labelClassDeclared;
  walk(unit, (n) => {
    if (n.kind === 'field' && typeof n.name === 'string' && typeof n.target === 'object') {
      const e = n as unknown as FieldExpr;
      const kind = labelReference(e);
      if (kind) {
        refs.push({ e, kind });
      }
    }
    // A local, parameter, field or loop variable named `label` makes `Label.X` mean that variable.
    if (typeof n.name === 'string' && n.name.toLowerCase() === 'label' && n.kind !== 'field' && n.kind !== 'name') {
      shadowed = true;
    }
  });
  return refs
    .filter((r) => r.kind === 'qualified' || !shadowed)
    .filter((r) => !labels.has(r.e.name))
    .map((r) => problem(r.e.pos, r.e.name));
}

function problem(pos: Pos, name: string): LoadProblem {
  return {
    file: pos.file,
    line: pos.line,
    column: pos.column,
    kind: 'compile',
    message: `Invalid external string name: ${name} (no custom label ${name} in the project's labels)`
  };
}
