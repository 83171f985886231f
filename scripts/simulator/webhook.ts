/**
 * Sends MiiTel Outgoing Webhook scenarios (webhook-scenarios.ts) to a Salesforce Site endpoint the way MiiTel does:
 * one POST per body, JSON, the static header `X-MiiTel-Webhook-Secret`, no OAuth. Reports the statuses, the ones a
 * correct receiver would not answer, and the Tasks that exist afterwards for the calls' MiiTel ids.
 */
import { callIdsOf, type WebhookSend } from './webhook-scenarios.ts';

export const SECRET_HEADER = 'X-MiiTel-Webhook-Secret';

/** The default Site endpoint path after the site's URL (the package's `/miitel/v1/webhook` resource). */
export const WEBHOOK_PATH = '/services/apexrest/miitel/v1/webhook';

export interface WebhookResponse {
  status: number;
  contentType: string;
  text: string;
}

export interface WebhookTarget {
  /** POSTs one body with these headers. */
  post(body: string, headers: Record<string, string>): Promise<WebhookResponse>;
  /** Counts the Tasks that exist for these MiiTel call ids (a verification query, not MiiTel's traffic). */
  countTasks(callIds: readonly string[]): Promise<number>;
}

export interface WebhookReport {
  sent: number;
  byStatus: Record<string, number>;
  unexpected: { index: number; status: number; expected: string; text: string }[];
  calls: number;
  tasks: number;
  seconds: number;
}

/** A target that POSTs to `url` with fetch (the Site endpoint), counting Tasks through `countTasks`. */
export function fetchTarget(url: string, countTasks: WebhookTarget['countTasks']): WebhookTarget {
  return {
    async post(body, headers) {
      const res = await fetch(url, { method: 'POST', headers, body });
      return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
    },
    countTasks
  };
}

export async function simulateWebhooks(
  target: WebhookTarget,
  sends: readonly WebhookSend[],
  secret: string,
  now: () => number = Date.now
): Promise<WebhookReport> {
  const started = now();
  const report: WebhookReport = { sent: 0, byStatus: {}, unexpected: [], calls: 0, tasks: 0, seconds: 0 };
  for (const [index, send] of sends.entries()) {
    const res = await target.post(JSON.stringify(send.body), {
      'Content-Type': 'application/json',
      'User-Agent': 'miitel-simulator',
      [SECRET_HEADER]: send.secret === 'configured' ? secret : `${secret}-wrong`
    });
    report.sent++;
    report.byStatus[String(res.status)] = (report.byStatus[String(res.status)] ?? 0) + 1;
    const textOk =
      send.expectText === undefined || (res.text === send.expectText && res.contentType.startsWith('text/plain'));
    if (!send.expect.includes(res.status) || !textOk) {
      report.unexpected.push({
        index,
        status: res.status,
        expected: `${send.expect.join('|')}${send.expectText === undefined ? '' : ` text/plain "${send.expectText}"`}`,
        text: res.text.slice(0, 200)
      });
    }
  }
  report.seconds = Math.max((now() - started) / 1000, 0.001);
  const callIds = callIdsOf(sends);
  report.calls = callIds.length;
  report.tasks = callIds.length > 0 ? await target.countTasks(callIds) : 0;
  return report;
}

export function formatWebhookReport(scenario: string, url: string, report: WebhookReport): string {
  const statuses = Object.entries(report.byStatus)
    .map(([status, n]) => `${status}×${n}`)
    .join(', ');
  const lines = [
    `scenario        ${scenario}`,
    `endpoint        POST ${url}`,
    `webhooks sent   ${report.sent} (${statuses})`,
    `Tasks           ${report.tasks} for ${report.calls} call(s)`,
    `unexpected      ${report.unexpected.length}`,
    `seconds         ${report.seconds.toFixed(2)}`
  ];
  for (const u of report.unexpected.slice(0, 10)) {
    lines.push(`  body #${u.index}: got ${u.status}, expected ${u.expected}: ${u.text}`);
  }
  return lines.join('\n');
}
