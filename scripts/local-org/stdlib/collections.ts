/**
 * List, Set and Map methods (Apex Reference Guide: "List Class", "Set Class", "Map Class"). Out-of-range indexes
 * raise System.ListException "List index out of bounds: N"; contains/indexOf/Set and Map keys compare Strings
 * case-sensitively, unlike `==`.
 */
import type { Pos } from '../ast/nodes.ts';
import { coerce, compareNumbers, isNumber } from '../values/convert.ts';
import { cloneRecord } from '../data/sobject.ts';
import { typeToken } from './sobjects.ts';
import { newIterator } from './iterators.ts';
import { RuntimeGap } from '../values/errors.ts';
import { callOnValue } from '../interpreter/calls.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { runtimeType, typeName, type ApexType } from '../values/types.ts';
import {
  ApexDate,
  ApexDatetime,
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexSObject,
  ApexTime,
  type Value
} from '../values/values.ts';
import { NO_METHOD, int } from './args.ts';
import { assertionEquals } from './system.ts';

type Method<T> = (it: Interpreter, self: T, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

function checkIndex(it: Interpreter, l: ApexList, i: number, pos: Pos, allowEnd = false): void {
  if (i < 0 || i > l.items.length || (!allowEnd && i === l.items.length)) {
    it.raise('ListException', `List index out of bounds: ${i}`, pos);
  }
}

function items(it: Interpreter, v: Value | undefined, pos: Pos): Value[] {
  if (v instanceof ApexList) {
    return v.items;
  }
  if (v instanceof ApexSet) {
    return [...v.entries.values()];
  }
  if (v === null || v === undefined) {
    return it.npe(pos);
  }
  throw new RuntimeGap(`expected a List or Set, got ${typeName(runtimeType(v))}`, pos);
}

const codeUnits = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/**
 * The default order of SObjects in List.sort() (Apex Developer Guide "Sorting Lists of sObjects"): the label of the
 * SObject type, then Name, then the standard fields other than Id and Name in alphabetical order, then the custom
 * fields in alphabetical order; text in Unicode order, an empty field before a non-empty one. Only fields set on one
 * of the two records can differ. Two types with the same label are told apart by API name (unverified).
 */
function compareRecords(it: Interpreter, a: ApexSObject, b: ApexSObject, pos: Pos): number {
  const byType = codeUnits(a.type.label, b.type.label) || codeUnits(a.type.name, b.type.name);
  if (byType !== 0) {
    return byType;
  }
  const empty = (v: Value): boolean => v === null || v === '';
  const byField = (key: string): number => {
    const va = a.fields.get(key) ?? null;
    const vb = b.fields.get(key) ?? null;
    if (empty(va) || empty(vb)) {
      return empty(va) === empty(vb) ? 0 : empty(va) ? -1 : 1;
    }
    return naturalCompare(it, va, vb, pos);
  };
  const fields = [...new Set([...a.fields.keys(), ...b.fields.keys()])]
    .filter((k) => k !== 'id' && k !== 'name' && a.type.fields.has(k))
    .sort(codeUnits);
  const custom = (k: string): boolean => a.type.fields.get(k)?.custom === true;
  const order = [
    ...(a.type.fields.has('name') ? ['name'] : []),
    ...fields.filter((k) => !custom(k)),
    ...fields.filter(custom)
  ];
  for (const key of order) {
    const r = byField(key);
    if (r !== 0) {
      return r;
    }
  }
  return 0;
}

/**
 * Natural ordering used by List.sort(): numbers, Strings (by UTF-16 code units), dates, enums (ordinal), Comparable,
 * SObjects (compareRecords).
 */
function naturalCompare(it: Interpreter, a: Value, b: Value, pos: Pos): number {
  if (a === null || b === null) {
    return a === b ? 0 : a === null ? -1 : 1;
  }
  if (isNumber(a) && isNumber(b)) {
    return compareNumbers(a, b);
  }
  if (typeof a === 'string' && typeof b === 'string') {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    return Number(a) - Number(b);
  }
  if (a instanceof ApexDate && b instanceof ApexDate) {
    return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
  }
  if ((a instanceof ApexDatetime && b instanceof ApexDatetime) || (a instanceof ApexTime && b instanceof ApexTime)) {
    return a.ms - b.ms;
  }
  if (a instanceof ApexEnumValue && b instanceof ApexEnumValue) {
    return a.ordinal - b.ordinal;
  }
  if (a instanceof ApexObject) {
    const r = callOnValue(it, a, 'compareTo', [b], pos);
    if (typeof r === 'number') {
      return r;
    }
  }
  if (a instanceof ApexSObject && b instanceof ApexSObject) {
    return compareRecords(it, a, b, pos);
  }
  throw new RuntimeGap(`List.sort() of ${typeName(runtimeType(a))} and ${typeName(runtimeType(b))} values`, pos);
}

export const LIST_METHODS: Record<string, Method<ApexList>> = {
  add: (it, l, a, pos) => {
    if (a.length === 1) {
      l.items.push(coerce(a[0] ?? null, l.elementType));
      return null;
    }
    if (a.length === 2) {
      const i = int(it, a[0], pos);
      checkIndex(it, l, i, pos, true);
      l.items.splice(i, 0, coerce(a[1] ?? null, l.elementType));
      return null;
    }
    return NO_METHOD;
  },
  addall: (it, l, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    // A copy first (l.addAll(l) reads the list it grows), then one push per item: spreading a large list into
    // push() overflows the JavaScript stack.
    const added = items(it, a[0], pos).map((v) => coerce(v, l.elementType));
    for (const v of added) {
      l.items.push(v);
    }
    return null;
  },
  get: (it, l, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const i = int(it, a[0], pos);
    checkIndex(it, l, i, pos);
    return l.items[i] ?? null;
  },
  set: (it, l, a, pos) => {
    if (a.length !== 2) {
      return NO_METHOD;
    }
    const i = int(it, a[0], pos);
    checkIndex(it, l, i, pos);
    l.items[i] = coerce(a[1] ?? null, l.elementType);
    return null;
  },
  remove: (it, l, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const i = int(it, a[0], pos);
    checkIndex(it, l, i, pos);
    return l.items.splice(i, 1)[0] ?? null;
  },
  size: (_it, l, a) => (a.length === 0 ? l.items.length : NO_METHOD),
  isempty: (_it, l, a) => (a.length === 0 ? l.items.length === 0 : NO_METHOD),
  contains: (it, l, a) => (a.length === 1 ? l.items.some((x) => assertionEquals(it, x, a[0] ?? null)) : NO_METHOD),
  indexof: (it, l, a) => (a.length === 1 ? l.items.findIndex((x) => assertionEquals(it, x, a[0] ?? null)) : NO_METHOD),
  clear: (_it, l, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    l.items = [];
    return null;
  },
  clone: (_it, l, a) => (a.length === 0 ? new ApexList(l.elementType, [...l.items]) : NO_METHOD),
  iterator: (_it, l, a) => (a.length === 0 ? newIterator(l.items) : NO_METHOD),
  // Apex Reference Guide List.getSObjectType(): the token of the list's SObject type; null for a List<SObject>
  // (unverified) and for a list of something else.
  getsobjecttype: (it, l, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    const d = l.elementType.kind === 'sobject' ? it.registry.schema.describe(l.elementType.name) : undefined;
    return d && d.name.toLowerCase() !== 'sobject' ? typeToken(d) : null;
  },
  // Apex Reference Guide List.deepClone(preserveId, preserveReadonlyTimestamps, preserveAutonumber), each false when
  // left out: copies the SObject records too. Auto-number fields are not modelled (preserveAutonumber changes nothing
  // here).
  deepclone: (_it, l, a, pos) => {
    if (a.length > 3 || a.some((x) => typeof x !== 'boolean')) {
      return NO_METHOD;
    }
    if (l.items.some((x) => x !== null && !(x instanceof ApexSObject))) {
      throw new RuntimeGap('List.deepClone() of a list that does not hold SObjects', pos);
    }
    const [preserveId = false, preserveTimestamps = false] = a as boolean[];
    return new ApexList(
      l.elementType,
      l.items.map((x) => (x instanceof ApexSObject ? cloneRecord(x, preserveId, true, preserveTimestamps) : x))
    );
  },
  sort: (it, l, a, pos) => {
    const comparator = a[0];
    if (a.length === 1 && comparator instanceof ApexObject) {
      // Apex Reference Guide List class, sort(comparator): orders by the Comparator<T>'s compare(a, b).
      l.items.sort((x, y) => {
        const r = callOnValue(it, comparator, 'compare', [x, y], pos);
        return typeof r === 'number' ? r : it.npe(pos);
      });
      return null;
    }
    if (a.length !== 0) {
      return NO_METHOD;
    }
    l.items.sort((x, y) => naturalCompare(it, x, y, pos));
    return null;
  },
  equals: (it, l, a) => (a.length === 1 ? it.eq(l, a[0] ?? null) : NO_METHOD),
  hashcode: (it, l, a) => (a.length === 0 ? hash(it.key(l)) : NO_METHOD),
  tostring: (it, l, a) => (a.length === 0 ? it.str(l) : NO_METHOD)
};

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    h = (Math.imul(31, h) + s.charCodeAt(i)) | 0;
  }
  return h;
}

