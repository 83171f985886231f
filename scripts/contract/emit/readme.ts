/** docs/api/README.md: the API described for people, in Japanese and English, from the same nodes as everything else. */
import { ERROR_CODES, ERROR_CODE_LIST } from '../codes.ts';
import { APEX_REST_PATH, CONTRACT_ENUMS, CallEvent, CallEventResult, ENDPOINT_PATH, LIMITS } from '../contract.ts';
import { type EnumNode, type Field, type Node, type ObjectNode, fieldEntries } from '../dsl.ts';
import {
  EXAMPLE_CHALLENGE,
  EXAMPLE_ERRORS,
  EXAMPLE_MISSED_CALL_REQUEST,
  EXAMPLE_REQUEST,
  EXAMPLE_RESPONSE
} from '../examples.ts';
import { MAX_OFFSET_HOURS, MAX_YEAR, MIN_YEAR } from '../formats.ts';
import { NOTICE } from './text.ts';

type Language = 'ja' | 'en';

const number = (value: number): string => value.toLocaleString('en-US');

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const code = (text: string): string => `\`${text}\``;

function typeOf(node: Node, language: Language): string {
  const ja = language === 'ja';
  switch (node.kind) {
    case 'string':
      return ja ? '文字列' : 'string';
    case 'enum':
      return node.values.map(code).join(' | ');
    case 'timestamp':
      return ja ? '日時（ISO-8601、オフセット必須）' : 'date-time (ISO-8601 with offset)';
    case 'integer':
      return ja ? '整数' : 'integer';
    case 'boolean':
      return ja ? '真偽値' : 'boolean';
    case 'salesforceId':
      return ja ? 'Salesforce ID（15/18 桁）' : 'Salesforce id (15/18 characters)';
    case 'httpsUrl':
      return ja ? 'https URL' : 'https URL';
    case 'email':
      return ja ? 'メールアドレス' : 'email';
    case 'array':
      return `${typeOf(node.items, language)}[]`;
    case 'object':
      return ja ? 'オブジェクト' : 'object';
  }
}

function constraints(node: Node, language: Language): string {
  const ja = language === 'ja';
  switch (node.kind) {
    case 'string':
      return [
        ja ? `${number(node.maxLength)} 文字以内` : `≤ ${number(node.maxLength)} characters`,
        ...(node.nonBlank ? [ja ? '空白のみ不可' : 'not blank'] : [])
      ].join(ja ? '、' : ', ');
    case 'httpsUrl':
    case 'email':
      return ja ? `${number(node.maxLength)} 文字以内` : `≤ ${number(node.maxLength)} characters`;
    case 'integer':
      return `${number(node.minimum)} – ${number(node.maximum)}`;
    case 'array': {
      const items = constraints(node.items, language);
      const count = ja ? `最大 ${number(node.maxItems)} 件` : `≤ ${number(node.maxItems)} items`;
      const each = items ? `${count}${ja ? '、各 ' : '; each '}${items}` : count;
      if (node.maxJoinedLength === undefined) {
        return each;
      }
      const joined = number(node.maxJoinedLength);
      return ja ? `${each}、区切り込みで合計 ${joined} 文字以内` : `${each}; ≤ ${joined} characters joined`;
    }
    default:
      return '';
  }
}

function requirement(field: Field, language: Language): string {
  const ja = language === 'ja';
  if (field.required) {
    return ja ? '必須' : 'yes';
  }
  if (field.requiredWhen) {
    const values = field.requiredWhen.values.map(code).join(', ');
    return ja ? `${values} のとき必須` : `when ${field.requiredWhen.field} is ${values}`;
  }
  return ja ? '任意' : 'no';
}

function fieldTable(root: ObjectNode, prefix: string, language: Language): string {
  const header =
    language === 'ja'
      ? '| 項目 | 型 | 必須 | 制約 | 説明 |\n|---|---|---|---|---|'
      : '| Field | Type | Required | Limits | Description |\n|---|---|---|---|---|';
  const rows = fieldEntries(root).map(({ path, field }) => {
    const node = field.node;
    const type = typeOf(node, language) + (field.nullable ? ' | null' : '');
    return `| ${code(prefix + path)} | ${cell(type)} | ${cell(requirement(field, language))} | ${cell(constraints(node, language))} | ${cell(node.doc[language])} |`;
  });
  return [header, ...rows].join('\n');
}

