/**
 * Contract v1 of `POST /services/apexrest/miitel/v1/call-events` (issue 3): the one source every other artifact is
 * generated from. Names, limits, event types and statuses are fixed by the issue; changing them is a new version.
 */
import {
  type Infer,
  array,
  boolean,
  email,
  enumOf,
  httpsUrl,
  integer,
  nullable,
  object,
  optional,
  required,
  salesforceId,
  string,
  timestamp
} from './dsl.ts';

export const API_VERSION = 'v1';
/** The `@RestResource(urlMapping=…)` of the resource; jsforce's `connection.apex.post` takes this path. */
export const APEX_REST_PATH = '/miitel/v1/call-events';
export const ENDPOINT_PATH = `/services/apexrest${APEX_REST_PATH}`;

export const LIMITS = {
  /** Events per request. */
  maxEvents: 200,
  /**
   * Bytes per body (UTF-8), derived from the heap a request needs. Apex REST holds the body as a Blob, then as a
   * String, then as the untyped map tree and the typed DTOs, the event-log payloads and the Tasks, all inside the 6 MB
   * synchronous heap (Apex Developer Guide "Execution Governors and Limits"), and heap exhaustion is an uncatchable
   * 500. Measured on the local org runtime (its heap measure is an estimate: scripts/local-org/README.md): a request
   *      needs about 11 bytes
   * of heap per body byte when the body is ASCII text (200 events of 2,500-character transcripts, 559 KB: 6.25 MB —
   * over the limit; 500 KB bodies still passed), less for Japanese text (3 UTF-8 bytes, 2 heap bytes per character).
   * 350,000 bytes needs about 3.9 MB: a margin of 1.5 for what the estimate misses, and still room for the largest
   * single valid event (a 100,000-character Japanese transcript and 4,099 characters of memos: about 313 KB).
   */
  maxBodyBytes: 350_000,
  /** eventId and call.id (MiiTel_Call_Id__c is Text(64)). */
  maxIdLength: 64,
  /** Phone fields in Salesforce are 40 characters. */
  maxPhoneLength: 40,
  maxUserIdLength: 64,
  /** User.Email is 128 characters. */
  maxEmailLength: 128,
  maxUserNameLength: 80,
  /** MiiTel_Call_Url__c is a Url field (255). */
  maxUrlLength: 255,
  maxMemos: 100,
  /** A multi-select picklist value holds at most 255 characters. */
  maxMemoLength: 255,
  /**
   * The memos are stored in one multi-select picklist field as their values joined with ';', and the field holds at
   * most 4,099 characters in all (its describe length; the Help's "Picklist Limitations" page does not state the total
   * — unverified, to confirm on a scratch org: docs/real-org-checklist.md). 100 memos of 255 characters would be
   * 25,599 characters, so the contract bounds the joined set as well: the save can never fail on the memo field.
   */
  maxMemosJoinedLength: 4_099,
  /** The comment is cut to 30,000 characters anyway; longer transcripts are refused rather than silently lost. */
  maxTranscriptLength: 100_000,
  /** Minutes (議事録) are summaries: far shorter than a transcript; the comment is cut to 30,000 characters anyway. */
  maxMinutesLength: 30_000,
  /** MiiTel's call score written as text (a decimal such as 313.4). */
  maxScoreLength: 32,
  /** MiiTel users' comments on the call, joined one per line. */
  maxCommentsLength: 30_000,
  /** Task.CallDurationInSeconds is an Integer. */
  maxDurationSeconds: 2_147_483_647,
  maxChallengeLength: 1_000_000,
  /**
   * Nesting levels of the body's JSON (objects and arrays). The contract needs 5 (body, events, event, call, memos);
   * a parser recursing into a much deeper document exhausts the Apex stack ("Maximum stack depth reached", an
   * uncatchable 500), so deeper bodies are refused as INVALID_JSON before they are parsed.
   */
  maxJsonDepth: 32
} as const;

// ── vocabularies ────────────────────────────────────────────────────────────────────────────────────────────────

