/**
 * Runs a scenario against a target and measures what MiiTel would see: events sent, API calls used, results by
 * status, Tasks created, events per second.
 */
import {
  type CallEvent,
  type CallEventResult,
  type CallEventsTransport,
  postCallEventsInBatches,
  batchCallEvents
} from '../contract/generated/client.ts';
import type { Send } from './scenarios.ts';

export interface Target {
  /** Where the events go. */
  transport: CallEventsTransport;
  /** Counts the Tasks that exist for these MiiTel call ids (a verification query, not part of the scenario's cost). */
  countTasks(callIds: readonly string[]): Promise<number>;
}

/**
 * API calls MiiTel's REST integration spends today for the same events (seed): up to 3 look-ups + 1 create when the
 * Task is created, 1 for a transcript, 1 per memo change.
 */
const LEGACY_CALLS: Record<CallEvent['type'], number> = {
  'call.started': 0,
  'call.ended': 4,
  'call.transcribed': 1,
  'call.memo_updated': 1
};

export interface Report {
  eventsSent: number;
  apiCalls: number;
  legacyApiCalls: number;
  applied: number;
  duplicates: number;
  skipped: number;
  failed: number;
  failures: { eventId: string; code: string; message: string }[];
  calls: number;
  tasks: number;
  seconds: number;
  eventsPerSecond: number;
}

export async function simulate(target: Target, sends: readonly Send[], now: () => number = Date.now): Promise<Report> {
  const started = now();
  const results: CallEventResult[] = [];
  let apiCalls = 0;
  for (const send of sends) {
    apiCalls += batchCallEvents(send).length;
    results.push(...(await postCallEventsInBatches(target.transport, send)).results);
  }
  const seconds = Math.max((now() - started) / 1000, 0.001);
  const events: CallEvent[] = sends.flat();
  const callIds = [...new Set(events.map((event) => event.call.id))];
  const count = (status: CallEventResult['status']): number => results.filter((r) => r.status === status).length;
  return {
    eventsSent: events.length,
    apiCalls,
    legacyApiCalls: [...new Map(events.map((e) => [e.eventId, e])).values()].reduce(
      (sum, event) => sum + LEGACY_CALLS[event.type],
      0
    ),
    applied: count('applied'),
    duplicates: count('duplicate'),
    skipped: count('skipped'),
    failed: count('failed'),
    failures: results
      .filter((r) => r.status === 'failed')
      .map((r) => ({ eventId: r.eventId ?? '?', code: r.error?.code ?? '?', message: r.error?.message ?? '' })),
    calls: callIds.length,
    tasks: await target.countTasks(callIds),
    seconds,
    eventsPerSecond: events.length / seconds
  };
}

export function formatReport(scenario: string, report: Report): string {
  const lines = [
    `scenario        ${scenario}`,
    `events sent     ${report.eventsSent}`,
    `API calls used  ${report.apiCalls} (MiiTel's REST integration: up to ${report.legacyApiCalls})`,
    `Tasks created   ${report.tasks} for ${report.calls} call(s)`,
    `applied         ${report.applied}`,
    `duplicates      ${report.duplicates}`,
    `skipped         ${report.skipped}`,
    `failures        ${report.failed}`,
    `events/second   ${report.eventsPerSecond.toFixed(1)} (${report.seconds.toFixed(2)} s)`
  ];
  for (const failure of report.failures.slice(0, 10)) {
    lines.push(`  failed ${failure.eventId}: ${failure.code} ${failure.message}`);
  }
  return lines.join('\n');
}
