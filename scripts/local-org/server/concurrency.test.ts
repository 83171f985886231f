/**
 * Issue 16, item 1: keep-alive clients under load, against `npm start`'s server running as its own process (so the
 * clients' sockets live while the server's event loop is busy). Nothing here is timed: the test counts answers,
 * reused sockets, applied events and Tasks.
 *
 * 1. Load: eight keep-alive clients (node:http agents, one socket each) post a batch each at once: eight requests
 *    queued behind one another, none lost, every event applied once.
 * 2. The keep-alive bug (ECONNRESET mid-soak): a client whose next request arrives while a transaction keeps the loop
 *    busy for longer than the keep-alive timeout. Node's own timer (`Keep-Alive: timeout=5`) fired in the timers
 *    phase, before the poll phase read that request, and closed its socket (connections.ts). A transaction that long
 *    depends on the machine, so the test makes it one: a ninth client posts a 200-event batch, and once the server
 *    has read it and not answered (its receive queue is empty and nothing came back: /proc/net/tcp), the server
 *    process is stopped (SIGSTOP) — to its event loop, exactly a transaction that runs on. Meanwhile the eight
 *    clients send their next request on their kept-alive sockets; each is seen waiting unread in the server's receive
 *    queue; the server continues (SIGCONT) once every socket has been idle past the keep-alive timeout. All eight must
 *    be answered on their reused sockets (with connections.ts's reaper replaced by Node's timer, all eight failed
 *    with ECONNRESET). Once the server has read the batch it runs it in the same turn of its loop (RequestQueue; no
 *    other job is queued by then), so the stop lands before the next timers phase, wherever in that turn it falls.
 *    Just before the batch each client sends a cheap GET, so that no socket had been idle long enough before the
 *    stop for the reaper to close it rightly. connections.test.ts pins the same rule on the reaper alone, in-process.
 *
 * Linux only (/proc/net/tcp, SIGSTOP), like the CI this runs in (ubuntu-latest).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallEvent } from '../../contract/generated/client.ts';
import { KEEP_ALIVE_SECONDS } from './connections.ts';
import { endedCall } from './test-fixtures.ts';

const CLIENTS = 8;
/** Events of each client's first batch (the load) and of the batch the server is stopped in. */
const LOAD_BATCH = 50;
const SLOW_BATCH = 200;
/** Everything posted: the load, the slow batch and one event per client while the server stands still. */
const TOTAL = CLIENTS * LOAD_BATCH + SLOW_BATCH + CLIENTS;

let child: ChildProcessWithoutNullStreams;
let url = '';
let port = 0;
let token = '';
let stopped = false;

before(async () => {
  // node itself, not the tsx launcher (a parent process relaying signals): SIGSTOP must stop the server.
  child = spawn(process.execPath, ['--import', 'tsx', 'scripts/local-org/server/start.ts', '--port', '0', '--quiet']);
  let out = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner: ${out}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const u = /MiiTel local org: (http:\/\/\S+)/.exec(out)?.[1];
      const t = /access token\s+(\S+)/.exec(out)?.[1];
      if (u && t) {
        url = u;
        port = Number(new URL(u).port);
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
  if (stopped) {
    child.kill('SIGCONT');
  }
  child.kill('SIGTERM');
});

const batch = (name: string, size: number): CallEvent[] =>
  Array.from({ length: size }, (_, i) => endedCall(`conc-${name}-${i}`, `conc-call-${name}-${i}`, '+81661234567'));

interface Answer {
  status: number;
  applied: number;
  /** The request travelled on a socket kept alive from an earlier request. */
  reused: boolean;
  /** The client's local port (the socket's other end in /proc/net/tcp). */
  localPort: number;
}

interface Sent {
  answer: Promise<Answer>;
  /** The request's socket, once connected. */
  socket: Promise<Socket>;
  /** Whether the whole request was handed to the kernel. */
  written: () => boolean;
  /** Whether the answer's head reached the client. */
  answered: () => boolean;
}

function send(agent: Agent, method: 'GET' | 'POST', path: string, events?: CallEvent[]): Sent {
  const body = events ? JSON.stringify({ events }) : undefined;
  let answered = false;
  let written = false;
  const req = request(`${url}${path}`, {
    agent,
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {})
    }
  });
  const socket = new Promise<Socket>((resolve) =>
    req.once('socket', (s: Socket) => (s.connecting ? s.once('connect', () => resolve(s)) : resolve(s)))
  );
  const answer = new Promise<Answer>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      answered = true;
      const localPort = res.socket.localPort ?? 0; // the socket goes back to the agent at the end
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('error', reject);
      res.once('end', () => {
        const parsed = (events ? JSON.parse(text) : {}) as { results?: { status: string }[] };
        resolve({
          status: res.statusCode ?? 0,
          applied: (parsed.results ?? []).filter((r) => r.status === 'applied').length,
          reused: req.reusedSocket,
          localPort
        });
      });
    });
  });
  req.end(body, () => (written = true));
  return { answer, socket, written: () => written, answered: () => answered };
}

const postEvents = (agent: Agent, events: CallEvent[]): Sent =>
  send(agent, 'POST', '/services/apexrest/miitel/v1/call-events', events);

