/**
 * The records every local org starts with: the Organization, the profiles of data/access.ts (System Administrator,
 * Standard User, Minimum Access - Salesforce) with their Salesforce UserLicense and the running user (the admin user the tests run as), with the time
 * zone and locale of RuntimeOptions; the standard LeadStatus and TaskStatus values; an ApexClass row per class of the
 * project; the project's permission sets, each assigned to the running user (as scripts/org/assign-permsets.sh does
 * to a scratch org's admin user in CI) unless `assignPermissionSets` is false; the project's custom metadata records
 * (data/custom-metadata.ts). Written straight into the store
 * (no triggers), as the platform's own setup data is.
 */
import { Decimal } from '../values/decimal.ts';
import { ApexDatetime, type Value } from '../values/values.ts';
import type { Schema, SObjectDescribe } from '../schema/schema.ts';
import type { SeededUsers, SiteInfo, SiteMetadata } from '../schema/sites.ts';
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
  /** The org's default time zone (Organization.TimeZoneSidKey). */
  timeZone: string;
  /** The seeded users' TimeZoneSidKey; the org's when absent. */
  userTimeZone?: string;
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
  /** Sites and subscriber configs: their guest users and the users they name (seedPlatformUsers). */
  sites?: SiteMetadata;
}

export interface Seeded {
  userId: string;
  organizationId: string;
  users: SeededUsers;
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
      TimeZoneSidKey: opts.userTimeZone ?? opts.timeZone,
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
  const users = seedPlatformUsers(store, schema, opts, organizationId);
  for (const row of store.tables.values()) {
    for (const r of row.values()) {
      for (const f of ['createdbyid', 'lastmodifiedbyid']) {
        r.set(f, userId);
      }
    }
  }
  const user = store.get(userId);
  user?.set('ownerid', null);
  return { userId, organizationId, users };
}

function userRow(
  opts: SeedOptions,
  values: { Username: string; LastName: string; Alias: string; UserType: string; ProfileId: string | null }
): Record<string, Value> {
  return {
    ...values,
    Name: values.LastName,
    Email: values.Username,
    CommunityNickname: values.Alias,
    IsActive: true,
    TimeZoneSidKey: opts.userTimeZone ?? opts.timeZone,
    LocaleSidKey: opts.locale ?? 'ja_JP',
    LanguageLocaleKey: opts.language ?? 'ja',
    EmailEncodingKey: 'UTF-8'
  };
}

/**
 * Users the platform creates and the metadata names:
 * - the Automated Process user (UserType 'AutomatedProcess', Username `autoproc@<org id>`, no profile): platform event
 *   triggers run as it unless a PlatformEventSubscriberConfig names a user (Platform Events Developer Guide,
 *   "Configure the User and Batch Size for Your Platform Event Trigger"). Which permissions it has in user mode is
 *   not documented: without a profile row data/access.ts reads it as a System Administrator (**unverified**);
 * - one guest user per site (UserType 'Guest', "<label> Site Guest User", Help KB 000385602) with the site's guest
 *   profile (a Profile row of that name); its username is made up (`<site>@<org id>.local-site`);
 * - every username a site (`siteGuestRecordDefaultOwner`, `siteAdmin`) or a subscriber config (`user`) names, as
 *   a deploy needs them to exist: created when absent, on the profile "Minimum Access - Salesforce" with every
 *   permission set of the project assigned (as the local admin has them) — the local org's stand-in for the users an
 *   admin sets up before deploying.
 */
function seedPlatformUsers(store: Store, schema: Schema, opts: SeedOptions, organizationId: string): SeededUsers {
  const userType = schema.describe('User');
  const profileType = schema.describe('Profile');
  if (!userType || !profileType) {
    throw new Error('The schema has no User or Profile object');
  }
  const profileId = (name: string): string => {
    for (const [id, row] of store.tables.get('profile') ?? []) {
      if (String(row.get('name') ?? '').toLowerCase() === name.toLowerCase()) {
        return id;
      }
    }
    return insertRow(store, profileType, { Name: name }, opts.now);
  };
  const automatedProcess = insertRow(
    store,
    userType,
    userRow(opts, {
      Username: `autoproc@${organizationId.toLowerCase()}`,
      LastName: 'Automated Process',
      Alias: 'autoproc',
      UserType: 'AutomatedProcess',
      ProfileId: null
    }),
    opts.now
  );
  const guests = new Map<string, SiteInfo>();
  const sites = opts.sites;
  for (const site of sites?.sites ?? []) {
    const id = insertRow(
      store,
      userType,
      userRow(opts, {
        Username: `${site.name.toLowerCase()}@${organizationId.toLowerCase()}.local-site`,
        LastName: `${site.label} Site Guest User`,
        Alias: 'guest',
        UserType: 'Guest',
        ProfileId: profileId(site.guestProfile)
      }),
      opts.now
    );
    guests.set(id, site);
    seedSiteRows(store, schema, site, id, opts.now);
  }
  const named = [
    ...(sites?.sites ?? []).flatMap((s) => [s.defaultOwner, s.siteAdmin]),
    ...(sites?.subscribers ?? []).map((c) => c.user)
  ].filter((u): u is string => u !== undefined);
  const existing = new Set([...(store.tables.get('user')?.values() ?? [])].map((r) => String(r.get('username'))));
  for (const username of new Set(named)) {
    if (existing.has(username)) {
      continue;
    }
    const id = insertRow(
      store,
      userType,
      userRow(opts, {
        Username: username,
        LastName: username.split('@')[0] ?? username,
        Alias: (username.split('@')[0] ?? 'user').slice(0, 8),
        UserType: 'Standard',
        ProfileId: profileId(MINIMUM_ACCESS)
      }),
      opts.now
    );
    const psType = schema.describe('PermissionSetAssignment');
    for (const psId of store.tables.get('permissionset')?.keys() ?? []) {
      if (psType) {
        insertRow(store, psType, { AssigneeId: id, PermissionSetId: psId }, opts.now);
      }
    }
  }
  return { automatedProcess, guests };
}

/**
 * The Site and SiteDetail rows of a site of the project's metadata. Setup objects stay visible to tests without
 * SeeAllData (Apex Developer Guide, "Isolation of Test Data from Organization Data in Unit Tests"), so a test that
 * assumes no Site exists fails here as it fails in an org where CI deployed the site (issue 21). SecureUrl follows
 * the enhanced-domain form `https://<My Domain>.my.salesforce-sites.com/<prefix>`; the My Domain name is made up.
 */
function seedSiteRows(store: Store, schema: Schema, site: SiteInfo, guestUserId: string, now: number): void {
  const siteType = schema.describe('Site');
  const detailType = schema.describe('SiteDetail');
  if (!siteType || !detailType) {
    return;
  }
  const siteId = insertRow(
    store,
    siteType,
    {
      Name: site.name,
      MasterLabel: site.label,
      Status: site.active ? 'Active' : 'Inactive',
      UrlPathPrefix: site.urlPathPrefix === '' ? null : site.urlPathPrefix,
      GuestUserId: guestUserId,
      SiteType: 'Visualforce'
    },
    now
  );
  const path = site.urlPathPrefix === '' ? '' : `/${site.urlPathPrefix}`;
  insertRow(
    store,
    detailType,
    {
      DurableId: siteId,
      SecureUrl: `https://miitel-local.my.salesforce-sites.com${path}`,
      IsRegistrationEnabled: false
    },
    now
  );
}
