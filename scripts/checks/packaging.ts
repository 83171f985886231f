/**
 * What a package needs to install, test and version on its own (issue #12): rules about the line between packaged and
 * unpackaged metadata, which no deploy to a scratch org that holds both directories can show.
 * - Packaged Apex must not name custom fields, objects or classes that only unpackaged directories define: the
 *   package's tests run in subscriber orgs and at `sf package version create`, where only the package is (the
 *   unpackaged directory's tests do not run there), and `force-app` must deploy alone. Names are matched anywhere in
 *   the source, string literals included, because dynamic SOQL and `SObject.put` name fields in strings.
 * - `apexTestAccess.permissionSets` of a package directory must be permission sets of that package: they are assigned
 *   to the user who runs the package's tests at version creation (Salesforce DX Developer Guide, "Specify Unpackaged
 *   Metadata or Apex Access for Apex Tests"); one defined elsewhere is not in the build org.
 * - Field permissions of Activity custom fields are written per object, `Task.X__c` and `Event.X__c`: a real org
 *   keeps and retrieves them so (Object Reference "FieldPermissions": "This name must be prefixed with the
 *   SobjectType"); `Activity.X__c` does not name a field a user can be granted.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { type Finding, type SfdxProject, rel, walk } from './lib/project.ts';

const CHECK = 'packaging';

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'fieldPermissions'
});

interface RawPackageDirectory {
  path: string;
  package?: string;
  apexTestAccess?: { permissionSets?: string[] };
}

/** Custom fields and objects (objects/X__c, objects/Obj/fields/F__c) and Apex classes a directory defines. */
function definedNames(files: string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    const name = basename(file);
    const custom = /^(\w+__(?:c|mdt|e))\.(?:field|object)-meta\.xml$/.exec(name);
    const cls = /^(\w+)\.cls$/.exec(name);
    const found = custom?.[1] ?? cls?.[1];
    if (found) {
      names.add(found.toLowerCase());
    }
  }
  return names;
}

export function checkPackaging(project: SfdxProject): Finding[] {
  const findings: Finding[] = [];
  const add = (file: string, message: string, line?: number): void => {
    findings.push({ check: CHECK, file: rel(project, file), message, ...(line === undefined ? {} : { line }) });
  };
  const raw = JSON.parse(readFileSync(join(project.root, 'sfdx-project.json'), 'utf8')) as {
    packageDirectories: RawPackageDirectory[];
  };
  const filesOf = new Map(raw.packageDirectories.map((d) => [d.path, walk(join(project.root, d.path))]));
  const packaged = raw.packageDirectories.filter((d) => d.package !== undefined);
  const unpackagedFiles = raw.packageDirectories
    .filter((d) => d.package === undefined)
    .flatMap((d) => filesOf.get(d.path) ?? []);
  for (const dir of packaged) {
    const files = filesOf.get(dir.path) ?? [];
    const own = definedNames(files);
    const foreign = [...definedNames(unpackagedFiles)].filter((n) => !own.has(n));
    const pattern = foreign.length > 0 ? new RegExp(`\\b(${foreign.map(escape).join('|')})\\b`, 'i') : undefined;
    for (const file of files.filter((f) => f.endsWith('.cls') || f.endsWith('.trigger'))) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((text, i) => {
          const hit = pattern?.exec(text);
          if (hit) {
            add(file, `packaged Apex names ${hit[1]}, which only an unpackaged directory defines`, i + 1);
          }
        });
    }
    const permissionSets = new Set(
      files
        .filter((f) => f.endsWith('.permissionset-meta.xml'))
        .map((f) => basename(f, '.permissionset-meta.xml').toLowerCase())
    );
    for (const name of dir.apexTestAccess?.permissionSets ?? []) {
      if (!permissionSets.has(name.toLowerCase())) {
        add(
          join(project.root, 'sfdx-project.json'),
          `apexTestAccess of package directory ${dir.path} names ${name}, which is not a permission set of that package`
        );
      }
    }
  }
  for (const file of [...filesOf.values()].flat().filter((f) => f.endsWith('.permissionset-meta.xml'))) {
    const doc = xml.parse(readFileSync(file, 'utf8')) as {
      PermissionSet?: { fieldPermissions?: { field?: string }[] };
    };
    for (const entry of doc.PermissionSet?.fieldPermissions ?? []) {
      const field = String(entry.field ?? '');
      if (/^activity\./i.test(field)) {
        const name = field.slice('Activity.'.length);
        add(file, `field permission ${field}: write Activity fields as Task.${name} and Event.${name}`);
      }
    }
  }
  return findings;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
