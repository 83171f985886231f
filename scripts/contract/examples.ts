/**
 * Examples shown in the OpenAPI document and the API README. The tests validate each of them against the contract,
 * so the docs never show a payload the endpoint would refuse.
 */
import type { CallEventRequest, CallEventResponse, ChallengeRequest, ErrorResponse } from './contract.ts';

/** An outbound call placed with click-to-call, then ended: the usual pair of events. */
export const EXAMPLE_REQUEST: CallEventRequest = {
  events: [
    {
      eventId: 'evt-20261123-0001-started',
      type: 'call.started',
      occurredAt: '2026-11-23T10:15:30+09:00',
      call: {
        id: 'c-20261123-0001',
        direction: 'outbound',
        fromNumber: '+81501234567',
        toNumber: '+81312345678',
        user: { miitelUserId: 'u-1024', email: 'sato@example.co.jp', name: '佐藤 花子' },
        dialStartedAt: '2026-11-23T10:15:30+09:00',
        recordId: '003J000001bXgqTIAS',
        url: 'https://example.miitel.jp/app/calls/c-20261123-0001'
      }
    },
    {
      eventId: 'evt-20261123-0001-ended',
      type: 'call.ended',
      occurredAt: '2026-11-23T10:18:45+09:00',
      call: {
        id: 'c-20261123-0001',
        direction: 'outbound',
        fromNumber: '+81501234567',
        toNumber: '+81312345678',
        user: { miitelUserId: 'u-1024', email: 'sato@example.co.jp', name: '佐藤 花子' },
        dialStartedAt: '2026-11-23T10:15:30+09:00',
        answeredAt: '2026-11-23T10:15:40+09:00',
        endedAt: '2026-11-23T10:18:45+09:00',
        durationSeconds: 185,
        answered: true,
        recordId: '003J000001bXgqTIAS',
        url: 'https://example.miitel.jp/app/calls/c-20261123-0001',
        memos: ['折り返し希望']
      }
    }
  ]
};

/** A missed inbound call from an unknown number, then its transcript and memos arriving later. */
export const EXAMPLE_MISSED_CALL_REQUEST: CallEventRequest = {
  events: [
    {
      eventId: 'evt-20261123-0002-ended',
      type: 'call.ended',
      occurredAt: '2026-11-23T01:20:05Z',
      call: {
        id: 'c-20261123-0002',
        direction: 'inbound',
        fromNumber: '0312345678',
        toNumber: '0501234567',
        user: { email: 'sato@example.co.jp' },
        dialStartedAt: '2026-11-23T01:19:40Z',
        endedAt: '2026-11-23T01:20:05Z',
        durationSeconds: 0,
        answered: false
      }
    },
    {
      eventId: 'evt-20261123-0001-transcribed',
      type: 'call.transcribed',
      occurredAt: '2026-11-23T10:19:30+09:00',
      call: {
        id: 'c-20261123-0001',
        direction: 'outbound',
        fromNumber: '+81501234567',
        toNumber: '+81312345678',
        user: { miitelUserId: 'u-1024' },
        transcript: '佐藤: お世話になっております。\nお客様: 先日の見積の件ですが…'
      }
    },
    {
      eventId: 'evt-20261123-0001-memo-2',
      type: 'call.memo_updated',
      occurredAt: '2026-11-23T10:25:00+09:00',
      call: {
        id: 'c-20261123-0001',
        direction: 'outbound',
        fromNumber: '+81501234567',
        toNumber: '+81312345678',
        user: { miitelUserId: 'u-1024' },
        memos: ['折り返し希望', '見積送付済み']
      }
    }
  ]
};

export const EXAMPLE_RESPONSE: CallEventResponse = {
  results: [
    {
      eventId: 'evt-20261123-0001-started',
      status: 'applied',
      taskId: '00TJ000000abcdeMAA',
      match: { sobjectType: 'Contact', id: '003J000001bXgqTIAS' }
    },
    { eventId: 'evt-20261123-0001-ended', status: 'duplicate', taskId: '00TJ000000abcdeMAA' },
    { eventId: 'evt-20261123-0003-started', status: 'skipped' },
    {
      eventId: 'evt-20261123-0004-ended',
      status: 'failed',
      error: {
        code: 'INVALID_TIMESTAMP',
        message: 'events[3].occurredAt must be an ISO-8601 date-time with a UTC offset, like 2026-11-23T10:15:30+09:00',
        field: 'events[3].occurredAt'
      }
    },
    {
      eventId: 'evt-20261123-0002-ended',
      status: 'applied',
      taskId: '00TJ000000abcdfMAA',
      notices: [
        { code: 'no_match', message: 'Not linked: no Contact, Account or Lead holds the number' },
        {
          code: 'owner_not_mapped',
          message:
            'No active Salesforce user has MiiTel user id mt-user-9 or its email; the integration user owns the Task'
        }
      ]
    }
  ]
};

export const EXAMPLE_CHALLENGE: ChallengeRequest = { challenge: 'd9f6c1e2-3b4a-4c5d-8e7f-0a1b2c3d4e5f' };

export const EXAMPLE_ERRORS: Record<string, ErrorResponse> = {
  MISSING_EVENTS: {
    error: { code: 'MISSING_EVENTS', message: 'events is required and must hold at least one event', field: 'events' }
  },
  TOO_MANY_EVENTS: {
    error: { code: 'TOO_MANY_EVENTS', message: 'events must hold at most 200 events; split the batch', field: 'events' }
  },
  INVALID_JSON: { error: { code: 'INVALID_JSON', message: 'The body is not valid JSON' } },
  BODY_TOO_LARGE: {
    error: { code: 'BODY_TOO_LARGE', message: 'The body is larger than 350000 bytes; send fewer events per request' }
  }
};
