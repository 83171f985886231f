/**
 * Site guest users (schema/sites.ts, data/access.ts, data/dml.ts, rest.ts) and platform event subscribers
 * (stdlib/events.ts, event-bus.ts) on fixtures/site (accepted) and fixtures/site-refused (refused at load). Each
 * rule has a refusing case and an accepting one. Sources: Experience Cloud Developer Guide "Give Guest Users Access
 * to Read / Create / Update Records", "Limit Access to Apex Classes"; Platform Events Developer Guide "Configure the
 * User and Batch Size for Your Platform Event Trigger"; Metadata API Developer Guide "CustomSite",
 * "PlatformEventSubscriberConfig".
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { LoadError } from '../ast/errors.ts';
import { deliverPublished } from '../event-bus.ts';
import type { Value } from '../values/values.ts';
import { invokeRest } from '../rest.ts';
import { loadProject, type LocalOrg } from '../runtime.ts';
import type { Store } from './store.ts';

const FIXTURE = 'scripts/local-org/fixtures/site';

function guestOf(org: LocalOrg): string {
  const [id] = org.registry.seededUsers.guests.keys();
  assert.ok(id, 'the Hook site has a guest user');
  return id;
}

/** Runs a static method as `userId` (the admin when absent) and commits. */
function run(org: LocalOrg, cls: string, method: string, args: Value[], userId?: string): Value {
  const it = org.transaction();
  if (userId) {
    it.ctx.runningUserId = userId;
  }
  const result = it.runStatic(org.classNamed(cls), method, args);
  org.commit(it.ctx.store as Store);
  return result;
}

function userIdOf(org: LocalOrg, username: string): string | undefined {
  for (const [id, row] of org.data.tables.get('user') ?? []) {
    if (row.get('username') === username) {
      return id;
    }
  }
  return undefined;
}

describe('site guest users', () => {
  let org: LocalOrg;
  before(() => {
    org = loadProject(FIXTURE);
  });

  test('each site gets a guest user of UserType Guest on its guest profile', () => {
    const row = org.data.get(guestOf(org));
    const profile = org.data.get(String(row?.get('profileid')));
    assert.equal(row?.get('usertype'), 'Guest', 'UserType');
    assert.equal(row?.get('lastname'), 'Hook Site Guest User', 'name after the site label');
    assert.equal(profile?.get('name'), 'Hook Profile', 'the CustomSite guestProfile');
  });

  test('a record a guest creates is owned by the site default owner, not by the guest', () => {
    const id = String(run(org, 'GuestProbe', 'createAccount', ['ゲスト作成'], guestOf(org)));
    const row = org.data.get(id);
    assert.equal(row?.get('ownerid'), userIdOf(org, 'owner@hook.local'), 'siteGuestRecordDefaultOwner owns it');
    assert.equal(row?.get('createdbyid'), guestOf(org), 'the guest created it');
    assert.notEqual(row?.get('ownerid'), guestOf(org), 'the guest owns nothing');
  });

  test('with sharing a guest sees no record, not even one it created', () => {
    const id = String(run(org, 'GuestProbe', 'createAccount', ['見えない'], guestOf(org)));
    assert.equal(run(org, 'GuestSharedProbe', 'countOwnAccount', [id], guestOf(org)), 0, 'with sharing');
    assert.equal(run(org, 'GuestSharedProbe', 'countAccounts', [], guestOf(org)), 0, 'with sharing, all');
  });

  test('without sharing a guest reads what system mode reads', () => {
    const all = run(org, 'GuestProbe', 'countAccounts', []);
    assert.ok(typeof all === 'number' && all > 0, 'the admin sees accounts');
    assert.equal(run(org, 'GuestProbe', 'countAccounts', [], guestOf(org)), all, 'without sharing');
  });

  test('a guest cannot update in user mode (no Edit on any object)', () => {
    const id = String(run(org, 'GuestProbe', 'createAccount', ['元の名前']));
    assert.equal(
      run(org, 'GuestProbe', 'renameAsUser', [id, '新しい名前'], guestOf(org)),
      'INSUFFICIENT_ACCESS_OR_READONLY'
    );
  });

  test('a guest updates only in system mode without sharing', () => {
    const id = String(run(org, 'GuestProbe', 'createAccount', ['元の名前']));
    assert.equal(run(org, 'GuestProbe', 'rename', [id, '新しい名前'], guestOf(org)), '新しい名前');
  });

  test('UserInfo.getUserType() is Guest for the guest user and Standard for the admin', () => {
    const res = invokeRest(org, 'GET', '/services/apexrest/hook/v1/webhook', {}, Buffer.alloc(0), {
      userId: guestOf(org)
    });
    assert.match(res.body.toString(), /^Guest /, 'as the guest');
    const admin = invokeRest(org, 'GET', '/services/apexrest/hook/v1/webhook', {}, Buffer.alloc(0));
    assert.match(admin.body.toString(), /^Standard /, 'as the admin');
  });

  test('a guest calls an Apex REST class its guest profile grants', () => {
    const res = invokeRest(org, 'GET', '/services/apexrest/hook/v1/webhook', {}, Buffer.alloc(0), {
      userId: guestOf(org)
    });
    assert.equal(res.status, 200, res.body.toString());
  });

  test('a guest cannot call an Apex REST class its guest profile does not grant', () => {
    const res = invokeRest(org, 'POST', '/services/apexrest/hook/v1/fail', {}, Buffer.from('{}'), {
      userId: guestOf(org)
    });
    assert.equal(res.status, 403);
    assert.match(res.body.toString(), /You do not have access to the Apex class named: HookFailResource/);
  });
});

