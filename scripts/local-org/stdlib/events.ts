/**
 * Platform events in Apex (Apex Developer Guide "Platform Events", "Testing Your Platform Event in Apex"; Platform
 * Events Developer Guide). `EventBus.publish(event)` / `publish(List)` returns a
 * Database.SaveResult per event (success; the id is made up with the event's key prefix) and queues a copy of each
 * event with EventUuid, CreatedDate and CreatedById set; the event gets its ReplayId when it enters the bus
 * (event-bus-state.ts). Publishing a Publish After Commit event counts one DML statement (unverified); Publish
 * Immediately events count an immediate publish.
 *
 * Trigger runs (`runTriggerBatch`): the trigger runs as its PlatformEventSubscriberConfig's user (else the Automated
 * Process user) with `EventBus.TriggerContext.currentContext()` set (retries, lastError, setResumeCheckpoint;
 * interpreter/system-classes.ts); `EventBus.RetryableException` asks for a redelivery, any other uncaught exception
 * (LimitException included) fails the run. The rules of retries, checkpoints and the error state are
 * event-bus-state.ts's. A trigger run has the limits of a synchronous transaction of its own: the Platform Events
 * Developer Guide says "many limits of event triggers are the same as for triggers on standard or custom objects"
 * ("Subscribe to Platform Event Notifications with Apex Triggers"); the heap limit (6 MB, not the 12 MB of asynchronous
 * Apex) is unverified.
 *
 * Publish callbacks (Platform Events Developer Guide, "Get the Result of Asynchronous Platform Event Publishing with
 * Apex Publish Callbacks"): `EventBus.publish(event(s), callback)` with an instance of
 * `EventBus.EventPublishFailureCallback` and/or `EventBus.EventPublishSuccessCallback`; "available for high-volume
 * platform events. Legacy standard-volume events aren't supported" (a RuntimeGap here: what the platform answers is
 * unverified). When the events are published (enter the bus) the success callback's `onSuccess(EventBus.SuccessResult)`
 * runs, when publishing fails `onFailure(EventBus.FailureResult)`; `getEventUuids()` lists the EventUuids of that
 * publish call. "A publish callback runs under the Automated Process user" (Platform Events Developer Guide, "Callback
 * Running User and Debug Logs"), in a transaction of its own outside tests (event-bus.ts), with quiddity
 * PLATFORM_EVENT_PUBLISH_CALLBACK. Not enforced (Platform Events Developer Guide "Apex Publish Callback Limits"): 5 MB
 * of callback instances per 30 minutes, 10 levels of callbacks publishing with callbacks.
 *
 * In a test (Platform Events Developer Guide, "Test Apex Publish Callbacks", "Test Retried Event Messages"; Apex
 * Reference Guide "TestBroker Class"): events are held until `Test.getEventBus().deliver()` or `Test.stopTest()`, which
 * publish them (success callbacks run) and run a delivery round on the test's own bus: retried batches and checkpoint
 * resumes wait for the next deliver() ("To force redelivery of a retried event message in an Apex test, call
 * Test.EventBus.deliver(). This method also delivers other event messages that have been published after the last
 * deliver() call"); events the triggers publish are delivered in the same call (unverified).
 * `Test.getEventBus().fail()` "causes the publishing of events to fail immediately after the call, and event messages
 * are removed from the test event bus … causes the onFailure() method … to be invoked … none of the triggers … receive
 * any failed events". A failed trigger run in a test is rolled back to a savepoint taken before it; which user a
 * trigger or callback runs as inside a test is not documented (the rules outside tests are applied: unverified); each
 * run and callback gets fresh limits (unverified).
 */
