/**
 * End to end (issue 8): the real local org in-process, simulated MiiTel calls through the real endpoint, then the
 * browser checks on the real settings page — which must find the last call's Task in the Tasks view.
 *   npm run test:e2e [-- --scenario <name> [--calls N]] [--docs]
 * Then the record page checks (record-checks.ts): the call's person's record page shows the call and, expanded, its
 * transcript, in ja and en; the Contact's Account page lists it too.
 * `--docs` (`npm run screenshots`) also copies the settings page's and the record page's screenshots, ja and en, to
 * docs/images/ (the READMEs show them).
 * Then the setup health (issue 23): one MiiTel webhook through the site, and the "webhook trigger's running user" line
 * is green (force-dev's subscriber config: the integration user); on a second local org started without the subscriber
 * config (the trigger runs as the Automated Process user) the same webhook turns it red with its fix (ja and en);
 * `--docs` copies those red screenshots too.
 * Then the unlinked calls (issue 24): two calls from a number no record holds (the simulator's `unknown-caller`), the
 * settings page's "Unlinked calls" tab links them to a Contact and saves the number on it (unlinked-checks.ts); the
 * Tasks then have the Contact and the Contact the number, read back through the org's REST API. `--docs` copies
 * `unlinked-calls.png` and `unlinked-calls-en.png` too.
 * Then the matching tester (issue 24): two simulated calls to the demo company's main line (代表番号), one by 佐藤 花子;
 * the settings page's tester, run as her on the main line in another format, must pick the Contact her call's Task has,
 * with the Task's why-line (tester-checks.ts). `--docs` copies `matching-tester.png` and `matching-tester-en.png` too.
 * Default: one outbound call. `--scenario soak` (10,000 events, 2,500 Tasks; a few minutes) runs the browser checks
 * against an org holding soak-sized data, where every request must still answer within the checks' time limits.
 */
import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Connection } from 'jsforce';
import { jsforceTarget, localSession, type Session } from '../../simulator/run.ts';
import { scenario, UNKNOWN_NUMBER } from '../../simulator/scenarios.ts';
import { formatReport, simulate } from '../../simulator/simulate.ts';
import { loadProject } from '../runtime.ts';
import { startServer } from '../server/app.ts';
import { webhookScenario } from '../../simulator/webhook-scenarios.ts';
import type { RunningServer } from '../server/app.ts';
import { checkWebhookUserHealth, runBrowserChecks } from './browser.ts';
import { runRecordPageChecks } from './record-checks.ts';
import { runMatchingTesterChecks } from './tester-checks.ts';
import { DEMO_MAIN_LINE } from '../server/seed-demo.ts';
import { runUnlinkedChecks } from './unlinked-checks.ts';
import { buildPage, ROOT, staleReason } from './build.ts';

const WEBHOOK_SECRET = 'e2e-webhook-secret-0123456789';
const WEBHOOK_PATH = '/miitel/services/apexrest/miitel/v1/webhook';
/** Parts of the webhookUser line's labels (MiiTel_Health_Webhook_User_Ok / _Not_Configured, ja translation and en). */
const HEALTH_TEXT = {
  ok: 'MiiTel_Integration を持つユーザーとして実行されています',
  notConfigured: 'MiiTel_Integration のないユーザーとして実行されたため',
  notConfiguredEn: 'were deferred because the trigger runs as a user without MiiTel_Integration'
};