/** Bytes waiting in the kernel on the TCP socket 127.0.0.1:`local` → 127.0.0.1:`remote` (/proc/net/tcp, Linux). */
function tcpQueues(local: number, remote: number): { tx: number; rx: number } | undefined {
  const address = (p: number): string => `0100007F:${p.toString(16).toUpperCase().padStart(4, '0')}`;
  for (const line of readFileSync('/proc/self/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f[1] === address(local) && f[2] === address(remote)) {
      const [tx = '0', rx = '0'] = (f[4] ?? '').split(':');
      return { tx: parseInt(tx, 16), rx: parseInt(rx, 16) };
    }
  }
  return undefined;
}

/** Waits (polling, no deadline but the test's) until `ready()`; a sent request that failed fails the wait. */
async function until(ready: () => boolean, failed: () => string | undefined): Promise<void> {
  while (!ready()) {
    const failure = failed();
    assert.equal(failure, undefined, failure);
    await sleep(1);
  }
}

test(`${CLIENTS} keep-alive clients under load, then their next requests wait unread behind a transaction longer than the keep-alive timeout: all answered on the same sockets, nothing lost`, async (t) => {
  // Clients close their idle sockets a second before the advertised keep-alive timeout, as undici (fetch) does; Node's
  // Agent follows the server's Keep-Alive hint only with a timeout of its own. Without it a client can reuse a socket
  // the reaper is closing rightly (10 s idle): a reset no server can prevent (RFC 9110 leaves idle connections to
  // either side).
  const keepAliveAgent = (): Agent => new Agent({ keepAlive: true, maxSockets: 1, timeout: KEEP_ALIVE_SECONDS * 1000 });
  const agents = Array.from({ length: CLIENTS }, () => keepAliveAgent());
  const slowAgent = keepAliveAgent();
  const errors: string[] = [];
  const settle = async (name: string, sent: Sent): Promise<Answer | undefined> => {
    try {
      return await sent.answer;
    } catch (e) {
      errors.push(`${name}: ${(e as Error).message} ${(e as { code?: string }).code ?? ''}`);
      return undefined;
    }
  };
  try {
    // 1. Load: eight batches at once.
    const load = await Promise.all(
      agents.map((agent, i) => settle(`client ${i} load`, postEvents(agent, batch(`${i}-load`, LOAD_BATCH))))
    );
    assert.deepEqual(errors, []);

    // 2. Each client's socket was last used just before the stop (a cheap request; a client idle since the load may
    //    open a new socket for it), so that no socket has been idle long enough to be closed rightly by either side.
    const touched = await Promise.all(
      agents.map((agent, i) => settle(`client ${i} touch`, send(agent, 'GET', '/services/data')))
    );
    assert.deepEqual(errors, []);
    const ports = touched.map((a) => a?.localPort ?? 0);

    // 3. The slow batch: stop the server once it has read it and not answered it.
    const slow = postEvents(slowAgent, batch('slow', SLOW_BATCH));
    const slowPort = (await slow.socket).localPort ?? 0;
    let slowFailed: string | undefined;
    slow.answer.catch((e: unknown) => (slowFailed = (e as Error).message));
    const read = (): boolean =>
      slow.written() && tcpQueues(slowPort, port)?.tx === 0 && tcpQueues(port, slowPort)?.rx === 0;
    await until(read, () => slowFailed ?? (slow.answered() ? 'answered before the server stopped' : undefined));
    child.kill('SIGSTOP');
    stopped = true;
    await new Promise((resolve) => setImmediate(resolve)); // an answer written before the stop is read by now
    assert.equal(slow.answered() || (tcpQueues(slowPort, port)?.rx ?? 0) > 0, false, 'stopped inside the slow batch');

    // 4. The next requests: sent, and each seen unread in the server's receive queue.
    const next = agents.map((agent, i) => postEvents(agent, batch(`${i}-next`, 1)));
    await until(
      () => ports.every((p) => (tcpQueues(port, p)?.rx ?? 0) > 0),
      () => (ports.some((p) => !tcpQueues(port, p)) ? 'a kept-alive socket was closed before the stop' : undefined)
    );
    await sleep((KEEP_ALIVE_SECONDS + 1) * 1000); // every socket idle past the keep-alive timeout
    child.kill('SIGCONT');
    stopped = false;

    const answers = await Promise.all([settle('slow', slow), ...next.map((s, i) => settle(`client ${i} next`, s))]);
    const [slowAnswer, ...nextAnswers] = answers;
    t.diagnostic(
      `${load.length + touched.length + answers.length} requests, ${errors.length} errors, ` +
        `${nextAnswers.filter((a) => a?.reused).length} next requests on reused sockets`
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(
      [...load, ...touched, slowAnswer, ...nextAnswers].map((a) => a?.status),
      Array<number>(3 * CLIENTS + 1).fill(200)
    );
    assert.deepEqual(
      nextAnswers.map((a) => [a?.reused, a?.localPort]),
      ports.map((p) => [true, p]),
      'every next request on the socket kept alive'
    );
    assert.equal(
      [...load, slowAnswer, ...nextAnswers].reduce((n, a) => n + (a?.applied ?? 0), 0),
      TOTAL,
      'every event applied once'
    );
    const tasks = await fetch(
      `${url}/services/data/v65.0/query?q=${encodeURIComponent("SELECT COUNT() FROM Task WHERE MiiTel_Call_Id__c LIKE 'conc-call-%'")}`,
      { headers: { Authorization: `Bearer ${token}` } }
    );
    assert.equal(((await tasks.json()) as { totalSize: number }).totalSize, TOTAL);
  } finally {
    if (stopped) {
      child.kill('SIGCONT');
      stopped = false;
    }
    for (const agent of [...agents, slowAgent]) {
      agent.destroy();
    }
  }
});
