/**
 * The MiiTel Outgoing Webhook scenarios: bodies in MiiTel's shape (docs/miitel-webhook.md) and the runner's
 * arithmetic against a stand-in receiver (what the org does with a body is the Apex's business, tested in Apex and
 * in the server tests).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatWebhookReport, SECRET_HEADER, simulateWebhooks, type WebhookTarget } from './webhook.ts';
import {
  callIdsOf,
  domesticDigits,
  WEBHOOK_SCENARIOS,
  webhookScenario,
  type MiiTelDetail,
  type MiiTelWebhookBody,
  type WebhookScenario
} from './webhook-scenarios.ts';

const options = {
  calls: 2,
  seed: 7,
  customerNumbers: ['+81312345678', '+819012345678'],
  startAt: new Date('2026-11-23T01:00:00Z')
};

const scenario = (name: string): WebhookScenario => {
  const found = webhookScenario(name);
  assert.ok(found, name);
  return found;
};

const details = (name: string): MiiTelDetail[] =>
  scenario(name)
    .sends(options)
    .flatMap((s) => ('call' in s.body ? (s.body as MiiTelWebhookBody).call.details : []));

/** Every key MiiTel sends on a detail (all present, many null). */
const DETAIL_KEYS = [
  'analysis',
  'call_type',
  'circuit_name',
  'circuit_number',
  'comments',
  'dial_answered_at',
  'dial_ends_at',
  'dial_starts_at',
  'dtmf',
  'from_number',
  'id',
  'keywords',
  'participants',
  'phrases',
  'previous_id',
  'queueing_answered_at',
  'queueing_ends_at',
  'queueing_starts_at',
  'speech_recognition',
  'tags',
  'to_number'
];

