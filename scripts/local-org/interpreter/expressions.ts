/**
 * Expression evaluation: literals, operators, `==`/`===`, the conditional operators, `instanceof`, and dispatch to the
 * parts: places.ts (variables, fields, properties, list elements, assignment), calls.ts (method calls),
 * new-expressions.ts (`new`), casts.ts, inline-queries.ts (SOQL/SOSL), eval-support.ts (`?.` marker, RuntimeGap).
 */
import type { Expr, LiteralExpr } from '../ast/nodes.ts';
import { Decimal } from '../values/decimal.ts';
import { RuntimeGap } from '../values/errors.ts';
import { isInstanceOf, runtimeType, typeName } from '../values/types.ts';
import { ApexDouble, ApexTypeValue, type Value } from '../values/values.ts';
import { evalCall } from './calls.ts';
import { cast } from './casts.ts';
import { gap, SAFE_NULL, type Inner } from './eval-support.ts';
import { evalSoql, evalSosl } from './inline-queries.ts';
import type { Interpreter } from './interpreter.ts';
import { evalNew } from './new-expressions.ts';
import { compare, arithmetic, bitwise, negate } from './operators.ts';
import { assign, evalTarget, incDec, indexRef, NOT_FOUND, readMemberName } from './places.ts';
import type { Frame } from './scope.ts';
import { truthy } from './statements.ts';

const literalCache = new WeakMap<LiteralExpr, Value>();

export function evaluateLiteral(e: LiteralExpr): Value {
  // One lookup: a literal's value is never undefined (a null literal is stored as null).
  const cached = literalCache.get(e);
  if (cached !== undefined) {
    return cached;
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

export function evalInner(it: Interpreter, e: Expr, f: Frame): Inner {
  switch (e.kind) {
    case 'literal':
      return evaluateLiteral(e);
    case 'name': {
      const local = f.scope.lookup(e.lower);
      if (local) {
        return local.value;
      }
      const member = readMemberName(it, e.lower, f, e.pos);
      if (member === NOT_FOUND) {
        throw new RuntimeGap(`Variable does not exist: ${e.name}`, e.pos);
      }
      return member;
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
