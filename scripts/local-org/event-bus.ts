/**
 * The org's event bus outside tests (Platform Events Developer Guide, "Subscribe to Platform Event Notifications with
 * Apex Triggers": a platform event trigger "runs asynchronously in its own process", not in the transaction that
 * published the event). `PlatformEventBus` (one per org: `busOf(org)`) takes what finished transactions published
 * (`publish`: stdlib/event-queue.ts `takePublishedEvents` — after a commit all of them, after a rollback only Publish
 * Immediately ones), gives them ReplayIds and keeps them per trigger; `round()` runs one delivery round and `drain()`
 * rounds until nothing is left (stdlib/event-bus-state.ts has the rules: batches, RetryableException, checkpoints,
 * the error state). Each trigger run is a transaction of its own, as the trigger's running user, with fresh
 * (synchronous) limits: committed when it returns, rolled back when it throws — except after a checkpoint, where its
 * work is committed (the literal reading of the Platform Events Developer Guide, unverified; `checkpointDml`). Events
 * a run published follow the same rule as a request's; queued jobs run after a commit.
 *
 * Publish callbacks run when their events enter the bus (success) or when publishing fails (failure), each call in
 * a transaction of its own as the Automated Process user (stdlib/events.ts). Outside tests publishing never fails
 * unless a test forces it: `failNextPublishes(n)` makes the next n events that reach the bus fail after
 * EventBus.publish returned success, as the platform's asynchronous publishing can ("the immediate result returned
 * in SaveResult is the result of queuing the publish operation": Platform Events Developer Guide, "Get the Result of
 * Asynchronous Platform Event Publishing with Apex Publish Callbacks"): they are dropped and their failure callbacks
 * run.
 */
// The interpreter first: entering the stdlib's import cycle through stdlib/events.ts would read its exports too early.
import './interpreter/interpreter.ts';
import type { Pos } from './ast/nodes.ts';
import type { Store } from './data/store.ts';
import type { Interpreter } from './interpreter/interpreter.ts';
import { ApexThrow } from './values/errors.ts';
import type { ApexObject, ApexSObject } from './values/values.ts';
import type { LocalOrg } from './runtime.ts';
import { runPendingJobs } from './stdlib/async.ts';
import {
  addReport,
  BusState,
  deliverRound,
  emptyReport,
  publishToBus,
  type DeliveryReport,
  type SubscriberReport
} from './stdlib/event-bus-state.ts';
import { callbacksOf, takePublishedEvents } from './stdlib/event-queue.ts';
import { keepsWork, runPublishCallback, runTriggerBatch, type CheckpointDml } from './stdlib/events.ts';

export type { DeliveryReport, SubscriberReport } from './stdlib/event-bus-state.ts';

const BUS_POS: Pos = { file: '<event bus>', line: 1, column: 1 };

/** A publish callback that threw (its transaction rolled back). */
export interface CallbackFailure {
  callback: string;
  kind: 'success' | 'failure';
  message: string;
}

export interface PublishReport {
  /** Events that entered the bus. */
  published: number;
  /** Events whose publishing was forced to fail. */
  failed: number;
  callbacks: number;
  callbackFailures: CallbackFailure[];
}

export class PlatformEventBus {
  readonly state = new BusState();
  private failNext = 0;
  /** What a failed run after a checkpoint keeps (see stdlib/events.ts `CheckpointDml`). */
  checkpointDml: CheckpointDml = 'committed';
  /** Reports of runs and callbacks since the last `takeLog()`, for the server's log. */
  private readonly log: string[] = [];

  constructor(readonly org: LocalOrg) {}

  /** The next `n` events that reach the bus fail to publish (dropped; failure callbacks run). */
  failNextPublishes(n: number): void {
    this.failNext += n;
  }

  /** Events of finished transactions enter the bus (ReplayIds), and their publish callbacks run. */
  publish(events: ApexSObject[]): PublishReport {
    const report: PublishReport = { published: 0, failed: 0, callbacks: 0, callbackFailures: [] };
    if (events.length === 0) {
      return report;
    }
    const failing = Math.min(this.failNext, events.length);
    this.failNext -= failing;
    const failed = events.slice(0, failing);
    const accepted = events.slice(failing);
    publishToBus(this.state, this.org.transaction(), accepted);
    report.published = accepted.length;
    report.failed = failed.length;
    for (const [list, kind] of [
      [failed, 'failure'],
      [accepted, 'success']
    ] as const) {
      for (const call of callbacksOf(list)) {
        const ran = this.runCallback(call, kind, report);
        report.callbacks += ran ? 1 : 0;
      }
    }
    if (failed.length > 0) {
      this.log.push(`platform event publishing failed (forced) for ${failed.length} event(s)`);
    }
    return report;
  }

