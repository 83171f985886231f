/**
 * The org's SObject schema: the project's custom objects and fields (object/field XML of every package directory;
 * fields of the Activity object apply to Task and Event) plus the standard objects from the sobject-types jar,
 * completed by the standard-fields table. Objects are described lazily, on first use. Describes hold the master
 * language's labels; `translations` (translations.ts, read from the same directories) gives them in a language.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { parseCustomMetadataRecord, type CustomMetadataRecord } from './custom-metadata.ts';
import { sobjectJar, type SObjectJar } from './jar.ts';
import { STANDARD_OBJECTS, type DisplayType, type StandardField } from './standard-fields.ts';
import { SchemaTranslations, splitTranslationName } from './translations.ts';
import { buildShareObject, hasShareObject, shareParentName } from './share-objects.ts';
import { lowerName } from './lower.ts';

/** Apex primitive type names: the Apex type of a field, and the interpreter's primitive types (values/types.ts). */
export const PRIMITIVES = [
  'Integer',
  'Long',
  'Double',
  'Decimal',
  'String',
  'Boolean',
  'Date',
  'Datetime',
  'Time',
  'Id',
  'Blob',
  'Object'
] as const;
export type PrimitiveName = (typeof PRIMITIVES)[number];

export interface PicklistEntry {
  value: string;
  label: string;
  isDefault: boolean;
}

export interface FieldDescribe {
  name: string;
  label: string;
  /** Field-level help (field XML `inlineHelpText`), in the org's master language. */
  inlineHelpText?: string;
  apexType: PrimitiveName;
  display: DisplayType;
  custom: boolean;
  length: number;
  precision: number;
  scale: number;
  required: boolean;
  unique: boolean;
  caseSensitive: boolean;
  externalId: boolean;
  nameField: boolean;
  /** Written by the platform only (system fields, compound names, formulas, auto numbers). */
  readOnly: boolean;
  /** Written on create only (Task.TaskSubtype): not updateable. */
  createOnly: boolean;
  /** An auto-number field (custom AutoNumber fields and names, the table's standard ones such as Case.CaseNumber). */
  autoNumber?: boolean;
  /** An auto-number's display format and first number (Metadata API Developer Guide "CustomField" displayFormat,
   * startingNumber).
   */
  displayFormat?: string;
  startingNumber?: number;
  /** A standard field the Object Reference lists with the idLookup property (User.Username); see upsertKeyEligibility. */
  idLookup?: boolean;
  /** An encrypted custom field (type EncryptedText). */
  encrypted?: boolean;
  picklist: PicklistEntry[];
  restrictedPicklist: boolean;
  /** Default applied on insert when the field is null: a literal, or a formula the runtime cannot evaluate. */
  defaultValue?: string | boolean | number;
  defaultFormula?: string;
  referenceTo: string[];
  /** Relationship name used in SOQL paths and on records (Account for AccountId, Foo__r for Foo__c). */
  relationshipName?: string;
  /** A compound address field (BillingAddress): the prefix of its component fields (Billing → BillingStreet, …). */
  addressOf?: string;
}

/** A Platform Cache partition (Metadata API Developer Guide "PlatformCachePartition"): capacities in MB per cache type.
 *
 */
export interface CachePartition {
  name: string;
  isDefault: boolean;
  org: number;
  session: number;
}

function parseCachePartition(name: string, source: string): CachePartition {
  const body = ((xml.parse(source) as Record<string, unknown>).PlatformCachePartition ?? {}) as Record<string, unknown>;
  const types = body.platformCachePartitionTypes;
  const list = (Array.isArray(types) ? types : types ? [types] : []) as Record<string, unknown>[];
  const capacity = (type: string): number =>
    Number(text(list.find((t) => text(t.cacheType) === type)?.allocatedCapacity) ?? 0);
  return {
    name,
    isDefault: text(body.isDefaultPartition) === 'true',
    org: capacity('Organization'),
    session: capacity('Session')
  };
}

export interface ChildRelationship {
  name: string;
  childObject: string;
  field?: string;
}

export interface SObjectDescribe {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  custom: boolean;
  fields: Map<string, FieldDescribe>;
  /** Lower-cased relationship name → the lookup field. */
  relationships: Map<string, FieldDescribe>;
  /** Lower-cased child relationship name → child object. */
  children: Map<string, ChildRelationship>;
  /** Org-wide default of a custom object (object XML `sharingModel`: Private, Read, ReadWrite, …); see data/access.ts. */
  sharingModel?: string;
  /** A custom setting (object XML `customSettingsType`): stdlib/custom-settings.ts. */
  customSetting?: 'Hierarchy' | 'List';
  /** A platform event (`__e`) and its publish behaviour: stdlib/events.ts. */
  platformEvent?: 'PublishImmediately' | 'PublishAfterCommit';
  /** A platform event's `eventType` (HighVolume unless StandardVolume): publish callbacks need HighVolume. */
  platformEventVolume?: 'HighVolume' | 'StandardVolume';
}

