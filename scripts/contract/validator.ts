/**
 * The TypeScript validator of the contract: an interpreter over the schema nodes. The generated Apex validator
 * (MiiTelCallEventValidator + MiiTelContractReader) applies the same rules in the same order with the same codes,
 * messages and paths; the shared vectors (vectors.json) prove it. See README.md for the rule order.
 */
import { Buffer } from 'node:buffer';
import { type ErrorCode, type MessageKey, message } from './codes.ts';
import { type CallEvent as CallEventType, CallEvent, LIMITS } from './contract.ts';
import type { ArrayNode, Field, Node, ObjectNode } from './dsl.ts';
import { BLANK, EMAIL, HTTPS_URL, SALESFORCE_ID, idChecksum, parseTimestamp } from './formats.ts';

/** An error as the API reports it: `{code, message, field?}`. */
export interface ValidationError {
  code: ErrorCode;
  message: string;
  field?: string;
}

/** The outcome of one event: the typed event, or the first broken rule. */
export interface EventOutcome {
  index: number;
  /** The event's eventId when it is a string (even an invalid one), for the response; else null. */
  eventId: string | null;
  /** The event exactly as received. */
  payload: unknown;
  event?: CallEventType;
  error?: ValidationError;
}

export type Validation =
  | { kind: 'error'; httpStatus: 400; error: ValidationError }
  | { kind: 'challenge'; httpStatus: 200; challenge: string }
  | { kind: 'events'; httpStatus: 200; events: EventOutcome[] };

type JsonObject = Record<string, unknown>;

class Invalid extends Error {
  constructor(readonly failure: ValidationError) {
    super(failure.message);
  }
}

function fail(code: ErrorCode, key: MessageKey, field: string, ...params: (string | number)[]): never {
  throw new Invalid({ code, message: message(key, field, ...params), field });
}

export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const own = (source: JsonObject, key: string): unknown =>
  Object.prototype.hasOwnProperty.call(source, key) ? source[key] : undefined;

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);

// ── request level ───────────────────────────────────────────────────────────────────────────────────────────────

function requestError(code: ErrorCode, key: MessageKey, field?: string, ...params: (string | number)[]): Validation {
  const error: ValidationError = { code, message: message(key, field, ...params) };
  if (field !== undefined) {
    error.field = field;
  }
  return { kind: 'error', httpStatus: 400, error };
}

/** Validates a raw request body, as the Apex REST resource receives it. Never throws. */
export function validateBody(body: string): Validation {
  if (body.length === 0) {
    return requestError('INVALID_JSON', 'EMPTY_BODY');
  }
  if (Buffer.byteLength(body, 'utf8') > LIMITS.maxBodyBytes) {
    return requestError('BODY_TOO_LARGE', 'BODY_TOO_LARGE', undefined, LIMITS.maxBodyBytes);
  }
  if (nestingDepth(body) > LIMITS.maxJsonDepth) {
    return requestError('INVALID_JSON', 'TOO_DEEP', undefined, LIMITS.maxJsonDepth);
  }
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    return requestError('INVALID_JSON', 'NOT_JSON');
  }
  return validateParsed(root);
}

/**
 * The deepest nesting of objects and arrays in a JSON text, counting brackets outside strings (an escape pair inside a
 * string is skipped whole). Meant for valid or nearly valid JSON: it only decides whether to parse at all.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (c === '"') {
      inString = !inString;
    } else if (!inString && (c === '{' || c === '[')) {
      deepest = Math.max(deepest, ++depth);
    } else if (!inString && (c === '}' || c === ']')) {
      depth--;
    }
  }
  return deepest;
}

/** Validates raw body bytes: the size limit first, then UTF-8 decoding, then as validateBody. */
export function validateBytes(body: Uint8Array): Validation {
  if (body.length === 0) {
    return requestError('INVALID_JSON', 'EMPTY_BODY');
  }
  if (body.length > LIMITS.maxBodyBytes) {
    return requestError('BODY_TOO_LARGE', 'BODY_TOO_LARGE', undefined, LIMITS.maxBodyBytes);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return requestError('INVALID_JSON', 'NOT_UTF8');
  }
  return validateBody(text);
}