export const EventType = enumOf({
  name: 'EventType',
  apexPrefix: 'TYPE',
  values: ['call.started', 'call.ended', 'call.transcribed', 'call.memo_updated'],
  valueDocs: {
    'call.started': {
      en: 'The call started: dialling (outbound) or ringing (inbound) began. With the "after the call starts" timing the Task is created now.',
      ja: '通話が開始された（発信ならダイヤル開始、着信なら呼出開始）。活動履歴登録が「通話開始後」のとき、ここで活動を作成します。'
    },
    'call.ended': {
      en: 'The call ended, answered or missed: carries endedAt, durationSeconds and answered. With the "after the call ends" timing the Task is created now.',
      ja: '通話が終了した（応答・不在とも）。endedAt・durationSeconds・answered を含みます。「通話終了後」のとき、ここで活動を作成します。'
    },
    'call.transcribed': {
      en: 'Speech recognition finished: call.transcript holds the transcript (required for this type).',
      ja: '音声認識（文字起こし）が完了した。call.transcript に結果を入れます（この種別では必須）。'
    },
    'call.memo_updated': {
      en: 'The call memos changed: call.memos holds the complete current set (required for this type; [] clears them).',
      ja: '応対メモが変更された。call.memos に現在のメモ全件を入れます（この種別では必須。[] で全削除）。'
    }
  },
  doc: { en: 'What happened to the call.', ja: 'イベントの種類（通話に何が起きたか）。' },
  example: 'call.ended'
});

export const Direction = enumOf({
  name: 'Direction',
  apexPrefix: 'DIRECTION',
  values: ['inbound', 'outbound'],
  valueDocs: {
    inbound: { en: 'A customer called the MiiTel user (CallType Inbound).', ja: '着信（CallType Inbound）。' },
    outbound: { en: 'The MiiTel user called out (CallType Outbound).', ja: '発信（CallType Outbound）。' }
  },
  doc: { en: 'Direction of the call.', ja: '通話の方向。' },
  example: 'outbound'
});

export const ResultStatus = enumOf({
  name: 'ResultStatus',
  apexPrefix: 'STATUS',
  values: ['applied', 'duplicate', 'skipped', 'failed'],
  valueDocs: {
    applied: {
      en: 'The event was written to the call’s Task (created or updated).',
      ja: 'イベントを通話の活動（ToDo）に反映しました（作成または更新）。'
    },
    duplicate: {
      en: 'An event with this eventId was already processed; nothing was written again.',
      ja: '同じ eventId のイベントは処理済みのため、何も書き込んでいません。'
    },
    skipped: {
      en: 'Accepted but not written: the feature is disabled, or the timing setting does not write this event.',
      ja: '受け付けましたが書き込んでいません（機能が無効、または活動履歴登録のタイミング設定による）。'
    },
    failed: {
      en: 'Not written; error says why. The other events of the request are not affected.',
      ja: '書き込めませんでした。理由は error を参照。同じリクエストの他のイベントには影響しません。'
    }
  },
  doc: { en: 'What the org did with the event.', ja: 'イベントの処理結果。' },
  example: 'applied'
});

// ── request ─────────────────────────────────────────────────────────────────────────────────────────────────────

const timestampDoc = (en: string, ja: string) =>
  timestamp({ doc: { en: `${en} ISO-8601 with a UTC offset.`, ja: `${ja}UTC オフセット付き ISO-8601。` } });

export const CallUser = object({
  name: 'CallUser',
  apexName: 'CallUser',
  apexRulePrefix: 'USER',
  doc: {
    en: 'The MiiTel user on the call; decides the Task owner (MiiTel user id, then email, else the integration user). Both fields are optional: {} is valid.',
    ja: '通話した MiiTel ユーザー。活動の任命先を決めます（MiiTel ユーザー ID → メールアドレス → 連携ユーザーの順）。どちらの項目も任意で、{} も有効です。'
  },
  fields: {
    miitelUserId: optional(
      string({
        maxLength: LIMITS.maxUserIdLength,
        doc: {
          en: 'MiiTel user id, matched against User.MiiTel_User_Id__c.',
          ja: 'MiiTel のユーザー ID。ユーザーの MiiTel_User_Id__c と照合します。'
        },
        example: 'u-1024'
      })
    ),
    email: optional(
      email({
        maxLength: LIMITS.maxEmailLength,
        doc: {
          en: 'The user’s email address, matched against User.Email when the id finds nobody.',
          ja: 'ユーザーのメールアドレス。ID で見つからないとき User.Email と照合します。'
        },
        example: 'sato@example.co.jp'
      })
    ),
    name: optional(
      string({
        maxLength: LIMITS.maxUserNameLength,
        doc: { en: 'Display name in MiiTel, for the comment.', ja: 'MiiTel 上の表示名（コメント用）。' },
        example: '佐藤 花子'
      })
    )
  }
});

