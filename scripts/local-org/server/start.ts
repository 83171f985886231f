/**
 * `npm start`: the local org on http://127.0.0.1:8787 — the package's real Apex (force-app + unpackaged) on the
 * local org runtime, a Salesforce REST API subset, Apex REST and the settings page.
 *   tsx scripts/local-org/server/start.ts [--port N] [--data file.json] [--seed demo|none] [--root dir] [--quiet]
 *                                         [--event-delivery immediate|batched] [--without-subscriber-config]
 * PORT sets the port too (--port wins); LOCAL_ORG_TOKEN chooses the always-valid access token; MIITEL_WEBHOOK_SECRET
 * presets the MiiTel webhook secret (MiiTelWebhookSecrets.install, when the project has it);
 * LOCAL_ORG_EVENT_DELIVERY sets --event-delivery (the option wins): immediate (default) delivers platform events after
 * each request, batched lets them accumulate and delivers them every 250 ms or on POST /local/event-bus/deliver.
 * --without-subscriber-config ignores force-dev's PlatformEventSubscriberConfig: the webhook trigger runs as the
 * Automated Process user, as in an org where that post-install step was skipped (the settings page's setup health
 * then shows it in red once a webhook arrives).
 */
import { parseArgs } from 'node:util';
import { LoadError } from '../ast/errors.ts';
import { loadProject } from '../runtime.ts';
import { startServer, type EventDeliveryMode, type RunningServer } from './app.ts';
import type { SeedName } from './seed-demo.ts';

function banner(running: RunningServer, dataFile: string | undefined, loadMs: number): string {
  const { url, auth } = running;
  const origin =
    running.origin === 'loaded'
      ? `loaded from ${dataFile ?? ''}`
      : running.origin === 'demo'
        ? 'demo seed (settings enabled, CallEnded, Completed; Japanese Accounts/Contacts/Leads; users mt-user-0/1; ' +
          '2 unlinked calls from an unknown number)'
        : 'empty (seed none)';
  return [
    `MiiTel local org: ${url}  (Apex loaded in ${(loadMs / 1000).toFixed(1)} s; data: ${origin}${dataFile ? `; saved to ${dataFile}` : ''})`,
    '',
    `  settings page   ${url}/`,
    `  call events     POST ${url}/services/apexrest/miitel/v1/call-events`,
    `  access token    ${auth.fixedToken}`,
    `                  (always valid here; or POST ${url}/services/oauth2/token with grant_type=client_credentials)`,
    '',
    '  try:',
    `    curl -s -X POST ${url}/services/oauth2/token -d grant_type=client_credentials`,
    `    curl -s -H 'Authorization: Bearer ${auth.fixedToken}' '${url}/services/data/v65.0/query?q=SELECT+Id,Name+FROM+Contact'`,
    `    env -u HTTP_PROXY -u HTTPS_PROXY -u http_proxy -u https_proxy SF_ACCESS_TOKEN='${auth.fixedToken}' \\`,
    `      node_modules/.bin/sf org login access-token --instance-url ${url} -a local --no-prompt`,
    `    node_modules/.bin/sf data query -o local -q "SELECT Subject, Status, Who.Name FROM Task"`,
    `    npm run simulate -- --target local --scenario outbound-call --port ${running.port}`,
    ...siteLines(running),
    running.eventDelivery === 'batched'
      ? `  platform events batched: delivered every 250 ms or on POST ${url}/local/event-bus/deliver`
      : `  platform events delivered after each request (--event-delivery batched accumulates them)`,
    `  event bus       GET ${url}/local/event-bus`,
    '',
    'Ctrl-C stops.'
  ].join('\n');
}

/** The sites' endpoints (no OAuth: the site's guest user) and what became of MIITEL_WEBHOOK_SECRET. */
function siteLines(running: RunningServer): string[] {
  if (running.siteEndpoints.length === 0) {
    return [];
  }
  const secret =
    running.webhookSecret === 'installed'
      ? 'preset from MIITEL_WEBHOOK_SECRET'
      : running.webhookSecret
        ? `MIITEL_WEBHOOK_SECRET not installed: ${running.webhookSecret}`
        : 'not preset (set MIITEL_WEBHOOK_SECRET, or generate one on the settings page)';
  return [
    '',
    '  Site endpoints (no OAuth, as the site guest user):',
    ...running.siteEndpoints.map((e) => `    ${e.site.padEnd(14)} POST ${running.url}${e.path}`),
    `  webhook secret  ${secret}`,
    `    npm run simulate -- --target local --scenario webhook-answered --port ${running.port}`
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      seed: { type: 'string', default: 'demo' },
      root: { type: 'string', default: '.' },
      quiet: { type: 'boolean', default: false },
      'event-delivery': { type: 'string' },
      'without-subscriber-config': { type: 'boolean', default: false }
    }
  });
  const eventDelivery = values['event-delivery'] ?? process.env.LOCAL_ORG_EVENT_DELIVERY ?? 'immediate';
  if (eventDelivery !== 'immediate' && eventDelivery !== 'batched') {
    throw new Error(`--event-delivery must be immediate or batched (got ${eventDelivery})`);
  }
  if (values.seed !== 'demo' && values.seed !== 'none') {
    throw new Error(`--seed must be demo or none (got ${values.seed})`);
  }
  const port = Number(values.port ?? process.env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`bad port ${values.port ?? process.env.PORT ?? ''}`);
  }
  const started = Date.now();
  const org = loadProject(values.root);
  const loadMs = Date.now() - started;
  const running = await startServer({
    org,
    port,
    seed: values.seed as SeedName,
    demoCalls: true,
    eventDelivery: eventDelivery as EventDeliveryMode,
    withoutSubscriberConfigs: values['without-subscriber-config'],
    ...(values.data ? { dataFile: values.data } : {}),
    ...(process.env.LOCAL_ORG_TOKEN ? { fixedToken: process.env.LOCAL_ORG_TOKEN } : {}),
    ...(process.env.MIITEL_WEBHOOK_SECRET ? { webhookSecret: process.env.MIITEL_WEBHOOK_SECRET } : {}),
    ...(values.quiet ? {} : { log: (line: string) => console.log(`${new Date().toISOString()} ${line}`) })
  });
  console.log(banner(running, values.data, loadMs));
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log(`\n${signal}: stopping the local org…`);
    running.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      }
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof LoadError ? e.message : e);
  process.exit(e instanceof LoadError ? 2 : 1);
});
