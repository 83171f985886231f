/**
 * The records every local org starts with: the Organization, two profiles and the running user (the integration /
 * admin user the tests run as), with the time zone and locale of RuntimeOptions. Written straight into the store
 * (no triggers), as the platform's own setup data is.
 */
import { ApexDatetime, type Value } from '../interpreter/values.ts';
import type { Schema, SObjectDescribe } from '../schema/schema.ts';
import type { Store } from './store.ts';

export interface SeedOptions {
  timeZone: string;
  locale?: string;
  language?: string;
  now: number;
}

export interface Seeded {
  userId: string;
  organizationId: string;
}

function insertRow(store: Store, type: SObjectDescribe, values: Record<string, Value>, now: number): string {
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
      NamespacePrefix: null
    },
    opts.now
  );
  const adminProfile = insertRow(store, need('Profile'), { Name: 'System Administrator' }, opts.now);
  insertRow(store, need('Profile'), { Name: 'Standard User' }, opts.now);
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