export const Call = object({
  name: 'Call',
  apexName: 'Call',
  apexRulePrefix: 'CALL',
  doc: {
    en: 'The call the event belongs to, as MiiTel knows it when the event is sent.',
    ja: 'イベントが属する通話（送信時点で MiiTel が把握している内容）。'
  },
  fields: {
    id: required(
      string({
        maxLength: LIMITS.maxIdLength,
        nonBlank: true,
        doc: {
          en: 'MiiTel call id. Every event of one call carries it; the Task is keyed on it (MiiTel_Call_Id__c, CallObject).',
          ja: 'MiiTel の通話 ID。同じ通話のイベントはすべて同じ値を持ち、活動はこの値で一意になります（MiiTel_Call_Id__c、CallObject）。'
        },
        example: 'c-20261123-0001'
      })
    ),
    direction: required(Direction),
    fromNumber: required(
      string({
        maxLength: LIMITS.maxPhoneLength,
        doc: {
          en: 'The calling number as MiiTel shows it (+81312345678, 03-1234-5678). Empty string when withheld (非通知).',
          ja: '発信元の電話番号（MiiTel の表記のまま。+81312345678、03-1234-5678 など）。非通知のときは空文字列。'
        },
        example: '+81312345678'
      })
    ),
    toNumber: required(
      string({
        maxLength: LIMITS.maxPhoneLength,
        doc: {
          en: 'The called number. Empty string when unknown.',
          ja: '発信先（着信側）の電話番号。不明のときは空文字列。'
        },
        example: '+81501234567'
      })
    ),
    user: required(CallUser),
    dialStartedAt: optional(
      timestampDoc(
        'When dialling (outbound) or ringing (inbound) started (ダイヤル開始時刻).',
        'ダイヤル開始時刻（発信）または呼出開始時刻（着信）。'
      )
    ),
    answeredAt: optional(
      timestampDoc(
        'When the conversation started (通話開始時刻). Absent for a missed call.',
        '通話開始時刻（応答した時刻）。不在のときはなし。'
      )
    ),
    endedAt: optional(timestampDoc('When the call ended (通話終了時刻).', '通話終了時刻。')),
    durationSeconds: optional(
      integer({
        minimum: 0,
        maximum: LIMITS.maxDurationSeconds,
        doc: {
          en: 'Talk time in whole seconds (→ Task.CallDurationInSeconds).',
          ja: '通話時間（秒、整数。Task.CallDurationInSeconds に入ります）。'
        },
        example: 185
      })
    ),
    answered: optional(
      boolean({
        doc: {
          en: 'false for a missed call (不在): the missed-call comment template is used.',
          ja: 'false は不在（不在発信・不在着信）。不在用のコメントを使います。'
        },
        example: true
      })
    ),
    recordId: optional(
      salesforceId({
        doc: {
          en: 'The record the call was placed from with click-to-call (15- or 18-character id). The Task is linked to it instead of a phone-number lookup.',
          ja: 'クリック発信の発信元レコードの ID（15 桁または 18 桁）。電話番号検索の代わりにこのレコードに紐付けます。'
        },
        example: '003J000001bXgqTIAS'
      })
    ),
    url: optional(
      httpsUrl({
        maxLength: LIMITS.maxUrlLength,
        doc: {
          en: 'The call’s page in MiiTel, https only (→ MiiTel_Call_Url__c).',
          ja: 'MiiTel の通話ページの URL。https のみ（MiiTel_Call_Url__c に入ります）。'
        },
        example: 'https://example.miitel.jp/app/calls/c-20261123-0001'
      })
    ),
    memos: optional(
      array({
        maxItems: LIMITS.maxMemos,
        maxJoinedLength: LIMITS.maxMemosJoinedLength,
        items: string({
          maxLength: LIMITS.maxMemoLength,
          doc: { en: 'One memo (one multi-select picklist value).', ja: 'メモ 1 件（複数選択リストの値 1 つ）。' }
        }),
        doc: {
          en: 'The complete current set of call memos (応対メモ); replaces the previous set. Each memo is one multi-select picklist value (≤ 255 characters); together, counting one separator between memos, at most 4,099 characters (what the field stores).',
          ja: '現在の応対メモ全件。以前の内容を置き換えます。各メモは複数選択リストの値 1 つ（255 文字以内）。区切り文字 1 文字ずつを含めた合計は 4,099 文字以内（項目に保存できる長さ）。'
        },
        example: ['折り返し希望', '見積送付済み']
      }),
      { field: 'type', values: ['call.memo_updated'] }
    ),
    transcript: optional(
      string({
        maxLength: LIMITS.maxTranscriptLength,
        doc: {
          en: 'Speech-recognition transcript. When the comment would exceed 30,000 characters, the transcript is cut first.',
          ja: '音声認識結果（文字起こし）。コメントが 30,000 文字を超える場合はこの部分から切り詰めます。'
        },
        example: 'お電話ありがとうございます。…'
      }),
      { field: 'type', values: ['call.transcribed'] }
    ),
    minutes: optional(
      string({
        maxLength: LIMITS.maxMinutesLength,
        doc: {
          en: 'The minutes (議事録) MiiTel wrote for the call; the comment merge field minutes.',
          ja: 'MiiTel が作成した通話の議事録。コメントの差し込み項目 minutes に入ります。'
        },
        example: '【議題】見積の確認'
      })
    ),
    score: optional(
      string({
        maxLength: LIMITS.maxScoreLength,
        doc: {
          en: 'MiiTel’s call score as text (e.g. 313.4); the comment merge field score.',
          ja: 'MiiTel の通話スコア（文字列。例: 313.4）。コメントの差し込み項目 score に入ります。'
        },
        example: '313.4'
      })
    ),
    comments: optional(
      string({
        maxLength: LIMITS.maxCommentsLength,
        doc: {
          en: 'Comments MiiTel users left on the call, one per line; the comment merge field comments.',
          ja: 'MiiTel ユーザーが通話に残したコメント（1 行に 1 件）。コメントの差し込み項目 comments に入ります。'
        },
        example: '鈴木 太郎: 来週折り返し'
      })
    )
  }
});

