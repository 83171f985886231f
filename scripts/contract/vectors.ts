/**
 * The shared test vectors (vectors.json): loading, expanding their macros into request bodies, and the one-line
 * summaries both test suites compare. The TypeScript tests run every vector through validator.ts; the generator
 * embeds every vector into the Apex test class with the summary the TypeScript validator produced.
 *
 * Macros, so that big payloads stay readable and small:
 * - `{"$template": "name", "set": {"call.user.email": …}, "unset": ["call.url"]}`: a copy of `templates.name` with
 *   values set or removed at dotted paths (expanded by the generator; the Apex test receives the result).
 * - `{"$repeat": n, "item": …}` as an array element: n copies of the item; `{i}` in its strings becomes the copy's
 *   index. `{"$string": "ab", "times": n}`: "ab" repeated n times. The Apex test expands these two itself, so a
 *   201-event body costs a few lines of Apex source.
 * - `padToBytes` on a vector: trailing spaces (valid JSON whitespace) until the UTF-8 body has exactly that size.
 */
import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CallEvent } from './contract.ts';
import type { Node } from './dsl.ts';
import { parseTimestamp, toId18, toUtcIso } from './formats.ts';
import { type Validation, isJsonObject } from './validator.ts';

export interface Vector {
  name: string;
  about: string;
  /** The body as a JSON value (macros allowed). Exactly one of json and raw. */
  json?: unknown;
  /** The body text, verbatim. */
  raw?: string;
  padToBytes?: number;
  /** `{"request": "CODE field"}`, `{"challenge": "token"}` or `{"events": ["valid" | "CODE field", …]}`. */
  expect: { request: string } | { challenge: string } | { events: unknown[] };
  /** Expected typed values (a subset of the canonical DTO) of valid events, by event index. */
  typed?: Record<string, unknown>;
}

export interface VectorFile {
  $comment?: string;
  templates: Record<string, unknown>;
  vectors: Vector[];
}

export const VECTORS_FILE = join(import.meta.dirname, 'vectors.json');

export function loadVectors(file = VECTORS_FILE): VectorFile {
  return JSON.parse(readFileSync(file, 'utf8')) as VectorFile;
}

// ── macros ──────────────────────────────────────────────────────────────────────────────────────────────────────

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Phase 1: `$template` references, resolved against the file's templates. */
export function expandTemplates(node: unknown, templates: Record<string, unknown>): unknown {
  if (Array.isArray(node)) {
    return node.map((element: unknown) => expandTemplates(element, templates));
  }
  if (!isJsonObject(node)) {
    return node;
  }
  if (typeof node.$template === 'string') {
    const template = templates[node.$template];
    if (template === undefined) {
      throw new Error(`unknown template ${node.$template}`);
    }
    const result = expandTemplates(clone(template), templates);
    for (const [path, value] of Object.entries((node.set ?? {}) as Record<string, unknown>)) {
      setPath(result, path, expandTemplates(value, templates));
    }
    for (const path of (node.unset ?? []) as string[]) {
      setPath(result, path, undefined);
    }
    return result;
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, expandTemplates(value, templates)]));
}

function setPath(target: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let cursor = target;
  for (const key of keys) {
    cursor = isJsonObject(cursor) ? cursor[key] : undefined;
  }
  if (!isJsonObject(cursor)) {
    throw new Error(`cannot set ${path}: no object at ${keys.join('.')}`);
  }
  if (value === undefined) {
    Reflect.deleteProperty(cursor, last);
  } else {
    cursor[last] = value;
  }
}

/** Phase 2: `$repeat` and `$string` (the Apex test implements the same). */
export function expandMacros(node: unknown, index?: number): unknown {
  if (typeof node === 'string') {
    return index === undefined ? node : node.split('{i}').join(String(index));
  }
  if (Array.isArray(node)) {
    const out: unknown[] = [];
    for (const element of node) {
      if (isJsonObject(element) && typeof element.$repeat === 'number') {
        for (let copy = 0; copy < element.$repeat; copy++) {
          out.push(expandMacros(element.item, copy));
        }
      } else {
        out.push(expandMacros(element, index));
      }
    }
    return out;
  }
  if (isJsonObject(node)) {
    if (typeof node.$string === 'string' && typeof node.times === 'number') {
      return node.$string.repeat(node.times);
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, expandMacros(value, index)]));
  }
  return node;
}

export const hasMacros = (node: unknown): boolean => JSON.stringify(node ?? null).includes('"$');

