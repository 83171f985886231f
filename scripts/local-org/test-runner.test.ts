import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { loadProject } from './runtime.ts';
import { discoverTests, formatSummary, runTests } from './test-runner.ts';

const FIXTURES = 'scripts/local-org/fixtures/runner';

describe('test runner', () => {
  const org = loadProject(FIXTURES);

  it('discovers @IsTest classes and their test methods', () => {
    const found = discoverTests(org).map(
      (t) => `${t.cls.name}:${t.tests.map((m) => m.name).join(',')}:${t.setups.length}`
    );
    assert.deepEqual(found, [
      'RunnerFailingTest:failsAnAssertion,throwsUncaught,passes:0',
      'RunnerPassingTest:addsWithAnInnerClass,staticStateIsFreshInEachTest,catchesMathException:1'
    ]);
  });

  // Each test method runs in its own transaction: static state does not leak between methods, and @TestSetup runs
  // in a separate transaction (Apex Developer Guide, "Using Test Setup Methods").
  it('runs passing tests with fresh static state per method', () => {
    const summary = runTests(org, { className: 'RunnerPassingTest' });
    assert.deepEqual(
      summary.results.map((r) => `${r.methodName}:${r.outcome}${r.message ? ` ${r.message}` : ''}`),
      ['addsWithAnInnerClass:pass', 'staticStateIsFreshInEachTest:pass', 'catchesMathException:pass']
    );
  });

  it('reports failures with the assertion message and an Apex stack', () => {
    const summary = runTests(org, { className: 'RunnerFailingTest' });
    assert.equal(summary.failed, 2);
    const [assertion, uncaught] = summary.results;
    assert.equal(assertion?.message, 'System.AssertException: Assertion Failed: two and two: Expected: 5, Actual: 4');
    assert.equal(assertion?.stackTrace, 'Class.RunnerFailingTest.failsAnAssertion: line 6, column 1');
    assert.equal(uncaught?.message, 'System.MathException: Divide by 0');
    assert.equal(
      uncaught?.stackTrace,
      'Class.Calculator.divide: line 16, column 1\nClass.RunnerFailingTest.throwsUncaught: line 11, column 1'
    );
    assert.match(formatSummary(summary), /^Tests: 3, passed: 1, failed: 2/m);
  });

  it('filters by class and method', () => {
    const summary = runTests(org, { className: 'runnerfailingtest', methodName: 'PASSES' });
    assert.deepEqual(
      summary.results.map((r) => r.methodName),
      ['passes']
    );
  });

  it('exits non-zero from the CLI when a test fails, zero when all pass', () => {
    const cli = (...args: string[]) =>
      spawnSync('node_modules/.bin/tsx', ['scripts/local-org/test-runner.ts', '--root', FIXTURES, ...args], {
        encoding: 'utf8'
      });
    const failing = cli('--class', 'RunnerFailingTest');
    assert.equal(failing.status, 1);
    assert.match(failing.stdout, /FAIL {2}RunnerFailingTest\.failsAnAssertion/);
    const passing = cli('--class', 'RunnerPassingTest');
    assert.equal(passing.status, 0, passing.stdout + passing.stderr);
    assert.match(passing.stdout, /Tests: 3, passed: 3, failed: 0/);
  });
});
