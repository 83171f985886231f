/**
 * The project's permission sets (`*.permissionset-meta.xml`): name, label and the custom permissions they enable.
 * Seeded as PermissionSet rows (data/seed.ts); FeatureManagement.checkPermission grants a custom permission to a user
 * holding a PermissionSetAssignment of a permission set that enables it (Apex Reference Guide, "FeatureManagement
 * Class"). Object and field permissions are read by nothing yet (CRUD/FLS are not enforced).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';

export interface PermissionSetInfo {
  name: string;
  label: string;
  /** Lower-cased names of the enabled custom permissions. */
  customPermissions: Set<string>;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (n) => n === 'customPermissions' });

export function parsePermissionSet(name: string, source: string): PermissionSetInfo {
  const doc = xml.parse(source) as {
    PermissionSet?: { label?: unknown; customPermissions?: { enabled?: unknown; name?: unknown }[] };
  };
  const ps = doc.PermissionSet ?? {};
  const enabled = (ps.customPermissions ?? [])
    .filter((c) => String(c.enabled).trim() === 'true' && typeof c.name === 'string')
    .map((c) => String(c.name).trim().toLowerCase());
  return { name, label: typeof ps.label === 'string' ? ps.label.trim() : name, customPermissions: new Set(enabled) };
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
        const name = basename(entry, '.permissionset-meta.xml');
        out.set(name.toLowerCase(), parsePermissionSet(name, readFileSync(full, 'utf8')));
      }
    }
  };
  dirs.filter((d) => existsSync(d)).forEach(walk);
  return out;
}
