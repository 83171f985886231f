import type { ClassInfo } from '../values/classes.ts';
import type { StackEntry } from './context.ts';
import type { ApexType } from '../values/types.ts';
import type { ApexObject, Value } from '../values/values.ts';
import { lowerName } from '../schema/lower.ts';

export interface Variable {
  type: ApexType;
  value: Value;
}

const NO_VARIABLES: ReadonlyMap<string, Variable> = new Map();

/** Block scope of local variables; Apex identifiers are case-insensitive, so names are stored lower-cased. */
export class Scope {
  /** Made on the first declaration: most blocks (an `if`'s, a loop body's) declare nothing. */
  private vars: Map<string, Variable> | undefined;
  constructor(readonly parent?: Scope) {}

  lookup(name: string): Variable | undefined {
    // Lower-cased once for the whole chain of blocks (it was once per block).
    const key = lowerName(name);
    const own = this.vars?.get(key);
    if (own) {
      return own;
    }
    for (let scope = this.parent; scope; scope = scope.parent) {
      const found = scope.vars?.get(key);
      if (found) {
        return found;
      }
    }
    return undefined;
  }

  declare(name: string, type: ApexType, value: Value): void {
    (this.vars ??= new Map()).set(lowerName(name), { type, value });
  }

  /** The variables declared in this block itself (not its parents'); the heap measure (heap.ts) walks them. */
  ownVariables(): IterableIterator<Variable> {
    return (this.vars ?? NO_VARIABLES).values();
  }
}

/** One activation: the lexical class, `this` (absent in static code), the current scope and its stack entry. */
export interface Frame {
  cls: ClassInfo;
  self?: ApexObject;
  scope: Scope;
  entry: StackEntry;
  /** Inside a property accessor: the property's name (lower case) refers to its backing storage. */
  accessorOf?: string;
  /** Declared return type of the running method (void when absent). */
  returnType?: ApexType;
}
