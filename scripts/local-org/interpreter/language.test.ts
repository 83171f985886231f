/**
 * Apex language behaviour the runtime got wrong or refused (issue 22), each written from the Apex Developer Guide
 * / Apex Reference Guide; where the docs are silent the expectation is what public code passing
 * on real orgs relies on, and the README marks it "unverified".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSources } from '../runtime.ts';
import { runPendingJobs } from '../stdlib/async.ts';
import { FIXED_NOW, runClass } from '../test-helpers.ts';

/** Runs `body` as `T.run()` in an Apex test (jobs left queued run afterwards, as the test runner does). */
function runTest(body: string, extra: Record<string, string> = {}): string {
  const org = loadSources([
    {
      file: 'T.cls',
      source: `public class T { public static List<String> seen = new List<String>(); public static Object run() { ${body} } }`
    },
    ...Object.entries(extra).map(([name, source]) => ({
      file: source.startsWith('trigger ') ? `${name}.trigger` : `${name}.cls`,
      source
    }))
  ]);
  const it = org.transaction({ now: () => FIXED_NOW });
  it.ctx.isTest = true;
  const v = it.runStatic(org.classNamed('T'), 'run');
  runPendingJobs(it);
  return it.str(v);
}

describe('instanceof on values held as Object', () => {
  // Apex Developer Guide "Rules of Conversion": numbers form the hierarchy Integer < Long < Double < Decimal and "the
  // instanceOf keyword can always be used to test whether a string is an ID". A number is instanceof its own and every
  // higher numeric type; Double and Decimal answer for each other (unverified: public code such as force-di's
  // `value instanceof Decimal // handles Decimal, Long, Double, Integer` relies on it); a Date is instanceof Datetime
  // (unverified, as Date converts to Datetime implicitly).
  it('answers the numeric hierarchy, Date/Datetime and Id as the platform does', () => {
    const r = runClass(`public static Object run() {
      Object i = 1, l = 1L, d = 1.5, dbl = Double.valueOf('1.5'), day = Date.newInstance(2020, 1, 2);
      Object at = Datetime.newInstanceGmt(2020, 1, 2, 3, 4, 5), bob = 'bob', idText = '001000000000000AAA';
      Id realId = '001000000000000AAA';
      Object idValue = realId;
      Object ints = new List<Integer>{ 1, 2 };
      return new List<Boolean>{
        i instanceof Integer, i instanceof Long, i instanceof Double, i instanceof Decimal,
        l instanceof Integer, l instanceof Long, l instanceof Decimal,
        d instanceof Decimal, d instanceof Double, dbl instanceof Decimal, d instanceof Integer, d instanceof Long,
        day instanceof Date, day instanceof Datetime, at instanceof Date, at instanceof Datetime,
        bob instanceof Id, bob instanceof String, idText instanceof Id, idValue instanceof Id, idValue instanceof String,
        ints instanceof List<Decimal>, ints instanceof List<Long>, ((List<Decimal>) ints).size() == 2
      };
    }`);
    assert.equal(
      r.text,
      '(true, true, true, true, false, true, true, true, true, true, false, false, true, true, false, true, false, true, true, true, true, true, true, true)'
    );
  });
});

describe('a Queueable runs on a copy made at System.enqueueJob', () => {
  // Apex Developer Guide "Queueable Apex": the job is serialized when queued — "Variables that are declared transient
  // are ignored by serialization and deserialization and the value is set to null in Queueable Apex"; the caller's
  // later changes do not reach the job, and the job's changes do not reach the caller's instance.
  it('copies the job and its object graph at enqueue; transient fields are null in the job', () => {
    const job = `public class Job implements Queueable {
      public Integer count = 0;
      public List<String> seen = new List<String>();
      public transient String note = 'kept by the caller';
      public void execute(QueueableContext ctx) {
        count++;
        seen.add('job');
        insert new Account(Name = count + ' ' + seen + ' ' + note);
      }
    }`;
    const text = runTest(
      `Job j = new Job();
       j.count = 5;
       Test.startTest();
       System.enqueueJob(j);
       j.count = 100;
       j.seen.add('caller');
       Test.stopTest();
       return [SELECT Name FROM Account].Name + ' / ' + j.count + ' ' + j.seen + ' ' + j.note;`,
      { Job: job }
    );
    assert.equal(text, '6 (job) null / 100 (caller) kept by the caller');
  });
});

