/**
 * `new` (interpreter/expressions.ts): lists, sets and maps (with initializers, sizes and copies), classes, native
 * types, and SObjects with field assignments.
 */
import type { NewExpr, Pos } from '../ast/nodes.ts';
import { writeField } from '../data/sobject.ts';
import { coerce } from '../values/convert.ts';
import { runtimeType, typeName } from '../values/types.ts';
import { ApexList, ApexMap, ApexSet, ApexSObject, type Value } from '../values/values.ts';
import { evaluateArgs, lastArgTypes } from './calls.ts';
import { gap } from './eval-support.ts';
import { evaluate } from './expressions.ts';
import { heapWork } from './heap.ts';
import type { Interpreter } from './interpreter.ts';
import type { Frame } from './scope.ts';

export function evalNew(it: Interpreter, e: NewExpr, f: Frame): Value {
  const type = it.resolveType(e.type, f.cls);
  if (type.kind === 'sobject') {
    return newSObject(it, type.name, e, f);
  }
  const args = evaluateArgs(it, e.args ?? [], f);
  const types = lastArgTypes();
  switch (type.kind) {
    case 'list': {
      const list = new ApexList(type.element);
      if (e.size) {
        const n = evaluate(it, e.size, f);
        if (typeof n !== 'number') {
          return n === null ? it.npe(e.pos) : gap('array size must be an Integer', e.pos);
        }
        heapWork(it, 1 + Math.max(0, n), e.pos, 8 + 4 * Math.max(0, n));
        list.items = new Array<Value>(n).fill(null);
      } else if (e.elements) {
        list.items = e.elements.map((x) => coerce(evaluate(it, x, f), type.element));
      } else if (args.length === 1) {
        list.items = collectionItems(it, args[0] ?? null, e.pos).map((x) => coerce(x, type.element));
      } else if (args.length > 1) {
        return gap(`List constructor with ${args.length} arguments`, e.pos);
      }
      return list;
    }
    case 'set': {
      const set = new ApexSet(type.element);
      const items = e.elements
        ? e.elements.map((x) => evaluate(it, x, f))
        : args.length === 1
          ? collectionItems(it, args[0] ?? null, e.pos)
          : [];
      for (const item of items) {
        const v = coerce(item, type.element);
        set.entries.set(it.key(v), v);
      }
      return set;
    }
    case 'map': {
      const map = new ApexMap(type.key, type.value);
      if (e.entries) {
        for (const [k, v] of e.entries) {
          const key = coerce(evaluate(it, k, f), type.key);
          map.entries.set(it.key(key), [key, coerce(evaluate(it, v, f), type.value)]);
        }
      } else if (args.length === 1) {
        const src = args[0] ?? null;
        if (src === null) {
          return it.npe(e.pos);
        }
        if (src instanceof ApexList && src.items.every((x) => x === null || x instanceof ApexSObject)) {
          // Apex Reference Guide Map class, Map<Id, sObject>(recordList): keyed by the records' Ids. Wording of the
          // errors for a record without an Id or with a repeated one ("Row with null Id at index: N", "… duplicate Id
          // …") unverified.
          src.items.forEach((x, index) => {
            const id = x instanceof ApexSObject ? x.id : null;
            if (id === null) {
              it.raise('ListException', `Row with null Id at index: ${index}`, e.pos);
            }
            const key = coerce(id, type.key);
            if (map.entries.has(it.key(key))) {
              it.raise('ListException', `Row with duplicate Id at index: ${index}`, e.pos);
            }
            map.entries.set(it.key(key), [key, x]);
          });
          return map;
        }
        if (!(src instanceof ApexMap)) {
          return gap('Map constructor argument must be a Map or a List of SObjects', e.pos);
        }
        for (const [k, [key, value]] of src.entries) {
          map.entries.set(k, [key, value]);
        }
      }
      return map;
    }
    case 'class':
      return it.instantiate(type.cls, args, e.pos, types);
    case 'native':
      return it.natives.constructNative(it, type.name, args, e.pos);
    default:
      return gap(`new ${typeName(type)}(...)`, e.pos);
  }
}

/** `new Contact(LastName = 'x', Phone = p)`: the arguments are field assignments (Apex Developer Guide, "SObject Types"). */
function newSObject(it: Interpreter, name: string, e: NewExpr, f: Frame): Value {
  const d = it.registry.schema.describe(name);
  if (!d) {
    return gap(`new ${name}(): generic SObject cannot be constructed`, e.pos);
  }
  const rec = new ApexSObject(d);
  for (const arg of e.args ?? []) {
    if (arg.kind !== 'assign' || arg.op !== '=' || arg.target.kind !== 'name') {
      return gap('SObject constructor arguments must be Field = value pairs', arg.pos);
    }
    writeField(it, rec, arg.target.name, evaluate(it, arg.value, f), arg.pos);
  }
  return rec;
}

function collectionItems(it: Interpreter, v: Value, pos: Pos): Value[] {
  if (v === null) {
    return it.npe(pos);
  }
  if (v instanceof ApexList) {
    return [...v.items];
  }
  if (v instanceof ApexSet) {
    return [...v.entries.values()];
  }
  return gap(`collection constructor from ${typeName(runtimeType(v))}`, pos);
}
