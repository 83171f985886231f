import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  dropped,
  failureReason,
  formatComparison,
  histogram,
  measure,
  readSuites,
  type SuiteMeasurement,
  type SuiteRecord
} from './measure-suites.ts';

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

  // Issue 22: suites.json keeps where each public suite comes from and its numbers, never its code.
  it('records every suite with its commit, a permissive licence and a first run no better than its floor', () => {
    const suites = readSuites();
    assert.ok(suites.length >= 7);
    for (const s of suites) {
      assert.match(s.commit, /^[0-9a-f]{40}$/, s.name);
      assert.match(s.repo, /^[\w.-]+\/[\w.-]+$/, s.name);
      assert.ok(['MIT', 'BSD-3-Clause', 'Apache-2.0', 'CC0-1.0'].includes(s.licence), `${s.name}: ${s.licence}`);
      assert.ok(s.firstRun.passed <= s.floor.passed && s.firstRun.run === s.floor.run, s.name);
    }
    assert.equal(new Set(suites.map((s) => s.name)).size, suites.length);
  });

  it('prints first run → now per suite and flags a drop below the floor', () => {
    const record: SuiteRecord = {
      name: 'x',
      repo: 'o/x',
      commit: 'a'.repeat(40),
      licence: 'MIT',
      issue: 22,
      firstRun: { runtime: 'c0ffee0', passed: 1, run: 4 },
      floor: { runtime: 'c0ffee0', passed: 2, run: 4 }
    };
    const now = (passed: number, run = 4): SuiteMeasurement => ({
      root: 'x',
      files: 1,
      loaded: 1,
      failedToLoad: [],
      results: Array.from({ length: run }, (_, i) => ({
        className: 'C',
        methodName: `m${i}`,
        outcome: i < passed ? ('pass' as const) : ('fail' as const),
        durationMs: 0
      })),
      passed,
      failed: run - passed,
      reasons: []
    });
    const table = formatComparison([{ record, now: now(3) }, { record: { ...record, name: 'y' } }]);
    assert.match(table, /^x +aaaaaaaa +MIT +1\/4 \(25\.0 %\) @ c0ffee0 +3\/4 \(75\.0 %\) +2$/m);
    assert.match(table, /^y .*— +2 +not fetched: git clone https:\/\/github\.com\/o\/x/m);
    assert.equal(dropped({ record, now: now(3) }), false);
    assert.equal(dropped({ record, now: now(1) }), true);
    assert.equal(dropped({ record, now: now(3, 5) }), true, 'another method count is another commit');
    assert.equal(dropped({ record }), false);
    assert.match(formatComparison([{ record, now: now(1) }]), /DROPPED below the floor by 1/);
  });

  // sfdx-project.json may list one directory in two packages (apex-mockery's namespaced test package): a deploy of
  // the project deploys its files once.
  it('loads a package directory listed twice once', () => {
    const twice = mkdtempSync(join(tmpdir(), 'measure-twice-'));
    try {
      mkdirSync(join(twice, 'src'));
      writeFileSync(
        join(twice, 'sfdx-project.json'),
        JSON.stringify({ packageDirectories: [{ path: 'src', default: true }, { path: 'src' }] })
      );
      writeFileSync(
        join(twice, 'src', 'OnceTest.cls'),
        '@IsTest private class OnceTest { @IsTest static void ok() { Assert.isTrue(true); } }'
      );
      const m = measure(twice);
      assert.deepEqual([m.files, m.loaded, m.passed], [1, 1, 1]);
    } finally {
      rmSync(twice, { recursive: true, force: true });
    }
  });
});
