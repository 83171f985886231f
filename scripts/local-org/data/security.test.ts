/**
 * CRUD, field-level security and sharing (data/access.ts), each test citing the platform behaviour it mirrors:
 * Apex Developer Guide ("Enforce User Mode for Database Operations", "Use the with sharing, without sharing, and
 * inherited sharing Keywords"), Apex Reference Guide ("Security Class", "SObjectAccessDecision Class",
 * "DescribeSObjectResult Class"), Help = "Default Organization-Wide Access Levels".
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadSources } from '../runtime.ts';
import { CustomLabels } from '../schema/labels.ts';
import { parsePermissionSet } from '../schema/permission-sets.ts';
import { Schema } from '../schema/schema.ts';
import { accessWork } from './access.ts';
import { FIXED_NOW, thrownBy } from '../test-helpers.ts';

/** A package directory with one custom field, Account.Secret__c (no field-level security unless granted). */
function schemaDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'local-org-security-'));
  mkdirSync(join(dir, 'objects/Account/fields'), { recursive: true });
  writeFileSync(
    join(dir, 'objects/Account/fields/Secret__c.field-meta.xml'),
    '<CustomField><fullName>Secret__c</fullName><label>Secret</label><length>20</length><type>Text</type></CustomField>'
  );
  return dir;
}

const READ_ACCOUNT = parsePermissionSet(
  'Read_Account',
  `<PermissionSet><label>Read Account</label>
    <objectPermissions><allowRead>true</allowRead><object>Account</object></objectPermissions>
    <fieldPermissions><field>Account.Secret__c</field><readable>true</readable><editable>false</editable></fieldPermissions>
  </PermissionSet>`
);

/** Apex helpers: a user on a profile, optionally holding Read_Account. */
const HELPERS = `public class H {
  public static User user(String profileName, Boolean readAccount) {
    User u = new User(LastName = 'U', Email = 'u@example.com', Username = 'u' + Crypto.getRandomInteger() + '@example.com',
      Alias = 'u', TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = 'ja_JP', LanguageLocaleKey = 'ja',
      EmailEncodingKey = 'UTF-8', ProfileId = [SELECT Id FROM Profile WHERE Name = :profileName].Id);
    // Setup DML inside runAs: callers insert records first (Apex Developer Guide "Mixed DML Operations in Test
    // Methods").
    System.runAs(new User(Id = UserInfo.getUserId())) {
      insert u;
      if (readAccount) {
        insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Read_Account'].Id);
      }
    }
    return u;
  }
}`;

