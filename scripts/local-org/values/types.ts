import { normalizeId } from '../schema/ids.ts';
import { PRIMITIVES, type PrimitiveName } from '../schema/schema.ts';
import type { ClassInfo, EnumInfo } from './classes.ts';
import { Decimal } from './decimal.ts';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexSObject,
  ApexTime,
  ApexTypeValue,
  NativeObject,
  type Value
} from './values.ts';

// The primitive names are the schema's (a field's Apex type), so schema/ needs nothing from here.
export { PRIMITIVES, type PrimitiveName };

export type ApexType =
  | { kind: 'primitive'; name: PrimitiveName }
  | { kind: 'list'; element: ApexType }
  | { kind: 'set'; element: ApexType }
  | { kind: 'map'; key: ApexType; value: ApexType }
  | { kind: 'class'; cls: ClassInfo }
  | { kind: 'enum'; en: EnumInfo }
  /** An SObject type by API name ('Contact', 'MiiTel_Settings__c'), or the generic 'SObject'. */
  | { kind: 'sobject'; name: string }
  /** A built-in type implemented by the stdlib (Pattern, Matcher, Type, ...). */
  | { kind: 'native'; name: string }
  | { kind: 'void' };

const primitiveCache = new Map<PrimitiveName, ApexType>();
export function prim(name: PrimitiveName): ApexType {
  let t = primitiveCache.get(name);
  if (!t) {
    t = { kind: 'primitive', name };
    primitiveCache.set(name, t);
  }
  return t;
}

export const OBJECT = prim('Object');

export function primitiveByName(name: string): PrimitiveName | undefined {
  const lower = name.toLowerCase();
  return PRIMITIVES.find((p) => p.toLowerCase() === lower);
}

/** How the platform names a type in messages and getTypeName()-like output. */
export function typeName(t: ApexType): string {
  switch (t.kind) {
    case 'primitive':
      return t.name;
    case 'list':
      return `List<${typeName(t.element)}>`;
    case 'set':
      return `Set<${typeName(t.element)}>`;
    case 'map':
      return `Map<${typeName(t.key)},${typeName(t.value)}>`;
    case 'class':
      return t.cls.fullName;
    case 'enum':
      return t.en.fullName;
    case 'native':
    case 'sobject':
      return t.name;
    case 'void':
      return 'void';
  }
}

/** The primitive types runtimeType answers, made once (it runs for every argument of every overload choice). */
const RUNTIME_BOOLEAN = prim('Boolean');
const RUNTIME_STRING = prim('String');
const RUNTIME_INTEGER = prim('Integer');
const RUNTIME_LONG = prim('Long');
const RUNTIME_DOUBLE = prim('Double');
const RUNTIME_DECIMAL = prim('Decimal');
const RUNTIME_DATE = prim('Date');
const RUNTIME_DATETIME = prim('Datetime');
const RUNTIME_TIME = prim('Time');
const RUNTIME_BLOB = prim('Blob');

/** The runtime type of a non-null value. */
export function runtimeType(v: Exclude<Value, null>): ApexType {
  switch (typeof v) {
    case 'boolean':
      return RUNTIME_BOOLEAN;
    case 'string':
      return RUNTIME_STRING;
    case 'number':
      return RUNTIME_INTEGER;
    case 'bigint':
      return RUNTIME_LONG;
  }
  if (v instanceof ApexDouble) {
    return RUNTIME_DOUBLE;
  }
  if (v instanceof Decimal) {
    return RUNTIME_DECIMAL;
  }
  if (v instanceof ApexObject) {
    return v.cls.asType;
  }
  if (v instanceof ApexList) {
    return { kind: 'list', element: v.elementType };
  }
  if (v instanceof ApexSet) {
    return { kind: 'set', element: v.elementType };
  }
  if (v instanceof ApexMap) {
    return { kind: 'map', key: v.keyType, value: v.valueType };
  }
  if (v instanceof ApexEnumValue) {
    return { kind: 'enum', en: v.enumType };
  }
  if (v instanceof ApexDate) {
    return RUNTIME_DATE;
  }
  if (v instanceof ApexDatetime) {
    return RUNTIME_DATETIME;
  }
  if (v instanceof ApexTime) {
    return RUNTIME_TIME;
  }
  if (v instanceof ApexBlob) {
    return RUNTIME_BLOB;
  }
  if (v instanceof ApexTypeValue) {
    return { kind: 'native', name: 'System.Type' };
  }
  if (v instanceof ApexSObject) {
    return { kind: 'sobject', name: v.type.name };
  }
  return { kind: 'native', name: (v as NativeObject).typeName };
}

export function sameType(a: ApexType, b: ApexType): boolean {
  // Fast paths (overload choice compares types on every call) giving what the names' comparison below gives.
  if (a === b) {
    return true;
  }
  if (a.kind === 'primitive' && b.kind === 'primitive') {
    return a.name === b.name || a.name.toLowerCase() === b.name.toLowerCase();
  }
  if (a.kind === 'class' && b.kind === 'class') {
    return a.cls === b.cls;
  }
  return (
    typeName(a).toLowerCase() === typeName(b).toLowerCase() &&
    (a.kind !== 'class' || b.kind !== 'class' || a.cls === b.cls)
  );
}

