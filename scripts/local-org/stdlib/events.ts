/**
 * Platform events (ADG "Platform Events", "Testing Your Platform Event in Apex"): `EventBus.publish(event)` /
 * `publish(List)` returns a Database.SaveResult per event (success; the id is made up with the event's key prefix)
 * and queues a copy of each event with EventUuid, CreatedDate and CreatedById set. In a test the queued events are
 * delivered by `Test.stopTest()` and `Test.getEventBus().deliver()`: the event's `after insert` triggers run with
 * Trigger.new = the events, in batches of at most 2,000 (ADG "Platform Event Allocations": a trigger receives up to
 * 2,000 event messages). Publishing a Publish After Commit event counts one DML statement (unverified); Publish
 * Immediately events count none here (Limits.getPublishImmediateDML is not modelled).
 * Each subscribed trigger runs as its PlatformEventSubscriberConfig's user (else the Automated Process user) in
 * batches of its batch size (default 2,000). Outside tests, the events a request published are delivered after it
 * (`takePublishedEvents`, event-bus.ts): each batch in a transaction of its own, as on the platform, where "triggers
 * on platform events don't execute in the same Apex transaction as the one that published the event".
 * Not modelled (RuntimeGaps or left out): `Test.getEventBus().fail()`, EventBus.TriggerContext, RetryableException
 * and setResumeCheckpoint, publish callbacks, ReplayId (null).
 */
import type { Pos } from '../ast/nodes.ts';
import { countDml, type DmlResult } from '../data/dml.ts';
import { cloneRecord } from '../data/sobject.ts';
import { runTriggers } from '../data/triggers.ts';
import type { TransactionContext } from '../interpreter/context.ts';
import { RuntimeGap } from '../values/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ApexDatetime, ApexList, ApexSObject, NativeObject, type Value } from '../values/values.ts';
import { makeId } from '../schema/ids.ts';
import type { SObjectDescribe } from '../schema/schema.ts';
import type { Store } from '../data/store.ts';
import { NO_METHOD, type Native } from './args.ts';
import { drainEventQueue, eventQueue } from './event-queue.ts';
import { countLimit } from './limits.ts';

const published = new WeakMap<TransactionContext, number>();

