/**
 * MiiTel-shaped call scenarios: the events MiiTel's backend sends for typical calls, grouped into the requests
 * ("sends") it would make. Events carry data only — what the org does with them is the Apex's business.
 */
import type { CallEvent, Direction } from '../contract/generated/client.ts';

/** One phase of a scenario: events sent together (split into ≤ 200-event requests by the runner). */
export type Send = CallEvent[];

export interface ScenarioOptions {
  /** Number of calls to simulate. */
  calls: number;
  /** Seed for shuffles and duplicates, so a run can be repeated. */
  seed: number;
  /** Customer numbers to call or be called from, used round-robin (e.g. the local org's seeded records). */
  customerNumbers: readonly string[];
  /** Record id for the click-to-call scenario. */
  recordId?: string;
  /** When the first call starts. */
  startAt: Date;
  /** Prefix of call and event ids, so runs do not collide. */
  runId: string;
}

export interface Scenario {
  name: string;
  description: string;
  /** Calls used when --calls is not given. */
  defaultCalls: number;
  sends(options: ScenarioOptions): Send[];
}

const OUR_NUMBER = '+81501234000';

/** Mulberry32: a small deterministic PRNG (seeded runs are repeatable). */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const iso = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const plus = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);

interface CallShape {
  index: number;
  direction: Direction;
  answered: boolean;
  recordId?: string;
}

/** The four events of one call, as MiiTel reports them (each carries the call as known at that moment). */
export function callEvents(
  options: ScenarioOptions,
  shape: CallShape
): Record<'started' | 'ended' | 'transcribed' | 'memo', CallEvent> {
  const callId = `${options.runId}-call-${shape.index}`;
  const customer = options.customerNumbers[shape.index % options.customerNumbers.length] ?? '+81312345678';
  const dialAt = plus(options.startAt, shape.index * 60);
  const answeredAt = plus(dialAt, 8);
  const endedAt = plus(dialAt, shape.answered ? 8 + 120 + (shape.index % 90) : 25);
  const base = {
    id: callId,
    direction: shape.direction,
    fromNumber: shape.direction === 'inbound' ? customer : OUR_NUMBER,
    toNumber: shape.direction === 'inbound' ? OUR_NUMBER : customer,
    user: {
      miitelUserId: `mt-user-${shape.index % 3}`,
      name: ['山田 太郎', '佐藤 花子', '鈴木 一郎'][shape.index % 3]
    },
    url: `https://app.miitel.jp/calls/${callId}`,
    ...(shape.recordId ? { recordId: shape.recordId } : {})
  };
  const ended = {
    ...base,
    dialStartedAt: iso(dialAt),
    ...(shape.answered ? { answeredAt: iso(answeredAt) } : {}),
    endedAt: iso(endedAt),
    durationSeconds: shape.answered ? Math.round((endedAt.getTime() - answeredAt.getTime()) / 1000) : 0,
    answered: shape.answered
  };
  const event = (suffix: string, type: CallEvent['type'], at: Date, call: CallEvent['call']): CallEvent => ({
    eventId: `${callId}-${suffix}`,
    type,
    occurredAt: iso(at),
    call
  });
  return {
    started: event('started', 'call.started', dialAt, { ...base, dialStartedAt: iso(dialAt) }),
    ended: event('ended', 'call.ended', endedAt, ended),
    transcribed: event('transcribed', 'call.transcribed', plus(endedAt, 30), {
      ...ended,
      transcript: 'お世話になっております。MiiTel の山田です。先日のお見積りの件でお電話しました。'
    }),
    memo: event('memo-1', 'call.memo_updated', plus(endedAt, 60), { ...ended, memos: ['折り返し希望'] })
  };
}

const range = (count: number): number[] => [...Array(count).keys()];

/** A number the local org's demo seed does not hold, in the shape MiiTel reports (E.164). */
export const UNKNOWN_NUMBER = '+81471239876';

