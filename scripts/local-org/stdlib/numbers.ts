/**
 * Integer, Long, Double, Decimal, Boolean and Math (Apex Reference Guide). Locale-dependent formatting (format())
 * is not implemented and says so. Invalid numeric text raises System.TypeException ("Invalid integer: x",
 * "Invalid decimal: x").
 */
import type { Pos } from '../ast/nodes.ts';
import { isNumber } from '../values/convert.ts';
import { Decimal, DecimalArithmeticError, type RoundingMode } from '../values/decimal.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { userLocale } from '../data/user-locale.ts';
import { ApexDouble, ApexEnumValue, type Value } from '../values/values.ts';
import { NO_METHOD, int, num, str, type Native } from './args.ts';

const INT_RE = /^[+-]?\d+$/;

/**
 * Integer.valueOf(String) and valueOf(Object fieldValue) (Apex Reference Guide "Integer Class": the Object form converts
 * a field value "when the field type corresponds to an Integer type, like a number field" — a number field's value is
 * a Decimal). A Decimal, Double or Long converts as its intValue() does; that a fractional value is truncated rather
 * than refused is unverified.
 */
function parseInteger(it: Interpreter, v: Value | undefined, pos: Pos): number {
  if (typeof v === 'number') {
    return v;
  }
  if (v instanceof Decimal) {
    return Number(BigInt.asIntN(32, v.toBigInt()));
  }
  if (typeof v === 'bigint') {
    return Number(BigInt.asIntN(32, v));
  }
  if (v instanceof ApexDouble) {
    return truncateToInt(v.value);
  }
  const s = str(it, v, pos);
  const n = INT_RE.test(s) ? Number(s) : NaN;
  if (!Number.isInteger(n) || n > 2147483647 || n < -2147483648) {
    return it.raise('TypeException', `Invalid integer: ${s}`, pos);
  }
  return n;
}

function parseLong(it: Interpreter, v: Value | undefined, pos: Pos): bigint {
  if (typeof v === 'bigint') {
    return v;
  }
  if (typeof v === 'number') {
    return BigInt(v);
  }
  const s = str(it, v, pos);
  const n = INT_RE.test(s) ? BigInt(s) : undefined;
  if (n === undefined || BigInt.asIntN(64, n) !== n) {
    return it.raise('TypeException', `Invalid long: ${s}`, pos);
  }
  return n;
}

export function toDecimal(it: Interpreter, v: Value | undefined, pos: Pos): Decimal {
  if (v instanceof Decimal) {
    return v;
  }
  if (typeof v === 'string') {
    return Decimal.parse(v) ?? it.raise('TypeException', `Invalid decimal: ${v}`, pos);
  }
  if (typeof v === 'number' || typeof v === 'bigint') {
    return Decimal.fromBigInt(BigInt(v));
  }
  if (v instanceof ApexDouble) {
    return Decimal.fromNumber(v.value);
  }
  return v === null || v === undefined ? it.npe(pos) : it.raise('TypeException', `Invalid decimal: ${it.str(v)}`, pos);
}

function roundingMode(v: Value | undefined): RoundingMode | undefined {
  return v instanceof ApexEnumValue && v.enumType.fullName === 'System.RoundingMode'
    ? (v.name as RoundingMode)
    : undefined;
}

export const INTEGER_STATICS: Record<string, Native> = {
  valueof: (it, _s, a, pos) => (a.length === 1 ? parseInteger(it, a[0], pos) : NO_METHOD)
};
export const LONG_STATICS: Record<string, Native> = {
  valueof: (it, _s, a, pos) => (a.length === 1 ? parseLong(it, a[0], pos) : NO_METHOD)
};
export const DECIMAL_STATICS: Record<string, Native> = {
  valueof: (it, _s, a, pos) => (a.length === 1 ? toDecimal(it, a[0], pos) : NO_METHOD)
};
export const DOUBLE_STATICS: Record<string, Native> = {
  valueof: (it, _s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const v = a[0];
    if (typeof v === 'string') {
      const n = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?\s*$/.test(v)
        ? Number(v.replace(/[dDfF]\s*$/, ''))
        : NaN;
      return Number.isNaN(n) ? it.raise('TypeException', `Invalid double: ${v}`, pos) : new ApexDouble(n);
    }
    return new ApexDouble(num(it, v, pos));
  }
};
export const BOOLEAN_STATICS: Record<string, Native> = {
  valueof: (_it, _s, a) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const v = a[0];
    return typeof v === 'boolean'
      ? v
      : typeof v === 'string'
        ? v.toLowerCase() === 'true'
        : v === null
          ? null
          : NO_METHOD;
  }
};

