import type {
  CatchClause,
  DmlStmt,
  ForEachStmt,
  RunAsStmt,
  Stmt,
  SwitchStmt,
  TryStmt,
  TypeRef,
  WhenLiteral
} from '../ast/nodes.ts';
import { dmlRecords, executeDml } from '../data/dml.ts';
import type { FieldDescribe } from '../schema/schema.ts';
import { lowerName } from '../schema/lower.ts';
import { coerce } from '../values/convert.ts';
import { ApexThrow, RuntimeGap } from '../values/errors.ts';
import { callOnValue } from './calls.ts';
import { evaluate, evaluateLiteral } from './expressions.ts';
import type { Interpreter } from './interpreter.ts';
import { Scope, type Frame } from './scope.ts';
import { isInstanceOf, type ApexType } from '../values/types.ts';
import { ApexEnumValue, ApexList, ApexObject, ApexSet, ApexSObject, type Value } from '../values/values.ts';

export class ReturnSignal {
  constructor(readonly value: Value) {}
}
export const BREAK = { kind: 'break' } as const;
export const CONTINUE = { kind: 'continue' } as const;
export type Completion = undefined | typeof BREAK | typeof CONTINUE | ReturnSignal;

/** A condition must be a non-null Boolean; a null Boolean dereference is a NullPointerException. */
export function truthy(it: Interpreter, v: Value, frame: Frame): boolean {
  if (v === null) {
    it.npe(frame.entry.pos);
  }
  if (typeof v !== 'boolean') {
    throw new RuntimeGap(`Condition is not a Boolean: ${it.str(v)}`, frame.entry.pos);
  }
  return v;
}

/*
 * A statement that needs a scope of its own sets frame.scope to a new Scope and puts the saved one back in a
 * `finally` (written out at each place: a closure per statement run cost allocations, issue 22 Speed).
 */

/** Runs a statement in a scope of its own (a block makes its own). */
function executeScoped(it: Interpreter, s: Stmt, frame: Frame): Completion {
  if (s.kind === 'block') {
    return execute(it, s, frame);
  }
  const saved = frame.scope;
  frame.scope = new Scope(saved);
  try {
    return execute(it, s, frame);
  } finally {
    frame.scope = saved;
  }
}

/** A loop body in a scope of its own (a block makes its own): see loopBody. */
function scopedLoopBody(it: Interpreter, body: Stmt | undefined, frame: Frame): 'stop' | ReturnSignal | undefined {
  if (body === undefined || body.kind === 'block') {
    return loopBody(it, body, frame);
  }
  const saved = frame.scope;
  frame.scope = new Scope(saved);
  try {
    return loopBody(it, body, frame);
  } finally {
    frame.scope = saved;
  }
}

/** `for (T name : items)` over a List's or Set's elements: each iteration's variable in a scope of its own. */
function forEachItem(it: Interpreter, s: ForEachStmt, type: ApexType, items: Value[], frame: Frame): Completion {
  const saved = frame.scope;
  try {
    for (const item of items) {
      frame.scope = new Scope(saved);
      frame.scope.declare(s.name, type, coerce(item ?? null, type));
      const r = loopBody(it, s.body, frame);
      if (r === 'stop') {
        return undefined;
      }
      if (r) {
        return r;
      }
    }
    return undefined;
  } finally {
    frame.scope = saved;
  }
}

/** Runs a loop body; returns 'stop' for break, a ReturnSignal to propagate, or undefined to keep looping. */
function loopBody(it: Interpreter, body: Stmt | undefined, frame: Frame): 'stop' | ReturnSignal | undefined {
  if (!body) {
    return undefined;
  }
  const c = execute(it, body, frame);
  if (c === BREAK) {
    return 'stop';
  }
  return c instanceof ReturnSignal ? c : undefined;
}

/** Records that a statement on this line ran (line coverage). */
export function markCovered(it: Interpreter, pos: Stmt['pos']): void {
  const covered = it.ctx.covered;
  if (covered) {
    let lines = covered.get(pos.file);
    if (!lines) {
      lines = new Set();
      covered.set(pos.file, lines);
    }
    lines.add(pos.line);
  }
}

