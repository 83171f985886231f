/**
 * Helpers for tests that post a webhook to a site of the local org over HTTP: start the server on a project root
 * (the repository root, or a fixture directory), post a body to a site endpoint with a secret header, wait for the
 * platform events it published to be delivered, and read the Tasks the org then holds.
 */
import { loadProject } from '../runtime.ts';
import { startServer, type RunningServer } from './app.ts';
import type { SeedName } from './seed-demo.ts';

export interface SiteServer {
  running: RunningServer;
  /** POSTs `body` (JSON) to `path` (`/<prefix>/services/apexrest/…`) with `headers`; waits for event delivery. */
  post(
    path: string,
    body: unknown,
    headers?: Record<string, string>
  ): Promise<{ status: number; contentType: string; text: string }>;
  /** SOQL through the REST API as the local admin. */
  query(soql: string): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** Starts the local org of `root` on a free port (seed `none` by default) with `webhookSecret` preset. */
export async function startSiteServer(
  root: string,
  options: { webhookSecret?: string; seed?: SeedName } = {}
): Promise<SiteServer> {
  const running = await startServer({
    org: loadProject(root),
    port: 0,
    seed: options.seed ?? 'none',
    ...(options.webhookSecret ? { webhookSecret: options.webhookSecret } : {})
  });
  return {
    running,
    async post(path, body, headers = {}) {
      const res = await fetch(`${running.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body)
      });
      const text = await res.text();
      await running.drainEvents();
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
    },
    async query(soql) {
      const res = await fetch(`${running.url}/services/data/v65.0/query?q=${encodeURIComponent(soql)}`, {
        headers: { Authorization: `Bearer ${running.auth.fixedToken}` }
      });
      const json = (await res.json()) as { records?: Record<string, unknown>[] };
      if (!res.ok) {
        throw new Error(`query failed (${res.status}): ${JSON.stringify(json)}`);
      }
      return json.records ?? [];
    },
    close: () => running.close()
  };
}