export const SCENARIOS: Scenario[] = [
  {
    name: 'outbound-call',
    description: 'Outbound calls, answered: started, ended, transcribed, all in one request.',
    defaultCalls: 1,
    sends: (o) => [
      range(o.calls).flatMap((i) => {
        const e = callEvents(o, { index: i, direction: 'outbound', answered: true });
        return [e.started, e.ended, e.transcribed];
      })
    ]
  },
  {
    name: 'inbound-missed',
    description: 'Inbound calls nobody answered (不在着信): started, then ended with answered = false.',
    defaultCalls: 1,
    sends: (o) => [
      range(o.calls).flatMap((i) => {
        const e = callEvents(o, { index: i, direction: 'inbound', answered: false });
        return [e.started, e.ended];
      })
    ]
  },
  {
    name: 'click-to-call',
    description: 'Outbound calls placed from a Salesforce record (--record-id): the Task goes on that record.',
    defaultCalls: 1,
    sends: (o) => {
      if (!o.recordId) {
        throw new Error('click-to-call needs --record-id <Salesforce id of a Contact, Lead, Account, …>');
      }
      return [
        range(o.calls).flatMap((i) => {
          const e = callEvents(o, { index: i, direction: 'outbound', answered: true, recordId: o.recordId });
          return [e.started, e.ended];
        })
      ];
    }
  },
  {
    name: 'transcript-later',
    description: 'The call ends, and the speech-recognition transcript arrives in a later request.',
    defaultCalls: 1,
    sends: (o) => {
      const calls = range(o.calls).map((i) => callEvents(o, { index: i, direction: 'outbound', answered: true }));
      return [calls.flatMap((e) => [e.started, e.ended]), calls.map((e) => e.transcribed)];
    }
  },
  {
    name: 'memo-edits',
    description: 'Memos added and removed after the call (each update carries the complete set).',
    defaultCalls: 1,
    sends: (o) => {
      const calls = range(o.calls).map((i) => callEvents(o, { index: i, direction: 'inbound', answered: true }));
      const memo = (e: ReturnType<typeof callEvents>, n: number, memos: string[]): CallEvent => ({
        ...e.memo,
        eventId: `${e.memo.call.id}-memo-${n}`,
        occurredAt: iso(plus(new Date(e.memo.occurredAt), n * 60)),
        call: { ...e.memo.call, memos }
      });
      return [
        calls.flatMap((e) => [e.started, e.ended]),
        calls.map((e) => memo(e, 1, ['折り返し希望'])),
        calls.map((e) => memo(e, 2, ['折り返し希望', '見積送付'])),
        calls.map((e) => memo(e, 3, ['見積送付']))
      ];
    }
  },
  {
    name: 'unknown-caller',
    description:
      'Inbound calls from a number no Contact, Account or Lead holds (UNKNOWN_NUMBER), answered: logged unlinked, ' +
      'listed in the settings page\'s "Unlinked calls" tab.',
    defaultCalls: 2,
    sends: (o) => [
      range(o.calls).flatMap((i) => {
        const e = callEvents(
          { ...o, customerNumbers: [UNKNOWN_NUMBER] },
          { index: i, direction: 'inbound', answered: true }
        );
        return [e.started, e.ended];
      })
    ]
  },
  {
    name: 'retry-storm',
    description: 'Every event sent twice, all shuffled (transcribed before ended, ended before started).',
    defaultCalls: 20,
    sends: (o) => {
      const events = range(o.calls).flatMap((i) => {
        const e = callEvents(o, { index: i, direction: i % 2 ? 'inbound' : 'outbound', answered: i % 5 !== 0 });
        return [e.started, e.ended, e.transcribed, e.memo];
      });
      return [shuffle([...events, ...events], random(o.seed))];
    }
  },
  {
    name: 'soak',
    description: '10,000 events: 2,500 calls × (started, ended, transcribed, memo), in requests of 200.',
    defaultCalls: 2500,
    sends: (o) => [
      range(o.calls).flatMap((i) => {
        const e = callEvents(o, { index: i, direction: i % 2 ? 'inbound' : 'outbound', answered: i % 7 !== 0 });
        return [e.started, e.ended, e.transcribed, e.memo];
      })
    ]
  }
];

export function scenario(name: string): Scenario {
  const found = SCENARIOS.find((s) => s.name === name);
  if (!found) {
    throw new Error(`unknown scenario "${name}"; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  }
  return found;
}
