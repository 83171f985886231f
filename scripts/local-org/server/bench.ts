/**
 * `npm run bench`: the served local org under a bridge-like load, timed (issue 16, item 5) — kept out of `npm test`,
 * whose cost tests count instead (soak.test.ts). For 0, 50,000 and 200,000 existing records (1/5 Tasks, 4/5 event-log
 * rows, added after the demo seed) and batches of 1, 50 and 200 events (calls of 4 events: started, ended,
 * transcribed, memo — a batch of 1 sends them one per request), over HTTP with Node's fetch, the sizes' requests
 * interleaved (so that other load on the machine falls on all of them alike): events/s, CPU ms per event (the
 * process's user + system time: the server runs in-process, and CPU time hardly moves with other load), p50/p95
 * latency, Apex SOQL/DML and the store's counted work per request, the first request after the bulk load (indexes
 * built), the large/small ratios (target ≤ 1.2), and API calls per phone call against a REST integration built on
 * the standard API (up to 3 lookups + 1 create + 1 transcript + 1 memo + 1 per memo edit).
 *   tsx scripts/local-org/server/bench.ts [--sizes 0,50000,200000] [--batches 1,50,200] [--requests N]
 *                                         [--out reports/bench.json] [--quick]
 * `--profile file.cpuprofile` writes a V8 CPU profile of the measured requests only (not the load, seed and warm-up):
 * e.g. `--sizes 0 --batches 200 --requests 40 --profile reports/bench-200.cpuprofile` (open it in Chrome DevTools).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import type { CallEvent } from '../../contract/generated/client.ts';
import { callEvents } from '../../simulator/scenarios.ts';
import { costSnapshot, costsSince, type Row, type Store, type StoreCosts } from '../data/store.ts';
import { loadProject, type LocalOrg } from '../runtime.ts';
import { startServer, type RunningServer } from './app.ts';

const BATCHES = [1, 50, 200] as const;
type BatchSize = (typeof BATCHES)[number];
const EVENTS_PER_CALL = 4;
/** A REST integration on the standard API, per phone call with one memo and no edits: 3 + 1 + 1 + 1. */
const REST_CALLS_PER_PHONE_CALL = 6;
const NUMBERS = ['+81312345678', '+819012345678', '+81661234567'];

interface Sample {
  ms: number;
  /** CPU time of this process (the server runs in it) during the request, user + system: far less sensitive than
   * wall-clock time to other load on the machine. */
  cpuMs: number;
  soql: number;
  dml: number;
  costs: StoreCosts;
}

interface BatchResult {
  batch: number;
  requests: number;
  events: number;
  eventsPerSecond: number;
  /** Mean CPU milliseconds per event (user + system of the process, which serves in-process). */
  cpuMsPerEvent: number;
  /** The least CPU per event of one request: the figure least moved by other load on the machine. */
  cpuMsPerEventBest: number;
  p50Ms: number;
  p95Ms: number;
  /** Apex REST requests per phone call (4 events per call). */
  apiCallsPerPhoneCall: number;
  soqlPerRequest: number;
  dmlPerRequest: number;
  /** The store's counted work per request (means). */
  costsPerRequest: StoreCosts;
}

interface SizeResult {
  existingRecords: number;
  /** The first request after the bulk load: indexes the tables it looks up in (once). */
  firstRequestMs?: number;
  batches: BatchResult[];
}

let runCounter = 0;

/** `calls` calls' events in sending order (each call's events in its order). */
function events(calls: number): CallEvent[] {
  const run = `bench-${process.pid}-${runCounter++}`;
  const out: CallEvent[] = [];
  for (let index = 0; index < calls; index++) {
    const e = callEvents(
      { calls, seed: 1, customerNumbers: NUMBERS, startAt: new Date('2026-12-01T01:00:00Z'), runId: run },
      { index, direction: index % 2 === 0 ? 'inbound' : 'outbound', answered: true }
    );
    out.push(e.started, e.ended, e.transcribed, e.memo);
  }
  return out;
}

