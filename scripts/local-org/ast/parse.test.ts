import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoadError } from './errors.ts';
import { parseApexClass } from './parse.ts';
import { hasAnnotation } from './build-declarations.ts';
import { loadSources } from '../runtime.ts';

const SOURCE = `@RestResource(urlMapping='/miitel/v1/*')
global inherited sharing class Api {
  @TestVisible private static Integer count = 0;
  static { count = 1; }
  public String name { get; private set; }
  public Integer doubled { get { return count * 2; } }
  public Api() { this('x'); }
  public Api(String n) { name = n; }
  @HttpPost global static void post() {}
  @AuraEnabled(cacheable=true) public static List<String> items() { return new List<String>(); }
  public virtual class Inner {}
  public enum Kind { A, B }
  public interface Shape { Decimal area(); }
}`;

describe('loader: Apex source → typed AST', () => {
  it('reads classes, members, annotations and modifiers with positions', () => {
    const { unit, problems } = parseApexClass(SOURCE, 'classes/Api.cls');
    assert.deepEqual(problems, []);
    assert.ok(unit && unit.type.kind === 'class');
    const cls = unit.type;
    assert.equal(cls.name, 'Api');
    assert.equal(cls.modifiers.sharing, 'inherited');
    assert.equal(cls.modifiers.access, 'global');
    assert.equal(cls.modifiers.annotations[0]?.params.get('urlmapping'), "'/miitel/v1/*'");
    const kinds = cls.members.map((m) => m.kind);
    assert.deepEqual(kinds, [
      'field',
      'initializer',
      'property',
      'property',
      'constructor',
      'constructor',
      'method',
      'method',
      'innerType',
      'innerType',
      'innerType'
    ]);
    const field = cls.members[0];
    assert.ok(field?.kind === 'field' && hasAnnotation(field.modifiers, 'testvisible') && field.modifiers.isStatic);
    assert.equal(field.pos.line, 3);
    const prop = cls.members[2];
    assert.ok(
      prop?.kind === 'property' && prop.getter && !prop.getter.body && prop.setter?.modifiers.access === 'private'
    );
    const post = cls.members[6];
    assert.ok(post?.kind === 'method' && hasAnnotation(post.modifiers, 'HttpPost'));
    const aura = cls.members[7];
    assert.ok(aura?.kind === 'method' && aura.modifiers.annotations[0]?.params.get('cacheable') === 'true');
  });

  it('reports a syntax error with file:line and does not build a unit', () => {
    const { unit, problems } = parseApexClass('public class Broken {\n  Integer x = ;\n}', 'classes/Broken.cls');
    assert.equal(unit, undefined);
    assert.equal(problems[0]?.kind, 'syntax');
    assert.equal(problems[0]?.line, 2);
  });

  // Issue #4: "an unsupported construct is an error naming file:line and the construct, never a silent guess".
  it('rejects constructs the runtime does not support yet, naming file:line and the construct', () => {
    const source = [
      'public class Query {',
      '  public static void run() {',
      "    List<List<SObject>> rows = [FIND 'x' IN ALL FIELDS RETURNING Account WITH SNIPPET];",
      '    merge rows[0][0] rows[0][1];',
      '  }',
      '}'
    ].join('\n');
    assert.throws(
      () => loadSources([{ file: 'classes/Query.cls', source }]),
      (e: unknown) => {
        assert.ok(e instanceof LoadError);
        assert.equal(e.problems.length, 2);
        assert.match(e.message, /^classes\/Query\.cls:3: unsupported construct: SOSL WITH SNIPPET is not supported/m);
        assert.match(e.message, /^classes\/Query\.cls:4: unsupported construct: DML merge statement is not supported/m);
        return true;
      }
    );
  });

  it('collects the problems of every file before failing', () => {
    assert.throws(
      () =>
        loadSources([
          { file: 'A.cls', source: 'public class A { void f() { merge x y; } }' },
          { file: 'B.cls', source: 'public class B {' }
        ]),
      (e: unknown) =>
        e instanceof LoadError &&
        e.problems.map((p) => `${p.file}:${p.kind}`).join() === 'A.cls:unsupported,B.cls:syntax'
    );
  });
});
