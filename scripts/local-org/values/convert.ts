/**
 * Conversions between runtime values: String.valueOf-style text, the platform's implicit numeric widening
 * (Integer → Long → Double → Decimal, Apex Developer Guide "Rules of Conversion"), `==` equality and the keys
 * Sets and Maps use.
 */
import { normalizeId } from '../schema/ids.ts';
import { Decimal } from './decimal.ts';
import { RuntimeGap } from './errors.ts';
import { pad2, pad4, wallClock } from './time.ts';
import { numericRank, runtimeType, typeName, type ApexType } from './types.ts';
import {
  ApexBlob,
  ApexDate,
  ApexDatetime,
  ApexDouble,
  ApexEnumValue,
  ApexList,
  ApexMap,
  ApexObject,
  ApexSet,
  ApexSObject,
  ApexTime,
  ApexTypeValue,
  NativeObject,
  type Value
} from './values.ts';

/** Interpreter callbacks for values whose behaviour user code can define (toString, equals, hashCode). */
export interface ObjectHooks {
  objectToString(o: ApexObject): string;
  objectEquals(a: ApexObject, b: Value): boolean;
  objectKey(o: ApexObject): string;
}

/** Java's Double.toString: plain between 10^-3 and 10^7, else computerised scientific notation ("1.0E10"). */
export function formatDouble(n: number): string {
  if (Number.isNaN(n)) {
    return 'NaN';
  }
  if (!Number.isFinite(n)) {
    return n > 0 ? 'Infinity' : '-Infinity';
  }
  if (n === 0) {
    return Object.is(n, -0) ? '-0.0' : '0.0';
  }
  const abs = Math.abs(n);
  const [mantissa = '0', expText = '0'] = n.toExponential().split('e');
  const exp = parseInt(expText, 10);
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = n < 0 ? '-' : '';
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1) || '0';
      return `${sign}${intPart}.${frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const frac = digits.slice(1) || '0';
  return `${sign}${digits[0] ?? '0'}.${frac}E${exp}`;
}

export function dateString(d: ApexDate): string {
  return `${pad4(d.year)}-${pad2(d.month)}-${pad2(d.day)}`;
}

/** 'yyyy-MM-dd HH:mm:ss' in the given zone. */
export function datetimeString(dt: ApexDatetime, tz: string): string {
  const w = wallClock(dt.ms, tz);
  return `${pad4(w.year)}-${pad2(w.month)}-${pad2(w.day)} ${pad2(w.hour)}:${pad2(w.minute)}:${pad2(w.second)}`;
}

export function timeString(t: ApexTime): string {
  const ms = t.ms % 1000;
  const totalSeconds = Math.floor(t.ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}.${String(ms).padStart(3, '0')}Z`;
}

/**
 * The text of a value as string concatenation and System.debug show it: null → 'null', Lists '(a, b)', Sets
 * '{a, b}', Maps '{k=v}', Datetimes in GMT ('yyyy-MM-dd HH:mm:ss'), objects 'Name:[field=value]' unless they
 * define toString().
 */
export function stringOf(v: Value, hooks: ObjectHooks): string {
  if (v === null) {
    return 'null';
  }
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
    case 'number':
    case 'bigint':
      return String(v);
  }
  if (v instanceof ApexDouble) {
    return formatDouble(v.value);
  }
  if (v instanceof Decimal) {
    return v.toString();
  }
  if (v instanceof ApexList) {
    return `(${v.items.map((i) => stringOf(i, hooks)).join(', ')})`;
  }
  if (v instanceof ApexSet) {
    return `{${[...v.entries.values()].map((i) => stringOf(i, hooks)).join(', ')}}`;
  }
  if (v instanceof ApexMap) {
    return `{${[...v.entries.values()].map(([k, val]) => `${stringOf(k, hooks)}=${stringOf(val, hooks)}`).join(', ')}}`;
  }
  if (v instanceof ApexEnumValue) {
    return v.name;
  }
  if (v instanceof ApexDate) {
    return dateString(v);
  }
  if (v instanceof ApexDatetime) {
    return datetimeString(v, 'GMT');
  }
  if (v instanceof ApexTime) {
    return timeString(v);
  }
  if (v instanceof ApexTypeValue) {
    return typeName(v.type);
  }
  if (v instanceof ApexBlob) {
    // String.valueOf(blob) and concatenation show the size, not the content (System.debug prints "Blob[5]").
    return `Blob[${v.bytes.length}]`;
  }
  if (v instanceof ApexObject) {
    return hooks.objectToString(v);
  }
  if (v instanceof ApexSObject) {
    // Contact:{LastName=Smith, Id=003…} — the populated fields in the order they were set.
    const parts = [...v.fields].map(([k, x]) => `${v.names.get(k) ?? k}=${stringOf(x, hooks)}`);
    return `${v.type.name}:{${parts.join(', ')}}`;
  }
  return v.text ?? v.typeName;
}

