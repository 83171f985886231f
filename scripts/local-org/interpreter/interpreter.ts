import type { Block, ConstructorDecl, Expr, MethodDecl, Param, Pos, PropertyDecl, TypeRef } from '../ast/nodes.ts';
import type { DataHost } from '../data/host.ts';
import type { ClassInfo } from '../values/classes.ts';
import type { TransactionContext } from './context.ts';
import { apexEquals, coerce, setCoercionRaiser, stringOf, valueKey, type ObjectHooks } from '../values/convert.ts';
import { ApexThrow, RuntimeGap } from '../values/errors.ts';
import { evaluateArgs, lastArgTypes } from './calls.ts';
import { sobjectListOf } from './casts.ts';
import { evaluate } from './expressions.ts';
import type { Natives } from './natives.ts';
import type { TypeRegistry } from './registry.ts';
import { Scope, type Frame } from './scope.ts';
import { execute, markCovered, ReturnSignal } from './statements.ts';
import { isAssignable, prim, runtimeType, sameType, typeName, type ApexType } from '../values/types.ts';
import { isNullAmbiguous, staticFit, type ArgTypes } from './overloads.ts';
import { heapWork } from './heap.ts';
import { ApexList, ApexObject, type Value } from '../values/values.ts';
import { lowerName } from '../schema/lower.ts';

/** Exceptions a `catch` block never catches (Apex Developer Guide: assertion failures and limit exceptions). */
const UNCATCHABLE = new Set(['System.AssertException', 'System.LimitException']);

export const NPE_MESSAGE = 'Attempt to de-reference a null object';
const MAX_STACK_DEPTH = 1000;

export interface MethodRef {
  owner: ClassInfo;
  method: MethodDecl;
  /** What invoke works out from the two above, once per MethodRef (findMethod returns the same one each time). */
  facts?: MethodFacts;
}

interface MethodFacts {
  label: string;
  isFuture: boolean;
  /** Each parameter's name lower-cased (its key in the scope) and type. */
  params: { key: string; type: ApexType }[];
  returnType: ApexType;
}

/** An overload to choose from: its parameters, what choosing it gives, and their types once resolved. */
interface Candidate<T> {
  params: Param[];
  item: T;
  owner?: ClassInfo;
  types?: readonly ApexType[];
}

/** Interpreter.methodCandidates' memo: class → method name as called → candidates (static-only calls apart). */
const methodCandidateCache = new WeakMap<ClassInfo, Map<string, Candidate<MethodRef>[]>>();
const staticCandidateCache = new WeakMap<ClassInfo, Map<string, Candidate<MethodRef>[]>>();
/** Interpreter.selectConstructor's memo: a class's constructors as candidates (their parameter types resolved once). */
const constructorCandidateCache = new WeakMap<ClassInfo, Candidate<ConstructorDecl>[]>();

/** Executes Apex for one transaction: classes, objects, method calls and exceptions. */
export class Interpreter implements ObjectHooks, DataHost {
  constructor(
    readonly registry: TypeRegistry,
    readonly ctx: TransactionContext,
    /** The standard library (stdlib/natives.ts), passed in so this folder never imports stdlib/. */
    readonly natives: Natives
  ) {}

  resolveType(t: TypeRef, from?: ClassInfo): ApexType {
    return this.registry.resolve(t, from);
  }

  // ─── exceptions ────────────────────────────────────────────────────────────

  /** Throws the named System exception (e.g. 'NullPointerException') with a message, at the current position. */
  raise(name: string, message: string | null, pos?: Pos): never {
    const cls = this.registry.systemException(name);
    const obj = new ApexObject(cls);
    this.initException(obj, message, null, pos);
    throw new ApexThrow(obj);
  }

  npe(pos?: Pos): never {
    return this.raise('NullPointerException', NPE_MESSAGE, pos);
  }

  initException(obj: ApexObject, message: string | null, cause: ApexObject | null, pos?: Pos): void {
    const where = pos ?? this.ctx.currentPos();
    if (pos) {
      const top = this.ctx.stack[this.ctx.stack.length - 1];
      if (top) {
        top.pos = pos;
      }
    }
    obj.exception = { message, cause, lineNumber: where?.line ?? 0, stackTrace: this.ctx.stackTrace() };
  }