interface FieldXml {
  object: string;
  body: Record<string, unknown>;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => name === 'value' });

const SYSTEM_FIELDS: [string, PrimitiveName, DisplayType][] = [
  ['Id', 'Id', 'ID'],
  ['OwnerId', 'Id', 'REFERENCE'],
  ['IsDeleted', 'Boolean', 'BOOLEAN'],
  ['CreatedDate', 'Datetime', 'DATETIME'],
  ['CreatedById', 'Id', 'REFERENCE'],
  ['LastModifiedDate', 'Datetime', 'DATETIME'],
  ['LastModifiedById', 'Id', 'REFERENCE'],
  ['SystemModstamp', 'Datetime', 'DATETIME'],
  ['LastViewedDate', 'Datetime', 'DATETIME'],
  ['LastReferencedDate', 'Datetime', 'DATETIME']
];
const SYSTEM_FIELD_NAMES = new Set(SYSTEM_FIELDS.map(([n]) => n.toLowerCase()));

function field(name: string, apexType: PrimitiveName, display: DisplayType, custom: boolean): FieldDescribe {
  return {
    name,
    label: name.replace(/__c$/, '').replace(/_/g, ' '),
    apexType,
    display,
    custom,
    // Ids and references are 18 characters long (DescribeFieldResult.getLength of an id field).
    length: display === 'ID' || display === 'REFERENCE' ? 18 : 0,
    precision: 0,
    scale: 0,
    required: false,
    unique: false,
    caseSensitive: false,
    externalId: false,
    nameField: false,
    readOnly: false,
    createOnly: false,
    picklist: [],
    restrictedPicklist: false,
    referenceTo: []
  };
}

function displayFor(apexType: string, name: string): DisplayType {
  switch (apexType) {
    case 'Id':
      return name === 'Id' ? 'ID' : 'REFERENCE';
    case 'Boolean':
      return 'BOOLEAN';
    case 'Integer':
      return 'INTEGER';
    case 'Double':
    case 'Decimal':
      return 'DOUBLE';
    case 'Date':
      return 'DATE';
    case 'Datetime':
      return 'DATETIME';
    case 'Time':
      return 'TIME';
    case 'Blob':
      return 'BASE64';
    case 'Address':
      return 'ADDRESS';
    case 'Location':
      return 'LOCATION';
    case 'String':
      return 'STRING';
    default:
      return 'ANYTYPE';
  }
}

