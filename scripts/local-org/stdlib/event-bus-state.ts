/**
 * The event bus's state and its delivery rounds, shared by the server's bus (../event-bus.ts, one per org) and the
 * test event bus of an Apex test (stdlib/events.ts, one per test method: "State information of events and subscribers
 * is reset and isn't persisted", Platform Events Developer Guide, "Event and Event Bus Properties in Test Context").
 * Each rule cites the Platform Events Developer Guide page it follows:
 *
 * - **Channels and ReplayId.** An event enters the bus (`publishToBus`) with the next ReplayId of its channel (one
 *   channel per event object, increasing from 1; the platform's values are opaque and only ordered: unverified beyond
 *   that), and is appended to the pending list of every subscribed trigger in the Running state.
 * - **Batches.** A trigger receives its pending events in ReplayId order, at most its batch size at a time
 *   (PlatformEventSubscriberConfig batchSize, default and maximum 2,000): "An Apex trigger processes platform event
 *   notifications sequentially in the order they're received. The order of events is based on the event replay ID
 *   … The events in a batch can originate from one or more publishers" (Platform Events Developer Guide, "Subscribe to
 *   Platform Event Notifications with Apex Triggers"). So events published by separate requests accumulate into one
 *   batch.
 * - **RetryableException.** The run is rolled back, and the whole batch is resent later, in ReplayId order, "possibly
 *   in a larger batch" with later events, with TriggerContext.retries one higher and lastError = the message. "You
 *   can run a trigger up to 10 times when it is retried (the initial run plus nine retries). After the trigger is
 *   retried nine times, it moves to the error state and stops processing new events … Events sent after the trigger
 *   moves to the error state and before it returns to the running state are not resent to the trigger" (Platform Events
 *   Developer Guide, "Retry Event Triggers with EventBus.RetryableException"). EventBusSubscriber.Position "isn't
 *   incremented" by a retry (Platform Events Developer Guide, "Test Retried Event Messages"). In the error state the
 *   pending events are dropped; `resume` (the platform's "fix the trigger and save it", or resuming on the subscription
 *   page) returns it to Running "from the latest events" (Object Reference, "EventBusSubscriber", Status Error).
 * - **Checkpoint.** setResumeCheckpoint(replayId) makes the trigger fire again with the events after that replay ID,
 *   "in addition to any new event messages", both after an uncaught exception (a LimitException included) and when
 *   the run ends normally before its last event ("When the trigger stops its flow of execution, either intentionally
 *   or because of an unhandled exception … it fires again with a new batch": Platform Events Developer Guide, "Resume a
 *   Platform Event Trigger After an Uncaught Exception"). retries and lastError "don't apply and aren't populated" and
 *   there is no limit on resumes (Platform Events Developer Guide, "Comparing setResumeCheckpoint() and
 *   EventBus.RetryableException"). What becomes of the DML of a run that failed after a checkpoint is the runner's
 *   business (`checkpointDml` in events.ts / event-bus.ts). A RetryableException thrown after a checkpoint retries the
 *   whole batch (the checkpoint is ignored: observed and reported on salesforce.stackexchange.com question 295530; the
 *   Platform Events Developer Guide is silent — unverified).
 * - **Uncaught exception without a checkpoint.** The batch is dropped: "Your code fails and the current batch of
 *   events that was delivered to the trigger is no longer available. Unprocessed events from that batch aren't
 *   redelivered" (Trailhead, Platform Events Debugging, "Apply Best Practices for Writing Platform Event Triggers").
 *   Position then moves past the batch (unverified), and the trigger stays Running ("Trigger assertion failures and
 *   unhandled exceptions don't cause the error state", Object Reference, "EventBusSubscriber").
 * - **Rounds.** A round runs, for each trigger in turn, batch after batch of its pending events until none is left or
 *   a run asks for a redelivery (retry, checkpoint resume): a redelivery waits for the next round (the platform
 *   resends "after a small delay"). Events published by trigger runs are pending for the next round.
 * - **Retries counter.** The EventBusSubscriber Retries value stays after the retried batch finally succeeds (the
 *   Platform Events Developer Guide "Test Retried Event Messages" example reads Retries = 2 after a trigger retried
 *   twice); TriggerContext.retries is 0 again for the next batch (unverified: the Platform Events Developer Guide does
 *   not say when the count starts over).
 */
