/**
 * End to end (issue 8): the real local org in-process, simulated MiiTel calls through the real endpoint, then the
 * browser checks on the real settings page — which must find the last call's Task in the Tasks view.
 *   npm run test:e2e [-- --scenario <name> [--calls N]] [--docs]
 * Then the record page checks (record-checks.ts): the call's person's record page shows the call and, expanded, its
 * transcript, in ja and en; the Contact's Account page lists it too.
 * `--docs` (`npm run screenshots`) also copies the settings page's and the record page's screenshots, ja and en, to
 * docs/images/ (the READMEs show them).
 * Default: one outbound call. `--scenario soak` (10,000 events, 2,500 Tasks; a few minutes) runs the browser checks
 * against an org holding soak-sized data, where every request must still answer within the checks' time limits.
 */
import { copyFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Connection } from 'jsforce';
import { jsforceTarget, localSession } from '../../simulator/run.ts';
import { scenario } from '../../simulator/scenarios.ts';
import { formatReport, simulate } from '../../simulator/simulate.ts';
import { loadProject } from '../runtime.ts';
import { startServer } from '../server/app.ts';
import { runBrowserChecks } from './browser.ts';
import { runRecordPageChecks } from './record-checks.ts';
import { buildPage, ROOT, staleReason } from './build.ts';

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
  const running = await startServer({ org: loadProject(ROOT), port: 0 });
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
    if (values.docs) {
      const shots = [...checks.screenshots, ...record.screenshots];
      for (const file of shots.filter((f) => /^(settings|record)-page(-en)?\.png$/.test(basename(f)))) {
        const target = join(ROOT, 'docs', 'images', basename(file));
        copyFileSync(file, target);
        console.log(`updated ${target}`);
      }
    }
  } finally {
    await running.close();
  }
}

function transcriptOf(call: unknown): string | undefined {
  const transcript = (call as { transcript?: unknown } | undefined)?.transcript;
  return typeof transcript === 'string' && transcript !== '' ? transcript : undefined;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
