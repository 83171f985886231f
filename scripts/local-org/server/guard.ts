/**
 * What keeps web pages the user visits away from the local org. Listening on 127.0.0.1 alone does not: a page can
 * reach it through DNS rebinding (its own host name re-resolved to 127.0.0.1, so the browser treats the local org
 * as that page's origin). So:
 * - every request must name the local org in `Host` (127.0.0.1, localhost or [::1], with the server's port): a
 *   rebound name is refused before anything runs (421, RFC 9110 §15.5.20 "Misdirected Request");
 * - the page's endpoints (`/local/*`) refuse a foreign `Origin` (403), so another site cannot drive them from a
 *   browser, and `POST /local/aura/apex` also needs `Content-Type: application/json` (no CORS "simple request");
 * - bodies are refused above a size before they are buffered (413);
 * - the page goes out with CSP, X-Frame-Options and nosniff (no framing, no inline or foreign scripts).
 * What it does not protect, by design: the access token is printed and always valid, any credentials are accepted
 * by /token, and any local process can call the org (see server/README.md).
 */
import { HttpError } from './http.ts';

/** Request bodies above this are refused (413) before they are read: 8 MiB, far above the contract's 1,000,000. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

const LOCAL_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The `Host` values that name this server: the local names with the port (and without it on port 80), and the
 * address it listens on when that is another specific one (`host` option; not a wildcard like 0.0.0.0).
 */
export function localHosts(port: number, bindHost?: string): Set<string> {
  const hosts = new Set<string>();
  const names = [...LOCAL_NAMES];
  if (bindHost && !['0.0.0.0', '::', ''].includes(bindHost)) {
    names.push(bindHost.includes(':') ? `[${bindHost}]` : bindHost.toLowerCase());
  }
  for (const name of names) {
    hosts.add(`${name}:${port}`);
    if (port === 80) {
      hosts.add(name);
    }
  }
  return hosts;
}

/** 421 unless `host` (the Host header, any case) is one of `hosts` (`localHosts`). */
export function checkHost(host: string | undefined, hosts: ReadonlySet<string>, port: number): void {
  if (host === undefined || !hosts.has(host.toLowerCase())) {
    throw new HttpError(
      421,
      'MISDIRECTED_REQUEST',
      `Host ${JSON.stringify(host ?? '')} is not this local org: use http://127.0.0.1:${port} (or localhost, [::1])`
    );
  }
}

/** 403 when a browser sends `origin` from anywhere but this server (a missing Origin is a non-browser client). */
export function checkOrigin(origin: string | undefined, hosts: ReadonlySet<string>): void {
  if (origin === undefined) {
    return;
  }
  const same = [...hosts].some((h) => origin.toLowerCase() === `http://${h}`);
  if (!same) {
    throw new HttpError(403, 'FORBIDDEN', `Cross-origin calls are refused (${origin})`);
  }
}

/** 413 when the declared length is too large (checked before reading; `readRequest` also counts while reading). */
export function checkDeclaredLength(contentLength: string | undefined, max = MAX_BODY_BYTES): void {
  if (contentLength !== undefined && Number(contentLength) > max) {
    throw tooLarge(max);
  }
}

export const tooLarge = (max: number): HttpError =>
  new HttpError(413, 'REQUEST_TOO_LARGE', `The request body is larger than ${max} bytes`);

/**
 * Headers on every response: the page may only load its own scripts, styles (inline ones too: the page's shell and
 * LWC's synthetic shadow insert <style> elements), images and fonts, talk to this server only, and never be framed.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'"
  ].join('; '),
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer'
};
