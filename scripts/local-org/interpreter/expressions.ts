import type {
  AssignExpr,
  CallExpr,
  Expr,
  FieldExpr,
  IncDecExpr,
  LiteralExpr,
  NewExpr,
  Pos,
  SoqlExpr,
  SoslExpr
} from '../ast/nodes.ts';
import { readField, writeField } from '../data/sobject.ts';
import { runQuery } from '../data/soql.ts';
import { runSosl } from '../data/sosl.ts';
import type { ClassInfo } from '../values/classes.ts';
import { ClassInfo as ClassInfoValue, EnumInfo } from '../values/classes.ts';
import { coerce, isNumber } from '../values/convert.ts';
import { Decimal } from '../values/decimal.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from './interpreter.ts';
import type { ArgTypes } from './overloads.ts';
import { heapWork } from './heap.ts';
import { arithmetic, bitwise, compare, negate } from './operators.ts';
import type { Frame } from './scope.ts';
import { truthy } from './statements.ts';
import { isInstanceOf, numericRank, prim, runtimeType, sameType, typeName, type ApexType } from '../values/types.ts';
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

/** Marks a `?.` that met null: the rest of the navigation chain evaluates to null without running. */
const SAFE_NULL = Symbol('safe-null');
type Inner = Value | typeof SAFE_NULL;

/** A readable/writable place: a variable, field, property or list element. */
interface Ref {
  type: ApexType;
  get(): Value;
  set(v: Value): void;
}

type Target =
  | { kind: 'value'; value: Value }
  | { kind: 'safeNull' }
  | { kind: 'type'; type: ApexType }
  | { kind: 'namespace'; name: string }
  | { kind: 'super' };

const literalCache = new WeakMap<LiteralExpr, Value>();

export function evaluateLiteral(e: LiteralExpr): Value {
  if (literalCache.has(e)) {
    return literalCache.get(e) ?? null;
  }
  let v: Value;
  switch (e.type) {
    case 'Integer':
      v = Number(e.value) | 0;
      break;
    case 'Long':
      v = BigInt.asIntN(64, BigInt(e.value));
      break;
    case 'Decimal':
      v = Decimal.parse(e.value) ?? null;
      break;
    case 'Double':
      v = new ApexDouble(Number(e.value));
      break;
    case 'String':
      v = e.value;
      break;
    case 'Boolean':
      v = e.value === 'true';
      break;
    case 'Null':
      v = null;
      break;
  }
  literalCache.set(e, v);
  return v;
}

export function evaluate(it: Interpreter, e: Expr, f: Frame): Value {
  const v = evalInner(it, e, f);
  return v === SAFE_NULL ? null : v;
}

