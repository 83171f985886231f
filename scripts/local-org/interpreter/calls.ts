/**
 * Method calls (interpreter/expressions.ts): arguments with the static types overloads are chosen by, calls on a
 * value, on a type, on `super`, unqualified calls, and the built-in methods of the standard library.
 */
import type { CallExpr, Expr, Pos } from '../ast/nodes.ts';
import { typeName, type ApexType } from '../values/types.ts';
import { ApexList, ApexMap, ApexObject, ApexSet, type Value } from '../values/values.ts';
import { gap, SAFE_NULL, type Inner } from './eval-support.ts';
import { evalInner, evaluate } from './expressions.ts';
import { heapWork } from './heap.ts';
import type { Interpreter } from './interpreter.ts';
import type { ArgTypes } from './overloads.ts';
import { evalTarget, indexRef, memberNameRef, memberOfTarget, staticMemberRef } from './places.ts';
import type { Frame } from './scope.ts';
import { lowerName } from '../schema/lower.ts';

/**
 * Evaluates call arguments, left to right, with the static type of each argument that evaluates to null when the
 * expression tells it (a cast, a variable, field or property, a list element, an Apex method's return type): the
 * platform picks overloads from static types (see overloads.ts). Non-null arguments keep `undefined`.
 */
export function evaluateArgs(it: Interpreter, exprs: Expr[], f: Frame): Value[] {
  const values: Value[] = [];
  // Made at the first null argument (only nulls have a type to tell); undefined reads as "not known" for each.
  let types: (ApexType | undefined)[] | undefined;
  for (const e of exprs) {
    argType = undefined;
    const v = evaluateArg(it, e, f);
    if (v === null && argType !== undefined) {
      types ??= new Array<ApexType | undefined>(exprs.length).fill(undefined);
      types[values.length] = argType;
    }
    values.push(v);
  }
  argTypes = types;
  return values;
}

/** The static types evaluateArgs found for the arguments it evaluated last (a module slot: no object per call). */
let argTypes: ArgTypes | undefined;

/** The static types of the arguments of the evaluateArgs call that returned last; read right after it. */
export function lastArgTypes(): ArgTypes | undefined {
  return argTypes;
}

/** The static type evaluateArg found for the argument it evaluated last (a module slot: no tuple per argument). */
let argType: ApexType | undefined;

function evaluateArg(it: Interpreter, e: Expr, f: Frame): Value {
  switch (e.kind) {
    case 'cast': {
      const v = evaluate(it, e, f);
      argType = v === null ? it.resolveType(e.type, f.cls) : undefined;
      return v;
    }
    case 'name': {
      const local = f.scope.lookup(e.lower);
      if (local) {
        argType = local.type;
        return local.value;
      }
      const ref = memberNameRef(it, e.lower, f, e.pos);
      if (ref) {
        const v = ref.get();
        argType = ref.type;
        return v;
      }
      const v = evaluate(it, e, f);
      argType = undefined;
      return v;
    }
    case 'field': {
      const t = evalTarget(it, e.target, f);
      const ref = t.kind === 'value' || t.kind === 'type' ? staticMemberRef(it, t, e.name, e.pos) : undefined;
      if (ref) {
        f.entry.pos = e.pos;
        const v = ref.get();
        argType = ref.type;
        return v;
      }
      const m = memberOfTarget(it, t, e, f);
      argType = undefined;
      if (m.kind === 'safeNull') {
        return null;
      }
      return m.kind === 'value' ? m.value : gap(`'${e.name}' names a type, not a value`, e.pos);
    }
    case 'index': {
      const target = evalInner(it, e.target, f);
      if (target === SAFE_NULL) {
        argType = undefined;
        return null;
      }
      const ref = indexRef(it, target, evaluate(it, e.index, f), e.pos);
      const v = ref.get();
      argType = ref.type;
      return v;
    }
    case 'call': {
      it.lastReturnType = undefined;
      const v = evaluate(it, e, f);
      argType = v === null ? it.lastReturnType : undefined;
      return v;
    }
    default: {
      const v = evaluate(it, e, f);
      argType = undefined;
      return v;
    }
  }
}