  isCatchable(exc: ApexObject): boolean {
    for (const c of exc.cls.chain()) {
      if (UNCATCHABLE.has(c.fullName)) {
        return false;
      }
    }
    return true;
  }

  // ─── hooks used by conversions ─────────────────────────────────────────────

  str(v: Value): string {
    return stringOf(v, this);
  }

  eq(a: Value, b: Value): boolean {
    return apexEquals(a, b, this);
  }

  key(v: Value): string {
    return valueKey(v, this);
  }

  objectToString(o: ApexObject): string {
    const custom = this.findMethod(o.cls, 'toString', []);
    if (custom) {
      const s = this.invoke(custom, o, [], this.ctx.currentPos() ?? custom.method.pos);
      return s === null ? 'null' : this.str(s);
    }
    if (o.exception) {
      const msg = o.exception.message;
      return msg === null ? this.exceptionTypeName(o) : `${this.exceptionTypeName(o)}: ${msg}`;
    }
    const parts: string[] = [];
    for (const c of [...o.cls.chain()].reverse()) {
      for (const f of c.fields.values()) {
        if (!f.decl.modifiers.isStatic) {
          parts.push(`${f.name}=${this.str(o.fields.get(f.name.toLowerCase()) ?? null)}`);
        }
      }
      for (const p of c.properties.values()) {
        if (!p.modifiers.isStatic) {
          parts.push(`${p.name}=${this.str(o.fields.get(p.name.toLowerCase()) ?? null)}`);
        }
      }
    }
    // An inner class prints its own name, not Outer.Inner (as the platform's String.valueOf does; the Apex Developer
    // Guide does not document the format: unverified).
    return `${o.cls.name}:[${parts.join(', ')}]`;
  }

  objectEquals(a: ApexObject, b: Value): boolean {
    const custom = this.findMethod(a.cls, 'equals', [b]);
    if (custom) {
      return this.invoke(custom, a, [b], this.ctx.currentPos() ?? custom.method.pos) === true;
    }
    return a === b;
  }

  /**
   * The Set/Map identity of an object (Apex Developer Guide "Using Custom Types in Map Keys and Sets"): by reference,
   * unless its class defines equals and hashCode — then objects with the same hashCode that are equal() share one key.
   * Each hashCode bucket keeps the first object of every equality class seen in this transaction; a key is its bucket
   * and index.
   */
  objectKey(o: ApexObject): string {
    const hashRef = this.findMethod(o.cls, 'hashCode', []);
    const equalsRef = this.findMethod(o.cls, 'equals', [o]);
    if (!hashRef && !equalsRef) {
      return `o:${o.id}`;
    }
    if (!hashRef || !equalsRef) {
      // The Apex Developer Guide requires both ("If you implement equals, you must also implement hashCode"); with one
      // alone the platform's choice is not documented.
      throw new RuntimeGap(
        `${o.cls.fullName} defines ${hashRef ? 'hashCode' : 'equals'} without ${hashRef ? 'equals' : 'hashCode'}; its use as a Set element or Map key is not documented`,
        this.ctx.currentPos()
      );
    }
    const pos = this.ctx.currentPos() ?? hashRef.method.pos;
    const hash = this.invoke(hashRef, o, [], pos);
    if (typeof hash !== 'number') {
      return this.npe(pos);
    }
    const bucket = String(hash);
    let members = this.keyBuckets.get(bucket);
    if (!members) {
      members = [];
      this.keyBuckets.set(bucket, members);
    }
    let index = members.findIndex((m) => m === o || this.objectEquals(m, o));
    if (index < 0) {
      index = members.push(o) - 1;
    }
    return `h:${bucket}:${index}`;
  }

  /** The @future method whose queued run is starting (invoke runs it instead of queueing it again). */
  private futureRun: MethodDecl | undefined;

  /** Equality classes of objects used as keys, per hashCode (objectKey). */
  private readonly keyBuckets = new Map<string, ApexObject[]>();

  exceptionTypeName(o: ApexObject): string {
    return o.cls.fullName;
  }

