/**
 * Field limits DML enforces (data/dml-validate.ts `validate`) and the WhatId target rule (schema/schema.ts). Each rule
 * has a fixture the platform refuses and the same fixture written correctly, which the runtime accepts.
 *
 * - Lengths: Salesforce Help "Custom Field Types" / Object Reference — Text Area 255, Long and Rich Text Area their
 *   length, Email 80, Phone 40, URL 255; over the length: STRING_TOO_LONG "Label: data value too large: v (max
 *   length=n)".
 * - Picklists (Salesforce Help "Picklist Limitations"): a value has at most 255 characters, also in an unrestricted
 *   picklist (STRING_TOO_LONG); a multi-select picklist holds at most 100 selected values (TOO_MANY_ENUM_VALUE, SOAP
 *   API StatusCode) and 4099 characters in all (its describe length); a restricted one refuses values outside its
 *   set (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST).
 * - WhatId (Object Reference "Task", "TaskRelation"; Metadata API Developer Guide "CustomObject" enableActivities): a
 *   custom object is a valid WhatId target only with activities enabled; otherwise FIELD_INTEGRITY_EXCEPTION "What ID:
 *   id value of incorrect type: <id>" (wording unverified).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadSources } from '../runtime.ts';
import { Schema } from '../schema/schema.ts';
import { FIXED_NOW } from '../test-helpers.ts';

function projectDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-org-limits-'));
  const field = (object: string, name: string, body: string): void => {
    mkdirSync(join(dir, `objects/${object}/fields`), { recursive: true });
    writeFileSync(
      join(dir, `objects/${object}/fields/${name}.field-meta.xml`),
      `<CustomField><fullName>${name}</fullName><label>${name.replace(/__c$/, '')}</label>${body}</CustomField>`
    );
  };
  const values = (names: string[], restricted: boolean): string =>
    `<valueSet><restricted>${restricted}</restricted><valueSetDefinition>${names
      .map((n) => `<value><fullName>${n}</fullName><default>false</default><label>${n}</label></value>`)
      .join('')}</valueSetDefinition></valueSet>`;
  field('Account', 'Notes__c', '<type>TextArea</type>');
  field('Account', 'Long__c', '<length>1000</length><type>LongTextArea</type><visibleLines>3</visibleLines>');
  field('Account', 'Rich__c', '<length>500</length><type>Html</type><visibleLines>3</visibleLines>');
  field('Account', 'Mail__c', '<type>Email</type>');
  field('Account', 'Tel__c', '<type>Phone</type>');
  field('Account', 'Link__c', '<type>Url</type>');
  field('Account', 'Kind__c', `<type>Picklist</type>${values(['Small', 'Large'], false)}`);
  field('Account', 'Tags__c', `<type>MultiselectPicklist</type>${values(['A'], false)}<visibleLines>4</visibleLines>`);
  field('Account', 'Colors__c', `<type>MultiselectPicklist</type>${values(['Red', 'Green'], true)}`);
  for (const [name, activities] of [
    ['Widget__c', true],
    ['Gadget__c', false]
  ] as const) {
    mkdirSync(join(dir, `objects/${name}`), { recursive: true });
    writeFileSync(
      join(dir, `objects/${name}/${name}.object-meta.xml`),
      `<CustomObject><enableActivities>${activities}</enableActivities><label>${name}</label><nameField><label>Name</label><type>Text</type></nameField><pluralLabel>${name}s</pluralLabel><sharingModel>ReadWrite</sharingModel></CustomObject>`
    );
  }
  return dir;
}

const DIR = projectDir();

function run(body: string): string {
  const org = loadSources(
    [{ file: 'T.cls', source: `public class T { public static Object run() { ${body} } }` }],
    { timeZone: 'Asia/Tokyo' },
    new Schema([DIR])
  );
  const it = org.transaction({ now: () => FIXED_NOW });
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

/** Inserts `record` with allOrNone=false: "ok", or "STATUS_CODE: message". */
function insert(record: string): string {
  return run(`Database.SaveResult r = Database.insert(${record}, false);
    if (r.isSuccess()) { return 'ok'; }
    return r.getErrors()[0].getStatusCode() + ': ' + r.getErrors()[0].getMessage();`);
}

describe('text field lengths (STRING_TOO_LONG)', () => {
  const cases: [string, string, number][] = [
    ['custom Text Area', 'Notes__c', 255],
    ['custom Long Text Area (length 1000)', 'Long__c', 1000],
    ['custom Rich Text Area (length 500)', 'Rich__c', 500],
    ['custom Phone', 'Tel__c', 40],
    ['custom URL', 'Link__c', 255],
    ['standard URL Account.Website', 'Website', 255],
    ['standard Phone Account.Phone', 'Phone', 40],
    ['standard long text Account.Description', 'Description', 32000]
  ];
  for (const [what, field, max] of cases) {
    it(`${what}: ${max + 1} characters refused, ${max} accepted`, () => {
      const label = field.replace(/__c$/, '');
      assert.match(
        insert(`new Account(Name = 'a', ${field} = 'x'.repeat(${max + 1}))`),
        new RegExp(`^STRING_TOO_LONG: ${label}: data value too large: x+ \\(max length=${max}\\)$`)
      );
      assert.equal(insert(`new Account(Name = 'a', ${field} = 'x'.repeat(${max}))`), 'ok');
    });
  }

  it('custom Email (80) and standard Contact.Email (80)', () => {
    assert.match(
      insert(`new Account(Name = 'a', Mail__c = 'a'.repeat(75) + '@x.com')`),
      /^STRING_TOO_LONG: Mail: .*max length=80/
    );
    assert.equal(insert(`new Account(Name = 'a', Mail__c = 'a'.repeat(74) + '@x.com')`), 'ok');
    assert.match(
      insert(`new Contact(LastName = 'c', Email = 'a'.repeat(75) + '@x.com')`),
      /^STRING_TOO_LONG: Email: .*max length=80/
    );
    assert.equal(insert(`new Contact(LastName = 'c', Email = 'a'.repeat(74) + '@x.com')`), 'ok');
  });
});

