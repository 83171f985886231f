/**
 * MiiTel's own Outgoing Webhook (応対履歴 / call history), as MiiTel sends it today: scenarios of webhook bodies in
 * MiiTel's shape, written here from the facts in docs/miitel-webhook.md (MiiTel Developers "Outgoing Webhook
 * 応対履歴の仕様と利用方法"; the JSON Schema of revcomm/miitel-developers-public) — no file of theirs is copied.
 * - The body is `{"call": {"id", "tenant_code", "details": [Detail]}}` plus the admin's extra payload keys at the top
 *   level; no event type and no event id. Every Detail key is present, many null; timestamps ISO-8601 UTC (`+00:00`).
 * - Numbers are digits as dialled in Japan (`0312345678`); `from_number` is null on outgoing calls (every sample).
 * - `dial_answered_at` null = not answered, and then `analysis` is null.
 * - The minutes (議事録) event carries `minutes` on the detail.
 * - A challenge (on saving the setting) is `{"challenge": "<token>"}` plus the extra payload keys; the answer must be
 *   200 `text/plain` with the token alone.
 * - Authentication: MiiTel sends only static extra headers: `X-MiiTel-Webhook-Secret` here.
 */

/** One webhook request: the body, which secret it carries, and the status a correct receiver answers. */
export interface WebhookSend {
  body: MiiTelWebhookBody | MiiTelChallengeBody;
  /** 'configured': the secret the org expects; 'wrong': another one. */
  secret: 'configured' | 'wrong';
  /** Statuses a correct receiver may answer. */
  expect: number[];
  /** For a challenge: the exact text/plain answer expected. */
  expectText?: string;
}

export interface MiiTelParticipant {
  id: string;
  from_to: 'FROM' | 'TO';
  name: string | null;
  company_name: string | null;
  login_id: string | null;
  analysis: Record<string, number> | null;
}

export interface MiiTelDetail {
  id: string;
  previous_id: string | null;
  dial_starts_at: string;
  dial_answered_at: string | null;
  dial_ends_at: string;
  queueing_starts_at: string | null;
  queueing_answered_at: string | null;
  queueing_ends_at: string | null;
  call_type: 'OUTGOING_CALL' | 'INCOMING_CALL' | 'PREDICTIVE_DIAL';
  circuit_number: string;
  circuit_name: string;
  from_number: string | null;
  to_number: string | null;
  dtmf: string | null;
  analysis: {
    score: number;
    tlr: number;
    rally_count: number;
    overlap_count: number;
    silence_count: number;
    silence_positions: number[];
    overlap_positions: number[];
  } | null;
  participants: MiiTelParticipant[];
  tags: { created_by: string; creator_type: string; value: string }[];
  comments: { created_at: string; created_by: string; value: string }[];
  keywords: { word: string; count: number }[];
  phrases: { participant_id: string; raw: { phrase: string; phrase_nofiller: string; start: number; end: number }[] }[];
  speech_recognition: { raw: string; summary: string } | null;
  minutes?: string;
}

export interface MiiTelWebhookBody {
  call: { id: string; tenant_code: string; details: MiiTelDetail[] };
  [extraPayloadKey: string]: unknown;
}

export interface MiiTelChallengeBody {
  challenge: string;
  [extraPayloadKey: string]: unknown;
}

export interface WebhookScenarioOptions {
  calls: number;
  seed: number;
  /** Customer numbers (E.164 or domestic); sent as domestic digits. */
  customerNumbers: readonly string[];
  startAt: Date;
  /** MiiTel users (login_id = email, name), used round-robin. */
  users?: readonly { email: string; name: string }[];
}

export interface WebhookScenario {
  name: string;
  description: string;
  defaultCalls: number;
  sends(options: WebhookScenarioOptions): WebhookSend[];
}

/** The local org's demo users (server/seed-demo.ts). */
export const DEMO_USERS = [
  { email: 'yamada@example.co.jp', name: '山田 太郎' },
  { email: 'sato@example.co.jp', name: '佐藤 花子' }
] as const;

const TENANT = 'example-tenant';
const OUR_LINE = '0501234000';
/** Extra payload keys an admin may configure (merged into every body's top level). */
const EXTRA_PAYLOAD = { source: 'miitel-simulator' };

