/**
 * The endpoint over HTTP as the integration user we recommend: profile "Minimum Access - Salesforce" plus the
 * permission set MiiTel_Integration and nothing else (README, admins' setup). Apex tests call the resource class
 * directly and never cross the HTTP boundary where the platform checks the user permission "Apex REST Services" and
 * the class access (rest.ts `restAccessError`); this test does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { executeDml } from '../data/dml.ts';
import { invokeRest } from '../rest.ts';
import { loadProject } from '../runtime.ts';
import { OrgService, SERVER_POS } from './org-service.ts';
import { seedAdmin, seedDemo } from './seed-demo.ts';
import { endedCall } from './test-fixtures.ts';

function orgWithUser(permissionSets: string[]): { post: () => { status: number; body: string } } {
  const org = loadProject('.');
  const service = new OrgService(org);
  seedAdmin(service);
  seedDemo(service);
  const userId = service.run((it) => {
    const id = (soql: string): string => {
      const rows = service.query(it, soql);
      const found = typeof rows === 'number' ? undefined : rows[0]?.id;
      assert.ok(found, soql);
      return found;
    };
    const user = service.recordFromJson(it, service.describe('User'), {
      LastName: '連携ユーザー',
      Email: 'integration@example.com',
      Username: 'integration@example.com.local',
      Alias: 'intg',
      TimeZoneSidKey: 'Asia/Tokyo',
      LocaleSidKey: 'ja_JP',
      LanguageLocaleKey: 'ja',
      EmailEncodingKey: 'UTF-8',
      ProfileId: id("SELECT Id FROM Profile WHERE Name = 'Minimum Access - Salesforce'")
    });
    executeDml(it, 'insert', [user], { allOrNone: true, pos: SERVER_POS });
    const assignments = permissionSets.map((name) =>
      service.recordFromJson(it, service.describe('PermissionSetAssignment'), {
        AssigneeId: user.id,
        PermissionSetId: id(`SELECT Id FROM PermissionSet WHERE Name = '${name}'`)
      })
    );
    executeDml(it, 'insert', assignments, { allOrNone: true, pos: SERVER_POS });
    return user.id ?? '';
  });
  return {
    post: () => {
      const r = invokeRest(
        org,
        'POST',
        '/services/apexrest/miitel/v1/call-events',
        { 'Content-Type': 'application/json' },
        Buffer.from(JSON.stringify({ events: [endedCall('e1', 'c1', '+81312345678')] })),
        { userId }
      );
      return { status: r.status, body: r.body.toString() };
    }
  };
}

test('Minimum Access + MiiTel_Integration calls the endpoint over HTTP and logs the call', () => {
  const r = orgWithUser(['MiiTel_Integration']).post();
  assert.equal(r.status, 200, r.body);
  assert.match(r.body, /"status":"applied"/);
});

test('Minimum Access without the permission set is refused before any Apex runs (403)', () => {
  const r = orgWithUser([]).post();
  assert.equal(r.status, 403);
  assert.match(r.body, /APEX_REST_SERVICES_DISABLED/);
});