describe('user types with equals and hashCode as Map keys and Set elements', () => {
  // Apex Developer Guide "Using Custom Types in Map Keys and Sets": with equals and hashCode implemented, two objects
  // that are equal are one key; without them, keys compare by reference.
  it('uses equals/hashCode for Map keys and Set elements', () => {
    const r = runClass(`
      public class PairNumbers {
        Integer x, y;
        public PairNumbers(Integer a, Integer b) { x = a; y = b; }
        public Boolean equals(Object obj) {
          if (obj instanceof PairNumbers) { PairNumbers p = (PairNumbers) obj; return x == p.x && y == p.y; }
          return false;
        }
        public Integer hashCode() { return (31 * x) ^ y; }
      }
      public class Plain { Integer x; public Plain(Integer a) { x = a; } }
      public static Object run() {
        Map<PairNumbers, String> m = new Map<PairNumbers, String>();
        m.put(new PairNumbers(1, 2), 'first');
        m.put(new PairNumbers(2, 3), 'second');
        m.put(new PairNumbers(1, 2), 'third');
        Set<PairNumbers> s = new Set<PairNumbers>{ new PairNumbers(1, 2), new PairNumbers(1, 2), new PairNumbers(2, 1) };
        Set<Plain> plain = new Set<Plain>{ new Plain(1), new Plain(1) };
        return m.size() + ' ' + m.get(new PairNumbers(1, 2)) + ' ' + m.containsKey(new PairNumbers(2, 3)) + ' ' +
          s.size() + ' ' + s.contains(new PairNumbers(2, 1)) + ' ' + s.contains(new PairNumbers(3, 3)) + ' ' + plain.size();
      }`);
    assert.equal(r.text, '2 third true 2 true false 2');
  });
});

describe('toString() on primitives', () => {
  // Every Apex value has toString() (apex-ls' built-in Object methods); it gives the text String.valueOf gives.
  // Integer.format() uses the running user's locale (Apex Reference Guide "Integer Class"; the test user is ja_JP).
  it('converts Integer, Long, Decimal, Double, Boolean, Date and Id with toString()', () => {
    const r = runClass(`public static Object run() {
      Integer i = 42; Long l = 7L; Decimal d = 1.50; Double x = 2.5; Boolean b = true;
      Date day = Date.newInstance(2020, 1, 2); Id someId = '001000000000000AAA'; Integer big = 1234567;
      return i.toString() + '|' + l.toString() + '|' + d.toString() + '|' + x.toString() + '|' + b.toString() + '|' +
        day.toString() + '|' + someId.toString() + '|' + big.format() + '|' + i.hashCode();
    }`);
    assert.equal(r.text, '42|7|1.50|2.5|true|2020-01-02|001000000000000AAA|1,234,567|42');
  });
});

describe('a trigger whose body starts with a declaration', () => {
  // Apex Developer Guide "Triggers": the trigger body is a block of statements; a local variable may come first.
  it('runs a trigger that declares a local variable first', () => {
    const trigger = `trigger Seen on Account (before insert) {
      List<Account> rows = Trigger.new;
      String mark = 'seen';
      for (Account a : rows) { a.Description = mark + ' ' + rows.size(); }
    }`;
    assert.equal(
      runTest(`insert new Account(Name = 'a'); return [SELECT Description FROM Account].Description;`, {
        Seen: trigger
      }),
      'seen 1'
    );
  });
});

describe('List and Set where a method takes Iterable<T>', () => {
  // Apex Reference Guide "List Class" and "Set Class": both are Iterable (iterator()); "Custom Iterators" (Apex
  // Developer Guide): an Iterable can be looped over with for.
  it('passes a List or a Set as Iterable<T> and loops over it', () => {
    const r = runClass(`
      static String join(Iterable<String> xs) {
        List<String> out = new List<String>();
        for (String s : xs) { out.add(s); }
        Iterator<String> it = xs.iterator();
        return String.join(out, ',') + ':' + it.hasNext();
      }
      public static Object run() {
        Iterable<String> kept = new List<String>{ 'c' };
        return join(new List<String>{ 'a', 'b' }) + ' ' + join(new Set<String>{ 'x' }) + ' ' + join(kept) + ' ' +
          (kept instanceof Iterable<String>);
      }`);
    assert.equal(r.text, 'a,b:true x:true c:true true');
  });
});