function run(body: string, extra: Record<string, string> = {}): string {
  const dir = schemaDir();
  const org = loadSources(
    [
      { file: 'T.cls', source: `public class T { public static Object run() { ${body} } }` },
      { file: 'H.cls', source: HELPERS },
      ...Object.entries(extra).map(([name, source]) => ({ file: `${name}.cls`, source }))
    ],
    { timeZone: 'Asia/Tokyo' },
    new Schema([dir]),
    new CustomLabels(),
    new Map([['read_account', READ_ACCOUNT]])
  );
  const it = org.transaction({ now: () => FIXED_NOW });
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

function error(body: string): string {
  return thrownBy(() => run(`${body} return null;`));
}

const MINIMUM = `User u = H.user('Minimum Access - Salesforce', false);`;
const READER = `User u = H.user('Minimum Access - Salesforce', true);`;
/** Standard User: Account CRED, no custom field (the seeded admin holds every permission set, as in CI). */
const STANDARD = `User u = H.user('Standard User', false);`;

test('user mode: an object without Read is a QueryException (Apex Developer Guide Enforce User Mode)', () => {
  assert.match(
    error(`${MINIMUM} System.runAs(u) { List<Account> a = [SELECT Id FROM Account WITH USER_MODE]; }`),
    /^System\.QueryException: sObject type 'Account' is not supported/
  );
});

test('system mode ignores object permissions (Apex Developer Guide: system mode ignores CRUD and FLS)', () => {
  assert.equal(
    run(
      `insert new Account(Name = 'a'); ${MINIMUM} Integer n; System.runAs(u) { n = [SELECT COUNT() FROM Account WITH SYSTEM_MODE]; } return n;`
    ),
    '1'
  );
});

test('user mode: a field without read in WHERE is a QueryException naming it (Apex Developer Guide: user mode processes WHERE)', () => {
  assert.match(
    error(
      `${STANDARD} System.runAs(u) { Integer n = [SELECT COUNT() FROM Account WHERE Secret__c = 'x' WITH USER_MODE]; }`
    ),
    /^System\.QueryException: No such column 'Secret__c' on entity 'Account'/
  );
});

test('user mode: a permission set grants object and field read (Help: permission sets add to the profile)', () => {
  assert.equal(
    run(
      `insert new Account(Name = 'a', Secret__c = 's'); ${READER} String v; System.runAs(u) { v = [SELECT Secret__c FROM Account WITH USER_MODE].Secret__c; } return v;`
    ),
    's'
  );
});

test('user mode: a profile reads no custom field that no permission set grants (Metadata API deploys no FLS)', () => {
  assert.match(
    error(`${STANDARD} System.runAs(u) { List<Account> a = [SELECT Secret__c FROM Account WITH USER_MODE]; }`),
    /^System\.QueryException: No such column 'Secret__c' on entity 'Account'/
  );
});

test('user mode DML: no Create permission is INSUFFICIENT_ACCESS_OR_READONLY', () => {
  assert.match(
    error(`${READER} System.runAs(u) { insert as user new Account(Name = 'x'); }`),
    /^System\.DmlException: Insert failed\. First exception on row 0; first error: INSUFFICIENT_ACCESS_OR_READONLY/
  );
});

test('Database.insert(records, AccessLevel) is all-or-none in that mode (Apex Reference Guide "Database Class")', () => {
  assert.match(
    error(
      `${READER} System.runAs(u) { Database.insert(new List<Account>{ new Account(Name = 'x') }, AccessLevel.USER_MODE); }`
    ),
    /^System\.DmlException: Insert failed\. First exception on row 0; first error: INSUFFICIENT_ACCESS_OR_READONLY/
  );
  assert.equal(
    run(
      `${READER} System.runAs(u) { Database.insert(new Account(Name = 'x'), AccessLevel.SYSTEM_MODE); } return [SELECT COUNT() FROM Account];`
    ),
    '1'
  );
});

test('user mode DML: a field without edit is INVALID_FIELD_FOR_INSERT_UPDATE', () => {
  assert.match(
    error(`${STANDARD} System.runAs(u) { insert as user new Account(Name = 'x', Secret__c = 's'); }`),
    /INVALID_FIELD_FOR_INSERT_UPDATE, Unable to create\/update fields: Secret__c\./
  );
});

const PRIVATE_CONTACT = `insert new Contact(LastName = 'private'); User u = H.user('Standard User', false);`;

test('sharing: a Contact without an Account is private to its owner in user mode (Help: Contact Controlled by Parent)', () => {
  assert.equal(
    run(
      `${PRIVATE_CONTACT} Integer n; System.runAs(u) { n = [SELECT COUNT() FROM Contact WITH USER_MODE]; } return n;`
    ),
    '0'
  );
});

test('sharing keywords: with sharing filters, without sharing does not, inherited follows the caller (Apex Developer Guide)', () => {
  const classes = {
    W: 'public with sharing class W { public static Integer n() { return I.n(); } }',
    WO: 'public without sharing class WO { public static Integer n() { return I.n(); } }',
    I: 'public inherited sharing class I { public static Integer n() { return [SELECT COUNT() FROM Contact]; } }'
  };
  const count = (call: string): string =>
    run(`${PRIVATE_CONTACT} Integer n; System.runAs(u) { n = ${call}; } return n;`, classes);
  assert.equal(count('W.n()'), '0', 'inherited called from with sharing');
  assert.equal(count('WO.n()'), '1', 'inherited called from without sharing');
  // T (no keyword) is the entry point here: an omitted keyword at the entry point runs without sharing.
  assert.equal(count('I.n()'), '1', 'inherited called from a class without a keyword at the entry point');
});

test('Security.stripInaccessible removes the fields and reports them (Apex Reference Guide SObjectAccessDecision)', () => {
  const body = `${READER} String out; System.runAs(u) {
      SObjectAccessDecision d = Security.stripInaccessible(AccessType.CREATABLE,
        new List<Account>{ new Account(Name = 'a'), new Account() }, false);
      out = d.getRemovedFields() + ' ' + d.getModifiedIndexes() + ' ' + d.getRecords()[0].getPopulatedFieldsAsMap().size();
    } return out;`;
  assert.equal(run(body), '{Account={Name}} {0} 0');
});

test('Security.stripInaccessible enforces the root object access by default (Apex Reference Guide Security Class)', () => {
  assert.match(
    error(
      `${READER} System.runAs(u) { Security.stripInaccessible(AccessType.CREATABLE, new List<Account>{ new Account() }); }`
    ),
    /^System\.NoAccessException/
  );
});

test('describe answers for the running user (Apex Reference Guide DescribeSObjectResult / DescribeFieldResult)', () => {
  const body = `${STANDARD} String out; System.runAs(u) {
      out = Schema.SObjectType.Account.isAccessible() + ' ' + Schema.Account.Secret__c.getDescribe().isAccessible();
    }
    u = H.user('Minimum Access - Salesforce', true);
    System.runAs(u) {
      out += ' ' + Schema.SObjectType.Account.isAccessible() + ' ' + Schema.SObjectType.Account.isCreateable() + ' ' +
        Schema.Account.Secret__c.getDescribe().isAccessible() + ' ' + Schema.Account.Secret__c.getDescribe().isUpdateable() +
        ' ' + Schema.SObjectType.Contact.isAccessible();
    } return out;`;
  assert.equal(run(body), 'true false true false true false false');
});

test('the running user access is read once per assignment table version; an assignment made later is seen at once', () => {
  const before = accessWork.reads;
  const computed = accessWork.objectPermissions;
  const checks = Array.from({ length: 20 }, () => 'n += Schema.SObjectType.Account.isAccessible() ? 1 : 0;').join(' ');
  assert.equal(
    run(
      `${MINIMUM} Integer n = 0; System.runAs(u) { ${checks} }` +
        ` System.runAs(new User(Id = UserInfo.getUserId())) { insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Read_Account'].Id); }` +
        ` System.runAs(u) { ${checks} } return n;`
    ),
    '20',
    'no Read before the assignment, Read after it'
  );
  const reads = accessWork.reads - before;
  assert.ok(reads >= 2 && reads <= 8, `reads ${reads}: once per user and assignment table version, not per check (40)`);
  const perms = accessWork.objectPermissions - computed;
  assert.ok(
    perms >= 2 && perms <= 8,
    `object permissions computed ${perms} times: once per user access, not per check`
  );
});
