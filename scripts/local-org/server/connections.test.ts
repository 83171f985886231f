/**
 * connections.ts: the request queue runs jobs one at a time in arrival order; the keep-alive reaper closes idle
 * sockets but never one whose next request arrived while the event loop was busy (the ECONNRESET of issue 16).
 * The busy loop is simulated by blocking this process after the client wrote its request (the bytes are in the
 * kernel, unread) — nothing is timed, the test counts answers and closes.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { manageKeepAlive, RequestQueue } from './connections.ts';

test('RequestQueue runs jobs one at a time, first come first served, and passes on results and errors', async () => {
  const queue = new RequestQueue();
  const order: string[] = [];
  let running = 0;
  const job = (name: string) => () => {
    running++;
    assert.equal(running, 1, 'one job at a time');
    order.push(name);
    running--;
    return name;
  };
  const results = await Promise.all([queue.run(job('a')), queue.run(job('b')), queue.run(job('c'))]);
  assert.deepEqual(results, ['a', 'b', 'c']);
  assert.deepEqual(order, ['a', 'b', 'c']);
  assert.ok(queue.maxWaiting >= 2, 'the later jobs waited');
  await assert.rejects(
    queue.run(() => {
      throw new Error('boom');
    }),
    /boom/
  );
  assert.equal(await queue.run(() => 'after'), 'after', 'a failed job does not stop the queue');
});

function blockFor(ms: number): void {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    // the event loop is busy, as during a long transaction
  }
}

const REQUEST = 'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n';

/** Collects what the server sends; resolves `answers()` when `n` responses arrived. */
function client(port: number): { socket: Socket; answers: (n: number) => Promise<void>; closed: () => boolean } {
  const socket = connect(port, '127.0.0.1');
  let text = '';
  let closed = false;
  socket.on('data', (b: Buffer) => (text += b.toString()));
  socket.on('close', () => (closed = true));
  const answers = async (n: number): Promise<void> => {
    while ((text.match(/HTTP\/1\.1 200/g) ?? []).length < n) {
      assert.ok(!closed, `the server closed the socket before answer ${n}: ${text}`);
      await sleep(5);
    }
  };
  return { socket, answers, closed: () => closed };
}

test('an idle socket whose next request arrived while the loop was busy is answered, not closed', async () => {
  const server = createServer((_req, res) => res.end('ok'));
  const keepAlive = manageKeepAlive(server, 100);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const c = client(port);
    c.socket.write(REQUEST);
    await c.answers(1);
    const reply = await new Promise<string>((resolve) => {
      const probe = connect(port, '127.0.0.1', () => probe.write(REQUEST));
      probe.once('data', (b: Buffer) => {
        resolve(b.toString());
        probe.destroy();
      });
    });
    assert.match(reply, /Keep-Alive: timeout=5/i, 'clients are told the keep-alive timeout');
    await sleep(60);
    c.socket.write(REQUEST); // in the kernel, not read: the loop is about to be busy
    blockFor(400); // idle for 460 ms > 100 ms by the clock, but the bytes were waiting
    await c.answers(2);
    assert.equal(c.closed(), false);
    // Once the loop is free, an idle socket is closed after the idle time.
    while (!c.closed()) {
      await sleep(20);
    }
    assert.ok(keepAlive.reaped >= 1);
  } finally {
    keepAlive.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