  // ─── classes and objects ───────────────────────────────────────────────────

  /** Runs static field initialisers and static blocks, in source order, once per transaction. */
  ensureInit(cls: ClassInfo): void {
    if (this.ctx.initialised.has(cls) || cls.isBuiltin) {
      return;
    }
    this.ctx.initialised.add(cls);
    if (cls.superclass) {
      this.ensureInit(cls.superclass);
    }
    const decl = cls.decl;
    if (decl?.kind !== 'class') {
      return;
    }
    const statics = this.ctx.staticsOf(cls);
    for (const m of decl.members) {
      if (m.kind === 'field' && m.modifiers.isStatic) {
        m.declarators.forEach((d) => statics.set(d.name.toLowerCase(), null));
      } else if (m.kind === 'property' && m.modifiers.isStatic) {
        statics.set(m.name.toLowerCase(), null);
      }
    }
    const frame = this.pushFrame(cls, undefined, `Class.${cls.fullName}.<clinit>`, decl.pos);
    try {
      for (const m of decl.members) {
        if (m.kind === 'field' && m.modifiers.isStatic) {
          const type = this.resolveType(m.type, cls);
          for (const d of m.declarators) {
            if (d.init) {
              statics.set(d.name.toLowerCase(), coerce(evaluate(this, d.init, frame), type));
            }
          }
        } else if (m.kind === 'initializer' && m.isStatic) {
          this.runBlock(m.body, frame);
        }
      }
    } finally {
      this.popFrame();
    }
  }

  pushFrame(cls: ClassInfo, self: ApexObject | undefined, label: string, pos: Pos, scope?: Scope): Frame {
    if (this.ctx.stack.length >= MAX_STACK_DEPTH) {
      this.raise('LimitException', `Maximum stack depth reached: ${this.ctx.stack.length + 1}`);
    }
    setCoercionRaiser(this.raiser);
    const entry = { label, pos };
    this.ctx.stack.push(entry);
    const frameScope = scope ?? new Scope();
    // Without an object spread (an allocation and a copy per call); `self` absent in static code, as before.
    const frame: Frame = self ? { cls, self, scope: frameScope, entry } : { cls, scope: frameScope, entry };
    this.frames.push(frame);
    return frame;
  }

  popFrame(): void {
    this.ctx.stack.pop();
    this.frames.pop();
  }

  /** DataHost: runs a trigger's body in a frame of its own (data/triggers.ts). */
  runInFrame(cls: ClassInfo, label: string, body: Block, pos: Pos): void {
    const frame = this.pushFrame(cls, undefined, label, pos);
    try {
      execute(this, body, frame);
    } finally {
      this.popFrame();
    }
  }

  /** Activations, innermost last (Database.query resolves its binds in the caller's). */
  readonly frames: Frame[] = [];
  /** Index of the entry point's frame: 0, or the first frame of a running asynchronous job (stdlib/async.ts). */
  entryFrame = 0;
  private readonly raiser = (name: string, message: string): never => this.raise(name, message);