function evalInner(it: Interpreter, e: Expr, f: Frame): Inner {
  switch (e.kind) {
    case 'literal':
      return evaluateLiteral(e);
    case 'name': {
      const ref = nameRef(it, e.name, f, e.pos);
      if (!ref) {
        throw new RuntimeGap(`Variable does not exist: ${e.name}`, e.pos);
      }
      return ref.get();
    }
    case 'this':
      if (!f.self) {
        throw new RuntimeGap('`this` in static context', e.pos);
      }
      return f.self;
    case 'super':
      throw new RuntimeGap('`super` used as a value', e.pos);
    case 'field': {
      const t = evalTarget(it, e, f);
      if (t.kind === 'safeNull') {
        return SAFE_NULL;
      }
      if (t.kind !== 'value') {
        throw new RuntimeGap(`'${e.name}' names a type, not a value`, e.pos);
      }
      return t.value;
    }
    case 'call':
      return evalCall(it, e, f);
    case 'ctorCall':
      throw new RuntimeGap(`${e.which}(...) outside the first statement of a constructor`, e.pos);
    case 'index': {
      const target = evalInner(it, e.target, f);
      if (target === SAFE_NULL) {
        return SAFE_NULL;
      }
      return indexRef(it, target, evaluate(it, e.index, f), e.pos).get();
    }
    case 'new':
      f.entry.pos = e.pos;
      return evalNew(it, e, f);
    case 'cast':
      return cast(it, evaluate(it, e.expr, f), it.resolveType(e.type, f.cls), e.pos);
    case 'unary': {
      const v = evaluate(it, e.expr, f);
      switch (e.op) {
        case '-':
          return negate(it, v, e.pos);
        case '+':
          return v === null ? it.npe(e.pos) : v;
        case '!':
          return !truthy(it, v, f);
        case '~':
          if (typeof v === 'number') {
            return ~v;
          }
          if (typeof v === 'bigint') {
            return ~v;
          }
          return v === null ? it.npe(e.pos) : gap(`~ on ${typeName(runtimeType(v))}`, e.pos);
      }
      break;
    }
    case 'incDec':
      return incDec(it, e, f);
    case 'binary': {
      switch (e.op) {
        case '&&':
          return truthy(it, evaluate(it, e.left, f), f) && truthy(it, evaluate(it, e.right, f), f);
        case '||':
          return truthy(it, evaluate(it, e.left, f), f) || truthy(it, evaluate(it, e.right, f), f);
        case '??': {
          const left = evaluate(it, e.left, f);
          return left !== null ? left : evaluate(it, e.right, f);
        }
      }
      const a = evaluate(it, e.left, f);
      const b = evaluate(it, e.right, f);
      switch (e.op) {
        case '==':
          return it.eq(a, b);
        case '!=':
          return !it.eq(a, b);
        case '===':
          return exactlyEqual(it, a, b);
        case '!==':
          return !exactlyEqual(it, a, b);
        case '<':
        case '>':
        case '<=':
        case '>=':
          return compare(it, e.op, a, b, e.pos);
        case '+':
        case '-':
        case '*':
        case '/':
          return arithmetic(it, e.op, a, b, e.pos);
        default:
          return bitwise(it, e.op, a, b, e.pos);
      }
    }
    case 'ternary':
      return truthy(it, evaluate(it, e.condition, f), f) ? evaluate(it, e.then, f) : evaluate(it, e.otherwise, f);
    case 'instanceOf':
      return isInstanceOf(evaluate(it, e.expr, f), it.resolveType(e.type, f.cls));
    case 'assign':
      return assign(it, e, f);
    case 'classLiteral':
      return new ApexTypeValue(it.resolveType(e.type, f.cls));
    case 'soql':
      f.entry.pos = e.pos;
      return evalSoql(it, e, f);
    case 'sosl':
      f.entry.pos = e.pos;
      return evalSosl(it, e, f);
  }
  return gap('unknown expression', (e as Expr).pos);
}

function gap(what: string, pos: Pos): never {
  throw new RuntimeGap(what, pos);
}

/** `===`: the same object for objects and collections; for primitives, the same value (Strings case-sensitively). */
function exactlyEqual(it: Interpreter, a: Value, b: Value): boolean {
  if (a === null || b === null) {
    return a === b;
  }
  if (typeof a === 'object' && !(a instanceof Decimal) && !(a instanceof ApexDouble)) {
    return a === b;
  }
  if (typeof a === 'string' || typeof b === 'string') {
    return a === b;
  }
  return it.eq(a, b);
}

// ─── names, fields, properties ───────────────────────────────────────────────

function staticRef(it: Interpreter, owner: ClassInfo, name: string, type: ApexType): Ref {
  it.ensureInit(owner);
  const statics = it.ctx.staticsOf(owner);
  const key = name.toLowerCase();
  return {
    type,
    get: () => statics.get(key) ?? null,
    set: (v) => statics.set(key, coerce(v, type))
  };
}