/** Converts a number value to the numeric type of the given rank (0 Integer, 1 Long, 2 Double, 3 Decimal). */
export function widen(v: number | bigint | ApexDouble | Decimal, rank: number): number | bigint | ApexDouble | Decimal {
  const from = numericRank(runtimeType(v));
  if (from === rank) {
    return v;
  }
  const n = v instanceof ApexDouble ? v.value : v;
  switch (rank) {
    case 1:
      return typeof n === 'number' ? BigInt(n) : (n as bigint);
    case 2:
      return new ApexDouble(n instanceof Decimal ? n.toNumber() : Number(n));
    case 3:
      if (typeof n === 'number' && v instanceof ApexDouble) {
        return Decimal.fromNumber(n);
      }
      return typeof n === 'number' || typeof n === 'bigint' ? Decimal.fromBigInt(BigInt(n)) : (n as Decimal);
    default:
      return v;
  }
}

export const isNumber = (v: Value): v is number | bigint | ApexDouble | Decimal =>
  typeof v === 'number' || typeof v === 'bigint' || v instanceof ApexDouble || v instanceof Decimal;

/**
 * The value stored into a variable/field/parameter/collection slot of declared type `t`: numbers widen (and a
 * Decimal literal assigned to a Double becomes a Double, as `Double d = 1.5;` does); everything else is kept as is
 * (the Apex compiler — and apex-ls in `npm test` — rejects ill-typed assignments before they can run).
 */
export function coerce(v: Value, t: ApexType): Value {
  if (v === null) {
    return v;
  }
  if (t.kind === 'sobject' && v instanceof ApexList && v.fromSoql) {
    // `Contact c = [SELECT …]`: a query assigned to a single SObject (Apex Developer Guide, "SOQL Statements").
    if (v.items.length !== 1) {
      raiseFromCoercion(
        'QueryException',
        v.items.length === 0
          ? 'List has no rows for assignment to SObject'
          : 'List has more than 1 row for assignment to SObject'
      );
    }
    return v.items[0] ?? null;
  }
  if (t.kind === 'primitive' && t.name === 'Datetime' && v instanceof ApexDate) {
    // A Date where a Datetime is expected: midnight GMT of that day (the conversion is not documented: unverified).
    return new ApexDatetime(Date.UTC(v.year, v.month - 1, v.day));
  }
  if (t.kind === 'primitive' && t.name === 'Id' && typeof v === 'string') {
    const id = normalizeId(v);
    return id ?? raiseFromCoercion('StringException', `Invalid id: ${v}`);
  }
  if (t.kind !== 'primitive' || !isNumber(v)) {
    return v;
  }
  const target = numericRank(t);
  if (target < 0) {
    return v;
  }
  const from = numericRank(runtimeType(v));
  if (from === target) {
    return v;
  }
  if (from < target || (from === 3 && target === 2)) {
    return from === 3 && target === 2 ? new ApexDouble((v as Decimal).toNumber()) : widen(v, target);
  }
  return v;
}

let coercionRaiser: ((name: string, message: string) => never) | undefined;

/** Installed by the running interpreter: how a conversion throws an Apex exception (invalid Id, SOQL row count). */
export function setCoercionRaiser(raiser: (name: string, message: string) => never): void {
  coercionRaiser = raiser;
}

function raiseFromCoercion(name: string, message: string): never {
  if (!coercionRaiser) {
    throw new RuntimeGap(`${name}: ${message}`);
  }
  return coercionRaiser(name, message);
}

