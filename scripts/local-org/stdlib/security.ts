/**
 * Security.stripInaccessible (Apex Reference Guide, "Security Class", "SObjectAccessDecision Class", "AccessType
 * Enum"): copies of the records without the fields the running user cannot read (READABLE), create (CREATABLE),
 * update (UPDATABLE) or both (UPSERTABLE), parent records and child subquery rows included; getRemovedFields() maps
 * each object name to the removed field names, getModifiedIndexes() lists the source rows that lost a field. With
 * enforceRootObjectCRUD (default true) a root object the user has no such object access to throws
 * System.NoAccessException (message best knowledge, unverified). Access comes from data/access.ts.
 */
import type { Pos } from '../ast/nodes.ts';
import { fieldPermissions, objectPermissions, userAccess, type UserAccess } from '../data/access.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim } from '../values/types.ts';
import { ApexEnumValue, ApexList, ApexMap, ApexSet, ApexSObject, NativeObject, type Value } from '../values/values.ts';
import type { FieldDescribe, SObjectDescribe } from '../schema/schema.ts';
import { NO_METHOD, bool, list, type Native } from './args.ts';

export const SOBJECT_ACCESS_DECISION = 'System.SObjectAccessDecision';

type AccessType = 'CREATABLE' | 'READABLE' | 'UPDATABLE' | 'UPSERTABLE';

interface Decision {
  records: ApexSObject[];
  removed: Map<string, Set<string>>;
  modified: number[];
}

function allowedField(ua: UserAccess, access: AccessType, type: SObjectDescribe, f: FieldDescribe): boolean {
  if (f.name === 'Id') {
    return true;
  }
  const obj = objectPermissions(ua, type);
  const fls = fieldPermissions(ua, type, f);
  const createable = fls.editable && obj.allowCreate;
  const updateable = fls.editable && obj.allowEdit;
  switch (access) {
    case 'READABLE':
      return fls.readable;
    case 'CREATABLE':
      return createable;
    case 'UPDATABLE':
      return updateable;
    case 'UPSERTABLE':
      return createable && updateable;
  }
}

function allowedObject(ua: UserAccess, access: AccessType, type: SObjectDescribe): boolean {
  const obj = objectPermissions(ua, type);
  switch (access) {
    case 'READABLE':
      return obj.allowRead;
    case 'CREATABLE':
      return obj.allowCreate;
    case 'UPDATABLE':
      return obj.allowEdit;
    case 'UPSERTABLE':
      return obj.allowCreate && obj.allowEdit;
  }
}

/** A copy of `rec` without the disallowed fields; records what it removed. True in `changed` when it lost any. */
function strip(
  ua: UserAccess,
  access: AccessType,
  rec: ApexSObject,
  removed: Map<string, Set<string>>,
  changed: { value: boolean }
): ApexSObject {
  const out = new ApexSObject(rec.type);
  if (rec.queried) {
    out.queried = new Set(rec.queried);
  }
  const remove = (name: string): void => {
    changed.value = true;
    const set = removed.get(rec.type.name) ?? new Set<string>();
    set.add(name);
    removed.set(rec.type.name, set);
  };
  for (const [key, value] of rec.fields) {
    const f = rec.type.fields.get(key);
    if (f && !allowedField(ua, access, rec.type, f)) {
      remove(f.name);
      continue;
    }
    out.set(rec.names.get(key) ?? key, value);
  }
  for (const [key, parent] of rec.parents) {
    const lookup = rec.type.relationships.get(key);
    if (lookup && !allowedField(ua, access, rec.type, lookup)) {
      remove(rec.parentNames.get(key) ?? key);
      continue;
    }
    out.parents.set(key, parent ? strip(ua, access, parent, removed, changed) : null);
    out.parentNames.set(key, rec.parentNames.get(key) ?? key);
  }
  for (const [key, children] of rec.children) {
    const first = children.items[0];
    const childType = first instanceof ApexSObject ? first.type : undefined;
    if (childType && !allowedObject(ua, access, childType)) {
      remove(key);
      continue;
    }
    out.children.set(
      key,
      new ApexList(
        children.elementType,
        children.items.map((c) => (c instanceof ApexSObject ? strip(ua, access, c, removed, changed) : c))
      )
    );
  }
  return out;
}

export function stripInaccessible(
  it: Interpreter,
  access: AccessType,
  records: ApexSObject[],
  enforceRootObjectCRUD: boolean,
  pos: Pos
): Decision {
  const ua = userAccess(it);
  if (enforceRootObjectCRUD) {
    for (const rec of records) {
      if (!allowedObject(ua, access, rec.type)) {
        it.raise('NoAccessException', `No access to entity: ${rec.type.name}`, pos);
      }
    }
  }
  const removed = new Map<string, Set<string>>();
  const modified: number[] = [];
  const out = records.map((rec, i) => {
    const changed = { value: false };
    const copy = strip(ua, access, rec, removed, changed);
    if (changed.value) {
      modified.push(i);
    }
    return copy;
  });
  return { records: out, removed, modified };
}

export const SECURITY_STATICS: Record<string, Native> = {
  stripinaccessible: (it, _s, a, pos) => {
    const kind = a[0];
    if (a.length < 2 || a.length > 3 || !(kind instanceof ApexEnumValue) || kind.enumType.name !== 'AccessType') {
      return NO_METHOD;
    }
    const source = list(it, a[1], pos);
    const records = source.items.map((r) => (r instanceof ApexSObject ? r : it.npe(pos)));
    const enforce = a.length === 3 ? bool(it, a[2], pos) : true;
    const decision = stripInaccessible(it, kind.name as AccessType, records, enforce, pos);
    return new NativeObject(SOBJECT_ACCESS_DECISION, { ...decision, elementType: source.elementType });
  }
};

type DecisionState = Decision & { elementType: ApexList['elementType'] };
type Method = (it: Interpreter, self: NativeObject<DecisionState>, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

export const SOBJECT_ACCESS_DECISION_METHODS: Record<string, Method> = {
  getrecords: (_it, d, a) => (a.length === 0 ? new ApexList(d.state.elementType, [...d.state.records]) : NO_METHOD),
  getremovedfields: (_it, d, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const setType = { kind: 'set' as const, element: prim('String') };
    const map = new ApexMap(prim('String'), setType);
    for (const [object, fields] of d.state.removed) {
      const set = new ApexSet(prim('String'), new Map([...fields].map((f) => [`s:${f}`, f])));
      map.entries.set(`s:${object}`, [object, set]);
    }
    return map;
  },
  getmodifiedindexes: (_it, d, a) =>
    a.length === 0 ? new ApexSet(prim('Integer'), new Map(d.state.modified.map((i) => [`n:${i}`, i]))) : NO_METHOD
};
