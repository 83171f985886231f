import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type Finding, type SfdxProject, packageFiles, rel } from './lib/project.ts';
import { checkPlatformLimits } from './limits.ts';

const CHECK = 'metadata';

/** Field types the Metadata API accepts in CustomField.type (Metadata API Developer Guide, "CustomField"). */
export const ALLOWED_FIELD_TYPES: ReadonlySet<string> = new Set([
  'AutoNumber',
  'Checkbox',
  'Currency',
  'Date',
  'DateTime',
  'Email',
  'EncryptedText',
  'ExternalLookup',
  'Hierarchy',
  'Html',
  'IndirectLookup',
  'Location',
  'LongTextArea',
  'Lookup',
  'MasterDetail',
  'MetadataRelationship',
  'MultiselectPicklist',
  'Number',
  'Percent',
  'Phone',
  'Picklist',
  'Summary',
  'Text',
  'TextArea',
  'Time',
  'Url'
]);

/** Elements a field of a type must declare, or the deploy fails. */
const REQUIRED_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  Text: ['length'],
  EncryptedText: ['length', 'maskChar', 'maskType'],
  LongTextArea: ['length', 'visibleLines'],
  Html: ['length', 'visibleLines'],
  Number: ['precision', 'scale'],
  Currency: ['precision', 'scale'],
  Percent: ['precision', 'scale'],
  Lookup: ['referenceTo', 'relationshipName'],
  MasterDetail: ['referenceTo', 'relationshipName'],
  MultiselectPicklist: ['visibleLines']
};

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: () => false });

type XmlObject = Record<string, unknown>;

function parseRoot(text: string): [string, XmlObject] | undefined {
  const doc = xml.parse(text) as XmlObject;
  const rootName = Object.keys(doc).find((key) => key !== '?xml');
  if (!rootName) {
    return undefined;
  }
  const body = doc[rootName];
  return [rootName, typeof body === 'object' && body !== null ? (body as XmlObject) : {}];
}

/**
 * Offline metadata rules the Salesforce CLI does not enforce when converting source:
 * well-formed XML, Apex meta files with the pinned API version, valid custom field definitions, MiiTel naming, and
 * the documented per-object limits of scripts/checks/platform-limits.ts (limits.ts).
 */
export function checkMetadata(project: SfdxProject): Finding[] {
  const findings: Finding[] = [];
  const add = (file: string, message: string, line?: number): void => {
    findings.push({ check: CHECK, file: rel(project, file), message, ...(line === undefined ? {} : { line }) });
  };
  const files = packageFiles(project);
  const parsed = new Map<string, [string, XmlObject]>();

  for (const file of files.filter((f) => f.endsWith('.xml'))) {
    const text = readFileSync(file, 'utf8');
    const valid = XMLValidator.validate(text);
    if (valid !== true) {
      add(file, `malformed XML: ${valid.err.msg}`, valid.err.line);
      continue;
    }
    const root = parseRoot(text);
    if (root) {
      parsed.set(file, root);
    } else {
      add(file, 'XML has no root element');
    }
  }

  findings.push(...checkTranslations(project, parsed));
  findings.push(...checkFieldTranslations(project, parsed));
  findings.push(...checkPlatformLimits(project, parsed));
  for (const file of files) {
    if (file.endsWith('.cls') || file.endsWith('.trigger')) {
      checkApexMeta(project, file, parsed, add);
    }
    const root = parsed.get(file);
    if (root && file.endsWith('.field-meta.xml')) {
      checkField(file, root, add);
    }
    if (root && file.endsWith('__c.object-meta.xml')) {
      checkObjectClassification(file, root, add);
    }
    if (root && file.endsWith('.labels-meta.xml')) {
      checkLabelNames(file, root[1], add);
    }
    checkNaming(file, add);
  }
  return findings;
}

type Add = (file: string, message: string, line?: number) => void;

function checkApexMeta(project: SfdxProject, file: string, parsed: Map<string, [string, XmlObject]>, add: Add): void {
  const metaFile = `${file}-meta.xml`;
  const expectedRoot = file.endsWith('.cls') ? 'ApexClass' : 'ApexTrigger';
  if (!existsSync(metaFile)) {
    add(file, `missing ${basename(metaFile)}`);
    return;
  }
  const root = parsed.get(metaFile);
  if (!root) {
    return; // already reported as malformed
  }
  const [rootName, body] = root;
  if (rootName !== expectedRoot) {
    add(metaFile, `root element is <${rootName}>, expected <${expectedRoot}>`);
  }
  if (String(body.apiVersion) !== project.sourceApiVersion) {
    add(
      metaFile,
      `apiVersion is ${String(body.apiVersion)}, expected the pinned sourceApiVersion ${project.sourceApiVersion}`
    );
  }
  if (body.status !== 'Active') {
    add(metaFile, `status is ${String(body.status)}, expected Active`);
  }
}