import type { Interpreter } from '../interpreter/interpreter.ts';
import type { Store } from '../data/store.ts';
import type { Value } from '../values/values.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { ApexSObject } from '../values/values.ts';

/** "You can run a trigger up to 10 times when it is retried (the initial run plus nine retries)." */
export const MAX_RETRIES = 9;
/** Platform Events Developer Guide "Platform Event Allocations" / PlatformEventSubscriberConfig batchSize: default and
 * maximum.
 */
export const MAX_BATCH_SIZE = 2000;

export type SubscriberStatus = 'Running' | 'Error';

/** One platform event trigger's subscription (an EventBusSubscriber row on the platform). */
export interface SubscriberState {
  /** The trigger's name (EventBusSubscriber.Name). */
  trigger: string;
  /** The event object (EventBusSubscriber.Topic). */
  topic: string;
  userId: string | undefined;
  batchSize: number;
  /** Events waiting for this trigger, in ReplayId order. */
  pending: ApexSObject[];
  /** ReplayId of the last event it processed (EventBusSubscriber.Position); null before the first. */
  position: number | null;
  /** Times the current batch was retried (TriggerContext.retries, EventBusSubscriber.Retries). */
  retries: number;
  /** Message of the last RetryableException (TriggerContext.lastError, EventBusSubscriber.LastError). */
  lastError: string | null;
  status: SubscriberStatus;
  /** The last batch succeeded: retries and lastError start over with the next batch. */
  startOver: boolean;
}

/** What one trigger run on one batch ended with (stdlib/events.ts `runTriggerBatch`). */
export type RunOutcome =
  | { kind: 'processed'; checkpoint?: string }
  | { kind: 'retry'; message: string }
  | { kind: 'failed'; message: string; checkpoint?: string };

/** A trigger run of a round, as reported. */
export interface RunRecord {
  trigger: string;
  /** ReplayIds of the batch. */
  replayIds: string[];
  retries: number;
  outcome: RunOutcome['kind'];
  message?: string;
  checkpoint?: string;
  /** The run moved the trigger to the error state. */
  errorState?: boolean;
}

export interface DeliveryReport {
  /** Trigger runs (one per trigger and batch). */
  runs: number;
  /** Events handed to triggers (an event counts once per trigger and run). */
  delivered: number;
  /** Runs whose trigger threw (retries included): rolled back unless a checkpoint says otherwise. */
  failures: { trigger: string; message: string }[];
  /** Every run, in order. */
  records: RunRecord[];
}

export const emptyReport = (): DeliveryReport => ({ runs: 0, delivered: 0, failures: [], records: [] });

export function addReport(into: DeliveryReport, more: DeliveryReport): void {
  into.runs += more.runs;
  into.delivered += more.delivered;
  into.failures.push(...more.failures);
  into.records.push(...more.records);
}

/** A subscriber as reported to TypeScript and `GET /local/event-bus`. */
export interface SubscriberReport {
  name: string;
  topic: string;
  status: SubscriberStatus;
  position: string | null;
  tip: string | null;
  retries: number;
  lastError: string | null;
  pending: number;
  batchSize: number;
  userId: string | null;
}

export class BusState {
  /** Last ReplayId per channel (lower-cased event object name). */
  readonly tips = new Map<string, number>();
  /** Subscribers by lower-cased trigger name, in the order they were first published to. */
  readonly subscribers = new Map<string, SubscriberState>();