/** Phase 3: trailing spaces up to an exact UTF-8 size. */
export function padBody(body: string, padToBytes: number | undefined): string {
  if (padToBytes === undefined) {
    return body;
  }
  const missing = padToBytes - Buffer.byteLength(body, 'utf8');
  if (missing < 0) {
    throw new Error(`body is already ${Buffer.byteLength(body, 'utf8')} bytes, more than padToBytes ${padToBytes}`);
  }
  return body + ' '.repeat(missing);
}

/** The vector's body before phase 2: what the Apex test embeds when it expands the macros itself. */
export function compactBody(vector: Vector, templates: Record<string, unknown>): string {
  if (vector.raw !== undefined) {
    return vector.raw;
  }
  return JSON.stringify(expandTemplates(vector.json, templates));
}

/** The exact request body of a vector. */
export function vectorBody(vector: Vector, templates: Record<string, unknown>): string {
  const body =
    vector.raw !== undefined ? vector.raw : JSON.stringify(expandMacros(expandTemplates(vector.json, templates)));
  return padBody(body, vector.padToBytes);
}

// ── summaries ───────────────────────────────────────────────────────────────────────────────────────────────────

/** What the vector expects, as comparable lines: `request|CODE|field`, `challenge|token`, `0|valid`, `1|CODE|path`. */
export function expectedLines(vector: Vector): string[] {
  const expect = vector.expect;
  if ('request' in expect) {
    const [code = '', field = ''] = expect.request.split(' ');
    return [`request|${code}|${field}`];
  }
  if ('challenge' in expect) {
    return [`challenge|${expect.challenge}`];
  }
  return (expandMacros(expect.events) as string[]).map((entry, index) => {
    const [code = '', field] = entry.split(' ');
    return field === undefined ? `${index}|${code}` : `${index}|${code}|${field}`;
  });
}

/** The same lines for a validation result (codes and paths only). */
export function outcomeLines(validation: Validation): string[] {
  if (validation.kind === 'error') {
    return [`request|${validation.error.code}|${validation.error.field ?? ''}`];
  }
  if (validation.kind === 'challenge') {
    return [`challenge|${validation.challenge}`];
  }
  return validation.events.map((outcome) =>
    outcome.error ? `${outcome.index}|${outcome.error.code}|${outcome.error.field ?? ''}` : `${outcome.index}|valid`
  );
}

/**
 * The full summary the Apex test asserts (messages and event ids included), one line per event or one line for
 * the request. MiiTelCallEventValidator_Tests.summarize builds the same text from the Apex result.
 */
export function fullSummary(validation: Validation): string {
  if (validation.kind === 'error') {
    const { code, field, message } = validation.error;
    return `request|${code}|${field ?? ''}|${message}`;
  }
  if (validation.kind === 'challenge') {
    return `challenge|${validation.challenge}`;
  }
  return validation.events
    .map((outcome) =>
      outcome.error
        ? `${outcome.index}|${outcome.error.code}|${outcome.error.field ?? ''}|${outcome.error.message}`
        : `${outcome.index}|valid|${outcome.eventId ?? ''}`
    )
    .join('\n');
}

export type VectorKind = 'request' | 'valid' | 'invalid';

export function vectorKind(vector: Vector): VectorKind {
  if (!('events' in vector.expect)) {
    return 'request';
  }
  return expectedLines(vector).every((line) => line.endsWith('|valid')) ? 'valid' : 'invalid';
}

/** `events-201` → `events201`; used for Apex test method names. */
export function camelName(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_match, char: string) => char.toUpperCase());
}

// ── canonical typed values ──────────────────────────────────────────────────────────────────────────────────────

/**
 * A validated value as the Apex DTO serialises it (System.JSON.serialize(dto, true)): timestamps as UTC instants
 * with milliseconds, ids in their 18-character form, absent fields omitted.
 */
export function canonical(node: Node, value: unknown): unknown {
  switch (node.kind) {
    case 'timestamp':
      return toUtcIso(parseTimestamp(value as string) ?? Number.NaN);
    case 'salesforceId':
      return toId18(value as string);
    case 'array':
      return (value as unknown[]).map((element) => canonical(node.items, element));
    case 'object': {
      const source = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(node.fields)) {
        if (source[key] !== undefined && source[key] !== null) {
          out[key] = canonical(field.node, source[key]);
        }
      }
      return out;
    }
    default:
      return value;
  }
}

export const canonicalEvent = (event: unknown): unknown => canonical(CallEvent, event);