async function post(server: RunningServer, batch: CallEvent[]): Promise<Sample> {
  const before = costSnapshot();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const response = await fetch(`${server.url}/services/apexrest/miitel/v1/call-events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${server.auth.fixedToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ events: batch })
  });
  const text = await response.text();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  if (response.status !== 200) {
    throw new Error(`POST answered ${response.status}: ${text.slice(0, 300)}`);
  }
  const limits = response.headers.get('x-miitel-limits') ?? '';
  const value = (name: string): number => Number(new RegExp(`${name}=(\\d+)`).exec(limits)?.[1] ?? 0);
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    soql: value('soql'),
    dml: value('dml'),
    costs: costsSince(before)
  };
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

function summarize(batch: number, samples: Sample[]): BatchResult {
  const times = samples.map((x) => x.ms).sort((a, b) => a - b);
  const total = samples.reduce((n, x) => n + x.ms, 0);
  const mean = (pick: (x: Sample) => number): number => samples.reduce((n, x) => n + pick(x), 0) / samples.length;
  return {
    batch,
    requests: samples.length,
    events: batch * samples.length,
    eventsPerSecond: (batch * samples.length) / (total / 1000),
    cpuMsPerEvent: samples.reduce((n, x) => n + x.cpuMs, 0) / (batch * samples.length),
    cpuMsPerEventBest: Math.min(...samples.map((x) => x.cpuMs)) / batch,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    apiCallsPerPhoneCall: EVENTS_PER_CALL / batch,
    soqlPerRequest: mean((x) => x.soql),
    dmlPerRequest: mean((x) => x.dml),
    costsPerRequest: {
      rowsScanned: mean((x) => x.costs.rowsScanned),
      rowsCopied: mean((x) => x.costs.rowsCopied),
      nodesCopied: mean((x) => x.costs.nodesCopied),
      rowsIndexed: mean((x) => x.costs.rowsIndexed),
      indexHits: mean((x) => x.costs.indexHits)
    }
  };
}

/** Batches of `batch` events for `requests` requests (a batch of 1 sends a call's 4 events one request each). */
function batches(batch: number, requests: number): CallEvent[][] {
  const all = events(Math.ceil((batch * requests) / EVENTS_PER_CALL));
  return Array.from({ length: requests }, (_, i) => all.slice(i * batch, (i + 1) * batch));
}

/**
 * Measures every store size with interleaved requests — size A, B, C, A, B, C, … — switching the org's committed
 * data between the sizes' stores (a store copy costs one entry per table), so that load from other processes on the
 * machine falls on every size alike and the ratios stay meaningful.
 */
async function measureInterleaved(
  server: RunningServer,
  org: LocalOrg,
  stores: Map<number, Store>,
  batch: number,
  requests: number
): Promise<Map<number, BatchResult>> {
  const samples = new Map<number, Sample[]>([...stores.keys()].map((size) => [size, []]));
  const work = new Map([...stores.keys()].map((size) => [size, batches(batch, requests + 1)]));
  for (let r = 0; r < requests + 1; r++) {
    for (const [size, store] of stores) {
      org.data.restore(store);
      const sample = await post(server, work.get(size)?.[r] ?? []);
      stores.set(size, org.data.clone());
      if (r > 0) {
        samples.get(size)?.push(sample); // round 0 warms up
      }
    }
  }
  return new Map([...samples].map(([size, list]) => [size, summarize(batch, list)]));
}

/** Adds `count` copies of the stored record `templateId` (unique fields made unique) in one commit. */
function copies(org: LocalOrg, templateId: string, count: number, unique: string[], tag: string): void {
  const store = org.data.clone();
  const object = store.objectOf(templateId);
  const template = store.get(templateId);
  const type = object ? org.registry.schema.describe(object) : undefined;
  if (!template || !type) {
    throw new Error(`no template ${templateId}`);
  }
  for (let i = 0; i < count; i++) {
    const id = store.newId(type);
    const row: Row = new Map(template);
    row.set('id', id);
    for (const field of unique) {
      row.set(field, `${String(template.get(field))}-${tag}-${i}`);
    }
    store.put(type, id, row);
  }
  org.commit(store);
}

function grow(org: LocalOrg, records: number, tag: string): void {
  const first = (name: string): string => {
    const type = org.registry.schema.describe(name);
    const id = type ? org.data.table(type).keys().next().value : undefined;
    if (!id) {
      throw new Error(`no ${name} to copy`);
    }
    return id;
  };
  const tasks = Math.round(records / 5);
  copies(org, first('Task'), tasks, ['miitel_call_id__c'], tag);
  copies(org, first('MiiTel_Call_Event__c'), records - tasks, ['miitel_event_id__c', 'miitel_call_id__c'], tag);
}

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '—');

function table(results: SizeResult[]): string {
  const lines = [
    'existing   batch  events/s  CPU ms/event   p50 ms   p95 ms  API calls/phone call (REST: 6+)  SOQL/req  DML/req  rows scanned/req  rows copied/req',
    '---------  -----  --------  ------------  -------  -------  -------------------------------  --------  -------  ----------------  ---------------'
  ];
  for (const size of results) {
    for (const b of size.batches) {
      lines.push(
        [
          String(size.existingRecords).padStart(9),
          String(b.batch).padStart(5),
          fmt(b.eventsPerSecond, 1).padStart(8),
          fmt(b.cpuMsPerEvent, 2).padStart(12),
          fmt(b.p50Ms, 1).padStart(7),
          fmt(b.p95Ms, 1).padStart(7),
          fmt(b.apiCallsPerPhoneCall, 2).padStart(31),
          fmt(b.soqlPerRequest, 1).padStart(8),
          fmt(b.dmlPerRequest, 1).padStart(7),
          fmt(b.costsPerRequest.rowsScanned, 1).padStart(16),
          fmt(b.costsPerRequest.rowsCopied, 1).padStart(15)
        ].join('  ')
      );
    }
  }
  return lines.join('\n');
}

interface Ratio {
  existingRecords: number;
  batch: number;
  p50: number;
  p95: number;
  eventsPerSecond: number;
  withinTarget: boolean;
}

/** large/small for p50 and p95, small/large for events/s: > 1 means slower on the large store. */
function ratios(results: SizeResult[]): Ratio[] {
  const small = results[0];
  const out: Ratio[] = [];
  for (const size of results.slice(1)) {
    for (const b of size.batches) {
      const s = small?.batches.find((x) => x.batch === b.batch);
      if (!s) {
        continue;
      }
      const r = {
        existingRecords: size.existingRecords,
        batch: b.batch,
        p50: b.p50Ms / s.p50Ms,
        p95: b.p95Ms / s.p95Ms,
        eventsPerSecond: s.eventsPerSecond / b.eventsPerSecond
      };
      out.push({ ...r, withinTarget: r.p50 <= 1.2 && r.eventsPerSecond <= 1.2 });
    }
  }
  return out;
}

async function startProfile(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return session;
}

async function stopProfile(session: Session, file: string): Promise<void> {
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(profile));
  console.log(`profile written: ${file}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '0,50000,200000' },
      out: { type: 'string', default: 'reports/bench.json' },
      batches: { type: 'string', default: BATCHES.join(',') },
      requests: { type: 'string' },
      quick: { type: 'boolean', default: false },
      profile: { type: 'string' }
    }
  });
  const sizes = values.sizes.split(',').map(Number);
  const chosen = values.batches.split(',').map(Number);
  const measuredBatches = BATCHES.filter((b) => chosen.includes(b));
  if (measuredBatches.length !== chosen.length) {
    throw new Error(`--batches: choose among ${BATCHES.join(', ')}`);
  }
  const fixed = values.requests === undefined ? undefined : Number(values.requests);
  const requests: Record<BatchSize, number> =
    fixed !== undefined
      ? { 1: fixed, 50: fixed, 200: fixed }
      : values.quick
        ? { 1: 12, 50: 4, 200: 2 }
        : { 1: 80, 50: 16, 200: 8 };
  const loadStarted = performance.now();
  const org = loadProject('.');
  const server = await startServer({ org, port: 0, seed: 'demo' });
  console.log(`local org loaded in ${fmt((performance.now() - loadStarted) / 1000, 1)} s; ${server.url}`);
  const results: SizeResult[] = [];
  let existing = 0;
  try {
    await post(server, events(1)); // a Task and event-log rows to copy
    // Warm-up (JIT, caches): every batch size a few times, not counted.
    for (const batch of measuredBatches) {
      for (const chunk of batches(batch, Math.max(2, Math.ceil(requests[batch] / 4)))) {
        await post(server, chunk);
      }
    }
    const stores = new Map<number, Store>();
    for (const size of sizes) {
      const result: SizeResult = { existingRecords: size, batches: [] };
      if (size > existing) {
        const started = performance.now();
        grow(org, size - existing, `s${size}`);
        existing = size;
        console.log(`added records up to ${size} in ${fmt((performance.now() - started) / 1000, 1)} s`);
        result.firstRequestMs = (await post(server, events(1))).ms;
      }
      stores.set(size, org.data.clone());
      results.push(result);
    }
    const profiler = values.profile === undefined ? undefined : await startProfile();
    for (const batch of measuredBatches) {
      const measured = await measureInterleaved(server, org, stores, batch, requests[batch]);
      for (const result of results) {
        const b = measured.get(result.existingRecords);
        if (b) {
          result.batches.push(b);
        }
      }
      console.log(`  batch ${batch}: done`);
    }
    if (profiler && values.profile !== undefined) {
      await stopProfile(profiler, values.profile);
    }
  } finally {
    await server.close();
  }
  const ratioRows = ratios(results);
  const report = {
    machine: { node: process.version, platform: process.platform, arch: process.arch },
    at: new Date().toISOString(),
    restIntegrationCallsPerPhoneCall: `${REST_CALLS_PER_PHONE_CALL} + 1 per memo edit (3 lookups + create + transcript + memo)`,
    results,
    ratios: ratioRows
  };
  console.log(`\n${table(results)}\n`);
  for (const size of results) {
    if (size.firstRequestMs !== undefined) {
      console.log(`first request after loading ${size.existingRecords} records: ${fmt(size.firstRequestMs, 1)} ms`);
    }
  }
  console.log('\nlarge/small (target ≤ 1.2; p50 and p95 latency, and events/s inverted):');
  for (const r of ratioRows) {
    console.log(
      `  ${String(r.existingRecords).padStart(6)} vs ${results[0]?.existingRecords ?? 0}, batch ${String(r.batch).padStart(3)}: ` +
        `p50 ${fmt(r.p50, 2)}  p95 ${fmt(r.p95, 2)}  events/s ${fmt(r.eventsPerSecond, 2)}  ${r.withinTarget ? 'ok' : 'OVER 1.2'}`
    );
  }
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwritten: ${values.out}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
