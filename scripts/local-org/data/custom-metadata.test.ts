/**
 * Custom metadata types and custom relationship names, on fixtures/custom-metadata (Setting__mdt with a checkbox, a
 * number, a text, a relationship to EntityDefinition and one to Group_Setting__mdt; Widget__c with a lookup to Account).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuntimeGap } from '../values/errors.ts';
import { Schema } from '../schema/schema.ts';
import { runInSchema } from '../test-helpers.ts';

const schema = new Schema(['scripts/local-org/fixtures/custom-metadata']);

const run = (body: string, extra: Record<string, string> = {}): string => runInSchema(schema, body, extra);

test('custom metadata records are rows of their __mdt type: SOQL with relationship paths (Apex Developer Guide "Custom Metadata Types")', () => {
  assert.equal(
    run(`List<String> out = new List<String>();
      for (Setting__mdt s : [SELECT DeveloperName, MasterLabel, Amount__c, Enabled__c, Note__c, Object__r.QualifiedApiName,
                               Group__r.DeveloperName FROM Setting__mdt ORDER BY DeveloperName]) {
        out.add(s.DeveloperName + '|' + s.MasterLabel + '|' + s.Amount__c + '|' + s.Enabled__c + '|' + s.Note__c + '|'
          + s.Object__r.QualifiedApiName + '|' + s.Group__r?.DeveloperName);
      }
      return out;`),
    '(First|First setting|12.50|true|null|Account|Main, Second|Second setting|null|false|two & more|Contact|null)'
  );
  assert.equal(
    run(`return [SELECT DeveloperName FROM Setting__mdt WHERE Object__r.QualifiedApiName = 'Contact'].DeveloperName;`),
    'Second'
  );
  // A relationship to EntityDefinition holds the DurableId text; one to another type holds the record's Id.
  assert.equal(
    run(`Setting__mdt s = [SELECT Object__c, Group__c FROM Setting__mdt WHERE DeveloperName = 'First'];
      return s.Object__c + ' ' + (s.Group__c == Group_Setting__mdt.getInstance('Main').Id) + ' ' + new Setting__mdt(Object__c = 'Lead').Object__c;`),
    'Account true Lead'
  );
  assert.equal(
    run(
      `return Schema.Setting__mdt.SObjectType.getDescribe().getKeyPrefix().startsWith('m') + ' ' + Schema.Setting__mdt.QualifiedApiName.getDescribe().isUpdateable();`
    ),
    'true false'
  );
});

test('getAll() is keyed by DeveloperName; getInstance() takes an id, a DeveloperName or a QualifiedApiName (Apex Reference Guide "Custom Metadata Type Methods")', () => {
  assert.equal(
    run(`Map<String, Setting__mdt> all = Setting__mdt.getAll();
      Setting__mdt first = Setting__mdt.getInstance('First');
      return all.keySet() + ' ' + first.Amount__c + ' ' + Setting__mdt.getInstance(first.Id).DeveloperName + ' '
        + Setting__mdt.getInstance('Nope') + ' ' + (first.Group__c == Group_Setting__mdt.getInstance('Main').Id) + ' '
        + Limits.getQueries();`),
    '{First, Second} 12.50 First null true 0'
  );
});

test('DML on a custom metadata type is refused, naming the statement', () => {
  assert.throws(
    () => run(`insert new Setting__mdt(DeveloperName = 'x'); return null;`),
    (e: unknown) => e instanceof RuntimeGap && /DML operation insert not allowed on Setting__mdt/.test(e.message)
  );
});

test('custom lookups: Field__r up, <relationshipName>__r down (SOQL and SOSL Reference "Understanding Relationship Names")', () => {
  assert.equal(
    run(`Account a = new Account(Name = 'Acme'); insert a;
      insert new Widget__c(Name = 'w1', Owner_Account__c = a.Id);
      Widget__c w = [SELECT Owner_Account__r.Name FROM Widget__c];
      Account back = [SELECT (SELECT Name FROM Owned_Widgets__r) FROM Account];
      return w.Owner_Account__r.Name + ' ' + back.Owned_Widgets__r.size() + ' ' + back.Owned_Widgets__r[0].Name;`),
    'Acme 1 w1'
  );
  assert.equal(
    run(`for (Schema.ChildRelationship r : Account.SObjectType.getDescribe().getChildRelationships()) {
        if (r.getRelationshipName() == 'Owned_Widgets__r') { return r.getChildSObject() + '.' + r.getField(); }
      } return null;`),
    'Widget__c.Owner_Account__c'
  );
});
