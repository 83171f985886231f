/**
 * Object and field translations (Metadata API Developer Guide "CustomObjectTranslation" / "CustomFieldTranslation":
 * `caseValues` give the object's label singular and plural, `nameFieldLabel` the Name field's, a field's `label`,
 * `help` and `picklistValues` (`masterLabel` → `translation`)), loaded with the schema, and the Apex describe reading
 * them in the running user's language (Apex Reference Guide, "DescribeFieldResult Class", getLabel: "This label can be
 * localized."; SOAP API Developer Guide, "LocaleOptions": describeSObject()/describeSObjects() return "the labels"
 * in one language). en_US, the master language here, reads the object and field XML.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { loadSources } from '../runtime.ts';
import { Schema, type FieldDescribe, type SObjectDescribe } from './schema.ts';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const FILES: Record<string, string> = {
  'objects/Widget__c/Widget__c.object-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject ${NS}>
  <label>Widget</label>
  <pluralLabel>Widgets</pluralLabel>
  <nameField><label>Widget Name</label><type>Text</type></nameField>
  <sharingModel>ReadWrite</sharingModel>
</CustomObject>`,
  'objects/Widget__c/fields/Size__c.field-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomField ${NS}>
  <fullName>Size__c</fullName>
  <inlineHelpText>How big the widget is.</inlineHelpText>
  <label>Size</label>
  <type>Picklist</type>
  <valueSet><valueSetDefinition>
    <value><fullName>S</fullName><default>true</default><label>Small</label></value>
    <value><fullName>L</fullName><default>false</default><label>Large</label></value>
    <value><fullName>XL</fullName><default>false</default><label>Extra Large</label></value>
  </valueSetDefinition></valueSet>
</CustomField>`,
  'objects/Widget__c/fields/Colour__c.field-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomField ${NS}><fullName>Colour__c</fullName><label>Colour</label><type>Text</type><length>20</length></CustomField>`,
  'objects/Activity/fields/Call_Note__c.field-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomField ${NS}><fullName>Call_Note__c</fullName><label>Call Note</label><type>Text</type><length>80</length></CustomField>`,
  'objectTranslations/Widget__c-ja/Widget__c-ja.objectTranslation-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomObjectTranslation ${NS}>
  <caseValues><plural>false</plural><possessive>Possessive</possessive><value>ウィジェットの</value></caseValues>
  <caseValues><plural>false</plural><value>ウィジェット</value></caseValues>
  <caseValues><plural>true</plural><value>ウィジェット一覧</value></caseValues>
  <nameFieldLabel>ウィジェット名</nameFieldLabel>
</CustomObjectTranslation>`,
  'objectTranslations/Widget__c-ja/fields/Size__c.fieldTranslation-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomFieldTranslation ${NS}>
  <help>ウィジェットの大きさ。</help>
  <label>サイズ</label>
  <name>Size__c</name>
  <picklistValues><masterLabel>Small</masterLabel><translation>小</translation></picklistValues>
  <picklistValues><masterLabel>Large</masterLabel><translation>大</translation></picklistValues>
</CustomFieldTranslation>`,
  'objectTranslations/Activity-ja/Activity-ja.objectTranslation-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomObjectTranslation ${NS} />`,
  'objectTranslations/Activity-ja/fields/Call_Note__c.fieldTranslation-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomFieldTranslation ${NS}><label>通話メモ</label><name>Call_Note__c</name></CustomFieldTranslation>`
};

const root = mkdtempSync(join(tmpdir(), 'translations-'));
for (const [path, source] of Object.entries(FILES)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), source);
}
after(() => rmSync(root, { recursive: true, force: true }));

function described(schema: Schema, object: string, field: string): [SObjectDescribe, FieldDescribe] {
  const d = schema.describe(object);
  const f = d?.fields.get(field.toLowerCase());
  assert.ok(d && f, `${object}.${field}`);
  return [d, f];
}

test('the loader reads object labels (caseValues: nominative, not possessive), name field label, field label, help and picklist labels per language', () => {
  const schema = new Schema([root]);
  const t = schema.translations;
  const widget = schema.describe('Widget__c');
  assert.ok(widget);
  assert.equal(t.objectLabel(widget, 'ja'), 'ウィジェット');
  assert.equal(t.objectLabelPlural(widget, 'ja'), 'ウィジェット一覧');
  assert.equal(t.objectLabel(widget, 'en_US'), 'Widget');
  assert.equal(t.objectLabelPlural(widget, 'en_US'), 'Widgets');
  const [, name] = described(schema, 'Widget__c', 'Name');
  assert.equal(t.fieldLabel(widget, name, 'ja'), 'ウィジェット名');
  assert.equal(t.fieldLabel(widget, name, 'en_US'), 'Widget Name');
  const [, size] = described(schema, 'Widget__c', 'Size__c');
  assert.equal(t.fieldLabel(widget, size, 'ja'), 'サイズ');
  assert.equal(t.fieldHelp(widget, size, 'ja'), 'ウィジェットの大きさ。');
  assert.equal(t.fieldHelp(widget, size, 'en_US'), 'How big the widget is.');
  assert.deepEqual(
    size.picklist.map((p) => t.picklistLabel(widget, size, p, 'ja')),
    ['小', '大', 'Extra Large'] // a value without a translation keeps its master label
  );
  // An untranslated field, and a language without translations, read the field XML.
  const [, colour] = described(schema, 'Widget__c', 'Colour__c');
  assert.equal(t.fieldLabel(widget, colour, 'ja'), 'Colour');
  assert.equal(t.fieldHelp(widget, colour, 'ja'), undefined);
  assert.equal(t.fieldLabel(widget, size, 'de'), 'Size');
  assert.equal(t.fieldLabel(widget, size, null), 'Size');
  // Activity's field translations apply to Task and Event, whose own labels stay the platform's.
  for (const object of ['Task', 'Event']) {
    const [d, f] = described(schema, object, 'Call_Note__c');
    assert.equal(t.fieldLabel(d, f, 'ja'), '通話メモ', object);
    assert.equal(t.fieldLabel(d, f, 'en_US'), 'Call Note', object);
    assert.equal(t.objectLabel(d, 'ja'), d.label, object);
  }
});

test("the project's translations: Activity fields on Task and Event, settings and event-log objects", () => {
  const schema = new Schema(['force-app']);
  const t = schema.translations;
  for (const object of ['Task', 'Event']) {
    const [d, f] = described(schema, object, 'MiiTel_Call_Ended_At__c');
    assert.equal(t.fieldLabel(d, f, 'ja'), 'MiiTel 通話終了時刻');
    assert.equal(t.fieldLabel(d, f, 'en_US'), 'MiiTel Call Ended At');
    assert.equal(t.fieldHelp(d, f, 'ja'), '通話が終了した日時。');
  }
  const [task, dial] = described(schema, 'Task', 'MiiTel_Dial_Started_At__c');
  assert.equal(t.fieldLabel(task, dial, 'ja'), 'MiiTel ダイヤル開始時刻');
  const [contact, key] = described(schema, 'Contact', 'MiiTel_Phone_Key__c');
  assert.notEqual(t.fieldLabel(contact, key, 'ja'), key.label);
  const [events, status] = described(schema, 'MiiTel_Call_Event__c', 'MiiTel_Status__c');
  assert.deepEqual(
    status.picklist.map((p) => [p.value, t.picklistLabel(events, status, p, 'ja')]),
    [
      ['Applied', '登録済み'],
      ['Deferred', '保留'],
      ['Skipped', 'スキップ'],
      ['Failed', '失敗']
    ]
  );
  assert.equal(t.objectLabel(events, 'ja'), 'MiiTel 通話イベント');
  const [, eventName] = described(schema, 'MiiTel_Call_Event__c', 'Name');
  assert.equal(t.fieldLabel(events, eventName, 'ja'), 'イベント番号');
  const settings = schema.describe('MiiTel_Settings__c');
  assert.ok(settings);
  assert.equal(t.objectLabel(settings, 'ja'), 'MiiTel 設定');
  assert.equal(t.objectLabelPlural(settings, 'ja'), 'MiiTel 設定');
  assert.equal(t.objectLabel(settings, 'en_US'), settings.label);
});

function apex(body: string, language: string): string {
  const org = loadSources(
    [{ file: 'T.cls', source: `public class T { public static Object run() { ${body} } }` }],
    { timeZone: 'Asia/Tokyo', language },
    new Schema([root])
  );
  const it = org.transaction();
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

const DESCRIBE = `
  Schema.DescribeSObjectResult o = Widget__c.SObjectType.getDescribe();
  Schema.DescribeFieldResult size = o.fields.getMap().get('Size__c').getDescribe();
  List<String> parts = new List<String>{ o.getLabel(), o.getLabelPlural(), size.getLabel(),
    Widget__c.Name.getDescribe().getLabel(), Widget__c.Colour__c.getDescribe().getLabel(),
    Task.Call_Note__c.getDescribe().getLabel(), Event.Call_Note__c.getDescribe().getLabel() };
  for (Schema.PicklistEntry p : size.getPicklistValues()) {
    parts.add(p.getValue() + '=' + p.getLabel());
  }
  return String.join(parts, '|');`;

test('Apex describe labels are in the running user language: ja translations, en_US the field XML', () => {
  assert.equal(
    apex(DESCRIBE, 'ja'),
    'ウィジェット|ウィジェット一覧|サイズ|ウィジェット名|Colour|通話メモ|通話メモ|S=小|L=大|XL=Extra Large'
  );
  assert.equal(
    apex(DESCRIBE, 'en_US'),
    'Widget|Widgets|Size|Widget Name|Colour|Call Note|Call Note|S=Small|L=Large|XL=Extra Large'
  );
});

test('System.runAs a user of another language reads describe labels in that language', () => {
  const body = `
    User u = new User(LastName = 'E', Email = 'e@example.com', Username = 'e@example.com.local', Alias = 'e',
      ProfileId = UserInfo.getProfileId(), TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = 'en_US',
      LanguageLocaleKey = 'en_US', EmailEncodingKey = 'UTF-8');
    insert u;
    String seen;
    System.runAs(u) { seen = Widget__c.Size__c.getDescribe().getLabel(); }
    return seen + '/' + Widget__c.Size__c.getDescribe().getLabel();`;
  assert.equal(apex(body, 'ja'), 'Size/サイズ');
});
