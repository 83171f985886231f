/** Argument checks shared by the built-in methods, and the "not implemented" error wording. */
import type { Pos } from '../ast/nodes.ts';
import { Decimal } from '../values/decimal.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { runtimeType, typeName } from '../values/types.ts';
import { ApexDouble, ApexList, type Value } from '../values/values.ts';
import { platformHas } from '../schema/platform-catalog.ts';

/** Marks "this built-in has no method of that name/arity" so dispatch can produce the right error. */
export const NO_METHOD = Symbol('no-method');
export type Native<Self = void> = (it: Interpreter, self: Self, args: Value[], pos: Pos) => Value | typeof NO_METHOD;

export function notImplemented(type: string, method: string, args: Value[], pos: Pos): never {
  const qualified = type.includes('.') ? type : `System.${type}`;
  const exists = platformHas(qualified, method);
  const sig = `${qualified}.${method}(${args.map((a) => (a === null ? 'NULL' : typeName(runtimeType(a)))).join(', ')})`;
  if (exists === false) {
    throw new RuntimeGap(`Method does not exist or incorrect signature: ${sig}`, pos);
  }
  throw new RuntimeGap(
    `${qualified}.${method} exists on the platform but is not implemented by the local org runtime`,
    pos
  );
}

export function str(it: Interpreter, v: Value | undefined, pos: Pos, what = 'argument'): string {
  if (v === null || v === undefined) {
    return it.npe(pos);
  }
  if (typeof v !== 'string') {
    throw new RuntimeGap(`${what} must be a String, got ${typeName(runtimeType(v))}`, pos);
  }
  return v;
}

export function optStr(it: Interpreter, v: Value | undefined, pos: Pos): string | null {
  return v === null || v === undefined ? null : str(it, v, pos);
}

export function int(it: Interpreter, v: Value | undefined, pos: Pos, what = 'argument'): number {
  if (v === null || v === undefined) {
    return it.npe(pos);
  }
  if (typeof v !== 'number') {
    throw new RuntimeGap(`${what} must be an Integer, got ${typeName(runtimeType(v))}`, pos);
  }
  return v;
}

export function bool(it: Interpreter, v: Value | undefined, pos: Pos): boolean {
  if (v === null || v === undefined) {
    return it.npe(pos);
  }
  if (typeof v !== 'boolean') {
    throw new RuntimeGap(`argument must be a Boolean, got ${typeName(runtimeType(v))}`, pos);
  }
  return v;
}

export function list(it: Interpreter, v: Value | undefined, pos: Pos): ApexList {
  if (v === null || v === undefined) {
    return it.npe(pos);
  }
  if (!(v instanceof ApexList)) {
    throw new RuntimeGap(`argument must be a List, got ${typeName(runtimeType(v))}`, pos);
  }
  return v;
}

/** Any number as a JS double (for Math and Double conversions). */
export function num(it: Interpreter, v: Value | undefined, pos: Pos): number {
  if (v === null || v === undefined) {
    return it.npe(pos);
  }
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'bigint') {
    return Number(v);
  }
  if (v instanceof ApexDouble) {
    return v.value;
  }
  if (v instanceof Decimal) {
    return v.toNumber();
  }
  throw new RuntimeGap(`argument must be a number, got ${typeName(runtimeType(v))}`, pos);
}

export function arity(args: Value[], ...allowed: number[]): boolean {
  return allowed.includes(args.length);
}
