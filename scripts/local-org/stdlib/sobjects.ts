/**
 * SObject methods and the Schema describe API (Apex Reference Guide: "SObject Class", "Schema Class",
 * "SObjectType Class", "DescribeSObjectResult Class", "SObjectField Class", "DescribeFieldResult Class",
 * "PicklistEntry Class", "Id Class"). Tokens are NativeObjects with an identity, so they work as Map keys and compare
 * with ==, as the platform's tokens do.
 */
import { fieldPermissions, objectPermissions, userAccess } from '../data/access.ts';
import { SOBJECT_ACCESS_DECISION, SOBJECT_ACCESS_DECISION_METHODS } from './security.ts';
import { CHILD_RELATIONSHIP, CHILD_RELATIONSHIP_METHODS, childRelationships } from './child-relationships.ts';
import type { Pos } from '../ast/nodes.ts';
import { cloneRecord, fieldOf, readField, writeField } from '../data/sobject.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim, type ApexType } from '../values/types.ts';
import { ApexList, ApexMap, ApexSObject, NativeObject, type Value } from '../values/values.ts';
import { normalizeId } from '../schema/ids.ts';
import {
  upsertKeyEligibility,
  type FieldDescribe,
  type PicklistEntry,
  type SObjectDescribe
} from '../schema/schema.ts';
import { NO_METHOD, bool, str, type Native } from './args.ts';
import { userLanguage } from './labels.ts';
import { rowCauseConstant } from '../schema/share-objects.ts';
import { resultProperty } from './db-results.ts';