function checkField(file: string, [rootName, body]: [string, XmlObject], add: Add): void {
  const expectedName = basename(file, '.field-meta.xml');
  if (rootName !== 'CustomField') {
    add(file, `root element is <${rootName}>, expected <CustomField>`);
    return;
  }
  if (body.fullName !== expectedName) {
    add(file, `fullName is ${String(body.fullName)}, expected ${expectedName} (the file name)`);
  }
  const isCustom = expectedName.endsWith('__c');
  const type = body.type;
  if (type === undefined) {
    if (isCustom) {
      add(file, 'custom field has no <type>');
    }
    return;
  }
  if (typeof type !== 'string' || !ALLOWED_FIELD_TYPES.has(type)) {
    add(file, `<type>${String(type)}</type> is not a field type the Metadata API accepts`);
    return;
  }
  // Its length is a row of platform-limits.ts (custom-field-label-length), checked in limits.ts.
  if (isCustom && (typeof body.label !== 'string' || body.label.length === 0)) {
    add(file, 'custom field needs a <label>');
  }
  if (body.formula === undefined) {
    for (const element of REQUIRED_BY_TYPE[type] ?? []) {
      if (body[element] === undefined) {
        add(file, `a ${type} field needs <${element}>`);
      }
    }
  }
  if (type === 'Text' && body.length !== undefined) {
    const length = Number(body.length);
    if (!Number.isInteger(length) || length < 1 || length > 255) {
      add(file, `Text length ${String(body.length)} is outside 1..255`);
    }
  }
  if ((type === 'Picklist' || type === 'MultiselectPicklist') && body.valueSet === undefined && isCustom) {
    add(file, `a ${type} field needs a <valueSet>`);
  }
}

/**
 * Sharing, Bulk API and Streaming API access classify a custom object together: all three on make it an Enterprise
 * Application object, all three off a Light Application object, and Setup offers them as one choice ("Enable
 * Enterprise Features (Sharing, Bulk API, and Streaming API)"). A mix is refused on deploy. A missing element reads
 * as false, the Metadata API default for booleans.
 * Sources: Salesforce CLI Command Reference, "schema generate sobject", --use-default-features
 * (https://developer.salesforce.com/docs/platform/salesforce-cli-reference/guide/cli_reference_schema_generate_sobject.html);
 * Metadata API Developer Guide, "CustomObject" (https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/customobject.htm).
 */
export const ENTERPRISE_FLAGS = ['enableSharing', 'enableBulkApi', 'enableStreamingApi'] as const;

function checkObjectClassification(file: string, [rootName, body]: [string, XmlObject], add: Add): void {
  if (rootName !== 'CustomObject') {
    return;
  }
  const values = ENTERPRISE_FLAGS.map((flag) => [flag, String(body[flag]) === 'true'] as const);
  if (new Set(values.map(([, on]) => on)).size > 1) {
    add(
      file,
      `${ENTERPRISE_FLAGS.join(', ')} must be all true (Enterprise Application object) or all false ` +
        `(Light Application object); here ${values.map(([flag, on]) => `${flag}=${String(on)}`).join(', ')}`
    );
  }
}

/** Every custom label has a translation in every translation file (the package ships ja + en), and no stale ones. */
function checkTranslations(project: SfdxProject, parsed: Map<string, [string, XmlObject]>): Finding[] {
  const labels = new Set<string>();
  const translations: [string, Set<string>][] = [];
  for (const [file, [rootName, body]] of parsed) {
    if (rootName === 'CustomLabels') {
      for (const label of [body.labels ?? []].flat() as XmlObject[]) {
        labels.add(String(label.fullName));
      }
    }
    if (rootName === 'Translations') {
      const names = ([body.customLabels ?? []].flat() as XmlObject[]).map((label) => String(label.name));
      translations.push([file, new Set(names)]);
    }
  }
  const findings: Finding[] = [];
  for (const [file, names] of translations) {
    for (const label of [...labels].filter((name) => !names.has(name)).sort()) {
      findings.push({
        check: CHECK,
        file: rel(project, file),
        message: `custom label ${label} has no translation here`
      });
    }
    for (const name of [...names].filter((label) => !labels.has(label)).sort()) {
      findings.push({ check: CHECK, file: rel(project, file), message: `translation of unknown custom label ${name}` });
    }
  }
  return findings;
}

/**
 * Every custom field of a packaged directory is translated into every language the package ships label translations
 * for (translations/<lang>.translation-meta.xml): an `objectTranslations/<Object>-<lang>/fields/<Field>` file in the
 * same package directory with a label, the help text when the field has inline help, and every picklist value.
 */
