/**
 * The records every local org starts with: the Organization, the profiles of data/access.ts (System Administrator,
 * Standard User, Minimum Access - Salesforce) with their Salesforce UserLicense and the running user (the admin user the tests run as), with the time
 * zone and locale of RuntimeOptions; the standard LeadStatus and TaskStatus values; an ApexClass row per class of the
 * project; the project's permission sets, each assigned to the running user (as scripts/org/assign-permsets.sh does
 * to a scratch org's admin user in CI) unless `assignPermissionSets` is false; the project's custom metadata records
 * (data/custom-metadata.ts). Written straight into the store
 * (no triggers), as the platform's own setup data is.
 */
import { Decimal } from '../interpreter/decimal.ts';
import { ApexDatetime, type Value } from '../interpreter/values.ts';
import type { Schema, SObjectDescribe } from '../schema/schema.ts';
import { MINIMUM_ACCESS, STANDARD_USER, SYSTEM_ADMINISTRATOR } from './access.ts';
import { seedCustomMetadata } from './custom-metadata.ts';
import type { Store } from './store.ts';

/** [label, IsConverted, IsDefault] of a new org's lead statuses. */
const LEAD_STATUSES: [string, boolean, boolean][] = [
  ['Open - Not Contacted', false, true],
  ['Working - Contacted', false, false],
  ['Closed - Converted', true, false],
  ['Closed - Not Converted', false, false]
];

/** [label, IsClosed, IsDefault] of a new org's task statuses. */
const TASK_STATUSES: [string, boolean, boolean][] = [
  ['Not Started', false, true],
  ['In Progress', false, false],
  ['Completed', true, false],
  ['Waiting on someone else', false, false],
  ['Deferred', false, false]
];

export interface SeedOptions {
  timeZone: string;
  /** The project's permission sets: one PermissionSet row each. */
  permissionSets?: { name: string; label: string }[];
  /** Assign every permission set to the running user (default true). */
  assignPermissionSets?: boolean;
  /** Names of the org's Apex classes: one ApexClass row each (AsyncApexJob.ApexClassId points to them). */
  apexClasses?: string[];
  /** Each class's source text, its ApexClass.Body (Object Reference "ApexClass": Body, the class definition). */
  apexClassBodies?: Map<string, string | null>;
  locale?: string;
  language?: string;
  now: number;
}

export interface Seeded {
  userId: string;
  organizationId: string;
}

export function insertRow(store: Store, type: SObjectDescribe, values: Record<string, Value>, now: number): string {
  const id = store.newId(type);
  const row = new Map<string, Value>();
  for (const [k, v] of Object.entries(values)) {
    row.set(k.toLowerCase(), v);
  }
  row.set('id', id);
  const time = new ApexDatetime(now);
  for (const f of ['createddate', 'lastmodifieddate', 'systemmodstamp']) {
    if (type.fields.has(f)) {
      row.set(f, time);
    }
  }
  if (type.fields.has('isdeleted')) {
    row.set('isdeleted', false);
  }
  store.put(type, id, row);
  return id;
}

export function seed(store: Store, schema: Schema, opts: SeedOptions): Seeded {
  const need = (name: string): SObjectDescribe => {
    const d = schema.describe(name);
    if (!d) {
      throw new Error(`The schema has no ${name} object`);
    }
    return d;
  };
  const organizationId = insertRow(
    store,
    need('Organization'),
    {
      Name: 'MiiTel Local Org',
      TimeZoneSidKey: opts.timeZone,
      OrganizationType: 'Developer Edition',
      NamespacePrefix: null,
      LanguageLocaleKey: opts.language ?? 'ja',
      DefaultLocaleSidKey: opts.locale ?? 'ja_JP',
      IsSandbox: false,
      InstanceName: 'LOCAL'
    },
    opts.now
  );
  // Every profile has a user license (Object Reference "Profile" UserLicenseId, "UserLicense"); the three seeded
  // ones use the full Salesforce license, LicenseDefinitionKey SFDC (the key's value is unverified).
  const license = insertRow(
    store,
    need('UserLicense'),
    { Name: 'Salesforce', MasterLabel: 'Salesforce', LicenseDefinitionKey: 'SFDC', Status: 'Active' },
    opts.now
  );
  const profile = (name: string): string =>
    insertRow(store, need('Profile'), { Name: name, UserLicenseId: license }, opts.now);
  const adminProfile = profile(SYSTEM_ADMINISTRATOR);
  profile(STANDARD_USER);
  profile(MINIMUM_ACCESS);
  const userId = insertRow(
    store,
    need('User'),
    {
      Username: 'integration@miitel-bridge.local',
      FirstName: 'Integration',
      LastName: 'User',
      Name: 'Integration User',
      Email: 'integration@example.com',
      Alias: 'integ',
      CommunityNickname: 'integration',
      IsActive: true,
      TimeZoneSidKey: opts.timeZone,
      LocaleSidKey: opts.locale ?? 'ja_JP',
      LanguageLocaleKey: opts.language ?? 'ja',
      EmailEncodingKey: 'UTF-8',
      ProfileId: adminProfile,
      UserType: 'Standard'
    },
    opts.now
  );
  // The standard picklist value objects (Object Reference, "LeadStatus", "TaskStatus") with the values of a new org.
  LEAD_STATUSES.forEach(([label, isConverted, isDefault], i) =>
    insertRow(
      store,
      need('LeadStatus'),
      { ApiName: label, MasterLabel: label, IsConverted: isConverted, IsDefault: isDefault, SortOrder: i + 1 },
      opts.now
    )
  );
  TASK_STATUSES.forEach(([label, isClosed, isDefault], i) =>
    insertRow(
      store,
      need('TaskStatus'),
      { ApiName: label, MasterLabel: label, IsClosed: isClosed, IsDefault: isDefault, SortOrder: i + 1 },
      opts.now
    )
  );
  for (const ps of opts.permissionSets ?? []) {
    const permissionSetId = insertRow(
      store,
      need('PermissionSet'),
      { Name: ps.name, Label: ps.label, IsOwnedByProfile: false, IsCustom: true, NamespacePrefix: null },
      opts.now
    );
    if (opts.assignPermissionSets ?? true) {
      insertRow(
        store,
        need('PermissionSetAssignment'),
        { AssigneeId: userId, PermissionSetId: permissionSetId },
        opts.now
      );
    }
  }
  for (const name of opts.apexClasses ?? []) {
    insertRow(
      store,
      need('ApexClass'),
      {
        Name: name,
        NamespacePrefix: null,
        Status: 'Active',
        IsValid: true,
        ApiVersion: Decimal.parse('65.0') ?? null,
        Body: opts.apexClassBodies?.get(name) ?? null
      },
      opts.now
    );
  }
  seedCustomMetadata(store, schema, opts.now);
  for (const row of store.tables.values()) {
    for (const r of row.values()) {
      for (const f of ['createdbyid', 'lastmodifiedbyid']) {
        r.set(f, userId);
      }
    }
  }
  const user = store.get(userId);
  user?.set('ownerid', null);
  return { userId, organizationId };
}