type Method<T> = (it: Interpreter, self: T, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

export const SOBJECT_TYPE = 'Schema.SObjectType';
export const SOBJECT_FIELD = 'Schema.SObjectField';
const DESCRIBE_SOBJECT = 'Schema.DescribeSObjectResult';
const DESCRIBE_FIELD = 'Schema.DescribeFieldResult';
const FIELDS = 'Schema.SObjectTypeFields';
const PICKLIST_ENTRY = 'Schema.PicklistEntry';
const FIELD_SETS = 'Schema.FieldSets';
const TOKEN_FIELDS = 'Schema.SObjectTypeTokenFields';

const FIELD_SETS_METHODS: Record<string, Method<NativeObject<SObjectDescribe>>> = {
  getmap: (_it, _f, a) =>
    a.length === 0 ? new ApexMap(prim('String'), { kind: 'native', name: 'Schema.FieldSet' }) : NO_METHOD
};

export function typeToken(d: SObjectDescribe): NativeObject<SObjectDescribe> {
  return new NativeObject(SOBJECT_TYPE, d, d.name.toLowerCase(), d.name);
}

export interface FieldRef {
  object: SObjectDescribe;
  field: FieldDescribe;
}

export function fieldToken(object: SObjectDescribe, field: FieldDescribe): NativeObject<FieldRef> {
  return new NativeObject(SOBJECT_FIELD, { object, field }, `${object.name}.${field.name}`.toLowerCase(), field.name);
}

const sobjectType = (name: string): ApexType => ({ kind: 'sobject', name });

/** A field name or an SObjectField token as a field name. */
function fieldName(it: Interpreter, v: Value | undefined, pos: Pos): string {
  if (v instanceof NativeObject && v.typeName === SOBJECT_FIELD) {
    return (v.state as FieldRef).field.name;
  }
  return str(it, v, pos);
}

function describeOf(it: Interpreter, name: string): SObjectDescribe | undefined {
  return it.registry.schema.describe(name);
}

export const SOBJECT_METHODS: Record<string, Method<ApexSObject>> = {
  get: (it, r, a, pos) => (a.length === 1 ? readField(it, r, fieldName(it, a[0], pos), pos) : NO_METHOD),
  put: (it, r, a, pos) => {
    if (a.length !== 2) {
      return NO_METHOD;
    }
    const name = fieldName(it, a[0], pos);
    const previous = r.fields.get(name.toLowerCase()) ?? null;
    writeField(it, r, name, a[1] ?? null, pos);
    return previous;
  },
  getsobjecttype: (_it, r, a) => (a.length === 0 ? typeToken(r.type) : NO_METHOD),
  getpopulatedfieldsasmap: (_it, r, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const m = new ApexMap(prim('String'), prim('Object'));
    for (const [k, v] of r.fields) {
      const name = r.names.get(k) ?? k;
      m.entries.set(`s:${name}`, [name, v]);
    }
    for (const [k, v] of r.parents) {
      const name = r.parentNames.get(k) ?? k;
      m.entries.set(`s:${name}`, [name, v]);
    }
    return m;
  },
  issset: () => NO_METHOD,
  isset: (it, r, a, pos) => (a.length === 1 ? r.fields.has(fieldName(it, a[0], pos).toLowerCase()) : NO_METHOD),
  clone: (it, r, a, pos) => {
    if (a.length > 4) {
      return NO_METHOD;
    }
    const flag = (i: number, dflt: boolean): boolean => (a[i] === undefined ? dflt : bool(it, a[i], pos));
    return cloneRecord(r, flag(0, true), flag(1, false), flag(2, false));
  },
  getsobject: (it, r, a, pos) => (a.length === 1 ? readField(it, r, fieldName(it, a[0], pos), pos) : NO_METHOD),
  getsobjects: (it, r, a, pos) => (a.length === 1 ? readField(it, r, str(it, a[0], pos), pos) : NO_METHOD),
  // Apex Reference Guide SObject.getErrors(): the errors added with addError(), as Database.Error (status code
  // FIELD_CUSTOM_VALIDATION_EXCEPTION, as a DML failure reports them: unverified for getErrors()).
  geterrors: (_it, r, a) =>
    a.length === 0
      ? new ApexList(
          { kind: 'native', name: 'Database.Error' },
          r.errors.map(
            (e) =>
              new NativeObject('Database.Error', {
                statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                message: e.message,
                fields: e.field ? [e.field] : []
              })
          )
        )
      : NO_METHOD,
  adderror: (it, r, a, pos) => {
    if (a.length === 1 || (a.length === 2 && typeof a[1] === 'boolean')) {
      r.errors.push({ field: '', message: it.str(a[0] ?? null) });
      return null;
    }
    if (a.length === 2) {
      r.errors.push({ field: fieldName(it, a[0], pos), message: it.str(a[1] ?? null) });
      return null;
    }
    return NO_METHOD;
  },
  haserrors: (_it, r, a) => (a.length === 0 ? r.errors.length > 0 : NO_METHOD)
};

/** A PicklistEntry whose label is in the running user's language (its value stays the API value). */
function picklistEntry(it: Interpreter, ref: FieldRef, p: PicklistEntry): NativeObject<PicklistEntry> {
  const label = it.registry.schema.translations.picklistLabel(ref.object, ref.field, p, userLanguage(it));
  return new NativeObject(PICKLIST_ENTRY, { ...p, label });
}

function fieldsMap(d: SObjectDescribe): ApexMap {
  const m = new ApexMap(prim('String'), { kind: 'native', name: SOBJECT_FIELD });
  m.caseInsensitive = true;
  for (const f of d.fields.values()) {
    const key = f.name.toLowerCase();
    m.entries.set(`s:${key}`, [key, fieldToken(d, f)]);
  }
  return m;
}

const TYPE_METHODS: Record<string, Method<NativeObject<SObjectDescribe>>> = {
  getdescribe: (_it, t, a) => (a.length <= 1 ? new NativeObject(DESCRIBE_SOBJECT, t.state) : NO_METHOD),
  newsobject: (it, t, a, pos) => {
    if (a.length > 2) {
      return NO_METHOD;
    }
    const rec = new ApexSObject(t.state);
    if (a.length >= 1 && a[0] !== null && a[0] !== undefined) {
      rec.set('Id', normalizeId(str(it, a[0], pos)) ?? it.raise('StringException', `Invalid id: ${it.str(a[0])}`, pos));
    }
    if (a.length === 2 && bool(it, a[1], pos)) {
      for (const f of t.state.fields.values()) {
        if (f.defaultValue !== undefined) {
          writeField(
            it,
            rec,
            f.name,
            typeof f.defaultValue === 'number' ? String(f.defaultValue) : f.defaultValue,
            pos
          );
        }
      }
    }
    return rec;
  },
  tostring: (_it, t, a) => (a.length === 0 ? t.state.name : NO_METHOD),
  hashcode: (_it, t, a) => (a.length === 0 ? t.state.name.length : NO_METHOD)
};

const DESCRIBE_METHODS: Record<string, Method<NativeObject<SObjectDescribe>>> = {
  getname: (_it, d, a) => (a.length === 0 ? d.state.name : NO_METHOD),
  getlocalname: (_it, d, a) => (a.length === 0 ? d.state.name : NO_METHOD),
  getlabel: (it, d, a) =>
    a.length === 0 ? it.registry.schema.translations.objectLabel(d.state, userLanguage(it)) : NO_METHOD,
  getlabelplural: (it, d, a) =>
    a.length === 0 ? it.registry.schema.translations.objectLabelPlural(d.state, userLanguage(it)) : NO_METHOD,
  getkeyprefix: (_it, d, a) => (a.length === 0 ? d.state.keyPrefix : NO_METHOD),
  getsobjecttype: (_it, d, a) => (a.length === 0 ? typeToken(d.state) : NO_METHOD),
  getchildrelationships: (it, d, a) => (a.length === 0 ? childRelationships(it, d.state) : NO_METHOD),
  iscustom: (_it, d, a) => (a.length === 0 ? d.state.custom : NO_METHOD),
  // The running user's object permissions (data/access.ts; Apex Reference Guide "DescribeSObjectResult Class").
  isaccessible: (it, d, a) => (a.length === 0 ? objectPermissions(userAccess(it), d.state).allowRead : NO_METHOD),
  iscreateable: (it, d, a) => (a.length === 0 ? objectPermissions(userAccess(it), d.state).allowCreate : NO_METHOD),
  isupdateable: (it, d, a) => (a.length === 0 ? objectPermissions(userAccess(it), d.state).allowEdit : NO_METHOD),
  isdeletable: (it, d, a) => (a.length === 0 ? objectPermissions(userAccess(it), d.state).allowDelete : NO_METHOD),
  isqueryable: (_it, _d, a) => (a.length === 0 ? true : NO_METHOD),
  // Apex Reference Guide "DescribeSObjectResult Class": isCustomSetting — the object is a custom setting (object XML
  // customSettingsType).
  iscustomsetting: (_it, d, a) => (a.length === 0 ? d.state.customSetting !== undefined : NO_METHOD),
  // isUndeletable — "can be undeleted": records that go to the recycle bin (not settings, custom metadata or
  // events) and a user who may delete them (the API's `undeletable` is per user like `deletable`; unverified detail).
  isundeletable: (it, d, a) =>
    a.length === 0
      ? d.state.customSetting === undefined &&
        !d.state.name.endsWith('__mdt') &&
        !d.state.platformEvent &&
        objectPermissions(userAccess(it), d.state).allowDelete
      : NO_METHOD,
  issearchable: (_it, _d, a) => (a.length === 0 ? true : NO_METHOD)
};

const FIELDS_METHODS: Record<string, Method<NativeObject<SObjectDescribe>>> = {
  getmap: (_it, d, a) => (a.length === 0 ? fieldsMap(d.state) : NO_METHOD)
};

const FIELD_TOKEN_METHODS: Record<string, Method<NativeObject<FieldRef>>> = {
  getdescribe: (_it, f, a) => (a.length <= 1 ? new NativeObject(DESCRIBE_FIELD, f.state) : NO_METHOD),
  tostring: (_it, f, a) => (a.length === 0 ? f.state.field.name : NO_METHOD)
};

const FIELD_DESCRIBE_METHODS: Record<string, Method<NativeObject<FieldRef>>> = {
  getname: (_it, f, a) => (a.length === 0 ? f.state.field.name : NO_METHOD),
  getlocalname: (_it, f, a) => (a.length === 0 ? f.state.field.name : NO_METHOD),
  getlabel: (it, f, a) =>
    a.length === 0
      ? it.registry.schema.translations.fieldLabel(f.state.object, f.state.field, userLanguage(it))
      : NO_METHOD,
  gettype: (it, f, a) => (a.length === 0 ? displayType(it, f.state.field.display) : NO_METHOD),
  getlength: (_it, f, a) => (a.length === 0 ? f.state.field.length : NO_METHOD),
  // Apex Reference Guide DescribeFieldResult.isEncrypted: Shield/classic encrypted fields; the project's EncryptedText
  // fields.
  isencrypted: (_it, f, a) => (a.length === 0 ? (f.state.field.encrypted ?? false) : NO_METHOD),
  // Apex Reference Guide DescribeFieldResult.getSObjectType: the object the field belongs to.
  getsobjecttype: (_it, f, a) => (a.length === 0 ? typeToken(f.state.object) : NO_METHOD),
  // Apex Reference Guide DescribeFieldResult.isAutoNumber: true for auto-number fields (standard ones only where the
  // table says so).
  isautonumber: (_it, f, a) => (a.length === 0 ? (f.state.field.autoNumber ?? false) : NO_METHOD),
  getsoaptype: (it, f, a, pos) => (a.length === 0 ? soapType(it, f.state.field, pos) : NO_METHOD),
  getprecision: (_it, f, a) => (a.length === 0 ? f.state.field.precision : NO_METHOD),
  isidlookup: (_it, f, a, pos) => (a.length === 0 ? isIdLookup(f.state, pos) : NO_METHOD),
  getscale: (_it, f, a) => (a.length === 0 ? f.state.field.scale : NO_METHOD),
  getsobjectfield: (_it, f, a) => (a.length === 0 ? fieldToken(f.state.object, f.state.field) : NO_METHOD),
  getreferenceto: (it, f, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const targets = f.state.field.referenceTo
      .map((n) => describeOf(it, n))
      .filter((d): d is SObjectDescribe => d !== undefined);
    return new ApexList({ kind: 'native', name: SOBJECT_TYPE }, targets.map(typeToken));
  },
  getrelationshipname: (_it, f, a) => (a.length === 0 ? (f.state.field.relationshipName ?? null) : NO_METHOD),
  getpicklistvalues: (it, f, a) =>
    a.length === 0
      ? new ApexList(
          { kind: 'native', name: PICKLIST_ENTRY },
          f.state.field.picklist.map((p) => picklistEntry(it, f.state, p))
        )
      : NO_METHOD,
  getdefaultvalue: (_it, f, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const d = f.state.field.defaultValue;
    return typeof d === 'boolean' ? d : null;
  },
  getdefaultvalueformula: (_it, f, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const d = f.state.field.defaultValue;
    return typeof d === 'string' ? `"${d}"` : (f.state.field.defaultFormula ?? null);
  },
  isexternalid: (_it, f, a) => (a.length === 0 ? f.state.field.externalId : NO_METHOD),
  isunique: (_it, f, a) => (a.length === 0 ? f.state.field.unique : NO_METHOD),
  iscasesensitive: (_it, f, a) => (a.length === 0 ? f.state.field.caseSensitive : NO_METHOD),
  iscustom: (_it, f, a) => (a.length === 0 ? f.state.field.custom : NO_METHOD),
  isnamefield: (_it, f, a) => (a.length === 0 ? f.state.field.nameField : NO_METHOD),
  isnillable: (_it, f, a) =>
    a.length === 0 ? !f.state.field.required && f.state.field.display !== 'BOOLEAN' : NO_METHOD,
  isrestrictedpicklist: (_it, f, a) => (a.length === 0 ? f.state.field.restrictedPicklist : NO_METHOD),
  // The running user's field-level security (data/access.ts; Apex Reference Guide "DescribeFieldResult Class").
  isaccessible: (it, f, a) => (a.length === 0 ? fieldAccess(it, f.state).readable : NO_METHOD),
  iscreateable: (it, f, a) => (a.length === 0 ? fieldAccess(it, f.state).createable : NO_METHOD),
  isupdateable: (it, f, a) => (a.length === 0 ? fieldAccess(it, f.state).updateable : NO_METHOD),
  isfilterable: (_it, _f, a) => (a.length === 0 ? true : NO_METHOD),
  issortable: (_it, _f, a) => (a.length === 0 ? true : NO_METHOD),
  isdefaultedoncreate: (_it, f, a) => (a.length === 0 ? f.state.field.defaultValue !== undefined : NO_METHOD)
};

const PICKLIST_METHODS: Record<string, Method<NativeObject<PicklistEntry>>> = {
  getvalue: (_it, p, a) => (a.length === 0 ? p.state.value : NO_METHOD),
  getlabel: (_it, p, a) => (a.length === 0 ? p.state.label : NO_METHOD),
  isdefaultvalue: (_it, p, a) => (a.length === 0 ? p.state.isDefault : NO_METHOD),
  isactive: (_it, _p, a) => (a.length === 0 ? true : NO_METHOD)
};

/** Field-level security of the running user on one field, with the object permission create/update need. */
export function fieldAccess(
  it: Interpreter,
  ref: FieldRef
): { readable: boolean; createable: boolean; updateable: boolean } {
  const ua = userAccess(it);
  const obj = objectPermissions(ua, ref.object);
  const fls = fieldPermissions(ua, ref.object, ref.field);
  return {
    readable: fls.readable,
    createable: fls.editable && obj.allowCreate,
    updateable: fls.editable && obj.allowEdit && ref.field.name !== 'Id' && !ref.field.createOnly
  };
}

/** The field's Schema.SoapType (Apex Reference Guide "SOAPType Enum"): from its Apex type; Long and compound fields are
 * RuntimeGaps.
 */
function soapType(it: Interpreter, f: FieldDescribe, pos: Pos): Value {
  const byType: Record<string, string> = {
    Id: 'ID',
    String: 'STRING',
    Boolean: 'BOOLEAN',
    Integer: 'INTEGER',
    Double: 'DOUBLE',
    Decimal: 'DOUBLE',
    Date: 'DATE',
    Datetime: 'DATETIME',
    Time: 'TIME',
    Blob: 'BASE64BINARY'
  };
  const name = byType[f.apexType] ?? (f.display === 'ANYTYPE' ? 'ANYTYPE' : undefined);
  if (!name) {
    throw new RuntimeGap(`getSoapType() of ${f.name} (${f.apexType}) is not documented`, pos);
  }
  return it.registry.systemEnum('SoapType').value(name) ?? null;
}

function displayType(it: Interpreter, name: string): Value {
  const en = it.registry.systemEnum('DisplayType');
  return en.value(name) ?? en.value('ANYTYPE') ?? null;
}

/** Instance methods of the schema tokens and describe results; undefined when `v` is none of them. */
export function schemaMethods(typeName: string): Record<string, Method<NativeObject>> | undefined {
  const tables: Record<string, unknown> = {
    [SOBJECT_TYPE]: TYPE_METHODS,
    [DESCRIBE_SOBJECT]: DESCRIBE_METHODS,
    [FIELDS]: FIELDS_METHODS,
    [SOBJECT_FIELD]: FIELD_TOKEN_METHODS,
    [DESCRIBE_FIELD]: FIELD_DESCRIBE_METHODS,
    [PICKLIST_ENTRY]: PICKLIST_METHODS,
    [SOBJECT_ACCESS_DECISION]: SOBJECT_ACCESS_DECISION_METHODS,
    [CHILD_RELATIONSHIP]: CHILD_RELATIONSHIP_METHODS,
    [FIELD_SETS]: FIELD_SETS_METHODS
  };
  return tables[typeName] as Record<string, Method<NativeObject>> | undefined;
}

/** `describe.fields`, `describe.fields.Name`, `Schema.SObjectType.Contact` style property reads on natives. */
export function schemaProperty(it: Interpreter, v: NativeObject, name: string, pos: Pos): Value | undefined {
  if (v.typeName === DESCRIBE_SOBJECT && name.toLowerCase() === 'fields') {
    return new NativeObject(FIELDS, v.state);
  }
  if (v.typeName === SOBJECT_TYPE && name.toLowerCase() === 'fields') {
    // `Account.SObjectType.fields.Name` is the field's token, as `fields.getMap().get('Name')` (unverified: the Apex
    // Developer Guide shows the `Schema.SObjectType.Account.fields.Name` describe form only; fflib's tests compare the
    // two).
    return new NativeObject(TOKEN_FIELDS, v.state);
  }
  const member = resultProperty(v, name);
  if (member !== undefined) {
    return member;
  }
  if (v.typeName === SOBJECT_FIELD) {
    // Apex Developer Guide "Sharing a Record Using Apex": Schema.X__Share.RowCause.Reason__c names an Apex sharing
    // reason.
    const ref = v.state as FieldRef;
    const reason = rowCauseConstant(ref.object, ref.field, name);
    if (reason !== undefined) {
      return reason;
    }
  }
  if (v.typeName === TOKEN_FIELDS) {
    const d = v.state as SObjectDescribe;
    return fieldToken(d, fieldOf(it, d, name, pos));
  }
  if (v.typeName === DESCRIBE_SOBJECT && name.toLowerCase() === 'fieldsets') {
    // Apex Reference Guide "DescribeSObjectResult": fieldSets.getMap() holds the object's field sets. Field set
    // metadata is not read: an object that has some is a RuntimeGap; one without has an empty map.
    const d = v.state as SObjectDescribe;
    if (it.registry.schema.fieldSetObjects.has(d.name.toLowerCase())) {
      throw new RuntimeGap(`field sets of ${d.name} (field set metadata is not read by the local org runtime)`, pos);
    }
    return new NativeObject(FIELD_SETS, d);
  }
  if (v.typeName === FIELDS) {
    // Apex Developer Guide "Understanding Apex Describe Information": Schema.SObjectType.Account.fields.Name is the
    // field's DescribeFieldResult (its token is getSObjectField(); fields.getMap() holds tokens).
    const d = v.state as SObjectDescribe;
    return new NativeObject(DESCRIBE_FIELD, fieldToken(d, fieldOf(it, d, name, pos)).state);
  }
  return undefined;
}

/** `Schema.SObjectType.Task`: the DescribeSObjectResult of Task. */
export function staticDescribe(it: Interpreter, objectName: string, pos: Pos): Value {
  const d = describeOf(it, objectName);
  if (!d) {
    throw new RuntimeGap(`Variable does not exist: Schema.SObjectType.${objectName} (no such SObject)`, pos);
  }
  return new NativeObject(DESCRIBE_SOBJECT, d);
}

/** `Contact.SObjectType`, `Schema.Task.WhoId`: static members of an SObject type. */
export function sobjectStaticMember(it: Interpreter, objectName: string, member: string, pos: Pos): Value {
  const d = describeOf(it, objectName);
  if (!d) {
    throw new RuntimeGap(`Unknown SObject type ${objectName}`, pos);
  }
  if (member.toLowerCase() === 'sobjecttype') {
    return typeToken(d);
  }
  const f = d.fields.get(member.toLowerCase());
  if (f) {
    return fieldToken(d, f);
  }
  throw new RuntimeGap(`Variable does not exist: ${objectName}.${member}`, pos);
}

export const SCHEMA_STATICS: Record<string, Native> = {
  getglobaldescribe: (it, _s, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const m = new ApexMap(prim('String'), { kind: 'native', name: SOBJECT_TYPE });
    m.caseInsensitive = true;
    for (const name of it.registry.schema.objectNames()) {
      const d = describeOf(it, name);
      if (d) {
        m.entries.set(`s:${name.toLowerCase()}`, [name.toLowerCase(), typeToken(d)]);
      }
    }
    return m;
  },
  // Apex Reference Guide "Schema Class" describeSObjects(sObjectTypes); Apex Developer Guide "Describing sObjects Using
  // Schema Method": one DescribeSObjectResult per name, in the order given, as getDescribe() of each type's token. A
  // name the local schema does not know may still exist on a real org: a RuntimeGap (the platform's error is
  // unverified).
  describesobjects: (it, _s, a, pos) => {
    const names = a[0];
    if (a.length !== 1 || !(names instanceof ApexList)) {
      return NO_METHOD;
    }
    const results = names.items.map((n) => {
      const name = str(it, n, pos);
      const d = describeOf(it, name);
      if (!d) {
        throw new RuntimeGap(`Schema.describeSObjects: '${name}' is not an SObject the local org knows`, pos);
      }
      return new NativeObject(DESCRIBE_SOBJECT, d);
    });
    return new ApexList({ kind: 'native', name: DESCRIBE_SOBJECT }, results);
  }
};

/** Id.valueOf(String) and the Id instance methods on (18-character) id strings. */
export const ID_STATICS: Record<string, Native> = {
  valueof: (it, _s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const text = str(it, a[0], pos);
    return normalizeId(text) ?? it.raise('StringException', `Invalid id: ${text}`, pos);
  }
};

export const ID_METHODS: Record<string, Method<string>> = {
  getsobjecttype: (it, id, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const d = it.registry.schema.objectForPrefix(id.slice(0, 3));
    return d ? typeToken(d) : null;
  },
  to15: (_it, id, a) => (a.length === 0 ? id.slice(0, 15) : NO_METHOD)
};

export { sobjectType };

/** Display types that can carry the idLookup property: Id, text, email and auto-number (Name) fields. */
const ID_LOOKUP_DISPLAYS = new Set(['ID', 'STRING', 'EMAIL']);

/**
 * Apex Reference Guide DescribeFieldResult.isIdLookup: "true if the field can be used to specify a record in an upsert
 * method" — Id, custom External ID fields, and standard fields with the Object Reference's idLookup property (Apex
 * Developer Guide "Upserting Records"). Standard fields of other display types are false: the Object Reference lists
 * idLookup only on Id, text and email fields (an inference from its tables, **unverified** as a rule); a standard text
 * field the table does not mark is a RuntimeGap rather than a guess.
 */
function isIdLookup(ref: FieldRef, pos: Pos): boolean {
  const eligible = upsertKeyEligibility(ref.field);
  if (eligible !== 'unknown') {
    return eligible === 'yes';
  }
  if (!ID_LOOKUP_DISPLAYS.has(ref.field.display)) {
    return false;
  }
  throw new RuntimeGap(
    `isIdLookup of ${ref.object.name}.${ref.field.name}: whether this standard field has the idLookup property is not known to the local org`,
    pos
  );
}
