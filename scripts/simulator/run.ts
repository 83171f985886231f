/**
 * MiiTel simulator: `npm run simulate -- --target local|<sf org alias> --scenario <name> [--calls N] [--seed N]
 * [--record-id <id>] [--numbers +81…,+81…] [--port 8787]`. Prints events sent, API calls used, Tasks created,
 * duplicates, failures and events per second.
 * MiiTel's own Outgoing Webhook (`--scenario webhook-…`, webhook-scenarios.ts) goes to a Salesforce Site instead:
 * `[--secret S]` (default: env MIITEL_WEBHOOK_SECRET) is sent as `X-MiiTel-Webhook-Secret`; `--site-url` is the
 * site's URL (default for local: http://127.0.0.1:<port>/miitel), `--path` the endpoint after it.
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { Connection } from 'jsforce';
import { jsforceTransport } from '../contract/generated/client.ts';
import { SCENARIOS, scenario } from './scenarios.ts';
import { type Target, formatReport, simulate } from './simulate.ts';
import { fetchTarget, formatWebhookReport, simulateWebhooks, WEBHOOK_PATH } from './webhook.ts';
import { WEBHOOK_SCENARIOS, webhookScenario } from './webhook-scenarios.ts';

const API_VERSION = '65.0';

export interface Session {
  instanceUrl: string;
  accessToken: string;
}

/** The local org (npm start) hands out tokens with the client-credentials grant, like an External Client App. */
export async function localSession(port: number): Promise<Session> {
  const instanceUrl = `http://127.0.0.1:${port}`;
  const response = await fetch(`${instanceUrl}/services/oauth2/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials&client_id=miitel-simulator&client_secret=local'
  });
  if (!response.ok) {
    throw new Error(`the local org at ${instanceUrl} refused a token (${response.status}); is npm start running?`);
  }
  const token = (await response.json()) as { access_token: string; instance_url?: string };
  return { instanceUrl: token.instance_url ?? instanceUrl, accessToken: token.access_token };
}

/** A real org the Salesforce CLI is logged in to. */
function orgSession(alias: string): Session {
  const out = execFileSync('node_modules/.bin/sf', ['org', 'display', '--target-org', alias, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' }
  });
  const result = (JSON.parse(out) as { result: { instanceUrl: string; accessToken: string } }).result;
  return { instanceUrl: result.instanceUrl, accessToken: result.accessToken };
}

export function jsforceTarget(session: Session): Target {
  const connection = new Connection({ ...session, version: API_VERSION });
  return {
    transport: jsforceTransport(connection),
    async countTasks(callIds) {
      let total = 0;
      for (let i = 0; i < callIds.length; i += 200) {
        const ids = callIds.slice(i, i + 200).map((id) => `'${id.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
        const result = await connection.query(`SELECT COUNT() FROM Task WHERE MiiTel_Call_Id__c IN (${ids.join(',')})`);
        total += result.totalSize;
      }
      return total;
    }
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', default: 'local' },
      scenario: { type: 'string', default: 'outbound-call' },
      calls: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'record-id': { type: 'string' },
      numbers: { type: 'string', default: '+81312345678,+819012345678,+81661234567' },
      port: { type: 'string', default: process.env.PORT ?? '8787' },
      list: { type: 'boolean', default: false },
      secret: { type: 'string' },
      'site-url': { type: 'string' },
      path: { type: 'string', default: WEBHOOK_PATH }
    }
  });
  if (values.list) {
    for (const s of [...SCENARIOS, ...WEBHOOK_SCENARIOS]) {
      console.log(`${s.name.padEnd(20)} ${s.description}`);
    }
    return;
  }
  const webhook = webhookScenario(values.scenario);
  if (webhook) {
    const secret = values.secret ?? process.env.MIITEL_WEBHOOK_SECRET;
    if (!secret) {
      throw new Error('webhook scenarios need the secret: --secret S or env MIITEL_WEBHOOK_SECRET (as npm start got)');
    }
    const siteUrl = values['site-url'] ?? (values.target === 'local' ? `http://127.0.0.1:${values.port}/miitel` : '');
    if (!siteUrl) {
      throw new Error('a webhook scenario against an org needs --site-url https://<your site domain>/<prefix>');
    }
    const session = values.target === 'local' ? await localSession(Number(values.port)) : orgSession(values.target);
    const url = `${siteUrl.replace(/\/+$/, '')}${values.path}`;
    const sends = webhook.sends({
      calls: values.calls ? Number(values.calls) : webhook.defaultCalls,
      seed: Number(values.seed),
      customerNumbers: values.numbers.split(','),
      startAt: new Date()
    });
    const report = await simulateWebhooks(fetchTarget(url, jsforceTarget(session).countTasks), sends, secret);
    console.log(formatWebhookReport(webhook.name, url, report));
    process.exitCode = report.unexpected.length > 0 ? 1 : 0;
    return;
  }
  const chosen = scenario(values.scenario);
  const session = values.target === 'local' ? await localSession(Number(values.port)) : orgSession(values.target);
  const sends = chosen.sends({
    calls: values.calls ? Number(values.calls) : chosen.defaultCalls,
    seed: Number(values.seed),
    customerNumbers: values.numbers.split(','),
    ...(values['record-id'] ? { recordId: values['record-id'] } : {}),
    startAt: new Date(),
    runId: `sim-${Date.now().toString(36)}`
  });
  const report = await simulate(jsforceTarget(session), sends);
  console.log(formatReport(chosen.name, report));
  process.exitCode = report.failed > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
}