function setAdd(it: Interpreter, s: ApexSet, v: Value): boolean {
  const value = coerce(v, s.elementType);
  const k = it.key(value);
  if (s.entries.has(k)) {
    return false;
  }
  s.entries.set(k, value);
  return true;
}

export const SET_METHODS: Record<string, Method<ApexSet>> = {
  add: (it, s, a) => (a.length === 1 ? setAdd(it, s, a[0] ?? null) : NO_METHOD),
  addall: (it, s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    let changed = false;
    for (const v of items(it, a[0], pos)) {
      changed = setAdd(it, s, v) || changed;
    }
    return changed;
  },
  contains: (it, s, a) => (a.length === 1 ? s.entries.has(elementKey(it, s.elementType, a[0])) : NO_METHOD),
  containsall: (it, s, a, pos) =>
    a.length === 1 ? items(it, a[0], pos).every((v) => s.entries.has(it.key(v))) : NO_METHOD,
  remove: (it, s, a) => (a.length === 1 ? s.entries.delete(elementKey(it, s.elementType, a[0])) : NO_METHOD),
  removeall: (it, s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    let changed = false;
    for (const v of items(it, a[0], pos)) {
      changed = s.entries.delete(it.key(v)) || changed;
    }
    return changed;
  },
  retainall: (it, s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const keep = new Set(items(it, a[0], pos).map((v) => it.key(v)));
    let changed = false;
    for (const k of [...s.entries.keys()]) {
      if (!keep.has(k)) {
        s.entries.delete(k);
        changed = true;
      }
    }
    return changed;
  },
  size: (_it, s, a) => (a.length === 0 ? s.entries.size : NO_METHOD),
  isempty: (_it, s, a) => (a.length === 0 ? s.entries.size === 0 : NO_METHOD),
  clear: (_it, s, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    s.entries.clear();
    return null;
  },
  clone: (_it, s, a) => (a.length === 0 ? new ApexSet(s.elementType, new Map(s.entries)) : NO_METHOD),
  iterator: (_it, s, a) => (a.length === 0 ? newIterator([...s.entries.values()]) : NO_METHOD),
  equals: (it, s, a) => (a.length === 1 ? it.eq(s, a[0] ?? null) : NO_METHOD),
  hashcode: (it, s, a) => (a.length === 0 ? hash(it.key(s)) : NO_METHOD),
  tostring: (it, s, a) => (a.length === 0 ? it.str(s) : NO_METHOD)
};