const APEX_TYPES = new Set<string>([
  'Id',
  'Boolean',
  'Integer',
  'Double',
  'Decimal',
  'Date',
  'Datetime',
  'Time',
  'Blob',
  'String'
]);

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export class Schema {
  private readonly described = new Map<string, SObjectDescribe | null>();
  private readonly customObjects = new Map<string, Record<string, unknown>>();
  private readonly customFields = new Map<string, FieldXml[]>();
  private readonly prefixes = new Map<string, string>();
  /** Global value sets (globalValueSets/) by lower-cased name: the values of picklists that name one. */
  private readonly globalValueSets = new Map<string, PicklistEntry[]>();
  /** Apex sharing reasons (objects/X/sharingReasons/) by lower-cased object name: schema/share-objects.ts. */
  private readonly sharingReasons = new Map<string, string[]>();
  /** The object and field translations of the package directories (objectTranslations/). */
  readonly translations = new SchemaTranslations();
  /** The custom metadata records of the package directories (customMetadata/), seeded as rows of their `__mdt`. */
  readonly customMetadata: CustomMetadataRecord[] = [];
  /** Lower-cased names of the objects that have field sets (objects/X/fieldSets/): stdlib/sobjects.ts. */
  readonly fieldSetObjects = new Set<string>();
  /** Platform Cache partitions (cachePartitions/*.cachePartition-meta.xml) by lower-cased name; stdlib/cache.ts. */
  readonly cachePartitions = new Map<string, CachePartition>();

  constructor(
    /** Package directories to read object XML from. */
    dirs: string[] = [],
    private readonly jar: SObjectJar | null = sobjectJar()
  ) {
    for (const dir of dirs) {
      this.readDir(dir);
    }
    // Custom object ids start a0x here; custom metadata record ids start with m (m00, m01, … as on the platform, where
    // each type gets its own m-prefix; the digits are made up).
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    const names = [...this.customObjects.keys()].sort();
    names
      .filter((n) => !n.endsWith('__mdt'))
      .forEach((name, i) => this.prefixes.set(name, `a0${chars[i % 62] ?? '0'}`));
    names.filter((n) => n.endsWith('__mdt')).forEach((name, i) => this.prefixes.set(name, `m0${chars[i % 62] ?? '0'}`));
    names.filter((n) => n.endsWith('__e')).forEach((name, i) => this.prefixes.set(name, `e0${chars[i % 62] ?? '0'}`));
  }

  private readDir(dir: string): void {
    if (!existsSync(dir)) {
      return;
    }
    for (const entry of readdirSync(dir).sort()) {
      const full = join(dir, entry);
      if (entry.startsWith('.') || entry === 'node_modules') {
        continue;
      }
      if (statSync(full).isDirectory()) {
        this.readDir(full);
      } else if (entry.endsWith('.object-meta.xml')) {
        const name = basename(entry, '.object-meta.xml');
        const body = (xml.parse(readFileSync(full, 'utf8')) as Record<string, unknown>).CustomObject;
        if (name.endsWith('__c') || name.endsWith('__mdt') || name.endsWith('__e')) {
          this.customObjects.set(name.toLowerCase(), { ...(body as Record<string, unknown>), fullName: name });
        }
      } else if (entry.endsWith('.globalValueSet-meta.xml')) {
        // Metadata API Developer Guide "GlobalValueSet": customValue entries (fullName, label, default), shared by the
        // picklist fields whose valueSet names it (valueSetName).
        const body = (xml.parse(readFileSync(full, 'utf8')) as Record<string, unknown>).GlobalValueSet as
          Record<string, unknown> | undefined;
        const raw = body?.customValue;
        const values = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Record<string, unknown>[];
        this.globalValueSets.set(
          basename(entry, '.globalValueSet-meta.xml').toLowerCase(),
          values.map((v) => ({
            value: String(v.fullName),
            label: text(v.label) ?? String(v.fullName),
            isDefault: text(v.default) === 'true'
          }))
        );
      } else if (entry.endsWith('.sharingReason-meta.xml')) {
        const object = basename(join(full, '..', '..')).toLowerCase();
        this.sharingReasons.set(object, [
          ...(this.sharingReasons.get(object) ?? []),
          basename(entry, '.sharingReason-meta.xml')
        ]);
      } else if (entry.endsWith('.fieldSet-meta.xml')) {
        this.fieldSetObjects.add(basename(join(full, '..', '..')).toLowerCase());
      } else if (entry.endsWith('.cachePartition-meta.xml')) {
        const partition = parseCachePartition(basename(entry, '.cachePartition-meta.xml'), readFileSync(full, 'utf8'));
        this.cachePartitions.set(partition.name.toLowerCase(), partition);
      } else if (entry.endsWith('.md-meta.xml')) {
        this.customMetadata.push(parseCustomMetadataRecord(full, entry, readFileSync(full, 'utf8')));
      } else if (entry.endsWith('.field-meta.xml')) {
        const object = basename(join(full, '..', '..'));
        const body = (xml.parse(readFileSync(full, 'utf8')) as Record<string, unknown>).CustomField as Record<
          string,
          unknown
        >;
        const owners = object === 'Activity' ? ['Task', 'Event'] : [object];
        for (const owner of owners) {
          const key = owner.toLowerCase();
          this.customFields.set(key, [
            ...(this.customFields.get(key) ?? []),
            { object: owner, body: { ...body, fullName: basename(entry, '.field-meta.xml') } }
          ]);
        }
      } else if (entry.endsWith('.objectTranslation-meta.xml')) {
        const parts = splitTranslationName(basename(entry, '.objectTranslation-meta.xml'));
        if (parts) {
          this.translations.addObjectXml(parts[0], parts[1], readFileSync(full, 'utf8'));
        }
      } else if (entry.endsWith('.fieldTranslation-meta.xml')) {
        const parts = splitTranslationName(basename(join(full, '..', '..')));
        if (parts) {
          const fieldName = basename(entry, '.fieldTranslation-meta.xml');
          this.translations.addFieldXml(parts[0], parts[1], fieldName, readFileSync(full, 'utf8'));
        }
      }
    }
  }

  /** The object's describe, or undefined when no such object exists. */
  describe(name: string): SObjectDescribe | undefined {
    const key = lowerName(name).replace(/^schema\./, '');
    if (!this.described.has(key)) {
      this.described.set(key, this.build(key) ?? null);
    }
    return this.described.get(key) ?? undefined;
  }

  /** All object names the org knows (custom objects and every standard object of the jar). */
  objectNames(): string[] {
    const custom = [...this.customObjects.values()].map((o) => String(o.fullName));
    return [...custom, ...(this.jar?.names() ?? Object.keys(STANDARD_OBJECTS))];
  }

  /**
   * Custom objects a Task/Event WhatId may point to: those whose object XML has `<enableActivities>true</enableActivities>`
   * (Metadata API Developer Guide "CustomObject": enableActivities; Object Reference "TaskRelation": a task can be
   * related to "one account, asset, campaign, case, contract, opportunity, product, solution, or custom object").
   * Others are refused with FIELD_INTEGRITY_EXCEPTION by DML.
   */
  activityObjects(): string[] {
    return [...this.customObjects.values()]
      .filter((o) => text(o.enableActivities) === 'true')
      .map((o) => String(o.fullName))
      .sort();
  }

  /** The object whose ids start with `prefix`, among the objects described so far and the table's. */
  objectForPrefix(prefix: string): SObjectDescribe | undefined {
    for (const name of [...Object.keys(STANDARD_OBJECTS), ...this.customObjects.keys()]) {
      const d = this.describe(name);
      if (d?.keyPrefix === prefix) {
        return d;
      }
    }
    for (const d of this.described.values()) {
      if (d?.keyPrefix === prefix) {
        return d;
      }
    }
    return undefined;
  }

  private build(key: string): SObjectDescribe | undefined {
    const shareParent = shareParentName(key);
    const parent = shareParent ? this.describe(shareParent) : undefined;
    if (parent?.custom && hasShareObject(parent.sharingModel)) {
      return buildShareObject(
        parent,
        this.sharingReasons.get(parent.name.toLowerCase()) ?? [],
        madeUpPrefix(key),
        (name, apexType, display) => field(name, apexType, display, false)
      );
    }
    const custom = this.customObjects.get(key);
    if (custom) {
      return key.endsWith('__mdt')
        ? this.buildCustomMetadata(custom)
        : key.endsWith('__e')
          ? this.buildPlatformEvent(custom)
          : this.buildCustom(custom);
    }
    const members = this.jar?.members(key);
    const table = Object.entries(STANDARD_OBJECTS).find(([n]) => n.toLowerCase() === key);
    if (!members && !table) {
      return catalogObject(key);
    }
    const name = this.jar?.spelling(key) ?? table?.[0] ?? key;
    const info = table?.[1];
    const d: SObjectDescribe = {
      name,
      label: info?.label ?? name,
      labelPlural: info?.labelPlural ?? `${name}s`,
      keyPrefix: info?.keyPrefix ?? madeUpPrefix(name),
      custom: false,
      fields: new Map(),
      relationships: new Map(),
      children: new Map()
    };
    const lookups = new Map<string, string>();
    for (const m of members ?? []) {
      if (m.kind === 'field') {
        const apexType = (APEX_TYPES.has(m.type) ? m.type : 'Object') as PrimitiveName;
        d.fields.set(m.name.toLowerCase(), field(m.name, apexType, displayFor(m.type, m.name), false));
      } else if (m.kind === 'lookup') {
        lookups.set(m.name, m.type);
      } else {
        d.children.set(m.name.toLowerCase(), { name: m.name, childObject: m.type });
      }
    }
    for (const [rel, target] of lookups) {
      const idField = d.fields.get(`${rel}id`.toLowerCase());
      if (idField) {
        idField.relationshipName = rel;
        idField.referenceTo = target === 'Name' || target === 'SObject' ? [] : [target];
        d.relationships.set(rel.toLowerCase(), idField);
      }
    }
    for (const [fname, spec] of Object.entries(info?.fields ?? {})) {
      applyStandard(d, fname, spec);
    }
    addAddressFields(d);
    const whatId = key === 'task' || key === 'event' ? d.fields.get('whatid') : undefined;
    if (whatId) {
      whatId.referenceTo = [...whatId.referenceTo, ...this.activityObjects()];
    }
    for (const f of d.fields.values()) {
      if (SYSTEM_FIELD_NAMES.has(f.name.toLowerCase()) && f.name !== 'OwnerId') {
        f.readOnly = true;
      }
      if (f.display === 'STRING' && f.length === 0) {
        f.length = 255;
      }
    }
    this.addCustomFields(d);
    return d;
  }

  private buildCustom(obj: Record<string, unknown>): SObjectDescribe {
    const name = String(obj.fullName);
    const d: SObjectDescribe = {
      name,
      label: text(obj.label) ?? name,
      labelPlural: text(obj.pluralLabel) ?? name,
      keyPrefix: this.prefixes.get(name.toLowerCase()) ?? 'a00',
      custom: true,
      fields: new Map(),
      relationships: new Map(),
      children: new Map(),
      ...(typeof obj.sharingModel === 'string' ? { sharingModel: obj.sharingModel } : {})
    };
    for (const [fname, apexType, display] of SYSTEM_FIELDS) {
      const f = field(fname, apexType, display, false);
      f.readOnly = fname !== 'OwnerId';
      d.fields.set(fname.toLowerCase(), f);
    }
    const owner = d.fields.get('ownerid');
    if (owner) {
      owner.referenceTo = ['User', 'Group'];
      owner.relationshipName = 'Owner';
      d.relationships.set('owner', owner);
    }
    for (const [idName, rel] of [
      ['createdbyid', 'CreatedBy'],
      ['lastmodifiedbyid', 'LastModifiedBy']
    ] as const) {
      const f = d.fields.get(idName);
      if (f) {
        f.referenceTo = ['User'];
        f.relationshipName = rel;
        d.relationships.set(rel.toLowerCase(), f);
      }
    }
    const settingType = text(obj.customSettingsType);
    if (settingType === 'Hierarchy' || settingType === 'List') {
      // Custom settings have no owner; a hierarchy setting's row belongs to the org, a profile or a user through
      // SetupOwnerId (Apex Reference Guide "Custom Settings Methods").
      d.customSetting = settingType;
      d.fields.delete('ownerid');
      d.relationships.delete('owner');
      if (settingType === 'Hierarchy') {
        const setupOwner = field('SetupOwnerId', 'Id', 'REFERENCE', false);
        setupOwner.referenceTo = ['Organization', 'Profile', 'User'];
        setupOwner.relationshipName = 'SetupOwner';
        d.fields.set('setupownerid', setupOwner);
        d.relationships.set('setupowner', setupOwner);
      }
    }
    const nameXml = (obj.nameField ?? {}) as Record<string, unknown>;
    const nameField = field('Name', 'String', 'STRING', false);
    nameField.label = text(nameXml.label) ?? 'Name';
    nameField.length = 80;
    nameField.nameField = true;
    nameField.readOnly = nameXml.type === 'AutoNumber';
    nameField.autoNumber = nameXml.type === 'AutoNumber';
    autoNumberFormat(nameField, nameXml);
    d.fields.set('name', nameField);
    this.addCustomFields(d);
    return d;
  }

  /**
   * A custom metadata type: the standard fields of Object Reference "CustomObjectType__mdt" (Id, DeveloperName,
   * MasterLabel, Label, Language, NamespacePrefix, QualifiedApiName), all read-only, and the type's custom fields.
   */
  private buildCustomMetadata(obj: Record<string, unknown>): SObjectDescribe {
    const name = String(obj.fullName);
    const d: SObjectDescribe = {
      name,
      label: text(obj.label) ?? name,
      labelPlural: text(obj.pluralLabel) ?? name,
      keyPrefix: this.prefixes.get(name.toLowerCase()) ?? 'm00',
      custom: true,
      fields: new Map(),
      relationships: new Map(),
      children: new Map()
    };
    const standard: [string, PrimitiveName, DisplayType, number][] = [
      ['Id', 'Id', 'ID', 18],
      ['DeveloperName', 'String', 'STRING', 40],
      ['MasterLabel', 'String', 'STRING', 40],
      ['Label', 'String', 'STRING', 40],
      ['Language', 'String', 'PICKLIST', 40],
      ['NamespacePrefix', 'String', 'STRING', 15],
      ['QualifiedApiName', 'String', 'STRING', 70]
    ];
    for (const [fname, apexType, display, length] of standard) {
      const f = field(fname, apexType, display, false);
      f.length = length;
      f.readOnly = fname === 'Id' || fname === 'NamespacePrefix' || fname === 'QualifiedApiName';
      f.nameField = fname === 'MasterLabel';
      d.fields.set(fname.toLowerCase(), f);
    }
    this.addCustomFields(d);
    return d;
  }

  /**
   * A platform event (Object Reference "Platform Events", standard fields of an event message): ReplayId, EventUuid,
   * CreatedDate, CreatedById, and the event's custom fields; no Id, Name or owner. `publishBehavior` is kept for
   * stdlib/events.ts.
   */
  private buildPlatformEvent(obj: Record<string, unknown>): SObjectDescribe {
    const name = String(obj.fullName);
    const d: SObjectDescribe = {
      name,
      label: text(obj.label) ?? name,
      labelPlural: text(obj.pluralLabel) ?? name,
      keyPrefix: this.prefixes.get(name.toLowerCase()) ?? 'e00',
      custom: true,
      fields: new Map(),
      relationships: new Map(),
      children: new Map(),
      platformEvent: text(obj.publishBehavior) === 'PublishAfterCommit' ? 'PublishAfterCommit' : 'PublishImmediately',
      platformEventVolume: text(obj.eventType) === 'StandardVolume' ? 'StandardVolume' : 'HighVolume'
    };
    const standard: [string, PrimitiveName, DisplayType][] = [
      ['ReplayId', 'String', 'STRING'],
      ['EventUuid', 'String', 'STRING'],
      ['CreatedDate', 'Datetime', 'DATETIME'],
      ['CreatedById', 'Id', 'REFERENCE']
    ];
    for (const [fname, apexType, display] of standard) {
      const f = field(fname, apexType, display, false);
      f.readOnly = true;
      d.fields.set(fname.toLowerCase(), f);
    }
    const createdBy = d.fields.get('createdbyid');
    if (createdBy) {
      createdBy.referenceTo = ['User'];
      createdBy.relationshipName = 'CreatedBy';
      d.relationships.set('createdby', createdBy);
    }
    this.addCustomFields(d);
    return d;
  }

  private addCustomFields(d: SObjectDescribe): void {
    for (const { body } of this.customFields.get(d.name.toLowerCase()) ?? []) {
      const f = customField(body);
      const valueSetName = text((body.valueSet as Record<string, unknown> | undefined)?.valueSetName);
      const global = valueSetName ? this.globalValueSets.get(valueSetName.toLowerCase()) : undefined;
      if (global) {
        f.picklist = global.map((p) => ({ ...p }));
        const defaultPick = global.find((p) => p.isDefault);
        if (defaultPick && f.display === 'PICKLIST') {
          f.defaultValue = defaultPick.value;
        }
      }
      d.fields.set(f.name.toLowerCase(), f);
      if (f.relationshipName) {
        d.relationships.set(f.relationshipName.toLowerCase(), f);
      }
    }
    this.addChildRelationships(d);
  }

  /** The parent-to-child relationships of the project's custom lookups to `d` (`<relationshipName>__r`). */
  private addChildRelationships(d: SObjectDescribe): void {
    for (const fields of this.customFields.values()) {
      for (const { object, body } of fields) {
        const rel = text(body.relationshipName);
        const target = text(body.referenceTo);
        if (
          rel &&
          target?.toLowerCase() === d.name.toLowerCase() &&
          ['Lookup', 'MasterDetail'].includes(text(body.type) ?? '')
        ) {
          const name = `${rel}__r`;
          d.children.set(name.toLowerCase(), { name, childObject: object, field: String(body.fullName) });
        }
      }
    }
  }
}

