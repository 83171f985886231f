/**
 * Smaller platform APIs the project uses (Apex Reference Guide: "Schema Class" static SObjectType form,
 * "SObjectDescribeOptions Enum", "TimeZone Class", "String Class" abbreviate, "OrgLimits Class", "Request Class",
 * "FeatureManagement Class" with permission-set assignments; Object Reference "Organization").
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadSources } from '../runtime.ts';
import { parsePermissionSet } from '../schema/permission-sets.ts';
import { evalApex, runClass } from '../test-helpers.ts';

test('Schema.SObjectType.Task is the describe result; getDescribe(DEFERRED) is accepted', () => {
  assert.equal(
    evalApex(
      "Schema.SObjectType.Task.fields.getMap().containsKey('whoid') + ' ' + SObjectType.Contact.getName() + ' ' + Task.SObjectType.getDescribe(Schema.SObjectDescribeOptions.DEFERRED).getName()"
    ),
    'true Contact Task'
  );
});

test('Organization fields, the user time zone, Datetime.format in a zone, Date.valueOf', () => {
  assert.equal(
    evalApex(
      "[SELECT TimeZoneSidKey FROM Organization].TimeZoneSidKey + ' ' + UserInfo.getTimeZone().getID() + ' ' + UserInfo.getTimeZone().getOffset(Datetime.now()) + ' ' + Datetime.newInstanceGmt(2026, 1, 2, 3, 4, 5).format('yyyy-MM-dd HH:mm', 'America/New_York') + ' ' + Date.valueOf('2026-02-03')"
    ),
    'Asia/Tokyo Asia/Tokyo 32400000 2026-01-01 22:04 2026-02-03'
  );
});

test('String.abbreviate(max[, offset]) follows StringUtils.abbreviate', () => {
  assert.equal(
    evalApex(
      "'abcdefghijklmno'.abbreviate(10) + ' ' + 'abcdefghijklmno'.abbreviate(10, 5) + ' ' + 'abcdefghijklmno'.abbreviate(10, 12) + ' ' + 'abc'.abbreviate(4)"
    ),
    'abcdefg... ...fghi... ...ijklmno abc'
  );
});

test('Comparable objects sort with List.sort() (Apex Reference Guide "Comparable Interface")', () => {
  assert.equal(
    runClass(
      `public class P implements Comparable {
        public Integer n;
        public P(Integer n) { this.n = n; }
        public Integer compareTo(Object other) { return n - ((P) other).n; }
      }
      public static Object run() {
        List<P> ps = new List<P>{ new P(3), new P(1), new P(2) };
        ps.sort();
        return ps[0].n + '' + ps[1].n + ps[2].n;
      }`
    ).text,
    '123'
  );
});

test('OrgLimits.getMap() and Request.getCurrent()', () => {
  assert.equal(
    evalApex(
      "OrgLimits.getMap().get('DailyApiRequests').getLimit() + ' ' + OrgLimits.getMap().get('DailyApiRequests').getValue() + ' ' + Request.getCurrent().getQuiddity() + ' ' + (Request.getCurrent().getRequestId() == Request.getCurrent().getRequestId())"
    ),
    '15000 0 SYNCHRONOUS true'
  );
});

test('a custom permission is granted through an assigned permission set', () => {
  const ps = parsePermissionSet(
    'Admin',
    '<PermissionSet><label>Admin</label><customPermissions><enabled>true</enabled><name>Manage</name></customPermissions></PermissionSet>'
  );
  const org = loadSources(
    [
      {
        file: 'T.cls',
        source: `public class T { public static Object run() {
          User u = new User(LastName = 'P', Email = 'p@example.com', Username = 'p@example.com.local', Alias = 'p',
            ProfileId = UserInfo.getProfileId(), TimeZoneSidKey = 'Asia/Tokyo', LocaleSidKey = 'ja_JP',
            LanguageLocaleKey = 'ja', EmailEncodingKey = 'UTF-8');
          insert u;
          Boolean before;
          System.runAs(u) { before = FeatureManagement.checkPermission('Manage'); }
          insert new PermissionSetAssignment(AssigneeId = u.Id,
            PermissionSetId = [SELECT Id FROM PermissionSet WHERE Name = 'Admin'].Id);
          Boolean after;
          System.runAs(u) { after = FeatureManagement.checkPermission('Manage'); }
          return before + ' ' + after + ' ' + FeatureManagement.checkPermission('Manage');
        } }`
      }
    ],
    undefined,
    undefined,
    undefined,
    new Map([['admin', ps]])
  );
  const it = org.transaction();
  // The seeded running user holds every permission set of the project, as CI's admin user does (data/seed.ts).
  assert.equal(it.str(it.runStatic(org.classNamed('T'), 'run')), 'false true true');
});
