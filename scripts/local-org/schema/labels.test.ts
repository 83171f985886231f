/**
 * Custom labels (Apex Developer Guide, "Custom Labels": `System.Label.Name` returns the label in the running user's
 * language, the default value when no translation exists; an unknown name does not compile — "Invalid external string
 * name").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoadError } from '../ast/errors.ts';
import { loadSources, type ApexSource } from '../runtime.ts';
import { CustomLabels } from './labels.ts';

const LABELS = `<?xml version="1.0" encoding="UTF-8"?>
<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">
  <labels>
    <fullName>Greeting</fullName>
    <language>en_US</language>
    <protected>false</protected>
    <shortDescription>greeting</shortDescription>
    <value>Hello</value>
  </labels>
  <labels>
    <fullName>Untranslated</fullName>
    <language>en_US</language>
    <protected>false</protected>
    <shortDescription>no translation</shortDescription>
    <value>Only English</value>
  </labels>
</CustomLabels>`;

const JA = `<?xml version="1.0" encoding="UTF-8"?>
<Translations xmlns="http://soap.sforce.com/2006/04/metadata">
  <customLabels>
    <label>こんにちは</label>
    <name>Greeting</name>
  </customLabels>
</Translations>`;

function labels(): CustomLabels {
  const l = new CustomLabels();
  l.addLabelsXml(LABELS, 'CustomLabels.labels-meta.xml');
  l.addTranslationXml('ja', JA);
  return l;
}

function run(body: string, language?: string): string {
  const sources: ApexSource[] = [
    { file: 'T.cls', source: `public class T { public static Object run() { ${body} } }` }
  ];
  const org = loadSources(sources, { timeZone: 'Asia/Tokyo', ...(language ? { language } : {}) }, undefined, labels());
  const it = org.transaction();
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

test('labels read in the running user language, with the default value as fallback', () => {
  assert.equal(run(`return System.Label.Greeting + '/' + Label.untranslated;`), 'こんにちは/Only English');
  assert.equal(run(`return System.Label.Greeting;`, 'en_US'), 'Hello');
});

test('System.runAs a user of another language reads labels in that language', () => {
  const body = `
    User u = new User(LastName = 'E', Email = 'e@example.com', Username = 'e@example.com.local', Alias = 'e',
      ProfileId = UserInfo.getProfileId(), TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = 'en_US',
      LanguageLocaleKey = 'en_US', EmailEncodingKey = 'UTF-8');
    insert u;
    String seen;
    System.runAs(u) { seen = System.Label.Greeting; }
    return seen + '/' + System.Label.Greeting;`;
  assert.equal(run(body), 'Hello/こんにちは');
});

test('an unknown label is a load (compile) error naming file:line', () => {
  assert.throws(
    () =>
      loadSources(
        [{ file: 'T.cls', source: 'public class T {\n  static String x = System.Label.Nope;\n}' }],
        undefined,
        undefined,
        labels()
      ),
    (e: unknown) =>
      e instanceof LoadError && /^T\.cls:2: Apex compile error: Invalid external string name: Nope/.test(e.message)
  );
  // `Label.X` where a variable named label exists is that variable's field, not a custom label.
  assert.doesNotThrow(() =>
    loadSources(
      [{ file: 'T.cls', source: 'public class T { public String label; Object f(T label) { return label.label; } }' }],
      undefined,
      undefined,
      labels()
    )
  );
});
