/**
 * The interpreter's per-expression and per-class memos (issue 22, Speed) are asked once, not on every evaluation:
 * counted through the registry they stand in front of.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from '../test-helpers.ts';
import { prim } from '../values/types.ts';
import { Scope } from './scope.ts';

const HELPER = `public class Helper {
  public static Integer twice(Integer n) { return 2 * n; }
  public Integer base;
  public Helper(Integer base) { this.base = base; }
}`;

describe('interpreter memos', () => {
  it('a type name in an expression (Helper.twice) is resolved once per expression, not per evaluation', () => {
    const org = load(
      `public static Object run() {
        Integer sum = 0;
        for (Integer i = 0; i < 5; i++) { sum += Helper.twice(i); }
        return sum;
      }`,
      { Helper: HELPER }
    );
    const it = org.transaction({});
    const registry = it.registry;
    const original = registry.resolveName.bind(registry);
    let helperLookups = 0;
    registry.resolveName = (names, from, inNamespace) => {
      if (names.join('.') === 'Helper') {
        helperLookups++;
      }
      return original(names, from, inNamespace);
    };
    const value = it.runStatic(org.classNamed('T'), 'run');
    assert.equal(it.str(value), '20');
    assert.equal(helperLookups, 1);
  });

  it("a constructor's parameter types are resolved once per class, not per `new`", () => {
    const org = load(
      `public static Object run() {
        Integer sum = 0;
        for (Integer i = 0; i < 4; i++) { sum += new Helper(i).base; }
        return sum;
      }`,
      { Helper: HELPER }
    );
    const it = org.transaction({});
    const registry = it.registry;
    const original = registry.resolve.bind(registry);
    let integerParams = 0;
    const ctor = org.classNamed('Helper').constructors[0];
    registry.resolve = (t, from) => {
      if (t === ctor?.params[0]?.type) {
        integerParams++;
      }
      return original(t, from);
    };
    assert.equal(it.str(it.runStatic(org.classNamed('T'), 'run')), '6');
    assert.equal(integerParams, 1);
  });
});

describe('Scope', () => {
  it('finds a variable by its lower-cased name in the block or an enclosing one; a redeclaration replaces it', () => {
    const outer = new Scope();
    outer.declare('Total', prim('Integer'), 1);
    const inner = new Scope(new Scope(outer));
    inner.declare('item', prim('String'), 'a');
    assert.equal(inner.lookup('total')?.value, 1);
    assert.equal(inner.lookup('item')?.value, 'a');
    assert.equal(outer.lookup('item'), undefined);
    inner.declare('ITEM', prim('String'), 'b');
    assert.equal(inner.lookup('item')?.value, 'b');
    assert.deepEqual(
      [...inner.ownVariables()].map((v) => v.value),
      ['b']
    );
  });
});
