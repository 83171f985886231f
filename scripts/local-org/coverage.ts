/**
 * Line coverage like the platform's: a line counts when it holds an executable statement (declarations, blocks and
 * comments do not), and is covered when a statement on it ran. Test classes are left out of the totals, as the
 * platform leaves out @IsTest code.
 */
import { hasAnnotation } from './ast/build-declarations.ts';
import type { Block, Member, Stmt, TypeDecl } from './ast/nodes.ts';
import type { LocalOrg } from './runtime.ts';

export interface FileCoverage {
  name: string;
  file: string;
  lines: number[];
  covered: number[];
}

function statementLines(s: Stmt | undefined, out: Set<number>): void {
  if (!s) {
    return;
  }
  if (s.kind !== 'block') {
    out.add(s.pos.line);
  }
  switch (s.kind) {
    case 'block':
      s.statements.forEach((x) => statementLines(x, out));
      break;
    case 'if':
      statementLines(s.then, out);
      statementLines(s.otherwise, out);
      break;
    case 'for':
    case 'forEach':
    case 'while':
      statementLines(s.body, out);
      break;
    case 'doWhile':
    case 'runAs':
      statementLines(s.body, out);
      break;
    case 'try':
      statementLines(s.body, out);
      s.catches.forEach((c) => statementLines(c.body, out));
      statementLines(s.finallyBlock, out);
      break;
    case 'switch':
      s.whens.forEach((w) => statementLines(w.body, out));
      break;
    default:
      break;
  }
}

function memberLines(m: Member, out: Set<number>): void {
  const block = (b: Block | undefined): void => statementLines(b, out);
  switch (m.kind) {
    case 'method':
    case 'constructor':
    case 'initializer':
      block(m.body);
      break;
    case 'property':
      block(m.getter?.body);
      block(m.setter?.body);
      break;
    case 'field':
      // Field initialisers are not recorded as executed statements yet, so they are not counted either.
      break;
    case 'innerType':
      typeLines(m.decl, out);
      break;
  }
}

function typeLines(t: TypeDecl, out: Set<number>): void {
  if (t.kind === 'class') {
    t.members.forEach((m) => memberLines(m, out));
  }
}

/** Executable lines of every non-test class and trigger. */
export function executableLines(org: LocalOrg): Map<string, { name: string; lines: Set<number> }> {
  const result = new Map<string, { name: string; lines: Set<number> }>();
  for (const unit of org.units) {
    if (hasAnnotation(unit.type.modifiers, 'IsTest')) {
      continue;
    }
    const lines = new Set<number>();
    typeLines(unit.type, lines);
    result.set(unit.file, { name: unit.type.name, lines });
  }
  for (const trigger of org.triggers) {
    const lines = new Set<number>();
    statementLines(trigger.body, lines);
    result.set(trigger.file, { name: trigger.name, lines });
  }
  return result;
}

export function coverageReport(org: LocalOrg, executed: Map<string, Set<number>>): FileCoverage[] {
  return [...executableLines(org)].map(([file, { name, lines }]) => {
    const ran = executed.get(file) ?? new Set<number>();
    const all = [...lines].sort((a, b) => a - b);
    return { name, file, lines: all, covered: all.filter((l) => ran.has(l)) };
  });
}

export function formatCoverage(files: FileCoverage[]): string {
  const rows = [...files].sort((a, b) => a.name.localeCompare(b.name));
  const pct = (c: number, n: number): string => (n === 0 ? '100%' : `${Math.floor((c * 100) / n)}%`);
  const lines = rows.map(
    (f) =>
      `  ${f.name.padEnd(40)} ${pct(f.covered.length, f.lines.length).padStart(5)}  (${f.covered.length}/${f.lines.length})`
  );
  const covered = rows.reduce((n, f) => n + f.covered.length, 0);
  const total = rows.reduce((n, f) => n + f.lines.length, 0);
  return [
    'Coverage (lines with executable statements):',
    ...lines,
    `  ${'Total'.padEnd(40)} ${pct(covered, total).padStart(5)}  (${covered}/${total})`
  ].join('\n');
}
