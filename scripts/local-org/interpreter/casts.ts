/** Casts (interpreter/expressions.ts): numeric widening, runtime type checks, SObject lists and maps by records. */
import type { Pos } from '../ast/nodes.ts';
import { coerce, isNumber } from '../values/convert.ts';
import { isInstanceOf, numericRank, runtimeType, sameType, typeName, type ApexType } from '../values/types.ts';
import { ApexList, ApexMap, ApexSObject, type Value } from '../values/values.ts';
import { gap } from './eval-support.ts';
import type { Interpreter } from './interpreter.ts';

/**
 * A `List<SObject>` whose records are all of one concrete type casts to that type's list (`(List<Account>) l`): the
 * platform's runtime type of an SObject list follows its records (Trigger Actions Framework's selector mocks cast
 * `new List<SObject>{ metadataRecord }` so; not stated in the Apex Developer Guide: unverified). The cast keeps the
 * same list.
 */
/** A List<SObject> holding only records of the wanted type, as `(List<Account>) objects` accepts (issue 14). */
export function sobjectListOf(v: Value, type: ApexType): boolean {
  if (!(v instanceof ApexList) || type.kind !== 'list' || type.element.kind !== 'sobject') {
    return false;
  }
  const wanted = type.element.name.toLowerCase();
  return (
    v.elementType.kind === 'sobject' &&
    v.elementType.name.toLowerCase() === 'sobject' &&
    wanted !== 'sobject' &&
    v.items.every((x) => x === null || (x instanceof ApexSObject && x.type.name.toLowerCase() === wanted))
  );
}

/** The map analogue of sobjectListOf: a Map<K, SObject> whose values are all of the wanted SObject type. */
function sobjectMapOf(v: Value, type: ApexType): boolean {
  if (!(v instanceof ApexMap) || type.kind !== 'map' || type.value.kind !== 'sobject') {
    return false;
  }
  const wanted = type.value.name.toLowerCase();
  return (
    v.valueType.kind === 'sobject' &&
    v.valueType.name.toLowerCase() === 'sobject' &&
    wanted !== 'sobject' &&
    sameType(v.keyType, type.key) &&
    [...v.entries.values()].every(
      ([, x]) => x === null || (x instanceof ApexSObject && x.type.name.toLowerCase() === wanted)
    )
  );
}

/** `(T) v`: checks the runtime type; a mismatch is System.TypeException "Invalid conversion from runtime type X to T". */
export function cast(it: Interpreter, v: Value, type: ApexType, pos: Pos): Value {
  if (v === null) {
    return null;
  }
  if (isNumber(v) && numericRank(type) >= 0) {
    const from = numericRank(runtimeType(v));
    const to = numericRank(type);
    if (from <= to || (from === 3 && to === 2)) {
      return coerce(v, type);
    }
    return gap(`narrowing numeric cast from ${typeName(runtimeType(v))} to ${typeName(type)}`, pos);
  }
  if (isInstanceOf(v, type) || sobjectListOf(v, type) || sobjectMapOf(v, type)) {
    return v;
  }
  return it.raise(
    'TypeException',
    `Invalid conversion from runtime type ${typeName(runtimeType(v))} to ${typeName(type)}`,
    pos
  );
}
