/**
 * What the settings page reads besides Apex: a UI API ObjectInfo subset and picklist values (User Interface API
 * Developer Guide, "Object Info", "Picklist Values") answered from the runtime's schema, the custom labels in a
 * language, and the newest Tasks for the Tasks view.
 *
 * Object, field and picklist value labels (and field help) are those a user of the page's language sees: the
 * package's object translations (Metadata API Developer Guide "CustomObjectTranslation"; schema/translations.ts), else
 * the object and field XML's (master, en_US) text. The language is `?lang=` (ja | en_US, as /local/labels), else the
 * page's Accept-Language (ja | en-US), else the running user's LanguageLocaleKey.
 */
import type { FieldDescribe, PicklistEntry, SObjectDescribe } from '../schema/schema.ts';
import type { SchemaTranslations } from '../schema/translations.ts';
import { userLanguage } from '../stdlib/labels.ts';
import { sessionLanguage } from './aura.ts';
import { HttpError, json, type Req, type Res } from './http.ts';
import { restRecord, type Json } from './json-values.ts';
import type { Store } from '../data/store.ts';
import type { OrgService } from './org-service.ts';

/** Record types are not modelled: every object has the master record type. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/** Schema display types → UI API `dataType` names. */
const DATA_TYPES: Record<string, string> = {
  ID: 'Reference',
  REFERENCE: 'Reference',
  STRING: 'String',
  TEXTAREA: 'TextArea',
  PHONE: 'Phone',
  EMAIL: 'Email',
  URL: 'Url',
  PICKLIST: 'Picklist',
  MULTIPICKLIST: 'MultiPicklist',
  COMBOBOX: 'ComboBox',
  BOOLEAN: 'Boolean',
  INTEGER: 'Int',
  DOUBLE: 'Double',
  CURRENCY: 'Currency',
  PERCENT: 'Percent',
  DATE: 'Date',
  DATETIME: 'DateTime',
  TIME: 'Time',
  BASE64: 'Base64',
  ADDRESS: 'Address',
  LOCATION: 'Location',
  ANYTYPE: 'String'
};

export function dataType(f: FieldDescribe): string {
  return DATA_TYPES[f.display] ?? 'String';
}

/** The language UI API answers are labelled in (see the header comment). */
export function uiLanguage(service: OrgService, req: Req): string {
  const asked = req.query.get('lang');
  if (asked) {
    return asked;
  }
  return sessionLanguage(req).language ?? userLanguage(service.org.transaction()) ?? 'en_US';
}

function fieldInfo(
  type: SObjectDescribe,
  f: FieldDescribe,
  translations: SchemaTranslations,
  language: string
): { [key: string]: Json } {
  return {
    apiName: f.name,
    label: translations.fieldLabel(type, f, language),
    inlineHelpText: translations.fieldHelp(type, f, language) ?? null,
    dataType: dataType(f),
    custom: f.custom,
    createable: !f.readOnly,
    updateable: !f.readOnly && f.name !== 'Id',
    length: f.length,
    precision: f.precision,
    scale: f.scale,
    required: f.required,
    nameField: f.nameField,
    unique: f.unique,
    externalId: f.externalId,
    relationshipName: f.relationshipName ?? null,
    referenceToInfos: f.referenceTo.map((apiName) => ({ apiName, nameFields: ['Name'] }))
  };
}

function describeOrThrow(service: OrgService, objectApiName: string): SObjectDescribe {
  const type = service.org.registry.schema.describe(objectApiName);
  if (!type) {
    throw new HttpError(404, 'NOT_FOUND', `The requested resource does not exist: object ${objectApiName}`);
  }
  return type;
}

export function objectInfo(service: OrgService, objectApiName: string, language: string): Res {
  const type = describeOrThrow(service, objectApiName);
  const translations = service.org.registry.schema.translations;
  const fields: { [key: string]: Json } = {};
  for (const f of type.fields.values()) {
    fields[f.name] = fieldInfo(type, f, translations, language);
  }
  return json(200, {
    apiName: type.name,
    label: translations.objectLabel(type, language),
    labelPlural: translations.objectLabelPlural(type, language),
    keyPrefix: type.keyPrefix,
    custom: type.custom,
    createable: true,
    updateable: true,
    deletable: true,
    queryable: true,
    defaultRecordTypeId: MASTER_RECORD_TYPE_ID,
    recordTypeInfos: {
      [MASTER_RECORD_TYPE_ID]: {
        available: true,
        defaultRecordTypeMapping: true,
        master: true,
        name: 'Master',
        recordTypeId: MASTER_RECORD_TYPE_ID
      }
    },
    fields
  });
}