describe('implicit widening when choosing an overload', () => {
  // Apex Developer Guide "Rules of Conversion": Integer → Long → Double → Decimal; the overload needing the least
  // widening wins. Date → Datetime is accepted where a Datetime is expected (unverified: midnight GMT of the day).
  it('picks the nearest wider overload and converts Date to Datetime', () => {
    const r = runClass(`
      static String f(Long x) { return 'Long ' + x; }
      static String f(Decimal x) { return 'Decimal ' + x; }
      static String g(Double x) { return 'Double'; }
      static String g(Decimal x) { return 'Decimal'; }
      static String h(Datetime x) { return 'Datetime ' + x.formatGmt('yyyy-MM-dd HH:mm'); }
      public static Object run() {
        return f(1) + ' | ' + f(2L) + ' | ' + f(1.5) + ' | ' + g(1) + ' | ' + g(3L) + ' | ' + h(Date.newInstance(2020, 1, 2));
      }`);
    assert.equal(r.text, 'Long 1 | Long 2 | Decimal 1.5 | Double | Double | Datetime 2020-01-02 00:00');
  });
});

describe('System.isBatch(), isQueueable(), isFuture(), isScheduled()', () => {
  // Apex Reference Guide "System Class": each says whether the running code is a batch job, a queueable job, a future
  // method, a scheduled job; all false in synchronous code.
  it('answers true only in the matching asynchronous context', () => {
    const classes = {
      Where: `public class Where {
        public static String now() {
          return (System.isBatch() ? 'B' : '-') + (System.isQueueable() ? 'Q' : '-') + (System.isFuture() ? 'F' : '-') + (System.isScheduled() ? 'S' : '-');
        }
        @future public static void later() { insert new Account(Name = 'future ' + now()); }
      }`,
      Job: `public class Job implements Queueable { public void execute(QueueableContext c) { insert new Account(Name = 'queueable ' + Where.now()); } }`,
      Batch: `public class Batch implements Database.Batchable<SObject> {
        public List<SObject> start(Database.BatchableContext c) { return new List<SObject>(); }
        public void execute(Database.BatchableContext c, List<SObject> scope) {}
        public void finish(Database.BatchableContext c) { insert new Account(Name = 'batch ' + Where.now()); }
      }`,
      Nightly: `public class Nightly implements Schedulable { public void execute(SchedulableContext c) { insert new Account(Name = 'scheduled ' + Where.now()); } }`
    };
    const text = runTest(
      `String sync = Where.now();
       Test.startTest();
       Where.later();
       System.enqueueJob(new Job());
       Database.executeBatch(new Batch());
       System.schedule('n', '0 0 1 * * ?', new Nightly());
       Integer beforeStop = [SELECT COUNT() FROM Account];
       Test.stopTest();
       List<String> names = new List<String>();
       for (Account a : [SELECT Name FROM Account ORDER BY Name]) { names.add(a.Name); }
       return sync + ' ' + beforeStop + ' ' + names;`,
      classes
    );
    assert.equal(text, '---- 0 (batch B---, future --F-, queueable -Q--, scheduled ---S)');
  });
});

describe('compound address fields', () => {
  // Apex Developer Guide "Compound Fields" / Apex Reference Guide "Address Class": BillingAddress is a read-only
  // System.Address built from the Billing* fields, with getStreet(), getCity(), getPostalCode(), getState(),
  // getCountry(), …
  it('reads Account.BillingAddress and Contact.MailingAddress as System.Address', () => {
    const text = runTest(`
      insert new Account(Name = 'a', BillingStreet = '1 Main', BillingCity = 'Tokyo', BillingPostalCode = '100-0001', BillingCountry = 'Japan');
      insert new Contact(LastName = 'c', MailingCity = 'Osaka', MailingState = 'Osaka');
      Account acc = [SELECT BillingAddress FROM Account];
      Address ad = acc.BillingAddress;
      Contact con = [SELECT MailingAddress FROM Contact];
      Object held = con.MailingAddress;
      return ad.getStreet() + '|' + ad.getCity() + '|' + ad.getPostalCode() + '|' + ad.getCountry() + '|' + ad.getState() + '|' +
        con.MailingAddress.getCity() + '|' + (held instanceof Address);`);
    assert.equal(text, '1 Main|Tokyo|100-0001|Japan|null|Osaka|true');
  });
});

