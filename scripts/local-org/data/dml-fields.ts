/**
 * The field values a save sets itself (data/dml.ts): defaults and the owner of a new record (a site guest's records
 * owned by the site's default owner), the compound Name, Task/Opportunity/Case.IsClosed, auto-numbers.
 */
import type { Pos } from '../ast/nodes.ts';
import { coerce } from '../values/convert.ts';
import { RuntimeGap } from '../values/errors.ts';
import { prim } from '../values/types.ts';
import type { ApexSObject } from '../values/values.ts';
import type { SiteInfo } from '../schema/sites.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import type { DataHost } from './host.ts';
import type { Store } from './store.ts';

/**
 * The owner of a record a site guest user creates: the site's `siteGuestRecordDefaultOwner` (secure guest user record
 * access: guests own no records; Metadata API Developer Guide "CustomSite"; SiteSettings
 * `enableSitesRecordReassignOrgPref`), else its `siteAdmin` (**unverified** fallback). Also when the guest's code set
 * another OwnerId (**unverified**).
 */
function guestRecordOwner(it: DataHost, site: SiteInfo, pos: Pos): string {
  const username = site.defaultOwner ?? site.siteAdmin;
  const s = it.ctx.store as Store;
  for (const [id, row] of s.tables.get('user') ?? []) {
    if (username !== undefined && String(row.get('username') ?? '').toLowerCase() === username.toLowerCase()) {
      return id;
    }
  }
  throw new RuntimeGap(
    `site ${site.name} (${site.file}) names no siteGuestRecordDefaultOwner or siteAdmin user: the owner of a record its guest user creates is unknown`,
    pos
  );
}

export function applyDefaults(it: DataHost, rec: ApexSObject, pos: Pos): void {
  for (const f of rec.type.fields.values()) {
    const key = f.name.toLowerCase();
    if ((rec.fields.get(key) ?? null) !== null) {
      continue;
    }
    if (f.defaultValue !== undefined) {
      rec.set(
        f.name,
        coerce(typeof f.defaultValue === 'number' ? String(f.defaultValue) : f.defaultValue, prim(f.apexType))
      );
    } else if (f.defaultFormula !== undefined) {
      throw new RuntimeGap(
        `default value formula of ${rec.type.name}.${f.name} (${f.defaultFormula}) is not evaluated by the local org runtime`,
        pos
      );
    } else if (f.display === 'BOOLEAN' && f.custom) {
      rec.set(f.name, false);
    }
  }
  const guestSite = it.ctx.runningUserId ? it.registry.seededUsers.guests.get(it.ctx.runningUserId) : undefined;
  if (rec.type.fields.has('ownerid') && guestSite) {
    rec.set('OwnerId', guestRecordOwner(it, guestSite, pos));
  } else if (rec.type.fields.has('ownerid') && (rec.fields.get('ownerid') ?? null) === null) {
    rec.set('OwnerId', it.ctx.runningUserId ?? null);
  }
  if (rec.type.customSetting === 'Hierarchy' && (rec.fields.get('setupownerid') ?? null) === null) {
    // A hierarchy setting row saved without an owner is the org default (unverified: the reference does not say).
    rec.set('SetupOwnerId', it.ctx.organizationId ?? null);
  }
}

/**
 * Contact/Lead/User Name is the compound of FirstName and LastName in the order of the running user's locale
 * (User.LocaleSidKey): last name first for Japanese, Chinese, Korean and Hungarian locales (山田 一郎), else first
 * name first (Ichiro Yamada). Salesforce Help "Locales Overview": locales determine the display format of names; "A
 * user's locale determines the formats for these types of data: address, currency, date, datetime, name, …"
 * ("Use Standard Methods to Handle Locale Formats"). The platform composes Name when it is read, for the reader;
 * here it is composed when saved, for the saving user (the same while the running user's locale does not change).
 */
export function computeNames(it: DataHost, s: Store, rec: ApexSObject): void {
  const name = rec.type.fields.get('name');
  if (name?.readOnly && rec.type.fields.has('lastname')) {
    const first = rec.fields.get('firstname');
    const last = rec.fields.get('lastname');
    const locale = s.get(it.ctx.runningUserId ?? '')?.get('localesidkey');
    const parts = typeof locale === 'string' && /^(ja|zh|ko|hu)(_|$)/.test(locale) ? [last, first] : [first, last];
    rec.set('Name', parts.filter((p) => typeof p === 'string' && p !== '').join(' '));
  }
}

/**
 * Task.IsClosed follows the Status: true when the status is a closed TaskStatus value (Object Reference "Task":
 * IsClosed "Indicates whether the task has been completed"; "TaskStatus": IsClosed). A closed Task is activity
 * history, an open one a to-do.
 */
export function computeTaskClosed(s: Store, rec: ApexSObject): void {
  if (rec.type.name.toLowerCase() !== 'task' || !rec.type.fields.has('isclosed')) {
    return;
  }
  const status = rec.fields.get('status');
  let closed = false;
  for (const row of s.tables.get('taskstatus')?.values() ?? []) {
    const label = row.get('masterlabel');
    if (typeof status === 'string' && typeof label === 'string' && label.toLowerCase() === status.toLowerCase()) {
      closed = row.get('isclosed') === true;
    }
  }
  rec.set('IsClosed', closed);
}

/**
 * The closed stages and statuses of a new org (Developer Edition, no customisation): Opportunity.IsClosed follows the
 * stage (Object Reference "Opportunity": IsClosed is set by the stage's OpportunityStage.IsClosed; the default
 * closed stages are Closed Won and Closed Lost), Case.IsClosed the status (Object Reference "Case": IsClosed follows
 * CaseStatus.IsClosed; the default closed status is Closed). The runtime has no OpportunityStage / CaseStatus rows,
 * so these sets stand in for them.
 */
const CLOSED_VALUES: Record<string, { field: string; closed: string[] }> = {
  opportunity: { field: 'stagename', closed: ['closed won', 'closed lost'] },
  case: { field: 'status', closed: ['closed'] }
};

export function computeRecordClosed(rec: ApexSObject): void {
  const rule = CLOSED_VALUES[rec.type.name.toLowerCase()];
  if (rule === undefined || !rec.type.fields.has('isclosed')) {
    return;
  }
  const value = rec.fields.get(rule.field);
  rec.set('IsClosed', typeof value === 'string' && rule.closed.includes(value.toLowerCase()));
}

/**
 * Auto-number fields get the next number in their display format when a record is created (Metadata API Developer Guide
 * "CustomField": displayFormat, startingNumber). `{0…}` is the number padded with zeros to as many digits as there are
 * zeros (Salesforce Help "Custom Field Types", Auto Number; unverified here); the date tokens of a format are a
 * RuntimeGap. Only the saved row gets the value, as on the platform the inserted SObject variable gets only its Id.
 */
export function setAutoNumbers(s: Store, type: SObjectDescribe, rec: ApexSObject, pos: Pos): void {
  for (const f of type.fields.values()) {
    if (!f.autoNumber || f.displayFormat === undefined) {
      continue;
    }
    const format = f.displayFormat;
    if (/\{(?!0+\})[^}]*\}/.test(format)) {
      throw new RuntimeGap(
        `auto-number display format ${format} (${type.name}.${f.name}): only {0…} is implemented`,
        pos
      );
    }
    const n = s.nextAutoNumber(`${type.name}.${f.name}`, f.startingNumber ?? 1);
    rec.set(
      f.name,
      format.replace(/\{(0+)\}/g, (_m, zeros: string) => String(n).padStart(zeros.length, '0'))
    );
  }
}
