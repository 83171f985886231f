/**
 * The places an expression reads and writes (interpreter/expressions.ts): local variables, fields and properties of
 * objects and classes (a property's accessor reaching its own storage), list elements, SObject fields, the left side
 * of `.`, and assignment (`=`, compound operators, `++`/`--`).
 */
import type { AssignExpr, Expr, FieldExpr, IncDecExpr, Pos, PropertyDecl } from '../ast/nodes.ts';
import { readField, writeField } from '../data/sobject.ts';
import type { ClassInfo } from '../values/classes.ts';
import { ClassInfo as ClassInfoValue, EnumInfo } from '../values/classes.ts';
import { coerce } from '../values/convert.ts';
import { prim, runtimeType, typeName, type ApexType } from '../values/types.ts';
import { ApexList, ApexObject, ApexSObject, NativeObject, type Value } from '../values/values.ts';
import { gap, SAFE_NULL } from './eval-support.ts';
import { evalInner, evaluate } from './expressions.ts';
import { heapWork } from './heap.ts';
import type { Interpreter } from './interpreter.ts';
import type { ResolvedName, TypeRegistry } from './registry.ts';
import { arithmetic, bitwise } from './operators.ts';
import type { Frame, Variable } from './scope.ts';
import { lowerName } from '../schema/lower.ts';

/** A readable/writable place: a variable, field, property or list element. */
export interface Ref {
  type: ApexType;
  get(): Value;
  set(v: Value): void;
}

/*
 * The places are small classes rather than object literals of arrow functions: a place is made on every read of a
 * name, and the TypeScript loader (tsx, esbuild's keepNames) wraps each named arrow in a call that defines its
 * `name` property — a third of the interpreter's time in `npm run bench` before (issue 22, Speed).
 */

type PropertyMember = { prop: PropertyDecl; owner: ClassInfo };

/** A local variable. */
class VariableRef implements Ref {
  constructor(private readonly local: Variable) {}
  get type(): ApexType {
    return this.local.type;
  }
  get(): Value {
    return this.local.value;
  }
  set(v: Value): void {
    this.local.value = coerce(v, this.local.type);
  }
}

/** A slot of a map of values: statics of a class, fields of an object, a property's backing storage. */
class SlotRef implements Ref {
  constructor(
    private readonly slots: Map<string, Value>,
    private readonly key: string,
    readonly type: ApexType
  ) {}
  get(): Value {
    return this.slots.get(this.key) ?? null;
  }
  set(v: Value): void {
    this.slots.set(this.key, coerce(v, this.type));
  }
}

/** A property with accessors, on an object (`on`) or static (`on` undefined). */
class AccessorRef implements Ref {
  constructor(
    private readonly it: Interpreter,
    private readonly prop: PropertyMember,
    private readonly on: ApexObject | undefined,
    private readonly pos: Pos,
    readonly type: ApexType
  ) {}
  get(): Value {
    return this.it.runAccessor(this.prop.owner, this.prop.prop, 'get', this.on, null, this.pos);
  }
  set(v: Value): void {
    void this.it.runAccessor(this.prop.owner, this.prop.prop, 'set', this.on, v, this.pos);
  }
}

/** An element of a list (the bounds checked on each read and write). */
class IndexRef implements Ref {
  constructor(
    private readonly it: Interpreter,
    private readonly target: ApexList,
    private readonly i: number,
    private readonly pos: Pos
  ) {}
  get type(): ApexType {
    return this.target.elementType;
  }
  private check(): void {
    if (this.i < 0 || this.i >= this.target.items.length) {
      this.it.raise('ListException', `List index out of bounds: ${this.i}`, this.pos);
    }
  }
  get(): Value {
    this.check();
    return this.target.items[this.i] ?? null;
  }
  set(v: Value): void {
    this.check();
    this.target.items[this.i] = coerce(v, this.target.elementType);
  }
}

