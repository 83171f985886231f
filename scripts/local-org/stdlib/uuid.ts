/**
 * System.UUID (Apex Reference Guide "UUID Class"): randomUUID() is a version 4 UUID (here from the org's seeded
 * generator, so runs repeat), toString() its lower-case 8-4-4-4-12 form; fromString() accepts that form in either case
 * and throws IllegalArgumentException otherwise (message "Invalid UUID string: x": unverified wording); equals/hashCode
 * by value.
 */
import type { Pos } from '../ast/nodes.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { NativeObject, type Value } from '../values/values.ts';
import { NO_METHOD, str, type Native } from './args.ts';

const FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function random(it: Interpreter): string {
  const bytes: number[] = [];
  for (let i = 0; i < 16; i++) {
    bytes.push(Math.abs(it.ctx.random.nextInt()) % 256);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const uuid = (text: string): NativeObject<string> => {
  const lower = text.toLowerCase();
  return new NativeObject('UUID', lower, lower, lower);
};

export const UUID_STATICS: Record<string, Native> = {
  randomuuid: (it, _s, a) => (a.length === 0 ? uuid(random(it)) : NO_METHOD),
  fromstring: (it, _s, a, pos: Pos) => {
    if (a.length !== 1) {
      return NO_METHOD;
    }
    const text = str(it, a[0], pos);
    return FORM.test(text) ? uuid(text) : it.raise('IllegalArgumentException', `Invalid UUID string: ${text}`, pos);
  }
};

type Method = (it: Interpreter, self: NativeObject, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

export const UUID_METHODS: Record<string, Method> = {
  tostring: (_it, self, a) => (a.length === 0 ? (self.state as string) : NO_METHOD),
  hashcode: (_it, self, a) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    let h = 0;
    for (const c of self.state as string) {
      h = (Math.imul(h, 31) + c.charCodeAt(0)) | 0;
    }
    return h;
  }
};