/** Mulberry32 (seeded runs repeat). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The scenario's generator: the seed and the start time, so that runs at other times get other call ids. */
function rngFor(o: WebhookScenarioOptions): () => number {
  return prng((o.seed ^ (o.startAt.getTime() % 2147483647)) >>> 0);
}

/** A version-4 UUID from the seeded generator. */
export function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** ISO-8601 in UTC with `+00:00`, as MiiTel writes it. */
export const utc = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
const plus = (date: Date, seconds: number): Date => new Date(date.getTime() + seconds * 1000);

/** `+81312345678` → `0312345678`; domestic digits unchanged. */
export function domesticDigits(number: string): string {
  const digits = number.replace(/[^\d+]/g, '');
  return digits.startsWith('+81') ? `0${digits.slice(3)}` : digits.replace(/\+/g, '');
}

interface CallShape {
  index: number;
  direction: 'outgoing' | 'incoming';
  answered: boolean;
}

interface BuiltCall {
  body: MiiTelWebhookBody;
  /** The same call's minutes (議事録) event. */
  minutes: MiiTelWebhookBody;
}

function buildCall(options: WebhookScenarioOptions, next: () => number, shape: CallShape): BuiltCall {
  const users = options.users ?? DEMO_USERS;
  const user = users[shape.index % users.length] ?? DEMO_USERS[0];
  const customer = domesticDigits(
    options.customerNumbers[shape.index % options.customerNumbers.length] ?? '0312345678'
  );
  const callId = uuid(next);
  const dial = plus(options.startAt, shape.index * 120);
  const answeredAt = shape.answered ? plus(dial, 7) : null;
  const ends = plus(dial, shape.answered ? 7 + 95 + (shape.index % 60) : 30);
  const userParticipant: MiiTelParticipant = {
    id: uuid(next),
    from_to: shape.direction === 'outgoing' ? 'FROM' : 'TO',
    name: user.name,
    company_name: '株式会社サンプル',
    login_id: user.email,
    analysis: shape.answered ? { speech_speed: 7.8, filler_count: 3, positive_score: 0.62, negative_score: 0.08 } : null
  };
  const customerParticipant: MiiTelParticipant = {
    id: uuid(next),
    from_to: shape.direction === 'outgoing' ? 'TO' : 'FROM',
    name: null,
    company_name: null,
    login_id: null,
    analysis: shape.answered ? { speech_speed: 6.9, filler_count: 5, positive_score: 0.55, negative_score: 0.1 } : null
  };
  const detail: MiiTelDetail = {
    id: callId,
    previous_id: null,
    dial_starts_at: utc(dial),
    dial_answered_at: answeredAt ? utc(answeredAt) : null,
    dial_ends_at: utc(ends),
    queueing_starts_at: null,
    queueing_answered_at: null,
    queueing_ends_at: null,
    call_type: shape.direction === 'outgoing' ? 'OUTGOING_CALL' : 'INCOMING_CALL',
    circuit_number: OUR_LINE,
    circuit_name: '代表番号',
    from_number: shape.direction === 'outgoing' ? null : customer,
    to_number: shape.direction === 'outgoing' ? customer : OUR_LINE,
    dtmf: null,
    analysis: shape.answered
      ? {
          score: 4.2,
          tlr: 0.46,
          rally_count: 18,
          overlap_count: 2,
          silence_count: 1,
          silence_positions: [42],
          overlap_positions: [12, 77]
        }
      : null,
    participants: shape.answered ? [userParticipant, customerParticipant] : [userParticipant],
    tags: shape.answered ? [{ created_by: user.email, creator_type: 'USER', value: '折り返し希望' }] : [],
    comments: shape.answered
      ? [{ created_at: utc(plus(ends, 20)), created_by: user.email, value: '見積書を送付する' }]
      : [],
    keywords: shape.answered ? [{ word: '見積', count: 3 }] : [],
    phrases: shape.answered
      ? [
          {
            participant_id: userParticipant.id,
            raw: [
              {
                phrase: 'えーと、お世話になっております',
                phrase_nofiller: 'お世話になっております',
                start: 0,
                end: 2.1
              }
            ]
          }
        ]
      : [],
    speech_recognition: shape.answered
      ? {
          raw: `0:00 (ユーザー) お世話になっております。${user.name}です。\n0:02 (取引先) お世話になっております。\n0:05 (ユーザー) 先日のお見積りの件でお電話しました。`,
          summary: ''
        }
      : null
  };
  const call = { id: callId, tenant_code: TENANT, details: [detail] };
  return {
    body: { call, ...EXTRA_PAYLOAD },
    minutes: {
      call: {
        ...call,
        details: [
          {
            ...detail,
            minutes:
              '【議題】\nお見積りの件\n【重要なポイント】\n・納期は来月末\n【今後取るべき方針】\n・見積書を送付する'
          }
        ]
      },
      ...EXTRA_PAYLOAD
    }
  };
}

