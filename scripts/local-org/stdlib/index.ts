/**
 * Dispatch of built-in static calls (`String.valueOf(x)`), instance calls on built-in values (`s.trim()`,
 * `list.add(x)`) and static fields (`Math.PI`). Anything missing raises a RuntimeGap that says whether the method
 * exists on the platform (checked against the apex-ls standard-types jar) — never a silent guess.
 */
import type { Pos } from '../ast/nodes.ts';
import { Decimal } from '../values/decimal.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { isAssignable, runtimeType, typeName } from '../values/types.ts';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexSet,
  ApexSObject,
  ApexTime,
  ApexTypeValue,
  NativeObject,
  type Value
} from '../values/values.ts';
import { NO_METHOD, notImplemented, num, str, type Native } from './args.ts';
import { LIST_METHODS, MAP_METHODS, SET_METHODS } from './collections.ts';
import {
  DATE_METHODS,
  DATE_STATICS,
  DATETIME_METHODS,
  DATETIME_STATICS,
  TIME_METHODS,
  TIME_STATICS
} from './datetime.ts';
import { JSON_STATICS } from './json.ts';
import { JSON_PARSER_METHODS } from './json-parser.ts';
import {
  BOOLEAN_STATICS,
  DECIMAL_METHODS,
  DECIMAL_STATICS,
  DOUBLE_METHODS,
  DOUBLE_STATICS,
  INTEGER_METHODS,
  INTEGER_STATICS,
  LONG_METHODS,
  LONG_STATICS,
  MATH_FIELDS,
  MATH_STATICS
} from './numbers.ts';
import { MATCHER_METHODS, PATTERN_METHODS, PATTERN_STATICS } from './pattern.ts';
import { STRING_METHODS, STRING_STATICS, valueOfString } from './strings.ts';
import { ASSERT_STATICS, SYSTEM_STATICS } from './system.ts';
import {
  DATABASE_STATICS,
  FEATURE_MANAGEMENT_STATICS,
  LIMITS_STATICS,
  TEST_STATICS,
  TIMEZONE_METHODS,
  TIMEZONE_STATICS,
  USERINFO_STATICS,
  databaseMethods
} from './database.ts';
import { ID_METHODS, ID_STATICS, SCHEMA_STATICS, SOBJECT_METHODS, schemaMethods, staticDescribe } from './sobjects.ts';
import { normalizeId } from '../schema/ids.ts';
import { ADDRESS_PARTS } from '../data/sobject.ts';
import { labelValue } from './labels.ts';
import { newLeadConvert } from './lead-convert.ts';
import { REQUEST_METHODS, REQUEST_STATICS } from './request.ts';
import { newUrl, URL_METHODS, URL_STATICS } from './url.ts';
import { ITERATOR, ITERATOR_METHODS } from './iterators.ts';
import { AES_STATICS } from './crypto-aes.ts';
import { EVENT_BUS_STATICS, TEST_BROKER, TEST_BROKER_METHODS } from './events.ts';
import { HTTP_METHODS, HTTP_REQUEST_METHODS, HTTP_RESPONSE_METHODS, newHttp } from './http.ts';
import { CACHE_ORG_STATICS, CACHE_SESSION_STATICS, partitionMethod } from './cache.ts';
import { UUID_METHODS, UUID_STATICS } from './uuid.ts';
import { ORG_LIMIT_METHODS, ORG_LIMITS_STATICS } from './org-limits.ts';
import { BLOB_METHODS, BLOB_STATICS, CRYPTO_STATICS, ENCODING_UTIL_STATICS } from './encoding.ts';
import { SEARCH_STATICS } from './search.ts';
import { SECURITY_STATICS } from './security.ts';
import { CONNECT_API_CHATTER_USERS_STATICS } from './connect-api.ts';
import { typeForName } from './type-names.ts';
import { lowerName } from '../schema/lower.ts';

const TYPE_STATICS: Record<string, Native> = {
  forname: (it, _s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const t = typeForName(it, str(it, a[0], pos));
    return t ? new ApexTypeValue(t) : null;
  }
};

/**
 * System.Location (Apex Reference Guide "Location Class"): Location.newInstance(latitude, longitude) and its getters;
 * the values are kept as given (Decimal) and read as Double.
 */