export const CallEvent = object({
  name: 'CallEvent',
  apexName: 'CallEvent',
  apexRulePrefix: 'EVENT',
  doc: {
    en: 'One thing that happened to a MiiTel call. Events of one call may arrive in any order and are merged by occurredAt.',
    ja: 'MiiTel の通話に起きた 1 つの出来事。同じ通話のイベントは順不同で届いてよく、occurredAt の順に統合されます。'
  },
  fields: {
    eventId: required(
      string({
        maxLength: LIMITS.maxIdLength,
        nonBlank: true,
        doc: {
          en: 'Unique id of this event, the idempotency key: sending it again answers duplicate and writes nothing.',
          ja: 'イベントの一意な ID（冪等キー）。同じ eventId を再送すると duplicate となり、何も書き込みません。'
        },
        example: 'evt-20261123-0001-ended'
      })
    ),
    type: required(EventType),
    occurredAt: required(
      timestamp({
        doc: {
          en: 'When it happened, ISO-8601 with a UTC offset (Z or +09:00).',
          ja: '発生日時。UTC オフセット付き ISO-8601（Z または +09:00）。'
        },
        example: '2026-11-23T10:18:45+09:00'
      })
    ),
    call: required(Call)
  }
});

export const CallEventRequest = object({
  name: 'CallEventRequest',
  apexName: 'Request',
  apexRulePrefix: 'REQUEST',
  doc: { en: 'A batch of call events.', ja: '通話イベントのバッチ。' },
  fields: {
    events: required(
      array({
        maxItems: LIMITS.maxEvents,
        items: CallEvent,
        doc: {
          en: 'The call events, 1 to 200, answered in the same order. Each event is validated on its own: one bad event never rejects the others.',
          ja: '通話イベント（1〜200 件）。結果は同じ順で返します。イベントごとに検証し、1 件の不正が他を妨げることはありません。'
        }
      })
    )
  }
});

export const ChallengeRequest = object({
  name: 'ChallengeRequest',
  apexName: 'Challenge',
  apexRulePrefix: 'CHALLENGE',
  doc: {
    en: 'MiiTel Outgoing Webhook handshake: answered 200 text/plain with the token alone. Recognised when challenge is a string and events is absent or null.',
    ja: 'MiiTel Outgoing Webhook の疎通確認。トークンだけを本文に 200 text/plain で返します。challenge が文字列で events がない（または null）ときに該当します。'
  },
  fields: {
    challenge: required(
      string({
        maxLength: LIMITS.maxChallengeLength,
        doc: { en: 'The token to echo.', ja: 'そのまま返すトークン。' },
        example: 'd9f6c1e2-3b4a-4c5d-8e7f-0a1b2c3d4e5f'
      })
    )
  }
});