/** Posts one answered call as MiiTel's Outgoing Webhook (the site's guest user) and delivers the platform event. */
async function sendWebhook(server: RunningServer, seed: number): Promise<void> {
  const scenario = webhookScenario('webhook-answered');
  if (!scenario) {
    throw new Error('no webhook-answered scenario');
  }
  for (const send of scenario.sends({ calls: 1, seed, customerNumbers: ['+81312345678'], startAt: new Date() })) {
    const response = await fetch(`${server.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-MiiTel-Webhook-Secret': WEBHOOK_SECRET },
      body: JSON.stringify(send.body)
    });
    if (response.status !== 200) {
      throw new Error(`the webhook answered ${response.status}: ${await response.text()}`);
    }
  }
  await server.drainEvents();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string', default: 'outbound-call' },
      calls: { type: 'string' },
      docs: { type: 'boolean', default: false }
    }
  });
  const chosen = scenario(values.scenario);
  const calls = values.calls ? Number(values.calls) : values.scenario === 'outbound-call' ? 1 : chosen.defaultCalls;
  if (!Number.isInteger(calls) || calls < 1) {
    throw new Error(`--calls must be a positive integer (got ${values.calls ?? ''})`);
  }
  if (staleReason()) {
    await buildPage();
  }
  const running = await startServer({ org: loadProject(ROOT), port: 0, webhookSecret: WEBHOOK_SECRET });
  try {
    const session = await localSession(running.port);
    const sends = chosen.sends({
      calls,
      seed: 1,
      customerNumbers: ['+81312345678', '+819012345678', '+81661234567'],
      startAt: new Date(),
      runId: `e2e-${Date.now().toString(36)}`
    });
    const report = await simulate(jsforceTarget(session), sends);
    console.log(formatReport(chosen.name, report));
    if (report.tasks !== report.calls || report.failed > 0) {
      throw new Error(`the simulated calls did not log exactly one Task each (${report.tasks} for ${report.calls})`);
    }
    const callId = sends.flat().at(-1)?.call.id ?? '';
    const connection = new Connection({ ...session, version: '65.0' });
    const task = await connection.query<{ Subject: string; Description: string | null }>(
      `SELECT Subject, Description FROM Task WHERE MiiTel_Call_Id__c = '${callId}'`
    );
    const subject = task.records[0]?.Subject;
    if (!subject) {
      throw new Error(`no Task for ${callId}`);
    }
    const started = Date.now();
    const checks = await runBrowserChecks(running.url, { expectTaskSubjects: [subject] });
    console.log(
      `end to end: ${checks.steps.length} browser checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `screenshots: ${checks.screenshots.join(', ')}`
    );
    // The record page of the call's person shows it with its transcript (the last line the scenario transcribed).
    const transcript = transcriptOf(sends.flat().at(-1)?.call);
    if (transcript && !(task.records[0]?.Description ?? '').includes(transcript)) {
      throw new Error(`the Task of ${callId} does not hold the transcript`);
    }
    const record = await runRecordPageChecks(running.url, { subject, transcript: transcript ?? '' });
    console.log(
      `end to end: ${record.steps.length} record page checks passed; screenshots: ${record.screenshots.join(', ')}`
    );
    const unlinked = await checkUnlinkedCalls(running.url, session, connection);
    await sendWebhook(running, 11);
    const healthShots = [
      await checkWebhookUserHealth(running.url, {
        status: 'ok',
        text: HEALTH_TEXT.ok,
        screenshot: 'health-webhook-user-ok.png'
      })
    ];
    const unconfigured = await startServer({
      org: loadProject(ROOT),
      port: 0,
      webhookSecret: WEBHOOK_SECRET,
      withoutSubscriberConfigs: true
    });
    try {
      await sendWebhook(unconfigured, 12);
      healthShots.push(
        await checkWebhookUserHealth(unconfigured.url, {
          status: 'error',
          text: HEALTH_TEXT.notConfigured,
          screenshot: 'health-webhook-user-red.png'
        }),
        await checkWebhookUserHealth(
          unconfigured.url,
          { status: 'error', text: HEALTH_TEXT.notConfiguredEn, screenshot: 'health-webhook-user-red-en.png' },
          { lang: 'en_US' }
        )
      );
    } finally {
      await unconfigured.close();
    }
    console.log(`end to end: setup health checked; screenshots: ${healthShots.join(', ')}`);
    const testerShots = await checkMatchingTester(running.url, jsforceTarget(session), connection);
    if (values.docs) {
      const shots = [...checks.screenshots, ...record.screenshots, ...unlinked, ...healthShots, ...testerShots];
      for (const file of shots.filter((f) =>
        /^((settings|record)-page(-en)?|health-webhook-user-red(-en)?|unlinked-calls(-en)?|matching-tester(-en)?)\.png$/.test(
          basename(f)
        )
      )) {
        const target = join(ROOT, 'docs', 'images', basename(file));
        copyFileSync(file, target);
        console.log(`updated ${target}`);
      }
    }
  } finally {
    await running.close();
  }
}

/**
 * Simulates two calls from UNKNOWN_NUMBER, links them on the "Unlinked calls" tab to the demo Contact 山田 一郎 saving
 * the number into its first empty phone field (HomePhone: Phone and MobilePhone hold numbers), then reads back
 * through the REST API that both Tasks have the Contact and the Contact the number and its key.
 * @returns the tab's screenshots
 */