import type { Pos } from '../ast/nodes.ts';
import { countDml, type DmlResult } from '../data/dml.ts';
import { cloneRecord } from '../data/sobject.ts';
import { runTriggers } from '../data/triggers.ts';
import type { Store } from '../data/store.ts';
import { freshLimits, type TransactionContext } from '../interpreter/context.ts';
import type { Interpreter } from '../interpreter/interpreter.ts';
import { ClassInfo } from '../values/classes.ts';
import { ApexThrow, RuntimeGap } from '../values/errors.ts';
import { prim } from '../values/types.ts';
import {
  ApexDatetime,
  ApexEnumValue,
  ApexList,
  ApexObject,
  ApexSObject,
  NativeObject,
  type Value
} from '../values/values.ts';
import { objectPermissions, userAccess } from '../data/access.ts';
import { NO_ACCESS } from '../data/dml-access.ts';
import { makeId } from '../schema/ids.ts';
import { NO_METHOD, type Native } from './args.ts';
import {
  BusState,
  deliverRound,
  emptyReport,
  addReport,
  publishToBus,
  type BatchRunner,
  type DeliveryReport,
  type RunOutcome,
  type SubscriberState
} from './event-bus-state.ts';
import {
  callbacksOf,
  drainEventQueue,
  eventQueue,
  publishedAfterCommit,
  setPublishCallback,
  type PublishCallback
} from './event-queue.ts';
import { countLimit } from './limits.ts';

const published = new WeakMap<TransactionContext, number>();

/**
 * What becomes of the DML of a trigger run that set a checkpoint and then failed with an uncaught exception.
 * 'committed' (the default) follows Platform Events Developer Guide "Comparing setResumeCheckpoint() and
 * EventBus.RetryableException", which says under setResumeCheckpoint(): "DML operations performed are committed",
 * against "rolled back and not committed" for RetryableException. 'rolled-back' is the general rule of an uncaught
 * exception (Apex Developer Guide "Exception Statements"). The Platform Events Developer Guide page "Resume a Platform
 * Event Trigger After an Uncaught Exception" is silent: **unverified** either way, so code that uses checkpoints should
 * be correct under both (tests can switch with `setCheckpointDml`).
 */
export type CheckpointDml = 'committed' | 'rolled-back';
let checkpointDml: CheckpointDml = 'committed';

export function setCheckpointDml(mode: CheckpointDml): CheckpointDml {
  const previous = checkpointDml;
  checkpointDml = mode;
  return previous;
}

export function getCheckpointDml(): CheckpointDml {
  return checkpointDml;
}

/** Whether a run's work is kept: it returned, or it failed after a checkpoint and checkpoint DML is committed. */
export function keepsWork(outcome: RunOutcome, mode: CheckpointDml): boolean {
  return (
    outcome.kind === 'processed' ||
    (outcome.kind === 'failed' && outcome.checkpoint !== undefined && mode === 'committed')
  );
}

