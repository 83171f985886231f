/**
 * A serialised copy of a value graph, as the platform makes when it queues asynchronous Apex: a Queueable is
 * serialized at `System.enqueueJob` and deserialized when it runs, so the job and its caller share no state ("Variables
 * that are declared transient are ignored by serialization and deserialization and the value is set to null in
 * Queueable Apex", Apex Developer Guide "Queueable Apex"); the same holds for the arguments of a `@future` call (Apex
 * Developer Guide "Future Methods": the parameters are primitives or collections of them). Objects referenced twice
 * stay one object in the copy (Java serialization keeps shared references); immutable values (numbers, strings, dates,
 * enum values, types, built-in objects) are shared as they are.
 */
import type { ClassInfo } from './classes.ts';
import { ApexList, ApexMap, ApexObject, ApexSet, ApexSObject, type Value } from './values.ts';

/** Lower-cased names of the transient instance fields and properties of a class and its superclasses. */
function transientMembers(cls: ClassInfo): Set<string> {
  const names = new Set<string>();
  for (const c of cls.chain()) {
    for (const f of c.fields.values()) {
      if (f.decl.modifiers.isTransient) {
        names.add(f.name.toLowerCase());
      }
    }
    for (const p of c.properties.values()) {
      if (p.modifiers.isTransient) {
        names.add(p.name.toLowerCase());
      }
    }
  }
  return names;
}

/**
 * Copies `v`; `key` gives the Set/Map identity of a copied element (by-reference keys of objects change with the
 * copy, so Set and Map entries are keyed again).
 */
export function serializedCopy(v: Value, key: (x: Value) => string, seen = new Map<object, Value>()): Value {
  if (v === null || typeof v !== 'object') {
    return v;
  }
  const done = seen.get(v);
  if (done !== undefined) {
    return done;
  }
  if (v instanceof ApexObject) {
    if (v.exception) {
      return v;
    }
    const copy = new ApexObject(v.cls);
    seen.set(v, copy);
    const skipped = transientMembers(v.cls);
    for (const [k, x] of v.fields) {
      copy.fields.set(k, skipped.has(k) ? null : serializedCopy(x, key, seen));
    }
    return copy;
  }
  if (v instanceof ApexList) {
    const copy = new ApexList(v.elementType);
    seen.set(v, copy);
    copy.items = v.items.map((x) => serializedCopy(x, key, seen));
    return copy;
  }
  if (v instanceof ApexSet) {
    const copy = new ApexSet(v.elementType);
    seen.set(v, copy);
    for (const x of v.entries.values()) {
      const element = serializedCopy(x, key, seen);
      copy.entries.set(key(element), element);
    }
    return copy;
  }
  if (v instanceof ApexMap) {
    const copy = new ApexMap(v.keyType, v.valueType);
    copy.caseInsensitive = v.caseInsensitive;
    seen.set(v, copy);
    for (const [k, [k0, x]] of v.entries) {
      const copiedKey = serializedCopy(k0, key, seen);
      copy.entries.set(k0 instanceof ApexObject ? key(copiedKey) : k, [copiedKey, serializedCopy(x, key, seen)]);
    }
    return copy;
  }
  if (v instanceof ApexSObject) {
    const copy = new ApexSObject(v.type);
    seen.set(v, copy);
    for (const [k, x] of v.fields) {
      copy.set(v.names.get(k) ?? k, serializedCopy(x, key, seen));
    }
    for (const [k, p] of v.parents) {
      copy.parents.set(k, p === null ? null : (serializedCopy(p, key, seen) as ApexSObject));
      copy.parentNames.set(k, v.parentNames.get(k) ?? k);
    }
    for (const [k, list] of v.children) {
      copy.children.set(k, serializedCopy(list, key, seen) as ApexList);
    }
    if (v.queried) {
      copy.queried = new Set(v.queried);
    }
    copy.errors = [...v.errors];
    return copy;
  }
  return v;
}
