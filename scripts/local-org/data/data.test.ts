/**
 * SObjects, DML, SOQL, triggers and limits, each test citing the platform behaviour it mirrors (Apex Developer Guide,
 * Apex Reference Guide, SOQL and SOSL Reference).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSources } from '../runtime.ts';
import { caseSafeSuffix, normalizeId } from '../schema/ids.ts';
import { FIXED_NOW, thrownBy } from '../test-helpers.ts';

function run(body: string, triggers: Record<string, string> = {}): string {
  const org = loadSources([
    { file: 'T.cls', source: `public class T { public static Object run() { ${body} } }` },
    ...Object.entries(triggers).map(([name, source]) => ({ file: `${name}.trigger`, source }))
  ]);
  const it = org.transaction({ now: () => FIXED_NOW });
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

function error(body: string): string {
  return thrownBy(() => run(`${body} return null;`));
}

test('ids: 18-character suffix and case restoration (Apex Reference Guide Id class, "18-character case-insensitive id")', () => {
  assert.equal(caseSafeSuffix('003J000001bXgqT'), 'IAS');
  assert.equal(normalizeId('003J000001bXgqT'), '003J000001bXgqTIAS');
  assert.equal(normalizeId('003J000001BXGQTIAS'), '003J000001bXgqTIAS');
  assert.equal(normalizeId('not-an-id'), undefined);
  // A suffix that marks a digit upper-case is not a case-safe suffix: the id stays as written.
  assert.equal(normalizeId('00Q000000000000001'), '00Q000000000000001');
  assert.notEqual(normalizeId('00Q000000000000002'), normalizeId('00Q000000000000001'));
  assert.equal(run(`return Id.valueOf('003J000001bXgqT') == Id.valueOf('003J000001bXgqTIAS');`), 'true');
  assert.equal(error(`Id x = Id.valueOf('abc');`), 'System.StringException: Invalid id: abc');
  assert.equal(run(`return Id.valueOf('003J000001bXgqT').getSObjectType();`), 'Contact');
});

test('SObject fields, get/put and getPopulatedFieldsAsMap (Apex Reference Guide SObject class)', () => {
  assert.equal(
    run(
      `Contact c = new Contact(LastName = 'Sato'); c.put('FirstName', 'Hanako'); return c.get('LastName') + ' ' + c.FirstName + ' ' + c.getPopulatedFieldsAsMap().keySet();`
    ),
    'Sato Hanako {LastName, FirstName}'
  );
  assert.equal(
    error(`Contact c = new Contact(); c.put('Nope__c', 1);`),
    'System.SObjectException: Invalid field Nope__c for Contact'
  );
});

test('insert assigns an 18-character id with the object key prefix and system fields (Apex Developer Guide "Inserting Records")', () => {
  const out =
    run(`Account a = new Account(Name = 'Acme'); insert a; Account r = [SELECT Id, OwnerId, CreatedDate FROM Account WHERE Id = :a.Id];
    return String.valueOf(a.Id).length() + ' ' + String.valueOf(a.Id).left(3) + ' ' + (r.OwnerId == UserInfo.getUserId()) + ' ' + (r.CreatedDate != null);`);
  assert.equal(out, '18 001 true true');
});

test('required fields: DmlException with REQUIRED_FIELD_MISSING and the platform message', () => {
  assert.equal(
    error(`insert new Contact(FirstName = 'x');`),
    'System.DmlException: Insert failed. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: [LastName]: [LastName]'
  );
});

test('Database.insert(list, false) saves the valid records and reports the others (Apex Reference Guide Database.SaveResult)', () => {
  const out =
    run(`List<Database.SaveResult> rs = Database.insert(new List<Contact>{ new Contact(LastName = 'a'), new Contact() }, false);
    return rs[0].isSuccess() + ' ' + rs[1].isSuccess() + ' ' + rs[1].getErrors()[0].getStatusCode() + ' ' + [SELECT COUNT() FROM Contact];`);
  assert.equal(out, 'true false REQUIRED_FIELD_MISSING 1');
});

test('STRING_TOO_LONG and restricted picklists are rejected (Object Reference: Task.Subject 255, CallType)', () => {
  assert.match(error(`insert new Task(Subject = 'x'.repeat(256));`), /STRING_TOO_LONG, Subject: data value too large/);
  assert.match(
    error(`insert new Task(Subject = 's', CallType = 'Sideways');`),
    /INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST/
  );
  assert.equal(
    run(
      `Task t = new Task(Subject = 's'); insert t; return [SELECT Status, Priority FROM Task].Status + '/' + [SELECT Priority FROM Task].Priority;`
    ),
    'Not Started/Normal'
  );
});

test('SOQL: WHERE, IN binds, LIKE, ORDER BY with default null ordering, LIMIT (SOQL and SOSL Reference "ORDER BY": ASC nulls first)', () => {
  const out =
    run(`insert new List<Contact>{ new Contact(LastName = 'b', Title = 'x'), new Contact(LastName = 'a'), new Contact(LastName = 'c', Title = 'y') };
    Set<String> names = new Set<String>{ 'A', 'b', 'c' };
    List<String> asc = new List<String>();
    for (Contact c : [SELECT LastName FROM Contact WHERE LastName IN :names ORDER BY Title ASC, LastName]) { asc.add(c.LastName); }
    List<String> desc = new List<String>();
    for (Contact c : [SELECT LastName FROM Contact WHERE LastName LIKE '_' ORDER BY Title DESC LIMIT 2]) { desc.add(c.LastName); }
    return asc + ' ' + desc;`);
  assert.equal(out, '(a, b, c) (c, b)');
});

test('SOQL single-row assignment and unqueried fields raise the platform exceptions', () => {
  assert.equal(
    error(`Contact c = [SELECT Id FROM Contact];`),
    'System.QueryException: List has no rows for assignment to SObject'
  );
  assert.equal(
    error(`insert new Contact(LastName = 'a'); Contact c = [SELECT Id FROM Contact]; String n = c.LastName;`),
    'System.SObjectException: SObject row was retrieved via SOQL without querying the requested field: Contact.LastName'
  );
});

test('parent relationship paths (SOQL and SOSL Reference "Relationship Queries")', () => {
  assert.equal(
    run(`Account a = new Account(Name = 'Acme'); insert a; insert new Contact(LastName = 'x', AccountId = a.Id);
      return [SELECT Account.Name, Owner.Name FROM Contact][0].Account.Name;`),
    'Acme'
  );
});

test('the 101st SOQL query throws System.LimitException (Apex Developer Guide "Execution Governors and Limits")', () => {
  assert.equal(
    error(`for (Integer i = 0; i < 101; i++) { List<Contact> cs = [SELECT Id FROM Contact]; }`),
    'System.LimitException: Too many SOQL queries: 101'
  );
  assert.equal(
    run(`List<Contact> cs = [SELECT Id FROM Contact]; return Limits.getQueries() + '/' + Limits.getLimitQueries();`),
    '1/100'
  );
});

test('before triggers change the saved record; the caller only receives the Id (Apex Developer Guide "Triggers")', () => {
  const trigger = `trigger ContactTitle on Contact (before insert) { for (Contact c : Trigger.new) { c.Title = 'set by trigger'; } }`;
  assert.equal(
    run(
      `Contact c = new Contact(LastName = 'x'); insert c; return c.Title + ' ' + [SELECT Title FROM Contact WHERE Id = :c.Id].Title;`,
      { ContactTitle: trigger }
    ),
    'null set by trigger'
  );
});

test('upsert on an external id field updates the matching record (Apex Developer Guide "Upserting Records")', () => {
  const out = run(`Contact c = new Contact(LastName = 'x'); insert c;
    Database.UpsertResult r = Database.upsert(new Contact(Id = c.Id, LastName = 'y'), Schema.Contact.Id, true);
    return r.isCreated() + ' ' + [SELECT LastName FROM Contact].LastName;`);
  assert.equal(out, 'false y');
});

test('describe: tokens, field map, display types and picklist values (Apex Reference Guide DescribeFieldResult)', () => {
  assert.equal(
    run(`Schema.DescribeFieldResult f = Schema.Task.CallType.getDescribe();
      return Schema.Contact.SObjectType.getDescribe().getKeyPrefix() + ' ' + f.getType() + ' ' + f.getPicklistValues().size()
        + ' ' + Schema.Contact.SObjectType.getDescribe().fields.getMap().containsKey('PHONE')
        + ' ' + Schema.Task.WhoId.getDescribe().getReferenceTo();`),
    '003 PICKLIST 3 true (Contact, Lead)'
  );
});

test('a failed DML statement rolls back everything it wrote (Apex Developer Guide "Transaction Control")', () => {
  assert.equal(
    run(
      `try { insert new List<Contact>{ new Contact(LastName = 'ok'), new Contact() }; } catch (DmlException e) { return [SELECT COUNT() FROM Contact] + ' ' + e.getNumDml() + ' ' + e.getDmlStatusCode(0); } return null;`
    ),
    '0 1 REQUIRED_FIELD_MISSING'
  );
});

test('store sequence state: saved id counters and write clock are restored, never moved backwards', () => {
  const org = loadSources([]);
  const account = org.registry.schema.describe('Account');
  assert.ok(account);
  const saved = org.data.clone();
  const first = saved.newId(account);
  saved.writeTime(FIXED_NOW);
  const state = saved.sequenceState();
  const fresh = loadSources([]).data;
  fresh.restoreSequenceState(state);
  assert.notEqual(fresh.newId(account), first, 'the next id follows the saved ones');
  assert.equal(fresh.latestWrite(), FIXED_NOW);
  fresh.restoreSequenceState({ counters: [['001', 0]], lastWrite: 0 });
  assert.equal(fresh.latestWrite(), FIXED_NOW, 'not moved backwards');
});

test('Task.IsClosed follows the status: a closed TaskStatus value closes it (Object Reference "Task", "TaskStatus")', () => {
  assert.equal(
    run(`Task open = new Task(Subject = 'a', Status = 'Not Started'); Task done = new Task(Subject = 'b', Status = 'Completed');
    insert new List<Task>{ open, done };
    Boolean before = [SELECT IsClosed FROM Task WHERE Id = :open.Id].IsClosed;
    open.Status = 'Completed'; update open;
    return before + ' ' + [SELECT IsClosed FROM Task WHERE Id = :done.Id].IsClosed + ' ' + [SELECT IsClosed FROM Task WHERE Id = :open.Id].IsClosed;`),
    'false true true'
  );
});

test('Opportunity.IsClosed follows the stage and Case.IsClosed the status (Object Reference "Opportunity", "Case")', () => {
  assert.equal(
    run(`Opportunity deal = new Opportunity(Name = 'a', StageName = 'Prospecting', CloseDate = Date.today());
    Case ticket = new Case(Subject = 'b', Status = 'New');
    insert deal; insert ticket;
    Boolean before = [SELECT IsClosed FROM Opportunity WHERE Id = :deal.Id].IsClosed && [SELECT IsClosed FROM Case WHERE Id = :ticket.Id].IsClosed;
    deal.StageName = 'Closed Lost'; update deal; ticket.Status = 'Closed'; update ticket;
    return before + ' ' + [SELECT IsClosed FROM Opportunity WHERE Id = :deal.Id].IsClosed + ' ' + [SELECT IsClosed FROM Case WHERE Id = :ticket.Id].IsClosed;`),
    'false true true'
  );
});

test('Schema.SObjectType.X.fields.Y is the DescribeFieldResult; getSObjectField() its token (Apex Developer Guide "Understanding Apex Describe Information")', () => {
  assert.equal(
    run(`Schema.DescribeFieldResult d = Schema.SObjectType.Task.fields.CallType;
    return d.getType() + ' ' + (d.getSObjectField() == Schema.Task.CallType) + ' ' + (Schema.SObjectType.Task.fields.getMap().get('calltype') == Schema.Task.CallType);`),
    'PICKLIST true true'
  );
});

test('SOQL semi-joins and anti-joins: Id IN / NOT IN (SELECT lookup FROM …), one query counted (SOQL and SOSL Reference "Comparison Operators")', () => {
  assert.equal(
    run(`Account a = new Account(Name = 'a'); Account b = new Account(Name = 'b'); insert new List<Account>{ a, b };
      insert new List<Contact>{ new Contact(LastName = 'x', AccountId = a.Id), new Contact(LastName = 'y') };
      String inSub = '' + [SELECT Name FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LastName = 'x')].size();
      List<Account> notIn = [SELECT Name FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact) AND Name != null];
      return inSub + ' ' + notIn[0].Name + ' ' + notIn.size() + ' ' + Limits.getQueries();`),
    '1 b 1 2'
  );
});

test('NOT inside parentheses: AND (NOT Type = \'Prospect\') and NOT (… OR …), static and dynamic (SOQL and SOSL Reference "Logical Operators")', () => {
  assert.equal(
    run(`insert new List<Account>{ new Account(Name = 'p', Type = 'Prospect', AnnualRevenue = 5), new Account(Name = 'c', Type = 'Customer', AnnualRevenue = 5), new Account(Name = 'z', AnnualRevenue = 0) };
      List<Account> a = [SELECT Name FROM Account WHERE AnnualRevenue > 0 AND (NOT Type = 'Prospect')];
      List<Account> b = Database.query('SELECT Name FROM Account WHERE NOT (Name LIKE \\'p%\\' OR Name LIKE \\'z%\\')');
      List<Account> c = Database.query('SELECT Name FROM Account WHERE ((NOT (Name = \\'c\\'))) ORDER BY Name');
      return a.size() + ' ' + a[0].Name + ' ' + b.size() + ' ' + b[0].Name + ' ' + c.size() + ' ' + c[0].Name + c[1].Name;`),
    '1 c 1 c 2 pz'
  );
});

test('LIKE with a collection bind matches any of its patterns, NOT LIKE none (unverified: public code relies on it)', () => {
  assert.equal(
    run(`insert new List<Account>{ new Account(Name = 'Test Or'), new Account(Name = 'Something different') };
      List<String> patterns = new List<String>{ 'Test Or', 'x%' };
      List<Account> hit = [SELECT Name FROM Account WHERE Name LIKE :patterns];
      List<Account> miss = Database.query('SELECT Name FROM Account WHERE (NOT Name LIKE :patterns)');
      return hit.size() + ' ' + hit[0].Name + ' ' + miss.size() + ' ' + miss[0].Name;`),
    '1 Test Or 1 Something different'
  );
});

test('deleted records go to the recycle bin: ALL ROWS finds them, undelete restores them and runs after undelete triggers (Apex Developer Guide "Undeleting Records")', () => {
  const trigger = `trigger Restored on Account (after undelete) { for (Account a : Trigger.new) { a.addError('never'); } }`;
  assert.equal(
    run(`Account a = new Account(Name = 'a'); insert a; delete a;
      Integer live = [SELECT COUNT() FROM Account];
      Account gone = [SELECT Id, IsDeleted FROM Account WHERE Id = :a.Id ALL ROWS];
      undelete a;
      Account back = [SELECT IsDeleted, Name FROM Account];
      return live + ' ' + gone.IsDeleted + ' ' + back.IsDeleted + ' ' + back.Name;`),
    '0 true false a'
  );
  assert.equal(
    run(`Account a = new Account(Name = 'a'); insert a;
      try { undelete a; } catch (DmlException e) { return e.getDmlStatusCode(0) + ' ' + Database.undelete(new List<Id>{ a.Id }, false)[0].isSuccess(); }
      return null;`),
    'UNDELETE_FAILED false'
  );
  assert.equal(
    run(
      `Account a = new Account(Name = 'a'); insert a; delete a;
      try { undelete a; } catch (DmlException e) { return e.getDmlMessage(0) + ' ' + [SELECT COUNT() FROM Account ALL ROWS]; }
      return null;`,
      { Restored: trigger }
    ),
    'never 1'
  );
});