/** A field of an SObject record; `writable` false: writes are ignored. */
class SObjectFieldRef implements Ref {
  constructor(
    private readonly it: Interpreter,
    private readonly rec: ApexSObject,
    private readonly name: string,
    private readonly pos: Pos,
    readonly type: ApexType,
    private readonly writable: boolean
  ) {}
  get(): Value {
    return readField(this.it, this.rec, this.name, this.pos);
  }
  set(v: Value): void {
    if (this.writable) {
      writeField(this.it, this.rec, this.name, v, this.pos);
    }
  }
}

export type Target =
  | { kind: 'value'; value: Value }
  | { kind: 'safeNull' }
  | { kind: 'type'; type: ApexType }
  | { kind: 'namespace'; name: string }
  | { kind: 'super' };

function staticRef(it: Interpreter, owner: ClassInfo, lower: string, type: ApexType): Ref {
  it.ensureInit(owner);
  const statics = it.ctx.staticsOf(owner);
  return new SlotRef(statics, lower, type);
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
    const type = (field.type ??= it.resolveType(field.decl.type, field.owner));
    if (field.decl.modifiers.isStatic) {
      return staticRef(it, field.owner, field.lower, type);
    }
    if (!self) {
      return undefined;
    }
    return new SlotRef(self.fields, field.lower, type);
  }
  const prop = cls.findProperty(name);
  if (prop) {
    const type = it.resolveType(prop.prop.type, prop.owner);
    const isStatic = prop.prop.modifiers.isStatic;
    if (!isStatic && !self) {
      return undefined;
    }
    const on = isStatic ? undefined : self;
    return new AccessorRef(it, prop, on, pos, type);
  }
  return undefined;
}

/**
 * Inside a property's accessor, the property's own name (`prop`, and `this.prop` — the platform compiles the latter
 * without recursing too; the Apex Developer Guide "Using Properties" only mentions the former: unverified) is its
 * backing storage.
 */
function backingRef(it: Interpreter, f: Frame, name: string): Ref | undefined {
  if (f.accessorOf === undefined) {
    return undefined;
  }
  const lower = lowerName(name);
  if (f.accessorOf !== lower) {
    return undefined;
  }
  const prop = f.cls.findProperty(lower);
  if (!prop) {
    return undefined;
  }
  const type = it.resolveType(prop.prop.type, prop.owner);
  const storage = prop.prop.modifiers.isStatic ? it.ctx.staticsOf(prop.owner) : f.self?.fields;
  return storage ? new SlotRef(storage, lower, type) : undefined;
}

/** What the read functions below return when the name is not such a member (undefined is not a Value either). */
export const NOT_FOUND = Symbol('not-found');
type Read = Value | typeof NOT_FOUND;

/*
 * Reads of a member without making its Ref (a place per read cost an allocation, issue 22 Speed): each gives what
 * memberRef/backingRef/memberNameRef followed by get() give, in the same order of checks.
 */

/** memberRef(it, cls, self, lower, pos)?.get(). */
function readMember(it: Interpreter, cls: ClassInfo, self: ApexObject | undefined, lower: string, pos: Pos): Read {
  const field = cls.findField(lower);
  if (field) {
    field.type ??= it.resolveType(field.decl.type, field.owner);
    if (field.decl.modifiers.isStatic) {
      it.ensureInit(field.owner);
      return it.ctx.staticsOf(field.owner).get(field.lower) ?? null;
    }
    return self ? (self.fields.get(field.lower) ?? null) : NOT_FOUND;
  }
  const prop = cls.findProperty(lower);
  if (prop) {
    const isStatic = prop.prop.modifiers.isStatic;
    if (!isStatic && !self) {
      it.resolveType(prop.prop.type, prop.owner);
      return NOT_FOUND;
    }
    // runAccessor resolves the property's type first, as memberRef did.
    return it.runAccessor(prop.owner, prop.prop, 'get', isStatic ? undefined : self, null, pos);
  }
  return NOT_FOUND;
}

/** backingRef(it, f, lower)?.get(). */
function readBacking(it: Interpreter, f: Frame, lower: string): Read {
  if (f.accessorOf === undefined || f.accessorOf !== lower) {
    return NOT_FOUND;
  }
  const prop = f.cls.findProperty(lower);
  if (!prop) {
    return NOT_FOUND;
  }
  it.resolveType(prop.prop.type, prop.owner);
  const storage = prop.prop.modifiers.isStatic ? it.ctx.staticsOf(prop.owner) : f.self?.fields;
  return storage ? (storage.get(lower) ?? null) : NOT_FOUND;
}

