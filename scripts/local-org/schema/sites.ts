/**
 * Salesforce Sites and platform event subscriber settings read from the project's metadata:
 * - `sites/*.site-meta.xml` (Metadata API Developer Guide "CustomSite": `active`, `urlPathPrefix`, `guestProfile`,
 *   `siteAdmin`, `siteGuestRecordDefaultOwner` — usernames; `masterLabel`);
 * - `profiles/*.profile-meta.xml` (Metadata API Developer Guide "Profile"; the file name is the profile name): the
 *   guest profiles' class accesses, object, field and user permissions, parsed like a permission set's
 *   (schema/permission-sets.ts);
 * - `PlatformEventSubscriberConfigs/*.platformEventSubscriberConfig-meta.xml` (Metadata API Developer Guide
 *   "PlatformEventSubscriberConfig": `platformEventConsumer` = the trigger, `user` = a username, `batchSize` 1–2,000).
 *
 * A site's guest profile without XML in the project is the profile a new site gets: no class access, no object
 * permissions (Salesforce Help "Salesforce Sites guest user characteristics", KB 000385602: "by default no CRUD is
 * given"). What the platform refuses is refused here at load (`checkSiteMetadata`), each naming file:line:
 * - a guest profile granting Edit, Delete, View All or Modify All on an object, or View/Modify All Data (secure guest
 *   user record access, enforced since Spring '21: guests get no update or delete; Experience Cloud Developer Guide
 *   "Give Guest Users Access to Update Records": update in system context instead). Whether a deploy fails or drops
 *   the permission is **unverified**; here it is a load error;
 * - guest sharing rules (`sharingGuestRules`): not modelled, so refused as unsupported instead of ignored;
 * - two active sites on one path prefix; a subscriber config naming no trigger of the project, a trigger that is not
 *   on a platform event, or a batch size outside 1–2,000 (Metadata API Developer Guide
 *   "PlatformEventSubscriberConfig").
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parsePermissionSet, type PermissionSetInfo } from './permission-sets.ts';

export interface SiteInfo {
  name: string;
  label: string;
  active: boolean;
  /** The path prefix (`miitel` serves `/miitel/…`); '' for the site's root. */
  urlPathPrefix: string;
  /** The guest profile's name. */
  guestProfile: string;
  /** Username of the owner of records guests create (`siteGuestRecordDefaultOwner`). */
  defaultOwner?: string;
  /** Username of the site's contact (`siteAdmin`). */
  siteAdmin?: string;
  file: string;
}

export interface ProfileInfo extends PermissionSetInfo {
  userLicense: string;
  file: string;
}

export interface SubscriberConfig {
  name: string;
  /** The platform event trigger it configures. */
  trigger: string;
  /** Username the trigger runs as; absent: the Automated Process user. */
  user?: string;
  batchSize: number;
  file: string;
}

/** What the runtime reads of Sites, profiles and subscriber configs. */
export interface SiteMetadata {
  sites: SiteInfo[];
  /** Profiles with XML in the project, by lower-cased name. */
  profiles: Map<string, ProfileInfo>;
  subscribers: SubscriberConfig[];
  /** Files holding guest sharing rules (refused: not modelled). */
  guestSharingRuleFiles: string[];
}

/** Users seeded for the platform's own purposes: the Automated Process user, each site's guest user (by user id). */
export interface SeededUsers {
  automatedProcess: string | undefined;
  /** Guest user id → its site. */
  guests: Map<string, SiteInfo>;
}

export const EMPTY_SITE_METADATA: SiteMetadata = {
  sites: [],
  profiles: new Map(),
  subscribers: [],
  guestSharingRuleFiles: []
};

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });
const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.') || entry === 'node_modules') {
      continue;
    }
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      walk(full, out);
    } else {
      out.push(full);
    }
  }
}

/** 1-based line of the first occurrence of `needle` in `source` (1 when absent). */
export function lineOf(source: string, needle: string): number {
  const at = source.indexOf(needle);
  return at < 0 ? 1 : source.slice(0, at).split('\n').length;
}