/**
 * Whether a value of runtime type `from` may be used where `to` is expected (instanceof / cast check).
 * Lists are covariant (a List<String> is a List<Object>), as on the platform; Sets and Maps need equal types.
 */
export function isAssignable(from: ApexType, to: ApexType): boolean {
  if (to.kind === 'primitive' && to.name === 'Object') {
    return from.kind !== 'void';
  }
  switch (to.kind) {
    case 'primitive':
      return (
        from.kind === 'primitive' &&
        (from.name === to.name ||
          (to.name === 'String' && from.name === 'Id') ||
          (to.name === 'Id' && from.name === 'String'))
      );
    case 'list':
      return from.kind === 'list' && (isAssignable(from.element, to.element) || sameType(from.element, to.element));
    case 'set':
      return from.kind === 'set' && (sameType(from.element, to.element) || isObject(to.element));
    case 'map':
      return (
        from.kind === 'map' &&
        sameType(from.key, to.key) &&
        (sameType(from.value, to.value) || isObject(to.value) || isAssignable(from.value, to.value))
      );
    case 'class':
      return (
        (from.kind === 'class' && from.cls.isSubtypeOf(to.cls)) ||
        ((from.kind === 'list' || from.kind === 'set') && to.cls.isBuiltin && to.cls.fullName === 'System.Iterable') ||
        // The runtime's BatchableContext/QueueableContext/… objects are instances of the system interface.
        (from.kind === 'native' && to.cls.isBuiltin && from.name.toLowerCase() === to.cls.fullName.toLowerCase())
      );
    case 'enum':
      return from.kind === 'enum' && from.en === to.en;
    case 'native':
      return (
        from.kind === 'native' &&
        (from.name.toLowerCase() === to.name.toLowerCase() ||
          // Cache.OrgPartition and Cache.SessionPartition extend Cache.Partition (Apex Reference Guide "Cache
          // Namespace").
          (to.name === 'Cache.Partition' &&
            (from.name === 'Cache.OrgPartition' || from.name === 'Cache.SessionPartition')))
      );
    case 'sobject':
      return (
        from.kind === 'sobject' &&
        (to.name.toLowerCase() === 'sobject' || from.name.toLowerCase() === to.name.toLowerCase())
      );
    case 'void':
      return false;
  }
}

export const isObject = (t: ApexType): boolean => t.kind === 'primitive' && t.name === 'Object';

/**
 * `v instanceof t` (also casts and catch clauses). Beyond the type's own subtypes:
 * - numbers: a value is an instance of its own and every wider numeric type of the hierarchy Integer < Long < Double
 *   < Decimal (Apex Developer Guide "Rules of Conversion"), and Double and Decimal answer for each other — unverified
 *   in the docs; public code passing on real orgs relies on it (force-di:
 *   `value instanceof Decimal // handles Decimal, Long, Double, Integer`);
 * - a Date is an instance of Datetime (unverified; Date converts to Datetime implicitly, see convert.ts coerce);
 * - a String is an instance of Id exactly when it is a valid id ("The instanceOf keyword can always be used to test
 *   whether a string is an ID", Apex Developer Guide "Rules of Conversion"): 'bob' is not, an id held as String or
 *   Object is;
 * - a List or Set is an Iterable (Apex Reference Guide "List Class"/"Set Class" iterator(); the type argument is not
 *   checked);
 * - a List of numbers is a List of any wider numeric type (unverified).
 */
export function isInstanceOf(v: Value, t: ApexType): boolean {
  if (v === null) {
    return false;
  }
  const from = runtimeType(v);
  if (t.kind === 'primitive' && from.kind === 'primitive') {
    const widen = numericRank(from);
    const to = numericRank(t);
    if (widen >= 0 && to >= 0) {
      return widen <= to || (widen === 3 && to === 2);
    }
    if (t.name === 'Datetime' && from.name === 'Date') {
      return true;
    }
    if (t.name === 'Id' && typeof v === 'string') {
      return normalizeId(v) !== undefined;
    }
  }
  if (t.kind === 'list' && from.kind === 'list') {
    // Lists are covariant, numbers included: a List<Integer> is a List<Decimal> (unverified; Query.apex casts
    // `(List<Decimal>) obj` after `obj instanceof List<Integer>` on real orgs).
    const f = numericRank(from.element);
    const to = numericRank(t.element);
    if (f >= 0 && to >= 0) {
      return f <= to || (f === 3 && to === 2);
    }
  }
  return isAssignable(from, t);
}

/** Numeric rank in the platform's widening order Integer < Long < Double < Decimal; -1 for non-numbers. */
export function numericRank(t: ApexType): number {
  if (t.kind !== 'primitive') {
    return -1;
  }
  switch (t.name) {
    case 'Integer':
      return 0;
    case 'Long':
      return 1;
    case 'Double':
      return 2;
    case 'Decimal':
      return 3;
    default:
      return -1;
  }
}