function checkFieldTranslations(project: SfdxProject, parsed: Map<string, [string, XmlObject]>): Finding[] {
  const findings: Finding[] = [];
  for (const dir of project.packageDirectories.filter((d) => d.package !== undefined)) {
    const prefix = `${join(project.root, dir.path)}${sep}`;
    const inDir = [...parsed].filter(([file]) => file.startsWith(prefix));
    const languages = inDir
      .filter(([file, [rootName]]) => rootName === 'Translations' && file.endsWith('.translation-meta.xml'))
      .map(([file]) => basename(file, '.translation-meta.xml'));
    const translated = new Map<string, XmlObject>();
    for (const [file, [rootName, body]] of inDir) {
      if (rootName === 'CustomFieldTranslation') {
        const objectDir = basename(dirname(dirname(file)));
        translated.set(`${objectDir}/${basename(file, '.fieldTranslation-meta.xml')}`, body);
      }
    }
    for (const [file, [rootName, body]] of inDir) {
      if (rootName !== 'CustomField' || !basename(file).includes('__c.')) {
        continue;
      }
      const object = basename(dirname(dirname(file)));
      const field = basename(file, '.field-meta.xml');
      for (const language of languages) {
        const problem = fieldTranslationProblem(body, translated.get(`${object}-${language}/${field}`));
        if (problem) {
          findings.push({ check: CHECK, file: rel(project, file), message: `${language} translation ${problem}` });
        }
      }
    }
  }
  return findings;
}

function fieldTranslationProblem(field: XmlObject, translation: XmlObject | undefined): string | undefined {
  if (translation === undefined) {
    return 'missing (objectTranslations/<Object>-<lang>/fields/<Field>.fieldTranslation-meta.xml)';
  }
  if (typeof translation.label !== 'string' || translation.label.trim() === '') {
    return 'has no <label>';
  }
  if (field.inlineHelpText !== undefined && (typeof translation.help !== 'string' || translation.help.trim() === '')) {
    return 'has no <help> although the field has inline help text';
  }
  const valueSet = field.valueSet as XmlObject | undefined;
  const definition = valueSet?.valueSetDefinition as XmlObject | undefined;
  const values = ([definition?.value ?? []].flat() as XmlObject[]).map((value) => String(value.fullName));
  const done = new Set(([translation.picklistValues ?? []].flat() as XmlObject[]).map((v) => String(v.masterLabel)));
  const missing = values.filter((value) => !done.has(value));
  return missing.length > 0 ? `has no picklist value translation for ${missing.join(', ')}` : undefined;
}

function checkLabelNames(file: string, body: XmlObject, add: Add): void {
  const labels = body.labels === undefined ? [] : [body.labels].flat();
  for (const label of labels as XmlObject[]) {
    if (typeof label.fullName !== 'string' || !label.fullName.startsWith('MiiTel')) {
      add(file, `custom label ${String(label.fullName)} must start with MiiTel`);
    }
  }
}

const STANDARD_FOLDER_NAMES = new Set(['fields', 'listViews', 'recordTypes', 'validationRules', 'webLinks']);

/** Every API name the package defines carries the MiiTel prefix (no namespace protects us from collisions). */
function checkNaming(file: string, add: Add): void {
  const name = basename(file);
  const parts = dirname(file).split(sep);
  const folder = parts[parts.length - 1] ?? '';
  if (name.endsWith('-meta.xml') && /\.(cls|trigger)-meta\.xml$/.test(name)) {
    return; // judged with its .cls / .trigger
  }
  if (name.endsWith('.cls') || name.endsWith('.trigger')) {
    if (!/^MiiTel/.test(name)) {
      add(file, `Apex name ${name.replace(/\.\w+$/, '')} must start with MiiTel`);
    }
    return;
  }
  if (folder === 'fields' && name.endsWith('__c.field-meta.xml') && !name.startsWith('MiiTel_')) {
    add(file, `custom field ${name.replace('.field-meta.xml', '')} must start with MiiTel_`);
    return;
  }
  if (name.endsWith('.object-meta.xml') && name.includes('__') && !name.startsWith('MiiTel_')) {
    add(file, `custom object ${name.replace('.object-meta.xml', '')} must start with MiiTel_`);
    return;
  }
  const bundleType = parts[parts.length - 2];
  if ((bundleType === 'lwc' || bundleType === 'aura') && !/^miitel/i.test(folder)) {
    add(file, `component bundle ${folder} must start with miitel`);
    return;
  }
  const topLevel = /^(\w+)\.(permissionset|customPermission|tab|app|flexipage|permissionsetgroup)-meta\.xml$/.exec(
    name
  );
  if (topLevel && !STANDARD_FOLDER_NAMES.has(folder) && !topLevel[1]?.startsWith('MiiTel')) {
    add(file, `${topLevel[2]} ${topLevel[1]} must start with MiiTel`);
  }
}
