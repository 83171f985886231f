/**
 * The worst bodies the contract accepts fit the Apex heap (issue #13 point 1): bodies near the 350,000-byte limit
 * (LIMITS.maxBodyBytes, derived from the heap a request needs — scripts/contract/README.md) run to a 200 on the local
 * org runtime, whose heap measure raises the platform's uncatchable "Apex heap size too large" (a 500) when exceeded.
 * Before the limit was derived, 200 events of 2,500-character transcripts (559 KB) and 6 transcripts of 100,000
 * characters (602 KB) were accepted and answered 500.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { CallEvent } from '../../contract/generated/client.ts';
import { LIMITS } from '../../contract/contract.ts';
import { invokeRest } from '../rest.ts';
import { loadProject, type LocalOrg } from '../runtime.ts';
import { OrgService } from './org-service.ts';
import { seedAdmin, seedDemo } from './seed-demo.ts';

let org: LocalOrg;

before(() => {
  org = loadProject('.');
  const service = new OrgService(org);
  seedAdmin(service);
  seedDemo(service);
});

function transcribed(eventId: string, transcript: string, memos?: string[]): CallEvent {
  return {
    eventId,
    type: 'call.transcribed',
    occurredAt: '2026-11-23T10:18:45+09:00',
    call: {
      id: `call-${eventId}`,
      direction: 'inbound',
      fromNumber: '+81312345678',
      toNumber: '+81501234567',
      user: { miitelUserId: 'mt-user-1' },
      endedAt: '2026-11-23T10:18:45+09:00',
      answered: true,
      transcript,
      ...(memos ? { memos } : {})
    }
  };
}

function post(events: CallEvent[]): { bytes: number; status: number; statuses: string[] } {
  const body = Buffer.from(JSON.stringify({ events }));
  const r = invokeRest(org, 'POST', '/services/apexrest/miitel/v1/call-events', {}, body);
  const parsed = JSON.parse(r.body.toString()) as { results?: { status: string }[] };
  return { bytes: body.length, status: r.status, statuses: (parsed.results ?? []).map((x) => x.status) };
}

test('200 events of ASCII transcripts filling the body to the limit: 200, every event applied', () => {
  const empty = Buffer.byteLength(
    JSON.stringify({ events: Array.from({ length: 200 }, (_, i) => transcribed(`a${i}`, '')) })
  );
  const each = Math.floor((LIMITS.maxBodyBytes - empty) / 200);
  const r = post(Array.from({ length: 200 }, (_, i) => transcribed(`a${i}`, 'a'.repeat(each))));
  assert.ok(r.bytes <= LIMITS.maxBodyBytes && r.bytes > LIMITS.maxBodyBytes - 200, `at the limit: ${r.bytes}`);
  assert.equal(r.status, 200);
  assert.deepEqual(new Set(r.statuses), new Set(['applied']));
});

test('three 100,000-character ASCII transcripts (the longest allowed) in one body: 200', () => {
  const r = post([0, 1, 2].map((i) => transcribed(`b${i}`, 'b'.repeat(LIMITS.maxTranscriptLength))));
  assert.equal(r.status, 200);
  assert.deepEqual(r.statuses, ['applied', 'applied', 'applied']);
});

test('the largest single valid event (100,000 Japanese characters and 4,099 characters of memos) fits: 200', () => {
  const memos = Array.from({ length: 100 }, (_, i) => String(i).padStart(3, '0') + 'メ'.repeat(37));
  const r = post([transcribed('c0', 'あ'.repeat(LIMITS.maxTranscriptLength), memos)]);
  assert.ok(r.bytes <= LIMITS.maxBodyBytes, `one event always fits a body: ${r.bytes}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.statuses, ['applied']);
});