const range = (count: number): number[] => [...Array(count).keys()];
const ACCEPTED = [200, 201, 202, 204];

const send = (body: MiiTelWebhookBody): WebhookSend => ({ body, secret: 'configured', expect: ACCEPTED });

export const WEBHOOK_SCENARIOS: WebhookScenario[] = [
  {
    name: 'webhook-answered',
    description: 'MiiTel webhook: answered outgoing calls, transcription finished (one body per call).',
    defaultCalls: 1,
    sends: (o) => {
      const next = rngFor(o);
      return range(o.calls).map((i) =>
        send(buildCall(o, next, { index: i, direction: 'outgoing', answered: true }).body)
      );
    }
  },
  {
    name: 'webhook-missed',
    description: 'MiiTel webhook: missed incoming calls (不在着信: dial_answered_at null, no analysis).',
    defaultCalls: 1,
    sends: (o) => {
      const next = rngFor(o);
      return range(o.calls).map((i) =>
        send(buildCall(o, next, { index: i, direction: 'incoming', answered: false }).body)
      );
    }
  },
  {
    name: 'webhook-minutes',
    description: 'MiiTel webhook: a call transcribed, then its minutes (議事録) in a second body.',
    defaultCalls: 1,
    sends: (o) => {
      const next = rngFor(o);
      const calls = range(o.calls).map((i) => buildCall(o, next, { index: i, direction: 'incoming', answered: true }));
      return [...calls.map((c) => send(c.body)), ...calls.map((c) => send(c.minutes))];
    }
  },
  {
    name: 'webhook-resend',
    description: 'MiiTel webhook: every body sent twice (MiiTel re-sends); one Task per call is expected.',
    defaultCalls: 2,
    sends: (o) => {
      const next = rngFor(o);
      const bodies = range(o.calls).map(
        (i) => buildCall(o, next, { index: i, direction: 'outgoing', answered: true }).body
      );
      return [...bodies, ...bodies].map(send);
    }
  },
  {
    name: 'webhook-wrong-secret',
    description: 'MiiTel webhook: an answered call sent with a wrong X-MiiTel-Webhook-Secret (401, nothing stored).',
    defaultCalls: 1,
    sends: (o) => {
      const next = rngFor(o);
      return range(o.calls).map((i) => ({
        body: buildCall(o, next, { index: i, direction: 'outgoing', answered: true }).body,
        secret: 'wrong' as const,
        expect: [401]
      }));
    }
  },
  {
    name: 'webhook-challenge',
    description: 'MiiTel webhook: the challenge sent when the setting is saved (200 text/plain, the token alone).',
    defaultCalls: 1,
    sends: (o) => {
      const token = uuid(rngFor(o)).replace(/-/g, '');
      return [{ body: { challenge: token, ...EXTRA_PAYLOAD }, secret: 'configured', expect: [200], expectText: token }];
    }
  }
];

export function webhookScenario(name: string): WebhookScenario | undefined {
  return WEBHOOK_SCENARIOS.find((s) => s.name === name);
}

/** The MiiTel call ids of the bodies (challenges have none). */
export function callIdsOf(sends: readonly WebhookSend[]): string[] {
  return [
    ...new Set(
      sends.flatMap((s) =>
        'call' in s.body && typeof s.body.call === 'object' ? [(s.body as MiiTelWebhookBody).call.id] : []
      )
    )
  ];
}
