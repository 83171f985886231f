/**
 * Heap size (interpreter/heap.ts). Apex Developer Guide, "Execution Governors and Limits": total heap size 6 MB
 * synchronous, 12 MB asynchronous; exceeding it is the uncatchable System.LimitException "Apex heap size too large:
 * N". Apex Reference Guide, "Limits Class": getHeapSize() returns the approximate amount of memory used for the heap,
 * getLimitHeapSize() the total amount available. The byte accounting itself is this runtime's approximation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApexThrow } from '../values/errors.ts';
import { loadSources } from '../runtime.ts';
import { runPendingJobs } from '../stdlib/async.ts';
import { apexError, runClass } from '../test-helpers.ts';

const TOO_LARGE = /^System\.LimitException: Apex heap size too large: (\d+)$/;

function overLimitBy(text: string): number {
  const m = TOO_LARGE.exec(text);
  assert.ok(m, `expected the heap LimitException, got: ${text}`);
  return Number(m[1]) - 6_000_000;
}

describe('heap size', () => {
  it('getHeapSize() grows by the live data: about 2 bytes per character of a String', () => {
    const r = runClass(`public static Object run() {
      Integer before = Limits.getHeapSize();
      String s = 'x'.repeat(10000);
      Integer after = Limits.getHeapSize();
      return after - before;
    }`);
    const grown = Number(r.text);
    assert.ok(grown >= 20000 && grown < 20100, `grew by ${grown}`);
  });

  it('data no longer referenced is not counted (a method’s locals after it returns)', () => {
    const r = runClass(`
      static Integer build() { String s = 'x'.repeat(100000); return s.length(); }
      public static Object run() {
        Integer n = build();
        return Limits.getHeapSize() < 10000 ? 'released' : 'kept ' + Limits.getHeapSize();
      }`);
    assert.equal(r.text, 'released');
  });

  it('getLimitHeapSize() is 6,000,000 in a synchronous transaction', () => {
    assert.equal(runClass('public static Object run() { return Limits.getLimitHeapSize(); }').text, '6000000');
  });

  it('getLimitHeapSize() is 12,000,000 inside a queueable job', () => {
    const org = loadSources([
      {
        file: 'T.cls',
        source: `public class T implements Queueable {
          public static Integer seen;
          public void execute(QueueableContext ctx) { seen = Limits.getLimitHeapSize(); }
          public static Object run() { Test.startTest(); System.enqueueJob(new T()); Test.stopTest(); return seen; }
        }`
      }
    ]);
    const it = org.transaction();
    it.ctx.isTest = true;
    const v = it.runStatic(org.classNamed('T'), 'run');
    runPendingJobs(it);
    assert.equal(it.str(v), '12000000');
  });

  it('a loop that keeps doubling a String hits the limit long before the string is huge', () => {
    const e = apexError(`String s = 'x'; for (Integer i = 0; i < 40; i++) { s = s + s; }`);
    const over = overLimitBy(e.text);
    assert.ok(over > 0 && over < 6_000_000, `measured ${over} over the limit`);
  });

  it('a loop growing a List hits the limit, and catch (Exception e) does not catch it', () => {
    const e = apexError(`
      List<String> rows = new List<String>();
      try {
        for (Integer i = 0; i < 1000000; i++) { rows.add('0123456789'.repeat(20) + i); }
      } catch (Exception ex) {
        rows = null;
      }`);
    const over = overLimitBy(e.text);
    assert.ok(over > 0 && over < 6_000_000, `measured ${over} over the limit`);
  });

  it('a sized array too large for the heap fails before it is allocated', () => {
    assert.match(apexError('List<Integer> big = new Integer[5000000];').text, TOO_LARGE);
  });

  it('the limit is not reached by an ordinary loop that keeps little alive', () => {
    const r = runClass(`public static Object run() {
      Integer total = 0;
      for (Integer i = 0; i < 20000; i++) { String s = 'row ' + i; total += s.length(); }
      return total;
    }`);
    assert.ok(Number(r.text) > 0);
  });

  it('a List doubled with addAll is reported as an Apex exception, never a JavaScript crash', () => {
    assert.throws(
      () =>
        runClass(`public static Object run() {
          List<String> l = new List<String>{ 'x'.repeat(100) };
          for (Integer i = 0; i < 40; i++) { l.addAll(l); }
          return l.size();
        }`),
      (e: unknown) =>
        e instanceof ApexThrow && TOO_LARGE.test(`${e.exception.cls.fullName}: ${e.exception.exception?.message ?? ''}`)
    );
  });

  // The parsed result of JSON.deserializeUntyped counts before it is returned: a document whose values do not fit is
  // the heap LimitException at the call, even when nothing is measured afterwards.
  it('JSON.deserializeUntyped of a document too large for the heap fails at the call; a smaller one is accepted', () => {
    const parse = (n: number): string =>
      `String doc = '[' + '1,'.repeat(${n}) + '1]'; Object o = JSON.deserializeUntyped(doc); return 'accepted ' + ((List<Object>) o).size();`;
    const refused = apexError(parse(700000).replace(/return .*$/, ''));
    assert.ok(overLimitBy(refused.text) > 0);
    assert.equal(refused.line, 1);
    assert.equal(runClass(`public static Object run() { ${parse(200000)} }`).text, 'accepted 200001');
  });
});