describe('picklist values', () => {
  it('unrestricted picklist: a new value of 256 characters refused, of 255 accepted', () => {
    assert.match(
      insert(`new Account(Name = 'a', Kind__c = 'k'.repeat(256))`),
      /^STRING_TOO_LONG: Kind: data value too large: k+ \(max length=255\)$/
    );
    assert.equal(insert(`new Account(Name = 'a', Kind__c = 'k'.repeat(255))`), 'ok');
  });

  it('multi-select: 101 selected values refused (TOO_MANY_ENUM_VALUE), 100 accepted', () => {
    const values = (n: number): string =>
      `String.join(new List<String>{${Array.from({ length: n }, (_, i) => `'v${i}'`).join(', ')}}, ';')`;
    assert.equal(
      insert(`new Account(Name = 'a', Tags__c = ${values(101)})`),
      'TOO_MANY_ENUM_VALUE: Tags: too many values selected: 101 (max 100)'
    );
    assert.equal(insert(`new Account(Name = 'a', Tags__c = ${values(100)})`), 'ok');
  });

  it('multi-select: one value of 256 characters refused, 255 accepted', () => {
    assert.match(
      insert(`new Account(Name = 'a', Tags__c = 'A;' + 'm'.repeat(256))`),
      /^STRING_TOO_LONG: Tags: data value too large: m{256} \(max length=255\)$/
    );
    assert.equal(insert(`new Account(Name = 'a', Tags__c = 'A;' + 'm'.repeat(255))`), 'ok');
  });

  // 17 values of 255 characters = 4,351 characters; 16 = 4,095 (the field's describe length is 4,099).
  it('multi-select: more than 4099 characters in all refused, 4095 accepted', () => {
    const joined = (n: number): string =>
      `String.join(new List<String>{${Array.from({ length: n }, () => "'m'.repeat(255)").join(', ')}}, ';')`;
    assert.match(
      insert(`new Account(Name = 'a', Tags__c = ${joined(17)})`),
      /^STRING_TOO_LONG: Tags: .*\(max length=4099\)$/
    );
    assert.equal(run(`return ${joined(16)}.length();`), '4095');
    assert.equal(insert(`new Account(Name = 'a', Tags__c = ${joined(16)})`), 'ok');
  });

  it('restricted multi-select: a value outside the set refused, values of the set accepted', () => {
    assert.equal(
      insert(`new Account(Name = 'a', Colors__c = 'Red;Blue')`),
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: Colors: bad value for restricted picklist field: Blue'
    );
    assert.equal(insert(`new Account(Name = 'a', Colors__c = 'Red;Green')`), 'ok');
    assert.equal(
      run(`insert new Account(Name = 'a', Colors__c = 'Green;Red'); return [SELECT Colors__c FROM Account].Colors__c;`),
      'Green;Red'
    );
  });
});

describe('WhatId targets', () => {
  it('a custom object with activities enabled is accepted; one without is FIELD_INTEGRITY_EXCEPTION', () => {
    assert.equal(
      run(`Widget__c w = new Widget__c(Name = 'w'); insert w;
        insert new Task(Subject = 's', WhatId = w.Id); insert new Event(Subject = 'e', WhatId = w.Id, DurationInMinutes = 5, ActivityDateTime = System.now());
        return [SELECT COUNT() FROM Task WHERE WhatId = :w.Id] + [SELECT COUNT() FROM Event WHERE WhatId = :w.Id];`),
      '2'
    );
    const refused = run(`Gadget__c g = new Gadget__c(Name = 'g'); insert g;
      Database.SaveResult r = Database.insert(new Task(Subject = 's', WhatId = g.Id), false);
      return r.getErrors()[0].getStatusCode() + ': ' + r.getErrors()[0].getMessage().replace(g.Id, '<id>') + ' ' + r.getErrors()[0].getFields();`);
    assert.equal(refused, 'FIELD_INTEGRITY_EXCEPTION: What ID: id value of incorrect type: <id> (WhatId)');
  });

  it('describe: WhatId refers to the standard targets and the activity-enabled custom objects only', () => {
    const refersTo = run(`return Schema.Task.WhatId.getDescribe().getReferenceTo();`);
    assert.match(refersTo, /Account/);
    assert.match(refersTo, /Widget__c/);
    assert.doesNotMatch(refersTo, /Gadget__c/);
  });
});
