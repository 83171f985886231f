/**
 * The project's permission sets (`*.permissionset-meta.xml`): name, label, the custom permissions they enable, and
 * the object, field, user permissions and Apex class accesses they grant (Metadata API Developer Guide,
 * "PermissionSet"). Seeded as PermissionSet rows (data/seed.ts); FeatureManagement.checkPermission grants a custom
 * permission to a user holding a PermissionSetAssignment of a permission set that enables it (Apex Reference Guide,
 * "FeatureManagement Class"); data/access.ts adds the object and field permissions to the running user's profile.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

/** Object permissions as the metadata names them. */
export interface ObjectPermissions {
  allowRead: boolean;
  allowCreate: boolean;
  allowEdit: boolean;
  allowDelete: boolean;
  viewAllRecords: boolean;
  modifyAllRecords: boolean;
}

export interface FieldPermissions {
  readable: boolean;
  editable: boolean;
}

export interface PermissionSetInfo {
  name: string;
  label: string;
  /** Lower-cased names of the enabled custom permissions. */
  customPermissions: Set<string>;
  /** Lower-cased object name → its permissions. */
  objectPermissions: Map<string, ObjectPermissions>;
  /**
   * Lower-cased `Object.Field` → its permissions. Activity custom fields are `Task.X__c` / `Event.X__c`: a real org
   * keeps and retrieves their field permissions per object (FieldPermissions "Field: The field's API name. This name
   * must be prefixed with the SobjectType"; Object Reference), never as `Activity.X__c`, which therefore grants
   * nothing here. Whether a deploy of `Activity.X__c` is refused or mapped is unverified; the project's metadata
   * check refuses it in our own permission sets.
   */
  fieldPermissions: Map<string, FieldPermissions>;
  /** Lower-cased names of the enabled user permissions (ApiEnabled, EditTask, …). */
  userPermissions: Set<string>;
  /** Lower-cased names of the Apex classes it grants access to. */
  classAccesses: Set<string>;
}

const LISTS = new Set([
  'customPermissions',
  'objectPermissions',
  'fieldPermissions',
  'userPermissions',
  'classAccesses'
]);
const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (n) => LISTS.has(n) });

type Entry = Record<string, unknown>;
const flag = (v: unknown): boolean => String(v).trim() === 'true';
const name = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export function parsePermissionSet(setName: string, source: string): PermissionSetInfo {
  // A profile's XML (`<Profile>`, Metadata API Developer Guide "Profile") lists the same permission entries as a
  // permission set's.
  const doc = xml.parse(source) as { PermissionSet?: Record<string, unknown>; Profile?: Record<string, unknown> };
  const ps = doc.PermissionSet ?? doc.Profile ?? {};
  const list = (key: string): Entry[] => (Array.isArray(ps[key]) ? (ps[key] as Entry[]) : []);
  const enabled = (key: string, nameKey: string): Set<string> =>
    new Set(
      list(key)
        .filter((c) => flag(c.enabled) && name(c[nameKey]) !== '')
        .map((c) => name(c[nameKey]).toLowerCase())
    );
  const objectPermissions = new Map<string, ObjectPermissions>();
  for (const o of list('objectPermissions')) {
    objectPermissions.set(name(o.object).toLowerCase(), {
      allowRead: flag(o.allowRead),
      allowCreate: flag(o.allowCreate),
      allowEdit: flag(o.allowEdit),
      allowDelete: flag(o.allowDelete),
      viewAllRecords: flag(o.viewAllRecords),
      modifyAllRecords: flag(o.modifyAllRecords)
    });
  }
  const fieldPermissions = new Map<string, FieldPermissions>();
  for (const f of list('fieldPermissions')) {
    fieldPermissions.set(name(f.field).toLowerCase(), { readable: flag(f.readable), editable: flag(f.editable) });
  }
  return {
    name: setName,
    label: typeof ps.label === 'string' ? ps.label.trim() : setName,
    customPermissions: enabled('customPermissions', 'name'),
    objectPermissions,
    fieldPermissions,
    userPermissions: enabled('userPermissions', 'name'),
    classAccesses: enabled('classAccesses', 'apexClass')
  };
}

/** Permission sets under `dirs`, by lower-cased name. */
export function loadPermissionSets(dirs: string[]): Map<string, PermissionSetInfo> {
  const out = new Map<string, PermissionSetInfo>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (entry.startsWith('.') || entry === 'node_modules') {
        continue;
      }
      if (statSync(full).isDirectory()) {
        walk(full);
      } else if (entry.endsWith('.permissionset-meta.xml')) {
        const setName = basename(entry, '.permissionset-meta.xml');
        out.set(setName.toLowerCase(), parsePermissionSet(setName, readFileSync(full, 'utf8')));
      }
    }
  };
  dirs.filter((d) => existsSync(d)).forEach(walk);
  return out;
}
