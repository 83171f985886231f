/**
 * Overload selection with null arguments. The platform resolves an overloaded call at compile time from the static
 * types of the arguments (Apex Developer Guide, "Using Methods": methods can be overloaded by parameter types; "Rules
 * of Conversion": an argument converts only to a wider type, Integer < Long < Double < Decimal, and a subtype to its
 * supertype), so a typed null such as `(Blob) null` calls the Blob overload. When the runtime cannot know the static
 * type of a null (a `null` literal, a built-in method's result) and several overloads fit, it refuses to guess.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runClass } from '../test-helpers.ts';
import { RuntimeGap } from '../values/errors.ts';

/** Two overloads of `m`, String first so that picking the first applicable one would be wrong for a Blob. */
const OVERLOADS = `
  static String m(String s) { return 'String'; }
  static String m(Blob b) { return 'Blob'; }
  static String m(Id i) { return 'Id'; }
  static String m(Object o) { return 'Object'; }`;

const call = (body: string, extra = ''): string =>
  runClass(`${OVERLOADS}\n${extra}\npublic static Object run() { ${body} }`).text;

describe('overloads: a null argument is typed by its expression', () => {
  it('a cast: (Blob) null calls m(Blob), (Id) null m(Id)', () => {
    assert.equal(call('return m((Blob) null) + m((Id) null) + m((String) null);'), 'BlobIdString');
  });

  it('a local variable: its declared type', () => {
    assert.equal(call('Blob b = null; Object o = null; return m(b) + m(o);'), 'BlobObject');
  });

  it('a static field and an instance property: their declared types', () => {
    const extra = `
      static Blob blobField;
      public class Holder { public Id ref { get; set; } }`;
    assert.equal(call('return m(blobField) + m(new Holder().ref) + m(T.blobField);', extra), 'BlobIdBlob');
  });

  it("an SObject field: the field's type (Contact.AccountId is an Id)", () => {
    assert.equal(call('Contact c = new Contact(); return m(c.AccountId);'), 'Id');
  });

  it('a list element: the element type of the list', () => {
    assert.equal(call('List<Blob> blobs = new List<Blob>{ null }; return m(blobs[0]);'), 'Blob');
  });

  it("an Apex method's result: its declared return type", () => {
    assert.equal(call('return m(noBlob());', 'static Blob noBlob() { return null; }'), 'Blob');
  });

  it('constructors and this(...) choose by the same rule', () => {
    const extra = `
      public class C {
        public String picked;
        public C(String s) { picked = 'String'; }
        public C(Blob b) { picked = 'Blob'; }
        public C() { this((Blob) null); }
      }`;
    assert.equal(call('Blob b; return new C(b).picked + new C().picked;', extra), 'BlobBlob');
  });

  it('a typed null that fits no overload is not applicable (no silent fallback)', () => {
    assert.throws(
      () => runClass('static String one(String s) { return s; } public static Object run() { Blob b; return one(b); }'),
      (e: unknown) => e instanceof RuntimeGap && /Method does not exist or incorrect signature/.test(e.message)
    );
  });
});

describe('overloads: a null of unknown static type', () => {
  it('is a RuntimeGap when several overloads fit it equally (a null literal)', () => {
    assert.throws(
      () => call('return m(null);'),
      (e: unknown) =>
        e instanceof RuntimeGap && /Ambiguous call of T\.m\(NULL\)/.test(e.message) && /T\.cls:/.test(e.message)
    );
  });

  it("is a RuntimeGap for a built-in method's null result, even when an Apex method ran inside its arguments", () => {
    const extra = "static String key() { return 'k'; }";
    assert.throws(
      () => call('Map<String, Blob> byKey = new Map<String, Blob>(); return m(byKey.get(key()));', extra),
      (e: unknown) => e instanceof RuntimeGap && /Ambiguous call/.test(e.message)
    );
  });

  it('still works when only one overload can take it', () => {
    const r = runClass(`
      static String one(String s, Integer n) { return 'String'; }
      static String one(Blob b, String s) { return 'Blob'; }
      public static Object run() { return one(null, 1); }`);
    assert.equal(r.text, 'String');
  });

  it('non-null arguments keep choosing by their runtime type', () => {
    assert.equal(call("return m('x') + m(Blob.valueOf('x'));"), 'StringBlob');
  });
});