/** A built-in method returned: its result has no Apex-declared return type. */
function builtin<T>(it: Interpreter, v: T): T {
  it.lastReturnType = undefined;
  return v;
}

/** A method called on null: `?.` gives null, `.` a NullPointerException at the call (its arguments not evaluated). */
function calledOnNull(it: Interpreter, e: CallExpr, f: Frame): Inner {
  if (e.safe) {
    return SAFE_NULL;
  }
  f.entry.pos = e.pos;
  return it.npe(e.pos);
}

export function evalCall(it: Interpreter, e: CallExpr, f: Frame): Inner {
  if (!e.target) {
    const args = evaluateArgs(it, e.args, f);
    const types = lastArgTypes();
    f.entry.pos = e.pos;
    return callUnqualified(it, e, args, f, types);
  }
  if (e.target.kind === 'name') {
    // `local.method(…)`: the variable's value, without the Target evalTarget would make for it.
    const local = f.scope.lookup(e.target.lower);
    if (local) {
      const v = local.value;
      if (v === null) {
        return calledOnNull(it, e, f);
      }
      const args = evaluateArgs(it, e.args, f);
      const types = lastArgTypes();
      f.entry.pos = e.pos;
      return callOnValue(it, v, e.name, args, e.pos, types);
    }
  }
  const t = evalTarget(it, e.target, f);
  if (t.kind === 'safeNull') {
    return SAFE_NULL;
  }
  if (t.kind === 'value' && t.value === null) {
    return calledOnNull(it, e, f);
  }
  const args = evaluateArgs(it, e.args, f);
  const types = lastArgTypes();
  f.entry.pos = e.pos;
  switch (t.kind) {
    case 'super': {
      const sup = f.cls.superclass;
      const ref = sup ? it.findMethod(sup, e.name, args, false, types) : undefined;
      if (!ref) {
        return gap(`super.${e.name}(${it.argTypes(args)}) not found`, e.pos);
      }
      return it.invoke(ref, f.self, args, e.pos);
    }
    case 'namespace':
      return builtin(it, it.natives.callStaticNative(it, t.name, e.name, args, e.pos));
    case 'type':
      return callOnType(it, t.type, e, args, types);
    case 'value':
      return callOnValue(it, t.value, e.name, args, e.pos, types);
  }
}

function callOnType(it: Interpreter, type: ApexType, e: CallExpr, args: Value[], types?: ArgTypes): Value {
  if (type.kind === 'class') {
    const ref = it.findMethod(type.cls, e.name, args, true, types);
    if (ref) {
      return it.invoke(ref, undefined, args, e.pos);
    }
    return gap(
      `Method does not exist or incorrect signature: ${type.cls.fullName}.${e.name}(${it.argTypes(args)})`,
      e.pos
    );
  }
  it.lastReturnType = undefined;
  if (type.kind === 'enum') {
    const name = e.name.toLowerCase();
    if (name === 'values' && args.length === 0) {
      return new ApexList(type, [...type.en.values]);
    }
    if (name === 'valueof' && args.length === 1 && typeof args[0] === 'string') {
      const wanted = args[0];
      const found = type.en.values.find((v) => v.name === wanted);
      return (
        found ?? gap(`${type.en.fullName}.valueOf('${wanted}'): no such value (platform behaviour not verified)`, e.pos)
      );
    }
    return gap(`Method does not exist or incorrect signature: ${type.en.fullName}.${e.name}`, e.pos);
  }
  if (type.kind === 'sobject') {
    const d = it.registry.schema.describe(type.name);
    // `Account.getSObjectType()` on the type name is the type's token, as `Account.SObjectType` (Apex Reference Guide
    // "SObject Class" getSObjectType; the static form is not shown in the docs but compiles and runs on real orgs:
    // apex-recipes).
    if (d && e.name.toLowerCase() === 'getsobjecttype' && args.length === 0 && d.name.toLowerCase() !== 'sobject') {
      return it.natives.sobjectStaticMember(it, d.name, 'SObjectType', e.pos);
    }
    const r = !d
      ? undefined
      : d.name.toLowerCase().endsWith('__mdt')
        ? it.natives.customMetadataStatic(it, d, e.name, args, e.pos)
        : it.natives.customSettingStatic(it, d, e.name, args, e.pos);
    if (r !== undefined) {
      return r;
    }
  }
  return builtin(it, it.natives.callStaticNative(it, typeName(type), e.name, args, e.pos));
}