/**
 * Compound address fields (Apex Developer Guide "Compound Fields"; Object Reference "Address Compound Fields"):
 * BillingAddress, ShippingAddress, MailingAddress, OtherAddress, Address, … — read-only, of type Address, made of
 * `<prefix>Street`, `City`, `State`, `PostalCode`, `Country`, … The sobject-types jar lists the components but not the
 * compound field.
 */
function addAddressFields(d: SObjectDescribe): void {
  for (const f of [...d.fields.values()]) {
    const prefix = /^(.*)Street$/.exec(f.name)?.[1];
    const name = `${prefix ?? ''}Address`;
    if (prefix === undefined || !d.fields.has(`${prefix}city`.toLowerCase()) || d.fields.has(name.toLowerCase())) {
      continue;
    }
    const address = field(name, 'Object', 'ADDRESS', false);
    address.readOnly = true;
    address.addressOf = prefix;
    d.fields.set(name.toLowerCase(), address);
  }
}

function applyStandard(d: SObjectDescribe, name: string, spec: StandardField): void {
  const f = d.fields.get(name.toLowerCase()) ?? field(name, 'String', 'STRING', false);
  d.fields.set(name.toLowerCase(), f);
  if (spec.display) {
    f.display = spec.display;
  }
  f.length = spec.length ?? f.length;
  f.required = spec.required ?? false;
  f.nameField = spec.nameField ?? false;
  f.readOnly = spec.readOnly ?? false;
  f.createOnly = spec.createOnly ?? false;
  f.unique = spec.unique ?? false;
  f.autoNumber = spec.autoNumber ?? false;
  f.idLookup = spec.idLookup ?? false;
  if (spec.picklist) {
    f.picklist = spec.picklist.map((v) => ({ value: v, label: v, isDefault: v === spec.defaultValue }));
    f.restrictedPicklist = spec.restricted ?? false;
    if (f.length === 0) {
      f.length = 255;
    }
  }
  if (spec.defaultValue !== undefined) {
    f.defaultValue = spec.defaultValue;
  }
  if (spec.referenceTo) {
    f.referenceTo = spec.referenceTo;
  }
}

