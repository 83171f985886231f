/**
 * Setup objects (platform-limits.ts rows view-setup-for-setup-objects and setup-objects-visible-to-tests): the
 * project's sites are Site and SiteDetail rows every test sees without SeeAllData (Apex Developer Guide, "Isolation of
 * Test Data from Organization Data in Unit Tests"), and reading Site in user mode needs "View Setup and
 * Configuration" (data/access.ts VIEW_SETUP_OBJECTS). Fixture: fixtures/site (one site, Hook, prefix hook).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { loadProject, type LocalOrg } from '../runtime.ts';
import { ApexThrow } from '../values/errors.ts';
import type { Value } from '../values/values.ts';

function run(org: LocalOrg, method: string, args: Value[], options: { userId?: string; isTest?: boolean } = {}): Value {
  const it = org.transaction();
  it.ctx.isTest = options.isTest ?? false;
  if (options.userId) {
    it.ctx.runningUserId = options.userId;
  }
  return it.runStatic(org.classNamed('SetupProbe'), method, args);
}

describe('setup objects', () => {
  let org: LocalOrg;
  let minimumAccessUser: string;
  before(() => {
    org = loadProject('scripts/local-org/fixtures/site');
    const [id] =
      [...(org.data.tables.get('user') ?? [])].find(([, row]) => row.get('username') === 'owner@hook.local') ?? [];
    assert.ok(id, 'the site default owner is seeded on Minimum Access');
    minimumAccessUser = id;
  });

  test("a project's site is a Site and a SiteDetail row, visible to a test without SeeAllData", () => {
    assert.equal(
      run(org, 'secureUrlInSystemMode', ['Hook'], { isTest: true }),
      'https://miitel-local.my.salesforce-sites.com/hook'
    );
    assert.equal(run(org, 'sitesInUserMode', [], { isTest: true }), 1, 'the admin (View Setup) reads it in user mode');
  });

  test('user mode without "View Setup and Configuration" is refused with the platform\'s QueryException', () => {
    assert.throws(
      () => run(org, 'sitesInUserMode', [], { userId: minimumAccessUser }),
      (e: unknown) =>
        e instanceof ApexThrow &&
        e.exception.cls.fullName === 'System.QueryException' &&
        /^sObject type 'Site' is not supported/.test(String(e.exception.exception?.message))
    );
  });

  test('system mode reads it for the same user', () => {
    assert.equal(
      run(org, 'secureUrlInSystemMode', ['Hook'], { userId: minimumAccessUser }),
      'https://miitel-local.my.salesforce-sites.com/hook'
    );
  });
});
