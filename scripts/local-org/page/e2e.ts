/**
 * End to end (issue 8): the real local org in-process, a simulated MiiTel call through the real endpoint, then the
 * browser checks on the real settings page — which must find that call's Task in the Tasks view.
 *   npm run test:e2e
 */
import { Connection } from 'jsforce';
import { jsforceTarget, localSession } from '../../simulator/run.ts';
import { scenario } from '../../simulator/scenarios.ts';
import { formatReport, simulate } from '../../simulator/simulate.ts';
import { loadProject } from '../runtime.ts';
import { startServer } from '../server/app.ts';
import { runBrowserChecks } from './browser.ts';
import { buildPage, ROOT, staleReason } from './build.ts';

async function main(): Promise<void> {
  if (staleReason()) {
    await buildPage();
  }
  const running = await startServer({ org: loadProject(ROOT), port: 0 });
  try {
    const session = await localSession(running.port);
    const sends = scenario('outbound-call').sends({
      calls: 1,
      seed: 1,
      customerNumbers: ['+81312345678'],
      startAt: new Date(),
      runId: `e2e-${Date.now().toString(36)}`
    });
    const report = await simulate(jsforceTarget(session), sends);
    console.log(formatReport('outbound-call', report));
    if (report.tasks !== 1 || report.failed > 0) {
      throw new Error('the simulated call did not log exactly one Task');
    }
    const callId = sends.flat()[0]?.call.id ?? '';
    const connection = new Connection({ ...session, version: '65.0' });
    const task = await connection.query<{ Subject: string }>(
      `SELECT Subject FROM Task WHERE MiiTel_Call_Id__c = '${callId}'`
    );
    const subject = task.records[0]?.Subject;
    if (!subject) {
      throw new Error(`no Task for ${callId}`);
    }
    const checks = await runBrowserChecks(running.url, { expectTaskSubjects: [subject] });
    console.log(
      `end to end: ${checks.steps.length} browser checks passed; screenshots: ${checks.screenshots.join(', ')}`
    );
  } finally {
    await running.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