const LOCATION_STATICS: Record<string, Native> = {
  newinstance: (it, _s, a, pos) =>
    a.length === 2
      ? new NativeObject<Record<string, Value>>('Location', {
          latitude: a[0] === null || a[0] === undefined ? null : new ApexDouble(num(it, a[0], pos)),
          longitude: a[1] === null || a[1] === undefined ? null : new ApexDouble(num(it, a[1], pos))
        })
      : NO_METHOD
};
const LOCATION_METHODS: Record<string, Method<NativeObject<Record<string, Value>>>> = {
  getlatitude: (_it, l, a) => (a.length === 0 ? (l.state.latitude ?? null) : NO_METHOD),
  getlongitude: (_it, l, a) => (a.length === 0 ? (l.state.longitude ?? null) : NO_METHOD)
};

const STATICS: Record<string, Record<string, Native>> = {
  system: SYSTEM_STATICS,
  assert: ASSERT_STATICS,
  string: STRING_STATICS,
  integer: INTEGER_STATICS,
  long: LONG_STATICS,
  decimal: DECIMAL_STATICS,
  double: DOUBLE_STATICS,
  boolean: BOOLEAN_STATICS,
  math: MATH_STATICS,
  date: DATE_STATICS,
  datetime: DATETIME_STATICS,
  time: TIME_STATICS,
  json: JSON_STATICS,
  pattern: PATTERN_STATICS,
  type: TYPE_STATICS,
  database: DATABASE_STATICS,
  limits: LIMITS_STATICS,
  userinfo: USERINFO_STATICS,
  test: TEST_STATICS,
  featuremanagement: FEATURE_MANAGEMENT_STATICS,
  schema: SCHEMA_STATICS,
  id: ID_STATICS,
  blob: BLOB_STATICS,
  encodingutil: ENCODING_UTIL_STATICS,
  crypto: { ...CRYPTO_STATICS, ...AES_STATICS },
  request: REQUEST_STATICS,
  orglimits: ORG_LIMITS_STATICS,
  search: SEARCH_STATICS,
  security: SECURITY_STATICS,
  url: URL_STATICS,
  eventbus: EVENT_BUS_STATICS,
  'cache.org': CACHE_ORG_STATICS,
  'cache.session': CACHE_SESSION_STATICS,
  'connectapi.chatterusers': CONNECT_API_CHATTER_USERS_STATICS,
  // Apex Reference Guide "Network Class": getNetworkId() is the user's current Experience Cloud site, null outside one
  // (always here).
  network: { getnetworkid: (_it, _s, a) => (a.length === 0 ? null : NO_METHOD) },
  uuid: UUID_STATICS,
  timezone: TIMEZONE_STATICS,
  location: LOCATION_STATICS
};

/** Type names as called → lower case without `System.`; few, from source. */
const simpleNames = new Map<string, string>();
function simpleName(type: string): string {
  let simple = simpleNames.get(type);
  if (simple === undefined) {
    simple = lowerName(type).replace(/^system\./, '');
    if (simpleNames.size < MAX_NAMES) {
      simpleNames.set(type, simple);
    }
  }
  return simple;
}

/** `new T(...)` of a built-in type (Database.LeadConvert, RestRequest, …). */
const NATIVE_CONSTRUCTORS: Record<string, (it: Interpreter, args: Value[], pos: Pos) => Value> = {
  'database.leadconvert': (_it, args) => (args.length === 0 ? newLeadConvert() : NO_CONSTRUCTOR),
  url: (it, args, pos) => newUrl(it, args, pos),
  http: (_it, args) => (args.length === 0 ? (newHttp('http') ?? NO_CONSTRUCTOR) : NO_CONSTRUCTOR),
  httprequest: (_it, args) => (args.length === 0 ? (newHttp('httprequest') ?? NO_CONSTRUCTOR) : NO_CONSTRUCTOR),
  httpresponse: (_it, args) => (args.length === 0 ? (newHttp('httpresponse') ?? NO_CONSTRUCTOR) : NO_CONSTRUCTOR)
};
const NO_CONSTRUCTOR = null;

export function constructNative(it: Interpreter, type: string, args: Value[], pos: Pos): Value {
  const make = NATIVE_CONSTRUCTORS[type.toLowerCase()];
  const made = make ? make(it, args, pos) : NO_CONSTRUCTOR;
  if (made === NO_CONSTRUCTOR) {
    throw new RuntimeGap(
      `Constructor not defined: [${type}].<Constructor>(${it.argTypes(args)}) in the local org runtime`,
      pos
    );
  }
  return made;
}

