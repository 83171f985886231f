/**
 * Platform events (ADG "Platform Events", "Testing Your Platform Event in Apex"): `EventBus.publish(event)` /
 * `publish(List)` returns a Database.SaveResult per event (success; the id is made up with the event's key prefix)
 * and queues a copy of each event with EventUuid, CreatedDate and CreatedById set. In a test the queued events are
 * delivered by `Test.stopTest()` and `Test.getEventBus().deliver()`: the event's `after insert` triggers run with
 * Trigger.new = the events, in batches of at most 2,000 (ADG "Platform Event Allocations": a trigger receives up to
 * 2,000 event messages). Publishing a Publish After Commit event counts one DML statement (unverified); Publish
 * Immediately events count none here (Limits.getPublishImmediateDML is not modelled).
 * Not modelled (RuntimeGaps or left out): delivery outside tests (events stay queued), `Test.getEventBus().fail()`,
 * EventBus.TriggerContext, publish callbacks, ReplayId (null).
 */
import type { Pos } from '../ast/nodes.ts';
import { countDml, type DmlResult } from '../data/dml.ts';
import { cloneRecord } from '../data/sobject.ts';
import { runTriggers } from '../data/triggers.ts';
import type { TransactionContext } from '../interpreter/context.ts';
import { RuntimeGap } from '../interpreter/errors.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ApexDatetime, ApexList, ApexSObject, NativeObject, type Value } from '../interpreter/values.ts';
import { makeId } from '../schema/ids.ts';
import { NO_METHOD, type Native } from './args.ts';
import { countLimit } from './limits.ts';

const queued = new WeakMap<TransactionContext, ApexSObject[]>();
const published = new WeakMap<TransactionContext, number>();

function uuid(it: Interpreter): string {
  const hex = Array.from({ length: 32 }, () => (Math.abs(it.ctx.random.nextInt()) % 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

function publish(it: Interpreter, events: ApexSObject[], pos: Pos): NativeObject<DmlResult>[] {
  const queue = queued.get(it.ctx) ?? [];
  queued.set(it.ctx, queue);
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

/** Delivers the queued events to their `after insert` triggers (a test's Test.stopTest() and deliver()). */
export function deliverEvents(it: Interpreter, pos: Pos): void {
  for (let queue = queued.get(it.ctx) ?? []; queue.length > 0; queue = queued.get(it.ctx) ?? []) {
    queued.set(it.ctx, []);
    const byType = new Map<string, ApexSObject[]>();
    for (const e of queue) {
      byType.set(e.type.name, [...(byType.get(e.type.name) ?? []), e]);
    }
    for (const events of byType.values()) {
      for (let i = 0; i < events.length; i += 2000) {
        const batch = events.slice(i, i + 2000);
        const type = batch[0]?.type;
        if (type) {
          const newList = new ApexList({ kind: 'sobject', name: type.name }, batch);
          runTriggers(it, type, 'after insert', { newList, oldList: null, newMap: null, oldMap: null }, pos);
        }
      }
    }
  }
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