const CUSTOM_TYPES: Record<string, [PrimitiveName, DisplayType]> = {
  Text: ['String', 'STRING'],
  TextArea: ['String', 'TEXTAREA'],
  LongTextArea: ['String', 'TEXTAREA'],
  Html: ['String', 'TEXTAREA'],
  EncryptedText: ['String', 'STRING'],
  Checkbox: ['Boolean', 'BOOLEAN'],
  Number: ['Decimal', 'DOUBLE'],
  Currency: ['Decimal', 'CURRENCY'],
  Percent: ['Decimal', 'PERCENT'],
  Date: ['Date', 'DATE'],
  DateTime: ['Datetime', 'DATETIME'],
  Time: ['Time', 'TIME'],
  Picklist: ['String', 'PICKLIST'],
  MultiselectPicklist: ['String', 'MULTIPICKLIST'],
  Phone: ['String', 'PHONE'],
  Email: ['String', 'EMAIL'],
  Url: ['String', 'URL'],
  Lookup: ['Id', 'REFERENCE'],
  MasterDetail: ['Id', 'REFERENCE'],
  // Custom metadata relationship to another type's record, an EntityDefinition or a FieldDefinition.
  MetadataRelationship: ['Id', 'REFERENCE'],
  AutoNumber: ['String', 'STRING']
};