  /** Whether a round would run anything. */
  hasWork(): boolean {
    return [...this.subscribers.values()].some((s) => s.status === 'Running' && s.pending.length > 0);
  }

  report(): SubscriberReport[] {
    return [...this.subscribers.values()].map((s) => ({
      name: s.trigger,
      topic: s.topic,
      status: s.status,
      position: s.position === null ? null : String(s.position),
      tip: String(this.tips.get(s.topic.toLowerCase()) ?? 0),
      retries: s.retries,
      lastError: s.lastError,
      pending: s.pending.length,
      batchSize: s.batchSize,
      userId: s.userId ?? null
    }));
  }

  /**
   * Writes the subscribers as EventBusSubscriber rows into `store` (Object Reference "EventBusSubscriber": Name, Topic,
   * Position, Tip, Retries, LastError, Status, Type), so that SOQL reads them as on the platform ("Test Retried Event
   * Messages" queries them in a test). One row per trigger, found again by Name; Type 'ApexTrigger' and ExternalId
   * null are this runtime's values (unverified).
   */
  writeRows(it: Interpreter, store: Store): void {
    const d = it.registry.schema.describe('EventBusSubscriber');
    if (!d) {
      return;
    }
    const existing = new Map<string, string>();
    for (const [id, row] of store.tables.get('eventbussubscriber') ?? []) {
      existing.set(String(row.get('name')).toLowerCase(), id);
    }
    for (const r of this.report()) {
      const values: [string, Value][] = [
        ['name', r.name],
        ['topic', r.topic],
        ['position', r.position === null ? null : Number(r.position)],
        ['tip', Number(r.tip)],
        ['retries', r.retries],
        ['lasterror', r.lastError],
        ['status', r.status],
        ['type', 'ApexTrigger'],
        ['externalid', null]
      ];
      const id = existing.get(r.name.toLowerCase());
      if (!id || !store.update(id, values)) {
        const newId = store.newId(d);
        store.put(d, newId, new Map<string, Value>([['id', newId], ...values]));
      }
    }
  }

  /** Returns a trigger in the error state to Running, from the latest events (nothing pending). */
  resume(trigger: string): boolean {
    const s = this.subscribers.get(trigger.toLowerCase());
    if (!s || s.status !== 'Error') {
      return false;
    }
    s.status = 'Running';
    s.retries = 0;
    s.lastError = null;
    s.pending = [];
    return true;
  }
}

/** The platform event triggers subscribed to `type`, by name (the `after insert` triggers of the event object). */
export function subscribersOf(it: Interpreter, type: SObjectDescribe): string[] {
  return it.registry.triggers
    .filter((t) => t.object.toLowerCase() === type.name.toLowerCase() && t.events.includes('after insert'))
    .map((t) => t.name);
}

/**
 * The subscriber settings of `trigger`: its PlatformEventSubscriberConfig's user and batch size, or the Automated
 * Process user and 2,000 (Platform Events Developer Guide, "Configure the User and Batch Size for Your Platform Event
 * Trigger with PlatformEventSubscriberConfig"). A configured user who is not a user of the org is a RuntimeGap naming
 * the file: the platform refuses to deploy such a config, so the runtime never falls back silently.
 */
export function subscriberOf(it: Interpreter, trigger: string): { userId: string | undefined; batchSize: number } {
  const config = it.registry.sites.subscribers.find((c) => c.trigger.toLowerCase() === trigger.toLowerCase());
  const automatedProcess = it.registry.seededUsers.automatedProcess;
  if (!config?.user) {
    return { userId: automatedProcess, batchSize: config?.batchSize ?? MAX_BATCH_SIZE };
  }
  const s = it.ctx.store as Store;
  for (const [id, row] of s.tables.get('user') ?? []) {
    if (String(row.get('username') ?? '').toLowerCase() === config.user.toLowerCase()) {
      return { userId: id, batchSize: config.batchSize };
    }
  }
  throw new RuntimeGap(`${config.file}: the user '${config.user}' of ${config.name} is not a user of the org`);
}

