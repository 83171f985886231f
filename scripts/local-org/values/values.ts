/**
 * Runtime values. Apex Integer is a JS number (always a 32-bit int), Long a bigint (kept to 64 bits), Double an
 * ApexDouble, Decimal a Decimal (unscaled bigint + scale), String a JS string, Boolean a JS boolean, null is null.
 */
import type { ClassInfo, EnumInfo } from './classes.ts';
import type { Decimal } from './decimal.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
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
  /** The result of an inline SOQL query: assigning it to a single SObject takes its one row. */
  fromSoql = false;
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
  /** Describe maps (fields.getMap(), getGlobalDescribe()) look keys up case-insensitively; keys are lower case. */
  caseInsensitive = false;
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

/** Blob: immutable bytes (Blob.valueOf(String) stores the text as UTF-8). */
export class ApexBlob {
  constructor(readonly bytes: Uint8Array) {}
}

/** A System.Type value, e.g. the result of `Foo.class`. */
export class ApexTypeValue {
  constructor(readonly type: ApexType) {}
}

/**
 * A built-in object implemented in TypeScript (Pattern, Matcher, SObjectType tokens, SaveResults, ...). `identity`
 * makes two objects equal (and usable as one Map key / Set element), as SObjectType and SObjectField tokens are;
 * `text` is how String.valueOf shows it.
 */
export class NativeObject<T = unknown> {
  constructor(
    readonly typeName: string,
    readonly state: T,
    readonly identity?: string,
    readonly text?: string
  ) {}
}

/**
 * An SObject record. Field values are kept under lower-cased API names (`names` keeps the spelling, in the order the
 * fields were set); `queried` lists the fields a SOQL query selected (reading another field of such a record is an
 * SObjectException, as on the platform); `parents` and `children` hold related records of a query or assigned in Apex.
 */
export class ApexSObject {
  readonly fields = new Map<string, Value>();
  readonly names = new Map<string, string>();
  readonly parents = new Map<string, ApexSObject | null>();
  readonly parentNames = new Map<string, string>();
  readonly children = new Map<string, ApexList>();
  queried?: Set<string>;
  /** Errors added with addError() (field name or '' for the record). */
  errors: { field: string; message: string }[] = [];
  constructor(readonly type: SObjectDescribe) {}

  set(name: string, value: Value): void {
    const key = name.toLowerCase();
    if (!this.names.has(key)) {
      this.names.set(key, name);
    }
    this.fields.set(key, value);
  }

  get id(): string | null {
    const v = this.fields.get('id');
    return typeof v === 'string' ? v : null;
  }
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
  | ApexBlob
  | ApexTypeValue
  | ApexSObject
  | NativeObject;
