/**
 * Share objects of custom objects and global value sets (fixtures/sharing: Memo__c, org-wide default Private, with
 * the Apex sharing reason Reviewer__c and the picklist Colour__c on the global value set Colour). Apex Developer Guide
 * "Sharing a Record Using Apex"; Metadata API Developer Guide "SharingReason", "GlobalValueSet".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Schema } from '../schema/schema.ts';
import { runInSchema } from '../test-helpers.ts';

const fixture = new Schema(['scripts/local-org/fixtures/sharing']);

/** A `with sharing` reader, so the running user's record access applies (data/access.ts). */
const READER = `public with sharing class Reader {
  public static Integer visible() { return [SELECT COUNT() FROM Memo__c]; }
}`;
const NEW_USER = `User u = new User(LastName = 'U', Email = 'u@example.com', Username = 'u@example.com.share', Alias = 'u',
  TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = 'ja_JP', LanguageLocaleKey = 'ja', EmailEncodingKey = 'UTF-8',
  ProfileId = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id);
  System.runAs(new User(Id = UserInfo.getUserId())) { insert u; }`;

test('a Private custom object has X__Share: ParentId, UserOrGroupId, AccessLevel, RowCause with its sharing reasons', () => {
  assert.equal(
    runInSchema(
      fixture,
      `Map<String, Schema.SObjectField> f = Schema.Memo__Share.SObjectType.getDescribe().fields.getMap();
       List<String> causes = new List<String>();
       for (Schema.PicklistEntry p : Schema.Memo__Share.RowCause.getDescribe().getPicklistValues()) { causes.add(p.getValue()); }
       return f.containsKey('ParentId') + ' ' + f.containsKey('UserOrGroupId') + ' ' + f.containsKey('AccessLevel') + ' ' + causes.contains('Manual') + ' ' + causes.contains('Reviewer__c');`
    ),
    'true true true true true'
  );
});

test('Schema.X__Share.RowCause.Reason__c is the reason name; a share saved without RowCause is Manual', () => {
  assert.equal(
    runInSchema(
      fixture,
      `Memo__c m = new Memo__c(Name = 'm'); insert m;
       insert new Memo__Share(ParentId = m.Id, UserOrGroupId = UserInfo.getUserId(), AccessLevel = 'Read');
       return Schema.Memo__Share.RowCause.Reviewer__c + ' ' + [SELECT RowCause FROM Memo__Share].RowCause;`
    ),
    'Reviewer__c Manual'
  );
});

test('under sharing, a Private record is invisible to another user until a share grants it', () => {
  assert.equal(
    runInSchema(
      fixture,
      `insert new Memo__c(Name = 'm');
       ${NEW_USER}
       Integer before; Integer after;
       System.runAs(u) { before = Reader.visible(); }
       insert new Memo__Share(ParentId = [SELECT Id FROM Memo__c].Id, UserOrGroupId = u.Id, AccessLevel = 'Read', RowCause = Schema.Memo__Share.RowCause.Reviewer__c);
       System.runAs(u) { after = Reader.visible(); }
       return before + ' ' + after;`,
      { Reader: READER }
    ),
    '0 1'
  );
});

test('a picklist on a global value set takes its values and default; a restricted one refuses others', () => {
  assert.equal(
    runInSchema(
      fixture,
      `Memo__c m = new Memo__c(Name = 'm'); insert m;
       Database.SaveResult r = Database.insert(new Memo__c(Name = 'n', Colour__c = 'Green'), false);
       return [SELECT Colour__c FROM Memo__c WHERE Id = :m.Id].Colour__c + ' ' + Schema.Memo__c.Colour__c.getDescribe().getPicklistValues().size() + ' ' + r.getErrors()[0].getStatusCode();`
    ),
    'Red 2 INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
  );
});