  /** Evaluates the bind `:name` / `:record.Field__c` of a dynamic query in the calling Apex code. */
  resolveBindInCaller(name: string, pos: Pos): Value {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) {
      throw new RuntimeGap(`bind variable ${name} outside Apex code`, pos);
    }
    const [first = '', ...rest] = name.split('.');
    let expr: Expr =
      first.toLowerCase() === 'this'
        ? { kind: 'this', pos }
        : { kind: 'name', pos, name: first, lower: lowerName(first) };
    for (const part of rest) {
      expr = { kind: 'field', pos, target: expr, name: part, lower: lowerName(part), safe: false };
    }
    return evaluate(this, expr, frame);
  }

  private runBlock(block: Block, frame: Frame): Value {
    const c = execute(this, block, frame);
    return c instanceof ReturnSignal ? c.value : null;
  }

  /** `new cls(args)`; `argTypes` are the static types of the argument expressions (overload choice for nulls). */
  instantiate(cls: ClassInfo, args: Value[], pos: Pos, argTypes?: ArgTypes): ApexObject {
    if (cls.kind === 'interface' || cls.isAbstract) {
      throw new RuntimeGap(`Abstract classes and interfaces cannot be constructed: ${cls.fullName}`, pos);
    }
    this.ensureInit(cls);
    const obj = new ApexObject(cls);
    for (const c of cls.chain()) {
      for (const f of c.fields.values()) {
        if (!f.decl.modifiers.isStatic) {
          obj.fields.set(lowerName(f.name), null);
        }
      }
      for (const p of c.properties.values()) {
        if (!p.modifiers.isStatic) {
          obj.fields.set(lowerName(p.name), null);
        }
      }
    }
    this.construct(cls, obj, args, pos, argTypes);
    return obj;
  }

  /** Runs the constructor of `cls` that fits `args` on `obj` (super chain and field initialisers included). */
  private construct(cls: ClassInfo, obj: ApexObject, args: Value[], pos: Pos, argTypes?: ArgTypes): void {
    if (cls.isBuiltin) {
      this.constructBuiltinException(cls, obj, args, pos);
      return;
    }
    const ctor = this.selectConstructor(cls, args, argTypes);
    if (!ctor) {
      if (cls.constructors.length === 0 && args.length === 0) {
        if (cls.superclass) {
          this.construct(cls.superclass, obj, [], pos);
        }
        this.runInstanceInit(cls, obj);
        return;
      }
      if (cls.isException) {
        // The standard exception constructors (), (String), (Exception), (String, Exception) are always available.
        if (cls.superclass) {
          this.construct(cls.superclass, obj, args, pos);
        }
        this.runInstanceInit(cls, obj);
        return;
      }
      throw new RuntimeGap(`Constructor not defined: [${cls.fullName}].<Constructor>(${this.argTypes(args)})`, pos);
    }
    const frame = this.pushFrame(cls, obj, `Class.${cls.fullName}.<init>`, ctor.pos);
    try {
      this.bindParams(frame, ctor, args, cls);
      const [first, ...rest] = ctor.body.statements;
      let body = ctor.body.statements;
      if (first?.kind === 'expr' && first.expr.kind === 'ctorCall') {
        const call = first.expr;
        frame.entry.pos = call.pos;
        markCovered(this, first.pos); // this(...) / super(...) is a statement of the constructor
        const callArgs = evaluateArgs(this, call.args, frame);
        const callTypes = lastArgTypes();
        if (call.which === 'this') {
          this.construct(cls, obj, callArgs, call.pos, callTypes);
        } else {
          if (!cls.superclass) {
            throw new RuntimeGap(`super(...) in ${cls.fullName}, which has no superclass`, call.pos);
          }
          this.construct(cls.superclass, obj, callArgs, call.pos, callTypes);
          this.runInstanceInit(cls, obj);
        }
        body = rest;
      } else {
        if (cls.superclass) {
          this.construct(cls.superclass, obj, [], ctor.pos);
        }
        this.runInstanceInit(cls, obj);
      }
      this.runBlock({ kind: 'block', pos: ctor.body.pos, statements: body }, frame);
    } finally {
      this.popFrame();
    }
  }

  private constructBuiltinException(cls: ClassInfo, obj: ApexObject, args: Value[], pos: Pos): void {
    let message: string | null = null;
    let cause: ApexObject | null = null;
    const [a, b] = args;
    if (args.length === 1 && a instanceof ApexObject && a.exception) {
      cause = a;
      message = this.str(a);
    } else if (args.length >= 1) {
      message = a === null || a === undefined ? null : this.str(a);
      if (args.length === 2) {
        cause = b instanceof ApexObject ? b : null;
      }
    }
    if (args.length > 2) {
      throw new RuntimeGap(`Constructor not defined: [${cls.fullName}].<Constructor>(${this.argTypes(args)})`, pos);
    }
    this.initException(obj, message, cause, pos);
  }

  private runInstanceInit(cls: ClassInfo, obj: ApexObject): void {
    const decl = cls.decl;
    if (decl?.kind !== 'class') {
      return;
    }
    const members = decl.members.filter(
      (m) => (m.kind === 'field' && !m.modifiers.isStatic) || (m.kind === 'initializer' && !m.isStatic)
    );
    if (members.length === 0) {
      return;
    }
    const frame = this.pushFrame(cls, obj, `Class.${cls.fullName}.<init>`, decl.pos);
    try {
      for (const m of members) {
        if (m.kind === 'field') {
          const type = this.resolveType(m.type, cls);
          for (const d of m.declarators) {
            if (d.init) {
              frame.entry.pos = d.pos;
              obj.fields.set(lowerName(d.name), coerce(evaluate(this, d.init, frame), type));
            }
          }
        } else if (m.kind === 'initializer') {
          this.runBlock(m.body, frame);
        }
      }
    } finally {
      this.popFrame();
    }
  }

  private selectConstructor(cls: ClassInfo, args: Value[], argTypes?: ArgTypes): ConstructorDecl | undefined {
    let candidates = constructorCandidateCache.get(cls);
    if (!candidates) {
      candidates = cls.constructors.map((c) => ({ params: c.params, item: c }));
      constructorCandidateCache.set(cls, candidates);
    }
    return this.selectOverload(candidates, args, cls, argTypes, '<Constructor>');
  }

  argTypes(args: Value[]): string {
    return args.map((a) => (a === null ? 'NULL' : typeName(runtimeType(a)))).join(', ');
  }

  // ─── methods ───────────────────────────────────────────────────────────────

  /**
   * Picks the overload whose parameters fit the arguments best (exact types over widening). A non-null argument is
   * judged by its runtime type; a null argument by the static type of its expression when known (`argTypes`: a cast,
   * a variable, field or property, a method's return type) — the platform resolves overloads at compile time from
   * static types (Apex Developer Guide "Using Methods": overloading; "Rules of Conversion"). A null whose static type
   * is unknown fits any parameter; if several overloads then fit equally well, the choice would be a guess: a
   * RuntimeGap.
   */
  selectOverload<T>(
    candidates: Candidate<T>[],
    args: Value[],
    from: ClassInfo,
    argTypes?: ArgTypes,
    /** For the message of an ambiguous call: the method's name, or `<Constructor>` (of `from`). */
    name?: string
  ): T | undefined {
    if (candidates.length === 1) {
      // One overload (most calls): it fits or nothing does; no tie to look at.
      const c = candidates[0] as Candidate<T>;
      if (c.params.length !== args.length) {
        return undefined;
      }
      const types = c.types ?? this.paramTypes(c, from);
      for (let i = 0; i < types.length; i++) {
        if (this.argFit(args[i] ?? null, types[i] as ApexType, argTypes?.[i]) < 0) {
          return undefined;
        }
      }
      return c.item;
    }
    let best: T | undefined;
    let bestScore = -1;
    let bestParams: readonly ApexType[] = [];
    let tied: (readonly ApexType[])[] | undefined;
    for (const c of candidates) {
      if (c.params.length !== args.length) {
        continue;
      }
      let score = 0;
      let ok = true;
      const types = c.types ?? this.paramTypes(c, from);
      for (let i = 0; i < types.length; i++) {
        const s = this.argFit(args[i] ?? null, types[i] as ApexType, argTypes?.[i]);
        if (s < 0) {
          ok = false;
        }
        score += s;
      }
      if (!ok) {
        continue;
      }
      if (score > bestScore) {
        best = c.item;
        bestScore = score;
        bestParams = types;
        tied = undefined;
      } else if (score === bestScore) {
        (tied ??= []).push(types);
      }
    }
    if (tied?.some((t) => isNullAmbiguous(args, argTypes, bestParams, t))) {
      throw new RuntimeGap(
        `Ambiguous call of ${name === undefined ? 'method' : `${from.fullName}.${name}`}(${this.argTypes(args)}): a null argument of unknown static type fits several overloads equally (the platform resolves overloads from static types); cast the null, e.g. (String) null`,
        this.ctx.currentPos()
      );
    }
    return best;
  }

  /** A candidate's parameter types, resolved once (an unknown type throws, as each time it is needed). */
  private paramTypes<T>(c: Candidate<T>, from: ClassInfo): readonly ApexType[] {
    const types = c.params.map((p) => this.resolveType(p.type, c.owner ?? from));
    c.types = types;
    return types;
  }

  private argFit(arg: Value, t: ApexType, staticType?: ApexType): number {
    if (arg === null) {
      return staticType ? staticFit(staticType, t) : 0;
    }
    const fit = staticFit(runtimeType(arg), t);
    if (fit >= 0) {
      return fit;
    }
    // An inline query passes where a single record is expected (Apex Developer Guide "SOQL Statements": a query
    // assigned to one sObject; coerce takes its one row or throws QueryException).
    if (arg instanceof ApexList && arg.fromSoql && t.kind === 'sobject' && isAssignable(arg.elementType, t)) {
      return 60;
    }
    // A List<SObject> of Accounts passes where List<Account> is expected, as after the cast that lets it compile.
    return sobjectListOf(arg, t) ? 50 : -1;
  }

  /** Finds the most derived method `name` of `cls` (and its superclasses) that fits `args`. */
  findMethod(
    cls: ClassInfo,
    name: string,
    args: Value[],
    staticOnly = false,
    argTypes?: ArgTypes
  ): MethodRef | undefined {
    return this.selectOverload(this.methodCandidates(cls, name, staticOnly), args, cls, argTypes, name);
  }

  /**
   * The methods `name` of `cls` and its superclasses a call may choose from (overridden ones left out), memoized per
   * class (methods and superclasses are fixed once the registry is built); their parameter types are resolved when an
   * overload choice first needs them (Candidate.types).
   */
  private methodCandidates(cls: ClassInfo, name: string, staticOnly: boolean): Candidate<MethodRef>[] {
    const cache = staticOnly ? staticCandidateCache : methodCandidateCache;
    let perClass = cache.get(cls);
    if (!perClass) {
      perClass = new Map();
      cache.set(cls, perClass);
    }
    const key = name;
    const cached = perClass.get(key);
    if (cached) {
      return cached;
    }
    const lower = name.toLowerCase();
    const candidates: Candidate<MethodRef>[] = [];
    for (const c of cls.chain()) {
      for (const m of c.methods.get(lower) ?? []) {
        if ((staticOnly && !m.modifiers.isStatic) || !m.body) {
          continue;
        }
        // A method already found in a subclass with the same parameter count overrides this one.
        if (candidates.some((x) => x.params.length === m.params.length && this.sameParams(x, m, c))) {
          continue;
        }
        candidates.push({ params: m.params, item: { owner: c, method: m }, owner: c });
      }
    }
    perClass.set(key, candidates);
    return candidates;
  }

  private sameParams(a: { params: Param[]; owner?: ClassInfo }, m: MethodDecl, owner: ClassInfo): boolean {
    return a.params.every((p, i) => {
      const q = m.params[i];
      return q !== undefined && sameType(this.resolveType(p.type, a.owner ?? owner), this.resolveType(q.type, owner));
    });
  }

  /** Whether any method called `name` exists on `cls` (for "wrong arguments" vs "no such method" messages). */
  hasMethodNamed(cls: ClassInfo, name: string): boolean {
    const lower = name.toLowerCase();
    for (const c of cls.chain()) {
      if (c.methods.has(lower)) {
        return true;
      }
    }
    return false;
  }

  invoke(ref: MethodRef, self: ApexObject | undefined, args: Value[], pos: Pos): Value {
    const { owner, method } = ref;
    if (!method.body) {
      throw new RuntimeGap(`Method ${owner.fullName}.${method.name} has no body (abstract)`, pos);
    }
    heapWork(this, 1, pos);
    const facts = (ref.facts ??= this.methodFacts(owner, method));
    if (method.modifiers.isStatic) {
      this.ensureInit(owner);
      if (facts.isFuture) {
        if (this.futureRun !== method) {
          // A @future call is queued, not run (Apex Developer Guide "Future Methods"); the queued run comes back here.
          this.ctx.limits.futureCalls += 1;
          this.natives.queueFuture(
            this,
            owner,
            method.name,
            args,
            (copies) => {
              this.futureRun = method;
              this.invoke(ref, undefined, copies, pos);
            },
            pos
          );
          return null;
        }
        this.futureRun = undefined;
      }
    }
    const frame = this.pushFrame(owner, method.modifiers.isStatic ? undefined : self, facts.label, method.pos);
    try {
      const params = facts.params;
      for (let i = 0; i < params.length; i++) {
        const p = params[i] as MethodFacts['params'][number];
        frame.scope.declareKey(p.key, p.type, coerce(args[i] ?? null, p.type));
      }
      frame.returnType = facts.returnType;
      const result = this.runBlock(method.body, frame);
      this.lastReturnType = frame.returnType;
      return frame.returnType.kind === 'void' ? null : coerce(result, frame.returnType);
    } catch (e) {
      if (e instanceof RangeError && e.message.includes('call stack')) {
        this.raise('LimitException', 'Maximum stack depth reached: 1001', pos);
      }
      throw e;
    } finally {
      this.popFrame();
    }
  }

  private methodFacts(owner: ClassInfo, method: MethodDecl): MethodFacts {
    return {
      label: `Class.${owner.fullName}.${method.name}`,
      isFuture: method.modifiers.annotations.some((a) => a.name.toLowerCase() === 'future'),
      params: method.params.map((p) => ({ key: lowerName(p.name), type: this.resolveType(p.type, owner) })),
      returnType: method.returnType ? this.resolveType(method.returnType, owner) : { kind: 'void' }
    };
  }

  private bindParams(frame: Frame, ctor: ConstructorDecl, args: Value[], owner: ClassInfo): void {
    // The parameter types selectConstructor resolved for this constructor (its candidate's), else resolved here.
    const types = constructorCandidateCache.get(owner)?.find((c) => c.item === ctor)?.types;
    ctor.params.forEach((p, i) => {
      const t = types?.[i] ?? this.resolveType(p.type, owner);
      frame.scope.declare(p.name, t, coerce(args[i] ?? null, t));
    });
  }

  /** Runs a property accessor (`get { ... }` / `set { ... }`) as a method on `self` (undefined for static). */
  runAccessor(
    owner: ClassInfo,
    prop: PropertyDecl,
    which: 'get' | 'set',
    self: ApexObject | undefined,
    value: Value,
    pos: Pos
  ): Value {
    const accessor = which === 'get' ? prop.getter : prop.setter;
    const type = this.resolveType(prop.type, owner);
    const storage = prop.modifiers.isStatic ? this.ctx.staticsOf(owner) : self?.fields;
    const key = lowerName(prop.name);
    if (!accessor) {
      throw new RuntimeGap(`Property ${owner.fullName}.${prop.name} has no ${which} accessor`, pos);
    }
    if (prop.modifiers.isStatic) {
      this.ensureInit(owner);
    }
    if (!accessor.body) {
      if (which === 'get') {
        return storage?.get(key) ?? null;
      }
      storage?.set(key, coerce(value, type));
      return null;
    }
    const frame = this.pushFrame(owner, self, `Class.${owner.fullName}.${which}${prop.name}`, accessor.pos);
    frame.accessorOf = key;
    try {
      if (which === 'set') {
        frame.scope.declare('value', type, coerce(value, type));
      }
      frame.returnType = which === 'get' ? type : { kind: 'void' };
      const result = this.runBlock(accessor.body, frame);
      return which === 'get' ? coerce(result, type) : null;
    } finally {
      this.popFrame();
    }
  }

  /** Entry point for the test runner and tools: runs `Class.method()` with no arguments. */
  runStatic(cls: ClassInfo, methodName: string, args: Value[] = []): Value {
    const ref = this.findMethod(cls, methodName, args, true);
    if (!ref) {
      throw new RuntimeGap(`No static method ${cls.fullName}.${methodName}(${this.argTypes(args)})`);
    }
    this.ensureInit(cls);
    return this.invoke(ref, undefined, args, ref.method.pos);
  }

  /**
   * Declared return type of the Apex method that returned last; calls.ts clears it before a call and after a
   * built-in one, so a null result's static type is known for overload selection.
   */
  lastReturnType: ApexType | undefined;

  /** Type of a string for Apex `String` checks. */
  readonly stringType = prim('String');
}