export function execute(it: Interpreter, s: Stmt, frame: Frame): Completion {
  if (s.kind !== 'block') {
    frame.entry.pos = s.pos;
    markCovered(it, s.pos);
  }
  switch (s.kind) {
    case 'block': {
      // The block's scope is made at its first declaration: most blocks (an `if`'s, a loop body's) declare nothing,
      // and the declarations of nested statements go to scopes of their own.
      const saved = frame.scope;
      try {
        for (const st of s.statements) {
          if (st.kind === 'localVar' && frame.scope === saved) {
            frame.scope = new Scope(saved);
          }
          const c = execute(it, st, frame);
          if (c) {
            return c;
          }
        }
        return undefined;
      } finally {
        frame.scope = saved;
      }
    }
    case 'localVar': {
      const type = it.resolveType(s.type, frame.cls);
      for (const d of s.declarators) {
        frame.entry.pos = d.pos;
        const value = d.init ? coerce(evaluate(it, d.init, frame), type) : null;
        frame.scope.declare(d.name, type, value);
      }
      return undefined;
    }
    case 'expr':
      if (s.expr.kind === 'ctorCall') {
        throw new RuntimeGap(`${s.expr.which}(...) must be the first statement of a constructor`, s.pos);
      }
      evaluate(it, s.expr, frame);
      return undefined;
    case 'if':
      if (truthy(it, evaluate(it, s.condition, frame), frame)) {
        return executeScoped(it, s.then, frame);
      }
      return s.otherwise ? executeScoped(it, s.otherwise, frame) : undefined;
    case 'for': {
      const saved = frame.scope;
      frame.scope = new Scope(saved);
      try {
        if (Array.isArray(s.init)) {
          s.init.forEach((e) => evaluate(it, e, frame));
        } else if (s.init) {
          execute(it, s.init, frame);
        }
        for (;;) {
          if (s.condition && !truthy(it, evaluate(it, s.condition, frame), frame)) {
            return undefined;
          }
          const r = scopedLoopBody(it, s.body, frame);
          if (r === 'stop') {
            return undefined;
          }
          if (r) {
            return r;
          }
          for (const e of s.update) {
            evaluate(it, e, frame);
          }
        }
      } finally {
        frame.scope = saved;
      }
    }
    case 'forEach': {
      const iterable = evaluate(it, s.iterable, frame);
      const type = it.resolveType(s.type, frame.cls);
      let next: () => { value: Value } | undefined;
      if (iterable === null) {
        return it.npe(s.iterable.pos);
      } else if (iterable instanceof ApexList && iterable.fromSoql && type.kind === 'list') {
        // Apex Developer Guide "SOQL For Loops": with a list variable the loop runs once per batch of 200 records.
        const items = [...iterable.items];
        let i = 0;
        next = () => {
          if (i >= items.length) {
            return undefined;
          }
          const batch = new ApexList(iterable.elementType, items.slice(i, i + 200));
          i += 200;
          return { value: batch };
        };
      } else if (iterable instanceof ApexList || iterable instanceof ApexSet) {
        // The elements as the loop starts (a copy: the body may change the collection).
        const items = iterable instanceof ApexList ? [...iterable.items] : [...iterable.entries.values()];
        return forEachItem(it, s, type, items, frame);
      } else if (iterable instanceof ApexObject && isIterable(it, iterable)) {
        // Apex Developer Guide "Custom Iterators": an object of a class implementing Iterable<T> is iterated through
        // its iterator().
        const iterator = callOnValue(it, iterable, 'iterator', [], s.pos);
        next = () =>
          truthy(it, callOnValue(it, iterator, 'hasNext', [], s.pos), frame)
            ? { value: callOnValue(it, iterator, 'next', [], s.pos) }
            : undefined;
      } else {
        throw new RuntimeGap(
          `for-each over ${it.str(iterable)} (only List, Set and Iterable objects are iterable)`,
          s.pos
        );
      }
      for (let item = next(); item; item = next()) {
        const value = item.value;
        const saved = frame.scope;
        frame.scope = new Scope(saved);
        let r: 'stop' | ReturnSignal | undefined;
        try {
          frame.scope.declare(s.name, type, coerce(value, type));
          r = loopBody(it, s.body, frame);
        } finally {
          frame.scope = saved;
        }
        if (r === 'stop') {
          return undefined;
        }
        if (r) {
          return r;
        }
      }
      return undefined;
    }
    case 'while':
      while (truthy(it, evaluate(it, s.condition, frame), frame)) {
        const r = scopedLoopBody(it, s.body, frame);
        if (r === 'stop') {
          return undefined;
        }
        if (r) {
          return r;
        }
      }
      return undefined;
    case 'doWhile':
      do {
        const r = loopBody(it, s.body, frame);
        if (r === 'stop') {
          return undefined;
        }
        if (r) {
          return r;
        }
      } while (truthy(it, evaluate(it, s.condition, frame), frame));
      return undefined;
    case 'return':
      return new ReturnSignal(s.value ? evaluate(it, s.value, frame) : null);
    case 'throw': {
      const v = evaluate(it, s.value, frame);
      if (v === null) {
        return it.npe(s.pos);
      }
      if (!(v instanceof ApexObject) || !v.exception) {
        throw new RuntimeGap(`throw of a non-exception value ${it.str(v)}`, s.pos);
      }
      throw new ApexThrow(v);
    }
    case 'break':
      return BREAK;
    case 'continue':
      return CONTINUE;
    case 'try':
      return executeTry(it, s, frame);
    case 'switch':
      return executeSwitch(it, s, frame);
    case 'dml':
      executeDmlStatement(it, s, frame);
      return undefined;
    case 'runAs':
      return executeRunAs(it, s, frame);
  }
}

