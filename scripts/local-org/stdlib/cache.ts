/**
 * Platform Cache (Apex Reference Guide "Cache Namespace"; Apex Developer Guide "Platform Cache"): Cache.Org and
 * Cache.Session with their partitions (Cache.OrgPartition / Cache.SessionPartition, from the project's cachePartitions/
 * metadata), put / get / contains / remove / getKeys / isAvailable / getName, a partition's getNumKeys,
 * `get(CacheBuilder class, key)` (loads through the builder's doLoad(key) on a miss and caches the result),
 * Cache.Visibility.
 * - Keys: `key` in the default partition or `local.Partition.key`; keys must be alphanumeric (Apex Reference Guide:
 *   otherwise Cache.InvalidParamException; message unverified). An unknown partition is Cache.Org.OrgCacheException /
 *   Cache.Session.SessionCacheException (message unverified), as is a key without a partition when none is default.
 * - A partition without capacity for the cache type ignores puts and gets nothing ("When a partition has no allocation,
 *   cache operations (such as GET and PUT) are not invoked and no error is returned", Apex Developer Guide "Platform
 *   Cache Partitions").
 * - Values are copied on put and on get (the platform serializes them), lists, sets, maps, SObjects and Apex objects
 *   included.
 * Differs: the caches live as long as the transaction (each test method starts empty; the platform gives no
 * guarantee that a value is still there later either); time-to-live, capacity limits, visibility and immutability are
 * accepted and not enforced; the session cache is available except in asynchronous Apex (Apex Reference Guide
 * SessionPartition isAvailable()). A partition's getCapacity() (Apex Reference Guide "Partition Class": the
 * percentage of the partition's capacity used, a Double) is the estimated size of its keys and values (UTF-8 text,
 * 8 bytes a number, Boolean, date or Id reference, unverified: the platform measures the serialized values) over the
 * allocated megabytes of the cache type, times 100; 0 for an empty partition or one without allocation (the exact
 * figures for a non-empty partition are unverified). The statistics methods (getAvgGetSize, getMissRate, …) are
 * RuntimeGaps.
 */
import type { Pos } from '../ast/nodes.ts';
import { cloneRecord } from '../data/sobject.ts';
import type { TransactionContext } from '../interpreter/context.ts';
import { RuntimeGap } from '../values/errors.ts';
import { callOnValue } from '../interpreter/calls.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { prim } from '../values/types.ts';
import {
  ApexDouble,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexSObject,
  ApexTypeValue,
  NativeObject,
  type Value
} from '../values/values.ts';
import type { CachePartition } from '../schema/schema.ts';
import { NO_METHOD, str, type Native } from './args.ts';

type Kind = 'org' | 'session';

interface PartitionState {
  kind: Kind;
  partition: CachePartition;
}

const caches = new WeakMap<TransactionContext, Map<string, Map<string, Value>>>();

function storage(it: Interpreter, kind: Kind, p: CachePartition): Map<string, Value> {
  let all = caches.get(it.ctx);
  if (!all) {
    all = new Map();
    caches.set(it.ctx, all);
  }
  const key = `${kind}:${p.name.toLowerCase()}`;
  let values = all.get(key);
  if (!values) {
    values = new Map();
    all.set(key, values);
  }
  return values;
}

const exceptionOf = (kind: Kind): string =>
  kind === 'org' ? 'Cache.Org.OrgCacheException' : 'Cache.Session.SessionCacheException';

function partitionNamed(it: Interpreter, kind: Kind, name: string, pos: Pos): CachePartition {
  const local = name.replace(/^local\./i, '');
  return (
    it.registry.schema.cachePartitions.get(local.toLowerCase()) ??
    it.raise(exceptionOf(kind), `Partition not found: ${name}`, pos)
  );
}

function defaultPartition(it: Interpreter, kind: Kind, pos: Pos): CachePartition {
  for (const p of it.registry.schema.cachePartitions.values()) {
    if (p.isDefault) {
      return p;
    }
  }
  return it.raise(exceptionOf(kind), 'No default partition is defined', pos);
}

function checkKey(it: Interpreter, key: string, pos: Pos): string {
  return /^[A-Za-z0-9]+$/.test(key) ? key : it.raise('Cache.InvalidParamException', `Invalid key: ${key}`, pos);
}