function enumTable(node: EnumNode, language: Language): string {
  const header = language === 'ja' ? '| 値 | 意味 |\n|---|---|' : '| Value | Meaning |\n|---|---|';
  return [
    header,
    ...node.values.map((value) => `| ${code(value)} | ${cell(node.valueDocs[value]?.[language] ?? '')} |`)
  ].join('\n');
}

function codeTable(language: Language): string {
  const ja = language === 'ja';
  const header = ja ? '| コード | 範囲 | 意味 |\n|---|---|---|' : '| Code | Level | Meaning |\n|---|---|---|';
  const level = (value: string): string => {
    const labels: Record<string, [string, string]> = {
      request: ['リクエスト全体（400）', 'whole request (400)'],
      event: ['イベント（200 の結果内）', 'event (in a 200 result)'],
      both: ['両方', 'both'],
      processing: ['イベントの書き込み（200 の結果内）', 'writing an event (in a 200 result)']
    };
    return (labels[value] ?? [value, value])[ja ? 0 : 1];
  };
  return [
    header,
    ...ERROR_CODE_LIST.map(
      (name) => `| ${code(name)} | ${level(ERROR_CODES[name].level)} | ${cell(ERROR_CODES[name].doc[language])} |`
    )
  ].join('\n');
}

const json = (value: unknown): string => `\`\`\`json\n${JSON.stringify(value, null, 2)}\n\`\`\``;

const CURL = `\`\`\`sh
curl -sS -X POST "https://<MyDomain>.my.salesforce.com${ENDPOINT_PATH}" \\
  -H "Authorization: Bearer $ACCESS_TOKEN" \\
  -H "Content-Type: application/json" \\
  --data @events.json
\`\`\``;

const CURL_CHALLENGE = `\`\`\`sh
curl -sS -X POST "https://<MyDomain>.my.salesforce.com${ENDPOINT_PATH}" \\
  -H "Authorization: Bearer $ACCESS_TOKEN" \\
  -H "Content-Type: application/json" \\
  --data '${JSON.stringify(EXAMPLE_CHALLENGE)}'
# → 200 text/plain: ${EXAMPLE_CHALLENGE.challenge}
\`\`\``;

const CLIENT = `\`\`\`ts
import { fetchTransport, jsforceTransport, postCallEvents } from './scripts/contract/generated/client.ts';

// jsforce: const connection = new jsforce.Connection({ instanceUrl, accessToken });
const results = await postCallEvents(jsforceTransport(connection), events);
// or plain fetch:
const viaFetch = await postCallEvents(fetchTransport({ instanceUrl, accessToken }), events);
\`\`\``;

function limitsList(language: Language): string {
  const ja = language === 'ja';
  const rows: [string, string][] = [
    [`${number(LIMITS.maxEvents)}`, ja ? '1 リクエストのイベント数（1 件以上）' : 'events per request (at least 1)'],
    [
      `${number(LIMITS.maxBodyBytes)} bytes`,
      ja
        ? 'ボディの大きさ（UTF-8）。Apex の同期ヒープ 6 MB の中で、本文・解析結果・DTO・書き込む活動を保持するための上限'
        : 'body size (UTF-8): the body, its parsed form, the DTOs and the Tasks written must all fit in Apex’s 6 MB synchronous heap'
    ],
    [
      `${number(LIMITS.maxMemos)} × ${number(LIMITS.maxMemoLength)}`,
      ja ? '応対メモの件数 × 文字数' : 'memos × characters each'
    ],
    [`${number(LIMITS.maxTranscriptLength)}`, ja ? '文字起こしの文字数' : 'transcript characters'],
    [
      `${MIN_YEAR}–${MAX_YEAR}, ±${MAX_OFFSET_HOURS}:00`,
      ja
        ? '日時の年の範囲（Salesforce の範囲）と UTC オフセットの範囲'
        : 'years of a date-time (Salesforce’s range) and UTC offsets'
    ]
  ];
  const header = ja ? '| 上限 | 対象 |\n|---|---|' : '| Limit | Applies to |\n|---|---|';
  return [header, ...rows.map(([limit, what]) => `| ${limit} | ${cell(what)} |`)].join('\n');
}

