/**
 * scripts/contract/generated/client.ts: a dependency-free typed client for the simulator and other TypeScript
 * callers: the contract's types as interfaces, its constants, and postCallEvents over a minimal transport
 * (jsforce's `connection.apex.post`, or fetch).
 */
import { ERROR_CODE_LIST } from '../codes.ts';
import { API_VERSION, APEX_REST_PATH, CONTRACT_ENUMS, CONTRACT_OBJECTS, ENDPOINT_PATH, LIMITS } from '../contract.ts';
import type { EnumNode, Field, Node, ObjectNode } from '../dsl.ts';
import { enumListName } from './apex-contract.ts';
import { NOTICE } from './text.ts';

function tsType(node: Node): string {
  switch (node.kind) {
    case 'enum':
    case 'object':
      return node.name;
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array': {
      const item = tsType(node.items);
      return `${item}[]`;
    }
    default:
      return 'string';
  }
}

const docComment = (lines: string[], indent = ''): string =>
  [`${indent}/**`, ...lines.map((line) => `${indent} * ${line}`), `${indent} */`].join('\n');

function member(key: string, field: Field): string {
  const node = field.node;
  const type = `${tsType(node)}${field.nullable ? ' | null' : ''}`;
  const notes = field.requiredWhen
    ? [`Required when ${field.requiredWhen.field} is ${field.requiredWhen.values.join(' or ')}.`]
    : [];
  return `${docComment([[node.doc.en, ...notes].join(' '), node.doc.ja], '  ')}\n  ${key}${field.required ? '' : '?'}: ${type};`;
}

function objectInterface(node: ObjectNode): string {
  const members = Object.entries(node.fields).map(([key, field]) => member(key, field));
  return `${docComment([node.doc.en, node.doc.ja])}\nexport interface ${node.name} {\n${members.join('\n')}\n}`;
}

function enumType(node: EnumNode): string {
  const list = enumListName(node);
  return `${docComment([node.doc.en, node.doc.ja])}
export const ${list} = [${node.values.map((value) => `'${value}'`).join(', ')}] as const;
export type ${node.name} = (typeof ${list})[number];`;
}