/** `key` or `local.Partition.key` → the partition and the key inside it. */
function locate(it: Interpreter, kind: Kind, fullKey: string, pos: Pos): [CachePartition, string] {
  const parts = fullKey.split('.');
  if (parts.length === 3) {
    return [partitionNamed(it, kind, `${parts[0]}.${parts[1]}`, pos), checkKey(it, parts[2] ?? '', pos)];
  }
  return [defaultPartition(it, kind, pos), checkKey(it, fullKey, pos)];
}

/** A copy as the platform's serialization would give back. */
function copy(v: Value): Value {
  if (v instanceof ApexList) {
    return new ApexList(v.elementType, v.items.map(copy));
  }
  if (v instanceof ApexSet) {
    return new ApexSet(v.elementType, new Map(v.entries));
  }
  if (v instanceof ApexMap) {
    const m = new ApexMap(v.keyType, v.valueType, new Map([...v.entries].map(([k, [key, x]]) => [k, [key, copy(x)]])));
    m.caseInsensitive = v.caseInsensitive;
    return m;
  }
  if (v instanceof ApexSObject) {
    return cloneRecord(v, true, true, true);
  }
  if (v instanceof ApexObject && !v.exception) {
    const o = new ApexObject(v.cls);
    for (const [k, x] of v.fields) {
      o.fields.set(k, copy(x));
    }
    return o;
  }
  return v;
}

const capacityOf = (kind: Kind, p: CachePartition): number => (kind === 'org' ? p.org : p.session);

function available(it: Interpreter, kind: Kind): boolean {
  return kind === 'org' || !['BATCH_APEX', 'QUEUEABLE', 'SCHEDULED', 'FUTURE'].includes(it.ctx.quiddity ?? '');
}

function put(it: Interpreter, kind: Kind, p: CachePartition, key: string, value: Value): Value {
  if (capacityOf(kind, p) > 0 && available(it, kind)) {
    storage(it, kind, p).set(key, copy(value));
  }
  return null;
}

function get(it: Interpreter, kind: Kind, p: CachePartition, key: string, builder: Value, pos: Pos): Value {
  const values = storage(it, kind, p);
  const found = capacityOf(kind, p) > 0 && available(it, kind) ? values.get(key) : undefined;
  if (found !== undefined) {
    return copy(found);
  }
  if (builder === null) {
    return null;
  }
  if (!(builder instanceof ApexTypeValue) || builder.type.kind !== 'class') {
    throw new RuntimeGap('Cache get with a CacheBuilder that is not a class', pos);
  }
  // Apex Reference Guide "CacheBuilder Interface": on a miss the builder's doLoad(key) computes the value, which is
  // then cached.
  const loaded = callOnValue(it, it.instantiate(builder.type.cls, [], pos), 'doLoad', [key], pos);
  if (loaded !== null) {
    put(it, kind, p, key, loaded);
  }
  return loaded;
}

/** The operations shared by Cache.Org/Cache.Session (partition from the key) and a partition object (given). */
function operations(kind: Kind, target: (it: Interpreter, key: string, pos: Pos) => [CachePartition, string]) {
  const keyArg = (it: Interpreter, v: Value | undefined, pos: Pos): [CachePartition, string] =>
    target(it, str(it, v, pos), pos);
  const table: Record<string, Native> = {
    put: (it, _s, a, pos) => {
      if (a.length < 2 || a.length > 5) {
        return NO_METHOD;
      }
      const [p, key] = keyArg(it, a[0], pos);
      return put(it, kind, p, key, a[1] ?? null);
    },
    get: (it, _s, a, pos) => {
      if (a.length === 1) {
        const [p, key] = keyArg(it, a[0], pos);
        return get(it, kind, p, key, null, pos);
      }
      if (a.length === 2 && a[0] instanceof ApexTypeValue) {
        const [p, key] = keyArg(it, a[1], pos);
        return get(it, kind, p, key, a[0], pos);
      }
      return NO_METHOD;
    },
    contains: (it, _s, a, pos) => {
      if (a.length !== 1) {
        return NO_METHOD;
      }
      const [p, key] = keyArg(it, a[0], pos);
      return capacityOf(kind, p) > 0 && available(it, kind) && storage(it, kind, p).has(key);
    },
    remove: (it, _s, a, pos) => {
      const keyIndex = a.length === 2 && a[0] instanceof ApexTypeValue ? 1 : 0;
      if (a.length !== keyIndex + 1) {
        return NO_METHOD;
      }
      const [p, key] = keyArg(it, a[keyIndex], pos);
      return storage(it, kind, p).delete(key);
    },
    isavailable: (it, _s, a) => (a.length === 0 ? available(it, kind) : NO_METHOD)
  };
  return table;
}