const DEFAULT_LENGTHS: Record<string, number> = { TextArea: 255, Phone: 40, Email: 80, Url: 255, Picklist: 255 };

function customField(body: Record<string, unknown>): FieldDescribe {
  const name = String(body.fullName);
  const type = text(body.type) ?? 'Text';
  const [apexType, display] = CUSTOM_TYPES[type] ?? ['String', 'STRING'];
  const f = field(name, apexType, display, true);
  f.label = text(body.label) ?? f.label;
  const help = text(body.inlineHelpText);
  if (help !== undefined) {
    f.inlineHelpText = help;
  }
  f.length =
    apexType === 'Id'
      ? 18
      : Number(text(body.length) ?? DEFAULT_LENGTHS[type] ?? (display === 'MULTIPICKLIST' ? 4099 : 0));
  f.precision = Number(text(body.precision) ?? 0);
  f.scale = Number(text(body.scale) ?? 0);
  f.required = text(body.required) === 'true';
  f.unique = text(body.unique) === 'true';
  f.externalId = text(body.externalId) === 'true';
  f.caseSensitive = text(body.caseSensitive) === 'true';
  f.readOnly = type === 'AutoNumber' || text(body.formula) !== undefined;
  f.autoNumber = type === 'AutoNumber';
  if (f.autoNumber) {
    autoNumberFormat(f, body);
  }
  f.encrypted = type === 'EncryptedText';
  const valueSet = body.valueSet as Record<string, unknown> | undefined;
  const definition = valueSet?.valueSetDefinition as Record<string, unknown> | undefined;
  const values = (definition?.value ?? []) as Record<string, unknown>[];
  f.picklist = values.map((v) => ({
    value: String(v.fullName),
    label: text(v.label) ?? String(v.fullName),
    isDefault: text(v.default) === 'true'
  }));
  f.restrictedPicklist = text(valueSet?.restricted) === 'true';
  const defaultPick = f.picklist.find((p) => p.isDefault);
  if (defaultPick && display === 'PICKLIST') {
    f.defaultValue = defaultPick.value;
  }
  const def = text(body.defaultValue);
  if (display === 'BOOLEAN') {
    f.defaultValue = def === 'true';
  } else if (def !== undefined) {
    // A text literal of the formula language, in double or single quotes.
    const literal = /^"((?:[^"\\]|\\.)*)"$/.exec(def.trim()) ?? /^'((?:[^'\\]|\\.)*)'$/.exec(def.trim());
    if (literal) {
      f.defaultValue = (literal[1] ?? '').replace(/\\(.)/g, '$1');
    } else if (/^-?\d+(\.\d+)?$/.test(def.trim()) && apexType === 'Decimal') {
      f.defaultValue = Number(def.trim());
    } else {
      f.defaultFormula = def;
    }
  }
  if (apexType === 'Id') {
    f.referenceTo = [text(body.referenceTo) ?? ''];
    // SOQL and SOSL Reference "Understanding Relationship Names" (custom objects): the child-to-parent relationship
    // is the field's name with __r for __c (Parent__c → Parent__r); the field XML's <relationshipName> names the
    // parent-to-child relationship (<relationshipName>__r, see addChildRelationships).
    f.relationshipName = name.replace(/__c$/i, '__r');
    f.required = f.required || type === 'MasterDetail';
    if (type === 'MetadataRelationship' && CATALOG_TARGETS.has(f.referenceTo[0] ?? '')) {
      // A relationship to EntityDefinition/FieldDefinition holds the target's DurableId, a text (`'Account'`,
      // `'Account.Industry'`), which Apex code assigns as such (unverified beyond code that compiles so).
      f.apexType = 'String';
      f.length = 255;
    }
  }
  return f;
}