function matchingCatch(it: Interpreter, s: TryStmt, exc: ApexObject, frame: Frame): CatchClause | undefined {
  if (!it.isCatchable(exc)) {
    return undefined;
  }
  return s.catches.find((c) => {
    const type = it.registry.resolveName(c.typeNames, frame.cls);
    if (!type || type.kind !== 'type') {
      throw new RuntimeGap(`Unknown exception type '${c.typeNames.join('.')}'`, c.pos);
    }
    return isInstanceOf(exc, type.type);
  });
}

/** A catch clause's exception type as a type reference, one per clause (the registry memoizes per reference). */
const catchTypeRefs = new WeakMap<CatchClause, TypeRef>();
function catchTypeRef(clause: CatchClause): TypeRef {
  let ref = catchTypeRefs.get(clause);
  if (!ref) {
    ref = { names: clause.typeNames, args: [], arrayDims: 0, pos: clause.pos };
    catchTypeRefs.set(clause, ref);
  }
  return ref;
}

function executeTry(it: Interpreter, s: TryStmt, frame: Frame): Completion {
  let completion: Completion;
  let pending: unknown;
  let failed = false;
  const depth = it.ctx.stack.length;
  try {
    completion = execute(it, s.body, frame);
  } catch (e) {
    it.ctx.stack.length = depth;
    const clause = e instanceof ApexThrow ? matchingCatch(it, s, e.exception, frame) : undefined;
    if (clause && e instanceof ApexThrow) {
      const saved = frame.scope;
      frame.scope = new Scope(saved);
      try {
        const type = it.resolveType(catchTypeRef(clause), frame.cls);
        frame.scope.declare(clause.name, type, e.exception);
        completion = execute(it, clause.body, frame);
      } catch (e2) {
        pending = e2;
        failed = true;
      } finally {
        frame.scope = saved;
      }
    } else {
      pending = e;
      failed = true;
    }
  }
  if (s.finallyBlock) {
    const f = execute(it, s.finallyBlock, frame);
    if (f) {
      return f;
    }
  }
  if (failed) {
    throw pending;
  }
  return completion;
}

function whenMatches(it: Interpreter, lit: WhenLiteral, subject: Value): boolean {
  switch (lit.kind) {
    case 'null':
      return subject === null;
    case 'enumValue':
      if (!(subject instanceof ApexEnumValue)) {
        if (subject === null) {
          return false;
        }
        throw new RuntimeGap(`when ${lit.name}: the switch value is not an enum`, lit.pos);
      }
      if (!subject.enumType.value(lit.name)) {
        throw new RuntimeGap(`${lit.name} is not a value of ${subject.enumType.fullName}`, lit.pos);
      }
      return lowerName(subject.name) === lowerName(lit.name);
    case 'literal': {
      const v = evaluateLiteral(lit.expr);
      if (typeof v === 'string' && typeof subject === 'string') {
        // switch on String compares case-sensitively, unlike == (observed platform behaviour, salesforce.stackexchange
        // question 231060).
        return v === subject;
      }
      return subject !== null && it.eq(subject, v);
    }
  }
}