/**
 * The key of a Set element / Map key argument: converted to the collection's element type first, so a 15-character
 * id finds its 18-character key in a Set<Id> (Id equality), and lower-cased for the case-insensitive maps the
 * describe calls return (fields.getMap(), Schema.getGlobalDescribe()).
 */
function elementKey(it: Interpreter, type: ApexType, v: Value | undefined): string {
  return it.key(coerce(v ?? null, type));
}

function mapKey(it: Interpreter, m: ApexMap, v: Value | undefined): string {
  if (m.caseInsensitive && typeof v === 'string') {
    return it.key(v.toLowerCase());
  }
  return elementKey(it, m.keyType, v);
}

export const MAP_METHODS: Record<string, Method<ApexMap>> = {
  put: (it, m, a) => {
    if (a.length !== 2) {
      return NO_METHOD;
    }
    const key = coerce(a[0] ?? null, m.keyType);
    const k = it.key(key);
    const previous = m.entries.get(k);
    m.entries.set(k, [previous ? previous[0] : key, coerce(a[1] ?? null, m.valueType)]);
    return previous ? previous[1] : null;
  },
  get: (it, m, a) => (a.length === 1 ? (m.entries.get(mapKey(it, m, a[0]))?.[1] ?? null) : NO_METHOD),
  containskey: (it, m, a) => (a.length === 1 ? m.entries.has(mapKey(it, m, a[0])) : NO_METHOD),
  remove: (it, m, a) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const k = it.key(a[0] ?? null);
    const previous = m.entries.get(k);
    m.entries.delete(k);
    return previous ? previous[1] : null;
  },
  keyset: (_it, m, a) =>
    a.length === 0 ? new ApexSet(m.keyType, new Map([...m.entries].map(([k, [key]]) => [k, key]))) : NO_METHOD,
  values: (_it, m, a) =>
    a.length === 0
      ? new ApexList(
          m.valueType,
          [...m.entries.values()].map(([, v]) => v)
        )
      : NO_METHOD,
  size: (_it, m, a) => (a.length === 0 ? m.entries.size : NO_METHOD),
  isempty: (_it, m, a) => (a.length === 0 ? m.entries.size === 0 : NO_METHOD),
  clear: (_it, m, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    m.entries.clear();
    return null;
  },
  putall: (it, m, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const src = a[0];
    if (src instanceof ApexList) {
      // putAll(sObjectArray): each record under its Id (Apex Reference Guide, Map Class).
      for (const rec of src.items) {
        if (!(rec instanceof ApexSObject)) {
          return NO_METHOD;
        }
        const id = rec.id;
        if (id === null) {
          return it.raise('SObjectException', 'Invalid id value for this SObject type: null', pos);
        }
        m.entries.set(it.key(id), [id, rec]);
      }
      return null;
    }
    if (!(src instanceof ApexMap)) {
      return src === null || src === undefined ? it.npe(pos) : NO_METHOD;
    }
    for (const [k, [key, v]] of src.entries) {
      m.entries.set(k, [key, coerce(v, m.valueType)]);
    }
    return null;
  },
  clone: (_it, m, a) => (a.length === 0 ? new ApexMap(m.keyType, m.valueType, new Map(m.entries)) : NO_METHOD),
  // Apex Reference Guide Map.deepClone(): a duplicate map whose SObject values are copies (ids and timestamps kept:
  // unverified).
  deepclone: (_it, m, a) =>
    a.length === 0
      ? new ApexMap(
          m.keyType,
          m.valueType,
          new Map(
            [...m.entries].map(([k, [key, v]]): [string, [Value, Value]] => [
              k,
              [key, v instanceof ApexSObject ? cloneRecord(v, true, true, true) : v]
            ])
          )
        )
      : NO_METHOD,
  equals: (it, m, a) => (a.length === 1 ? it.eq(m, a[0] ?? null) : NO_METHOD),
  hashcode: (it, m, a) => (a.length === 0 ? hash(it.key(m)) : NO_METHOD),
  tostring: (it, m, a) => (a.length === 0 ? it.str(m) : NO_METHOD)
};