/** memberNameRef(it, lower, f, pos)?.get(). */
export function readMemberName(it: Interpreter, lower: string, f: Frame, pos: Pos): Read {
  const backing = readBacking(it, f, lower);
  if (backing !== NOT_FOUND) {
    return backing;
  }
  const member = readMember(it, f.cls, f.self, lower, pos);
  if (member !== NOT_FOUND) {
    return member;
  }
  for (let c = f.cls.outer; c; c = c.outer) {
    const outer = readMember(it, c, undefined, lower, pos);
    if (outer !== NOT_FOUND) {
      return outer;
    }
  }
  return NOT_FOUND;
}

/** The place a name (`lower`: lower-cased) denotes: a local variable or memberNameRef's. */
export function nameRef(it: Interpreter, lower: string, f: Frame, pos: Pos): Ref | undefined {
  const local = f.scope.lookup(lower);
  if (local) {
    return new VariableRef(local);
  }
  return memberNameRef(it, lower, f, pos);
}

/** A name that is not a local variable: a property's storage in its accessor, a field or property of the class. */
export function memberNameRef(it: Interpreter, name: string, f: Frame, pos: Pos): Ref | undefined {
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

export function indexRef(it: Interpreter, target: Value, index: Value, pos: Pos): Ref {
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
  return new IndexRef(it, target, i, pos);
}

/** resolveName's answer for one expression, in one class of one registry (a one-entry cache per expression). */
interface ResolvedAt {
  registry: TypeRegistry;
  cls: ClassInfo;
  first: string;
  second: string | undefined;
  resolved: ResolvedName | undefined;
}
const resolvedAt = new WeakMap<Expr, ResolvedAt>();

/**
 * `registry.resolveName([first, second?], cls)` for the expression `e`, kept on the expression: the registry memoizes
 * by a key it builds from the names, which cost an array and a string per evaluation (issue 22 Speed). The registry
 * answers the same once linked (before then no expression runs).
 */
function resolveNameAt(
  it: Interpreter,
  e: Expr,
  cls: ClassInfo,
  first: string,
  second?: string
): ResolvedName | undefined {
  const cached = resolvedAt.get(e);
  if (
    cached &&
    cached.cls === cls &&
    cached.registry === it.registry &&
    cached.first === first &&
    cached.second === second
  ) {
    return cached.resolved;
  }
  const resolved = it.registry.resolveName(second === undefined ? [first] : [first, second], cls);
  resolvedAt.set(e, { registry: it.registry, cls, first, second, resolved });
  return resolved;
}

/** Evaluates the left side of `.`: a value, a type (Class.staticMember), the System namespace, or `super`. */
export function evalTarget(it: Interpreter, e: Expr, f: Frame): Target {
  if (e.kind === 'super') {
    return { kind: 'super' };
  }
  if (e.kind === 'name') {
    const local = f.scope.lookup(e.lower);
    if (local) {
      return { kind: 'value', value: local.value };
    }
    const member = readMemberName(it, e.lower, f, e.pos);
    if (member !== NOT_FOUND) {
      return { kind: 'value', value: member };
    }
    // The registry's answer is a Target already (`{ kind: 'type' | 'namespace', … }`, never changed): no copy per
    // evaluation.
    const r = resolveNameAt(it, e, f.cls, e.name);
    if (r) {
      return r;
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

export function memberOfTarget(it: Interpreter, t: Target, e: FieldExpr, f: Frame): Target {
  f.entry.pos = e.pos;
  switch (t.kind) {
    case 'safeNull':
      return t;
    case 'super':
      return gap('super.field', e.pos);
    case 'namespace': {
      const r = resolveNameAt(it, e, f.cls, t.name, e.name);
      return r?.kind === 'type' ? r : gap(`${t.name}.${e.name} is not a known type`, e.pos);
    }
    case 'type': {
      const type = t.type;
      if (type.kind === 'class') {
        const member = readMember(it, type.cls, undefined, e.lower, e.pos);
        if (member !== NOT_FOUND) {
          return { kind: 'value', value: member };
        }
        const inner = type.cls.inner.get(e.lower);
        if (inner instanceof ClassInfoValue) {
          return { kind: 'type', type: inner.asType };
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
        const qualified = resolveNameAt(it, e, f.cls, type.name, e.name);
        if (qualified?.kind === 'type' && (qualified.type.kind === 'class' || qualified.type.kind === 'enum')) {
          return qualified;
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
        let member = v === f.self ? readBacking(it, f, e.lower) : NOT_FOUND;
        if (member === NOT_FOUND) {
          member = readMember(it, v.cls, v, e.lower, e.pos);
        }
        if (member !== NOT_FOUND) {
          return { kind: 'value', value: member };
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
    return nameRef(it, e.lower, f, e.pos) ?? gap(`Variable does not exist: ${e.name}`, e.pos);
  }
  if (e.kind === 'index') {
    return indexRef(it, evaluate(it, e.target, f), evaluate(it, e.index, f), e.pos);
  }
  if (e.kind === 'field') {
    const t = evalTarget(it, e.target, f);
    if (t.kind === 'type' && t.type.kind === 'class') {
      return memberRef(it, t.type.cls, undefined, e.lower, e.pos) ?? gap(`Variable does not exist: ${e.name}`, e.pos);
    }
    if (t.kind === 'value') {
      if (t.value === null) {
        return it.npe(e.pos);
      }
      if (t.value instanceof ApexObject) {
        const ref =
          (t.value === f.self ? backingRef(it, f, e.lower) : undefined) ??
          memberRef(it, t.value.cls, t.value, e.lower, e.pos);
        if (ref) {
          return ref;
        }
      }
      const rec = t.value;
      if (rec instanceof ApexSObject) {
        const field = rec.type.fields.get(e.lower);
        const type: ApexType = field ? prim(field.apexType) : { kind: 'sobject', name: 'SObject' };
        return new SObjectFieldRef(it, rec, e.name, e.pos, type, true);
      }
    }
    return gap(`cannot assign to ${e.name}`, e.pos);
  }
  return gap('invalid assignment target', e.pos);
}

const COMPOUND: Record<string, '+' | '-' | '*' | '/' | undefined> = { '+=': '+', '-=': '-', '*=': '*', '/=': '/' };

export function assign(it: Interpreter, e: AssignExpr, f: Frame): Value {
  if (e.op === '=' && e.target.kind === 'name') {
    // `local = value`: what the VariableRef below does, without making it.
    const local = f.scope.lookup(e.target.lower);
    if (local) {
      const value = evaluate(it, e.value, f);
      local.value = coerce(value, local.type);
      heapWork(it, typeof value === 'string' ? 1 + (value.length >> 6) : 1, e.pos);
      return coerce(value, local.type);
    }
  }
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

export function incDec(it: Interpreter, e: IncDecExpr, f: Frame): Value {
  const local = e.target.kind === 'name' ? f.scope.lookup(e.target.lower) : undefined;
  if (local) {
    // `i++` on a local variable: what the VariableRef below does, without making it.
    const old = local.value;
    if (old === null) {
      return it.npe(e.pos);
    }
    const updated = arithmetic(it, e.op === '++' ? '+' : '-', old, 1, e.pos);
    local.value = coerce(updated, local.type);
    return e.prefix ? coerce(updated, local.type) : old;
  }
  const ref = lvalue(it, e.target, f);
  const old = ref.get();
  if (old === null) {
    return it.npe(e.pos);
  }
  const updated = arithmetic(it, e.op === '++' ? '+' : '-', old, 1, e.pos);
  ref.set(updated);
  return e.prefix ? coerce(updated, ref.type) : old;
}

/** The field/property `name` of an Apex object or class, or the field of an SObject, with its declared type. */
export function staticMemberRef(it: Interpreter, t: Target, name: string, pos: Pos): Ref | undefined {
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
    const field = v.type.fields.get(lowerName(name));
    return field ? new SObjectFieldRef(it, v, name, pos, prim(field.apexType), false) : undefined;
  }
  return undefined;
}