function japanese(): string {
  const [eventType, direction, status] = CONTRACT_ENUMS;
  return `## 日本語

### 概要

MiiTel（クラウド電話）の通話を Salesforce の活動（ToDo）として記録する、組織内の Apex REST エンドポイントです。
MiiTel は通話イベントをまとめて 1 回の API 呼び出しで送り、レコードの検索と活動の作成・更新はすべて組織内で行われます
（取引先責任者・取引先・リードの検索や活動作成のための API 呼び出しは不要です）。

- ${code(`POST ${ENDPOINT_PATH}`)}（Apex の ${code(`@RestResource(urlMapping='${APEX_REST_PATH}')`)}）
- ${code('Content-Type: application/json')}、本文は UTF-8
- 認証: 連携ユーザーの OAuth 2.0 アクセストークンを ${code('Authorization: Bearer <token>')} で送ります
- POST 以外のメソッドは 405

### 上限

${limitsList('ja')}

### リクエスト

本文は ${code('{"events": [CallEvent, …]}')} です。イベントは 1 件ずつ検証され、結果はリクエストと同じ順で返ります。
知らない項目は無視します（将来の項目追加に対応するため）。任意項目の ${code('null')} は「なし」と同じ扱いです。

#### イベントの種類（${code('type')}）

${enumTable(eventType, 'ja')}

#### 通話の方向（${code('call.direction')}）

${enumTable(direction, 'ja')}

#### 項目

${fieldTable(CallEvent, 'events[].', 'ja')}

### 検証

1. リクエスト全体: 空のボディ → ${code('INVALID_JSON')}、${number(LIMITS.maxBodyBytes)} バイト超 → ${code('BODY_TOO_LARGE')}、JSON でない・オブジェクトでない → ${code('INVALID_JSON')}、
   チャレンジ（下記）、${code('events')} がない・null・空 → ${code('MISSING_EVENTS')}、配列でない → ${code('INVALID_TYPE')}、${number(LIMITS.maxEvents)} 件超 → ${code('TOO_MANY_EVENTS')}。
   いずれも HTTP 400 で ${code('{"error": {code, message, field?}}')} を返します。
2. イベントごと: 上の表の順に項目を検証し、最初に違反した規則をそのイベントのエラーとします（${code('field')} は
   ${code('events[3].call.fromNumber')} のようなパス）。他のイベントはそのまま処理されます。
3. 各項目の規則の順序: なし／null（必須なら ${code('REQUIRED')}）→ JSON の型（${code('INVALID_TYPE')}）→ 長さ（${code('TOO_LONG')}）→
   空白のみ（${code('REQUIRED')}）→ 形式（${code('INVALID_ENUM')}、${code('INVALID_TIMESTAMP')}、${code('INVALID_ID')}、${code('INVALID_URL')}、${code('INVALID_EMAIL')}）→ 範囲（${code('OUT_OF_RANGE')}）→ 要素数（${code('TOO_MANY_ITEMS')}）→ 各要素。
4. 日時は ${code('2026-11-23T10:15:30+09:00')} または ${code('2026-11-23T01:15:30Z')} の形式で、オフセットは必須です（ない場合は ${code('INVALID_TIMESTAMP')}）。小数秒は 9 桁まで可、ミリ秒に切り捨てます。
5. 18 桁の Salesforce ID は末尾 3 文字のチェックサムも確認します（Salesforce が出力するとおり大文字）。

### レスポンス

HTTP 200、一部のイベントが失敗しても 200 です。

${fieldTable(CallEventResult, 'results[].', 'ja')}

#### 処理結果（${code('status')}）

${enumTable(status, 'ja')}

### エラーコード

${codeTable('ja')}

${code('message')} は英語の説明です。プログラムでは ${code('code')} で判定してください。

### Webhook のチャレンジ（疎通確認）

MiiTel Outgoing Webhook の登録時に送られる ${code('{"challenge": "<token>"}')}（${code('challenge')} が文字列で、${code('events')} がない・null）には、
${code('Content-Type: text/plain')} でトークンだけを本文にして 200 で応答します。

${CURL_CHALLENGE}

### 例

${CURL}

${code('events.json')}（クリック発信の開始と終了）:

${json(EXAMPLE_REQUEST)}

不在着信、別の通話の文字起こしと応対メモの更新:

${json(EXAMPLE_MISSED_CALL_REQUEST)}

応答:

${json(EXAMPLE_RESPONSE)}

リクエスト全体のエラー（400）:

${json(EXAMPLE_ERRORS.MISSING_EVENTS)}

### TypeScript クライアント

${CLIENT}

${code('postCallEvents')} は 1 回の POST です。${code('postCallEventsInBatches')} は ${number(LIMITS.maxEvents)} 件・${number(LIMITS.maxBodyBytes)} バイトごとに分割して順に送ります。`;
}