export function callStaticNative(it: Interpreter, type: string, method: string, args: Value[], pos: Pos): Value {
  let byMethod = staticTables.get(type);
  if (byMethod === undefined) {
    byMethod = methodsOf(STATICS[simpleName(type)]);
    staticTables.set(type, byMethod);
  }
  const fn = byMethod?.find(method);
  if (fn) {
    const r = fn(it, undefined, args, pos);
    if (r !== NO_METHOD) {
      return r;
    }
  }
  return notImplemented(type, method, args, pos);
}

export function staticNativeField(it: Interpreter, type: string, name: string, pos: Pos): Value {
  const simple = simpleName(type);
  if (simple === 'label') {
    return labelValue(it, name, pos);
  }
  if (simple === 'schema.sobjecttype') {
    // `Schema.SObjectType.Task`: the static form of Task.SObjectType.getDescribe() (Apex Reference Guide "SObjectType
    // Class").
    return staticDescribe(it, name, pos);
  }
  if (simple === 'math') {
    const v = MATH_FIELDS[lowerName(name)];
    if (v !== undefined) {
      return v;
    }
  }
  void it;
  throw new RuntimeGap(`${type}.${name} is not a static field the local org runtime implements`, pos);
}

type Method<T> = (it: Interpreter, self: T, a: Value[], pos: Pos) => Value | typeof NO_METHOD;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- one table per receiver type; callers pass a matching receiver
type AnyMethod = Method<any>;

/** Resolutions done (a method name looked up in a table for the first time): the tests count them. */
export const dispatchWork = { resolved: 0 };
/** Names are from source; a table resolving more than this (dynamic names) starts over, like schema/lower.ts. */
const MAX_NAMES = 10_000;

/**
 * One table of built-in methods (lower-cased name → function) with its resolutions: a call is one Map lookup of the
 * name as written in the source, instead of lower-casing it and reading the table each time. A resolution is the
 * same expression the table was read with before (`table[lowerName(method)]`), so it answers the same.
 */
class MethodTable {
  private readonly byName = new Map<string, AnyMethod | null>();

  constructor(private readonly table: Record<string, AnyMethod>) {}

  find(method: string): AnyMethod | undefined {
    let fn = this.byName.get(method);
    if (fn === undefined) {
      if (this.byName.size >= MAX_NAMES) {
        this.byName.clear();
      }
      fn = this.table[lowerName(method)] ?? null;
      this.byName.set(method, fn);
      dispatchWork.resolved++;
    }
    return fn ?? undefined;
  }
}

const methodTables = new Map<object, MethodTable>();

/** The resolving wrapper of `table` (one per table, shared by every receiver type using it). */
function methodsOf(table: Record<string, AnyMethod> | undefined): MethodTable | null {
  if (table === undefined) {
    return null;
  }
  let methods = methodTables.get(table);
  if (!methods) {
    methods = new MethodTable(table);
    methodTables.set(table, methods);
  }
  return methods;
}

/** Static method tables by type name as called (`String`, `system.Json`, …): `null` when there is none. */
const staticTables = new Map<string, MethodTable | null>();

function run<T>(
  table: MethodTable,
  it: Interpreter,
  self: T,
  method: string,
  args: Value[],
  pos: Pos
): Value | typeof NO_METHOD {
  const fn = table.find(method);
  return fn ? fn(it, self, args, pos) : NO_METHOD;
}