/** A field or property of `cls` accessed on `self` (instance) or statically (self undefined). */
function memberRef(
  it: Interpreter,
  cls: ClassInfo,
  self: ApexObject | undefined,
  name: string,
  pos: Pos
): Ref | undefined {
  const field = cls.findField(name);
  if (field) {
    const type = it.resolveType(field.decl.type, field.owner);
    if (field.decl.modifiers.isStatic) {
      return staticRef(it, field.owner, field.name, type);
    }
    if (!self) {
      return undefined;
    }
    const key = field.name.toLowerCase();
    return { type, get: () => self.fields.get(key) ?? null, set: (v) => self.fields.set(key, coerce(v, type)) };
  }
  const prop = cls.findProperty(name);
  if (prop) {
    const type = it.resolveType(prop.prop.type, prop.owner);
    const isStatic = prop.prop.modifiers.isStatic;
    if (!isStatic && !self) {
      return undefined;
    }
    const on = isStatic ? undefined : self;
    return {
      type,
      get: () => it.runAccessor(prop.owner, prop.prop, 'get', on, null, pos),
      set: (v) => void it.runAccessor(prop.owner, prop.prop, 'set', on, v, pos)
    };
  }
  return undefined;
}

/**
 * Inside a property's accessor, the property's own name (`prop`, and `this.prop` — the platform compiles the latter
 * without recursing too; the ADG "Using Properties" only mentions the former: unverified) is its backing storage.
 */
function backingRef(it: Interpreter, f: Frame, name: string): Ref | undefined {
  const lower = name.toLowerCase();
  if (f.accessorOf !== lower) {
    return undefined;
  }
  const prop = f.cls.findProperty(lower);
  if (!prop) {
    return undefined;
  }
  const type = it.resolveType(prop.prop.type, prop.owner);
  const storage = prop.prop.modifiers.isStatic ? it.ctx.staticsOf(prop.owner) : f.self?.fields;
  return storage
    ? { type, get: () => storage.get(lower) ?? null, set: (v) => storage.set(lower, coerce(v, type)) }
    : undefined;
}

function nameRef(it: Interpreter, name: string, f: Frame, pos: Pos): Ref | undefined {
  const local = f.scope.lookup(name);
  if (local) {
    return { type: local.type, get: () => local.value, set: (v) => (local.value = coerce(v, local.type)) };
  }
  const backing = backingRef(it, f, name);
  if (backing) {
    return backing;
  }
  const member = memberRef(it, f.cls, f.self, name, pos);
  if (member) {
    return member;
  }
  for (let c = f.cls.outer; c; c = c.outer) {
    const outer = memberRef(it, c, undefined, name, pos);
    if (outer) {
      return outer;
    }
  }
  return undefined;
}

function indexRef(it: Interpreter, target: Value, index: Value, pos: Pos): Ref {
  if (target === null) {
    return it.npe(pos);
  }
  if (!(target instanceof ApexList)) {
    return gap(`[] on ${typeName(runtimeType(target))}`, pos);
  }
  if (index === null) {
    return it.npe(pos);
  }
  const i = typeof index === 'number' ? index : gap('list index must be an Integer', pos);
  const check = (): void => {
    if (i < 0 || i >= target.items.length) {
      it.raise('ListException', `List index out of bounds: ${i}`, pos);
    }
  };
  return {
    type: target.elementType,
    get: () => {
      check();
      return target.items[i] ?? null;
    },
    set: (v) => {
      check();
      target.items[i] = coerce(v, target.elementType);
    }
  };
}

/** Evaluates the left side of `.`: a value, a type (Class.staticMember), the System namespace, or `super`. */
function evalTarget(it: Interpreter, e: Expr, f: Frame): Target {
  if (e.kind === 'super') {
    return { kind: 'super' };
  }
  if (e.kind === 'name') {
    const ref = nameRef(it, e.name, f, e.pos);
    if (ref) {
      return { kind: 'value', value: ref.get() };
    }
    const r = it.registry.resolveName([e.name], f.cls);
    if (r?.kind === 'namespace') {
      return { kind: 'namespace', name: r.name };
    }
    if (r) {
      return { kind: 'type', type: r.type };
    }
    return gap(`Variable does not exist: ${e.name}`, e.pos);
  }
  if (e.kind === 'field') {
    const t = evalTarget(it, e.target, f);
    return memberOfTarget(it, t, e, f);
  }
  const v = evalInner(it, e, f);
  return v === SAFE_NULL ? { kind: 'safeNull' } : { kind: 'value', value: v };
}