/**
 * Events entering the bus (published): each gets the next ReplayId of its channel and joins the pending list of every
 * Running subscriber of its object. `it` reads the triggers and the subscriber configs' users.
 */
export function publishToBus(state: BusState, it: Interpreter, events: ApexSObject[]): void {
  for (const event of events) {
    const channel = event.type.name.toLowerCase();
    const replayId = (state.tips.get(channel) ?? 0) + 1;
    state.tips.set(channel, replayId);
    event.set('ReplayId', String(replayId));
    for (const trigger of subscribersOf(it, event.type)) {
      let s = state.subscribers.get(trigger.toLowerCase());
      if (!s) {
        const { userId, batchSize } = subscriberOf(it, trigger);
        s = {
          trigger,
          topic: event.type.name,
          userId,
          batchSize,
          pending: [],
          position: null,
          retries: 0,
          lastError: null,
          status: 'Running',
          startOver: false
        };
        state.subscribers.set(trigger.toLowerCase(), s);
      }
      if (s.status === 'Running') {
        s.pending.push(event);
      }
    }
  }
}

const replayOf = (e: ApexSObject): number => Number(e.fields.get('replayid'));

/** Runs one trigger on one batch; `retries`/`lastError` are what TriggerContext shows. */
export type BatchRunner = (
  subscriber: SubscriberState,
  batch: ApexSObject[],
  context: { retries: number; lastError: string | null }
) => RunOutcome;

/**
 * One delivery round (see the module comment). `skip` holds triggers that must not run in this round (a test's
 * deliver() call keeps the ones that asked for a redelivery out of its later rounds); triggers that ask for a
 * redelivery are added to it.
 */
export function deliverRound(state: BusState, run: BatchRunner, skip = new Set<string>()): DeliveryReport {
  const report = emptyReport();
  for (const s of [...state.subscribers.values()]) {
    while (s.status === 'Running' && s.pending.length > 0 && !skip.has(s.trigger.toLowerCase())) {
      const batch = s.pending.slice(0, s.batchSize);
      if (s.startOver) {
        s.retries = 0;
        s.lastError = null;
        s.startOver = false;
      }
      const retries = s.retries;
      const outcome = run(s, batch, { retries, lastError: s.lastError });
      report.runs++;
      report.delivered += batch.length;
      const record: RunRecord = {
        trigger: s.trigger,
        replayIds: batch.map((e) => String(e.fields.get('replayid'))),
        retries,
        outcome: outcome.kind
      };
      report.records.push(record);
      if (outcome.kind !== 'processed') {
        record.message = outcome.message;
        report.failures.push({ trigger: s.trigger, message: outcome.message });
      }
      const last = replayOf(batch[batch.length - 1] as ApexSObject);
      if (outcome.kind === 'retry') {
        if (s.retries >= MAX_RETRIES) {
          s.status = 'Error';
          s.lastError = outcome.message;
          s.pending = [];
          record.errorState = true;
        } else {
          s.retries++;
          s.lastError = outcome.message;
        }
        skip.add(s.trigger.toLowerCase());
        continue;
      }
      const checkpoint = outcome.checkpoint === undefined ? undefined : Number(outcome.checkpoint);
      if (checkpoint !== undefined && checkpoint < last) {
        record.checkpoint = outcome.checkpoint;
        s.position = checkpoint;
        s.pending = s.pending.filter((e) => replayOf(e) > checkpoint);
        s.retries = 0;
        s.lastError = null;
        skip.add(s.trigger.toLowerCase());
        continue;
      }
      // Processed (or failed after checkpointing its last event, or failed and dropped): the batch is done.
      s.position = last;
      s.pending = s.pending.slice(batch.length);
      s.startOver = true;
    }
  }
  return report;
}
