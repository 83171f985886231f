/**
 * The events of one answered outbound call of the demo org (the Contact the demo seed holds, a MiiTel user it maps),
 * shared by the server tests that send a call's events in different splits, orders and interleavings.
 */
import type { CallEvent } from '../../contract/generated/client.ts';

/** The events of one answered outbound call: started, ended, transcribed, two memo updates. */
export function callEvents(callId: string): CallEvent[] {
  const call = {
    id: callId,
    direction: 'outbound' as const,
    fromNumber: '+81501234567',
    toNumber: '+81312345678',
    user: { miitelUserId: 'mt-user-1', name: '佐藤 花子' },
    dialStartedAt: '2026-11-23T10:15:30+09:00',
    url: 'https://example.miitel.jp/app/calls/order-test'
  };
  const ended = {
    ...call,
    answeredAt: '2026-11-23T10:15:40+09:00',
    endedAt: '2026-11-23T10:18:45+09:00',
    durationSeconds: 185,
    answered: true
  };
  const at = (minute: string): string => `2026-11-23T10:${minute}+09:00`;
  return [
    { eventId: `${callId}-1`, type: 'call.started', occurredAt: at('15:30'), call },
    { eventId: `${callId}-2`, type: 'call.ended', occurredAt: at('18:45'), call: ended },
    {
      eventId: `${callId}-3`,
      type: 'call.transcribed',
      occurredAt: at('19:30'),
      call: { ...ended, transcript: 'お世話になっております。見積の件で折り返します。' }
    },
    {
      eventId: `${callId}-4`,
      type: 'call.memo_updated',
      occurredAt: at('20:00'),
      call: { ...ended, memos: ['A', 'B'] }
    },
    { eventId: `${callId}-5`, type: 'call.memo_updated', occurredAt: at('21:00'), call: { ...ended, memos: ['B'] } }
  ];
}
