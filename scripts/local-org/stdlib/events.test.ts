/**
 * Platform events on fixtures/custom-metadata (Alert__e, Publish After Commit, with Message__c). Apex Developer Guide
 * "Testing Your Platform Event in Apex".
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { DEFAULT_OPTIONS, loadProject, loadSources } from '../runtime.ts';
import { Schema } from '../schema/schema.ts';
import { FIXED_NOW } from '../test-helpers.ts';
import { testBusOf } from './events.ts';

const schema = new Schema(['scripts/local-org/fixtures/custom-metadata']);

function run(body: string): string {
  const org = loadSources(
    [
      {
        file: 'T.cls',
        source: `public class T { public static List<String> seen = new List<String>(); public static Object run() { ${body} } }`
      },
      {
        file: 'AlertTrigger.trigger',
        source: `trigger AlertTrigger on Alert__e (after insert) {
          for (Alert__e a : Trigger.new) { T.seen.add(a.Message__c + '/' + (a.EventUuid != null) + '/' + Trigger.size); }
        }`
      }
    ],
    DEFAULT_OPTIONS,
    schema
  );
  const it = org.transaction({ now: () => FIXED_NOW });
  it.ctx.isTest = true;
  return it.str(it.runStatic(org.classNamed('T'), 'run'));
}

test('EventBus.publish queues events; Test.stopTest() and Test.getEventBus().deliver() run the after insert triggers', () => {
  assert.equal(
    run(`Test.startTest();
      Database.SaveResult r = EventBus.publish(new Alert__e(Message__c = 'one'));
      List<Database.SaveResult> rs = EventBus.publish(new List<Alert__e>{ new Alert__e(Message__c = 'two'), new Alert__e(Message__c = 'three') });
      String before = seen + ' ' + r.isSuccess() + ' ' + rs.size() + ' ' + String.valueOf(r.getId()).startsWith('e0') + ' ' + Limits.getDmlStatements();
      Test.stopTest();
      EventBus.publish(new Alert__e(Message__c = 'four'));
      Test.getEventBus().deliver();
      return before + ' ' + seen;`),
    '() true 2 true 2 (one/true/3, two/true/3, three/true/3, four/true/1)'
  );
});

test('platform events have no Id; their describe lists the event fields', () => {
  assert.equal(
    run(`Map<String, Schema.SObjectField> f = Schema.Alert__e.SObjectType.getDescribe().fields.getMap();
      return f.containsKey('Id') + ' ' + f.containsKey('EventUuid') + ' ' + f.containsKey('Message__c');`),
    'false true true'
  );
});

test('without a PlatformEventSubscriberConfig the trigger runs as the Automated Process user, also in a test (unverified in tests)', () => {
  const org = loadSources(
    [
      {
        file: 'T.cls',
        source: `public class T { public static List<String> seen = new List<String>(); public static Object run() {
          String publisher = UserInfo.getUserType();
          EventBus.publish(new Alert__e(Message__c = 'x'));
          Test.getEventBus().deliver();
          return publisher + ' ' + seen + ' ' + UserInfo.getUserType(); } }`
      },
      {
        file: 'AlertTrigger.trigger',
        source: `trigger AlertTrigger on Alert__e (after insert) { T.seen.add(UserInfo.getUserType() + '/' + UserInfo.getName()); }`
      }
    ],
    DEFAULT_OPTIONS,
    schema
  );
  const it = org.transaction({ now: () => FIXED_NOW });
  it.ctx.isTest = true;
  assert.equal(
    it.str(it.runStatic(org.classNamed('T'), 'run')),
    'Standard (AutomatedProcess/Automated Process) Standard',
    'the publisher is the admin; the trigger the Automated Process user; the user is restored after delivery'
  );
});

describe('the test event bus (fixtures/event-bus, BusScenarios.cls)', () => {
  const scenario = (name: string): { out: string; it: Interpreter } => {
    const org = loadProject('scripts/local-org/fixtures/event-bus');
    const it = org.transaction({ now: () => FIXED_NOW });
    it.ctx.isTest = true;
    return { out: it.str(it.runStatic(org.classNamed('BusScenarios'), name)), it };
  };

  test('Test.getEventBus().deliver() redelivers a retried batch once per call, rolled back each time', () => {
    const { out, it } = scenario('retries');
    assert.equal(out, '0/000 0/000 1/001 1/001', 'Tasks after each deliver(): the third run succeeds');
    assert.deepEqual(
      testBusOf(it.ctx)
        .report()
        .map((s) => [s.name, s.retries, s.lastError, s.position, s.status]),
      [['BusTrigger', 2, 'retry 1', '1', 'Running']]
    );
  });

  test('EventBusSubscriber rows are queryable in the test: Retries and LastError after two retries', () => {
    assert.equal(scenario('subscriberRow').out, 'BusTrigger Bus_Event__e 1/1 2 retry 1 Running');
  });

  test('Test.getEventBus().fail() runs failure callbacks and delivers nothing; deliver() runs success callbacks', () => {
    assert.equal(scenario('callbacks').out, '(failure 2 AutomatedProcess, success 1 AutomatedProcess) 01 Standard');
  });

  test('a checkpoint in a test: the rest of the batch comes with the next deliver()', () => {
    assert.equal(scenario('checkpoint').out, '110 111');
  });

  test('a callback with a standard-volume event is a RuntimeGap', () => {
    assert.throws(() => scenario('standardVolumeCallback'), /standard-volume event Bus_Standard__e/);
  });
});

test('EventBus.publishWithAccessLevel: USER_MODE needs Create on the event (a failed SaveResult, nothing queued), SYSTEM_MODE does not (Apex Reference Guide "EventBus Class")', () => {
  assert.equal(
    run(`User u = new User(LastName = 'M', Email = 'm@example.com', Username = 'm' + Crypto.getRandomInteger() + '@example.com',
        Alias = 'm', TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = 'ja_JP', LanguageLocaleKey = 'ja', EmailEncodingKey = 'UTF-8',
        ProfileId = [SELECT Id FROM Profile WHERE Name = 'Minimum Access - Salesforce'].Id);
      System.runAs(new User(Id = UserInfo.getUserId())) { insert u; }
      List<String> out = new List<String>();
      System.runAs(u) {
        Database.SaveResult user = EventBus.publishWithAccessLevel(new Alert__e(Message__c = 'user'), AccessLevel.USER_MODE);
        out.add(user.isSuccess() + '/' + user.getErrors()[0].getStatusCode());
        List<Database.SaveResult> system = EventBus.publishWithAccessLevel(new List<Alert__e>{ new Alert__e(Message__c = 'system') }, AccessLevel.SYSTEM_MODE);
        out.add(String.valueOf(system[0].isSuccess()));
        out.add(String.valueOf(EventBus.publish(new Alert__e(Message__c = 'default')).isSuccess()));
      }
      Database.SaveResult admin = EventBus.publishWithAccessLevel(new Alert__e(Message__c = 'admin'), AccessLevel.USER_MODE);
      out.add(String.valueOf(admin.isSuccess()));
      Test.getEventBus().deliver();
      return String.join(out, ' ') + ' ' + seen;`),
    'false/INSUFFICIENT_ACCESS_OR_READONLY true true true (system/true/3, default/true/3, admin/true/3)'
  );
});
