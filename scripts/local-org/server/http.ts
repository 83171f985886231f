/** The server's request and response shapes, and the Salesforce error shape (`[{"message","errorCode"}]`). */
import type { IncomingMessage } from 'node:http';
import { checkDeclaredLength, MAX_BODY_BYTES, tooLarge } from './guard.ts';
import type { Json } from './json-values.ts';

export interface Req {
  method: string;
  /** The path with repeated slashes collapsed (sf sends `//services/data/…`), without the query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface Res {
  status: number;
  headers?: Record<string, string>;
  /** JSON value (serialised with Content-Type application/json) or raw bytes/text with their own Content-Type. */
  json?: Json;
  raw?: Buffer | string;
}

export const JSON_TYPE = 'application/json;charset=UTF-8';

export const json = (status: number, value: Json, headers: Record<string, string> = {}): Res => ({
  status,
  json: value,
  headers
});

/** Salesforce REST error: `[{"message": "…", "errorCode": "…"}]` (plus `fields` when given). */
export function sfError(status: number, errorCode: string, message: string, fields?: string[]): Res {
  return json(status, [{ message, errorCode, ...(fields ? { fields } : {}) }]);
}

/** Thrown by handlers to answer a Salesforce error. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[]
  ) {
    super(message);
  }
}

/** Splits a request target into a collapsed path and its query string. */
export function splitTarget(url: string): { path: string; query: URLSearchParams } {
  const q = url.indexOf('?');
  const rawPath = q < 0 ? url : url.slice(0, q);
  const path = rawPath.replace(/\/{2,}/g, '/');
  return {
    path: path.length > 1 ? path.replace(/\/$/, '') : path,
    query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1))
  };
}

/**
 * Reads a request; a body over `maxBytes` is a 413 `HttpError`, thrown before reading when Content-Length says so,
 * else as soon as the bytes read pass it (the rest is not buffered).
 */
export function readRequest(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Req> {
  checkDeclaredLength(req.headers['content-length'], maxBytes);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) {
      headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
    }
  }
  const { path, query } = splitTarget(req.url ?? '/');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        return; // discarded until the 413 closes the connection
      }
      if (size > maxBytes) {
        refused = true;
        chunks.length = 0;
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!refused) {
        resolve({ method: (req.method ?? 'GET').toUpperCase(), path, query, headers, body: Buffer.concat(chunks) });
      }
    });
    req.on('error', reject);
  });
}

/** The request body as JSON; a 400 JSON_PARSER_ERROR when it is not. */
export function bodyJson(req: Req): unknown {
  try {
    return JSON.parse(req.body.toString('utf8')) as unknown;
  } catch (e) {
    throw new HttpError(400, 'JSON_PARSER_ERROR', `The request body is not JSON: ${(e as Error).message}`);
  }
}

/** Form fields of an application/x-www-form-urlencoded body, or of a JSON object body. */
export function bodyForm(req: Req): URLSearchParams {
  const text = req.body.toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('json')) {
    const parsed = bodyJson(req);
    const form = new URLSearchParams();
    if (parsed && typeof parsed === 'object') {
      for (const [k, v] of Object.entries(parsed)) {
        form.set(k, String(v));
      }
    }
    return form;
  }
  return new URLSearchParams(text);
}
