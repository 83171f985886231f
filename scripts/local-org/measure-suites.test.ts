import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { failureReason, histogram, measure } from './measure-suites.ts';

// A throw-away project (not a fixture file: the broken class would fail `prettier --check`): one passing and one
// failing test, a class with a syntax error and a class implementing an unknown interface.
const root = mkdtempSync(join(tmpdir(), 'measure-suites-'));
const classes = join(root, 'classes');
mkdirSync(classes);
const write = (name: string, source: string): void => writeFileSync(join(classes, `${name}.cls`), source);
write(
  'MeasuredTest',
  `@IsTest
private class MeasuredTest {
  @IsTest static void passes() { Assert.areEqual(2, 1 + 1); }
  @IsTest static void fails() { Assert.areEqual(3, 1 + 1); }
  @IsTest static void usesBrokenClass() { new UnknownInterfaceUser(); }
}`
);
write('Broken', 'public class Broken { void m() { int x = ; } }');
write('UnknownInterfaceUser', 'public class UnknownInterfaceUser implements NoSuchInterface {}');

describe('measure-suites', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('leaves out files that do not load and runs the tests of the rest', () => {
    const m = measure(root);
    assert.equal(m.files, 3);
    assert.equal(m.loaded, 1);
    assert.deepEqual(
      m.failedToLoad.map((f) => f.file),
      ['classes/Broken.cls', 'classes/UnknownInterfaceUser.cls']
    );
    assert.match(
      m.failedToLoad[1]?.firstError ?? '',
      /^classes\/UnknownInterfaceUser\.cls:1: runtime gap: Unknown type 'NoSuchInterface'/
    );
    assert.deepEqual(
      m.results.map((r) => `${r.methodName}:${r.outcome}`),
      ['passes:pass', 'fails:fail', 'usesBrokenClass:fail']
    );
    assert.equal(m.passed, 1);
    assert.equal(m.failed, 2);
    assert.equal(m.reasons.length, 2);
  });

  it('groups failure reasons without positions, ids and numbers', () => {
    assert.equal(
      failureReason("Local org runtime: Unknown type 'X__mdt' (not declared) (force-app/classes/A.cls:12)"),
      "gap: Unknown type 'X__mdt' (not declared)"
    );
    assert.equal(
      failureReason('System.AssertException: Assertion Failed: count: Expected: 3, Actual: 2'),
      'System.AssertException: Assertion Failed: count: Expected: …'
    );
    assert.equal(
      failureReason('System.DmlException: bad id 001000000000001AAA at row 4'),
      'System.DmlException: bad id <id> at row N'
    );
    const fail = (message: string) => ({
      className: 'C',
      methodName: 'm',
      outcome: 'fail' as const,
      message,
      durationMs: 0
    });
    assert.deepEqual(
      histogram([
        fail('Local org runtime: a (x.cls:1)'),
        fail('Local org runtime: a (y.cls:2)'),
        fail('Local org runtime: b')
      ]),
      [
        ['gap: a', 2],
        ['gap: b', 1]
      ]
    );
  });
});
