/**
 * ConnectApi in tests (Apex Developer Guide "Testing ConnectApi Code": most Connect in Apex methods fail unless the
 * test method sees org data, @IsTest(SeeAllData=true)) and which test methods see org data (Apex Developer Guide "Using
 * the isTest(SeeAllData=True) Annotation": the class's SeeAllData=true wins over a method's SeeAllData=false).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSources } from '../runtime.ts';
import { runTests } from '../test-runner.ts';
import { RuntimeGap } from '../values/errors.ts';
import { evalApex } from '../test-helpers.ts';

const CALL = `ConnectApi.ChatterUsers.getFollowings(null, String.valueOf(UserInfo.getUserId()));`;
const outcomes = (sources: Record<string, string>): string[] =>
  runTests(loadSources(Object.entries(sources).map(([name, source]) => ({ file: `${name}.cls`, source })))).results.map(
    (r) => `${r.methodName}:${r.outcome}${r.message ? ` ${r.message}` : ''}`
  );

test('getFollowings in a data-silo test method is System.UnsupportedOperationException', () => {
  const results = outcomes({
    SiloTest: `@IsTest private class SiloTest {
      @IsTest static void siloed() {
        try { ${CALL} Assert.fail('expected an exception'); }
        catch (UnsupportedOperationException e) { Assert.isTrue(e.getMessage().contains('SeeAllData'), e.getMessage()); }
      }
    }`
  });
  assert.deepEqual(results, ['siloed:pass']);
});

test('getFollowings where the test sees org data needs Chatter data the local org does not hold: a RuntimeGap', () => {
  const results = outcomes({
    MethodSeesAll: `@IsTest private class MethodSeesAll {
      @IsTest(SeeAllData=true) static void seesAll() { ${CALL} }
    }`,
    ClassSeesAll: `@IsTest(SeeAllData=true) private class ClassSeesAll {
      @IsTest(SeeAllData=false) static void classWins() { ${CALL} }
    }`
  });
  const gap = `Local org runtime: ConnectApi.ChatterUsers.getFollowings reads the org's Chatter data (not implemented)`;
  assert.deepEqual(results, [
    `classWins:fail ${gap} (ClassSeesAll.cls:2)`,
    `seesAll:fail ${gap} (MethodSeesAll.cls:2)`
  ]);
});

test('getFollowings outside a test is a RuntimeGap, not a guessed answer', () => {
  assert.throws(() => evalApex(`ConnectApi.ChatterUsers.getFollowings(null, 'me')`), RuntimeGap);
});
