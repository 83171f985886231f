/**
 * The Database result classes as JSON, both ways (Apex Reference Guide: "SaveResult Class", "UpsertResult Class",
 * "DeleteResult Class", "UndeleteResult Class", "MergeResult Class", "EmptyRecycleBinResult Class",
 * "LeadConvertResult Class", "Database.Error Class"). Tests build mock results with `JSON.deserialize` and code logs
 * them with `JSON.serialize`; the Apex Reference Guide documents the getters but not the JSON form. The member names
 * are those of the platform's own classes (the apex-ls standard-types jar lists `id`, `success`, `errors`, `created`,
 * `mergedRecordIds`, `updatedRelatedIds`, `leadId`, …; Database.Error: `statusCode`, `message`, `fields`); keys are
 * read case-insensitively, like the other JSON.deserialize targets. The order of the keys written is **unverified**
 * (id, success, then the type's own members, errors last here).
 */
import type { DmlError, DmlResult } from '../data/dml.ts';
import { prim } from '../values/types.ts';
import { ApexList, NativeObject, type Value } from '../values/values.ts';
import { NO_METHOD, type Native } from './args.ts';
import type { LeadConvertOutcome } from './lead-convert.ts';

/** A MergeResult: a DmlResult plus the ids merged into the master record and the related records reparented. */
export interface MergeOutcome extends DmlResult {
  mergedRecordIds: string[];
  updatedRelatedIds: string[];
}

const ERROR_TYPE = { kind: 'native', name: 'Database.Error' } as const;

const errorList = (errors: DmlError[]): ApexList =>
  new ApexList(
    ERROR_TYPE,
    errors.map((e) => new NativeObject('Database.Error', e))
  );

/** The JSON members of a result or error object, in the order written; undefined for other native objects. */
export function resultEntries(v: NativeObject): [string, Value][] | undefined {
  const name = v.typeName;
  if (name === 'Database.Error') {
    const e = v.state as DmlError;
    return [
      ['statusCode', e.statusCode],
      ['message', e.message],
      ['fields', new ApexList(prim('String'), [...e.fields])]
    ];
  }
  if (name === 'Database.LeadConvertResult') {
    const o = v.state as LeadConvertOutcome;
    return [
      ['leadId', o.leadId],
      ['accountId', o.accountId],
      ['contactId', o.contactId],
      ['opportunityId', o.opportunityId],
      ['relatedPersonAccountId', null],
      ['success', o.success],
      ['errors', errorList(o.errors)]
    ];
  }
  if (!RESULT_TYPES.has(name)) {
    return undefined;
  }
  const r = v.state as DmlResult;
  const entries: [string, Value][] = [
    ['id', r.id],
    ['success', r.success]
  ];
  if (name === 'Database.UpsertResult') {
    entries.push(['created', r.created]);
  }
  if (name === 'Database.MergeResult') {
    const m = v.state as MergeOutcome;
    entries.push(['mergedRecordIds', new ApexList(prim('String'), [...m.mergedRecordIds])]);
    entries.push(['updatedRelatedIds', new ApexList(prim('String'), [...m.updatedRelatedIds])]);
  }
  entries.push(['errors', errorList(r.errors)]);
  return entries;
}

const RESULT_TYPES = new Set([
  'Database.SaveResult',
  'Database.UpsertResult',
  'Database.DeleteResult',
  'Database.UndeleteResult',
  'Database.MergeResult',
  'Database.EmptyRecycleBinResult'
]);

/** Whether JSON.deserialize can build `name` with `resultFromJson`. */
export const DESERIALIZABLE_RESULTS = new Set([...RESULT_TYPES, 'Database.LeadConvertResult']);

/**
 * Builds a result from a JSON object's members (lower-cased keys), given its DmlResult part already read.
 * `ids` reads a JSON array of ids (validated by the caller's converter).
 */
export function resultFromJson(
  name: string,
  base: DmlResult,
  members: Map<string, Value>,
  ids: (v: Value) => string[]
): NativeObject {
  const id = (key: string): string | null => {
    const x = members.get(key);
    return typeof x === 'string' ? x : null;
  };
  if (name === 'Database.LeadConvertResult') {
    const outcome: LeadConvertOutcome = {
      leadId: id('leadid'),
      accountId: id('accountid'),
      contactId: id('contactid'),
      opportunityId: id('opportunityid'),
      success: base.success,
      errors: base.errors
    };
    return new NativeObject(name, outcome);
  }
  if (name === 'Database.MergeResult') {
    const merge: MergeOutcome = {
      ...base,
      mergedRecordIds: ids(members.get('mergedrecordids') ?? null),
      updatedRelatedIds: ids(members.get('updatedrelatedids') ?? null)
    };
    return new NativeObject(name, merge);
  }
  return new NativeObject(name, base);
}

/** MergeResult's own getters (the shared ones — isSuccess, getId, getErrors — are database.ts's). */
export const MERGE_RESULT_METHODS: Record<string, Native<NativeObject<MergeOutcome>>> = {
  getmergedrecordids: (_it, r, a) =>
    a.length === 0 ? new ApexList(prim('String'), [...r.state.mergedRecordIds]) : NO_METHOD,
  getupdatedrelatedids: (_it, r, a) =>
    a.length === 0 ? new ApexList(prim('String'), [...r.state.updatedRelatedIds]) : NO_METHOD
};

/**
 * `result.success`, `result.id`, `result.errors`…: the members of a result read as properties (the standard-types jar
 * lists them as fields of the result classes); undefined for other names and objects.
 */
export function resultProperty(v: NativeObject, name: string): Value | undefined {
  const lower = name.toLowerCase();
  return resultEntries(v)?.find(([k]) => k.toLowerCase() === lower)?.[1];
}
