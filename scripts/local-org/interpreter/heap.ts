/**
 * Apex heap size, approximated (issue #4). The platform's byte accounting is not documented; what is documented is
 * the limit — 6 MB synchronous, 12 MB asynchronous (Apex Developer Guide, "Execution Governors and Limits") — that
 * `Limits.getHeapSize()` returns "the approximate amount of memory (in bytes) that has been used for the heap" (Apex
 * Reference Guide, "Limits Class"), that collections have no size limit of their own but count toward the heap (Apex
 * Developer Guide "Collections": "There is no limit on the number of items a collection can hold. However, there is a
 * general limit on heap size."), and that going over it is `System.LimitException: Apex heap size too large: N`.
 * Nothing documents bytes per String character, per element or per object: every figure below is an estimate (README
 * "Values guessed"); 2 bytes per character matches Java's UTF-16 strings, which the platform runs on.
 *
 * Measure: the values reachable from the transaction's static variables, every active frame's local variables and
 * `this`, and the running triggers' context lists, each object counted once:
 *   String 8 + 2 per UTF-16 unit · Integer, Boolean, enum value, Type 4 · Long, Double, Date, Datetime, Time 8 ·
 *   Decimal 16 · Blob 8 + its bytes · List/Set 8 + 4 per element + the elements · Map 8 + 8 per entry + keys and
 *   values · Apex object 8 + 4 per field + the values · SObject 8 + 4 per field + the values, parents and child
 *   lists · other built-in objects (Pattern, describe results, …) 8.
 *
 * When: on `Limits.getHeapSize()`, and as the program runs, after a budget of work is spent — each method call,
 * assignment and built-in collection call costs 1, plus the elements a collection grew by, plus 1 per 64 characters of
 * an assigned String, plus, for JSON.deserialize*, 1 per token and per 64 characters read (the result counted before
 * it is returned) (so a loop that doubles a string or a list is measured well before it gets huge). The budget
 * until the next measure is at least CHECK_INTERVAL and at least the number of values the last measure visited, so
 * measuring costs no more than the work between measures. Like the platform, which also checks at points of its
 * choosing, a short spike between two measures is not seen.
 */
import type { Pos } from '../ast/nodes.ts';
import { Decimal } from '../values/decimal.ts';
import type { Interpreter } from './interpreter.ts';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexSObject,
  ApexTime,
  NativeObject,
  type Value
} from '../values/values.ts';

export const SYNC_HEAP_LIMIT = 6_000_000;
export const ASYNC_HEAP_LIMIT = 12_000_000;
const CHECK_INTERVAL = 4096;
const ASYNC_QUIDDITIES = new Set(['BATCH_APEX', 'QUEUEABLE', 'SCHEDULED', 'FUTURE']);

/** The heap limit of the running transaction: 12 MB while an asynchronous job runs, else 6 MB. */
export function heapLimit(it: Interpreter): number {
  return ASYNC_QUIDDITIES.has(it.ctx.quiddity ?? '') ? ASYNC_HEAP_LIMIT : SYNC_HEAP_LIMIT;
}

/** Approximate live heap in bytes, and how many values were visited to measure it. */
export function measureHeap(it: Interpreter): { bytes: number; visits: number } {
  const pending: Value[] = [];
  for (const statics of it.ctx.statics.values()) {
    pushAll(pending, statics.values());
  }
  for (const frame of it.frames) {
    if (frame.self) {
      pending.push(frame.self);
    }
    for (let scope: typeof frame.scope | undefined = frame.scope; scope; scope = scope.parent) {
      for (const variable of scope.ownVariables()) {
        pending.push(variable.value);
      }
    }
  }
  for (const t of it.ctx.triggerStack) {
    pending.push(t.newList, t.oldList, t.newMap, t.oldMap);
  }
  const seen = new Set<object>();
  let bytes = 0;
  let visits = 0;
  for (let v = pending.pop(); v !== undefined; v = pending.pop()) {
    visits++;
    bytes += sizeOf(v, pending, seen);
  }
  return { bytes, visits };
}

/** Approximate bytes of a value nothing references yet (a result being returned), by the same measure. */
export function detachedBytes(v: Value): number {
  const pending: Value[] = [v];
  const seen = new Set<object>();
  let bytes = 0;
  for (let x = pending.pop(); x !== undefined; x = pending.pop()) {
    bytes += sizeOf(x, pending, seen);
  }
  return bytes;
}

/** Pushes one by one: spreading a large collection into push() would overflow the call stack. */
function pushAll(pending: Value[], values: Iterable<Value>): void {
  for (const v of values) {
    pending.push(v);
  }
}

/** Bytes of `v` itself; the values it holds are pushed on `pending` (objects only once, by identity). */
function sizeOf(v: Value, pending: Value[], seen: Set<object>): number {
  switch (typeof v) {
    case 'string':
      return 8 + 2 * v.length;
    case 'number':
    case 'boolean':
      return 4;
    case 'bigint':
      return 8;
  }
  if (v === null) {
    return 0;
  }
  if (v instanceof ApexDouble || v instanceof ApexDate || v instanceof ApexDatetime || v instanceof ApexTime) {
    return 8;
  }
  if (v instanceof Decimal) {
    return 16;
  }
  if (v instanceof ApexBlob) {
    return 8 + v.bytes.length;
  }
  const composite =
    v instanceof ApexList ||
    v instanceof ApexSet ||
    v instanceof ApexMap ||
    v instanceof ApexObject ||
    v instanceof ApexSObject;
  if (!composite) {
    return v instanceof NativeObject ? 8 : 4; // enum values and Types are shared constants: a reference
  }
  if (seen.has(v)) {
    return 0;
  }
  seen.add(v);
  if (v instanceof ApexList) {
    pushAll(pending, v.items);
    return 8 + 4 * v.items.length;
  }
  if (v instanceof ApexSet) {
    pushAll(pending, v.entries.values());
    return 8 + 4 * v.entries.size;
  }
  if (v instanceof ApexMap) {
    for (const [key, value] of v.entries.values()) {
      pending.push(key, value);
    }
    return 8 + 8 * v.entries.size;
  }
  if (v instanceof ApexObject) {
    pushAll(pending, v.fields.values());
    return 8 + 4 * v.fields.size;
  }
  pushAll(pending, v.fields.values());
  pushAll(pending, v.parents.values());
  pushAll(pending, v.children.values());
  return 8 + 4 * v.fields.size;
}

/**
 * Adds `work` to the budget; measures (and enforces the limit) when it is spent. `pendingBytes`: a value being built
 * that nothing references yet (a new array), counted with the reachable heap.
 */
export function heapWork(it: Interpreter, work: number, pos?: Pos, pendingBytes: number | (() => number) = 0): void {
  const ctx = it.ctx;
  ctx.heapWork += work;
  if (ctx.heapWork >= ctx.heapNextCheck) {
    checkHeap(it, pos, typeof pendingBytes === 'number' ? pendingBytes : pendingBytes());
  }
}

/** Measures the heap now; over the limit, the uncatchable System.LimitException "Apex heap size too large: N". */
export function checkHeap(it: Interpreter, pos?: Pos, pendingBytes = 0): number {
  const measured = measureHeap(it);
  const visits = measured.visits;
  const bytes = measured.bytes + pendingBytes;
  it.ctx.heapNextCheck = it.ctx.heapWork + Math.max(CHECK_INTERVAL, visits);
  if (bytes > heapLimit(it)) {
    it.raise('LimitException', `Apex heap size too large: ${bytes}`, pos);
  }
  return bytes;
}
