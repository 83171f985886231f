import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallEventResponse, ErrorResponse, LIMITS, type CallEvent } from './contract.ts';
import {
  EXAMPLE_CHALLENGE,
  EXAMPLE_ERRORS,
  EXAMPLE_MISSED_CALL_REQUEST,
  EXAMPLE_REQUEST,
  EXAMPLE_RESPONSE
} from './examples.ts';
import { type Validation, validateBody, validateBytes, validateParsed, validateValue } from './validator.ts';
import { canonicalEvent } from './vectors.ts';

const EVENT = {
  eventId: 'evt-1',
  type: 'call.ended',
  occurredAt: '2026-11-23T10:18:45+09:00',
  call: {
    id: 'c-1',
    direction: 'inbound',
    fromNumber: '0312345678',
    toNumber: '0501234567',
    user: { email: 'sato@example.co.jp' },
    durationSeconds: 12,
    answered: true,
    recordId: '001J000001AbCdE',
    memos: ['a']
  }
};

const events = (validation: Validation) => {
  assert.equal(validation.kind, 'events');
  return validation.kind === 'events' ? validation.events : [];
};

describe('validateBody', () => {
  it('returns the typed event with unknown fields dropped and the payload kept', () => {
    const payload = { ...EVENT, extra: true, call: { ...EVENT.call, extra: 1, user: { ...EVENT.call.user, x: 2 } } };
    const [outcome] = events(validateBody(JSON.stringify({ events: [payload], more: 1 })));
    assert.deepEqual(outcome?.event, EVENT);
    assert.deepEqual(outcome?.payload, payload);
    assert.equal(outcome?.eventId, 'evt-1');
  });

  it('renders typed events as the Apex DTO serialises them (UTC instants, 18-character ids)', () => {
    const [outcome] = events(validateBody(JSON.stringify({ events: [EVENT] })));
    assert.deepEqual(canonicalEvent(outcome?.event), {
      ...EVENT,
      occurredAt: '2026-11-23T01:18:45.000Z',
      call: { ...EVENT.call, recordId: '001J000001AbCdEIAV' }
    });
  });

  it('echoes the eventId of an invalid event when it is a string, else null', () => {
    const [bad, noId] = events(
      validateBody(
        JSON.stringify({
          events: [
            { ...EVENT, type: 'nope' },
            { ...EVENT, eventId: 5 }
          ]
        })
      )
    );
    assert.equal(bad?.eventId, 'evt-1');
    assert.equal(bad?.error?.code, 'INVALID_ENUM');
    assert.equal(noId?.eventId, null);
    assert.equal(noId?.error?.field, 'events[1].eventId');
  });

  it('answers request errors with status 400 and no field for body problems', () => {
    const result = validateBody('{');
    assert.deepEqual(result, {
      kind: 'error',
      httpStatus: 400,
      error: { code: 'INVALID_JSON', message: 'The body is not valid JSON' }
    });
  });

  it('never throws, whatever the body', () => {
    const samples: unknown[] = [null, true, 0, -1, 1.5, '', 'x', [], [null], {}, { a: 1 }, [[[]]], { $: null }];
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const paths = [[], ['call'], ['call', 'user'], ['call', 'memos']];
    for (let round = 0; round < 500; round++) {
      const event = structuredClone(EVENT) as Record<string, unknown>;
      const path = paths[random(paths.length)] ?? [];
      let target: Record<string, unknown> = event;
      for (const key of path) {
        const next = target[key];
        target = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : target;
      }
      const keys = Object.keys(target);
      const key = keys[random(keys.length)] ?? 'x';
      if (random(4) === 0) {
        Reflect.deleteProperty(target, key);
      } else {
        target[key] = samples[random(samples.length)];
      }
      const result = validateBody(JSON.stringify({ events: [event, EVENT] }));
      const outcomes = events(result);
      assert.equal(outcomes.length, 2);
      assert.ok(outcomes[1]?.event, 'the good event stays valid next to a bad one');
    }
    for (const sample of samples) {
      assert.doesNotThrow(() => validateParsed(sample));
      assert.doesNotThrow(() => validateParsed({ events: [sample] }));
    }
  });
});

describe('validateBytes', () => {
  it('refuses bytes that are not UTF-8', () => {
    const result = validateBytes(new Uint8Array([0x7b, 0xff, 0x7d]));
    assert.equal(result.kind === 'error' && result.error.message, 'The body is not valid UTF-8');
  });

  it('checks the size before decoding, and decodes valid bodies like validateBody', () => {
    const big = validateBytes(new Uint8Array(LIMITS.maxBodyBytes + 1));
    assert.equal(big.kind === 'error' && big.error.code, 'BODY_TOO_LARGE');
    const body = JSON.stringify({ events: [EVENT] });
    assert.deepEqual(validateBytes(new TextEncoder().encode(body)), validateBody(body));
    assert.equal(validateBytes(new Uint8Array()).kind, 'error');
  });
});

describe('the documented examples', () => {
  it('are valid requests', () => {
    for (const request of [EXAMPLE_REQUEST, EXAMPLE_MISSED_CALL_REQUEST]) {
      const outcomes = events(validateBody(JSON.stringify(request)));
      assert.deepEqual(
        outcomes.map((outcome) => outcome.error),
        outcomes.map(() => undefined)
      );
    }
    assert.deepEqual(validateBody(JSON.stringify(EXAMPLE_CHALLENGE)), {
      kind: 'challenge',
      httpStatus: 200,
      challenge: EXAMPLE_CHALLENGE.challenge
    });
  });

  it('show responses of the documented shape', () => {
    assert.deepEqual(validateValue(CallEventResponse, EXAMPLE_RESPONSE, ''), { value: EXAMPLE_RESPONSE });
    for (const example of Object.values(EXAMPLE_ERRORS)) {
      assert.deepEqual(validateValue(ErrorResponse, example, ''), { value: example });
    }
  });

  it('show the messages the validator really gives', () => {
    const refusal = (body: string) => {
      const result = validateBody(body);
      return result.kind === 'error' ? { error: result.error } : undefined;
    };
    assert.deepEqual(refusal('{}'), EXAMPLE_ERRORS.MISSING_EVENTS);
    assert.deepEqual(refusal('{'), EXAMPLE_ERRORS.INVALID_JSON);
    assert.deepEqual(refusal(JSON.stringify({ events: Array(201).fill(EVENT) })), EXAMPLE_ERRORS.TOO_MANY_EVENTS);
    assert.deepEqual(refusal(' '.repeat(LIMITS.maxBodyBytes + 1)), EXAMPLE_ERRORS.BODY_TOO_LARGE);
    const failed = EXAMPLE_RESPONSE.results[3]?.error;
    const [outcome] = events(
      validateBody(JSON.stringify({ events: [EVENT, EVENT, EVENT, { ...EVENT, occurredAt: 'soon' }] }))
    ).slice(3);
    assert.deepEqual(outcome?.error, failed);
  });
});

describe('inferred types', () => {
  it('follow the schema (checked by tsc)', () => {
    const event: CallEvent = {
      eventId: 'e',
      type: 'call.memo_updated',
      occurredAt: '2026-11-23T10:15:30+09:00',
      call: { id: 'c', direction: 'outbound', fromNumber: '', toNumber: '', user: {}, memos: [] }
    };
    // @ts-expect-error type is a closed union
    const wrongType: CallEvent['type'] = 'call.deleted';
    // @ts-expect-error call.user is required
    const noUser: CallEvent['call'] = { id: 'c', direction: 'inbound', fromNumber: '', toNumber: '' };
    assert.ok(event && wrongType && noUser);
  });
});