describe('ChildRelationship.getField() on standard objects', () => {
  // Apex Reference Guide "ChildRelationship Class": getField() is the child's lookup field. The schema the runtime
  // reads (apex-ls' sobject-types) names no field for standard relationships: the lookup is chosen by rule (README,
  // unverified).
  it('answers for every child relationship of Account, Contacts being Contact.AccountId', () => {
    const text = runClass(`public static Object run() {
      Map<String, String> fields = new Map<String, String>();
      for (Schema.ChildRelationship cr : Account.SObjectType.getDescribe().getChildRelationships()) {
        fields.put(cr.getRelationshipName(), String.valueOf(cr.getField()));
      }
      return fields.get('Contacts') + ' ' + fields.get('Opportunities') + ' ' + fields.get('AARAccounts') + ' ' + fields.get('AARRelatedAccounts');
    }`).text;
    assert.equal(text, 'AccountId AccountId AccountId RelatedAccountId');
  });
});

describe('JSON.deserialize of records with related records', () => {
  // Apex Reference Guide "JSON Class": records serialize with their parent records and child subqueries ({totalSize,
  // done, records}); deserialize reads them back, and SObject.class takes its type from "attributes".
  it('reads parent and child relationships back', () => {
    const text = runClass(`public static Object run() {
      String parent = '{"attributes":{"type":"Account"},"Name":"A","Contacts":{"totalSize":2,"done":true,"records":[{"attributes":{"type":"Contact"},"LastName":"B"},{"attributes":{"type":"Contact"},"LastName":"C"}]}}';
      Account a = (Account) JSON.deserialize(parent, Account.class);
      Contact c = (Contact) JSON.deserialize('{"LastName":"D","Account":{"Name":"P"}}', Contact.class);
      SObject generic = (SObject) JSON.deserialize('{"attributes":{"type":"Account"},"Name":"G"}', SObject.class);
      return a.Name + ' ' + a.Contacts.size() + ' ' + a.Contacts[1].LastName + ' ' + c.Account.Name + ' ' + generic.getSObjectType() + ' ' + generic.get('Name');
    }`).text;
    assert.equal(text, 'A 2 C P Account G');
  });
});

describe('behaviour the never-run public suites showed missing', () => {
  // Apex Developer Guide "Using the runAs Method": runAs changes the context "to an existing user or a new user"; its
  // example passes a User it never inserted — runAs creates it.
  it('runs as a user that runAs inserts', () => {
    const text = runTest(`
      Profile p = [SELECT Id FROM Profile WHERE Name = 'Standard User'];
      User u = new User(Alias = 'standt', Email = 'standarduser@testorg.com', EmailEncodingKey = 'UTF-8', LastName = 'Testing',
        LanguageLocaleKey = 'en_US', LocaleSidKey = 'en_US', ProfileId = p.Id, TimeZoneSidKey = 'America/Los_Angeles',
        UserName = 'standarduser@testorg.com.runas');
      String inside;
      System.runAs(u) { inside = UserInfo.getUserName(); }
      return inside + ' ' + (u.Id != null);`);
    assert.equal(text, 'standarduser@testorg.com.runas true');
  });

  // Apex Reference Guide "Type Class": isAssignableFrom(sourceType) — whether a reference of this type can be assigned
  // from sourceType.
  it('answers Type.isAssignableFrom', () => {
    const r = runClass(`
      public virtual class Base {}
      public class Child extends Base {}
      public static Object run() {
        return new List<Boolean>{ Base.class.isAssignableFrom(Child.class), Child.class.isAssignableFrom(Base.class),
          Object.class.isAssignableFrom(String.class), SObject.class.isAssignableFrom(Account.class), String.class.isAssignableFrom(Integer.class) };
      }`);
    assert.equal(r.text, '(true, false, true, true, false)');
  });

  // Apex Reference Guide "Decimal Class"/"Long Class" format(): the running user's locale (ja_JP here); at most three
  // fraction digits (Java NumberFormat's default, unverified).
  it('formats Long, Decimal and Double in the user locale', () => {
    const r = runClass(`public static Object run() {
      Long l = 9876543210L; Decimal d = 1234.5678; Double x = -0.5;
      return l.format() + ' ' + d.format() + ' ' + x.format();
    }`);
    assert.equal(r.text, '9,876,543,210 1,234.568 -0.5');
  });
});