const TYPE_METHODS: Record<string, Method<ApexTypeValue>> = {
  getname: (_it, t, a) => (a.length === 0 ? typeName(t.type) : NO_METHOD),
  tostring: (_it, t, a) => (a.length === 0 ? typeName(t.type) : NO_METHOD),
  equals: (it, t, a) => (a.length === 1 ? it.eq(t, a[0] ?? null) : NO_METHOD),
  // Apex Reference Guide "Type Class" isAssignableFrom(sourceType): whether a reference of this type can be assigned
  // from sourceType.
  isassignablefrom: (it, t, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const source = a[0] ?? null;
    if (!(source instanceof ApexTypeValue)) {
      return source === null ? it.npe(pos) : NO_METHOD;
    }
    return isAssignable(source.type, t.type);
  },
  newinstance: (it, t, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    if (t.type.kind === 'sobject' && t.type.name.toLowerCase() !== 'sobject') {
      // Apex Reference Guide Type.newInstance(): for an SObject type, a new record of it (as `new Account()`).
      const d = it.registry.schema.describe(t.type.name);
      if (d) {
        return new ApexSObject(d);
      }
    }
    // A collection type (Type.forName('Map<Id,Account>'), List<String>.class): a new empty collection of it.
    if (t.type.kind === 'list') {
      return new ApexList(t.type.element, []);
    }
    if (t.type.kind === 'set') {
      return new ApexSet(t.type.element);
    }
    if (t.type.kind === 'map') {
      return new ApexMap(t.type.key, t.type.value);
    }
    if (t.type.kind !== 'class') {
      throw new RuntimeGap(`Type.newInstance() of ${typeName(t.type)}`, pos);
    }
    return it.instantiate(t.type.cls, [], pos);
  }
};

const ENUM_METHODS: Record<string, Method<ApexEnumValue>> = {
  name: (_it, e, a) => (a.length === 0 ? e.name : NO_METHOD),
  ordinal: (_it, e, a) => (a.length === 0 ? e.ordinal : NO_METHOD),
  tostring: (_it, e, a) => (a.length === 0 ? e.name : NO_METHOD),
  equals: (_it, e, a) => (a.length === 1 ? e === a[0] : NO_METHOD),
  hashcode: (_it, e, a) => (a.length === 0 ? e.ordinal : NO_METHOD)
};

/** System.Address (Apex Reference Guide "Address Class"): the getters of a compound address field's components. */
const addressGetter =
  (part: string): Method<NativeObject<Record<string, Value>>> =>
  (_it, a, args) =>
    args.length === 0 ? (a.state[part] ?? null) : NO_METHOD;
const ADDRESS_METHODS = Object.fromEntries(
  ADDRESS_PARTS.map((part) => [`get${part.toLowerCase()}`, addressGetter(part.toLowerCase())])
);

/** Instance methods of native objects by type name (others: schema describe and Database results, below). */
const NATIVE_TABLES: Record<string, Record<string, Method<NativeObject>> | undefined> = {
  Pattern: PATTERN_METHODS,
  Matcher: MATCHER_METHODS,
  JSONParser: JSON_PARSER_METHODS,
  'System.TimeZone': TIMEZONE_METHODS,
  'System.Request': REQUEST_METHODS,
  'System.OrgLimit': ORG_LIMIT_METHODS,
  [ITERATOR]: ITERATOR_METHODS,
  [TEST_BROKER]: TEST_BROKER_METHODS,
  Http: HTTP_METHODS,
  HttpRequest: HTTP_REQUEST_METHODS,
  HttpResponse: HTTP_RESPONSE_METHODS,
  URL: URL_METHODS,
  UUID: UUID_METHODS,
  Address: ADDRESS_METHODS,
  Location: LOCATION_METHODS
} as Record<string, Record<string, Method<NativeObject>> | undefined>;

/**
 * The methods every Apex value has (apex-ls' built-in Object: toString, hashCode, equals): toString() is the text
 * String.valueOf gives; hashCode() of Integer, Long, Boolean and String is Java's (the platform's values are Java
 * objects; unverified in the Apex docs), of other values a RuntimeGap.
 */
function objectMethod(
  it: Interpreter,
  v: Exclude<Value, null>,
  method: string,
  args: Value[]
): Value | typeof NO_METHOD {
  if (args.length !== 0) {
    return NO_METHOD;
  }
  if (method === 'tostring' && !(v instanceof NativeObject && v.text === undefined)) {
    return valueOfString(it, v);
  }
  if (method === 'hashcode') {
    if (typeof v === 'number') {
      return v;
    }
    if (typeof v === 'bigint') {
      return Number(BigInt.asIntN(32, v ^ (BigInt.asUintN(64, v) >> 32n)));
    }
    if (typeof v === 'boolean') {
      return v ? 1231 : 1237;
    }
    if (typeof v === 'string') {
      let h = 0;
      for (let i = 0; i < v.length; i++) {
        h = (Math.imul(31, h) + v.charCodeAt(i)) | 0;
      }
      return h;
    }
  }
  return NO_METHOD;
}