/** Math functions keep the argument's type where the platform overloads them (Integer, Long, Double, Decimal). */
function sameKind(v: Value | undefined, f: (n: number) => number, it: Interpreter, pos: Pos): Value {
  if (typeof v === 'number') {
    return f(v) | 0;
  }
  if (typeof v === 'bigint') {
    return BigInt(f(Number(v)));
  }
  if (v instanceof Decimal) {
    return Decimal.fromNumber(f(v.toNumber()));
  }
  return new ApexDouble(f(num(it, v, pos)));
}

function pick(it: Interpreter, a: Value[], pos: Pos, max: boolean): Value {
  const [x, y] = a;
  if (!isNumber(x ?? null) || !isNumber(y ?? null)) {
    return it.npe(pos);
  }
  return num(it, x, pos) >= num(it, y, pos) === max ? (x ?? null) : (y ?? null);
}

export const MATH_STATICS: Record<string, Native> = {
  abs: (it, _s, a, pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const v = a[0];
    if (v instanceof Decimal) {
      return v.signum() < 0 ? v.negate() : v;
    }
    if (typeof v === 'bigint') {
      return v < 0n ? -v : v;
    }
    return sameKind(v, Math.abs, it, pos);
  },
  max: (it, _s, a, pos) => (a.length === 2 ? pick(it, a, pos, true) : NO_METHOD),
  min: (it, _s, a, pos) => (a.length === 2 ? pick(it, a, pos, false) : NO_METHOD),
  mod: (it, _s, a, pos) => {
    if (a.length !== 2) {
      return NO_METHOD;
    }
    const [x, y] = a;
    if (typeof x === 'number' && typeof y === 'number') {
      return y === 0 ? it.raise('MathException', 'Divide by 0', pos) : (x % y) | 0;
    }
    const bx = typeof x === 'bigint' || typeof x === 'number' ? BigInt(x) : it.npe(pos);
    const by = typeof y === 'bigint' || typeof y === 'number' ? BigInt(y) : it.npe(pos);
    return by === 0n ? it.raise('MathException', 'Divide by 0', pos) : bx % by;
  },
  pow: (it, _s, a, pos) => (a.length === 2 ? new ApexDouble(num(it, a[0], pos) ** num(it, a[1], pos)) : NO_METHOD),
  sqrt: (it, _s, a, pos) => (a.length === 1 ? sameKind(a[0], Math.sqrt, it, pos) : NO_METHOD),
  floor: (it, _s, a, pos) => (a.length === 1 ? sameKind(a[0], Math.floor, it, pos) : NO_METHOD),
  ceil: (it, _s, a, pos) => (a.length === 1 ? sameKind(a[0], Math.ceil, it, pos) : NO_METHOD),
  random: (_it, _s, a) => (a.length === 0 ? new ApexDouble(Math.random()) : NO_METHOD)
};

export const MATH_FIELDS: Record<string, Value> = {
  pi: new ApexDouble(Math.PI),
  e: new ApexDouble(Math.E)
};