describe('TimeZone and Datetime.newInstance(Long)', () => {
  // Apex Reference Guide "TimeZone Class": TimeZone.getTimeZone(id), getId(), getOffset(Datetime); Apex Reference Guide
  // "Datetime Class": newInstance(Long milliseconds) — an Integer argument widens to Long.
  it('gets a time zone by id and makes a Datetime from milliseconds', () => {
    const r = runClass(`public static Object run() {
      TimeZone tz = TimeZone.getTimeZone('America/Los_Angeles');
      Datetime epoch = Datetime.newInstance(0);
      return tz.getId() + ' ' + tz.getOffset(Datetime.newInstanceGmt(2020, 1, 1, 0, 0, 0)) + ' ' + epoch.getTime() + ' ' + (UserInfo.getTimeZone() instanceof TimeZone);
    }`);
    assert.equal(r.text, 'America/Los_Angeles -28800000 0 true');
  });
});

describe('clone() on objects of Apex classes', () => {
  // Every object has clone() (apex-ls' built-in Object methods; Query.apex calls `this.clone()` on real orgs): a
  // shallow copy (unverified): fields are copied, the collections they hold are shared.
  it('makes a shallow copy', () => {
    const r = runClass(`
      public class Holder { public Integer n; public List<String> xs = new List<String>(); }
      public static Object run() {
        Holder a = new Holder();
        a.n = 1;
        Holder b = (Holder) a.clone();
        b.n = 2;
        b.xs.add('shared');
        return a.n + ' ' + b.n + ' ' + a.xs + ' ' + (a === b);
      }`);
    assert.equal(r.text, '1 2 (shared) false');
  });
});

describe('System.Location', () => {
  // Apex Reference Guide "Location Class": Location.newInstance(latitude, longitude); getLatitude()/getLongitude()
  // return Doubles.
  it('makes a location and reads its coordinates', () => {
    const r = runClass(`public static Object run() {
      Location l = Location.newInstance(37.775, -122.418);
      return 'GEOLOCATION(' + l.getLatitude() + ',' + l.getLongitude() + ') ' + (l instanceof Location);
    }`);
    assert.equal(r.text, 'GEOLOCATION(37.775,-122.418) true');
  });
});

describe('an inline query where one record is expected', () => {
  // Apex Developer Guide "SOQL Statements": a query that returns one record can be assigned to a single sObject — also
  // when passed to a parameter of an sObject type (soql-lib's `new CacheItem([SELECT … LIMIT 1])`).
  it('passes the one row of an inline query to an sObject parameter', () => {
    const text = runTest(
      `insert new Account(Name = 'only');
       return Holder.nameOf([SELECT Name FROM Account LIMIT 1]);`,
      {
        Holder: `public class Holder { public static String nameOf(SObject record) { return (String) record.get('Name'); } }`
      }
    );
    assert.equal(text, 'only');
  });
});

describe('a List of numbers cast to a List of a wider type', () => {
  // After `(List<Decimal>) ints` the platform picks the List<Decimal> overload (static types); the runtime, which picks
  // by runtime type, must see a List<Integer> as fitting List<Decimal> better than Object (Query.apex relies on it).
  it('picks the List<Decimal> overload over Object', () => {
    const r = runClass(`
      static String show(List<Decimal> xs) { return 'decimals ' + xs.size(); }
      static String show(Object o) { return 'object'; }
      public static Object run() { Object ints = new List<Integer>{ 1, 2 }; return show((List<Decimal>) ints); }`);
    assert.equal(r.text, 'decimals 2');
  });
});
