import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as contract from './contract.ts';
import { EXAMPLE_REQUEST, EXAMPLE_RESPONSE } from './examples.ts';
import {
  APEX_REST_PATH,
  type CallEvent,
  type CallEventResponse,
  CallEventsError,
  type CallEventsTransport,
  ENDPOINT_PATH,
  type FetchLike,
  MAX_EVENTS_PER_REQUEST,
  batchCallEvents,
  fetchTransport,
  jsforceTransport,
  postCallEvents,
  postCallEventsInBatches,
  postChallenge
} from './generated/client.ts';

const [STARTED, ENDED] = EXAMPLE_REQUEST.events as [CallEvent, CallEvent];

/** A transport that records what it is asked and answers one result per event. */
function recordingTransport(): CallEventsTransport & { calls: { path: string; body: object }[] } {
  const calls: { path: string; body: object }[] = [];
  return {
    calls,
    post(path, body) {
      calls.push({ path, body });
      const sent = (body as { events?: CallEvent[] }).events ?? [];
      return Promise.resolve({ results: sent.map((event) => ({ eventId: event.eventId, status: 'applied' })) });
    }
  };
}

describe('generated client types', () => {
  it('are the contract types (checked by tsc, both directions)', () => {
    const fromContract: CallEvent = STARTED satisfies contract.CallEvent;
    const toContract: contract.CallEvent = fromContract;
    const response: contract.CallEventResponse = EXAMPLE_RESPONSE satisfies CallEventResponse;
    assert.ok(toContract && response);
  });
});

describe('postCallEvents', () => {
  it('posts {events} to the Apex REST path and returns the answer', async () => {
    const transport = recordingTransport();
    const answer = await postCallEvents(transport, [STARTED, ENDED]);
    assert.deepEqual(transport.calls, [{ path: APEX_REST_PATH, body: { events: [STARTED, ENDED] } }]);
    assert.deepEqual(
      answer.results.map((result) => result.eventId),
      [STARTED.eventId, ENDED.eventId]
    );
  });

  it('refuses an answer that is not a CallEventResponse', async () => {
    const transport: CallEventsTransport = { post: () => Promise.resolve({ ok: true }) };
    await assert.rejects(postCallEvents(transport, [STARTED]), CallEventsError);
  });

  it('works over a jsforce connection', async () => {
    const seen: string[] = [];
    const connection = {
      apex: {
        post(path: string, body: object) {
          seen.push(path);
          return Promise.resolve({
            results: [{ eventId: (body as { events: CallEvent[] }).events[0]?.eventId, status: 'skipped' }]
          });
        }
      }
    };
    const answer = await postCallEvents(jsforceTransport(connection), [STARTED]);
    assert.deepEqual(seen, [APEX_REST_PATH]);
    assert.equal(answer.results[0]?.status, 'skipped');
  });
});

describe('fetchTransport', () => {
  const fakeFetch =
    (status: number, body: string, seen: { url: string; init: Parameters<FetchLike>[1] }[]): FetchLike =>
    (url, init) => {
      seen.push({ url, init });
      return Promise.resolve({ ok: status < 300, status, text: () => Promise.resolve(body) });
    };

  it('posts JSON with the bearer token to the endpoint', async () => {
    const seen: { url: string; init: Parameters<FetchLike>[1] }[] = [];
    const transport = fetchTransport({
      instanceUrl: 'https://example.my.salesforce.com/',
      accessToken: '00D!token',
      fetch: fakeFetch(200, JSON.stringify(EXAMPLE_RESPONSE), seen)
    });
    assert.deepEqual(await postCallEvents(transport, [STARTED]), EXAMPLE_RESPONSE);
    assert.equal(seen[0]?.url, `https://example.my.salesforce.com${ENDPOINT_PATH}`);
    assert.equal(seen[0]?.init.headers.Authorization, 'Bearer 00D!token');
    assert.deepEqual(JSON.parse(seen[0]?.init.body ?? ''), { events: [STARTED] });
  });

  it('turns a 400 into a CallEventsError carrying the ApiError', async () => {
    const error = {
      code: 'TOO_MANY_EVENTS',
      message: 'events must hold at most 200 events; split the batch',
      field: 'events'
    };
    const transport = fetchTransport({
      instanceUrl: 'https://example.my.salesforce.com',
      accessToken: 't',
      fetch: fakeFetch(400, JSON.stringify({ error }), [])
    });
    await assert.rejects(postCallEvents(transport, [STARTED]), (thrown: unknown) => {
      assert.ok(thrown instanceof CallEventsError);
      assert.equal(thrown.status, 400);
      assert.deepEqual(thrown.error, error);
      return true;
    });
  });

  it('returns the text of a text/plain answer (the challenge)', async () => {
    const transport = fetchTransport({
      instanceUrl: 'https://example.my.salesforce.com',
      accessToken: 't',
      fetch: fakeFetch(200, 'tok-1', [])
    });
    assert.equal(await postChallenge(transport, 'tok-1'), 'tok-1');
  });
});

describe('batching', () => {
  const many = (count: number): CallEvent[] =>
    Array.from({ length: count }, (_, index) => ({ ...STARTED, eventId: `evt-${index}` }));

  it('splits by event count, keeping the order', async () => {
    const transport = recordingTransport();
    const answer = await postCallEventsInBatches(transport, many(450));
    assert.deepEqual(
      transport.calls.map((call) => (call.body as { events: CallEvent[] }).events.length),
      [MAX_EVENTS_PER_REQUEST, MAX_EVENTS_PER_REQUEST, 50]
    );
    assert.deepEqual(
      answer.results.map((result) => result.eventId),
      many(450).map((event) => event.eventId)
    );
  });

  it('splits by body size, every batch within the limit', () => {
    const events = many(10);
    const oneEvent = new TextEncoder().encode(JSON.stringify({ events: [events[0]] })).length;
    const limits = { maxEvents: 200, maxBodyBytes: oneEvent * 3 };
    const batches = batchCallEvents(events, limits);
    assert.ok(batches.length > 1);
    assert.deepEqual(batches.flat(), events);
    for (const batch of batches) {
      assert.ok(new TextEncoder().encode(JSON.stringify({ events: batch })).length <= limits.maxBodyBytes);
    }
  });

  it('refuses an event that cannot fit in any body', () => {
    assert.throws(() => batchCallEvents([STARTED], { maxEvents: 200, maxBodyBytes: 50 }), RangeError);
  });
});