export function picklistValues(
  service: OrgService,
  objectApiName: string,
  recordTypeId: string,
  field: string,
  language: string
): Res {
  const type = describeOrThrow(service, objectApiName);
  if (recordTypeId !== MASTER_RECORD_TYPE_ID && recordTypeId.slice(0, 15) !== MASTER_RECORD_TYPE_ID.slice(0, 15)) {
    throw new HttpError(
      404,
      'NOT_FOUND',
      `No record type ${recordTypeId} on ${type.name} (only the master record type)`
    );
  }
  const f = type.fields.get(field.toLowerCase());
  if (!f || (f.display !== 'PICKLIST' && f.display !== 'MULTIPICKLIST' && f.display !== 'COMBOBOX')) {
    throw new HttpError(404, 'NOT_FOUND', `${type.name}.${field} is not a picklist field`);
  }
  const translations = service.org.registry.schema.translations;
  const pickValue = (p: PicklistEntry): { [key: string]: Json } => ({
    value: p.value,
    label: translations.picklistLabel(type, f, p, language),
    attributes: null,
    validFor: []
  });
  const byDefault = f.picklist.find((p) => p.isDefault);
  return json(200, {
    values: f.picklist.map(pickValue),
    defaultValue: byDefault ? pickValue(byDefault) : null,
    controllerValues: {},
    eTag: `${type.name}.${f.name}`,
    url: `/services/data/v65.0/ui-api/object-info/${type.name}/picklist-values/${MASTER_RECORD_TYPE_ID}/${f.name}`
  });
}

/** Every custom label in `lang` (a translation when there is one, else the label's own text). */
export function labels(service: OrgService, lang: string): Res {
  const out: { [key: string]: Json } = {};
  const all = [...service.org.labels.labels.values()].sort((a, b) => a.name.localeCompare(b.name));
  for (const label of all) {
    out[label.name] = service.org.labels.value(label.name, lang) ?? label.value;
  }
  return json(200, out);
}

export const TASK_FIELDS = [
  'Id',
  'Subject',
  'Description',
  'Status',
  'Priority',
  'ActivityDate',
  'WhoId',
  'Who.Name',
  'WhatId',
  'What.Name',
  'OwnerId',
  'Owner.Name',
  'CallType',
  'CallDurationInSeconds',
  'CallObject',
  'MiiTel_Call_Id__c',
  'MiiTel_Dial_Started_At__c',
  'MiiTel_Call_Started_At__c',
  'MiiTel_Call_Ended_At__c',
  'MiiTel_Call_Url__c',
  'MiiTel_Call_Memo__c',
  'CreatedDate',
  'LastModifiedDate'
];

/** The newest Tasks (by CreatedDate) as REST records: `{totalSize, records}`. */
export function tasks(service: OrgService, limitText: string | null): Res {
  const limit = Math.min(Math.max(Number.parseInt(limitText ?? '50', 10) || 50, 1), 2000);
  const it = service.org.transaction();
  const rows = service.query(
    it,
    `SELECT ${TASK_FIELDS.join(', ')} FROM Task ORDER BY CreatedDate DESC, Id DESC LIMIT ${limit}`
  );
  const records = typeof rows === 'number' ? [] : rows.map((r) => restRecord(r));
  return json(200, { totalSize: records.length, records });
}

const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/**
 * The header of the page's record view (`#record/<id>`, which holds the real c-miitel-call-history):
 * `{ id, objectApiName, name, accountId, accountName }` — the Account only for a Contact. 404 for an unknown id.
 */
export function recordHeader(service: OrgService, id: string): Res {
  if (!RECORD_ID.test(id)) {
    throw new HttpError(400, 'MALFORMED_ID', `Invalid id: ${id}`);
  }
  const it = service.org.transaction();
  // The store keys objects by lower-cased name; the describe has the API name's casing.
  const stored = (it.ctx.store as Store | undefined)?.objectOf(id);
  const objectApiName = stored ? service.org.registry.schema.describe(stored)?.name : undefined;
  if (!objectApiName) {
    throw new HttpError(404, 'NOT_FOUND', `The requested resource does not exist: ${id}`);
  }
  const contact = objectApiName === 'Contact';
  const rows = service.query(
    it,
    `SELECT Id, Name${contact ? ', AccountId, Account.Name' : ''} FROM ${objectApiName} WHERE Id = '${id}'`
  );
  const record = typeof rows === 'number' ? undefined : rows[0];
  if (!record) {
    throw new HttpError(404, 'NOT_FOUND', `The requested resource does not exist: ${id}`);
  }
  const rest = restRecord(record) as Record<string, Json>;
  const account = rest.Account as Record<string, Json> | null | undefined;
  return json(200, {
    id,
    objectApiName,
    name: rest.Name ?? null,
    accountId: contact ? (rest.AccountId ?? null) : null,
    accountName: contact ? (account?.Name ?? null) : null
  });
}
