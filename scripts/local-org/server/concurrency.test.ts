/**
 * Issue 16, item 1: many keep-alive clients at once. Eight clients (Node's fetch: undici, keep-alive, one socket each
 * while they overlap) post a slow 200-event batch each at the same time to `npm start`'s server running as its own
 * process (so the clients' sockets live while the server's event loop is busy), then a next request on the same
 * socket. Each batch keeps the loop busy for about a second, so a client that got its answer sends its next request
 * while seven others' batches are still queued: with Node's own keep-alive timer (5 s) the server used to close such
 * sockets once the loop was free, before reading the request they carried (ECONNRESET). Now: no error, no lost
 * request, every event applied once. The next request is a one-event batch: what it tests is the socket it travels
 * on and the busy loop it waits behind, not its size (it was a second 200-event batch: twice the work, same test).
 * Nothing here is timed: the test counts answers, results and Tasks.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { after, before, test } from 'node:test';
import type { CallEvent } from '../../contract/generated/client.ts';
import { endedCall } from './test-fixtures.ts';

const CLIENTS = 8;
const BATCH = 200;
/** Events of each round's batch: the first keeps the server busy, the next one rides on the kept-alive socket. */
const SIZES = [BATCH, 1];
const ROUNDS = SIZES.length;
const TOTAL = CLIENTS * SIZES.reduce((a, b) => a + b, 0);

let child: ChildProcessWithoutNullStreams;
let url = '';
let token = '';

before(async () => {
  child = spawn('node_modules/.bin/tsx', ['scripts/local-org/server/start.ts', '--port', '0', '--quiet']);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const u = /MiiTel local org: (http:\/\/\S+)/.exec(out)?.[1];
      const t = /access token\s+(\S+)/.exec(out)?.[1];
      if (u && t) {
        url = u;
        token = t;
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${String(code)}: ${out}`)));
  });
});

after(() => {
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
});

const batch = (client: number, round: number): CallEvent[] =>
  Array.from({ length: SIZES[round] ?? 0 }, (_, i) =>
    endedCall(`conc-${client}-${round}-${i}`, `conc-call-${client}-${round}-${i}`, '+81661234567')
  );

interface Outcome {
  status: number;
  applied: number;
}

async function post(events: CallEvent[]): Promise<Outcome> {
  const response = await fetch(`${url}/services/apexrest/miitel/v1/call-events`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ events })
  });
  const body = (await response.json()) as { results?: { status: string }[] };
  return { status: response.status, applied: (body.results ?? []).filter((r) => r.status === 'applied').length };
}

test(`${CLIENTS} keep-alive clients posting ${BATCH}-event batches at once, then a one-event batch on the same sockets: 0 errors, nothing lost`, async (t) => {
  const errors: string[] = [];
  const outcomes: Outcome[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let round = 0; round < ROUNDS; round++) {
        try {
          outcomes.push(await post(batch(client, round)));
        } catch (e) {
          const cause = (e as { cause?: { code?: string } }).cause;
          errors.push(`client ${client} round ${round}: ${(e as Error).message} ${cause?.code ?? ''}`);
        }
      }
    })
  );
  t.diagnostic(`${outcomes.length} batches answered, ${errors.length} errors`);
  assert.deepEqual(errors, []);
  assert.equal(outcomes.length, CLIENTS * ROUNDS);
  assert.deepEqual(
    outcomes.map((o) => o.status),
    Array<number>(CLIENTS * ROUNDS).fill(200)
  );
  assert.equal(
    outcomes.reduce((n, o) => n + o.applied, 0),
    TOTAL,
    'every event applied once'
  );
  const tasks = await fetch(
    `${url}/services/data/v65.0/query?q=${encodeURIComponent("SELECT COUNT() FROM Task WHERE MiiTel_Call_Id__c LIKE 'conc-call-%'")}`,
    { headers: { Authorization: `Bearer ${token}` } }
  );
  assert.equal(((await tasks.json()) as { totalSize: number }).totalSize, TOTAL);
});