function memberOfTarget(it: Interpreter, t: Target, e: FieldExpr, f: Frame): Target {
  f.entry.pos = e.pos;
  switch (t.kind) {
    case 'safeNull':
      return t;
    case 'super':
      return gap('super.field', e.pos);
    case 'namespace': {
      const r = it.registry.resolveName([t.name, e.name], f.cls);
      return r?.kind === 'type'
        ? { kind: 'type', type: r.type }
        : gap(`${t.name}.${e.name} is not a known type`, e.pos);
    }
    case 'type': {
      const type = t.type;
      if (type.kind === 'class') {
        const ref = memberRef(it, type.cls, undefined, e.name, e.pos);
        if (ref) {
          return { kind: 'value', value: ref.get() };
        }
        const inner = type.cls.inner.get(e.name.toLowerCase());
        if (inner instanceof ClassInfoValue) {
          return { kind: 'type', type: { kind: 'class', cls: inner } };
        }
        if (inner instanceof EnumInfo) {
          return { kind: 'type', type: { kind: 'enum', en: inner } };
        }
        return gap(`Variable does not exist: ${type.cls.fullName}.${e.name}`, e.pos);
      }
      if (type.kind === 'enum') {
        const value = type.en.value(e.name);
        return value ? { kind: 'value', value } : gap(`${e.name} is not a value of ${type.en.fullName}`, e.pos);
      }
      if (type.kind === 'sobject') {
        return { kind: 'value', value: it.natives.sobjectStaticMember(it, type.name, e.name, e.pos) };
      }
      if (type.kind === 'native' && type.name === 'Trigger') {
        return { kind: 'value', value: it.natives.triggerField(it, e.name, e.pos) };
      }
      if (type.kind === 'native') {
        // A class of a native type's namespace written in Apex (EventBus.TriggerContext, interpreter/system-classes.ts).
        const qualified = it.registry.resolveName([type.name, e.name], f.cls);
        if (qualified?.kind === 'type' && (qualified.type.kind === 'class' || qualified.type.kind === 'enum')) {
          return { kind: 'type', type: qualified.type };
        }
      }
      return { kind: 'value', value: it.natives.staticNativeField(it, typeName(type), e.name, e.pos) };
    }
    case 'value': {
      const v = t.value;
      if (v === null) {
        return e.safe ? { kind: 'safeNull' } : it.npe(e.pos);
      }
      if (v instanceof ApexObject) {
        const ref = (v === f.self ? backingRef(it, f, e.name) : undefined) ?? memberRef(it, v.cls, v, e.name, e.pos);
        if (ref) {
          return { kind: 'value', value: ref.get() };
        }
      }
      if (v instanceof ApexSObject) {
        return { kind: 'value', value: readField(it, v, e.name, e.pos) };
      }
      if (v instanceof ApexList && v.fromSoql) {
        // `[SELECT Name FROM Contact WHERE …].Name`: the query is used as its single row.
        const row = coerce(v, v.elementType);
        if (row instanceof ApexSObject) {
          return { kind: 'value', value: readField(it, row, e.name, e.pos) };
        }
      }
      if (v instanceof NativeObject) {
        const prop = it.natives.schemaProperty(it, v, e.name, e.pos);
        if (prop !== undefined) {
          return { kind: 'value', value: prop };
        }
      }
      return gap(`Variable does not exist: ${e.name} on ${typeName(runtimeType(v))}`, e.pos);
    }
  }
}

