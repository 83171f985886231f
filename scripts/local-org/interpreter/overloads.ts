/**
 * Overload selection helpers for null arguments. The platform picks an overload at compile time from the static
 * types of the argument expressions (Apex Developer Guide, "Using Methods" — overloading — and "Rules of
 * Conversion"); the interpreter judges non-null arguments by their runtime type and null arguments by the static type
 * of their expression when it is known.
 */
import { isAssignable, isObject, numericRank, sameType, type ApexType } from '../values/types.ts';
import type { Value } from '../values/values.ts';

/** Static type of each argument expression, where known (undefined: a `null` literal, a built-in call, …). */
export type ArgTypes = readonly (ApexType | undefined)[];

/**
 * How well an argument of static type `from` fits a parameter of type `to`: 3 the same type, 2 a subtype, 1
 * Object or numeric widening (Integer < Long < Double < Decimal), -1 not applicable — the scale used for runtime
 * values.
 */
export function staticFit(from: ApexType, to: ApexType): number {
  if (sameType(from, to)) {
    return 3;
  }
  if (isAssignable(from, to)) {
    return isObject(to) ? 1 : 2;
  }
  const f = numericRank(from);
  const t = numericRank(to);
  if (f >= 0 && t >= 0) {
    return f < t || (f === 3 && t === 2) ? 1 : -1;
  }
  return -1;
}

/**
 * Whether two equally good overloads differ at the position of a null argument whose static type is unknown: the
 * choice between them would be a guess.
 */
export function isNullAmbiguous(
  args: readonly Value[],
  argTypes: ArgTypes | undefined,
  a: readonly ApexType[],
  b: readonly ApexType[]
): boolean {
  return args.some((v, i) => {
    const x = a[i];
    const y = b[i];
    return v === null && argTypes?.[i] === undefined && x !== undefined && y !== undefined && !sameType(x, y);
  });
}
