/**
 * Enforces the `metadata` and `house-rule` rows of scripts/checks/platform-limits.ts over every package directory
 * (part of the `metadata` check). Per object, across directories: what the deploy into one org adds up — our fields
 * of Task and Event are fields of Activity. Findings name the row id so the table is the place to read the source.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { type Finding, type SfdxProject, rel } from './lib/project.ts';
import { platformLimit } from './platform-limits.ts';

type XmlObject = Record<string, unknown>;

const CHECK = 'metadata';
const RELATIONSHIP_TYPES = new Set(['Lookup', 'MasterDetail', 'Hierarchy', 'ExternalLookup', 'IndirectLookup']);
const LONG_TEXT_TYPES = new Set(['LongTextArea', 'Html']);
const ACTIVITY_OBJECTS = new Set(['Activity', 'Task', 'Event']);

interface ObjectFields {
  /** The first field file seen of the object (findings about the object name its object file when there is one). */
  file: string;
  fields: { file: string; name: string; body: XmlObject }[];
}

/** `Task` and `Event` custom fields are Activity fields (Metadata API: CustomField on Activity). */
const objectKey = (name: string): string => (ACTIVITY_OBJECTS.has(name) ? 'Activity' : name);

const isTrue = (value: unknown): boolean => String(value) === 'true';

/** Over-the-limit message: `<what> is N, over the limit of M (<row id>: <source>)`. */
function over(id: string, what: string, count: number): string {
  const row = platformLimit(id);
  return `${what} is ${count.toLocaleString('en-US')}, over the limit of ${row.value.toLocaleString('en-US')} (platform-limits ${id}: ${row.source})`;
}

/** The rows of the table that metadata can break, checked over the parsed XML and the triggers of the project. */
export function checkPlatformLimits(project: SfdxProject, parsed: Map<string, [string, XmlObject]>): Finding[] {
  const findings: Finding[] = [];
  const add = (file: string, message: string): void => {
    findings.push({ check: CHECK, file: rel(project, file), message });
  };
  const objects = new Map<string, ObjectFields>();
  const objectFiles = new Map<string, string>();
  for (const [file, [rootName, body]] of parsed) {
    if (rootName === 'CustomField' && basename(dirname(file)) === 'fields') {
      const object = objectKey(basename(dirname(dirname(file))));
      const entry = objects.get(object) ?? { file, fields: [] };
      entry.fields.push({ file, name: basename(file, '.field-meta.xml'), body });
      objects.set(object, entry);
    }
    if (rootName === 'CustomObject' && file.endsWith('.object-meta.xml')) {
      objectFiles.set(objectKey(basename(file, '.object-meta.xml')), file);
      checkObjectNames(file, body, add);
    }
    if (rootName === 'CustomField') {
      checkFieldNames(file, body, add);
    }
  }
  for (const [object, entry] of [...objects].sort(([a], [b]) => a.localeCompare(b))) {
    const { fields } = entry;
    const file = objectFiles.get(object) ?? entry.file;
    const custom = fields.filter((f) => f.name.endsWith('__c'));
    const countOver = (id: string, what: string, count: number): void => {
      const row = platformLimit(id);
      if ((!row.objects || row.objects.includes(object)) && count > row.value) {
        add(file, over(id, `${object}: ${what}`, count));
      }
    };
    countOver(
      'history-tracked-fields',
      'history-tracked fields',
      fields.filter((f) => isTrue(f.body.trackHistory)).length
    );
    countOver(
      'external-id-fields',
      'External ID and unique fields',
      custom.filter((f) => isTrue(f.body.externalId) || isTrue(f.body.unique)).length
    );
    countOver(object === 'Activity' ? 'activity-custom-fields' : 'custom-fields', 'custom fields', custom.length);
    countOver(
      'relationship-fields',
      'relationship fields',
      custom.filter((f) => RELATIONSHIP_TYPES.has(String(f.body.type))).length
    );
    countOver(
      'master-detail-fields',
      'master-detail fields',
      custom.filter((f) => f.body.type === 'MasterDetail').length
    );
    const longText = custom.filter((f) => LONG_TEXT_TYPES.has(String(f.body.type)));
    countOver(
      'long-text-total',
      'characters of long and rich text area fields',
      longText.reduce((sum, f) => sum + Number(f.body.length ?? 0), 0)
    );
    const maxLength = platformLimit('long-text-length').value;
    for (const f of longText) {
      const length = Number(f.body.length);
      if (!Number.isInteger(length) || length < 256 || length > maxLength) {
        add(
          f.file,
          `${object}.${f.name}: length ${String(f.body.length)} is outside 256..${maxLength.toLocaleString('en-US')} (platform-limits long-text-length: ${platformLimit('long-text-length').source})`
        );
      }
    }
    for (const f of custom) {
      checkPicklist(f.file, `${object}.${f.name}`, f.body, add);
    }
  }
  findings.push(...checkTriggersPerObject(project, parsed));
  return findings;
}

