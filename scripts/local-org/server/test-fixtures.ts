/** Call events the server's tests post. */
import type { CallEvent } from '../../contract/generated/client.ts';

/** One answered inbound call as a single `call.ended` event (the Task is created when the call ends). */
export function endedCall(eventId: string, callId: string, fromNumber: string): CallEvent {
  return {
    eventId,
    type: 'call.ended',
    occurredAt: '2026-11-23T10:18:45+09:00',
    call: {
      id: callId,
      direction: 'inbound',
      fromNumber,
      toNumber: '+81501234567',
      user: { miitelUserId: 'mt-user-1', name: '佐藤 花子' },
      dialStartedAt: '2026-11-23T10:15:30+09:00',
      answeredAt: '2026-11-23T10:15:40+09:00',
      endedAt: '2026-11-23T10:18:45+09:00',
      durationSeconds: 185,
      answered: true,
      url: `https://example.miitel.jp/app/calls/${callId}`
    }
  };
}
