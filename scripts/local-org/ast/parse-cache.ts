/**
 * A disk cache of parse results (issue 22, Speed): ANTLR's parse of the project's Apex costs seconds of CPU, and
 * `npm test` runs every test file in its own process, most of them loading the same project. A result (the typed AST
 * and the problems) is stored under `.local-org/parse-cache/` (gitignored) with Node's structured serializer
 * (`node:v8`), which keeps Maps, undefined properties and shared objects as they were: a cached result is
 * deep-equal to a fresh parse (parse-cache.test.ts checks it on every Apex file of the repository).
 *
 * The key is a SHA-256 of the file name, the source, and a salt made of this folder's sources (the AST builders), the
 * parser packages' versions and Node's version: changing a builder, a parser or Node starts a new cache. Reads and
 * writes that fail (a read-only disk, a corrupt or half-written entry) fall back to parsing. `LOCAL_ORG_PARSE_CACHE=off`
 * turns the cache off; `LOCAL_ORG_PARSE_CACHE=<dir>` moves it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';

const AST_DIR = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(AST_DIR, '../../..');

let salt: string | undefined;
let dir: string | null | undefined;

/** The cache folder, or null when the cache is off. */
export function parseCacheDir(): string | null {
  if (dir === undefined) {
    const setting = process.env.LOCAL_ORG_PARSE_CACHE;
    dir = setting === 'off' ? null : resolve(setting || join(REPO_ROOT, '.local-org', 'parse-cache'));
  }
  return dir;
}

function packageVersion(name: string): string {
  try {
    const json = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
      version?: string;
    };
    return json.version ?? '?';
  } catch {
    return '?';
  }
}

/** What a parse result depends on besides its file: the builders' code, the parsers, the serializer. */
function cacheSalt(): string {
  if (salt === undefined) {
    const hash = createHash('sha256');
    for (const file of readdirSync(AST_DIR).sort()) {
      if (file.endsWith('.ts') && !file.endsWith('.test.ts')) {
        hash
          .update(file)
          .update('\0')
          .update(readFileSync(join(AST_DIR, file)))
          .update('\0');
      }
    }
    hash.update(packageVersion('@apexdevtools/apex-parser')).update(packageVersion('@jetstreamapp/soql-parser-js'));
    hash.update(process.version);
    salt = hash.digest('hex');
  }
  return salt;
}

/** `parse()`'s result for (`kind`, `file`, `source`): from the cache when stored, else parsed and stored. */
export function cachedParse<T>(kind: string, file: string, source: string, parse: () => T): T {
  const folder = parseCacheDir();
  if (folder === null) {
    return parse();
  }
  const key = createHash('sha256').update(cacheSalt()).update(kind).update('\0').update(file).update('\0');
  const path = join(folder, `${key.update(source).digest('hex')}.bin`);
  try {
    return internStrings(deserialize(readFileSync(path)) as T);
  } catch {
    // Not stored yet (or unreadable): parse.
  }
  const result = parse();
  try {
    mkdirSync(folder, { recursive: true });
    // Written aside and renamed: another process reading at the same time sees the whole entry or none.
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, serialize(result));
    renameSync(partial, path);
  } catch {
    // A cache that cannot be written only costs the next process a parse.
  }
  return result;
}

/** Strings at most this long are interned (names, kinds, operators); a file's source text is left alone. */
const MAX_INTERNED = 256;
const interned = new Map<string, string>();

function intern(s: string): string {
  let canonical = interned.get(s);
  if (canonical === undefined) {
    // A property key is an internalized string: V8 compares two of them by pointer.
    canonical = Object.keys({ [s]: 0 })[0] ?? s;
    interned.set(s, canonical);
  }
  return canonical;
}

/**
 * The deserializer makes a fresh, non-internalized string for every string of the AST, where a parse keeps the
 * builders' literals (`kind: 'call'`): each `switch (e.kind)` of the interpreter then compares characters instead of
 * pointers (issue 22, Speed: measured ~1.6× slower dispatch). The short strings are swapped for internalized ones, in
 * place; the result stays deep-equal.
 */
function internStrings<T>(root: T): T {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) {
      continue;
    }
    seen.add(node);
    if (node instanceof Map) {
      for (const v of node.values()) {
        stack.push(v);
      }
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      if (typeof v === 'string') {
        if (v.length <= MAX_INTERNED) {
          record[key] = intern(v);
        }
      } else if (typeof v === 'object' && v !== null) {
        stack.push(v);
      }
    }
  }
  return root;
}