// ── response ────────────────────────────────────────────────────────────────────────────────────────────────────

export const ApiError = object({
  name: 'ApiError',
  apexName: 'Error',
  apexRulePrefix: 'ERROR',
  doc: { en: 'Why something was refused.', ja: '拒否された理由。' },
  fields: {
    code: required(
      string({
        maxLength: 64,
        doc: {
          en: 'Stable error code (see the table of codes); branch on this, not on the message.',
          ja: '安定したエラーコード（コード表を参照）。メッセージではなくこちらで判定してください。'
        },
        example: 'INVALID_ID'
      })
    ),
    message: required(
      string({
        maxLength: 1000,
        doc: { en: 'Explanation in English, naming the field.', ja: '英語の説明（項目名を含む）。' },
        example: 'events[0].call.recordId must be a 15- or 18-character Salesforce id'
      })
    ),
    field: optional(
      string({
        maxLength: 255,
        doc: {
          en: 'Path of the offending field, like events[3].call.fromNumber. Absent for errors about the whole body.',
          ja: '問題の項目のパス（例: events[3].call.fromNumber）。ボディ全体のエラーではなし。'
        },
        example: 'events[0].call.recordId'
      })
    )
  }
});

export const RecordMatch = object({
  name: 'RecordMatch',
  apexName: 'Match',
  apexRulePrefix: 'MATCH',
  doc: { en: 'The record the Task was linked to.', ja: '活動を紐付けたレコード。' },
  fields: {
    sobjectType: required(
      string({
        maxLength: 255,
        doc: {
          en: 'API name of the object: Contact, Account, Lead, or the object of call.recordId.',
          ja: 'オブジェクトの API 名（Contact、Account、Lead、または call.recordId のオブジェクト）。'
        },
        example: 'Contact'
      })
    ),
    id: required(salesforceId({ doc: { en: 'Record id (18 characters).', ja: 'レコード ID（18 桁）。' } }))
  }
});

export const NoticeCode = enumOf({
  name: 'NoticeCode',
  apexPrefix: 'NOTICE',
  values: ['click_to_call_not_found', 'ambiguous_number', 'no_match', 'no_customer_number', 'owner_not_mapped'],
  valueDocs: {
    click_to_call_not_found: {
      en: 'call.recordId does not exist, cannot be seen by the integration user or cannot hold a Task; the Task was placed by the phone lookup instead.',
      ja: 'call.recordId のレコードが存在しない、連携ユーザーから参照できない、または活動を関連付けられないため、電話番号の検索で紐付けました。'
    },
    ambiguous_number: {
      en: 'Several records of the winning object hold the number and the ambiguity policy is "unlinked": the Task is not linked.',
      ja: '優先されるオブジェクトの複数のレコードが同じ番号を持ち、重複時の設定が「紐付けない」のため、活動を紐付けていません。'
    },
    no_match: {
      en: 'No Contact, Account or (unconverted) Lead holds the customer number: the Task is not linked.',
      ja: '顧客の番号を持つ取引先責任者・取引先・（未取引開始の）リードがないため、活動を紐付けていません。'
    },
    no_customer_number: {
      en: 'The call has no customer number to look up: the Task is not linked.',
      ja: '検索する顧客の番号がないため、活動を紐付けていません。'
    },
    owner_not_mapped: {
      en: 'No active Salesforce user has the MiiTel user id or email: the integration user owns the Task.',
      ja: 'MiiTel ユーザー ID またはメールアドレスが一致する有効な Salesforce ユーザーがいないため、連携ユーザーが活動の所有者です。'
    }
  },
  doc: {
    en: 'Why a written Task is not linked or owned as the caller might expect.',
    ja: '書き込んだ活動の紐付けや所有者が期待と異なる理由。'
  },
  example: 'owner_not_mapped'
});