  /** One publish callback call in a transaction of its own; committed unless it throws. */
  private runCallback(
    call: { callback: ApexObject; uuids: string[] },
    kind: 'success' | 'failure',
    report: PublishReport
  ): boolean {
    const it = this.org.transaction();
    let ran = false;
    try {
      ran = runPublishCallback(it, call, kind, BUS_POS);
    } catch (e) {
      if (!(e instanceof ApexThrow)) {
        throw e;
      }
      const message = `${e.exception.cls.fullName}: ${e.exception.exception?.message ?? ''}`;
      report.callbackFailures.push({ callback: call.callback.cls.fullName, kind, message });
      this.log.push(`publish callback ${call.callback.cls.fullName} (${kind}) failed (rolled back): ${message}`);
      this.publish(takePublishedEvents(it.ctx, false));
      return true;
    }
    this.publish(this.commit(it));
    return ran;
  }

  /** Commits `it`, runs the jobs it queued, and returns the events it published. */
  private commit(it: Interpreter): ApexSObject[] {
    this.org.commit(it.ctx.store as Store);
    if (it.ctx.pendingJobs.length > 0) {
      runPendingJobs(it);
      this.org.commit(it.ctx.store as Store);
    }
    return takePublishedEvents(it.ctx, true);
  }

  /**
   * One delivery round: each trigger gets its pending events, batch after batch; redeliveries, and the events the
   * runs publish, wait for the next round.
   */
  round(): DeliveryReport {
    const later: ApexSObject[] = [];
    const report = deliverRound(this.state, (subscriber, batch, context) => {
      const it = this.org.transaction();
      const outcome = runTriggerBatch(it, subscriber, batch, context, BUS_POS);
      later.push(...(keepsWork(outcome, this.checkpointDml) ? this.commit(it) : takePublishedEvents(it.ctx, false)));
      return outcome;
    });
    this.publish(later);
    this.writeRows();
    for (const r of report.records) {
      if (r.outcome === 'processed' && r.checkpoint === undefined) {
        continue;
      }
      const batch = `${r.replayIds[0] ?? ''}..${r.replayIds[r.replayIds.length - 1] ?? ''}`;
      const what =
        r.outcome === 'retry'
          ? r.errorState
            ? `threw RetryableException after ${r.retries} retries: now in the error state, its events dropped`
            : `threw RetryableException (retry ${r.retries + 1} next round): ${r.message ?? ''}`
          : r.outcome === 'failed'
            ? r.checkpoint === undefined
              ? `failed (batch rolled back and dropped): ${r.message ?? ''}`
              : `failed after checkpoint ${r.checkpoint} (resumes after it): ${r.message ?? ''}`
            : `stopped at checkpoint ${r.checkpoint ?? ''} (resumes after it)`;
      this.log.push(`platform event trigger ${r.trigger} batch ${batch} ${what}`);
    }
    return report;
  }

  /** Rounds until no trigger has pending events (retries run in later rounds; the error state ends them). */
  drain(): DeliveryReport {
    const report = emptyReport();
    while (this.state.hasWork()) {
      addReport(report, this.round());
    }
    return report;
  }

  /** EventBusSubscriber rows for SOQL, in a committed transaction of their own. */
  private writeRows(): void {
    const it = this.org.transaction();
    this.state.writeRows(it, it.ctx.store as Store);
    this.org.commit(it.ctx.store as Store);
  }

  hasWork(): boolean {
    return this.state.hasWork();
  }

  subscribers(): SubscriberReport[] {
    return this.state.report();
  }

  /** A trigger in the error state runs again from the latest events (the platform: fix and save it, or resume it). */
  resume(trigger: string): boolean {
    return this.state.resume(trigger);
  }

  /** Log lines since the last call. */
  takeLog(): string[] {
    return this.log.splice(0);
  }
}

const buses = new WeakMap<LocalOrg, PlatformEventBus>();

/** The org's bus (created on first use). */
export function busOf(org: LocalOrg): PlatformEventBus {
  const bus = buses.get(org) ?? new PlatformEventBus(org);
  buses.set(org, bus);
  return bus;
}

/** Publishes `events` on the org's bus and delivers until nothing is left (the server's immediate mode). */
export function deliverPublished(org: LocalOrg, events: ApexSObject[]): DeliveryReport {
  const bus = busOf(org);
  bus.publish(events);
  return bus.drain();
}
