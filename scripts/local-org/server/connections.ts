/**
 * Many keep-alive clients on a synchronous runtime. A request's transaction runs on the event loop and can keep it
 * busy for seconds (a 200-event batch); meanwhile other clients send their next request on sockets they keep
 * alive. Node's own keep-alive timer fires in the timers phase, before the poll phase reads what arrived while the
 * loop was busy — so it closed sockets that already carried a request (the client saw ECONNRESET mid-soak).
 *
 * Here Node's timer is off (`keepAliveTimeout = 0`) and this module closes idle sockets itself, safely:
 * - a socket is idle only while none of its requests is queued, running or being answered;
 * - the reaper never closes in the timers phase: it picks candidates, then decides in a `setImmediate`, after the
 *   poll phase has read (and parsed) every request that arrived meanwhile, and spares any socket that read a byte;
 * - a tick that runs late (the loop was busy) closes nothing: the clients' clocks ran while ours stood still.
 * Clients are told `Keep-Alive: timeout=N` with N well below the reaper's idle time (RFC 9110 leaves idle
 * connections to either side; undici closes its own a second before the advertised timeout).
 *
 * `RequestQueue` runs handlers one at a time, first come first served, each in its own macrotask so that sockets are
 * read and requests queued between two transactions (the platform serialises writers on row locks; one transaction
 * at a time is the simplest schedule with the same outcome).
 */
import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What clients are told (`Keep-Alive: timeout=5`, as Node's default). */
export const KEEP_ALIVE_SECONDS = 5;

interface SocketState {
  /** Requests of this socket received and not yet answered. */
  busy: number;
  idleSince: number;
  /** `socket.bytesRead` when it became idle: any later byte is a request on its way. */
  bytesAtIdle: number;
}

export interface KeepAlive {
  /** Sockets open now (for tests and the benchmark). */
  readonly open: number;
  /** Idle sockets the reaper closed so far. */
  readonly reaped: number;
  stop(): void;
}

/**
 * Takes over idle-connection handling of `server`: sockets idle (no request in progress) for `idleMs` are closed,
 * never one that is reading or handling a request. `now` is injectable for tests.
 */
export function manageKeepAlive(server: Server, idleMs = KEEP_ALIVE_SECONDS * 2000, now = Date.now): KeepAlive {
  server.keepAliveTimeout = 0;
  const sockets = new Map<Socket, SocketState>();
  let reaped = 0;
  const idle = (socket: Socket, state: SocketState): void => {
    state.idleSince = now();
    state.bytesAtIdle = socket.bytesRead;
  };
  server.on('connection', (socket: Socket) => {
    const state: SocketState = { busy: 0, idleSince: now(), bytesAtIdle: 0 };
    sockets.set(socket, state);
    socket.on('close', () => sockets.delete(socket));
  });
  // Before the server's handler, so the header is set before it answers.
  server.prependListener('request', (incoming, out: ServerResponse) => {
    const state = sockets.get(incoming.socket);
    if (!state) {
      return;
    }
    state.busy++;
    out.setHeader('Keep-Alive', `timeout=${KEEP_ALIVE_SECONDS}`);
    out.on('close', () => {
      state.busy--;
      if (state.busy === 0) {
        idle(incoming.socket, state);
      }
    });
  });

  const period = Math.max(10, Math.floor(idleMs / 4));
  let expected = now() + period;
  const tick = (): void => {
    const at = now();
    const late = at - expected > period;
    expected = at + period;
    if (late) {
      // The loop was busy: bytes may be waiting unread on any socket. Start every idle clock again.
      for (const [socket, state] of sockets) {
        if (state.busy === 0) {
          idle(socket, state);
        }
      }
      return;
    }
    const candidates = [...sockets].filter(([, s]) => s.busy === 0 && at - s.idleSince >= idleMs);
    if (candidates.length === 0) {
      return;
    }
    setImmediate(() => {
      for (const [socket, state] of candidates) {
        if (state.busy === 0 && socket.bytesRead === state.bytesAtIdle && sockets.has(socket)) {
          reaped++;
          socket.end();
        }
      }
    });
  };
  const timer = setInterval(tick, period);
  timer.unref();
  return {
    get open() {
      return sockets.size;
    },
    get reaped() {
      return reaped;
    },
    stop: () => clearInterval(timer)
  };
}

/** Runs jobs one at a time in arrival order, each in its own macrotask (I/O is read between two jobs). */
export class RequestQueue {
  private readonly jobs: (() => void)[] = [];
  private running = false;
  /** The most jobs waiting at once (for tests and the benchmark). */
  maxWaiting = 0;

  run<T>(job: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push(() => {
        try {
          resolve(job());
        } catch (e) {
          reject(e as Error);
        }
      });
      this.maxWaiting = Math.max(this.maxWaiting, this.jobs.length);
      this.pump();
    });
  }

  get waiting(): number {
    return this.jobs.length;
  }

  private pump(): void {
    if (this.running) {
      return;
    }
    const next = this.jobs.shift();
    if (!next) {
      return;
    }
    this.running = true;
    setImmediate(() => {
      next();
      this.running = false;
      this.pump();
    });
  }
}
