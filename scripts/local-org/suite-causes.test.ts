import assert from 'node:assert/strict';
import { test } from 'node:test';
import { causes, classify, type CauseRule } from './suite-causes.ts';
import type { TestResult } from './test-runner.ts';

const fail = (className: string, methodName: string, message: string): TestResult => ({
  className,
  methodName,
  outcome: 'fail',
  message,
  durationMs: 0
});

const rules: CauseRule[] = [
  { cause: 'cursors', class: 'missing feature', message: /'Database\.Cursor'/ },
  { cause: 'read by hand', class: 'org data', test: /^PicklistTest\./ }
];

test('a failure takes the first rule matching its message or its test name; the rest is unclassified', () => {
  assert.deepEqual(classify(fail('A', 'b', "Local org runtime: Unknown type 'Database.Cursor'"), rules), {
    cause: 'cursors',
    class: 'missing feature'
  });
  assert.deepEqual(classify(fail('PicklistTest', 'x', 'System.ListException: List index out of bounds: 0'), rules), {
    cause: 'read by hand',
    class: 'org data'
  });
  assert.equal(classify(fail('A', 'c', 'System.NullPointerException'), rules).class, 'unclassified');
});

test('causes counts failed tests per cause, most frequent first, and ignores passes', () => {
  const results: TestResult[] = [
    fail('A', 'a', "Unknown type 'Database.Cursor'"),
    fail('A', 'b', "Unknown type 'Database.Cursor'"),
    fail('PicklistTest', 'c', 'x'),
    { className: 'A', methodName: 'ok', outcome: 'pass', durationMs: 0 }
  ];
  assert.deepEqual(
    causes(results, rules).map((c) => `${c.count} ${c.class} ${c.cause}`),
    ['2 missing feature cursors', '1 org data read by hand']
  );
});