/** The place an assignment or ++/-- writes to. */
function lvalue(it: Interpreter, e: Expr, f: Frame): Ref {
  if (e.kind === 'name') {
    return nameRef(it, e.name, f, e.pos) ?? gap(`Variable does not exist: ${e.name}`, e.pos);
  }
  if (e.kind === 'index') {
    return indexRef(it, evaluate(it, e.target, f), evaluate(it, e.index, f), e.pos);
  }
  if (e.kind === 'field') {
    const t = evalTarget(it, e.target, f);
    if (t.kind === 'type' && t.type.kind === 'class') {
      return memberRef(it, t.type.cls, undefined, e.name, e.pos) ?? gap(`Variable does not exist: ${e.name}`, e.pos);
    }
    if (t.kind === 'value') {
      if (t.value === null) {
        return it.npe(e.pos);
      }
      if (t.value instanceof ApexObject) {
        const ref =
          (t.value === f.self ? backingRef(it, f, e.name) : undefined) ??
          memberRef(it, t.value.cls, t.value, e.name, e.pos);
        if (ref) {
          return ref;
        }
      }
      const rec = t.value;
      if (rec instanceof ApexSObject) {
        const field = rec.type.fields.get(e.name.toLowerCase());
        return {
          type: field ? prim(field.apexType) : { kind: 'sobject', name: 'SObject' },
          get: () => readField(it, rec, e.name, e.pos),
          set: (v) => writeField(it, rec, e.name, v, e.pos)
        };
      }
    }
    return gap(`cannot assign to ${e.name}`, e.pos);
  }
  return gap('invalid assignment target', e.pos);
}

const COMPOUND: Record<string, '+' | '-' | '*' | '/' | undefined> = { '+=': '+', '-=': '-', '*=': '*', '/=': '/' };

function assign(it: Interpreter, e: AssignExpr, f: Frame): Value {
  const ref = lvalue(it, e.target, f);
  let value: Value;
  if (e.op === '=') {
    value = evaluate(it, e.value, f);
  } else {
    const current = ref.get();
    const right = evaluate(it, e.value, f);
    const arith = COMPOUND[e.op];
    value = arith
      ? arithmetic(it, arith, current, right, e.pos)
      : bitwise(it, e.op.slice(0, -1) as '&', current, right, e.pos);
  }
  ref.set(value);
  heapWork(it, typeof value === 'string' ? 1 + (value.length >> 6) : 1, e.pos);
  return coerce(value, ref.type);
}

function incDec(it: Interpreter, e: IncDecExpr, f: Frame): Value {
  const ref = lvalue(it, e.target, f);
  const old = ref.get();
  if (old === null) {
    return it.npe(e.pos);
  }
  const updated = arithmetic(it, e.op === '++' ? '+' : '-', old, 1, e.pos);
  ref.set(updated);
  return e.prefix ? coerce(updated, ref.type) : old;
}

// ─── calls ───────────────────────────────────────────────────────────────────

/**
 * Evaluates call arguments, left to right, with the static type of each argument that evaluates to null when the
 * expression tells it (a cast, a variable, field or property, a list element, an Apex method's return type): the
 * platform picks overloads from static types (see overloads.ts). Non-null arguments keep `undefined`.
 */
export function evaluateArgs(it: Interpreter, exprs: Expr[], f: Frame): { values: Value[]; types: ArgTypes } {
  const values: Value[] = [];
  const types: (ApexType | undefined)[] = [];
  for (const e of exprs) {
    const [v, t] = evaluateArg(it, e, f);
    values.push(v);
    types.push(v === null ? t : undefined);
  }
  return { values, types };
}

