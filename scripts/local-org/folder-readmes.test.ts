import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { declaredImports, folderReadmeProblems, longLines } from './folder-readmes.ts';

describe('runtime folder READMEs', () => {
  const roots: string[] = [];
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it("every folder's README says what it may import as dependencies.ts ALLOWED does, in lines of 120 at most", () => {
    assert.deepEqual(folderReadmeProblems(import.meta.dirname), []);
  });

  it('refuses a missing README, a claim the direction table does not make and a long prose line', () => {
    const root = mkdtempSync(join(tmpdir(), 'runtime-readmes-'));
    roots.push(root);
    const allowed = { low: [], high: ['low'], top: ['high', 'low'] };
    for (const [folder, text] of Object.entries({
      low: '# low\n\nMay import: nothing.\n',
      high: '# high\n\nMay import: `low/` and `top/` (see ALLOWED).\n',
      fixtures: `# fixtures\n\n${'word '.repeat(30)}\n| ${'cell '.repeat(40)} |\n`
    })) {
      mkdirSync(join(root, folder));
      writeFileSync(join(root, folder, 'README.md'), text);
    }
    assert.deepEqual(folderReadmeProblems(root, allowed), [
      'high/: README.md says it may import low, top, dependencies.ts ALLOWED says low',
      'top/: no README.md',
      'fixtures/: README.md line 3 is longer than 120 characters'
    ]);
  });

  it('reads the folders of the "May import:" line up to its "(see …)" and leaves tables and code blocks long', () => {
    assert.deepEqual(declaredImports('x\nMay import: `data/`, `.` and `ast/` (see `ALLOWED` in `../x/`).\n'), [
      'data',
      '.',
      'ast'
    ]);
    assert.equal(declaredImports('no claim'), undefined);
    assert.deepEqual(longLines(`\`\`\`\n${'x'.repeat(200)}\n\`\`\`\n| ${'y'.repeat(200)} |\n`), []);
  });
});
