/**
 * The events each transaction published and has not delivered yet (stdlib/events.ts). Kept in a module without
 * runtime imports so that rest.ts and event-bus.ts can take them without entering the stdlib's import cycle.
 */
import type { TransactionContext } from '../interpreter/context.ts';
import type { ApexSObject } from '../values/values.ts';

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

/**
 * Takes the events a finished transaction published, to deliver after it: all of them when it committed; only the
 * Publish Immediately ones when it rolled back (Platform Events Developer Guide, "Platform Event Fields" /
 * publishBehavior: Publish After Commit events are published only if the transaction commits).
 */
export function takePublishedEvents(ctx: TransactionContext, committed: boolean): ApexSObject[] {
  const queue = drainEventQueue(ctx);
  return committed ? queue : queue.filter((e) => e.type.platformEvent !== 'PublishAfterCommit');
}