/** Metadata Catalog objects a custom metadata relationship can point to; their rows are found by DurableId. */
export const CATALOG_TARGETS = new Set(['EntityDefinition', 'FieldDefinition']);

/**
 * EntityDefinition and FieldDefinition (Metadata Catalog objects, not in the sobject-types jar): the fields custom
 * metadata relationships (`Object__r.QualifiedApiName`) and code read. Rows exist only for the objects and fields
 * custom metadata records point to (data/custom-metadata.ts).
 */
/**
 * AggregateResult (Apex Developer Guide "Working with SOQL Aggregate Functions"): the read-only sObject each row of an
 * aggregate query is; its fields are the query's columns — grouped fields by name, aggregates by alias or `expr0`,
 * `expr1`, … (data/soql-aggregate.ts builds one per query). Without columns it is the type Apex code names.
 */
export function aggregateResultType(columns: [string, PrimitiveName][] = []): SObjectDescribe {
  const d: SObjectDescribe = {
    name: 'AggregateResult',
    label: 'AggregateResult',
    labelPlural: 'AggregateResults',
    keyPrefix: '',
    custom: false,
    fields: new Map(),
    relationships: new Map(),
    children: new Map()
  };
  for (const [name, apexType] of columns) {
    const f = field(name, apexType, displayFor(apexType, name), false);
    f.readOnly = true;
    d.fields.set(name.toLowerCase(), f);
  }
  return d;
}