function staticsOf(kind: Kind): Record<string, Native> {
  return {
    ...operations(kind, (it, key, pos) => locate(it, kind, key, pos)),
    getpartition: (it, _s, a, pos) => {
      if (a.length !== 1) {
        return NO_METHOD;
      }
      const partition = partitionNamed(it, kind, str(it, a[0], pos), pos);
      const state: PartitionState = { kind, partition };
      const typeName = kind === 'org' ? 'Cache.OrgPartition' : 'Cache.SessionPartition';
      return new NativeObject(typeName, state, `${kind}:${partition.name.toLowerCase()}`, `local.${partition.name}`);
    },
    getkeys: (it, _s, a, pos) => (a.length === 0 ? keys(it, kind, defaultPartition(it, kind, pos)) : NO_METHOD)
  };
}

function keys(it: Interpreter, kind: Kind, p: CachePartition): Value {
  const set = new ApexSet(prim('String'));
  for (const k of storage(it, kind, p).keys()) {
    set.entries.set(`s:${k}`, k);
  }
  return set;
}

export const CACHE_ORG_STATICS = staticsOf('org');
export const CACHE_SESSION_STATICS = staticsOf('session');

/** Bytes a value takes in the cache, estimated (unverified: the platform counts its serialized form). */
export function estimatedBytes(v: Value): number {
  if (v === null) {
    return 0;
  }
  if (typeof v === 'string') {
    return Buffer.byteLength(v, 'utf8');
  }
  if (v instanceof ApexList) {
    return v.items.reduce<number>((n, x) => n + estimatedBytes(x), 0);
  }
  if (v instanceof ApexSet) {
    return [...v.entries.values()].reduce<number>((n, x) => n + estimatedBytes(x), 0);
  }
  if (v instanceof ApexMap) {
    return [...v.entries.values()].reduce<number>((n, [k, x]) => n + estimatedBytes(k) + estimatedBytes(x), 0);
  }
  if (v instanceof ApexSObject || v instanceof ApexObject) {
    return [...v.fields].reduce<number>((n, [k, x]) => n + Buffer.byteLength(k, 'utf8') + estimatedBytes(x), 0);
  }
  return 8;
}

const BYTES_PER_MB = 1024 * 1024;

/** Partition.getCapacity(): the used share of the partition's allocation, in percent (0 without allocation). */
function capacityUsed(it: Interpreter, kind: Kind, p: CachePartition): number {
  const allocated = capacityOf(kind, p) * BYTES_PER_MB;
  if (allocated <= 0) {
    return 0;
  }
  let used = 0;
  for (const [key, value] of storage(it, kind, p)) {
    used += Buffer.byteLength(key, 'utf8') + estimatedBytes(value);
  }
  return (used / allocated) * 100;
}

type Method = (it: Interpreter, self: NativeObject<PartitionState>, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

/** Instance methods of Cache.OrgPartition / Cache.SessionPartition: the same operations on the partition's keys. */
export function partitionMethod(
  it: Interpreter,
  self: NativeObject,
  method: string,
  a: Value[],
  pos: Pos
): Value | typeof NO_METHOD {
  const state = self.state as PartitionState;
  const name = method.toLowerCase();
  const table: Record<string, Method> = {
    getname: (_it, s, args) => (args.length === 0 ? `local.${s.state.partition.name}` : NO_METHOD),
    getkeys: (i, s, args) => (args.length === 0 ? keys(i, s.state.kind, s.state.partition) : NO_METHOD),
    // Apex Reference Guide "Partition Class" getNumKeys(): the number of keys in the partition, a Long.
    getnumkeys: (i, s, args) =>
      args.length === 0 ? BigInt(storage(i, s.state.kind, s.state.partition).size) : NO_METHOD,
    getcapacity: (i, s, args) =>
      args.length === 0 ? new ApexDouble(capacityUsed(i, s.state.kind, s.state.partition)) : NO_METHOD
  };
  const own = table[name];
  if (own) {
    return own(it, self as NativeObject<PartitionState>, a, pos);
  }
  const op = operations(state.kind, (i, key, p) => [state.partition, checkKey(i, key, p)])[name];
  return op ? op(it, undefined, a, pos) : NO_METHOD;
}
