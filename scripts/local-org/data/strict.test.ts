/**
 * The runtime refuses what a real org refuses (issue #14 part 1): for each rule, a fixture the platform refuses and
 * the same fixture written correctly, which it accepts. Citations are in the modules that implement the rules:
 * data/mixed-dml.ts (Apex Developer Guide "sObjects That Can't Be Used Together in DML Operations"),
 * ast/upsert-check.ts and schema/schema.ts `upsertKeyEligibility` (Apex Developer Guide "Upserting Records"),
 * data/access.ts (activities "Controlled by Parent"), data/store.ts (audit fields to the second),
 * schema/permission-sets.ts (Task.X__c / Event.X__c).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { LoadError } from '../ast/errors.ts';
import { loadSources } from '../runtime.ts';
import { CustomLabels } from '../schema/labels.ts';
import { parsePermissionSet } from '../schema/permission-sets.ts';
import { Schema } from '../schema/schema.ts';
import { FIXED_NOW, apexError, runClass, thrownBy } from '../test-helpers.ts';

const run = (body: string): string => runClass(`public static Object run() { ${body} }`).text;
const MIXED =
  /MIXED_DML_OPERATION, DML operation on setup object is not permitted after you have updated a non-setup object \(or vice versa\)/;

test('mixed DML: setup DML after ordinary DML in one transaction is MIXED_DML_OPERATION', () => {
  const e = apexError(`insert new Account(Name = 'A'); insert new UserRole(Name = 'R');`);
  assert.match(e.text, /^System\.DmlException: Insert failed\. First exception on row 0; first error: /);
  assert.match(e.text, MIXED);
  assert.match(e.text, /: UserRole, original object: Account/);
});

test('mixed DML: ordinary DML after setup DML is refused too ("or vice versa")', () => {
  assert.match(
    apexError(`insert new UserRole(Name = 'R'); insert new Account(Name = 'A');`).text,
    /: Account, original object: UserRole/
  );
});

test('mixed DML: the same DML with the setup part inside System.runAs is accepted (Apex Developer Guide, test methods)', () => {
  assert.equal(
    run(`insert new Account(Name = 'A');
      System.runAs(new User(Id = UserInfo.getUserId())) { insert new UserRole(Name = 'R'); }
      insert new Contact(LastName = 'C');
      return [SELECT COUNT() FROM UserRole] + [SELECT COUNT() FROM Contact];`),
    '2'
  );
});

test('mixed DML: a PermissionSetAssignment after a record is refused; inside runAs it is accepted', () => {
  const assign = `insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = [SELECT Id FROM PermissionSet LIMIT 1].Id);`;
  const user = `User u = new User(LastName = 'U', Email = 'u@example.com', Username = 'u@example.com.strict', Alias = 'u',
      TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = 'ja_JP', LanguageLocaleKey = 'ja', EmailEncodingKey = 'UTF-8',
      ProfileId = UserInfo.getProfileId());`;
  const org = (body: string): string => {
    const o = loadSources(
      [{ file: 'T.cls', source: `public class T { public static Object run() { ${body} } }` }],
      { timeZone: 'Asia/Tokyo' },
      new Schema(),
      new CustomLabels(),
      new Map([['p', parsePermissionSet('P', '<PermissionSet><label>P</label></PermissionSet>')]])
    );
    const it = o.transaction({ now: () => FIXED_NOW });
    return it.str(it.runStatic(o.classNamed('T'), 'run'));
  };
  // A User insert without a role is allowed beside other sObjects (Apex Developer Guide); the assignment is not.
  assert.match(
    thrownBy(() => org(`insert new Account(Name = 'A'); ${user} insert u; ${assign} return null;`)),
    /: PermissionSetAssignment, original object: Account/
  );
  assert.equal(
    org(`insert new Account(Name = 'A'); ${user}
      System.runAs(new User(Id = UserInfo.getUserId())) { insert u; ${assign} }
      return [SELECT COUNT() FROM PermissionSetAssignment WHERE AssigneeId = :u.Id];`),
    '1'
  );
});

test('mixed DML: a User with a role is setup DML; updating a user field outside the listed ones is not', () => {
  const user = `User u = new User(LastName = 'U', Email = 'u@example.com', Username = 'u2@example.com.strict', Alias = 'u',
      TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = 'ja_JP', LanguageLocaleKey = 'ja', EmailEncodingKey = 'UTF-8',
      ProfileId = UserInfo.getProfileId()`;
  assert.match(
    apexError(`UserRole r = new UserRole(Name = 'R');
      System.runAs(new User(Id = UserInfo.getUserId())) { insert r; }
      insert new Account(Name = 'A'); ${user}, UserRoleId = r.Id); insert u;`).text,
    /: User, original object: Account/
  );
  assert.equal(
    run(`${user}); insert u; insert new Account(Name = 'A'); u.Title = 'Rep'; update u; u.IsActive = false;
      try { update u; } catch (DmlException e) { return e.getDmlType(0); } return 'updated';`),
    'MIXED_DML_OPERATION'
  );
});

test('mixed DML: a job queued by the test runs as its own transaction', () => {
  assert.equal(
    runClass(
      `public static Object run() { insert new Account(Name = 'A'); Test.startTest(); System.enqueueJob(new Q()); Test.stopTest();
        return [SELECT COUNT() FROM UserRole]; }`,
      {
        Q: `public class Q implements Queueable { public void execute(QueueableContext c) { insert new UserRole(Name = 'R'); } }`
      }
    ).text,
    '1'
  );
});

/** A schema read from a package directory holding `files` (path → XML). */
function schemaOf(files: Record<string, string>): Schema {
  const dir = mkdtempSync(join(tmpdir(), 'local-org-strict-'));
  for (const [path, xml] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), xml);
  }
  return new Schema([dir]);
}