function uuid(it: Interpreter): string {
  const hex = Array.from({ length: 32 }, () => (Math.abs(it.ctx.random.nextInt()) % 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

const FAILURE_CALLBACK = 'EventBus.EventPublishFailureCallback';
const SUCCESS_CALLBACK = 'EventBus.EventPublishSuccessCallback';

function implementsInterface(cls: ClassInfo, fullName: string): boolean {
  const seen = new Set<ClassInfo>();
  const stack = [...cls.chain()];
  for (let c = stack.pop(); c; c = stack.pop()) {
    if (seen.has(c)) {
      continue;
    }
    seen.add(c);
    if (c.fullName.toLowerCase() === fullName.toLowerCase()) {
      return true;
    }
    stack.push(...c.interfaces);
  }
  return false;
}

function publish(it: Interpreter, events: ApexSObject[], pos: Pos, callback?: ApexObject): NativeObject<DmlResult>[] {
  const queue = eventQueue(it.ctx);
  if (callback) {
    const standard = events.find((e) => e.type.platformEventVolume === 'StandardVolume');
    if (standard) {
      throw new RuntimeGap(
        `EventBus.publish with a callback of the standard-volume event ${standard.type.name}: "Apex publish callbacks are available for high-volume platform events" (what the platform answers is not modelled)`,
        pos
      );
    }
  }
  const record: PublishCallback | undefined = callback ? { callback, uuids: [] } : undefined;
  if (events.some(publishedAfterCommit)) {
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
    if (record) {
      setPublishCallback(copy, record);
    }
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

/**
 * `EventBus.publish(event(s)[, callback])` and `EventBus.publishWithAccessLevel(event(s)[, callback], accessLevel)`
 * (Apex Reference Guide "EventBus Class"). With `AccessLevel.USER_MODE` the running user needs Create on the event
 * object; an event the user may not create is not published and gets a failed SaveResult
 * (INSUFFICIENT_ACCESS_OR_READONLY) — the class says publish "doesn't throw an exception due to an unsuccessful publish
 * operation"; the exact status code is unverified. `SYSTEM_MODE`, and `publish` without an access level, check no
 * permission: the package's classes are API 65.0, where "system mode is the default" (Apex Reference Guide "Apex
 * Versioned Behavior Changes"; user mode from 67.0, not modelled here).
 */
function publishNative(it: Interpreter, given: Value[], pos: Pos, withAccessLevel: boolean): Value | typeof NO_METHOD {
  const level = withAccessLevel ? given[given.length - 1] : undefined;
  if (withAccessLevel && !(level instanceof ApexEnumValue && level.enumType.name.toLowerCase() === 'accesslevel')) {
    return NO_METHOD;
  }
  const userMode = level instanceof ApexEnumValue && level.name === 'USER_MODE';
  const a = withAccessLevel ? given.slice(0, -1) : given;
  const target = a[0];
  if (a.length < 1 || a.length > 2) {
    return NO_METHOD;
  }
  if (target === null || target === undefined) {
    return it.npe(pos);
  }
  let callback: ApexObject | undefined;
  if (a.length === 2) {
    const cb = a[1];
    if (cb === null || cb === undefined) {
      return it.npe(pos);
    }
    if (
      !(cb instanceof ApexObject) ||
      !(implementsInterface(cb.cls, FAILURE_CALLBACK) || implementsInterface(cb.cls, SUCCESS_CALLBACK))
    ) {
      return NO_METHOD;
    }
    callback = cb;
  }
  const items = target instanceof ApexList ? target.items : [target];
  const events = items.map((x) => {
    if (!(x instanceof ApexSObject) || !x.type.platformEvent) {
      throw new RuntimeGap('EventBus.publish of something that is not a platform event', pos);
    }
    return x;
  });
  const refused = new Set(userMode ? events.filter((e) => !objectPermissions(userAccess(it), e.type).allowCreate) : []);
  const sent = publish(
    it,
    events.filter((e) => !refused.has(e)),
    pos,
    callback
  );
  const results = events.map((e) => (refused.has(e) ? notPublished() : (sent.shift() ?? notPublished())));
  return target instanceof ApexList
    ? new ApexList({ kind: 'native', name: 'Database.SaveResult' }, results)
    : (results[0] ?? null);
}

/** The SaveResult of an event the running user may not create (user mode). */
function notPublished(): NativeObject<DmlResult> {
  return new NativeObject<DmlResult>('Database.SaveResult', {
    id: null,
    success: false,
    created: false,
    errors: [NO_ACCESS]
  });
}

export const EVENT_BUS_STATICS: Record<string, Native> = {
  publish: (it, _s, a, pos) => publishNative(it, a, pos, false),
  publishwithaccesslevel: (it, _s, a, pos) => publishNative(it, a, pos, true)
};

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

function systemClass(it: Interpreter, name: string): ClassInfo {
  const cls = it.registry.system.get(name.toLowerCase());
  if (!(cls instanceof ClassInfo)) {
    throw new RuntimeGap(`${name} is missing from the runtime`);
  }
  return cls;
}

/**
 * Runs `subscriber` on `batch` in `it` with `EventBus.TriggerContext.currentContext()` set, and says how the run
 * ended: returned (with the checkpoint it set, if any), RetryableException (its message), or another uncaught
 * exception ("Type: message", with the checkpoint). Rolling back is the caller's business.
 */
export function runTriggerBatch(
  it: Interpreter,
  subscriber: SubscriberState,
  batch: ApexSObject[],
  context: { retries: number; lastError: string | null },
  pos: Pos
): RunOutcome {
  const cls = systemClass(it, 'EventBus.TriggerContext');
  it.ensureInit(cls);
  const statics = it.ctx.staticsOf(cls);
  const previous = statics.get('current') ?? null;
  const tc = it.instantiate(cls, [], pos);
  tc.fields.set('retries', context.retries);
  tc.fields.set('lasterror', context.lastError);
  tc.fields.set(
    'batchreplayids',
    new ApexList(
      prim('String'),
      batch.map((e) => String(e.fields.get('replayid')))
    )
  );
  statics.set('current', tc);
  const checkpoint = (): { checkpoint?: string } => {
    const c = tc.fields.get('resumecheckpoint');
    return typeof c === 'string' ? { checkpoint: c } : {};
  };
  try {
    runSubscriber(it, subscriber.trigger, batch, subscriber.userId, pos);
    return { kind: 'processed', ...checkpoint() };
  } catch (e) {
    if (!(e instanceof ApexThrow)) {
      throw e;
    }
    const type = e.exception.cls.fullName;
    const message = e.exception.exception?.message ?? null;
    if (type === 'EventBus.RetryableException') {
      return { kind: 'retry', message: message ?? '' };
    }
    return { kind: 'failed', message: message === null ? type : `${type}: ${message}`, ...checkpoint() };
  } finally {
    statics.set('current', previous);
  }
}

/**
 * Calls the publish callbacks of `events` for `kind` in `it` (the caller picks the transaction): `onSuccess` /
 * `onFailure` of each callback that implements the interface, once per publish call, with its events' EventUuids, as
 * the Automated Process user with quiddity PLATFORM_EVENT_PUBLISH_CALLBACK. Returns whether it was called.
 */
export function runPublishCallback(
  it: Interpreter,
  call: { callback: ApexObject; uuids: string[] },
  kind: 'success' | 'failure',
  pos: Pos
): boolean {
  const iface = kind === 'success' ? SUCCESS_CALLBACK : FAILURE_CALLBACK;
  if (!implementsInterface(call.callback.cls, iface)) {
    return false;
  }
  const result = it.instantiate(
    systemClass(it, kind === 'success' ? 'EventBus.SuccessResult' : 'EventBus.FailureResult'),
    [],
    pos
  );
  result.fields.set('eventuuids', new ApexList(prim('String'), [...call.uuids]));
  const method = kind === 'success' ? 'onSuccess' : 'onFailure';
  const ref = it.findMethod(call.callback.cls, method, [result]);
  if (!ref) {
    throw new RuntimeGap(`${call.callback.cls.fullName} has no ${method} method for its publish callback`, pos);
  }
  const previousUser = it.ctx.runningUserId;
  const previousQuiddity = it.ctx.quiddity;
  it.ctx.runningUserId = it.registry.seededUsers.automatedProcess ?? previousUser;
  it.ctx.quiddity = 'PLATFORM_EVENT_PUBLISH_CALLBACK';
  try {
    it.invoke(ref, call.callback, [result], pos);
  } finally {
    it.ctx.runningUserId = previousUser;
    it.ctx.quiddity = previousQuiddity;
  }
  return true;
}

// ---- The test event bus ----

const testBuses = new WeakMap<TransactionContext, BusState>();

/** The test method's event bus (created on first use; a test method runs in a transaction of its own). */
export function testBusOf(ctx: TransactionContext): BusState {
  const bus = testBuses.get(ctx) ?? new BusState();
  testBuses.set(ctx, bus);
  return bus;
}

/** Runs `body` with fresh limits and the previous ones restored, as a run in a transaction of its own. */
function withOwnLimits<T>(it: Interpreter, body: () => T): T {
  const outer = it.ctx.limits;
  it.ctx.limits = freshLimits(Date.now());
  try {
    return body();
  } finally {
    it.ctx.limits = outer;
  }
}

/** Publishes the test's queued events to its bus (success callbacks run); returns how many. */
function publishQueued(it: Interpreter, bus: BusState, pos: Pos): number {
  const events = drainEventQueue(it.ctx);
  publishToBus(bus, it, events);
  for (const call of callbacksOf(events)) {
    withOwnLimits(it, () => runPublishCallback(it, call, 'success', pos));
  }
  return events.length;
}

/** A trigger run inside the test's transaction: rolled back to a savepoint when its work is not kept. */
function testRunner(it: Interpreter, pos: Pos): BatchRunner {
  return (subscriber, batch, context) => {
    const store = it.ctx.store as Store;
    const savepoint = store.clone();
    const outcome = withOwnLimits(it, () => runTriggerBatch(it, subscriber, batch, context, pos));
    const keep = keepsWork(outcome, checkpointDml);
    if (!keep) {
      store.restore(savepoint);
    }
    if (outcome.kind !== 'processed') {
      // The test does not see the trigger's exception (it ran "in its own process"): the debug log says what happened.
      it.ctx.debug.push({
        level: 'ERROR',
        message: `platform event trigger ${subscriber.trigger} ${outcome.kind === 'retry' ? 'threw EventBus.RetryableException' : 'failed'}: ${outcome.message}`,
        pos
      });
    }
    const publishedByRun = drainEventQueue(it.ctx);
    eventQueue(it.ctx).push(...(keep ? publishedByRun : publishedByRun.filter((e) => !publishedAfterCommit(e))));
    return outcome;
  };
}

/**
 * `Test.getEventBus().deliver()` and `Test.stopTest()`: publishes the queued events, then runs delivery rounds on the
 * test's bus until no trigger has fresh events (a trigger that asked for a redelivery waits for the next call).
 */
export function deliverEvents(it: Interpreter, pos: Pos): DeliveryReport {
  const bus = testBusOf(it.ctx);
  const skip = new Set<string>();
  const report = emptyReport();
  publishQueued(it, bus, pos);
  const runner = testRunner(it, pos);
  for (;;) {
    addReport(report, deliverRound(bus, runner, skip));
    const fresh = publishQueued(it, bus, pos);
    const waiting = [...bus.subscribers.values()].some(
      (s) => s.status === 'Running' && s.pending.length > 0 && !skip.has(s.trigger.toLowerCase())
    );
    if (fresh === 0 && !waiting) {
      bus.writeRows(it, it.ctx.store as Store);
      return report;
    }
  }
}

/** `Test.getEventBus().fail()`: the queued events are removed unpublished and failure callbacks run. */
function failQueued(it: Interpreter, pos: Pos): void {
  const events = drainEventQueue(it.ctx);
  for (const call of callbacksOf(events)) {
    withOwnLimits(it, () => runPublishCallback(it, call, 'failure', pos));
  }
}

type Method = (it: Interpreter, self: NativeObject, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

/** `Test.getEventBus()`: the test event bus (Apex Reference Guide "EventBus.TestBroker"). */
export const TEST_BROKER = 'EventBus.TestBroker';
export const TEST_BROKER_METHODS: Record<string, Method> = {
  deliver: (it, _b, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    deliverEvents(it, pos);
    return null;
  },
  fail: (it, _b, a, pos) => {
    if (a.length !== 0) {
      return NO_METHOD;
    }
    failQueued(it, pos);
    return null;
  }
};
