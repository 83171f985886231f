import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CallEvent, CallEventsTransport } from '../contract/generated/client.ts';
import { validateBody } from '../contract/validator.ts';
import { SCENARIOS, UNKNOWN_NUMBER, random, scenario, shuffle } from './scenarios.ts';
import { formatReport, simulate } from './simulate.ts';

const options = {
  calls: 3,
  seed: 7,
  customerNumbers: ['+81312345678', '+819012345678'],
  recordId: '003000000000001AAA',
  startAt: new Date('2026-11-23T01:00:00Z'),
  runId: 'test'
};

describe('scenarios', () => {
  for (const s of SCENARIOS) {
    it(`${s.name}: every event passes the contract validator`, () => {
      for (const send of s.sends(options)) {
        for (let i = 0; i < send.length; i += 200) {
          const validation = validateBody(JSON.stringify({ events: send.slice(i, i + 200) }));
          assert.equal(validation.kind, 'events', JSON.stringify(validation).slice(0, 300));
          if (validation.kind === 'events') {
            assert.deepEqual(
              validation.events.filter((e) => e.error).map((e) => e.error),
              [],
              'no invalid event'
            );
          }
        }
      }
    });
  }

  it('click-to-call needs a record id', () => {
    assert.throws(() => scenario('click-to-call').sends({ ...options, recordId: undefined }), /--record-id/);
  });

  it('retry-storm sends every event twice, shuffled, the same way for the same seed', () => {
    const first = scenario('retry-storm').sends(options).flat();
    const again = scenario('retry-storm').sends(options).flat();
    const ids = first.map((e) => e.eventId);
    assert.equal(first.length, options.calls * 4 * 2, 'four events per call, twice');
    assert.equal(new Set(ids).size, options.calls * 4, 'each event id twice');
    assert.deepEqual(
      ids,
      again.map((e) => e.eventId),
      'seeded: repeatable'
    );
    assert.notDeepEqual(ids, [...ids].sort(), 'not in order');
  });

  it('unknown-caller calls in from the one number no seeded record holds, whatever numbers are given', () => {
    const events = scenario('unknown-caller').sends(options).flat();
    assert.equal(events.length, options.calls * 2, 'started and ended per call');
    assert.deepEqual(new Set(events.map((e) => e.call.fromNumber)), new Set([UNKNOWN_NUMBER]));
    assert.deepEqual(new Set(events.map((e) => e.call.direction)), new Set(['inbound']));
  });

  it('soak produces 10,000 events by default', () => {
    const s = scenario('soak');
    assert.equal(s.sends({ ...options, calls: s.defaultCalls }).flat().length, 10000);
  });

  it('shuffle keeps every item', () => {
    assert.deepEqual(shuffle([1, 2, 3, 4, 5], random(3)).sort(), [1, 2, 3, 4, 5]);
  });

  it('unknown scenario names are listed in the error', () => {
    assert.throws(() => scenario('nope'), /known: outbound-call/);
  });
});

describe('simulate', () => {
  // A stand-in org that answers every event with a fixed status: the simulator's arithmetic is under test here, not
  // the bridge (the bridge's behaviour is tested in Apex).
  const fixedOrg = (status: 'applied' | 'duplicate' | 'failed'): CallEventsTransport & { bodies: number } => {
    const transport = {
      bodies: 0,
      async post(_path: string, body: object) {
        transport.bodies++;
        const events = (body as { events: CallEvent[] }).events;
        return {
          results: events.map((e) => ({
            eventId: e.eventId,
            status,
            ...(status === 'failed' ? { error: { code: 'INVALID_SETTINGS', message: 'memo field' } } : {})
          }))
        };
      }
    };
    return transport;
  };

  it('counts requests, statuses, Tasks and throughput', async () => {
    const transport = fixedOrg('applied');
    let clock = 0;
    const report = await simulate(
      { transport, countTasks: async (ids) => ids.length },
      scenario('soak').sends({ ...options, calls: 100 }),
      () => (clock += 500)
    );
    assert.equal(report.eventsSent, 400);
    assert.equal(report.apiCalls, 2, '400 events in requests of 200');
    assert.equal(transport.bodies, 2, 'two requests made');
    assert.equal(report.applied, 400);
    assert.equal(report.tasks, 100);
    assert.equal(report.legacyApiCalls, 100 * (4 + 1 + 1), 'create (3 look-ups + 1), transcript, memo per call');
    assert.equal(report.seconds, 0.5);
    assert.equal(report.eventsPerSecond, 800);
  });

  it('reports failures with their codes', async () => {
    const report = await simulate(
      { transport: fixedOrg('failed'), countTasks: async () => 0 },
      scenario('inbound-missed').sends(options)
    );
    assert.equal(report.failed, 6);
    assert.match(formatReport('inbound-missed', report), /failed test-call-0-started: INVALID_SETTINGS memo field/);
  });
});
