/**
 * Custom metadata records as rows of their `__mdt` object, so that SOQL, `getAll()` and `getInstance()` read them
 * (Apex Developer Guide "Custom Metadata Types": records are deployed metadata, not data; they are visible in tests
 * without `SeeAllData`). Values are converted to the field's type; a MetadataRelationship to another type holds the Id
 * of the record it names (`Type.Record` or `Record`); one to EntityDefinition/FieldDefinition holds the DurableId text
 * (`Account`, `Account.Industry`) and an EntityDefinition/FieldDefinition row is made for it, which `Object__r.…`
 * paths read (Metadata API Developer Guide: "When setting the value for relationship fields, use the qualified API name
 * of the related metadata"). Differs: on the platform a custom object's DurableId is an id; here it is the API name.
 */
import { Decimal } from '../values/decimal.ts';
import { ApexDate, ApexDatetime, type Value } from '../values/values.ts';
import type { CustomMetadataRecord } from '../schema/custom-metadata.ts';
import { CATALOG_TARGETS, type FieldDescribe, type Schema, type SObjectDescribe } from '../schema/schema.ts';
import { insertRow } from './seed.ts';
import type { Store } from './store.ts';

function fail(record: CustomMetadataRecord, message: string): never {
  throw new Error(`${record.file}: ${message}`);
}

function convert(record: CustomMetadataRecord, f: FieldDescribe, text: string): Value {
  switch (f.apexType) {
    case 'Boolean':
      return text.trim() === 'true';
    case 'Decimal':
    case 'Double':
    case 'Integer':
    case 'Long':
      return Decimal.parse(text.trim()) ?? fail(record, `${f.name}: not a number: ${text}`);
    case 'Date': {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim()) ?? fail(record, `${f.name}: not a date: ${text}`);
      return new ApexDate(Number(m[1]), Number(m[2]), Number(m[3]));
    }
    case 'Datetime': {
      const ms = Date.parse(text.trim());
      return Number.isNaN(ms) ? fail(record, `${f.name}: not a dateTime: ${text}`) : new ApexDatetime(ms);
    }
    default:
      return text;
  }
}

/** Inserts every record of `schema.customMetadata`; throws naming the file for an unknown type or field. */
export function seedCustomMetadata(store: Store, schema: Schema, now: number): void {
  const ids = new Map<string, string>();
  const relations: { id: string; record: CustomMetadataRecord; field: FieldDescribe; target: string }[] = [];
  for (const record of schema.customMetadata) {
    const d = schema.describe(record.type) ?? fail(record, `no custom metadata type ${record.type}`);
    const row: Record<string, Value> = {
      DeveloperName: record.developerName,
      MasterLabel: record.label,
      Label: record.label,
      Language: 'en_US',
      NamespacePrefix: null,
      QualifiedApiName: record.developerName
    };
    const later: { field: FieldDescribe; target: string }[] = [];
    for (const v of record.values) {
      const f = d.fields.get(v.field.toLowerCase()) ?? fail(record, `no field ${v.field} on ${d.name}`);
      if (v.text !== null && f.display === 'REFERENCE') {
        later.push({ field: f, target: v.text.trim() });
        row[f.name] = null;
      } else {
        row[f.name] = v.text === null ? null : convert(record, f, v.text);
      }
    }
    for (const f of d.fields.values()) {
      if (f.custom && !(f.name in row)) {
        row[f.name] = f.apexType === 'Boolean' ? false : null;
      }
    }
    const id = insertRow(store, d, row, now);
    ids.set(`${d.name}.${record.developerName}`.toLowerCase(), id);
    relations.push(...later.map((l) => ({ id, record, ...l })));
  }
  for (const { id, record, field, target } of relations) {
    const to = field.referenceTo[0] ?? '';
    let targetId: string | undefined;
    if (to.toLowerCase().endsWith('__mdt')) {
      const name = target.includes('.') ? target : `${to}.${target}`;
      targetId = ids.get(name.toLowerCase()) ?? fail(record, `${field.name}: no ${to} record ${target}`);
    } else if (CATALOG_TARGETS.has(to)) {
      catalogRow(store, schema, to, target, now);
      targetId = target;
    } else {
      fail(record, `${field.name}: relationship to ${to} is not supported by the local org runtime`);
    }
    store.update(id, [[field.name.toLowerCase(), targetId]]);
  }
}

/** The EntityDefinition (`Account`) or FieldDefinition (`Account.Industry`) row for a qualified name, made once. */
export function catalogRow(store: Store, schema: Schema, object: string, name: string, now: number): string {
  const d = schema.describe(object) as SObjectDescribe;
  for (const [id, row] of store.table(d)) {
    if (row.get('durableid') === name) {
      return id;
    }
  }
  if (object === 'EntityDefinition') {
    const target = schema.describe(name);
    const api = target?.name ?? name;
    return insertRow(
      store,
      d,
      {
        QualifiedApiName: api,
        DeveloperName: api.replace(/__[a-z]+$/i, ''),
        MasterLabel: target?.label ?? api,
        Label: target?.label ?? api,
        DurableId: name,
        KeyPrefix: target?.keyPrefix ?? null,
        NamespacePrefix: null
      },
      now
    );
  }
  const [objectName = '', fieldName = ''] = name.split('.');
  const entityId = catalogRow(store, schema, 'EntityDefinition', objectName, now);
  const f = schema.describe(objectName)?.fields.get(fieldName.toLowerCase());
  const api = f?.name ?? fieldName;
  return insertRow(
    store,
    d,
    {
      QualifiedApiName: api,
      DeveloperName: api.replace(/__c$/i, ''),
      MasterLabel: f?.label ?? api,
      Label: f?.label ?? api,
      DurableId: name,
      EntityDefinitionId: entityId,
      NamespacePrefix: null,
      DataType: null
    },
    now
  );
}