type Method<T> = (it: Interpreter, self: T, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

const truncateToInt = (n: number): number => Math.trunc(n) | 0;

export const DECIMAL_METHODS: Record<string, Method<Decimal>> = {
  setscale: (it, d, a, pos) => {
    if (a.length !== 1 && a.length !== 2) {
      return NO_METHOD;
    }
    try {
      return d.setScale(int(it, a[0], pos), a.length === 2 ? (roundingMode(a[1]) ?? 'HALF_UP') : 'HALF_UP');
    } catch (e) {
      if (e instanceof DecimalArithmeticError) {
        return it.raise('MathException', e.message, pos);
      }
      throw e;
    }
  },
  scale: (_it, d, a) => (a.length === 0 ? d.scale : NO_METHOD),
  precision: (_it, d, a) => (a.length === 0 ? d.precision() : NO_METHOD),
  striptrailingzeros: (_it, d, a) => (a.length === 0 ? d.stripTrailingZeros() : NO_METHOD),
  intvalue: (_it, d, a) => (a.length === 0 ? Number(BigInt.asIntN(32, d.toBigInt())) : NO_METHOD),
  longvalue: (_it, d, a) => (a.length === 0 ? BigInt.asIntN(64, d.toBigInt()) : NO_METHOD),
  doublevalue: (_it, d, a) => (a.length === 0 ? new ApexDouble(d.toNumber()) : NO_METHOD),
  abs: (_it, d, a) => (a.length === 0 ? (d.signum() < 0 ? d.negate() : d) : NO_METHOD),
  // Decimal.round() rounds to zero decimal places using half-even rounding and returns a Long.
  round: (_it, d, a) => {
    if (a.length === 0) {
      return d.setScale(0, 'HALF_EVEN').toBigInt();
    }
    const mode = roundingMode(a[0]);
    return a.length === 1 && mode ? d.setScale(0, mode).toBigInt() : NO_METHOD;
  },
  divide: (it, d, a, pos) => {
    if (a.length !== 2 && a.length !== 3) {
      return NO_METHOD;
    }
    const divisor = toDecimal(it, a[0], pos);
    if (divisor.signum() === 0) {
      return it.raise('MathException', 'Divide by 0', pos);
    }
    const scale = int(it, a[1], pos);
    return d.divide(divisor, 60).setScale(scale, a.length === 3 ? (roundingMode(a[2]) ?? 'HALF_UP') : 'HALF_UP');
  },
  toplainstring: (_it, d, a) => (a.length === 0 ? d.toPlainString() : NO_METHOD),
  format: (it, d, a) => (a.length === 0 ? formatNumber(it, d) : NO_METHOD),
  tostring: (_it, d, a) => (a.length === 0 ? d.toString() : NO_METHOD)
};

export const DOUBLE_METHODS: Record<string, Method<ApexDouble>> = {
  format: (it, d, a) =>
    a.length === 0 && Number.isFinite(d.value) ? formatNumber(it, Decimal.fromNumber(d.value)) : NO_METHOD,
  intvalue: (_it, d, a) => (a.length === 0 ? truncateToInt(d.value) : NO_METHOD),
  longvalue: (_it, d, a) => (a.length === 0 ? BigInt(Math.trunc(d.value)) : NO_METHOD),
  doublevalue: (_it, d, a) => (a.length === 0 ? d : NO_METHOD),
  // Double.round() is Java Math.round: half up towards positive infinity, returned as a Long.
  round: (_it, d, a) => (a.length === 0 ? BigInt(Math.floor(d.value + 0.5)) : NO_METHOD)
};

/**
 * format(): the number as text in the running user's locale (Apex Reference Guide "Integer Class", "Long Class",
 * "Decimal Class", "Double Class": "using the locale of the context user"), through the JavaScript Intl data of the
 * user's LocaleSidKey (ja_JP, en_US: "1,234,567"). Decimal and Double show at most three fraction digits, rounded
 * half-even (Java NumberFormat's default; unverified for the platform).
 */
function formatNumber(it: Interpreter, n: number | bigint | Decimal): string {
  const locale = userLocale(it.ctx);
  if (n instanceof Decimal) {
    const rounded = n.setScale(Math.min(Math.max(n.scale, 0), 3), 'HALF_EVEN').stripTrailingZeros();
    const [whole = '0', frac] = rounded.toPlainString().replace('-', '').split('.');
    const grouped = new Intl.NumberFormat(locale, { useGrouping: true }).format(BigInt(whole));
    const sign = rounded.signum() < 0 ? '-' : '';
    const point = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
    return `${sign}${grouped}${frac ? point + frac : ''}`;
  }
  return new Intl.NumberFormat(locale, { useGrouping: true, maximumFractionDigits: 3 }).format(n);
}

export const INTEGER_METHODS: Record<string, Method<number>> = {
  format: (it, n, a) => (a.length === 0 ? formatNumber(it, n) : NO_METHOD),
  intvalue: (_it, n, a) => (a.length === 0 ? n : NO_METHOD),
  longvalue: (_it, n, a) => (a.length === 0 ? BigInt(n) : NO_METHOD),
  doublevalue: (_it, n, a) => (a.length === 0 ? new ApexDouble(n) : NO_METHOD)
};

export const LONG_METHODS: Record<string, Method<bigint>> = {
  format: (it, n, a) => (a.length === 0 ? formatNumber(it, n) : NO_METHOD),
  intvalue: (_it, n, a) => (a.length === 0 ? Number(BigInt.asIntN(32, n)) : NO_METHOD),
  longvalue: (_it, n, a) => (a.length === 0 ? n : NO_METHOD),
  doublevalue: (_it, n, a) => (a.length === 0 ? new ApexDouble(Number(n)) : NO_METHOD)
};
