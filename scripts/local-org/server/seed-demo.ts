/**
 * Seeds of the served org. Every record goes through the runtime's DML, so the package's triggers fill the phone
 * keys exactly as they would in an org.
 * - `admin` (always): the local admin user (the runtime's running user) holds the MiiTel_Admin and
 *   MiiTel_Integration permission sets, as `npm run org:permsets` does after a deploy.
 * - `demo` (default): MiiTel settings enabled with the CallEnded timing and status Completed (and the Outgoing
 *   Webhook enabled, when the package has that setting); Accounts, Contacts and
 *   Leads with Japanese names and phone numbers in mixed formats; two users mapped to MiiTel (mt-user-0, mt-user-1).
 *   The simulator's default numbers (+81312345678, +819012345678, +81661234567) each match one record.
 *   With `demoCalls` (`npm start`): two inbound calls from a number no seeded record holds (the simulator's
 *   `unknown-caller` scenario, `UNKNOWN_NUMBER`), logged through the real call-events endpoint as the local admin, so
 *   the settings page's "Unlinked calls" tab has something to link (seedDemoCalls).
 *   A company main line (代表番号, DEMO_MAIN_LINE) is held by 東都システム株式会社 and shared by three of its Contacts, one
 *   owned by 佐藤 花子 (mt-user-1): under the main-line policy (on in the demo) her calls to it land on her own
 *   Contact, anyone else's on the Account alone, each Task saying why (issue #24).
 *   One Site row per site of the project (Name, MasterLabel, Status Active/Inactive, UrlPathPrefix), as the org
 *   that deployed unpackaged/webhook-site has: the settings page's setup health reads Site in system mode. Written
 *   to the store directly, because Apex and the API cannot insert Site (setup metadata).
 */
import { scenario } from '../../simulator/scenarios.ts';
import { executeDml } from '../data/dml.ts';
import { invokeRest } from '../rest.ts';
import { insertRow } from '../data/seed.ts';
import type { Store } from '../data/store.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import type { Json } from './json-values.ts';
import { SERVER_POS, type OrgService } from './org-service.ts';

export type SeedName = 'demo' | 'none';

/** The demo company's main line (03-6280-1000) as MiiTel reports it: shared by three Contacts and their Account. */
export const DEMO_MAIN_LINE = '+81362801000';

const ADMIN_PERMISSION_SETS = ['MiiTel_Admin', 'MiiTel_Integration'];

function insert(service: OrgService, it: Interpreter, typeName: string, rows: Record<string, Json>[]): string[] {
  const type = service.describe(typeName);
  const records = rows.map((r) => service.recordFromJson(it, type, r));
  executeDml(it, 'insert', records, { allOrNone: true, pos: SERVER_POS });
  return records.map((r) => r.id ?? '');
}

function idOf(service: OrgService, it: Interpreter, soql: string): string {
  const rows = service.query(it, soql);
  const id = typeof rows === 'number' ? undefined : rows[0]?.id;
  if (!id) {
    throw new Error(`seed: nothing found for ${soql}`);
  }
  return id;
}

/** PermissionSetAssignment rows for the local admin user (skipped when the org already has them). */
export function seedAdmin(service: OrgService): void {
  const userId = service.org.userId;
  service.run((it) => {
    const assigned = service.query(
      it,
      `SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '${userId}'`
    );
    const have = new Set(typeof assigned === 'number' ? [] : assigned.map((a) => a.fields.get('permissionsetid')));
    const rows = ADMIN_PERMISSION_SETS.filter((name) => service.org.registry.permissionSets.has(name.toLowerCase()))
      .map((name) => idOf(service, it, `SELECT Id FROM PermissionSet WHERE Name = '${name}'`))
      .filter((id) => !have.has(id))
      .map((id) => ({ AssigneeId: userId, PermissionSetId: id }));
    if (rows.length > 0) {
      insert(service, it, 'PermissionSetAssignment', rows);
    }
  });
}

// Issue #24: the main-line policy's demo — an Account whose Phone is the company main line and three Contacts sharing
// it, one owned by the demo rep 佐藤 花子 (mt-user-1).
function seedMainLine(service: OrgService, it: Interpreter, repId: string): number {
  const [company = ''] = insert(service, it, 'Account', [{ Name: '東都システム株式会社', Phone: '03-6280-1000' }]);
  return insert(service, it, 'Contact', [
    { LastName: '小林', FirstName: '誠', AccountId: company, Phone: '03-6280-1000' },
    { LastName: '加藤', FirstName: '由美', AccountId: company, Phone: '03(6280)1000', OwnerId: repId },
    { LastName: '吉田', FirstName: '大輔', AccountId: company, Phone: '０３－６２８０－１０００' }
  ]).length;
}

export interface DemoSummary {
  accounts: number;
  contacts: number;
  leads: number;
  users: number;
}