describe('site metadata the platform refuses', () => {
  const problems = (): string[] => {
    try {
      loadProject('scripts/local-org/fixtures/site-refused');
    } catch (e) {
      if (e instanceof LoadError) {
        return e.problems.map((p) => `${p.file.split('/').pop() ?? ''}:${p.line}: ${p.message}`);
      }
      throw e;
    }
    return [];
  };

  test('a guest profile granting Edit or Delete is refused at its line', () => {
    assert.ok(
      problems().some((p) => /^Open Profile.profile-meta.xml:10: .*grants Edit, Delete on Account/.test(p)),
      problems().join('\n')
    );
  });

  test('a guest profile enabling View All Data is refused', () => {
    assert.ok(
      problems().some((p) => /enables ViewAllData/.test(p)),
      problems().join('\n')
    );
  });

  test('guest sharing rules are refused as not modelled', () => {
    assert.ok(problems().some((p) => /^Account.sharingRules-meta.xml:3: guest sharing rules/.test(p)));
  });

  test('two active sites on one path prefix are refused', () => {
    assert.ok(problems().some((p) => /uses the path prefix 'open' of site Open/.test(p)));
  });

  test('a subscriber config naming no trigger or a batch size above 2,000 is refused', () => {
    assert.ok(problems().some((p) => /'NoSuchTrigger' is not a trigger of the project/.test(p)));
    assert.ok(problems().some((p) => /batchSize must be from 1 through 2,000 \(got 5000\)/.test(p)));
  });

  test('the accepted fixture loads: Read and Create only, a known trigger, batch size 2', () => {
    assert.doesNotThrow(() => loadProject(FIXTURE));
  });
});

describe('platform event subscribers', () => {
  let org: LocalOrg;
  before(() => {
    org = loadProject(FIXTURE);
    run(org, 'MiiTelWebhookSecrets', 'install', ['s3cret']);
  });

  const post = (callId: string) =>
    invokeRest(
      org,
      'POST',
      '/services/apexrest/hook/v1/webhook',
      { 'x-miitel-webhook-secret': 's3cret' },
      Buffer.from(JSON.stringify({ call: { id: callId } })),
      { userId: guestOf(org) }
    );

  const tasks = (prefix: string): { subject: string; description: string; owner: unknown }[] =>
    [...(org.data.tables.get('task')?.values() ?? [])]
      .filter((r) => String(r.get('subject')).startsWith(prefix))
      .map((r) => ({
        subject: String(r.get('subject')),
        description: String(r.get('description')),
        owner: r.get('ownerid')
      }));

  test('nothing is delivered inside the publishing request', () => {
    const res = post('inside');
    assert.equal(res.status, 202, res.body.toString());
    assert.equal(res.events.length, 1, 'one event to deliver after the request');
    assert.deepEqual(tasks('Hook inside'), [], 'no Task yet');
    deliverPublished(org, res.events);
    assert.equal(tasks('Hook inside').length, 1, 'the Task after delivery');
  });

  test('the trigger runs as the configured user, who owns the records it writes', () => {
    deliverPublished(org, post('as-user').events);
    const [task] = tasks('Hook as-user');
    assert.match(task?.description ?? '', /^integration@hook\.local batch=1 type=Standard$/);
    assert.equal(task?.owner, userIdOf(org, 'integration@hook.local'));
  });

  test('the configured batch size splits deliveries (3 events, batch size 2: runs of 2 and 1)', () => {
    const events = ['b1', 'b2', 'b3'].flatMap((id) => post(id).events);
    const report = deliverPublished(org, events);
    assert.equal(report.runs, 2, 'two trigger runs');
    assert.deepEqual(
      ['Hook b1', 'Hook b2', 'Hook b3'].map((s) => /batch=(\d)/.exec(tasks(s)[0]?.description ?? '')?.[1]),
      ['2', '2', '1']
    );
  });

  test('without a subscriber config the trigger runs as the Automated Process user', () => {
    const res = invokeRest(org, 'POST', '/services/apexrest/hook/v1/fail', {}, Buffer.from('{}'));
    deliverPublished(org, res.events);
    const [task] = tasks('Log before the failure');
    assert.equal(task?.description, 'AutomatedProcess');
    assert.equal(task?.owner, org.registry.seededUsers.automatedProcess);
  });

  test('a failed request delivers its Publish Immediately events, not its Publish After Commit ones', () => {
    const res = invokeRest(org, 'POST', '/services/apexrest/hook/v1/fail', {}, Buffer.from('{}'));
    assert.equal(res.status, 500);
    assert.deepEqual(
      res.events.map((e) => e.type.name),
      ['Hook_Log__e'],
      'Hook_Received__e (after commit) is dropped'
    );
  });

  test('in a test, Test.getEventBus().deliver() runs the trigger as the configured user in its batch size', () => {
    const it = org.transaction();
    it.ctx.isTest = true;
    it.runStatic(org.classNamed('HookBusProbe'), 'publishAndDeliver', [3]);
    org.commit(it.ctx.store as Store);
    assert.deepEqual(
      ['Hook bus-0', 'Hook bus-1', 'Hook bus-2'].map((s) => tasks(s)[0]?.description),
      [
        'integration@hook.local batch=2 type=Standard',
        'integration@hook.local batch=2 type=Standard',
        'integration@hook.local batch=1 type=Standard'
      ]
    );
  });

  test('a wrong secret is answered 401 and publishes nothing', () => {
    const res = invokeRest(
      org,
      'POST',
      '/services/apexrest/hook/v1/webhook',
      { 'x-miitel-webhook-secret': 'wrong' },
      Buffer.from('{"call":{"id":"x"}}'),
      { userId: guestOf(org) }
    );
    assert.equal(res.status, 401);
    assert.deepEqual(res.events, []);
  });
});