function evaluateArg(it: Interpreter, e: Expr, f: Frame): [Value, ApexType | undefined] {
  switch (e.kind) {
    case 'cast': {
      const v = evaluate(it, e, f);
      return [v, v === null ? it.resolveType(e.type, f.cls) : undefined];
    }
    case 'name': {
      const ref = nameRef(it, e.name, f, e.pos);
      return ref ? [ref.get(), ref.type] : [evaluate(it, e, f), undefined];
    }
    case 'field': {
      const t = evalTarget(it, e.target, f);
      const ref = t.kind === 'value' || t.kind === 'type' ? staticMemberRef(it, t, e.name, e.pos) : undefined;
      if (ref) {
        f.entry.pos = e.pos;
        return [ref.get(), ref.type];
      }
      const m = memberOfTarget(it, t, e, f);
      if (m.kind === 'safeNull') {
        return [null, undefined];
      }
      return m.kind === 'value' ? [m.value, undefined] : gap(`'${e.name}' names a type, not a value`, e.pos);
    }
    case 'index': {
      const target = evalInner(it, e.target, f);
      if (target === SAFE_NULL) {
        return [null, undefined];
      }
      const ref = indexRef(it, target, evaluate(it, e.index, f), e.pos);
      return [ref.get(), ref.type];
    }
    case 'call': {
      it.lastReturnType = undefined;
      const v = evaluate(it, e, f);
      return [v, v === null ? it.lastReturnType : undefined];
    }
    default:
      return [evaluate(it, e, f), undefined];
  }
}

/** The field/property `name` of an Apex object or class, or the field of an SObject, with its declared type. */
function staticMemberRef(it: Interpreter, t: Target, name: string, pos: Pos): Ref | undefined {
  if (t.kind === 'type') {
    return t.type.kind === 'class' ? memberRef(it, t.type.cls, undefined, name, pos) : undefined;
  }
  if (t.kind !== 'value') {
    return undefined;
  }
  const v = t.value;
  if (v instanceof ApexObject) {
    return memberRef(it, v.cls, v, name, pos);
  }
  if (v instanceof ApexSObject) {
    const field = v.type.fields.get(name.toLowerCase());
    return field
      ? { type: prim(field.apexType), get: () => readField(it, v, name, pos), set: () => undefined }
      : undefined;
  }
  return undefined;
}

/** A built-in method returned: its result has no Apex-declared return type. */
function builtin<T>(it: Interpreter, v: T): T {
  it.lastReturnType = undefined;
  return v;
}

