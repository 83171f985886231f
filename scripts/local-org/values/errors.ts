import type { Pos } from '../ast/nodes.ts';
import type { ApexObject } from './values.ts';

export const at = (pos: Pos): string => `${pos.file}:${pos.line}`;

/**
 * Something the Apex code does that the local org runtime cannot execute faithfully (an unimplemented method, an
 * unknown type, an unsupported operation). Never caught by Apex `catch` blocks: it ends the run with file:line.
 */
export class RuntimeGap extends Error {
  constructor(
    readonly detail: string,
    readonly pos?: Pos
  ) {
    super(pos ? `${detail} (${at(pos)})` : detail);
    this.name = 'RuntimeGap';
  }
}

/** An Apex exception in flight (thrown by `throw` or by the runtime); `exception` is the Apex exception object. */
export class ApexThrow extends Error {
  constructor(readonly exception: ApexObject) {
    super(exception.exception?.message ?? exception.cls.fullName);
    this.name = 'ApexThrow';
  }
}
