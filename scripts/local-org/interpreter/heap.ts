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
  const walk = new HeapWalk();
  for (const statics of it.ctx.statics.values()) {
    for (const v of statics.values()) {
      walk.add(v);
    }
  }
  for (const frame of it.frames) {
    if (frame.self) {
      walk.add(frame.self);
    }
    for (let scope: typeof frame.scope | undefined = frame.scope; scope; scope = scope.parent) {
      for (const variable of scope.ownVariables()) {
        walk.add(variable.value);
      }
    }
  }
  for (const t of it.ctx.triggerStack) {
    walk.add(t.newList);
    walk.add(t.oldList);
    walk.add(t.newMap);
    walk.add(t.oldMap);
  }
  walk.finish();
  return { bytes: walk.bytes, visits: walk.visits };
}

/** Approximate bytes of a value nothing references yet (a result being returned), by the same measure. */
export function detachedBytes(v: Value): number {
  const walk = new HeapWalk();
  walk.add(v);
  walk.finish();
  return walk.bytes;
}

/** What a value of a class is to the measure: a size of its own, or a composite whose values are measured too. */
const enum Kind {
  /** Double, Date, Datetime, Time: 8. */
  Scalar8,
  Decimal,
  Blob,
  /** Other built-in objects (Pattern, describe results, …): 8. */
  Native,
  /** Enum values and Types are shared constants: a reference, 4. */
  Reference,
  List,
  Set,
  Map,
  Object,
  SObject
}

/** The kind of a value of `v`'s class, by `instanceof` in this order (decided once per class: see `kinds`). */
function classify(v: object): Kind {
  if (v instanceof ApexDouble || v instanceof ApexDate || v instanceof ApexDatetime || v instanceof ApexTime) {
    return Kind.Scalar8;
  }
  if (v instanceof Decimal) {
    return Kind.Decimal;
  }
  if (v instanceof ApexBlob) {
    return Kind.Blob;
  }
  if (v instanceof ApexList) {
    return Kind.List;
  }
  if (v instanceof ApexSet) {
    return Kind.Set;
  }
  if (v instanceof ApexMap) {
    return Kind.Map;
  }
  if (v instanceof ApexObject) {
    return Kind.Object;
  }
  if (v instanceof ApexSObject) {
    return Kind.SObject;
  }
  return v instanceof NativeObject ? Kind.Native : Kind.Reference;
}

/** Kinds by constructor: a value's prototype chain never changes, so one `classify` per class answers for all. */
const kinds = new Map<unknown, Kind>();

type Composite = ApexList | ApexSet | ApexMap | ApexObject | ApexSObject;

/**
 * One measure: every value added is visited once per reference (a String or a number counted each time it is
 * reached), a composite's own bytes and its values once (by identity). Adding a value costs its bytes at once unless
 * it is a composite not yet seen, which waits on `pending` (a stack, not recursion: collections nest deep). The sum
 * does not depend on the order values are added in.
 */
class HeapWalk {
  bytes = 0;
  visits = 0;
  private readonly seen = new Set<object>();
  private readonly pending: Composite[] = [];
  private readonly pendingKinds: Kind[] = [];

  add(v: Value): void {
    this.visits++;
    switch (typeof v) {
      case 'string':
        this.bytes += 8 + 2 * v.length;
        return;
      case 'number':
      case 'boolean':
        this.bytes += 4;
        return;
      case 'bigint':
        this.bytes += 8;
        return;
    }
    if (v === null) {
      return;
    }
    let kind = kinds.get(v.constructor);
    if (kind === undefined) {
      kind = classify(v);
      kinds.set(v.constructor, kind);
    }
    switch (kind) {
      case Kind.Scalar8:
      case Kind.Native:
        this.bytes += 8;
        return;
      case Kind.Decimal:
        this.bytes += 16;
        return;
      case Kind.Blob:
        this.bytes += 8 + (v as ApexBlob).bytes.length;
        return;
      case Kind.Reference:
        this.bytes += 4;
        return;
    }
    if (!this.seen.has(v)) {
      this.seen.add(v);
      this.pending.push(v as Composite);
      this.pendingKinds.push(kind);
    }
  }

  /** Measures the composites waiting, and what they hold. */
  finish(): void {
    for (let v = this.pending.pop(); v !== undefined; v = this.pending.pop()) {
      this.expand(v, this.pendingKinds.pop() as Kind);
    }
  }

  private expand(v: Composite, kind: Kind): void {
    switch (kind) {
      case Kind.List: {
        const items = (v as ApexList).items;
        this.bytes += 8 + 4 * items.length;
        for (let i = 0; i < items.length; i++) {
          this.add(items[i] as Value);
        }
        return;
      }
      case Kind.Set: {
        const entries = (v as ApexSet).entries;
        this.bytes += 8 + 4 * entries.size;
        for (const e of entries.values()) {
          this.add(e);
        }
        return;
      }
      case Kind.Map: {
        const entries = (v as ApexMap).entries;
        this.bytes += 8 + 8 * entries.size;
        for (const [key, value] of entries.values()) {
          this.add(key);
          this.add(value);
        }
        return;
      }
      case Kind.Object: {
        const fields = (v as ApexObject).fields;
        this.bytes += 8 + 4 * fields.size;
        for (const f of fields.values()) {
          this.add(f);
        }
        return;
      }
      default: {
        const record = v as ApexSObject;
        this.bytes += 8 + 4 * record.fields.size;
        for (const f of record.fields.values()) {
          this.add(f);
        }
        for (const p of record.parents.values()) {
          this.add(p);
        }
        for (const c of record.children.values()) {
          this.add(c);
        }
      }
    }
  }
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