export const ResultNotice = object({
  name: 'ResultNotice',
  apexName: 'Notice',
  apexRulePrefix: 'NOTICE',
  doc: {
    en: 'Something to know about how a new Task was placed (linked record, owner). Not an error: the event was applied.',
    ja: '新しい活動の配置（紐付け先・所有者）についてのお知らせ。エラーではなく、イベントは反映済みです。'
  },
  fields: {
    code: required(NoticeCode),
    message: required(
      string({
        maxLength: 1000,
        doc: { en: 'Explanation in English.', ja: '英語の説明。' },
        example:
          'No active Salesforce user has MiiTel user id mt-user-9 or its email; the integration user owns the Task'
      })
    )
  }
});

export const CallEventResult = object({
  name: 'CallEventResult',
  apexName: 'Result',
  apexRulePrefix: 'RESULT',
  doc: { en: 'The outcome of one event, at the event’s position.', ja: '1 イベントの処理結果（イベントと同じ位置）。' },
  fields: {
    eventId: nullable(
      required(
        string({
          maxLength: LIMITS.maxIdLength,
          doc: {
            en: 'The event’s eventId; null when the event had no string eventId.',
            ja: 'イベントの eventId。文字列の eventId がなかった場合は null。'
          },
          example: 'evt-20261123-0001-ended'
        })
      )
    ),
    status: required(ResultStatus),
    taskId: optional(
      salesforceId({
        doc: {
          en: 'The Task written (applied) or already written (duplicate).',
          ja: '書き込んだ（applied）または書き込み済みの（duplicate）活動の ID。'
        },
        example: '00TJ000000abcdeMAA'
      })
    ),
    match: nullable(optional(RecordMatch)),
    notices: optional(
      array({
        maxItems: 2,
        items: ResultNotice,
        doc: {
          en: 'How a new Task was placed, when it is not simply linked and owned as asked: at most one notice about the link and one about the owner. Only on the result that created the Task.',
          ja: '新しい活動の紐付けや所有者が指定どおりでない場合のお知らせ（紐付けと所有者について各 1 件まで）。活動を作成した結果にのみ付きます。'
        }
      })
    ),
    error: optional(ApiError)
  }
});

export const CallEventResponse = object({
  name: 'CallEventResponse',
  apexName: 'Response',
  apexRulePrefix: 'RESPONSE',
  doc: {
    en: 'Answer to a batch (HTTP 200, also when some events failed).',
    ja: 'バッチへの応答（一部のイベントが失敗しても HTTP 200）。'
  },
  fields: {
    results: required(
      array({
        maxItems: LIMITS.maxEvents,
        items: CallEventResult,
        doc: { en: 'One result per event, in request order.', ja: 'イベントごとの結果（リクエストと同じ順）。' }
      })
    )
  }
});

export const ErrorResponse = object({
  name: 'ErrorResponse',
  apexName: 'ErrorResponse',
  apexRulePrefix: 'ERROR_RESPONSE',
  doc: { en: 'Answer to a refused request (HTTP 400).', ja: '拒否されたリクエストへの応答（HTTP 400）。' },
  fields: { error: required(ApiError) }
});

/** The object nodes that become Apex DTO classes, OpenAPI components and client types, in this order. */
export const CONTRACT_OBJECTS = [
  CallEventRequest,
  CallEvent,
  Call,
  CallUser,
  ChallengeRequest,
  CallEventResponse,
  CallEventResult,
  RecordMatch,
  ResultNotice,
  ApiError,
  ErrorResponse
] as const;

export const CONTRACT_ENUMS = [EventType, Direction, ResultStatus, NoticeCode] as const;

export type CallEventRequest = Infer<typeof CallEventRequest>;
export type CallEvent = Infer<typeof CallEvent>;
export type Call = Infer<typeof Call>;
export type CallUser = Infer<typeof CallUser>;
export type ChallengeRequest = Infer<typeof ChallengeRequest>;
export type CallEventResponse = Infer<typeof CallEventResponse>;
export type CallEventResult = Infer<typeof CallEventResult>;
export type RecordMatch = Infer<typeof RecordMatch>;
export type ResultNotice = Infer<typeof ResultNotice>;
export type ApiError = Infer<typeof ApiError>;
export type ErrorResponse = Infer<typeof ErrorResponse>;
export type EventType = Infer<typeof EventType>;
export type Direction = Infer<typeof Direction>;
export type ResultStatus = Infer<typeof ResultStatus>;
export type NoticeCode = Infer<typeof NoticeCode>;
