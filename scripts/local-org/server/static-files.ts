/** `GET /` and `GET /assets/*`: the settings page built into scripts/local-org/page/dist/ by `npm run build:page`. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Res } from './http.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf'
};

export const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MiiTel local org</title></head>
<body style="font-family: sans-serif; margin: 2rem">
<h1>MiiTel local org</h1>
<p>The settings page has not been built: run <code>npm run build:page</code>, then reload.</p>
<p>The REST API is served: <code>/services/oauth2/token</code>, <code>/services/data/v65.0/…</code>,
<code>/services/apexrest/miitel/v1/call-events</code>.</p>
</body></html>
`;

const html = (status: number, body: string): Res => ({
  status,
  headers: { 'Content-Type': 'text/html; charset=utf-8' },
  raw: body
});

const text = (status: number, body: string): Res => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  raw: body
});

/** The file of `urlPath` under `dist`, or the "run npm run build:page" page when the bundle is missing. */
export function serveStatic(dist: string, urlPath: string): Res {
  const root = resolve(dist);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return text(400, `Malformed percent-encoding in ${urlPath}\n`);
  }
  const index = join(root, 'index.html');
  if (!existsSync(index)) {
    return html(urlPath === '/' ? 200 : 404, NOT_BUILT_PAGE);
  }
  const relative = urlPath === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = resolve(root, normalize(relative));
  if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return text(404, `Not found: ${urlPath}\n`);
  }
  return {
    status: 200,
    headers: {
      'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache'
    },
    raw: readFileSync(file)
  };
}
