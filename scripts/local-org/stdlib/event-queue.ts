/**
 * The events each transaction published and has not handed to the event bus yet (stdlib/events.ts), and the publish
 * callback each event was published with. Kept in a module without runtime imports so that rest.ts and event-bus.ts
 * can take them without entering the stdlib's import cycle.
 */
import type { TransactionContext } from '../interpreter/context.ts';
import type { ApexObject, ApexSObject } from '../values/values.ts';

const queued = new WeakMap<TransactionContext, ApexSObject[]>();

/** The transaction's queue (created on first use). */
export function eventQueue(ctx: TransactionContext): ApexSObject[] {
  const queue = queued.get(ctx) ?? [];
  queued.set(ctx, queue);
  return queue;
}

/** Empties the transaction's queue and returns what it held. */
export function drainEventQueue(ctx: TransactionContext): ApexSObject[] {
  const queue = queued.get(ctx) ?? [];
  queued.set(ctx, []);
  return queue;
}

/** Whether an event is published only when its transaction commits (Publish After Commit). */
export const publishedAfterCommit = (e: ApexSObject): boolean => e.type.platformEvent === 'PublishAfterCommit';

/**
 * Takes the events a finished transaction published, to deliver after it: all of them when it committed; only the
 * Publish Immediately ones when it rolled back (Platform Events Developer Guide, "Platform Event Fields" /
 * publishBehavior: Publish After Commit events are published only if the transaction commits).
 */
export function takePublishedEvents(ctx: TransactionContext, committed: boolean): ApexSObject[] {
  const queue = drainEventQueue(ctx);
  return committed ? queue : queue.filter((e) => !publishedAfterCommit(e));
}

/** The callback instance of one `EventBus.publish(event(s), callback)` call and the EventUuids it published. */
export interface PublishCallback {
  callback: ApexObject;
  uuids: string[];
}

const callbacks = new WeakMap<ApexSObject, PublishCallback>();

export function setPublishCallback(event: ApexSObject, callback: PublishCallback): void {
  callbacks.set(event, callback);
}

/** The events of `events` that carry a callback, grouped by publish call, with their EventUuids. */
export function callbacksOf(events: ApexSObject[]): { callback: ApexObject; uuids: string[] }[] {
  const groups = new Map<PublishCallback, string[]>();
  for (const e of events) {
    const cb = callbacks.get(e);
    if (cb) {
      groups.set(cb, [...(groups.get(cb) ?? []), String(e.fields.get('eventuuid'))]);
    }
  }
  return [...groups].map(([cb, uuids]) => ({ callback: cb.callback, uuids }));
}