function seedSites(service: OrgService, it: Interpreter): void {
  const type = service.describe('Site');
  for (const site of service.org.registry.sites.sites) {
    insertRow(
      it.ctx.store as Store,
      type,
      {
        Name: site.name,
        MasterLabel: site.label,
        Status: site.active ? 'Active' : 'Inactive',
        UrlPathPrefix: site.urlPathPrefix
      },
      Date.now()
    );
  }
}

export function seedDemo(service: OrgService): DemoSummary {
  return service.run((it) => {
    seedSites(service, it);
    // The Outgoing Webhook is on in the demo org (when the package has the setting), so that the simulator's
    // webhook scenarios reach the Site path at once; its secret comes from MIITEL_WEBHOOK_SECRET.
    const webhook: Record<string, Json> = service.describe('MiiTel_Settings__c').fields.has('miitel_webhook_enabled__c')
      ? { MiiTel_Webhook_Enabled__c: true }
      : {};
    const matchPolicy: Record<string, Json> = service
      .describe('MiiTel_Settings__c')
      .fields.has('miitel_match_policy__c')
      ? { MiiTel_Match_Policy__c: 'MainLine' }
      : {};
    insert(service, it, 'MiiTel_Settings__c', [
      {
        Name: 'MiiTel',
        MiiTel_Singleton_Key__c: 'default',
        MiiTel_Enabled__c: true,
        MiiTel_Logging_Timing__c: 'CallEnded',
        MiiTel_Task_Status__c: 'Completed',
        ...matchPolicy,
        ...webhook
      }
    ]);
    const profileId = idOf(service, it, "SELECT Id FROM Profile WHERE Name = 'Standard User'");
    const user = (i: number, last: string, first: string, email: string): Record<string, Json> => ({
      Username: `${email}.local`,
      LastName: last,
      FirstName: first,
      Email: email,
      Alias: `mt${i}`,
      CommunityNickname: `mt-user-${i}`,
      TimeZoneSidKey: 'Asia/Tokyo',
      LocaleSidKey: 'ja_JP',
      LanguageLocaleKey: 'ja',
      EmailEncodingKey: 'UTF-8',
      ProfileId: profileId,
      MiiTel_User_Id__c: `mt-user-${i}`
    });
    const users = insert(service, it, 'User', [
      user(0, '山田', '太郎', 'yamada@example.co.jp'),
      user(1, '佐藤', '花子', 'sato@example.co.jp')
    ]);
    const [sample = '', minato = '', kansai = ''] = insert(service, it, 'Account', [
      { Name: '株式会社サンプル商事', Phone: '03-1234-5678', OwnerId: users[0] ?? null },
      { Name: '有限会社みなと物産', Phone: '(045)123-4567', OwnerId: users[1] ?? null },
      { Name: '関西テクノ株式会社', Phone: '０６－６９８７－６５４３' }
    ]);
    const contacts = insert(service, it, 'Contact', [
      {
        LastName: '山田',
        FirstName: '一郎',
        AccountId: sample,
        Phone: '03-1234-5678 内線 201',
        MobilePhone: '+81 90 1234 5678'
      },
      {
        LastName: '高橋',
        FirstName: '美咲',
        AccountId: minato,
        Phone: '(045)123-4567',
        Email: 'takahashi@minato.example.jp'
      },
      { LastName: '中村', FirstName: '健', AccountId: kansai, MobilePhone: '０８０－１１１１－２２２２' }
    ]);
    const leads = insert(service, it, 'Lead', [
      { LastName: '鈴木', FirstName: '一郎', Company: '鈴木工業株式会社', Phone: '06-6123-4567' },
      { LastName: '伊藤', FirstName: 'さくら', Company: 'さくらデザイン', MobilePhone: '+81 80 9876 5432' },
      { LastName: '渡辺', FirstName: '翔', Company: '渡辺商店', Phone: '０３－５５５５－１２３４（内線１０）' }
    ]);
    const mainLineContacts = seedMainLine(service, it, users[1] ?? '');
    return {
      accounts: 4,
      contacts: contacts.length + mainLineContacts,
      leads: leads.length,
      users: users.length
    };
  });
}

/**
 * Logs the simulator's `unknown-caller` calls (two inbound calls from one number no seeded record holds, an hour ago)
 * through the real call-events endpoint, as the local admin (who holds MiiTel_Integration): the bridge finds no
 * record and logs them unlinked. Not counted in the org's API usage.
 * @returns the MiiTel call ids logged
 */
export function seedDemoCalls(service: OrgService): string[] {
  const events = scenario('unknown-caller')
    .sends({
      calls: 2,
      seed: 1,
      customerNumbers: [],
      startAt: new Date(Date.now() - 60 * 60 * 1000),
      runId: 'demo-unknown'
    })
    .flat();
  const result = invokeRest(
    service.org,
    'POST',
    '/services/apexrest/miitel/v1/call-events',
    { 'content-type': 'application/json' },
    Buffer.from(JSON.stringify({ events })),
    { countApiUsage: false }
  );
  if (result.status !== 200) {
    throw new Error(`seed: the demo calls were refused (${String(result.status)})`);
  }
  service.committedElsewhere();
  return [...new Set(events.map((e) => e.call.id))];
}