function checkPicklist(
  file: string,
  name: string,
  body: XmlObject,
  add: (file: string, message: string) => void
): void {
  const definition = (body.valueSet as XmlObject | undefined)?.valueSetDefinition as XmlObject | undefined;
  const values = [definition?.value ?? []].flat() as XmlObject[];
  if (values.length > platformLimit('picklist-values').value) {
    add(file, over('picklist-values', `${name}: picklist values`, values.length));
  }
  const maxLength = platformLimit('picklist-value-length').value;
  for (const value of values) {
    const text = String(value.fullName ?? '');
    if (text.length > maxLength) {
      add(
        file,
        over('picklist-value-length', `${name}: the length of picklist value ${text.slice(0, 20)}…`, text.length)
      );
    }
  }
}

/** API names (the file name, without the __c / __e suffix) and labels of custom fields. */
function checkFieldNames(file: string, body: XmlObject, add: (file: string, message: string) => void): void {
  const name = basename(file, '.field-meta.xml');
  const base = name.replace(/__c$/, '');
  if (name.endsWith('__c') && base.length > platformLimit('api-name-length').value) {
    add(file, over('api-name-length', `the API name of ${name} without __c`, base.length));
  }
  const label = typeof body.label === 'string' ? body.label : '';
  if (name.endsWith('__c') && label.length > platformLimit('custom-field-label-length').value) {
    add(file, over('custom-field-label-length', `the label of ${name}`, label.length));
  }
}

function checkObjectNames(file: string, body: XmlObject, add: (file: string, message: string) => void): void {
  const name = basename(file, '.object-meta.xml');
  const suffix = /__(c|e|mdt|b|x)$/.exec(name);
  if (!suffix) {
    return; // a standard object: its names are the platform's
  }
  const base = name.slice(0, -suffix[0].length);
  if (base.length > platformLimit('api-name-length').value) {
    add(file, over('api-name-length', `the API name of ${name} without ${suffix[0]}`, base.length));
  }
  for (const element of ['label', 'pluralLabel']) {
    const text = typeof body[element] === 'string' ? body[element] : '';
    if (text.length > platformLimit('object-label-length').value) {
      add(file, over('object-label-length', `the ${element} of ${name}`, text.length));
    }
  }
}

/** One trigger per object across the project (house rule: several triggers on one object run in no set order). */
function checkTriggersPerObject(project: SfdxProject, parsed: Map<string, [string, XmlObject]>): Finding[] {
  const byObject = new Map<string, string[]>();
  for (const meta of parsed.keys()) {
    if (!meta.endsWith('.trigger-meta.xml')) {
      continue;
    }
    const file = meta.slice(0, -'-meta.xml'.length);
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      continue; // reported by checkApexMeta
    }
    const object = /\btrigger\s+\w+\s+on\s+(\w+)/i.exec(source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))?.[1];
    if (object) {
      const key = object.toLowerCase();
      byObject.set(key, [...(byObject.get(key) ?? []), file]);
    }
  }
  const findings: Finding[] = [];
  const limit = platformLimit('triggers-per-object');
  for (const files of byObject.values()) {
    if (files.length > limit.value) {
      const names = files.map((f) => basename(f, '.trigger')).sort();
      findings.push({
        check: CHECK,
        file: rel(project, files.sort()[1] ?? ''),
        message: `${names.join(', ')} are ${files.length} triggers on one object, over the house rule of ${limit.value} (platform-limits triggers-per-object: ${limit.source})`
      });
    }
  }
  return findings;
}
