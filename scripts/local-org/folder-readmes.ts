/**
 * Every folder of the runtime has a short README that says what the folder may import, and says it as the direction
 * table does (dependencies.ts `ALLOWED`): the line starting `May import:` names the folders as `name/` in backticks
 * (the top level as `.`), or names none for the bottom layer. In those READMEs and the runtime's own README, prose
 * lines stay within 120 characters (prettier does not wrap Markdown here: .prettierrc.json leaves proseWrap at
 * "preserve"); table rows, code blocks and links alone on a line may be wider. `folder-readmes.test.ts` runs it in
 * `npm test`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALLOWED, type Folder } from './dependencies.ts';

export const MAX_LINE = 120;

/** The folders a README's `May import:` line names, or undefined when it has no such line. */
export function declaredImports(readme: string): string[] | undefined {
  const line = readme.split('\n').find((l) => l.startsWith('May import:'));
  if (line === undefined) {
    return undefined;
  }
  const claim = line.split(' (see ')[0] ?? line;
  return [...claim.matchAll(/`([a-z-]+\/|\.)`/g)].map((m) => (m[1] === '.' ? '.' : (m[1] ?? '').slice(0, -1)));
}

/** Prose lines longer than MAX_LINE, as 1-based line numbers. */
export function longLines(readme: string): number[] {
  let fenced = false;
  const long: number[] = [];
  readme.split('\n').forEach((line, i) => {
    if (line.startsWith('```')) {
      fenced = !fenced;
      return;
    }
    const table = line.trimStart().startsWith('|');
    const lonelyLink = /^\s*(- )?<?\[?[^\s]+$/.test(line);
    if (!fenced && !table && !lonelyLink && [...line].length > MAX_LINE) {
      long.push(i + 1);
    }
  });
  return long;
}

/** What is wrong with the folder READMEs under `root` (a runtime tree), one message each; empty when all is well. */
export function folderReadmeProblems(root: string, allowed: Record<string, readonly string[]> = ALLOWED): string[] {
  const problems: string[] = [];
  const top = join(root, 'README.md');
  if (existsSync(top)) {
    for (const line of longLines(readFileSync(top, 'utf8'))) {
      problems.push(`./: README.md line ${line} is longer than ${MAX_LINE} characters`);
    }
  }
  for (const folder of [...Object.keys(allowed).filter((f) => f !== '.'), 'fixtures']) {
    const path = join(root, folder, 'README.md');
    if (!existsSync(path)) {
      problems.push(`${folder}/: no README.md`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    for (const line of longLines(text)) {
      problems.push(`${folder}/: README.md line ${line} is longer than ${MAX_LINE} characters`);
    }
    if (folder === 'fixtures') {
      continue; // test data: imported by tests only, not in the direction table
    }
    const declared = declaredImports(text);
    const expected = [...(allowed[folder as Folder] ?? [])].sort();
    if (declared === undefined) {
      problems.push(
        `${folder}/: README.md has no "May import:" line (dependencies.ts ALLOWED: ${expected.join(', ')})`
      );
    } else if (declared.slice().sort().join(',') !== expected.join(',')) {
      problems.push(
        `${folder}/: README.md says it may import ${declared.join(', ') || 'nothing'}, ` +
          `dependencies.ts ALLOWED says ${expected.join(', ') || 'nothing'}`
      );
    }
  }
  return problems;
}
