/**
 * The server's event delivery switch end to end over HTTP, on fixtures/event-bus (BusResource publishes one
 * Bus_Open__e per request; BusOpenTrigger writes a Task per event saying the batch size). Batched with no timer
 * (`eventDeliveryIntervalMs: 0`): events accumulate until `POST /local/event-bus/deliver`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadProject } from '../runtime.ts';
import { startServer, type EventDeliveryMode, type RunningServer } from './app.ts';

const FIXTURE = 'scripts/local-org/fixtures/event-bus';

async function start(mode: EventDeliveryMode): Promise<RunningServer> {
  return startServer({
    org: loadProject(FIXTURE),
    port: 0,
    seed: 'none',
    eventDelivery: mode,
    eventDeliveryIntervalMs: 0
  });
}

async function call(running: RunningServer, method: string, path: string, body?: string): Promise<unknown> {
  const res = await fetch(`${running.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${running.auth.fixedToken}`, 'Content-Type': 'text/plain' },
    ...(body === undefined ? {} : { body })
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return JSON.parse(text) as unknown;
}

async function descriptions(running: RunningServer): Promise<string[]> {
  const q = encodeURIComponent('SELECT Subject, Description FROM Task ORDER BY CreatedDate');
  const json = (await call(running, 'GET', `/services/data/v65.0/query?q=${q}`)) as {
    records: { Subject: string; Description: string | null }[];
  };
  return json.records.map((r) => `${r.Subject} ${r.Description ?? ''}`.trim());
}

describe('batched delivery', () => {
  let running: RunningServer;
  before(async () => {
    running = await start('batched');
  });
  after(() => running.close());

  test('five requests, then a flush: one trigger batch of five', async () => {
    for (let i = 1; i <= 5; i++) {
      await call(running, 'POST', '/services/apexrest/bus', `b${i}`);
    }
    const state = (await call(running, 'GET', '/local/event-bus')) as {
      delivery: string;
      subscribers: { name: string; pending: number; tip: string }[];
    };
    assert.equal(state.delivery, 'batched');
    assert.deepEqual(
      state.subscribers.map((s) => [s.name, s.pending, s.tip]),
      [['BusOpenTrigger', 5, '5']]
    );
    assert.deepEqual(await descriptions(running), [], 'nothing delivered before the flush');
    const flushed = (await call(running, 'POST', '/local/event-bus/deliver')) as {
      report: { runs: number; delivered: number };
      subscribers: { position: string; pending: number }[];
    };
    assert.deepEqual([flushed.report.runs, flushed.report.delivered], [1, 5]);
    assert.deepEqual(
      flushed.subscribers.map((s) => [s.position, s.pending]),
      [['5', 0]]
    );
    const tasks = await descriptions(running);
    assert.equal(tasks.length, 5);
    assert.ok(
      tasks.every((t) => / n=5 /.test(t)),
      tasks.join('\n')
    );
  });

  test('a forced publish failure after 200 runs the failure callback; the event reaches no trigger', async () => {
    await call(running, 'POST', '/local/event-bus/fail-next?count=1');
    await call(running, 'POST', '/services/apexrest/bus?callback=1', 'doomed');
    await running.drainEvents();
    const tasks = await descriptions(running);
    assert.ok(
      tasks.some((t) => t.startsWith('callback failure ')),
      tasks.join('\n')
    );
    assert.ok(!tasks.some((t) => t.startsWith('doomed ')), 'not delivered');
  });
});

describe('immediate delivery (the default)', () => {
  let running: RunningServer;
  before(async () => {
    running = await start('immediate');
  });
  after(() => running.close());

  test('each request is delivered after it, alone', async () => {
    for (const body of ['i1', 'i2']) {
      await call(running, 'POST', '/services/apexrest/bus', body);
      await running.drainEvents();
    }
    assert.deepEqual(
      (await descriptions(running)).map((t) => t.replace(/ u=.*$/, '')),
      ['i1 n=1 r=0 e=null', 'i2 n=1 r=0 e=null']
    );
  });
});