function english(): string {
  const [eventType, direction, status] = CONTRACT_ENUMS;
  return `## English

### What it does

An Apex REST endpoint inside the org that logs MiiTel (cloud phone) calls as Salesforce Tasks. MiiTel sends a batch of
call events in one API call; looking up the record and creating or updating the Task all happen inside the org (no
API calls to search Contacts, Accounts and Leads or to create the Task).

- ${code(`POST ${ENDPOINT_PATH}`)} (Apex ${code(`@RestResource(urlMapping='${APEX_REST_PATH}')`)})
- ${code('Content-Type: application/json')}, body in UTF-8
- Authentication: the integration user's OAuth 2.0 access token, as ${code('Authorization: Bearer <token>')}
- Any other method answers 405

### Limits

${limitsList('en')}

### Request

The body is ${code('{"events": [CallEvent, …]}')}. Each event is validated on its own and answered in request order.
Unknown fields are ignored (so fields can be added later); ${code('null')} in an optional field counts as absent.

#### Event types (${code('type')})

${enumTable(eventType, 'en')}

#### Call direction (${code('call.direction')})

${enumTable(direction, 'en')}

#### Fields

${fieldTable(CallEvent, 'events[].', 'en')}

### Validation

1. Whole request: empty body → ${code('INVALID_JSON')}; more than ${number(LIMITS.maxBodyBytes)} bytes → ${code('BODY_TOO_LARGE')}; not JSON or not an object → ${code('INVALID_JSON')};
   the challenge (below); ${code('events')} missing, null or empty → ${code('MISSING_EVENTS')}; not an array → ${code('INVALID_TYPE')}; more than ${number(LIMITS.maxEvents)} → ${code('TOO_MANY_EVENTS')}.
   Each answers HTTP 400 with ${code('{"error": {code, message, field?}}')}.
2. Per event: fields are checked in the order of the table above; the first broken rule is the event's error, with a
   ${code('field')} path like ${code('events[3].call.fromNumber')}. The other events are processed normally.
3. Rule order within a field: missing/null (${code('REQUIRED')} if required) → JSON type (${code('INVALID_TYPE')}) → length (${code('TOO_LONG')}) →
   blank (${code('REQUIRED')}) → format (${code('INVALID_ENUM')}, ${code('INVALID_TIMESTAMP')}, ${code('INVALID_ID')}, ${code('INVALID_URL')}, ${code('INVALID_EMAIL')}) → range (${code('OUT_OF_RANGE')}) → item count (${code('TOO_MANY_ITEMS')}) → each item.
4. Date-times look like ${code('2026-11-23T10:15:30+09:00')} or ${code('2026-11-23T01:15:30Z')}; the offset is mandatory (${code('INVALID_TIMESTAMP')} without it). Up to 9 fractional digits, truncated to milliseconds.
5. 18-character Salesforce ids must carry the right 3-character checksum (in capitals, as Salesforce writes it).

### Response

HTTP 200, also when some events failed.

${fieldTable(CallEventResult, 'results[].', 'en')}

#### Statuses (${code('status')})

${enumTable(status, 'en')}

### Error codes

${codeTable('en')}

${code('message')} is an English explanation; programs should branch on ${code('code')}.

### Webhook challenge

The MiiTel Outgoing Webhook registration sends ${code('{"challenge": "<token>"}')} (${code('challenge')} a string, ${code('events')} absent or null); it is
answered 200 with ${code('Content-Type: text/plain')} and the token alone as the body.

${CURL_CHALLENGE}

### Examples

${CURL}

${code('events.json')} (a click-to-call, started then ended):

${json(EXAMPLE_REQUEST)}

A missed inbound call, then the transcript and a memo update of another call:

${json(EXAMPLE_MISSED_CALL_REQUEST)}

Response:

${json(EXAMPLE_RESPONSE)}

Whole-request error (400):

${json(EXAMPLE_ERRORS.TOO_MANY_EVENTS)}

### TypeScript client

${CLIENT}

${code('postCallEvents')} makes one POST; ${code('postCallEventsInBatches')} splits the events into batches of at most ${number(LIMITS.maxEvents)} events and ${number(LIMITS.maxBodyBytes)} bytes and posts them in turn.`;
}

export function emitReadme(): string {
  return `<!-- ${NOTICE} -->

# MiiTel call events API v1 / MiiTel 通話イベント API v1

[日本語](#日本語) · [English](#english) · OpenAPI: [openapi.json](openapi.json)

${japanese()}

${english()}
`;
}