export function callOnValue(it: Interpreter, v: Value, name: string, args: Value[], pos: Pos, types?: ArgTypes): Value {
  if (v === null) {
    return it.npe(pos);
  }
  if (v instanceof ApexObject) {
    const stubbed = it.natives.stubCall(it, v, name, args, pos);
    if (stubbed !== undefined) {
      return stubbed;
    }
    const ref = it.findMethod(v.cls, name, args, false, types);
    if (ref) {
      return it.invoke(ref, v, args, pos);
    }
    it.lastReturnType = undefined;
    if (v.exception) {
      const r = it.natives.exceptionMethod(it, v, name, args, pos);
      if (r !== undefined) {
        return r;
      }
    }
    const lower = lowerName(name);
    if (lower === 'tostring' && args.length === 0) {
      return it.str(v);
    }
    if (lower === 'equals' && args.length === 1) {
      return it.eq(v, args[0] ?? null);
    }
    if (lower === 'hashcode' && args.length === 0) {
      return v.id;
    }
    if (lower === 'clone' && args.length === 0 && !v.exception) {
      // Every object has clone() (apex-ls' built-in Object; public code on real orgs calls `this.clone()` on its own
      // classes): a shallow copy — the fields are copied, the objects they hold are shared (unverified in the docs).
      const copy = new ApexObject(v.cls);
      for (const [k, x] of v.fields) {
        copy.fields.set(k, x);
      }
      return copy;
    }
    return gap(`Method does not exist or incorrect signature: ${v.cls.fullName}.${name}(${it.argTypes(args)})`, pos);
  }
  const before = collectionSize(v);
  const result = builtin(it, it.natives.callInstanceNative(it, v, name, args, pos));
  heapWork(it, 1 + Math.max(0, collectionSize(v) - before), pos);
  return result;
}

function collectionSize(v: Value): number {
  return v instanceof ApexList ? v.items.length : v instanceof ApexSet || v instanceof ApexMap ? v.entries.size : 0;
}

function callUnqualified(it: Interpreter, e: CallExpr, args: Value[], f: Frame, types?: ArgTypes): Value {
  if (f.self) {
    const ref = it.findMethod(f.self.cls, e.name, args, false, types);
    if (ref) {
      return it.invoke(ref, ref.method.modifiers.isStatic ? undefined : f.self, args, e.pos);
    }
  }
  const own = it.findMethod(f.cls, e.name, args, !f.self, types);
  if (own) {
    return it.invoke(own, f.self, args, e.pos);
  }
  for (let c = f.cls.outer; c; c = c.outer) {
    const ref = it.findMethod(c, e.name, args, true, types);
    if (ref) {
      return it.invoke(ref, undefined, args, e.pos);
    }
  }
  it.lastReturnType = undefined;
  if (f.self?.exception) {
    const r = it.natives.exceptionMethod(it, f.self, e.name, args, e.pos);
    if (r !== undefined) {
      return r;
    }
  }
  return gap(
    `Method does not exist or incorrect signature: ${e.name}(${it.argTypes(args)}) in ${f.cls.fullName}`,
    e.pos
  );
}