const SITE_SUFFIX = '.site-meta.xml';
const PROFILE_SUFFIX = '.profile-meta.xml';
const SUBSCRIBER_SUFFIX = '.platformEventSubscriberConfig-meta.xml';

function parseSite(file: string, source: string): SiteInfo {
  const doc = (xml.parse(source) as { CustomSite?: Record<string, unknown> }).CustomSite ?? {};
  const name = basename(file, SITE_SUFFIX);
  const label = text(doc.masterLabel) || name;
  const owner = text(doc.siteGuestRecordDefaultOwner);
  const admin = text(doc.siteAdmin);
  return {
    name,
    label,
    active: text(doc.active) === 'true',
    urlPathPrefix: text(doc.urlPathPrefix).replace(/^\/+|\/+$/g, ''),
    // A new site's guest profile is named after the site ("<site label> Profile"; KB 000385602 and the Sites setup).
    guestProfile: text(doc.guestProfile) || `${label} Profile`,
    ...(owner ? { defaultOwner: owner } : {}),
    ...(admin ? { siteAdmin: admin } : {}),
    file
  };
}

function parseSubscriber(file: string, source: string): SubscriberConfig {
  const doc =
    (xml.parse(source) as { PlatformEventSubscriberConfig?: Record<string, unknown> }).PlatformEventSubscriberConfig ??
    {};
  const user = text(doc.user);
  const size = text(doc.batchSize);
  return {
    name: basename(file, SUBSCRIBER_SUFFIX),
    trigger: text(doc.platformEventConsumer),
    ...(user ? { user } : {}),
    // Default 2,000 (Platform Events Developer Guide, "Configure the User and Batch Size for Your Platform Event Trigger").
    batchSize: size === '' ? 2000 : Number(size),
    file
  };
}

/** Reads the Sites, profiles, subscriber configs and guest sharing rules under `dirs` (paths relative to `base`). */
export function loadSiteMetadata(dirs: string[], base = process.cwd()): SiteMetadata {
  const files: string[] = [];
  dirs.filter((d) => existsSync(d)).forEach((d) => walk(d, files));
  const out: SiteMetadata = { sites: [], profiles: new Map(), subscribers: [], guestSharingRuleFiles: [] };
  for (const full of files) {
    const file = relative(base, full) || full;
    if (full.endsWith(SITE_SUFFIX)) {
      out.sites.push(parseSite(file, readFileSync(full, 'utf8')));
    } else if (full.endsWith(PROFILE_SUFFIX)) {
      const source = readFileSync(full, 'utf8');
      const name = basename(full, PROFILE_SUFFIX);
      const doc = (xml.parse(source) as { Profile?: Record<string, unknown> }).Profile ?? {};
      out.profiles.set(name.toLowerCase(), {
        ...parsePermissionSet(name, source),
        userLicense: text(doc.userLicense),
        file
      });
    } else if (full.endsWith(SUBSCRIBER_SUFFIX)) {
      out.subscribers.push(parseSubscriber(file, readFileSync(full, 'utf8')));
    } else if (full.endsWith('.sharingRules-meta.xml') && readFileSync(full, 'utf8').includes('<sharingGuestRules>')) {
      out.guestSharingRuleFiles.push(file);
    }
  }
  return out;
}

/** The guest profile of `site`: its XML, or the empty profile a new site gets. */
export function guestProfileOf(meta: SiteMetadata, site: SiteInfo): ProfileInfo {
  return (
    meta.profiles.get(site.guestProfile.toLowerCase()) ?? {
      name: site.guestProfile,
      label: site.guestProfile,
      customPermissions: new Set(),
      objectPermissions: new Map(),
      fieldPermissions: new Map(),
      userPermissions: new Set(),
      classAccesses: new Set(),
      userLicense: 'Guest User License',
      file: site.file
    }
  );
}