const uniqueText = (name: string, externalId: boolean): string =>
  `<CustomField><fullName>${name}</fullName><label>${name}</label><length>20</length><type>Text</type><unique>true</unique><externalId>${externalId}</externalId></CustomField>`;

/** A custom object holding a unique text field and an External ID field. */
const upsertSchema = (): Schema =>
  schemaOf({
    'objects/Thing__c/Thing__c.object-meta.xml':
      '<CustomObject><label>Thing</label><pluralLabel>Things</pluralLabel><nameField><label>Name</label><type>Text</type></nameField><sharingModel>ReadWrite</sharingModel></CustomObject>',
    'objects/Thing__c/fields/Unique_Key__c.field-meta.xml': uniqueText('Unique_Key__c', false),
    'objects/Thing__c/fields/External_Key__c.field-meta.xml': uniqueText('External_Key__c', true)
  });

function upsertOrg(body: string): string {
  const org = loadSources(
    [{ file: 'T.cls', source: `public class T {\n public static Object run() {\n ${body}\n }\n}` }],
    { timeZone: 'Asia/Tokyo' },
    upsertSchema()
  );
  const it = org.transaction({ now: () => FIXED_NOW });
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

test('upsert: a statement keyed on a unique field that is not an External ID is a compile error at file:line', () => {
  assert.throws(
    () => upsertOrg(`Thing__c t = new Thing__c(Unique_Key__c = 'k'); upsert t Thing__c.Unique_Key__c; return t.Id;`),
    (e: unknown) =>
      e instanceof LoadError &&
      /^T\.cls:3: Apex compile error: Invalid field for upsert, must be an External Id custom or standard indexed field: Thing__c\.Unique_Key__c$/.test(
        e.message
      )
  );
});

test('upsert: the same statement keyed on the External ID field loads, inserts, then updates the same record', () => {
  assert.equal(
    upsertOrg(`upsert new Thing__c(Name = 'a', External_Key__c = 'k') Schema.Thing__c.External_Key__c;
      upsert new Thing__c(Name = 'b', External_Key__c = 'k') Schema.Thing__c.External_Key__c;
      return [SELECT COUNT() FROM Thing__c WHERE Name = 'b'] + ':' + [SELECT COUNT() FROM Thing__c];`),
    '1:1'
  );
});

test('upsert: Database.upsert with a non-External-ID field token is an SObjectException when it runs', () => {
  assert.match(
    thrownBy(() =>
      upsertOrg(
        `Database.upsert(new List<Thing__c>{ new Thing__c(Unique_Key__c = 'k') }, Thing__c.Unique_Key__c, false); return null;`
      )
    ),
    /^System\.SObjectException: Invalid field for upsert, must be an External Id custom or standard indexed field: Thing__c\.Unique_Key__c$/
  );
  assert.equal(
    upsertOrg(`Database.upsert(new List<Thing__c>{ new Thing__c(External_Key__c = 'k') }, Thing__c.External_Key__c, false);
      return [SELECT COUNT() FROM Thing__c];`),
    '1'
  );
});

/** One Activity custom field (a real org grants it per object: Task.X__c, Event.X__c). */
const activitySchema = (): Schema =>
  schemaOf({
    'objects/Activity/fields/Call_Note__c.field-meta.xml':
      '<CustomField><fullName>Call_Note__c</fullName><label>Call Note</label><length>80</length><type>Text</type></CustomField>'
  });

/** A permission set granting Edit Tasks, Contact read (and edit when asked), and the Activity field as written. */
function agentSet(name: string, contactEdit: boolean, fieldEntry: string): ReturnType<typeof parsePermissionSet> {
  return parsePermissionSet(
    name,
    `<PermissionSet><label>${name}</label>
      <objectPermissions><allowRead>true</allowRead><allowEdit>${contactEdit}</allowEdit><object>Contact</object></objectPermissions>
      <objectPermissions><allowRead>true</allowRead><object>Account</object></objectPermissions>
      <fieldPermissions><field>${fieldEntry}</field><readable>true</readable><editable>true</editable></fieldPermissions>
      <userPermissions><enabled>true</enabled><name>EditTask</name></userPermissions>
    </PermissionSet>`
  );
}

/** Runs `body` with `u`, a Minimum Access user holding permission set `Agent` (built by `agentSet`). */
function activityOrg(agent: ReturnType<typeof parsePermissionSet>, body: string): string {
  const org = loadSources(
    [
      {
        file: 'T.cls',
        source: `public class T { public static Object run() {
          User u = new User(LastName = 'U', Email = 'u@example.com', Username = 'agent@example.com.strict', Alias = 'u',
            TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = 'ja_JP', LanguageLocaleKey = 'ja', EmailEncodingKey = 'UTF-8',
            ProfileId = [SELECT Id FROM Profile WHERE Name = 'Minimum Access - Salesforce'].Id);
          System.runAs(new User(Id = UserInfo.getUserId())) {
            insert u;
            insert new PermissionSetAssignment(AssigneeId = u.Id, PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Agent'].Id);
          }
          ${body} } }`
      }
    ],
    { timeZone: 'Asia/Tokyo' },
    activitySchema(),
    new CustomLabels(),
    new Map([['agent', agent]])
  );
  const it = org.transaction({ now: () => FIXED_NOW });
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

const TASK_OF_A_CONTACT = `Account a = new Account(Name = 'A'); insert a;
  Contact c = new Contact(LastName = 'C', AccountId = a.Id); insert c;
  Task t = new Task(Subject = 'call', WhoId = c.Id); insert t;`;

test('activities: a non-owner who can only read the related Contact cannot edit the Task (Controlled by Parent)', () => {
  assert.match(
    thrownBy(() =>
      activityOrg(
        agentSet('Agent', false, 'Task.Call_Note__c'),
        `${TASK_OF_A_CONTACT} System.runAs(u) { update as user new Task(Id = t.Id, Subject = 'edited'); } return null;`
      )
    ),
    /INSUFFICIENT_ACCESS_OR_READONLY, insufficient access rights on object id/
  );
});

test('activities: the same edit is accepted when the user can edit the related Contact', () => {
  assert.equal(
    activityOrg(
      agentSet('Agent', true, 'Task.Call_Note__c'),
      `${TASK_OF_A_CONTACT} System.runAs(u) { update as user new Task(Id = t.Id, Subject = 'edited'); }
        return [SELECT Subject FROM Task].Subject;`
    ),
    'edited'
  );
});

test('activities: a Task with neither Who nor What is invisible to a non-owner; a related one is visible', () => {
  assert.equal(
    activityOrg(
      agentSet('Agent', false, 'Task.Call_Note__c'),
      `${TASK_OF_A_CONTACT} insert new Task(Subject = 'alone');
        Integer n; System.runAs(u) { n = [SELECT COUNT() FROM Task WITH USER_MODE]; } return n;`
    ),
    '1'
  );
});

test('permission sets: an Activity field granted as Activity.X__c grants nothing; as Task.X__c it is readable', () => {
  const read = `insert new Task(Subject = 'x', Call_Note__c = 'n', OwnerId = u.Id);
    String v; System.runAs(u) { v = [SELECT Call_Note__c FROM Task WITH USER_MODE LIMIT 1].Call_Note__c; } return v;`;
  assert.match(
    thrownBy(() => activityOrg(agentSet('Agent', false, 'Activity.Call_Note__c'), read)),
    /^System\.QueryException: No such column 'Call_Note__c' on entity 'Task'/
  );
  assert.equal(activityOrg(agentSet('Agent', false, 'Task.Call_Note__c'), read), 'n');
});

test('audit fields are stored to the second: records saved within one second share CreatedDate; order ties by Id', () => {
  assert.equal(
    run(`Account a = new Account(Name = 'a'); insert a; Account b = new Account(Name = 'b'); insert b;
      List<Account> rows = [SELECT Name, CreatedDate, LastModifiedDate, SystemModstamp FROM Account ORDER BY CreatedDate DESC, Id DESC];
      return rows[0].Name + ' ' + (rows[0].CreatedDate == rows[1].CreatedDate) + ' ' + Math.mod(rows[0].CreatedDate.getTime(), 1000)
        + ' ' + Math.mod(rows[0].SystemModstamp.getTime(), 1000) + ' ' + (rows[0].LastModifiedDate <= System.now());`),
    'b true 0 0 true'
  );
});

test('create-only fields: Task.TaskSubtype is createable, not updateable; changing it on update is refused', () => {
  assert.equal(
    run(`Schema.DescribeFieldResult f = Schema.SObjectType.Task.fields.TaskSubtype;
      return f.isCreateable() + ' ' + f.isUpdateable();`),
    'true false'
  );
  assert.match(
    apexError(`Task t = new Task(Subject = 's', TaskSubtype = 'Call'); insert t; t.TaskSubtype = 'Task'; update t;`)
      .text,
    /INVALID_FIELD_FOR_INSERT_UPDATE, Unable to create\/update fields: TaskSubtype/
  );
  assert.equal(
    run(`Task t = new Task(Subject = 's', TaskSubtype = 'Call'); insert t;
      Task again = [SELECT Id, Subject, TaskSubtype FROM Task WHERE Id = :t.Id]; again.Subject = 'edited'; update again;
      return [SELECT Subject, TaskSubtype FROM Task].TaskSubtype;`),
    'Call'
  );
});

test('system mode skips permissions, not sharing: WITH SYSTEM_MODE in a `with sharing` class sees only shared rows', () => {
  const classes = {
    Shared: `public with sharing class Shared { public static Integer count() { return [SELECT COUNT() FROM Contact WITH SYSTEM_MODE]; } }`,
    Unshared: `public without sharing class Unshared { public static Integer count() { return [SELECT COUNT() FROM Contact WITH SYSTEM_MODE]; } }`
  };
  const body = `insert new Contact(LastName = 'private');
    User u = new User(LastName = 'U', Email = 'u@example.com', Username = 'sharing@example.com.strict', Alias = 'u',
      TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = 'ja_JP', LanguageLocaleKey = 'ja', EmailEncodingKey = 'UTF-8',
      ProfileId = [SELECT Id FROM Profile WHERE Name = 'Standard User'].Id);
    System.runAs(new User(Id = UserInfo.getUserId())) { insert u; }
    String counts; System.runAs(u) { counts = Shared.count() + ' ' + Unshared.count(); } return counts;`;
  assert.equal(runClass(`public static Object run() { ${body} }`, classes).text, '0 1');
});
