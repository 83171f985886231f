import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { CONTRACT_OBJECTS, CallEvent, ENDPOINT_PATH } from './contract.ts';
import { fieldEntries } from './dsl.ts';
import { NOTICE } from './emit/text.ts';
import { APEX_DIR, applyDrift, findDrift, generate } from './generate.ts';
import { validateBody } from './validator.ts';
import { camelName, loadVectors } from './vectors.ts';

let files = new Map<string, string>();
const file = (path: string): string => files.get(path) ?? assert.fail(`${path} was not generated`);

before(async () => {
  files = await generate();
});

describe('generate', () => {
  it('emits the Apex classes with meta files, the API docs and the client, each marked as generated', () => {
    const classes = [
      'MiiTelCallEventContract',
      'MiiTelContractFormats',
      'MiiTelContractReader',
      'MiiTelCallEventValidator',
      'MiiTelCallEventValidator_Tests'
    ];
    assert.deepEqual(
      [...files.keys()].sort(),
      [
        ...classes.flatMap((name) => [`${APEX_DIR}/${name}.cls`, `${APEX_DIR}/${name}.cls-meta.xml`]),
        'docs/api/README.md',
        'docs/api/openapi.json',
        'scripts/contract/generated/client.ts'
      ].sort()
    );
    for (const [path, text] of files) {
      if (path.endsWith('.cls') || path.endsWith('.ts')) {
        assert.ok(text.startsWith(`// ${NOTICE}\n`), path);
      } else if (path.endsWith('.md')) {
        assert.ok(text.startsWith(`<!-- ${NOTICE} -->\n`), path);
      } else if (path.endsWith('.cls-meta.xml')) {
        assert.match(text, /<apiVersion>65\.0<\/apiVersion>\s*<status>Active<\/status>/);
      }
    }
    assert.equal((JSON.parse(file('docs/api/openapi.json')) as Record<string, unknown>)['x-generated'], NOTICE);
  });

  it('makes the Apex validator read the event fields in schema order, the TypeScript validator’s order', () => {
    const validator = file(`${APEX_DIR}/MiiTelCallEventValidator.cls`);
    const bodies = new Map(
      [...validator.matchAll(/private static \S+ (read\w+)\(MiiTelContractReader fields\) \{([\s\S]*?)\n {2}\}/g)].map(
        (match) => [match[1] ?? '', match[2] ?? '']
      )
    );
    // Follows the calls as Apex runs them: a nested reader method reads its fields where its object field is read.
    const order = (method: string): string[] =>
      [...(bodies.get(method) ?? '').matchAll(/(?:(read\w+)\()?fields\.read(?:Object)?\('(\w+)'/g)].flatMap((match) =>
        match[1] ? [match[2] ?? '', ...order(match[1])] : [match[2] ?? '']
      );
    assert.deepEqual(
      order('readCallEvent'),
      fieldEntries(CallEvent).map((entry) => entry.key)
    );
  });

  it('writes one Apex test method per shared vector, asserting the TypeScript outcome', () => {
    const tests = file(`${APEX_DIR}/MiiTelCallEventValidator_Tests.cls`);
    const vectors = loadVectors();
    for (const vector of vectors.vectors) {
      assert.match(tests, new RegExp(`static void ${camelName(vector.name)}\\(\\)`), vector.name);
      assert.ok(tests.includes(`'vector ${vector.name}'`), `${vector.name} names itself in its assertion`);
    }
    const methods = [...tests.matchAll(/@IsTest\s+static void/g)].length;
    assert.equal(methods, vectors.vectors.length + 3, 'vectors plus the Blob tests');
  });

  it('describes the endpoint in OpenAPI 3.1 with every schema and the examples', () => {
    const document = JSON.parse(file('docs/api/openapi.json')) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, { scheme: string }> };
    };
    assert.equal(document.openapi, '3.1.0');
    const path = document.paths[ENDPOINT_PATH] ?? assert.fail('no path');
    assert.deepEqual(Object.keys(path.post?.responses ?? {}).sort(), ['200', '400', '401', '405']);
    assert.deepEqual(path.post?.security, [{ bearerAuth: [] }]);
    assert.equal(document.components.securitySchemes.bearerAuth?.scheme, 'bearer');
    for (const node of CONTRACT_OBJECTS) {
      assert.ok(document.components.schemas[node.name], node.name);
    }
    const text = file('docs/api/openapi.json');
    const refs = [...text.matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1] ?? '');
    assert.deepEqual(
      refs.filter((name) => !(name in document.components.schemas)),
      [],
      'every $ref resolves'
    );
  });

  it('documents every field and error code in both languages', () => {
    const readme = file('docs/api/README.md');
    assert.match(readme, /## 日本語/);
    assert.match(readme, /## English/);
    for (const entry of fieldEntries(CallEvent)) {
      assert.equal(readme.split(`\`events[].${entry.path}\``).length - 1, 2, entry.path);
    }
    assert.match(readme, /curl -sS -X POST/);
  });

  it('embeds in the Apex tests the outcome the TypeScript validator gives', () => {
    const tests = file(`${APEX_DIR}/MiiTelCallEventValidator_Tests.cls`);
    const result = validateBody('{"events":[]}');
    assert.equal(result.kind, 'error');
    assert.ok(tests.includes("'request|MISSING_EVENTS|events|events is required and must hold at least one event'"));
  });
});

describe('drift (npm run generate -- --check)', () => {
  it('lists changed, missing and stale files and repairs them', () => {
    const root = mkdtempSync(join(tmpdir(), 'miitel-generate-'));
    try {
      for (const [path, text] of files) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
      assert.deepEqual(findDrift(files, root), []);
      const readme = join(root, 'docs/api/README.md');
      writeFileSync(readme, `${readFileSync(readme, 'utf8')}edited by hand\n`);
      rmSync(join(root, 'scripts/contract/generated/client.ts'));
      writeFileSync(
        join(root, APEX_DIR, 'MiiTelOldGenerated.cls'),
        `// ${NOTICE}\npublic class MiiTelOldGenerated {}\n`
      );
      writeFileSync(join(root, APEX_DIR, 'MiiTelOldGenerated.cls-meta.xml'), '<ApexClass/>\n');
      writeFileSync(join(root, APEX_DIR, 'MiiTelHandWritten.cls'), 'public class MiiTelHandWritten {}\n');
      const drift = findDrift(files, root);
      assert.deepEqual(
        drift.map(({ path, state }) => `${state} ${path}`).sort(),
        [
          'changed docs/api/README.md',
          'missing scripts/contract/generated/client.ts',
          `stale ${APEX_DIR}/MiiTelOldGenerated.cls`,
          `stale ${APEX_DIR}/MiiTelOldGenerated.cls-meta.xml`
        ].sort()
      );
      applyDrift(files, drift, root);
      assert.deepEqual(findDrift(files, root), []);
      assert.equal(readFileSync(join(root, APEX_DIR, 'MiiTelHandWritten.cls'), 'utf8').length > 0, true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
