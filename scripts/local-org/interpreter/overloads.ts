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
 * How well an argument of type `from` fits a parameter of type `to` — the overload needing the least conversion
 * wins (Apex Developer Guide "Rules of Conversion"): 100 the same type; 90 a subtype (or Id/String, a List or Set for
 * Iterable); a numeric widening along Integer < Long < Double < Decimal scores less the further it goes (Integer → Long
 * beats Integer → Decimal; Decimal → Double, which the platform allows for literals, ranks with one step); 70 a Date
 * where a Datetime is expected (unverified: Date converts to Datetime implicitly); 10 Object; -1 not applicable. The
 * same scale serves runtime types of non-null arguments and static types of null ones.
 */
export function staticFit(from: ApexType, to: ApexType): number {
  if (sameType(from, to)) {
    return 100;
  }
  if (isObject(to)) {
    return from.kind === 'void' ? -1 : 10;
  }
  const f = numericRank(from);
  const t = numericRank(to);
  if (f >= 0 && t >= 0) {
    return f < t ? 80 - (t - f) : f === 3 && t === 2 ? 79 : -1;
  }
  if (isAssignable(from, to)) {
    return 90;
  }
  if (from.kind === 'primitive' && from.name === 'Date' && to.kind === 'primitive' && to.name === 'Datetime') {
    return 70;
  }
  if (from.kind === 'list' && to.kind === 'list') {
    // A List of numbers where a List of a wider numeric type is expected (values/types.ts isInstanceOf; unverified):
    // the runtime type of `(List<Decimal>) ints` is still List<Integer>.
    const f = numericRank(from.element);
    const e = numericRank(to.element);
    if (f >= 0 && e >= 0 && (f < e || (f === 3 && e === 2))) {
      return 60;
    }
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