function executeSwitch(it: Interpreter, s: SwitchStmt, frame: Frame): Completion {
  const subject = evaluate(it, s.subject, frame);
  for (const w of s.whens) {
    const v = w.value;
    if (v.kind === 'else') {
      return execute(it, w.body, frame);
    }
    if (v.kind === 'type') {
      const type = it.resolveType(v.type, frame.cls);
      if (isInstanceOf(subject, type)) {
        const saved = frame.scope;
        frame.scope = new Scope(saved);
        try {
          frame.scope.declare(v.name, type, subject);
          return execute(it, w.body, frame);
        } finally {
          frame.scope = saved;
        }
      }
      continue;
    }
    for (const lit of v.values) {
      if (whenMatches(it, lit, subject)) {
        return execute(it, w.body, frame);
      }
    }
  }
  return undefined;
}

/** `insert x;`, `upsert xs Schema.Task.Ext__c;`: the statement forms are all-or-none (Apex Developer Guide). */
function executeDmlStatement(it: Interpreter, s: DmlStmt, frame: Frame): void {
  const target = evaluate(it, s.target, frame);
  const access = s.accessLevel ? { accessLevel: s.accessLevel } : {};
  let externalIdField: FieldDescribe | undefined;
  if (s.externalIdField) {
    const names = s.externalIdField.filter((n, i) => i > 0 || n.toLowerCase() !== 'schema');
    const [objectName, fieldName] = names.length === 2 ? names : [undefined, names[0]];
    const records = dmlRecords(it, target, s.op, s.pos);
    const type = objectName ? it.registry.schema.describe(objectName) : records[0]?.type;
    externalIdField = type?.fields.get((fieldName ?? '').toLowerCase());
    if (!externalIdField) {
      throw new RuntimeGap(`Unknown external id field ${s.externalIdField.join('.')}`, s.pos);
    }
    executeDml(it, s.op, records, { allOrNone: true, pos: s.pos, externalIdField, ...access });
    return;
  }
  executeDml(it, s.op, dmlRecords(it, target, s.op, s.pos), { allOrNone: true, pos: s.pos, ...access });
}

/**
 * `System.runAs(user) { … }`: the block runs as that user (limits are not reset). A user not yet inserted is inserted
 * first: Apex Developer Guide "Using the runAs Method" changes "the user context to an existing user or a new user"
 * ("You can create users with runAs"; its example passes a User it never inserted).
 */
function executeRunAs(it: Interpreter, s: RunAsStmt, frame: Frame): Completion {
  const [user] = s.args.map((a) => evaluate(it, a, frame));
  if (user instanceof ApexSObject && user.type.name === 'User' && !user.id) {
    executeDml(it, 'insert', [user], { allOrNone: true, pos: s.pos });
  }
  if (!(user instanceof ApexSObject) || user.type.name !== 'User' || !user.id) {
    throw new RuntimeGap('System.runAs needs a User record (runAs(Version) is not supported)', s.pos);
  }
  const previous = it.ctx.runningUserId;
  const outerDml = it.ctx.mixedDml;
  it.ctx.runningUserId = user.id;
  // A runAs block may mix setup and non-setup DML with what runs outside it (data/mixed-dml.ts).
  it.ctx.mixedDml = {};
  try {
    return execute(it, s.body, frame);
  } finally {
    it.ctx.runningUserId = previous;
    it.ctx.mixedDml = outerDml;
  }
}

/** Whether `obj`'s class implements System.Iterable. */
function isIterable(it: Interpreter, obj: ApexObject): boolean {
  const iterable = it.registry.builtinInterfaces.get('system.iterable');
  return iterable !== undefined && obj.cls.isSubtypeOf(iterable);
}
