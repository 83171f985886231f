import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { walk } from '../../checks/lib/project.ts';

// A cache of this test's own (set before the first parse reads the setting).
const folder = mkdtempSync(join(tmpdir(), 'parse-cache-'));
process.env.LOCAL_ORG_PARSE_CACHE = folder;
const { parseApexClass, parseApexTrigger } = await import('./parse.ts');
const { parseCacheDir } = await import('./parse-cache.ts');
after(() => rmSync(folder, { recursive: true, force: true }));

test('a cached parse is deep-equal to a fresh one, for every Apex file of the repository', () => {
  assert.equal(parseCacheDir(), folder);
  const files = ['force-app', 'unpackaged', 'force-dev', 'scripts']
    .flatMap((root) => walk(root))
    .filter((f) => f.endsWith('.cls') || f.endsWith('.trigger'));
  assert.ok(files.length > 50, `only ${files.length} Apex files found`);
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    const parse = file.endsWith('.trigger') ? parseApexTrigger : parseApexClass;
    const fresh = parse(source, file); // parsed, and stored
    const cached = parse(source, file); // read back
    assert.notEqual(cached, fresh, `${file}: the second result should come from the cache`);
    assert.deepStrictEqual(cached, fresh, `${file}: the cached parse differs`);
  }
  assert.equal(readdirSync(folder).length, files.length, 'one entry per file');
});

test('a changed source is parsed again, not served from the cache', () => {
  const before = parseApexClass('public class A { Integer x = 1; }', 'A.cls');
  const after = parseApexClass('public class A { Integer x = 2; }', 'A.cls');
  assert.notDeepEqual(after, before);
});

test('a corrupt entry falls back to parsing', async () => {
  const { writeFileSync } = await import('node:fs');
  const source = 'public class B { }';
  const first = parseApexClass(source, 'B.cls');
  for (const entry of readdirSync(folder)) {
    writeFileSync(join(folder, entry), 'not a serialized value');
  }
  assert.deepStrictEqual(parseApexClass(source, 'B.cls'), first);
});
