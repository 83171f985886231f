/** What the expression modules (interpreter/expressions.ts and its parts) share. */
import type { Pos } from '../ast/nodes.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Value } from '../values/values.ts';

/** Marks a `?.` that met null: the rest of the navigation chain evaluates to null without running. */
export const SAFE_NULL = Symbol('safe-null');
export type Inner = Value | typeof SAFE_NULL;

export function gap(what: string, pos: Pos): never {
  throw new RuntimeGap(what, pos);
}