function catalogObject(key: string): SObjectDescribe | undefined {
  if (key === 'aggregateresult') {
    return aggregateResultType();
  }
  const catalog: Record<string, [string, string, string[]]> = {
    entitydefinition: [
      'EntityDefinition',
      '4ie',
      ['QualifiedApiName', 'DeveloperName', 'MasterLabel', 'Label', 'DurableId', 'KeyPrefix', 'NamespacePrefix']
    ],
    fielddefinition: [
      'FieldDefinition',
      '4if',
      [
        'QualifiedApiName',
        'DeveloperName',
        'MasterLabel',
        'Label',
        'DurableId',
        'EntityDefinitionId',
        'NamespacePrefix',
        'DataType'
      ]
    ]
  };
  const spec = catalog[key];
  if (!spec) {
    return undefined;
  }
  const [name, keyPrefix, names] = spec;
  const d: SObjectDescribe = {
    name,
    label: name,
    labelPlural: `${name}s`,
    keyPrefix,
    custom: false,
    fields: new Map(),
    relationships: new Map(),
    children: new Map()
  };
  for (const fname of ['Id', ...names]) {
    const f = field(fname, fname === 'Id' ? 'Id' : 'String', fname === 'Id' ? 'ID' : 'STRING', false);
    f.readOnly = true;
    d.fields.set(fname.toLowerCase(), f);
  }
  const entity = d.fields.get('entitydefinitionid');
  if (entity) {
    entity.relationshipName = 'EntityDefinition';
    entity.referenceTo = ['EntityDefinition'];
    d.relationships.set('entitydefinition', entity);
  }
  return d;
}

/** A deterministic stand-in prefix for a standard object the table does not list (real prefixes differ). */
function madeUpPrefix(name: string): string {
  let h = 0;
  for (const c of name) {
    h = (h * 31 + c.charCodeAt(0)) >>> 0;
  }
  const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return `0${chars[h % 62] ?? '0'}${chars[Math.floor(h / 62) % 62] ?? '0'}`;
}

/**
 * Whether `field` can be the key of an upsert: "the upsert statement or Database method uses the record's ID as the
 * key to match records, a custom external ID field, or a standard field with the idLookup attribute set to true"
 * (Apex Developer Guide, "Upserting Records"). A unique custom field that is not an External ID is refused. The
 * idLookup attribute of standard fields is not in the sobject-types jar, so a standard field other than Id is
 * 'unknown' (the caller reports a RuntimeGap rather than guess).
 */
export function upsertKeyEligibility(field: FieldDescribe): 'yes' | 'no' | 'unknown' {
  if (field.name === 'Id' || field.externalId || field.idLookup) {
    return 'yes';
  }
  return field.custom ? 'no' : 'unknown';
}

/** The platform's message for an upsert on a field that is not a key (community-reported wording; see README). */
export const upsertKeyMessage = (objectName: string, fieldName: string): string =>
  `Invalid field for upsert, must be an External Id custom or standard indexed field: ${objectName}.${fieldName}`;

/** An AutoNumber field's displayFormat and startingNumber (1 when the XML gives none: unverified). */
function autoNumberFormat(f: FieldDescribe, xml: Record<string, unknown>): void {
  const format = text(xml.displayFormat);
  if (format !== undefined) {
    f.displayFormat = format;
  }
  f.startingNumber = Number(text(xml.startingNumber) ?? 1);
}