/** `==` as the platform defines it: case-insensitive for Strings, numeric across number types, deep for collections. */
export function apexEquals(a: Value, b: Value, hooks: ObjectHooks): boolean {
  if (a === null || b === null) {
    return a === b;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    return a === b || a.toLowerCase() === b.toLowerCase();
  }
  if (isNumber(a) && isNumber(b)) {
    return compareNumbers(a, b) === 0;
  }
  if (a instanceof ApexObject) {
    return hooks.objectEquals(a, b);
  }
  if (a instanceof ApexList && b instanceof ApexList) {
    return a.items.length === b.items.length && a.items.every((x, i) => apexEquals(x, b.items[i] ?? null, hooks));
  }
  if (a instanceof ApexSet && b instanceof ApexSet) {
    return a.entries.size === b.entries.size && [...a.entries.keys()].every((k) => b.entries.has(k));
  }
  if (a instanceof ApexMap && b instanceof ApexMap) {
    if (a.entries.size !== b.entries.size) {
      return false;
    }
    for (const [k, [, v]] of a.entries) {
      const other = b.entries.get(k);
      if (!other || !apexEquals(v, other[1], hooks)) {
        return false;
      }
    }
    return true;
  }
  if (a instanceof ApexDate && b instanceof ApexDate) {
    return a.year === b.year && a.month === b.month && a.day === b.day;
  }
  if ((a instanceof ApexDatetime && b instanceof ApexDatetime) || (a instanceof ApexTime && b instanceof ApexTime)) {
    return a.ms === b.ms;
  }
  if (a instanceof ApexTypeValue && b instanceof ApexTypeValue) {
    return typeName(a.type).toLowerCase() === typeName(b.type).toLowerCase();
  }
  if (a instanceof ApexBlob && b instanceof ApexBlob) {
    return Buffer.from(a.bytes).equals(Buffer.from(b.bytes));
  }
  if (a instanceof NativeObject && b instanceof NativeObject && a.identity !== undefined) {
    return a.typeName === b.typeName && a.identity === b.identity;
  }
  if (a instanceof ApexSObject && b instanceof ApexSObject) {
    // SObjects are equal when they are of one type and every populated field is equal (Apex Developer Guide).
    if (a.type !== b.type || a.fields.size !== b.fields.size) {
      return a === b;
    }
    for (const [k, v] of a.fields) {
      if (!b.fields.has(k) || !apexEquals(v, b.fields.get(k) ?? null, hooks)) {
        return false;
      }
    }
    return true;
  }
  return a === b;
}

export function compareNumbers(
  a: number | bigint | ApexDouble | Decimal,
  b: number | bigint | ApexDouble | Decimal
): number {
  if (typeof a === 'number' && typeof b === 'number') {
    // Two Integers (loop counters, sizes): what widening to Integer and comparing below gives.
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const rank = Math.max(numericRank(runtimeType(a)), numericRank(runtimeType(b)));
  const x = widen(a, rank);
  const y = widen(b, rank);
  if (x instanceof Decimal && y instanceof Decimal) {
    return x.compareTo(y);
  }
  const nx = x instanceof ApexDouble ? x.value : (x as number | bigint);
  const ny = y instanceof ApexDouble ? y.value : (y as number | bigint);
  return nx < ny ? -1 : nx > ny ? 1 : 0;
}

/**
 * The identity of a value inside a Set or as a Map key. Strings are case-sensitive here (Set<String> and Map keys
 * are, unlike `==`). Decimals compare by value (1.0 and 1.00 are one key).
 */
export function valueKey(v: Value, hooks: ObjectHooks): string {
  if (v === null) {
    return 'null';
  }
  switch (typeof v) {
    case 'string':
      return `s:${v}`;
    case 'boolean':
      return `b:${v}`;
    case 'number':
    case 'bigint':
      return `n:${v}`;
  }
  if (v instanceof ApexDouble) {
    return Number.isInteger(v.value)
      ? `n:${v.value}`
      : `n:${Decimal.fromNumber(v.value).stripTrailingZeros().toPlainString()}`;
  }
  if (v instanceof Decimal) {
    return `n:${v.stripTrailingZeros().toPlainString()}`;
  }
  if (v instanceof ApexEnumValue) {
    return `e:${v.enumType.fullName}.${v.name}`;
  }
  if (v instanceof ApexDate) {
    return `d:${dateString(v)}`;
  }
  if (v instanceof ApexDatetime) {
    return `dt:${v.ms}`;
  }
  if (v instanceof ApexTime) {
    return `t:${v.ms}`;
  }
  if (v instanceof ApexList) {
    return `L(${v.items.map((i) => valueKey(i, hooks)).join(',')})`;
  }
  if (v instanceof ApexSet) {
    return `S(${[...v.entries.keys()].join(',')})`;
  }
  if (v instanceof ApexMap) {
    return `M(${[...v.entries.entries()].map(([k, [, val]]) => `${k}=${valueKey(val, hooks)}`).join(',')})`;
  }
  if (v instanceof ApexTypeValue) {
    return `T:${typeName(v.type).toLowerCase()}`;
  }
  if (v instanceof ApexBlob) {
    return `B:${Buffer.from(v.bytes).toString('base64')}`;
  }
  if (v instanceof ApexObject) {
    return hooks.objectKey(v);
  }
  if (v instanceof ApexSObject) {
    return `R:${v.type.name}(${[...v.fields].map(([k, x]) => `${k}=${valueKey(x, hooks)}`).join(',')})`;
  }
  if (v.identity !== undefined) {
    return `N:${v.typeName}:${v.identity}`;
  }
  throw new RuntimeGap(`${v.typeName} values as Set elements or Map keys`);
}
