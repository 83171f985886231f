/**
 * Runtime values. Apex Integer is a JS number (always a 32-bit int), Long a bigint (kept to 64 bits), Double an
 * ApexDouble, Decimal a Decimal (unscaled bigint + scale), String a JS string, Boolean a JS boolean, null is null.
 */
import type { ClassInfo, EnumInfo } from './classes.ts';
import type { Decimal } from './decimal.ts';
import type { ApexType } from './types.ts';

export class ApexDouble {
  constructor(readonly value: number) {}
}

export interface ExceptionData {
  message: string | null;
  cause: ApexObject | null;
  lineNumber: number;
  stackTrace: string;
}

let nextObjectId = 1;

/** An instance of a class declared in Apex source, or of a system exception type. */
export class ApexObject {
  readonly fields = new Map<string, Value>();
  readonly id = nextObjectId++;
  /** Present on exception objects. */
  exception?: ExceptionData;
  constructor(readonly cls: ClassInfo) {}
}

export class ApexList {
  constructor(
    readonly elementType: ApexType,
    public items: Value[] = []
  ) {}
}

export class ApexSet {
  /** Keyed by valueKey(): Set<String> is case-sensitive, like the platform's. Insertion-ordered. */
  constructor(
    readonly elementType: ApexType,
    readonly entries = new Map<string, Value>()
  ) {}
}

export class ApexMap {
  constructor(
    readonly keyType: ApexType,
    readonly valueType: ApexType,
    readonly entries = new Map<string, [Value, Value]>()
  ) {}
}

export class ApexEnumValue {
  constructor(
    readonly enumType: EnumInfo,
    readonly name: string,
    readonly ordinal: number
  ) {}
}

/** Date: a calendar day, no time zone. */
export class ApexDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number
  ) {}
}

/** Datetime: an instant, milliseconds since the epoch (GMT). */
export class ApexDatetime {
  constructor(readonly ms: number) {}
}

/** Time: milliseconds since midnight. */
export class ApexTime {
  constructor(readonly ms: number) {}
}

/** A System.Type value, e.g. the result of `Foo.class`. */
export class ApexTypeValue {
  constructor(readonly type: ApexType) {}
}

/** A built-in object implemented in TypeScript (Pattern, Matcher, ...). */
export class NativeObject<T = unknown> {
  constructor(
    readonly typeName: string,
    readonly state: T
  ) {}
}

export type Value =
  | null
  | boolean
  | string
  | number
  | bigint
  | ApexDouble
  | Decimal
  | ApexObject
  | ApexList
  | ApexSet
  | ApexMap
  | ApexEnumValue
  | ApexDate
  | ApexDatetime
  | ApexTime
  | ApexTypeValue
  | NativeObject;
