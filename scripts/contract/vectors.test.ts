import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ERROR_CODES, ERROR_CODE_LIST } from './codes.ts';
import { validateBody } from './validator.ts';
import {
  camelName,
  canonicalEvent,
  expandMacros,
  expandTemplates,
  expectedLines,
  loadVectors,
  outcomeLines,
  vectorBody,
  vectorKind
} from './vectors.ts';

const file = loadVectors();

/** Whether `actual` holds every value of `expected` (objects compared key by key, arrays and scalars exactly). */
function assertSubset(actual: unknown, expected: unknown, path: string): void {
  if (typeof expected === 'object' && expected !== null && !Array.isArray(expected)) {
    assert.ok(typeof actual === 'object' && actual !== null, `${path} is an object`);
    for (const [key, value] of Object.entries(expected)) {
      assertSubset((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
    }
  } else {
    assert.deepEqual(actual, expected, path);
  }
}

describe('shared vectors (vectors.json) through the TypeScript validator', () => {
  for (const vector of file.vectors) {
    it(`${vector.name}: ${vector.about}`, () => {
      const validation = validateBody(vectorBody(vector, file.templates));
      assert.deepEqual(outcomeLines(validation), expectedLines(vector));
      for (const [index, expected] of Object.entries(vector.typed ?? {})) {
        assert.equal(validation.kind, 'events');
        const outcome = validation.kind === 'events' ? validation.events[Number(index)] : undefined;
        assert.ok(outcome?.event, `event ${index} is valid`);
        assertSubset(canonicalEvent(outcome.event), expected, `events[${index}]`);
      }
    });
  }
});

describe('the vector file', () => {
  const codes = new Set(file.vectors.flatMap((vector) => expectedLines(vector).map((line) => line.split('|')[1])));

  it('covers every error code', () => {
    assert.deepEqual(
      ERROR_CODE_LIST.filter((code) => ERROR_CODES[code].level !== 'processing' && !codes.has(code)),
      []
    );
  });

  it('has valid, invalid and request-level vectors with unique names that make Apex method names', () => {
    const kinds = file.vectors.map(vectorKind);
    for (const kind of ['valid', 'invalid', 'request'] as const) {
      assert.ok(kinds.includes(kind), kind);
    }
    const methods = file.vectors.map((vector) => camelName(vector.name));
    assert.equal(new Set(methods).size, methods.length, 'unique method names');
    for (const method of methods) {
      assert.match(method, /^[a-z][A-Za-z0-9]*$/);
    }
  });

  it('gives each vector exactly one body (json or raw)', () => {
    for (const vector of file.vectors) {
      assert.equal(
        (vector.json === undefined ? 0 : 1) + (vector.raw === undefined ? 0 : 1),
        1,
        `${vector.name}: exactly one of json and raw`
      );
    }
  });

  it('covers the edge cases the issue names', () => {
    const names = new Set(file.vectors.map((vector) => vector.name));
    for (const name of [
      'events200',
      'events201',
      'ids-64-chars',
      'event-id-65-chars',
      'record-id-15',
      'record-id-18',
      'record-id-bad-checksum',
      'url-http',
      'duration-negative',
      'duration-fraction',
      'occurred-at-no-offset',
      'unknown-fields-ignored',
      'challenge',
      'memos-101',
      'memo-256-chars',
      'body-over-limit'
    ]) {
      assert.ok(names.has(name), name);
    }
  });
});

describe('vector macros', () => {
  it('expands templates with set and unset, then $repeat with {i} and $string', () => {
    const templates = { event: { eventId: 'e', call: { id: 'c', url: 'u' } } };
    const expanded = expandTemplates(
      [{ $template: 'event', set: { 'call.id': 'c2', eventId: { $string: 'x', times: 3 } }, unset: ['call.url'] }],
      templates
    );
    assert.deepEqual(expanded, [{ eventId: { $string: 'x', times: 3 }, call: { id: 'c2' } }]);
    assert.deepEqual(expandMacros(expanded), [{ eventId: 'xxx', call: { id: 'c2' } }]);
    assert.deepEqual(expandMacros([{ $repeat: 3, item: 'evt-{i}' }, 'last']), ['evt-0', 'evt-1', 'evt-2', 'last']);
    assert.deepEqual(templates.event.call.url, 'u', 'templates are not modified');
  });

  it('refuses an unknown template', () => {
    assert.throws(() => expandTemplates({ $template: 'nope' }, {}), /unknown template nope/);
  });
});