/** Validates an already parsed body (e.g. before sending it). */
export function validateParsed(root: unknown): Validation {
  if (!isJsonObject(root)) {
    return requestError('INVALID_JSON', 'NOT_OBJECT');
  }
  const challenge = own(root, 'challenge');
  const events = own(root, 'events');
  if (typeof challenge === 'string' && (events === undefined || events === null)) {
    return { kind: 'challenge', httpStatus: 200, challenge };
  }
  if (events === undefined || events === null) {
    return requestError('MISSING_EVENTS', 'MISSING_EVENTS', 'events');
  }
  if (!Array.isArray(events)) {
    return requestError('INVALID_TYPE', 'NOT_ARRAY', 'events');
  }
  if (events.length === 0) {
    return requestError('MISSING_EVENTS', 'MISSING_EVENTS', 'events');
  }
  if (events.length > LIMITS.maxEvents) {
    return requestError('TOO_MANY_EVENTS', 'TOO_MANY_EVENTS', 'events', LIMITS.maxEvents);
  }
  return { kind: 'events', httpStatus: 200, events: events.map((item: unknown, index) => validateEvent(item, index)) };
}

// ── event level ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Validates `events[index]`: the first broken rule, in schema order, fails the event. */
export function validateEvent(item: unknown, index: number): EventOutcome {
  const path = `events[${index}]`;
  const eventId =
    isJsonObject(item) && typeof own(item, 'eventId') === 'string' ? (own(item, 'eventId') as string) : null;
  const outcome: EventOutcome = { index, eventId, payload: item };
  const result = validateValue(CallEvent, item, path);
  if ('error' in result) {
    outcome.error = result.error;
  } else {
    // The interpreter produced exactly the fields of CallEvent, each checked against its node.
    outcome.event = result.value as CallEventType;
  }
  return outcome;
}

/**
 * Validates any value against any node (used for events, and by tests and clients for responses). Null and missing
 * are "required" failures at the top; unknown object fields are dropped; optional nulls are omitted.
 */
export function validateValue(
  node: Node,
  value: unknown,
  path: string
): { value: unknown } | { error: ValidationError } {
  try {
    if (value === undefined || value === null) {
      fail('REQUIRED', 'REQUIRED', path);
    }
    return { value: readValue(node, value, path, isJsonObject(value) ? value : {}) };
  } catch (error) {
    if (error instanceof Invalid) {
      return { error: error.failure };
    }
    throw error;
  }
}

function readObject(node: ObjectNode, source: JsonObject, path: string, item: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, field] of Object.entries(node.fields)) {
    const fieldPath = join(path, key);
    const value = own(source, key);
    if (value === undefined || value === null) {
      checkPresence(field, fieldPath, item);
    } else {
      out[key] = readValue(field.node, value, fieldPath, item);
    }
  }
  return out;
}

function checkPresence(field: Field, path: string, item: JsonObject): void {
  if (field.required) {
    fail('REQUIRED', 'REQUIRED', path);
  }
  const when = field.requiredWhen;
  const actual = when ? own(item, when.field) : undefined;
  if (when && typeof actual === 'string' && when.values.includes(actual)) {
    fail('REQUIRED', 'REQUIRED_WHEN', path, when.field, actual);
  }
}

function readValue(node: Node, value: unknown, path: string, item: JsonObject): unknown {
  switch (node.kind) {
    case 'string':
      return readString(value, path, node.maxLength, node.nonBlank);
    case 'enum':
      return readEnum(value, path, node.values);
    case 'timestamp':
      return readTimestamp(value, path);
    case 'integer':
      return readInteger(value, path, node.minimum, node.maximum);
    case 'boolean':
      return typeof value === 'boolean' ? value : fail('INVALID_TYPE', 'NOT_BOOLEAN', path);
    case 'salesforceId':
      return readSalesforceId(value, path);
    case 'httpsUrl':
      return readFormatted(value, path, node.maxLength, HTTPS_URL, ['INVALID_URL', 'INVALID_URL']);
    case 'email':
      return readFormatted(value, path, node.maxLength, EMAIL, ['INVALID_EMAIL', 'INVALID_EMAIL']);
    case 'array':
      return readArray(node, value, path, item);
    case 'object':
      return isJsonObject(value) ? readObject(node, value, path, item) : fail('INVALID_TYPE', 'NOT_OBJECT_FIELD', path);
  }
}