async function checkUnlinkedCalls(url: string, session: Session, connection: Connection): Promise<string[]> {
  const runId = `e2e-unknown-${Date.now().toString(36)}`;
  const sends = scenario('unknown-caller').sends({
    calls: 2,
    seed: 1,
    customerNumbers: [],
    startAt: new Date(Date.now() - 10 * 60 * 1000),
    runId
  });
  const report = await simulate(jsforceTarget(session), sends);
  if (report.tasks !== 2 || report.failed > 0) {
    throw new Error(`the unknown caller's calls did not log two Tasks (${String(report.tasks)})`);
  }
  const checks = await runUnlinkedChecks(url, {
    number: UNKNOWN_NUMBER,
    calls: 2,
    contactSearch: '山田',
    contactName: '山田 一郎'
  });
  const contact = await connection.query<{
    Id: string;
    HomePhone: string | null;
    MiiTel_Home_Phone_Key__c: string | null;
  }>("SELECT Id, HomePhone, MiiTel_Home_Phone_Key__c FROM Contact WHERE LastName = '山田' AND FirstName = '一郎'");
  const yamada = contact.records[0];
  const tasks = await connection.query<{ WhoId: string | null }>(
    `SELECT WhoId FROM Task WHERE MiiTel_Call_Id__c LIKE '${runId}%'`
  );
  if (!yamada || tasks.records.length !== 2 || tasks.records.some((t) => t.WhoId !== yamada.Id)) {
    throw new Error(`after linking, the unknown caller's Tasks are not on 山田 一郎: ${JSON.stringify(tasks.records)}`);
  }
  if (yamada.HomePhone !== UNKNOWN_NUMBER || yamada.MiiTel_Home_Phone_Key__c !== UNKNOWN_NUMBER) {
    throw new Error(`the number was not saved on 山田 一郎 with its key: ${JSON.stringify(yamada)}`);
  }
  console.log(
    `end to end: ${String(checks.steps.length)} unlinked-calls checks passed; both Tasks have the Contact, ` +
      `its HomePhone the number; screenshots: ${checks.screenshots.join(', ')}`
  );
  return checks.screenshots;
}

function transcriptOf(call: unknown): string | undefined {
  const transcript = (call as { transcript?: unknown } | undefined)?.transcript;
  return typeof transcript === 'string' && transcript !== '' ? transcript : undefined;
}

/** The demo's main line as people write it, not as seeded or as MiiTel sends it (the tester takes any format). */
const MAIN_LINE_AS_TYPED = '03-6280-1000';
/** The demo rep who owns one of the three Contacts sharing the main line (seed-demo.ts). */
const MAIN_LINE_REP = 'mt-user-1';

/**
 * Simulates calls to the demo main line (call 0 by mt-user-0, call 1 by mt-user-1), reads back the Task of the rep
 * MAIN_LINE_REP's call (its Contact and why-line), then runs the matching tester as that rep on the main line.
 * @returns the tester's screenshots
 */
async function checkMatchingTester(
  url: string,
  target: ReturnType<typeof jsforceTarget>,
  connection: Connection
): Promise<string[]> {
  const runId = `e2e-main-line-${Date.now().toString(36)}`;
  const sends = scenario('outbound-call').sends({
    calls: 2,
    seed: 1,
    customerNumbers: [DEMO_MAIN_LINE],
    startAt: new Date(),
    runId
  });
  const report = await simulate(target, sends);
  if (report.tasks !== 2 || report.failed > 0) {
    throw new Error(`the calls to the main line did not log two Tasks (${String(report.tasks)})`);
  }
  const rep = (
    await connection.query<{ Id: string; Name: string }>(
      `SELECT Id, Name FROM User WHERE MiiTel_User_Id__c = '${MAIN_LINE_REP}'`
    )
  ).records[0];
  if (!rep) {
    throw new Error(`no user ${MAIN_LINE_REP} in the demo org`);
  }
  const task = (
    await connection.query<{ WhoId: string | null; MiiTel_Match_Reason__c: string | null }>(
      `SELECT WhoId, MiiTel_Match_Reason__c FROM Task WHERE MiiTel_Call_Id__c LIKE '${runId}%' AND OwnerId = '${rep.Id}'`
    )
  ).records[0];
  if (!task?.WhoId || !task.MiiTel_Match_Reason__c) {
    throw new Error(
      `the Task of ${rep.Name}'s call to the main line has no Contact or why-line: ${JSON.stringify(task)}`
    );
  }
  const contact = (await connection.query<{ Name: string }>(`SELECT Name FROM Contact WHERE Id = '${task.WhoId}'`))
    .records[0];
  if (!contact) {
    throw new Error(`the Task of ${rep.Name}'s call is not on a Contact (${task.WhoId})`);
  }
  const checks = await runMatchingTesterChecks(url, {
    phone: MAIN_LINE_AS_TYPED,
    rep: { id: rep.Id, name: rep.Name },
    expected: { recordId: task.WhoId, name: contact.Name, reason: task.MiiTel_Match_Reason__c }
  });
  console.log(
    `end to end: ${String(checks.steps.length)} matching tester checks passed; ${rep.Name}'s call and the tester both ` +
      `chose ${contact.Name} (${task.MiiTel_Match_Reason__c}); screenshots: ${checks.screenshots.join(', ')}`
  );
  return checks.screenshots;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