describe('webhook scenarios: MiiTel shape', () => {
  for (const s of WEBHOOK_SCENARIOS.filter((w) => w.name !== 'webhook-challenge')) {
    it(`${s.name}: {call: {id, tenant_code, details}} plus extra payload keys, no event type or id`, () => {
      for (const send of s.sends(options)) {
        const body = send.body as MiiTelWebhookBody;
        assert.deepEqual(Object.keys(body).sort(), ['call', 'source'], 'call + the extra payload key');
        assert.deepEqual(Object.keys(body.call).sort(), ['details', 'id', 'tenant_code']);
        assert.match(body.call.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        for (const d of body.call.details) {
          assert.deepEqual(
            Object.keys(d)
              .filter((k) => k !== 'minutes')
              .sort(),
            DETAIL_KEYS
          );
          assert.equal(d.id, body.call.id, 'the detail id equals call.id (every sample)');
          for (const t of [d.dial_starts_at, d.dial_ends_at, d.dial_answered_at].filter((x) => x !== null)) {
            assert.match(t, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/, 'UTC with +00:00');
          }
        }
      }
    });
  }

  it('answered calls are outgoing, with from_number null, an analysis, a transcript and the user login_id', () => {
    for (const d of details('webhook-answered')) {
      assert.equal(d.call_type, 'OUTGOING_CALL');
      assert.equal(d.from_number, null);
      assert.match(d.to_number ?? '', /^0\d{9,10}$/, 'domestic digits');
      assert.ok(d.dial_answered_at !== null && d.analysis !== null && d.speech_recognition !== null);
      assert.ok(
        d.participants.some((p) => p.login_id === 'yamada@example.co.jp' || p.login_id === 'sato@example.co.jp')
      );
    }
  });

  it('missed incoming calls have dial_answered_at null, no analysis and the caller in from_number', () => {
    for (const d of details('webhook-missed')) {
      assert.equal(d.call_type, 'INCOMING_CALL');
      assert.equal(d.dial_answered_at, null);
      assert.equal(d.analysis, null);
      assert.equal(d.speech_recognition, null);
      assert.match(d.from_number ?? '', /^0\d+$/);
    }
  });

  it('minutes: each call twice, the second detail carrying minutes (議事録)', () => {
    const sends = scenario('webhook-minutes').sends(options);
    assert.equal(sends.length, options.calls * 2);
    assert.equal(callIdsOf(sends).length, options.calls, 'the same call ids');
    const withMinutes = details('webhook-minutes').filter((d) => d.minutes !== undefined);
    assert.equal(withMinutes.length, options.calls);
    assert.match(withMinutes[0]?.minutes ?? '', /【議題】/);
  });

  it('resend: every body twice, byte for byte', () => {
    const bodies = scenario('webhook-resend')
      .sends(options)
      .map((s) => JSON.stringify(s.body));
    assert.equal(bodies.length, options.calls * 2);
    assert.deepEqual(bodies.slice(0, options.calls), bodies.slice(options.calls));
  });

  it('wrong secret: sent with the wrong secret, 401 expected', () => {
    for (const s of scenario('webhook-wrong-secret').sends(options)) {
      assert.equal(s.secret, 'wrong');
      assert.deepEqual(s.expect, [401]);
    }
  });

  it('challenge: a top-level challenge plus the extra payload keys; the token alone expected back', () => {
    const [send] = scenario('webhook-challenge').sends(options);
    assert.ok(send && 'challenge' in send.body);
    assert.deepEqual(Object.keys(send.body).sort(), ['challenge', 'source']);
    assert.equal(send.expectText, send.body.challenge);
    assert.deepEqual(send.expect, [200]);
  });

  it('the same seed and start give the same bodies; another start gives other call ids', () => {
    const a = callIdsOf(scenario('webhook-answered').sends(options));
    assert.deepEqual(callIdsOf(scenario('webhook-answered').sends(options)), a);
    assert.notDeepEqual(
      callIdsOf(scenario('webhook-answered').sends({ ...options, startAt: new Date('2026-11-24T01:00:00Z') })),
      a
    );
  });

  it('numbers are sent as domestic digits', () => {
    assert.equal(domesticDigits('+81312345678'), '0312345678');
    assert.equal(domesticDigits('03-1234-5678'), '0312345678');
  });
});

describe('simulateWebhooks', () => {
  /** A receiver that checks the secret header and answers challenges (a stand-in, not the bridge). */
  const receiver = (): WebhookTarget & { headers: Record<string, string>[] } => {
    const target = {
      headers: [] as Record<string, string>[],
      async post(body: string, headers: Record<string, string>) {
        target.headers.push(headers);
        if (headers[SECRET_HEADER] !== 'good') {
          return { status: 401, contentType: 'text/plain', text: 'unauthorized' };
        }
        const parsed = JSON.parse(body) as { challenge?: string };
        return parsed.challenge
          ? { status: 200, contentType: 'text/plain;charset=UTF-8', text: parsed.challenge }
          : { status: 202, contentType: 'text/plain', text: '' };
      },
      countTasks: async (ids: readonly string[]) => ids.length
    };
    return target;
  };

  it('sends the secret header, counts statuses and Tasks', async () => {
    const target = receiver();
    const report = await simulateWebhooks(target, scenario('webhook-resend').sends(options), 'good');
    assert.equal(report.sent, 4);
    assert.deepEqual(report.byStatus, { '202': 4 });
    assert.equal(report.unexpected.length, 0);
    assert.equal(report.calls, 2);
    assert.equal(report.tasks, 2);
    assert.equal(target.headers[0]?.[SECRET_HEADER], 'good');
    assert.equal(target.headers[0]?.['Content-Type'], 'application/json');
  });

  it('a wrong-secret scenario passes when the receiver answers 401', async () => {
    const report = await simulateWebhooks(receiver(), scenario('webhook-wrong-secret').sends(options), 'good');
    assert.deepEqual(report.byStatus, { '401': 2 }, 'two calls');
    assert.equal(report.unexpected.length, 0);
  });

  it('a challenge answered with the wrong text is reported', async () => {
    const target: WebhookTarget = {
      post: async () => ({ status: 200, contentType: 'application/json', text: '{"ok":true}' }),
      countTasks: async () => 0
    };
    const report = await simulateWebhooks(target, scenario('webhook-challenge').sends(options), 'good');
    assert.equal(report.unexpected.length, 1);
    assert.match(formatWebhookReport('webhook-challenge', 'http://x', report), /got 200, expected 200 text\/plain/);
  });

  it('a receiver that accepts a wrong secret is reported', async () => {
    const target: WebhookTarget = {
      post: async () => ({ status: 202, contentType: 'text/plain', text: '' }),
      countTasks: async () => 1
    };
    const report = await simulateWebhooks(target, scenario('webhook-wrong-secret').sends(options), 'good');
    assert.equal(report.unexpected[0]?.expected, '401');
  });
});
