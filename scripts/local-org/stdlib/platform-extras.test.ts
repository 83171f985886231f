/**
 * Describe and platform details added for public suites (issue 14), each from the docs named in its module:
 * DescribeSObjectResult.isCustomSetting / isUndeletable, DescribeFieldResult.isIdLookup (Object Reference field
 * property idLookup), UserInfo.getUiThemeDisplayed, LoggingLevel declaration order, the seeded Profile's UserLicense,
 * and Id on platform event instances.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuntimeGap } from '../values/errors.ts';
import { Schema } from '../schema/schema.ts';
import { apexError, evalApex, runClass, runInSchema } from '../test-helpers.ts';

const fixture = new Schema(['scripts/local-org/fixtures/custom-metadata']);

test('isCustomSetting is true for a custom setting only', () => {
  assert.equal(
    runInSchema(
      fixture,
      `return Hier_Setting__c.SObjectType.getDescribe().isCustomSetting() + ' ' + Widget__c.SObjectType.getDescribe().isCustomSetting() + ' ' + Account.SObjectType.getDescribe().isCustomSetting();`
    ),
    'true false false'
  );
});

test('isUndeletable: records with a recycle bin and delete access; not custom settings', () => {
  assert.equal(
    runInSchema(
      fixture,
      `return Account.SObjectType.getDescribe().isUndeletable() + ' ' + Hier_Setting__c.SObjectType.getDescribe().isUndeletable();`
    ),
    'true false'
  );
});

test('isIdLookup: Id and User.Username (Object Reference idLookup) are true; a picklist and a number are false', () => {
  assert.equal(
    evalApex(
      `Schema.Opportunity.Id.getDescribe().isIdLookup() + ' ' + Schema.User.Username.getDescribe().isIdLookup() + ' ' + Schema.Opportunity.StageName.getDescribe().isIdLookup() + ' ' + Schema.Account.NumberOfEmployees.getDescribe().isIdLookup()`
    ),
    'true true false false'
  );
});

test('isIdLookup of a standard text field the table does not mark is a RuntimeGap', () => {
  assert.throws(
    () => evalApex(`Schema.Account.Name.getDescribe().isIdLookup()`),
    (e: unknown) => e instanceof RuntimeGap && /idLookup/.test(e.message)
  );
});

test('a custom field that is not an External ID is not an id lookup', () => {
  assert.equal(runInSchema(fixture, `return Widget__c.Owner_Account__c.getDescribe().isIdLookup();`), 'false');
});

test('Id can be set and read on a platform event through SObject, though its describe lists no Id', () => {
  assert.equal(
    runInSchema(
      fixture,
      `SObject e = new Alert__e(); e.Id = '001000000000001AAA';
       return e.Id + ' ' + Alert__e.SObjectType.getDescribe().fields.getMap().containsKey('Id');`
    ),
    '001000000000001AAA false'
  );
});

test('UserInfo.getUiThemeDisplayed and getUiTheme give the seeded Lightning Experience theme', () => {
  assert.equal(evalApex(`UserInfo.getUiThemeDisplayed() + ' ' + UserInfo.getUiTheme()`), 'Theme4d Theme4d');
});

test('LoggingLevel.values() starts with NONE and INTERNAL; ordinals rise from FINEST to ERROR', () => {
  assert.equal(
    evalApex(
      `LoggingLevel.values()[0] + ' ' + LoggingLevel.values()[1] + ' ' + (LoggingLevel.FINEST.ordinal() < LoggingLevel.FINE.ordinal()) + ' ' + (LoggingLevel.WARN.ordinal() < LoggingLevel.ERROR.ordinal()) + ' ' + LoggingLevel.values().size()`
    ),
    'NONE INTERNAL true true 9'
  );
});

test("the running user's profile has a Salesforce user license", () => {
  assert.equal(
    evalApex(
      `[SELECT Profile.UserLicense.Name, Profile.UserLicense.LicenseDefinitionKey FROM User WHERE Id = :UserInfo.getUserId()].Profile.UserLicense.LicenseDefinitionKey`
    ),
    'SFDC'
  );
});

test('a List<SObject> holding Accounts, cast to List<Account>, is accepted by a List<Account> parameter', () => {
  assert.equal(
    runClass(
      `static Integer count(List<Account> accounts) { return accounts.size(); }
       static Integer count(List<Contact> contacts) { return -1; }
       public static Object run() {
         List<SObject> records = new List<SObject>{ new Account(Name = 'a'), new Account(Name = 'b') };
         return count((List<Account>) records);
       }`
    ).text,
    '2'
  );
});

test("ApexClass.Body is the class's source text", () => {
  assert.equal(evalApex(`[SELECT Body FROM ApexClass WHERE Name = 'T'].Body.startsWith('public class T {')`), 'true');
});

test('Account.getSObjectType() on the type name is the token Account.SObjectType', () => {
  assert.equal(evalApex(`Account.getSObjectType() == Account.SObjectType`), 'true');
});

test('insert of a list holding Accounts and Contacts saves each chunk; results stay in list order', () => {
  assert.equal(
    evalApex(
      `rs[0].isSuccess() + ' ' + rs[1].isSuccess() + ' ' + String.valueOf(rs[1].getId()).startsWith('003') + ' ' + [SELECT COUNT() FROM Account]`,
      `List<SObject> mixed = new List<SObject>{ new Account(Name = 'a'), new Contact(LastName = 'c'), new Account(Name = 'b') };
       List<Database.SaveResult> rs = Database.insert(mixed);`
    ),
    'true true true 2'
  );
});

test('a list that would need more than 10 chunks is a TypeException', () => {
  assert.match(
    apexError(`List<SObject> l = new List<SObject>();
      for (Integer i = 0; i < 6; i++) { l.add(new Account(Name = 'a')); l.add(new Contact(LastName = 'c')); }
      insert l;`).text,
    /^System\.TypeException: Cannot have more than 10 chunks in a single operation/
  );
});

test('a SOQL for loop with a list variable runs once per batch of 200 records', () => {
  assert.equal(
    evalApex(
      `batches + ' ' + rows`,
      `List<Account> accounts = new List<Account>();
       for (Integer i = 0; i < 450; i++) { accounts.add(new Account(Name = 'a' + i)); }
       insert accounts;
       Integer batches = 0; Integer rows = 0;
       for (List<Account> batch : [SELECT Id FROM Account]) { batches++; rows += batch.size(); }`
    ),
    '3 450'
  );
});

test('a Map<String, SObject> holding Accounts casts to Map<String, Account>; holding a Contact it does not', () => {
  assert.equal(
    evalApex(
      `((Map<String, Account>) m).size() + ' ' + failed`,
      `Map<String, SObject> m = new Map<String, SObject>{ 'a' => new Account(Name = 'a') };
       Map<String, SObject> other = new Map<String, SObject>{ 'c' => new Contact(LastName = 'c') };
       Boolean failed = false;
       try { Map<String, Account> x = (Map<String, Account>) other; } catch (System.TypeException e) { failed = true; }`
    ),
    '1 true'
  );
});
