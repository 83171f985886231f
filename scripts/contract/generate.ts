/**
 * `npm run generate`: writes every artifact derived from the contract.
 *   tsx scripts/contract/generate.ts           write the files that changed
 *   tsx scripts/contract/generate.ts --check   write nothing; exit 1 listing files regeneration would change
 * Before emitting, checks that the TypeScript validator gives every vector its expected outcome: the Apex test class
 * embeds the TypeScript outcomes, so they must be right.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { CallEvent, CallEventRequest, CallEventResponse, ErrorResponse } from './contract.ts';
import { objectNodes } from './dsl.ts';
import { CONTRACT_CLASS, emitContract } from './emit/apex-contract.ts';
import { emitFormats } from './emit/apex-formats.ts';
import { FORMATS_CLASS, READER_CLASS, emitReader } from './emit/apex-reader.ts';
import { TEST_CLASS, emitTests } from './emit/apex-tests.ts';
import { VALIDATOR_CLASS, emitValidator } from './emit/apex-validator.ts';
import { emitClient } from './emit/client.ts';
import { emitOpenApi } from './emit/openapi.ts';
import { emitReadme } from './emit/readme.ts';
import { APEX_META, NOTICE, REPO_ROOT, format } from './emit/text.ts';
import { validateBody } from './validator.ts';
import { type VectorFile, expectedLines, loadVectors, outcomeLines, vectorBody } from './vectors.ts';

export const APEX_DIR = 'force-app/main/contract/classes';

/** The Apex DTO classes, in the order they appear in the contract class. */
const APEX_OBJECTS = [
  ...objectNodes(CallEventRequest),
  ...objectNodes(CallEventResponse),
  ...objectNodes(ErrorResponse).filter((node) => node !== ErrorResponse.fields.error.node)
];

function sourceApiVersion(): string {
  const project = JSON.parse(readFileSync(join(REPO_ROOT, 'sfdx-project.json'), 'utf8')) as {
    sourceApiVersion: string;
  };
  return project.sourceApiVersion;
}

/** Throws when the TypeScript validator disagrees with a vector's expectation. */
export function checkVectors(file: VectorFile): void {
  const mismatches = file.vectors.flatMap((vector) => {
    const actual = outcomeLines(validateBody(vectorBody(vector, file.templates))).join('\n');
    const expected = expectedLines(vector).join('\n');
    return actual === expected ? [] : [`${vector.name}: expected ${expected}, got ${actual}`];
  });
  if (mismatches.length > 0) {
    throw new Error(`the TypeScript validator disagrees with vectors.json:\n${mismatches.join('\n')}`);
  }
}

/** Every generated file: repository-relative path → formatted content. */
export async function generate(): Promise<Map<string, string>> {
  const vectors = loadVectors();
  checkVectors(vectors);
  const meta = APEX_META.replace('{version}', sourceApiVersion());
  const raw: [string, string][] = [
    [`${APEX_DIR}/${CONTRACT_CLASS}.cls`, emitContract(APEX_OBJECTS)],
    [`${APEX_DIR}/${FORMATS_CLASS}.cls`, emitFormats()],
    [`${APEX_DIR}/${READER_CLASS}.cls`, emitReader(CONTRACT_CLASS)],
    [`${APEX_DIR}/${VALIDATOR_CLASS}.cls`, emitValidator(CallEvent)],
    [`${APEX_DIR}/${TEST_CLASS}.cls`, emitTests(vectors)],
    ...[CONTRACT_CLASS, FORMATS_CLASS, READER_CLASS, VALIDATOR_CLASS, TEST_CLASS].map((name): [string, string] => [
      `${APEX_DIR}/${name}.cls-meta.xml`,
      meta
    ]),
    ['docs/api/openapi.json', emitOpenApi()],
    ['docs/api/README.md', emitReadme()],
    ['scripts/contract/generated/client.ts', emitClient()]
  ];
  const files = new Map<string, string>();
  for (const [path, text] of raw) {
    files.set(path, await format(path, text));
  }
  return files;
}

export interface Drift {
  path: string;
  state: 'changed' | 'missing' | 'stale';
}

const OUTPUT_DIRS = [APEX_DIR, 'docs/api', 'scripts/contract/generated'];

/**
 * What differs between the generated files and a checkout at `root`: files whose content would change, files not
 * there yet, and stale files (generated files, identified by the notice, that the generator no longer produces, with
 * their -meta.xml).
 */
export function findDrift(files: Map<string, string>, root = REPO_ROOT): Drift[] {
  const drift: Drift[] = [];
  for (const [path, text] of files) {
    const absolute = join(root, path);
    if (!existsSync(absolute)) {
      drift.push({ path, state: 'missing' });
    } else if (readFileSync(absolute, 'utf8') !== text) {
      drift.push({ path, state: 'changed' });
    }
  }
  for (const dir of OUTPUT_DIRS) {
    const absolute = join(root, dir);
    const names = existsSync(absolute) ? readdirSync(absolute) : [];
    for (const name of names.filter((n) => !files.has(`${dir}/${n}`))) {
      if (readFileSync(join(absolute, name), 'utf8').includes(NOTICE)) {
        drift.push({ path: `${dir}/${name}`, state: 'stale' });
        if (names.includes(`${name}-meta.xml`) && !files.has(`${dir}/${name}-meta.xml`)) {
          drift.push({ path: `${dir}/${name}-meta.xml`, state: 'stale' });
        }
      }
    }
  }
  return drift;
}

/** Brings a checkout in line with the generated files. */
export function applyDrift(files: Map<string, string>, drift: Drift[], root = REPO_ROOT): void {
  for (const { path, state } of drift) {
    const absolute = join(root, path);
    const text = files.get(path);
    if (state === 'stale' || text === undefined) {
      unlinkSync(absolute);
    } else {
      mkdirSync(dirname(absolute), { recursive: true });
      writeFileSync(absolute, text);
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { check: { type: 'boolean', default: false } } });
  const files = await generate();
  const drift = findDrift(files);
  if (values.check) {
    if (drift.length === 0) {
      console.log(`generated files are up to date (${files.size} files)`);
      return;
    }
    console.log(`${drift.length} generated file(s) out of date; run \`npm run generate\`:`);
    drift.forEach(({ path, state }) => console.log(`  ${state.padEnd(8)} ${path}`));
    process.exitCode = 1;
    return;
  }
  applyDrift(files, drift);
  drift.forEach(({ path, state }) => console.log(`${state === 'stale' ? 'removed' : 'wrote'}  ${path}`));
  console.log(`${files.size} generated files, ${drift.length} updated`);
}

if (relative(process.argv[1] ?? '', import.meta.filename) === '') {
  await main();
}
