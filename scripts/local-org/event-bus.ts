/**
 * Platform event delivery outside tests (Platform Events Developer Guide, "Subscribe to Platform Event Notifications
 * with Apex Triggers": a platform event trigger runs asynchronously, in its own process and transaction, not in the
 * one that published the event). `deliverPublished` runs the events a finished transaction published
 * (stdlib/events.ts `takePublishedEvents`: after a commit all of them, after a rollback only Publish Immediately ones):
 * one transaction per trigger and batch (the trigger's PlatformEventSubscriberConfig batch size, default 2,000), as
 * the trigger's running user (the configured user, else the Automated Process user). A batch whose trigger throws is
 * rolled back and reported (the platform would drop it unless the trigger throws EventBus.RetryableException, which is
 * not modelled); events that batch published are delivered only if they were Publish Immediately. Events published by
 * a delivered batch are delivered after it, until none are left.
 */
// The interpreter first: entering the stdlib's import cycle through stdlib/events.ts would read its exports too early.
import './interpreter/interpreter.ts';
import type { Pos } from './ast/nodes.ts';
import type { Store } from './data/store.ts';
import { ApexThrow } from './values/errors.ts';
import type { ApexSObject } from './values/values.ts';
import type { LocalOrg } from './runtime.ts';
import { runPendingJobs } from './stdlib/async.ts';
import { takePublishedEvents } from './stdlib/event-queue.ts';
import { planDelivery, runSubscriber } from './stdlib/events.ts';

const BUS_POS: Pos = { file: '<event bus>', line: 1, column: 1 };

export interface DeliveryReport {
  /** Trigger runs (one per trigger and batch). */
  runs: number;
  /** Events handed to triggers (an event counts once per subscribed trigger). */
  delivered: number;
  /** Runs whose trigger threw: rolled back. */
  failures: { trigger: string; message: string }[];
}

/** Delivers `events` and whatever their triggers publish in turn (see the module comment). */
export function deliverPublished(org: LocalOrg, events: ApexSObject[]): DeliveryReport {
  const report: DeliveryReport = { runs: 0, delivered: 0, failures: [] };
  let pending = events;
  while (pending.length > 0) {
    const planner = org.transaction();
    const runs = planDelivery(planner, pending);
    pending = [];
    for (const run of runs) {
      const it = org.transaction();
      report.runs++;
      report.delivered += run.batch.length;
      try {
        runSubscriber(it, run.trigger, run.batch, run.userId, BUS_POS);
      } catch (e) {
        if (!(e instanceof ApexThrow)) {
          throw e;
        }
        const data = e.exception.exception;
        report.failures.push({ trigger: run.trigger, message: `${e.exception.cls.fullName}: ${data?.message ?? ''}` });
        pending.push(...takePublishedEvents(it.ctx, false));
        continue;
      }
      org.commit(it.ctx.store as Store);
      runPendingJobs(it);
      org.commit(it.ctx.store as Store);
      pending.push(...takePublishedEvents(it.ctx, true));
    }
  }
  return report;
}
