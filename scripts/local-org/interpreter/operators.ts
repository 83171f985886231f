/**
 * Arithmetic, comparison and bitwise operators with Apex semantics (Apex Developer Guide, "Expression Operators"
 * and "Rules of Conversion"): Integer arithmetic wraps at 32 bits and Long at 64 bits, mixed operands widen to the
 * higher type (Integer < Long < Double < Decimal), division by zero is a System.MathException, `+` with a String
 * concatenates (null → 'null'), comparisons with a null number/date are false.
 */
import type { BinaryOp, Pos } from '../ast/nodes.ts';
import { collate } from '../data/collation.ts';
import { compareNumbers, isNumber, widen } from '../values/convert.ts';
import { Decimal, DecimalArithmeticError } from '../values/decimal.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from './interpreter.ts';
import { numericRank, runtimeType, typeName } from '../values/types.ts';
import { ApexDate, ApexDatetime, ApexDouble, ApexTime, type Value } from '../values/values.ts';

const MS_PER_DAY = 86400000;

type Num = number | bigint | ApexDouble | Decimal;

/** System.MathException for a division by zero (a function, not a closure made per operation: see places.ts). */
function divisionByZero(it: Interpreter, pos: Pos): never {
  return it.raise('MathException', 'Divide by 0', pos);
}

function numeric(it: Interpreter, op: string, a: Num, b: Num, pos: Pos): Num {
  if (typeof a === 'number' && typeof b === 'number') {
    // Integer op Integer (the common case) without widening.
    switch (op) {
      case '+':
        return (a + b) | 0;
      case '-':
        return (a - b) | 0;
      case '*':
        return Math.imul(a, b);
      case '/':
        return b === 0 ? divisionByZero(it, pos) : Math.trunc(a / b) | 0;
    }
  }
  const rank = Math.max(numericRank(runtimeType(a)), numericRank(runtimeType(b)));
  const x = widen(a, rank);
  const y = widen(b, rank);
  const divideByZero = (): never => divisionByZero(it, pos);
  if (typeof x === 'number' && typeof y === 'number') {
    switch (op) {
      case '+':
        return (x + y) | 0;
      case '-':
        return (x - y) | 0;
      case '*':
        return Math.imul(x, y);
      case '/':
        return y === 0 ? divideByZero() : Math.trunc(x / y) | 0;
    }
  }
  if (typeof x === 'bigint' && typeof y === 'bigint') {
    switch (op) {
      case '+':
        return BigInt.asIntN(64, x + y);
      case '-':
        return BigInt.asIntN(64, x - y);
      case '*':
        return BigInt.asIntN(64, x * y);
      case '/':
        return y === 0n ? divideByZero() : BigInt.asIntN(64, x / y);
    }
  }
  if (x instanceof ApexDouble && y instanceof ApexDouble) {
    switch (op) {
      case '+':
        return new ApexDouble(x.value + y.value);
      case '-':
        return new ApexDouble(x.value - y.value);
      case '*':
        return new ApexDouble(x.value * y.value);
      case '/':
        return y.value === 0 ? divideByZero() : new ApexDouble(x.value / y.value);
    }
  }
  if (x instanceof Decimal && y instanceof Decimal) {
    switch (op) {
      case '+':
        return x.add(y);
      case '-':
        return x.subtract(y);
      case '*':
        return x.multiply(y);
      case '/':
        try {
          return x.divide(y);
        } catch (e) {
          if (e instanceof DecimalArithmeticError) {
            return divideByZero();
          }
          throw e;
        }
    }
  }
  throw new RuntimeGap(`operator ${op} on ${typeName(runtimeType(a))} and ${typeName(runtimeType(b))}`, pos);
}