function uuid(it: Interpreter): string {
  const hex = Array.from({ length: 32 }, () => (Math.abs(it.ctx.random.nextInt()) % 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function publish(it: Interpreter, events: ApexSObject[], pos: Pos): NativeObject<DmlResult>[] {
  const queue = eventQueue(it.ctx);
  if (events.some((e) => e.type.platformEvent === 'PublishAfterCommit')) {
    countDml(it, events.length, pos);
  } else {
    countLimit(it, 'publishImmediateDml');
  }
  return events.map((event) => {
    const copy = cloneRecord(event, false, true, false);
    copy.set('EventUuid', uuid(it));
    copy.set('CreatedDate', new ApexDatetime(it.ctx.now()));
    copy.set('CreatedById', it.ctx.runningUserId ?? null);
    copy.set('ReplayId', null);
    queue.push(copy);
    const n = (published.get(it.ctx) ?? 0) + 1;
    published.set(it.ctx, n);
    return new NativeObject<DmlResult>('Database.SaveResult', {
      id: makeId(event.type.keyPrefix, n),
      success: true,
      created: true,
      errors: []
    });
  });
}

export const EVENT_BUS_STATICS: Record<string, Native> = {
  publish: (it, _s, a, pos) => {
    const target = a[0];
    if (a.length !== 1 || target === null || target === undefined) {
      return a.length === 1 ? it.npe(pos) : NO_METHOD;
    }
    const items = target instanceof ApexList ? target.items : [target];
    const events = items.map((x) => {
      if (!(x instanceof ApexSObject) || !x.type.platformEvent) {
        throw new RuntimeGap('EventBus.publish of something that is not a platform event', pos);
      }
      return x;
    });
    const results = publish(it, events, pos);
    return target instanceof ApexList
      ? new ApexList({ kind: 'native', name: 'Database.SaveResult' }, results)
      : (results[0] ?? null);
  }
};

/** The subscriber settings of `trigger`: its PlatformEventSubscriberConfig's user and batch size, or the defaults. */
export function subscriberOf(it: Interpreter, trigger: string): { userId: string | undefined; batchSize: number } {
  const config = it.registry.sites.subscribers.find((c) => c.trigger.toLowerCase() === trigger.toLowerCase());
  const automatedProcess = it.registry.seededUsers.automatedProcess;
  if (!config?.user) {
    return { userId: automatedProcess, batchSize: config?.batchSize ?? 2000 };
  }
  const s = it.ctx.store as Store;
  for (const [id, row] of s.tables.get('user') ?? []) {
    if (String(row.get('username') ?? '').toLowerCase() === config.user.toLowerCase()) {
      return { userId: id, batchSize: config.batchSize };
    }
  }
  throw new RuntimeGap(`${config.file}: the user '${config.user}' of ${config.name} is not a user of the org`);
}

/** The platform event triggers subscribed to `type`, by name. */
export function subscribersOf(it: Interpreter, type: SObjectDescribe): string[] {
  return it.registry.triggers
    .filter((t) => t.object.toLowerCase() === type.name.toLowerCase() && t.events.includes('after insert'))
    .map((t) => t.name);
}

/**
 * Runs one subscriber on one batch of events in `it`, as the subscriber's running user (Platform Events Developer
 * Guide, "Configure the User and Batch Size for Your Platform Event Trigger": the configured user, else the Automated
 * Process user). The previous running user is restored afterwards.
 */
export function runSubscriber(
  it: Interpreter,
  trigger: string,
  batch: ApexSObject[],
  userId: string | undefined,
  pos: Pos
): void {
  const type = batch[0]?.type;
  if (!type) {
    return;
  }
  const previous = it.ctx.runningUserId;
  it.ctx.runningUserId = userId ?? previous;
  try {
    const newList = new ApexList({ kind: 'sobject', name: type.name }, batch);
    runTriggers(it, type, 'after insert', { newList, oldList: null, newMap: null, oldMap: null }, pos, trigger);
  } finally {
    it.ctx.runningUserId = previous;
  }
}

/** The events of `queue` grouped by event type (in publishing order). */
function byType(queue: ApexSObject[]): ApexSObject[][] {
  const groups = new Map<string, ApexSObject[]>();
  for (const e of queue) {
    groups.set(e.type.name, [...(groups.get(e.type.name) ?? []), e]);
  }
  return [...groups.values()];
}

/**
 * Delivers the queued events to their `after insert` triggers in this transaction (a test's Test.stopTest() and
 * deliver()): each subscribed trigger in batches of its batch size, as its running user. Which user a trigger runs as
 * inside an Apex test is not documented (the EventBus.TestBroker reference is silent): the same rule as outside tests
 * is applied here (**unverified**).
 */
export function deliverEvents(it: Interpreter, pos: Pos): void {
  for (let queue = drainEventQueue(it.ctx); queue.length > 0; queue = drainEventQueue(it.ctx)) {
    for (const events of byType(queue)) {
      const type = events[0]?.type;
      for (const trigger of type ? subscribersOf(it, type) : []) {
        const { userId, batchSize } = subscriberOf(it, trigger);
        for (let i = 0; i < events.length; i += batchSize) {
          runSubscriber(it, trigger, events.slice(i, i + batchSize), userId, pos);
        }
      }
    }
  }
}

/** The events published by a finished transaction, grouped for delivery: one run per trigger and batch. */
export interface EventDelivery {
  trigger: string;
  batch: ApexSObject[];
  userId: string | undefined;
}

/** Splits published events into subscriber runs (the triggers and batch sizes of `it`'s org). */
export function planDelivery(it: Interpreter, events: ApexSObject[]): EventDelivery[] {
  const runs: EventDelivery[] = [];
  for (const group of byType(events)) {
    const type = group[0]?.type;
    for (const trigger of type ? subscribersOf(it, type) : []) {
      const { userId, batchSize } = subscriberOf(it, trigger);
      for (let i = 0; i < group.length; i += batchSize) {
        runs.push({ trigger, batch: group.slice(i, i + batchSize), userId });
      }
    }
  }
  return runs;
}

type Method = (it: Interpreter, self: NativeObject, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

/** `Test.getEventBus()`: the test event bus (ARG "EventBus.TestBroker"). */
export const TEST_BROKER = 'EventBus.TestBroker';
export const TEST_BROKER_METHODS: Record<string, Method> = {
  deliver: (it, _b, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    deliverEvents(it, pos);
    return null;
  }
};
