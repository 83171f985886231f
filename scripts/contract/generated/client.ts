// Generated from scripts/contract — do not edit. Run `npm run generate`.
/**
 * Typed client of the MiiTel call-event API v1 (POST /services/apexrest/miitel/v1/call-events), for the simulator and other
 * TypeScript callers. No dependencies: give postCallEvents a transport (jsforceTransport or fetchTransport).
 */

/** Contract version. */
export const API_VERSION = 'v1';
/** The Apex REST path, as jsforce's `connection.apex.post` takes it. */
export const APEX_REST_PATH = '/miitel/v1/call-events';
/** The full path below the instance URL. */
export const ENDPOINT_PATH = '/services/apexrest/miitel/v1/call-events';
/** Events per request. */
export const MAX_EVENTS_PER_REQUEST = 200;
/** UTF-8 bytes per request body. */
export const MAX_BODY_BYTES = 350000;
/** Error codes of the contract (ApiError.code). */
export const ERROR_CODES = [
  'INVALID_JSON',
  'BODY_TOO_LARGE',
  'MISSING_EVENTS',
  'TOO_MANY_EVENTS',
  'REQUIRED',
  'INVALID_TYPE',
  'INVALID_ENUM',
  'INVALID_TIMESTAMP',
  'INVALID_ID',
  'INVALID_URL',
  'INVALID_EMAIL',
  'TOO_LONG',
  'OUT_OF_RANGE',
  'TOO_MANY_ITEMS',
  'INVALID_SETTINGS',
  'TASK_NOT_SAVED',
  'UNEXPECTED_ERROR'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What happened to the call.
 * イベントの種類（通話に何が起きたか）。
 */
export const EVENT_TYPES = ['call.started', 'call.ended', 'call.transcribed', 'call.memo_updated'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Direction of the call.
 * 通話の方向。
 */
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/**
 * What the org did with the event.
 * イベントの処理結果。
 */
export const RESULT_STATUSES = ['applied', 'duplicate', 'skipped', 'failed'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

/**
 * Why a written Task is not linked or owned as the caller might expect.
 * 書き込んだ活動の紐付けや所有者が期待と異なる理由。
 */
export const NOTICE_CODES = [
  'click_to_call_not_found',
  'ambiguous_number',
  'no_match',
  'no_customer_number',
  'owner_not_mapped'
] as const;
export type NoticeCode = (typeof NOTICE_CODES)[number];

/**
 * A batch of call events.
 * 通話イベントのバッチ。
 */
export interface CallEventRequest {
  /**
   * The call events, 1 to 200, answered in the same order. Each event is validated on its own: one bad event never rejects the others.
   * 通話イベント（1〜200 件）。結果は同じ順で返します。イベントごとに検証し、1 件の不正が他を妨げることはありません。
   */
  events: CallEvent[];
}

/**
 * One thing that happened to a MiiTel call. Events of one call may arrive in any order and are merged by occurredAt.
 * MiiTel の通話に起きた 1 つの出来事。同じ通話のイベントは順不同で届いてよく、occurredAt の順に統合されます。
 */
export interface CallEvent {
  /**
   * Unique id of this event, the idempotency key: sending it again answers duplicate and writes nothing.
   * イベントの一意な ID（冪等キー）。同じ eventId を再送すると duplicate となり、何も書き込みません。
   */
  eventId: string;
  /**
   * What happened to the call.
   * イベントの種類（通話に何が起きたか）。
   */
  type: EventType;
  /**
   * When it happened, ISO-8601 with a UTC offset (Z or +09:00).
   * 発生日時。UTC オフセット付き ISO-8601（Z または +09:00）。
   */
  occurredAt: string;
  /**
   * The call the event belongs to, as MiiTel knows it when the event is sent.
   * イベントが属する通話（送信時点で MiiTel が把握している内容）。
   */
  call: Call;
}

/**
 * The call the event belongs to, as MiiTel knows it when the event is sent.
 * イベントが属する通話（送信時点で MiiTel が把握している内容）。
 */
export interface Call {
  /**
   * MiiTel call id. Every event of one call carries it; the Task is keyed on it (MiiTel_Call_Id__c, CallObject).
   * MiiTel の通話 ID。同じ通話のイベントはすべて同じ値を持ち、活動はこの値で一意になります（MiiTel_Call_Id__c、CallObject）。
   */
  id: string;
  /**
   * Direction of the call.
   * 通話の方向。
   */
  direction: Direction;
  /**
   * The calling number as MiiTel shows it (+81312345678, 03-1234-5678). Empty string when withheld (非通知).
   * 発信元の電話番号（MiiTel の表記のまま。+81312345678、03-1234-5678 など）。非通知のときは空文字列。
   */
  fromNumber: string;
  /**
   * The called number. Empty string when unknown.
   * 発信先（着信側）の電話番号。不明のときは空文字列。
   */
  toNumber: string;
  /**
   * The MiiTel user on the call; decides the Task owner (MiiTel user id, then email, else the integration user). Both fields are optional: {} is valid.
   * 通話した MiiTel ユーザー。活動の任命先を決めます（MiiTel ユーザー ID → メールアドレス → 連携ユーザーの順）。どちらの項目も任意で、{} も有効です。
   */
  user: CallUser;
  /**
   * When dialling (outbound) or ringing (inbound) started (ダイヤル開始時刻). ISO-8601 with a UTC offset.
   * ダイヤル開始時刻（発信）または呼出開始時刻（着信）。UTC オフセット付き ISO-8601。
   */
  dialStartedAt?: string;
  /**
   * When the conversation started (通話開始時刻). Absent for a missed call. ISO-8601 with a UTC offset.
   * 通話開始時刻（応答した時刻）。不在のときはなし。UTC オフセット付き ISO-8601。
   */
  answeredAt?: string;
  /**
   * When the call ended (通話終了時刻). ISO-8601 with a UTC offset.
   * 通話終了時刻。UTC オフセット付き ISO-8601。
   */
  endedAt?: string;
  /**
   * Talk time in whole seconds (→ Task.CallDurationInSeconds).
   * 通話時間（秒、整数。Task.CallDurationInSeconds に入ります）。
   */
  durationSeconds?: number;
  /**
   * false for a missed call (不在): the missed-call comment template is used.
   * false は不在（不在発信・不在着信）。不在用のコメントを使います。
   */
  answered?: boolean;
  /**
   * The record the call was placed from with click-to-call (15- or 18-character id). The Task is linked to it instead of a phone-number lookup.
   * クリック発信の発信元レコードの ID（15 桁または 18 桁）。電話番号検索の代わりにこのレコードに紐付けます。
   */
  recordId?: string;
  /**
   * The call’s page in MiiTel, https only (→ MiiTel_Call_Url__c).
   * MiiTel の通話ページの URL。https のみ（MiiTel_Call_Url__c に入ります）。
   */
  url?: string;
  /**
   * The complete current set of call memos (応対メモ); replaces the previous set. Each memo is one multi-select picklist value (≤ 255 characters); together, counting one separator between memos, at most 4,099 characters (what the field stores). Required when type is call.memo_updated.
   * 現在の応対メモ全件。以前の内容を置き換えます。各メモは複数選択リストの値 1 つ（255 文字以内）。区切り文字 1 文字ずつを含めた合計は 4,099 文字以内（項目に保存できる長さ）。
   */
  memos?: string[];
  /**
   * Speech-recognition transcript. When the comment would exceed 30,000 characters, the transcript is cut first. Required when type is call.transcribed.
   * 音声認識結果（文字起こし）。コメントが 30,000 文字を超える場合はこの部分から切り詰めます。
   */
  transcript?: string;
  /**
   * The minutes (議事録) MiiTel wrote for the call; the comment merge field minutes.
   * MiiTel が作成した通話の議事録。コメントの差し込み項目 minutes に入ります。
   */
  minutes?: string;
  /**
   * MiiTel’s call score as text (e.g. 313.4); the comment merge field score.
   * MiiTel の通話スコア（文字列。例: 313.4）。コメントの差し込み項目 score に入ります。
   */
  score?: string;
  /**
   * Comments MiiTel users left on the call, one per line; the comment merge field comments.
   * MiiTel ユーザーが通話に残したコメント（1 行に 1 件）。コメントの差し込み項目 comments に入ります。
   */
  comments?: string;
}

/**
 * The MiiTel user on the call; decides the Task owner (MiiTel user id, then email, else the integration user). Both fields are optional: {} is valid.
 * 通話した MiiTel ユーザー。活動の任命先を決めます（MiiTel ユーザー ID → メールアドレス → 連携ユーザーの順）。どちらの項目も任意で、{} も有効です。
 */
export interface CallUser {
  /**
   * MiiTel user id, matched against User.MiiTel_User_Id__c.
   * MiiTel のユーザー ID。ユーザーの MiiTel_User_Id__c と照合します。
   */
  miitelUserId?: string;
  /**
   * The user’s email address, matched against User.Email when the id finds nobody.
   * ユーザーのメールアドレス。ID で見つからないとき User.Email と照合します。
   */
  email?: string;
  /**
   * Display name in MiiTel, for the comment.
   * MiiTel 上の表示名（コメント用）。
   */
  name?: string;
}

/**
 * MiiTel Outgoing Webhook handshake: answered 200 text/plain with the token alone. Recognised when challenge is a string and events is absent or null.
 * MiiTel Outgoing Webhook の疎通確認。トークンだけを本文に 200 text/plain で返します。challenge が文字列で events がない（または null）ときに該当します。
 */
export interface ChallengeRequest {
  /**
   * The token to echo.
   * そのまま返すトークン。
   */
  challenge: string;
}

/**
 * Answer to a batch (HTTP 200, also when some events failed).
 * バッチへの応答（一部のイベントが失敗しても HTTP 200）。
 */
export interface CallEventResponse {
  /**
   * One result per event, in request order.
   * イベントごとの結果（リクエストと同じ順）。
   */
  results: CallEventResult[];
}

/**
 * The outcome of one event, at the event’s position.
 * 1 イベントの処理結果（イベントと同じ位置）。
 */
export interface CallEventResult {
  /**
   * The event’s eventId; null when the event had no string eventId.
   * イベントの eventId。文字列の eventId がなかった場合は null。
   */
  eventId: string | null;
  /**
   * What the org did with the event.
   * イベントの処理結果。
   */
  status: ResultStatus;
  /**
   * The Task written (applied) or already written (duplicate).
   * 書き込んだ（applied）または書き込み済みの（duplicate）活動の ID。
   */
  taskId?: string;
  /**
   * The record the Task was linked to.
   * 活動を紐付けたレコード。
   */
  match?: RecordMatch | null;
  /**
   * How a new Task was placed, when it is not simply linked and owned as asked: at most one notice about the link and one about the owner. Only on the result that created the Task.
   * 新しい活動の紐付けや所有者が指定どおりでない場合のお知らせ（紐付けと所有者について各 1 件まで）。活動を作成した結果にのみ付きます。
   */
  notices?: ResultNotice[];
  /**
   * Why something was refused.
   * 拒否された理由。
   */
  error?: ApiError;
}

/**
 * The record the Task was linked to.
 * 活動を紐付けたレコード。
 */
export interface RecordMatch {
  /**
   * API name of the object: Contact, Account, Lead, or the object of call.recordId.
   * オブジェクトの API 名（Contact、Account、Lead、または call.recordId のオブジェクト）。
   */
  sobjectType: string;
  /**
   * Record id (18 characters).
   * レコード ID（18 桁）。
   */
  id: string;
}

/**
 * Something to know about how a new Task was placed (linked record, owner). Not an error: the event was applied.
 * 新しい活動の配置（紐付け先・所有者）についてのお知らせ。エラーではなく、イベントは反映済みです。
 */
export interface ResultNotice {
  /**
   * Why a written Task is not linked or owned as the caller might expect.
   * 書き込んだ活動の紐付けや所有者が期待と異なる理由。
   */
  code: NoticeCode;
  /**
   * Explanation in English.
   * 英語の説明。
   */
  message: string;
}

/**
 * Why something was refused.
 * 拒否された理由。
 */
export interface ApiError {
  /**
   * Stable error code (see the table of codes); branch on this, not on the message.
   * 安定したエラーコード（コード表を参照）。メッセージではなくこちらで判定してください。
   */
  code: string;
  /**
   * Explanation in English, naming the field.
   * 英語の説明（項目名を含む）。
   */
  message: string;
  /**
   * Path of the offending field, like events[3].call.fromNumber. Absent for errors about the whole body.
   * 問題の項目のパス（例: events[3].call.fromNumber）。ボディ全体のエラーではなし。
   */
  field?: string;
}

/**
 * Answer to a refused request (HTTP 400).
 * 拒否されたリクエストへの応答（HTTP 400）。
 */
export interface ErrorResponse {
  /**
   * Why something was refused.
   * 拒否された理由。
   */
  error: ApiError;
}

/** A transport: POSTs a JSON body to an Apex REST path (below /services/apexrest) and resolves with the answer. */
export interface CallEventsTransport {
  /** Resolves with the parsed JSON answer (or the text of a text/plain answer); rejects when the status is not 2xx. */
  post(path: string, body: object): Promise<unknown>;
}

/** A refused request (HTTP 400 with an ApiError, Salesforce errors such as 401/405) or an unexpected answer. */
export class CallEventsError extends Error {
  readonly status: number | undefined;
  readonly error: ApiError | undefined;

  constructor(message: string, status?: number, error?: ApiError) {
    super(message);
    this.name = 'CallEventsError';
    this.status = status;
    this.error = error;
  }
}

/** Whether a value has the shape of a CallEventResponse (a results array). */
export function isCallEventResponse(value: unknown): value is CallEventResponse {
  return typeof value === 'object' && value !== null && Array.isArray((value as { results?: unknown }).results);
}

/** POSTs one batch of events (1 to MAX_EVENTS_PER_REQUEST, at most MAX_BODY_BYTES) and returns the org's answer. */
export async function postCallEvents(
  transport: CallEventsTransport,
  events: readonly CallEvent[]
): Promise<CallEventResponse> {
  const answer = await transport.post(APEX_REST_PATH, { events });
  if (!isCallEventResponse(answer)) {
    throw new CallEventsError(`unexpected answer from ${ENDPOINT_PATH}: ${JSON.stringify(answer)?.slice(0, 200)}`);
  }
  return answer;
}

/** Sends the MiiTel Outgoing Webhook handshake; the org answers with the token alone (text/plain). */
export async function postChallenge(transport: CallEventsTransport, token: string): Promise<string> {
  const answer = await transport.post(APEX_REST_PATH, { challenge: token } satisfies ChallengeRequest);
  return typeof answer === 'string' ? answer : JSON.stringify(answer);
}

/** Limits for batching; the defaults are the contract's. */
export interface BatchLimits {
  maxEvents: number;
  maxBodyBytes: number;
}

const utf8Bytes = (text: string): number => new TextEncoder().encode(text).length;

/** Splits events into batches the endpoint accepts, keeping their order. Throws when one event alone is too big. */
export function batchCallEvents(
  events: readonly CallEvent[],
  limits: BatchLimits = { maxEvents: MAX_EVENTS_PER_REQUEST, maxBodyBytes: MAX_BODY_BYTES }
): CallEvent[][] {
  const envelope = utf8Bytes(JSON.stringify({ events: [] }));
  const batches: CallEvent[][] = [];
  let batch: CallEvent[] = [];
  let bytes = envelope;
  for (const event of events) {
    const size = utf8Bytes(JSON.stringify(event));
    if (envelope + size > limits.maxBodyBytes) {
      throw new RangeError(`event ${event.eventId} alone is ${size} bytes, more than a body may hold`);
    }
    const added = batch.length === 0 ? size : size + 1;
    if (batch.length === limits.maxEvents || bytes + added > limits.maxBodyBytes) {
      batches.push(batch);
      batch = [];
      bytes = envelope;
    }
    bytes += batch.length === 0 ? size : size + 1;
    batch.push(event);
  }
  if (batch.length > 0) {
    batches.push(batch);
  }
  return batches;
}

/** Posts any number of events in batches, one request after the other; results stay in event order. */
export async function postCallEventsInBatches(
  transport: CallEventsTransport,
  events: readonly CallEvent[],
  limits?: BatchLimits
): Promise<CallEventResponse> {
  const results: CallEventResult[] = [];
  for (const batch of batchCallEvents(events, limits)) {
    results.push(...(await postCallEvents(transport, batch)).results);
  }
  return { results };
}

/** The part of jsforce's Connection the client needs (`connection.apex.post`). */
export interface JsforceLike {
  apex: { post(path: string, body: object): Promise<unknown> };
}

/** A transport over a jsforce Connection (jsforce adds /services/apexrest and the token). */
export function jsforceTransport(connection: JsforceLike): CallEventsTransport {
  return { post: (path, body) => connection.apex.post(path, body) };
}

/** The part of fetch the client needs. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string }
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface FetchTransportOptions {
  /** https://<MyDomain>.my.salesforce.com */
  instanceUrl: string;
  accessToken: string;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
}

function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function refusal(answer: unknown, status: number): CallEventsError {
  const error = (answer as { error?: ApiError } | null)?.error;
  if (typeof error === 'object' && error !== null && typeof error.code === 'string') {
    return new CallEventsError(`${status} ${error.code}: ${error.message}`, status, error);
  }
  return new CallEventsError(`${status}: ${typeof answer === 'string' ? answer : JSON.stringify(answer)}`, status);
}

/** A transport over fetch, with the access token as a bearer token. */
export function fetchTransport(options: FetchTransportOptions): CallEventsTransport {
  const send: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const base = options.instanceUrl.replace(/\/+$/, '');
  return {
    async post(path, body) {
      const response = await send(`${base}/services/apexrest${path}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${options.accessToken}`,
          'Content-Type': 'application/json',
          Accept: 'application/json, text/plain'
        },
        body: JSON.stringify(body)
      });
      const answer = parseAnswer(await response.text());
      if (!response.ok) {
        throw refusal(answer, response.status);
      }
      return answer;
    }
  };
}