function asString(value: unknown, path: string): string {
  return typeof value === 'string' ? value : fail('INVALID_TYPE', 'NOT_STRING', path);
}

function readString(value: unknown, path: string, maxLength: number, nonBlank: boolean): string {
  const text = asString(value, path);
  // Length before blankness: Apex then never runs a pattern over an unbounded string.
  if (text.length > maxLength) {
    fail('TOO_LONG', 'TOO_LONG', path, maxLength);
  }
  if (nonBlank && BLANK.test(text)) {
    fail('REQUIRED', 'BLANK', path);
  }
  return text;
}

function readEnum(value: unknown, path: string, values: readonly string[]): string {
  const text = asString(value, path);
  return values.includes(text) ? text : fail('INVALID_ENUM', 'INVALID_ENUM', path, values.join(', '));
}

function readTimestamp(value: unknown, path: string): string {
  const text = asString(value, path);
  return parseTimestamp(text) === undefined ? fail('INVALID_TIMESTAMP', 'INVALID_TIMESTAMP', path) : text;
}

function readInteger(value: unknown, path: string, minimum: number, maximum: number): number {
  if (typeof value !== 'number') {
    fail('INVALID_TYPE', 'NOT_INTEGER', path);
  }
  // JSON numbers too large for a double parse as Infinity; Apex sees a huge Decimal: both are out of range.
  if (Number.isFinite(value) && !Number.isInteger(value)) {
    fail('INVALID_TYPE', 'NOT_INTEGER', path);
  }
  if (!(value >= minimum && value <= maximum)) {
    fail('OUT_OF_RANGE', 'OUT_OF_RANGE', path, minimum, maximum);
  }
  return value;
}

function readSalesforceId(value: unknown, path: string): string {
  const text = asString(value, path);
  if (!SALESFORCE_ID.test(text)) {
    fail('INVALID_ID', 'INVALID_ID', path);
  }
  const expected = idChecksum(text.slice(0, 15));
  if (text.length === 18 && text.slice(15) !== expected) {
    fail('INVALID_ID', 'INVALID_ID_CHECKSUM', path, expected);
  }
  return text;
}

function readFormatted(
  value: unknown,
  path: string,
  maxLength: number,
  pattern: RegExp,
  [code, key]: [ErrorCode, MessageKey]
): string {
  const text = asString(value, path);
  if (text.length > maxLength) {
    fail('TOO_LONG', 'TOO_LONG', path, maxLength);
  }
  return pattern.test(text) ? text : fail(code, key, path);
}

/** Characters of text items joined with one separator between them (UTF-16 units, as Salesforce counts). */
function joinedLength(items: unknown[]): number {
  return items.reduce<number>((sum, x) => sum + String(x).length, Math.max(items.length - 1, 0));
}

function readArray(node: ArrayNode, value: unknown, path: string, item: JsonObject): unknown[] {
  if (!Array.isArray(value)) {
    fail('INVALID_TYPE', 'NOT_ARRAY', path);
  }
  if (value.length > node.maxItems) {
    fail('TOO_MANY_ITEMS', 'TOO_MANY_ITEMS', path, node.maxItems);
  }
  const items = value.map((element: unknown, index) => {
    const elementPath = `${path}[${index}]`;
    if (element === undefined || element === null) {
      fail('REQUIRED', 'REQUIRED', elementPath);
    }
    // requiredWhen looks at the nearest enclosing array element: the event, for fields of an event.
    return readValue(node.items, element, elementPath, isJsonObject(element) ? element : item);
  });
  if (node.maxJoinedLength !== undefined && joinedLength(items) > node.maxJoinedLength) {
    fail('TOO_LONG', 'TOO_LONG_JOINED', path, node.maxJoinedLength);
  }
  return items;
}