/** How an object value's methods are found: a table of its class, the cache partitions', or its type name's. */
type Receiver = MethodTable | 'partition' | 'native' | null;

/**
 * The receiver kind of an object value of a class: decided once per class by the `instanceof` tests the dispatch made
 * on every call before (in the same order), so it answers the same — a value's prototype chain never changes.
 */
function receiverOf(v: object): Receiver {
  if (v instanceof Decimal) {
    return methodsOf(DECIMAL_METHODS);
  } else if (v instanceof ApexDouble) {
    return methodsOf(DOUBLE_METHODS);
  } else if (v instanceof ApexList) {
    return methodsOf(LIST_METHODS);
  } else if (v instanceof ApexSet) {
    return methodsOf(SET_METHODS);
  } else if (v instanceof ApexMap) {
    return methodsOf(MAP_METHODS);
  } else if (v instanceof ApexDate) {
    return methodsOf(DATE_METHODS);
  } else if (v instanceof ApexDatetime) {
    return methodsOf(DATETIME_METHODS);
  } else if (v instanceof ApexTime) {
    return methodsOf(TIME_METHODS);
  } else if (v instanceof ApexEnumValue) {
    return methodsOf(ENUM_METHODS);
  } else if (v instanceof ApexTypeValue) {
    return methodsOf(TYPE_METHODS);
  } else if (v instanceof ApexBlob) {
    return methodsOf(BLOB_METHODS);
  } else if (v instanceof ApexSObject) {
    return methodsOf(SOBJECT_METHODS);
  } else if (v instanceof NativeObject) {
    return 'native';
  }
  return null;
}

const receivers = new Map<unknown, Receiver>();
/** A native object's method table by its type name (`null`: none). */
const nativeTables = new Map<string, MethodTable | null>();

const STRING_TABLE = methodsOf(STRING_METHODS) as MethodTable;
const INTEGER_TABLE = methodsOf(INTEGER_METHODS) as MethodTable;
const LONG_TABLE = methodsOf(LONG_METHODS) as MethodTable;
const ID_TABLE = methodsOf(ID_METHODS) as MethodTable;

function nativeTable(typeName: string): MethodTable | null {
  let table = nativeTables.get(typeName);
  if (table === undefined) {
    table = methodsOf(NATIVE_TABLES[typeName] ?? schemaMethods(typeName) ?? databaseMethods(typeName));
    nativeTables.set(typeName, table);
  }
  return table;
}

export function callInstanceNative(it: Interpreter, v: Value, method: string, args: Value[], pos: Pos): Value {
  if (v === null) {
    return it.npe(pos);
  }
  let r: Value | typeof NO_METHOD = NO_METHOD;
  if (typeof v === 'string') {
    r = run(STRING_TABLE, it, v, method, args, pos);
  } else if (typeof v === 'number') {
    r = run(INTEGER_TABLE, it, v, method, args, pos);
  } else if (typeof v === 'bigint') {
    r = run(LONG_TABLE, it, v, method, args, pos);
  } else if (typeof v === 'object') {
    let receiver = receivers.get(v.constructor);
    if (receiver === undefined) {
      receiver = receiverOf(v);
      receivers.set(v.constructor, receiver);
    }
    if (receiver instanceof MethodTable) {
      r = run(receiver, it, v, method, args, pos);
    } else if (receiver === 'native') {
      const native = v as NativeObject;
      if (native.typeName === 'Cache.OrgPartition' || native.typeName === 'Cache.SessionPartition') {
        r = partitionMethod(it, native, method, args, pos);
      } else {
        const table = nativeTable(native.typeName);
        r = table ? run(table, it, native, method, args, pos) : NO_METHOD;
      }
    }
  }
  if (r === NO_METHOD && typeof v === 'string' && ID_TABLE.find(method) && normalizeId(v) === v) {
    r = run(ID_TABLE, it, v, method, args, pos);
  }
  if (r !== NO_METHOD) {
    return r;
  }
  if (lowerName(method) === 'equals' && args.length === 1) {
    return it.eq(v, args[0] ?? null);
  }
  const common = objectMethod(it, v, lowerName(method), args);
  if (common !== NO_METHOD) {
    return common;
  }
  return notImplemented(typeName(runtimeType(v)), method, args, pos);
}
