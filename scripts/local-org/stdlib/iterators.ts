/**
 * Iterators (Apex Reference Guide "Iterator Interface", List.iterator(), Set.iterator()): `hasNext()` and `next()` over
 * a List (live: it sees elements added later, as java.util iterators read the list) or a Set (the elements when the
 * iterator was made). `next()` past the end throws System.NoSuchElementException (message unverified). For-each over
 * an object of a class implementing `Iterable<T>` calls its `iterator()` and then `hasNext()`/`next()`
 * (interpreter/statements.ts, Apex Developer Guide "Custom Iterators").
 */
import type { Pos } from '../ast/nodes.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { NativeObject, type Value } from '../values/values.ts';
import { NO_METHOD } from './args.ts';

export const ITERATOR = 'System.Iterator';

interface IteratorState {
  items: Value[];
  next: number;
}

export const newIterator = (items: Value[]): NativeObject<IteratorState> =>
  new NativeObject<IteratorState>(ITERATOR, { items, next: 0 });

type Method = (it: Interpreter, self: NativeObject<IteratorState>, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

export const ITERATOR_METHODS: Record<string, Method> = {
  hasnext: (_it, i, a) => (a.length === 0 ? i.state.next < i.state.items.length : NO_METHOD),
  next: (it, i, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    if (i.state.next >= i.state.items.length) {
      return it.raise('NoSuchElementException', 'Iterator has no more elements.', pos);
    }
    return i.state.items[i.state.next++] ?? null;
  }
};