function evalCall(it: Interpreter, e: CallExpr, f: Frame): Inner {
  if (!e.target) {
    const { values: args, types } = evaluateArgs(it, e.args, f);
    f.entry.pos = e.pos;
    return callUnqualified(it, e, args, f, types);
  }
  const t = evalTarget(it, e.target, f);
  if (t.kind === 'safeNull') {
    return SAFE_NULL;
  }
  if (t.kind === 'value' && t.value === null) {
    if (e.safe) {
      return SAFE_NULL;
    }
    f.entry.pos = e.pos;
    return it.npe(e.pos);
  }
  const { values: args, types } = evaluateArgs(it, e.args, f);
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
    // `Account.getSObjectType()` on the type name is the type's token, as `Account.SObjectType` (ARG "SObject Class"
    // getSObjectType; the static form is not shown in the docs but compiles and runs on real orgs: apex-recipes).
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
    const lower = name.toLowerCase();
    if (lower === 'tostring' && args.length === 0) {
      return it.str(v);
    }
    if (lower === 'equals' && args.length === 1) {
      return it.eq(v, args[0] ?? null);
    }
    if (lower === 'hashcode' && args.length === 0) {
      return v.id;
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

// ─── new and casts ───────────────────────────────────────────────────────────

function evalNew(it: Interpreter, e: NewExpr, f: Frame): Value {
  const type = it.resolveType(e.type, f.cls);
  if (type.kind === 'sobject') {
    return newSObject(it, type.name, e, f);
  }
  const { values: args, types } = evaluateArgs(it, e.args ?? [], f);
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
          // ARG Map class, Map<Id, sObject>(recordList): keyed by the records' Ids. Wording of the errors for a record
          // without an Id or with a repeated one ("Row with null Id at index: N", "… duplicate Id …") unverified.
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

/** An inline query: binds evaluated in the current frame, the list of rows (or the count of SELECT COUNT()). */
function evalSoql(it: Interpreter, e: SoqlExpr, f: Frame): Value {
  const values = e.binds.map((b) => evaluate(it, b, f));
  const num = (i: number | undefined): number | undefined => {
    if (i === undefined) {
      return undefined;
    }
    const v = values[i] ?? null;
    return typeof v === 'number' ? v : v === null ? it.npe(e.pos) : gap('LIMIT/OFFSET bind must be an Integer', e.pos);
  };
  const limit = num(e.limitBind);
  const offset = num(e.offsetBind);
  return runQuery(it, e.query, {
    pos: e.pos,
    binds: (name) => {
      const m = /^localOrgBind(\d+)$/.exec(name);
      return m ? (values[Number(m[1])] ?? null) : gap(`unknown bind :${name}`, e.pos);
    },
    ...(limit === undefined ? {} : { limit }),
    ...(offset === undefined ? {} : { offset }),
    ...(e.allRows ? { allRows: true } : {}),
    ...(e.forUpdate ? { forUpdate: true } : {})
  });
}

/** An inline search: binds evaluated in the current frame, one List per RETURNING object (data/sosl.ts). */
function evalSosl(it: Interpreter, e: SoslExpr, f: Frame): Value {
  const values = e.binds.map((b) => evaluate(it, b, f));
  return runSosl(it, e.search, {
    pos: e.pos,
    binds: (name) => {
      const m = /^localOrgBind(\d+)$/.exec(name);
      return m ? (values[Number(m[1])] ?? null) : gap(`unknown bind :${name}`, e.pos);
    }
  });
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

/**
 * A `List<SObject>` whose records are all of one concrete type casts to that type's list (`(List<Account>) l`): the
 * platform's runtime type of an SObject list follows its records (Trigger Actions Framework's selector mocks cast
 * `new List<SObject>{ metadataRecord }` so; not stated in the ADG: unverified). The cast keeps the same list.
 */
/** A List<SObject> holding only records of the wanted type, as `(List<Account>) objects` accepts (issue 14). */
export function sobjectListOf(v: Value, type: ApexType): boolean {
  if (!(v instanceof ApexList) || type.kind !== 'list' || type.element.kind !== 'sobject') {
    return false;
  }
  const wanted = type.element.name.toLowerCase();
  return (
    v.elementType.kind === 'sobject' &&
    v.elementType.name.toLowerCase() === 'sobject' &&
    wanted !== 'sobject' &&
    v.items.every((x) => x === null || (x instanceof ApexSObject && x.type.name.toLowerCase() === wanted))
  );
}

/** The map analogue of sobjectListOf: a Map<K, SObject> whose values are all of the wanted SObject type. */
function sobjectMapOf(v: Value, type: ApexType): boolean {
  if (!(v instanceof ApexMap) || type.kind !== 'map' || type.value.kind !== 'sobject') {
    return false;
  }
  const wanted = type.value.name.toLowerCase();
  return (
    v.valueType.kind === 'sobject' &&
    v.valueType.name.toLowerCase() === 'sobject' &&
    wanted !== 'sobject' &&
    sameType(v.keyType, type.key) &&
    [...v.entries.values()].every(
      ([, x]) => x === null || (x instanceof ApexSObject && x.type.name.toLowerCase() === wanted)
    )
  );
}

/** `(T) v`: checks the runtime type; a mismatch is System.TypeException "Invalid conversion from runtime type X to T". */
export function cast(it: Interpreter, v: Value, type: ApexType, pos: Pos): Value {
  if (v === null) {
    return null;
  }
  if (isNumber(v) && numericRank(type) >= 0) {
    const from = numericRank(runtimeType(v));
    const to = numericRank(type);
    if (from <= to || (from === 3 && to === 2)) {
      return coerce(v, type);
    }
    return gap(`narrowing numeric cast from ${typeName(runtimeType(v))} to ${typeName(type)}`, pos);
  }
  if (isInstanceOf(v, type) || sobjectListOf(v, type) || sobjectMapOf(v, type)) {
    return v;
  }
  return it.raise(
    'TypeException',
    `Invalid conversion from runtime type ${typeName(runtimeType(v))} to ${typeName(type)}`,
    pos
  );
}
