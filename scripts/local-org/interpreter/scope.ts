import type { ClassInfo } from '../values/classes.ts';
import type { StackEntry } from './context.ts';
import type { ApexType } from '../values/types.ts';
import type { ApexObject, Value } from '../values/values.ts';
import { lowerName } from '../schema/lower.ts';

export interface Variable {
  type: ApexType;
  value: Value;
}

/** A declared variable: its lower-cased name besides its type and value. */
interface Declared extends Variable {
  readonly key: string;
}

const NO_VARIABLES: readonly Declared[] = [];

/**
 * Block scope of local variables; Apex identifiers are case-insensitive, so names are kept lower-cased. A block holds
 * few variables (most none): they are an array searched from the end, which costs less than a Map per block.
 */
export class Scope {
  /** Made on the first declaration: most blocks (an `if`'s, a loop body's) declare nothing. */
  private vars: Declared[] | undefined;
  constructor(readonly parent?: Scope) {}

  /** The variable `key` (lower case: NameExpr.lower) in this block or an enclosing one. */
  lookup(key: string): Variable | undefined {
    let vars = this.vars;
    let outer = this.parent;
    for (;;) {
      if (vars) {
        for (let i = vars.length - 1; i >= 0; i--) {
          const v = vars[i] as Declared;
          if (v.key === key) {
            return v;
          }
        }
      }
      if (!outer) {
        return undefined;
      }
      vars = outer.vars;
      outer = outer.parent;
    }
  }

  declare(name: string, type: ApexType, value: Value): void {
    this.declareKey(lowerName(name), type, value);
  }

  /** declare with the name already lower-cased. */
  declareKey(key: string, type: ApexType, value: Value): void {
    const vars = (this.vars ??= []);
    // A name declared again in the same block replaces the variable in place, as a Map's set did.
    for (let i = 0; i < vars.length; i++) {
      const v = vars[i] as Declared;
      if (v.key === key) {
        vars[i] = { key, type, value };
        return;
      }
    }
    vars.push({ key, type, value });
  }

  /** The variables declared in this block itself (not its parents'); the heap measure (heap.ts) walks them. */
  ownVariables(): Iterable<Variable> {
    return this.vars ?? NO_VARIABLES;
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