const RUNTIME = `/** A transport: POSTs a JSON body to an Apex REST path (below /services/apexrest) and resolves with the answer. */
export interface CallEventsTransport {
  /** Resolves with the parsed JSON answer (or the text of a text/plain answer); rejects when the status is not 2xx. */
  post(path: string, body: object): Promise<unknown>;
}

/** A refused request (HTTP 400 with an ApiError, Salesforce errors such as 401/405) or an unexpected answer. */
export class CallEventsError extends Error {
  readonly status: number | undefined;
  readonly error: ApiError | undefined;

  constructor(message: string, status?: number, error?: ApiError) {
    super(message);
    this.name = 'CallEventsError';
    this.status = status;
    this.error = error;
  }
}

/** Whether a value has the shape of a CallEventResponse (a results array). */
export function isCallEventResponse(value: unknown): value is CallEventResponse {
  return typeof value === 'object' && value !== null && Array.isArray((value as { results?: unknown }).results);
}

/** POSTs one batch of events (1 to MAX_EVENTS_PER_REQUEST, at most MAX_BODY_BYTES) and returns the org's answer. */
export async function postCallEvents(
  transport: CallEventsTransport,
  events: readonly CallEvent[]
): Promise<CallEventResponse> {
  const answer = await transport.post(APEX_REST_PATH, { events });
  if (!isCallEventResponse(answer)) {
    throw new CallEventsError(\`unexpected answer from \${ENDPOINT_PATH}: \${JSON.stringify(answer)?.slice(0, 200)}\`);
  }
  return answer;
}

/** Sends the MiiTel Outgoing Webhook handshake; the org answers with the token alone (text/plain). */
export async function postChallenge(transport: CallEventsTransport, token: string): Promise<string> {
  const answer = await transport.post(APEX_REST_PATH, { challenge: token } satisfies ChallengeRequest);
  return typeof answer === 'string' ? answer : JSON.stringify(answer);
}

/** Limits for batching; the defaults are the contract's. */
export interface BatchLimits {
  maxEvents: number;
  maxBodyBytes: number;
}

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** Splits events into batches the endpoint accepts, keeping their order. Throws when one event alone is too big. */
export function batchCallEvents(
  events: readonly CallEvent[],
  limits: BatchLimits = { maxEvents: MAX_EVENTS_PER_REQUEST, maxBodyBytes: MAX_BODY_BYTES }
): CallEvent[][] {
  const envelope = utf8Bytes(JSON.stringify({ events: [] }));
  const batches: CallEvent[][] = [];
  let batch: CallEvent[] = [];
  let bytes = envelope;
  for (const event of events) {
    const size = utf8Bytes(JSON.stringify(event));
    if (envelope + size > limits.maxBodyBytes) {
      throw new RangeError(\`event \${event.eventId} alone is \${size} bytes, more than a body may hold\`);
    }
    const added = batch.length === 0 ? size : size + 1;
    if (batch.length === limits.maxEvents || bytes + added > limits.maxBodyBytes) {
      batches.push(batch);
      batch = [];
      bytes = envelope;
    }
    bytes += batch.length === 0 ? size : size + 1;
    batch.push(event);
  }
  if (batch.length > 0) {
    batches.push(batch);
  }
  return batches;
}

/** Posts any number of events in batches, one request after the other; results stay in event order. */
export async function postCallEventsInBatches(
  transport: CallEventsTransport,
  events: readonly CallEvent[],
  limits?: BatchLimits
): Promise<CallEventResponse> {
  const results: CallEventResult[] = [];
  for (const batch of batchCallEvents(events, limits)) {
    results.push(...(await postCallEvents(transport, batch)).results);
  }
  return { results };
}

/** The part of jsforce's Connection the client needs (\`connection.apex.post\`). */
export interface JsforceLike {
  apex: { post(path: string, body: object): Promise<unknown> };
}

/** A transport over a jsforce Connection (jsforce adds /services/apexrest and the token). */
export function jsforceTransport(connection: JsforceLike): CallEventsTransport {
  return { post: (path, body) => connection.apex.post(path, body) };
}

/** The part of fetch the client needs. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string }
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface FetchTransportOptions {
  /** https://<MyDomain>.my.salesforce.com */
  instanceUrl: string;
  accessToken: string;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
}

function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function refusal(answer: unknown, status: number): CallEventsError {
  const error = (answer as { error?: ApiError } | null)?.error;
  if (typeof error === 'object' && error !== null && typeof error.code === 'string') {
    return new CallEventsError(\`\${status} \${error.code}: \${error.message}\`, status, error);
  }
  return new CallEventsError(\`\${status}: \${typeof answer === 'string' ? answer : JSON.stringify(answer)}\`, status);
}

/** A transport over fetch, with the access token as a bearer token. */
export function fetchTransport(options: FetchTransportOptions): CallEventsTransport {
  const send: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const base = options.instanceUrl.replace(/\\/+$/, '');
  return {
    async post(path, body) {
      const response = await send(\`\${base}/services/apexrest\${path}\`, {
        method: 'POST',
        headers: {
          Authorization: \`Bearer \${options.accessToken}\`,
          'Content-Type': 'application/json',
          Accept: 'application/json, text/plain'
        },
        body: JSON.stringify(body)
      });
      const answer = parseAnswer(await response.text());
      if (!response.ok) {
        throw refusal(answer, response.status);
      }
      return answer;
    }
  };
}
`;

export function emitClient(): string {
  const constants = `/** Contract version. */
export const API_VERSION = '${API_VERSION}';
/** The Apex REST path, as jsforce's \`connection.apex.post\` takes it. */
export const APEX_REST_PATH = '${APEX_REST_PATH}';
/** The full path below the instance URL. */
export const ENDPOINT_PATH = '${ENDPOINT_PATH}';
/** Events per request. */
export const MAX_EVENTS_PER_REQUEST = ${LIMITS.maxEvents};
/** UTF-8 bytes per request body. */
export const MAX_BODY_BYTES = ${LIMITS.maxBodyBytes};
/** Error codes of the contract (ApiError.code). */
export const ERROR_CODES = [${ERROR_CODE_LIST.map((code) => `'${code}'`).join(', ')}] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];`;
  return `// ${NOTICE}
/**
 * Typed client of the MiiTel call-event API ${API_VERSION} (POST ${ENDPOINT_PATH}), for the simulator and other
 * TypeScript callers. No dependencies: give postCallEvents a transport (jsforceTransport or fetchTransport).
 */

${constants}

${(CONTRACT_ENUMS as readonly EnumNode[]).map(enumType).join('\n\n')}

${CONTRACT_OBJECTS.map((node) => objectInterface(node)).join('\n\n')}

${RUNTIME}`;
}