function dateArithmetic(it: Interpreter, op: '+' | '-', a: Value, b: Value, pos: Pos): Value | undefined {
  if (!isNumber(b) || !(a instanceof ApexDate || a instanceof ApexDatetime || a instanceof ApexTime)) {
    return undefined;
  }
  const sign = op === '+' ? 1 : -1;
  if (a instanceof ApexDate) {
    if (typeof b !== 'number' && typeof b !== 'bigint') {
      throw new RuntimeGap('Date arithmetic with a non-integer number of days', pos);
    }
    const ms = Date.UTC(a.year, a.month - 1, a.day) + sign * Number(b) * MS_PER_DAY;
    const d = new Date(ms);
    return new ApexDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  }
  const n = b instanceof ApexDouble ? b.value : b instanceof Decimal ? b.toNumber() : Number(b);
  if (a instanceof ApexDatetime) {
    // Datetime + n adds n days (fractions allowed), per the Apex Developer Guide's addition operator.
    return new ApexDatetime(a.ms + Math.round(sign * n * MS_PER_DAY));
  }
  // Time + n adds n milliseconds.
  void it;
  return new ApexTime((((a.ms + sign * n) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY);
}

export function arithmetic(it: Interpreter, op: '+' | '-' | '*' | '/', a: Value, b: Value, pos: Pos): Value {
  if (op === '+' && (typeof a === 'string' || typeof b === 'string')) {
    return it.str(a) + it.str(b);
  }
  if (a === null || b === null) {
    return it.npe(pos);
  }
  if (op === '+' || op === '-') {
    const d = dateArithmetic(it, op, a, b, pos);
    if (d !== undefined) {
      return d;
    }
  }
  if (isNumber(a) && isNumber(b)) {
    return numeric(it, op, a, b, pos);
  }
  throw new RuntimeGap(`operator ${op} on ${typeName(runtimeType(a))} and ${typeName(runtimeType(b))}`, pos);
}

export function negate(it: Interpreter, v: Value, pos: Pos): Value {
  if (v === null) {
    return it.npe(pos);
  }
  if (typeof v === 'number') {
    return -v | 0;
  }
  if (typeof v === 'bigint') {
    return BigInt.asIntN(64, -v);
  }
  if (v instanceof ApexDouble) {
    return new ApexDouble(-v.value);
  }
  if (v instanceof Decimal) {
    return v.negate();
  }
  throw new RuntimeGap(`unary minus on ${typeName(runtimeType(v))}`, pos);
}

export function compare(it: Interpreter, op: '<' | '>' | '<=' | '>=', a: Value, b: Value, pos: Pos): boolean {
  if (a === null || b === null) {
    // "If x or y equal null and are Integers, Doubles, Dates, or Datetimes, the expression is false."
    // Strings: "A non-null String or ID value is always greater than a null String or ID value."
    const other = a === null ? b : a;
    if (typeof other === 'string') {
      const cmp = a === null ? (b === null ? 0 : -1) : 1;
      return op === '<' ? cmp < 0 : op === '>' ? cmp > 0 : op === '<=' ? cmp <= 0 : cmp >= 0;
    }
    return false;
  }
  let cmp: number;
  if (isNumber(a) && isNumber(b)) {
    cmp = compareNumbers(a, b);
  } else if (a instanceof ApexDate && b instanceof ApexDate) {
    cmp = Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
  } else if (
    (a instanceof ApexDatetime && b instanceof ApexDatetime) ||
    (a instanceof ApexTime && b instanceof ApexTime)
  ) {
    cmp = a.ms - b.ms;
  } else if (typeof a === 'string' && typeof b === 'string') {
    cmp = collate(it.ctx, a, b);
  } else {
    throw new RuntimeGap(`operator ${op} on ${typeName(runtimeType(a))} and ${typeName(runtimeType(b))}`, pos);
  }
  return op === '<' ? cmp < 0 : op === '>' ? cmp > 0 : op === '<=' ? cmp <= 0 : cmp >= 0;
}

export function bitwise(it: Interpreter, op: BinaryOp, a: Value, b: Value, pos: Pos): Value {
  if (a === null || b === null) {
    return it.npe(pos);
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') {
    // & | ^ on Booleans evaluate both operands (no short-circuit).
    return op === '&' ? a && b : op === '|' ? a || b : op === '^' ? a !== b : bitwiseGap(op, pos);
  }
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '<<':
        return a << b;
      case '>>':
        return a >> b;
      case '>>>':
        return (a >>> b) | 0;
    }
  }
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    const x = BigInt(a);
    const y = BigInt(b);
    const shift = Number(y & 63n);
    switch (op) {
      case '&':
        return x & y;
      case '|':
        return x | y;
      case '^':
        return x ^ y;
      case '<<':
        return BigInt.asIntN(64, x << BigInt(shift));
      case '>>':
        return x >> BigInt(shift);
      case '>>>':
        return BigInt.asIntN(64, BigInt.asUintN(64, x) >> BigInt(shift));
    }
  }
  return bitwiseGap(op, pos);
}

function bitwiseGap(op: string, pos: Pos): never {
  throw new RuntimeGap(`operator ${op} on these operand types`, pos);
}
