/**
 * The package's object and field translations (Metadata API Developer Guide "CustomObjectTranslation": source files
 * `objectTranslations/<Object>-<lang>/<Object>-<lang>.objectTranslation-meta.xml` with `caseValues` (the object's
 * label, singular and plural) and `nameFieldLabel`, and `fields/<Field>.fieldTranslation-meta.xml`
 * ("CustomFieldTranslation": `label`, `help`, `picklistValues` pairing a value's `masterLabel` with its
 * `translation`)). Read with the schema (schema.ts); the describe results stay in the org's master language and
 * the readers (Apex describe, the UI API subset) ask for a language's text here, falling back to the master text
 * (the object and field XML) when a language has no translation for it. Fields translated on Activity apply to Task
 * and Event, as the Activity fields themselves do.
 */
import { XMLParser } from 'fast-xml-parser';
import type { FieldDescribe, PicklistEntry, SObjectDescribe } from './schema.ts';

export interface FieldTranslation {
  label?: string;
  help?: string;
  /** Master label of a picklist value (its label in the field XML) → translated label. */
  picklist: Map<string, string>;
}

export interface ObjectTranslation {
  label?: string;
  labelPlural?: string;
  nameFieldLabel?: string;
  /** Lower-cased field name → translation. */
  fields: Map<string, FieldTranslation>;
}

const xml = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  isArray: (name) => name === 'caseValues' || name === 'picklistValues' || name === 'fields'
});

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** `Contact-ja` → ['Contact', 'ja']; `MiiTel_Settings__c-en_US` → ['MiiTel_Settings__c', 'en_US']. */
export function splitTranslationName(name: string): [string, string] | undefined {
  const dash = name.lastIndexOf('-');
  return dash > 0 && dash < name.length - 1 ? [name.slice(0, dash), name.slice(dash + 1)] : undefined;
}

/**
 * The nominative, non-possessive, article-free form of `caseValues` (ObjectNameCaseValue: `plural`, `caseType`,
 * `possessive`, `article`, `value`): the object's label (plural false) and plural label (plural true).
 */
function caseValue(values: Record<string, unknown>[], plural: boolean): string | undefined {
  const plain = values.filter(
    (v) =>
      (text(v.plural) === 'true') === plural &&
      (text(v.caseType) ?? 'Nominative') === 'Nominative' &&
      (text(v.possessive) ?? 'None') === 'None' &&
      (text(v.article) ?? 'None') === 'None'
  );
  return plain.map((v) => text(v.value)).find((v) => v !== undefined);
}

function fieldTranslation(body: Record<string, unknown>): FieldTranslation {
  const picklist = new Map<string, string>();
  for (const p of (body.picklistValues ?? []) as Record<string, unknown>[]) {
    const master = text(p.masterLabel);
    const translated = text(p.translation);
    if (master !== undefined && translated !== undefined) {
      picklist.set(master, translated);
    }
  }
  const label = text(body.label);
  const help = text(body.help);
  return { ...(label ? { label } : {}), ...(help ? { help } : {}), picklist };
}

export class SchemaTranslations {
  /** Language (as in the file name: 'ja', 'en_US') → lower-cased object name → translation. */
  readonly languages = new Map<string, Map<string, ObjectTranslation>>();

  private object(objectName: string, language: string): ObjectTranslation {
    const objects = this.languages.get(language) ?? new Map<string, ObjectTranslation>();
    this.languages.set(language, objects);
    const key = objectName.toLowerCase();
    const found = objects.get(key) ?? { fields: new Map<string, FieldTranslation>() };
    objects.set(key, found);
    return found;
  }

  /** An `<Object>-<lang>.objectTranslation-meta.xml` (also the single-file form with `<fields>` inside). */
  addObjectXml(objectName: string, language: string, source: string): void {
    const doc = xml.parse(source) as { CustomObjectTranslation?: Record<string, unknown> | string };
    const body = typeof doc.CustomObjectTranslation === 'object' ? doc.CustomObjectTranslation : {};
    const t = this.object(objectName, language);
    const cases = (body.caseValues ?? []) as Record<string, unknown>[];
    const label = caseValue(cases, false);
    const plural = caseValue(cases, true);
    const nameFieldLabel = text(body.nameFieldLabel);
    if (label !== undefined) {
      t.label = label;
    }
    if (plural !== undefined) {
      t.labelPlural = plural;
    }
    if (nameFieldLabel !== undefined) {
      t.nameFieldLabel = nameFieldLabel;
    }
    for (const f of (body.fields ?? []) as Record<string, unknown>[]) {
      const name = text(f.name);
      if (name) {
        t.fields.set(name.toLowerCase(), fieldTranslation(f));
      }
    }
  }

  /** A `fields/<Field>.fieldTranslation-meta.xml` of `<Object>-<lang>`; the field is `<name>`, else the file's. */
  addFieldXml(objectName: string, language: string, fileFieldName: string, source: string): void {
    const doc = xml.parse(source) as { CustomFieldTranslation?: Record<string, unknown> | string };
    const body = typeof doc.CustomFieldTranslation === 'object' ? doc.CustomFieldTranslation : {};
    const name = text(body.name) ?? fileFieldName;
    this.object(objectName, language).fields.set(name.toLowerCase(), fieldTranslation(body));
  }

  /** The object's own translation in `language` (not Activity's for Task and Event: that object has its own name). */
  private objectIn(object: SObjectDescribe, language: string | null): ObjectTranslation | undefined {
    return language ? this.languages.get(language)?.get(object.name.toLowerCase()) : undefined;
  }

  private fieldIn(
    object: SObjectDescribe,
    field: FieldDescribe,
    language: string | null
  ): FieldTranslation | undefined {
    if (!language) {
      return undefined;
    }
    const objects = this.languages.get(language);
    const key = field.name.toLowerCase();
    const own = objects?.get(object.name.toLowerCase())?.fields.get(key);
    const activity = ['task', 'event'].includes(object.name.toLowerCase())
      ? objects?.get('activity')?.fields.get(key)
      : undefined;
    return own ?? activity;
  }

  /** The object's label for a user of `language`. */
  objectLabel(object: SObjectDescribe, language: string | null): string {
    return this.objectIn(object, language)?.label ?? object.label;
  }

  objectLabelPlural(object: SObjectDescribe, language: string | null): string {
    return this.objectIn(object, language)?.labelPlural ?? object.labelPlural;
  }

  /** The field's label for a user of `language`; a custom object's Name field takes the `nameFieldLabel`. */
  fieldLabel(object: SObjectDescribe, field: FieldDescribe, language: string | null): string {
    const translated = this.fieldIn(object, field, language)?.label;
    if (translated !== undefined) {
      return translated;
    }
    const nameLabel = object.custom && field.nameField ? this.objectIn(object, language)?.nameFieldLabel : undefined;
    return nameLabel ?? field.label;
  }

  /** The field-level help for a user of `language`; undefined when the field has none. */
  fieldHelp(object: SObjectDescribe, field: FieldDescribe, language: string | null): string | undefined {
    return field.inlineHelpText === undefined
      ? undefined
      : (this.fieldIn(object, field, language)?.help ?? field.inlineHelpText);
  }

  /** A picklist value's label for a user of `language` (translations are keyed by the value's master label). */
  picklistLabel(object: SObjectDescribe, field: FieldDescribe, entry: PicklistEntry, language: string | null): string {
    return this.fieldIn(object, field, language)?.picklist.get(entry.label) ?? entry.label;
  }
}
