import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { analyse, formatReport, layerOrder } from './dependencies.ts';

const RUNTIME = import.meta.dirname;

/** A throwaway runtime tree: path → source. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'runtime-deps-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('runtime dependency check (docs/style.md "One-way dependencies")', () => {
  const roots: string[] = [];
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('the direction table itself has no cycle: data sits under the interpreter, schema at the bottom', () => {
    const order = layerOrder();
    assert.ok(order.indexOf('interpreter') < order.indexOf('data'), order.join(' '));
    assert.ok(order.indexOf('data') < order.indexOf('schema'), order.join(' '));
    assert.throws(() => layerOrder({ a: ['b'], b: ['a'] }), /a → b → a/);
  });

  it('reports an import from data/ into interpreter/ as a back edge and the two files as a loop', () => {
    const root = tree({
      'data/dml.ts': "import { run } from '../interpreter/run.ts';\nexport const dml = run;\n",
      'interpreter/run.ts': "import type { Row } from '../data/dml.ts';\nexport const run = (r?: Row) => r;\n"
    });
    roots.push(root);
    const report = analyse(root);
    assert.deepEqual(
      report.backEdges.map((e) => `${e.from} → ${e.to}`),
      ['data/dml.ts → interpreter/run.ts'],
      'only the upward import is a back edge'
    );
    assert.deepEqual(report.crossFolderCycles, [['data/dml.ts', 'interpreter/run.ts']], 'the loop');
    assert.deepEqual(report.runtimeCycles, [], 'the interpreter side is type-only, so nothing loops at load time');
  });

  it('counts type-only, re-export and dynamic imports, and leaves tests and package imports out', () => {
    const root = tree({
      'data/a.ts': [
        "import { type X, type Y } from '../stdlib/x.ts';",
        "export { z } from '../interpreter/z.ts';",
        "const lazy = () => import('../stdlib/y.ts');",
        "import { parseQuery } from '@jetstreamapp/soql-parser-js';",
        'export type { X, Y };',
        'export { lazy, parseQuery };'
      ].join('\n'),
      'data/a.test.ts': "import '../interpreter/z.ts';\n",
      'interpreter/z.ts': 'export const z = 1;\n',
      'stdlib/x.ts': 'export type X = 1;\nexport type Y = 2;\n',
      'stdlib/y.ts': 'export const y = 1;\n'
    });
    roots.push(root);
    const report = analyse(root);
    assert.equal(report.files, 4, 'the test file is not a runtime source');
    assert.deepEqual(
      report.backEdges.map((e) => `${e.to}${e.typeOnly ? ' (type)' : ''}`).sort(),
      ['interpreter/z.ts', 'stdlib/x.ts (type)', 'stdlib/y.ts'],
      'every form of import is an edge; only the all-type one is type-only'
    );
  });

  it('refuses a folder the direction table does not know', () => {
    const root = tree({ 'newfolder/a.ts': 'export const a = 1;\n' });
    roots.push(root);
    assert.throws(() => analyse(root), /newfolder is not in the direction table/);
  });

  it('the runtime imports only down the direction table: no back edge, no cycle across folders', () => {
    const report = analyse(RUNTIME);
    const printed = formatReport(report).join('\n');
    assert.deepEqual(report.backEdges, [], printed);
    assert.deepEqual(report.crossFolderCycles, [], printed);
  });
});
