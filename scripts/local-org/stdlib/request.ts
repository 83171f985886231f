/**
 * System.Request (Apex Reference Guide, "Request Class"): `Request.getCurrent()` describes the running transaction —
 * getRequestId() is unique per transaction (here: 22 letters and digits from the org's seeded generator),
 * getQuiddity() the kind of execution (System.Quiddity: RUNTEST_SYNC for the test runner, REST for rest.ts, BATCH_APEX /
 * QUEUEABLE / SCHEDULED while a job runs, SYNCHRONOUS otherwise).
 */
import type { Interpreter } from '../interpreter/interpreter.ts';
import { NativeObject, type Value } from '../values/values.ts';
import { NO_METHOD, type Native } from './args.ts';
import type { Pos } from '../ast/nodes.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function requestId(it: Interpreter): string {
  if (!it.ctx.requestId) {
    let id = '';
    for (let i = 0; i < 22; i++) {
      id += ALPHABET[Math.abs(it.ctx.random.nextInt()) % ALPHABET.length] ?? 'A';
    }
    it.ctx.requestId = id;
  }
  return it.ctx.requestId;
}

export function quiddity(it: Interpreter): string {
  return it.ctx.quiddity ?? (it.ctx.isTest ? 'RUNTEST_SYNC' : 'SYNCHRONOUS');
}

export const REQUEST_STATICS: Record<string, Native> = {
  getcurrent: (_it, _s, a) => (a.length === 0 ? new NativeObject('System.Request', null) : NO_METHOD)
};

type Method = (it: Interpreter, self: NativeObject, a: Value[], pos: Pos) => Value | typeof NO_METHOD;

export const REQUEST_METHODS: Record<string, Method> = {
  getrequestid: (it, _r, a) => (a.length === 0 ? requestId(it) : NO_METHOD),
  getquiddity: (it, _r, a) =>
    a.length === 0 ? (it.registry.systemEnum('Quiddity').value(quiddity(it)) ?? null) : NO_METHOD
};
