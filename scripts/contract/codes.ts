/**
 * Error codes and message templates of contract v1. The codes are part of the contract (clients branch on them);
 * the messages are for humans and may be reworded in a later version. Both validators build messages from these
 * templates: `{field}` is the field path, `{0}` and `{1}` the rule's parameters.
 */
import type { Doc } from './dsl.ts';

export interface ErrorCodeInfo {
  /**
   * `request`: whole request rejected with HTTP 400. `event`: the event fails validation, in a 200 response.
   * `processing`: a valid event could not be written by the org, in a 200 response (no validator produces it, so the
   * shared vectors do not cover it). Besides these, a failed result may carry a Salesforce DML status code such as
   * `FIELD_CUSTOM_VALIDATION_EXCEPTION`.
   */
  readonly level: 'request' | 'event' | 'both' | 'processing';
  readonly doc: Doc;
}

export const ERROR_CODES = {
  INVALID_JSON: {
    level: 'request',
    doc: {
      en: 'The body is empty, is not valid UTF-8 JSON, or is JSON but not an object.',
      ja: 'ボディが空、UTF-8 の JSON として不正、または JSON だがオブジェクトではない。'
    }
  },
  BODY_TOO_LARGE: {
    level: 'request',
    doc: {
      en: 'The body is larger than the byte limit. Send fewer events per request.',
      ja: 'ボディがバイト数の上限を超えている。1 リクエストあたりのイベント数を減らしてください。'
    }
  },
  MISSING_EVENTS: {
    level: 'request',
    doc: {
      en: '`events` is missing, null or an empty array (and the body is not a challenge).',
      ja: '`events` がない、null、または空配列（かつチャレンジでもない）。'
    }
  },
  TOO_MANY_EVENTS: {
    level: 'request',
    doc: {
      en: '`events` holds more events than the per-request limit. Split the batch.',
      ja: '`events` の件数が 1 リクエストの上限を超えている。分割して送ってください。'
    }
  },
  REQUIRED: {
    level: 'event',
    doc: {
      en: 'A required field is missing, null or blank; or a field the event type needs is missing.',
      ja: '必須項目がない、null、または空白のみ。あるいはイベント種別に必要な項目がない。'
    }
  },
  INVALID_TYPE: {
    level: 'both',
    doc: {
      en: 'The JSON type is wrong (a number where a string is expected, 1.5 for an integer, …). Also `events` that is not an array (request level).',
      ja: 'JSON の型が違う（文字列の位置に数値、整数の位置に 1.5 など）。`events` が配列でない場合はリクエスト全体のエラー。'
    }
  },
  INVALID_ENUM: {
    level: 'event',
    doc: { en: 'The value is not one of the allowed values.', ja: '許可された値のいずれでもない。' }
  },
  INVALID_TIMESTAMP: {
    level: 'event',
    doc: {
      en: 'Not an ISO-8601 date-time with a UTC offset (`Z` or `±hh:mm`), or not a real date and time.',
      ja: 'UTC オフセット（`Z` または `±hh:mm`）付きの ISO-8601 日時でない、または実在しない日時。'
    }
  },
  INVALID_ID: {
    level: 'event',
    doc: {
      en: 'Not a 15- or 18-character Salesforce id, or an 18-character id whose last 3 characters (the case-safe checksum) do not match.',
      ja: '15 桁または 18 桁の Salesforce ID でない、または 18 桁 ID の末尾 3 文字（大文字小文字チェックサム）が一致しない。'
    }
  },
  INVALID_URL: {
    level: 'event',
    doc: {
      en: 'Not an absolute https:// URL of printable ASCII.',
      ja: '印字可能な ASCII の https:// 絶対 URL でない。'
    }
  },
  INVALID_EMAIL: {
    level: 'event',
    doc: { en: 'Not an email address.', ja: 'メールアドレスの形式でない。' }
  },
  TOO_LONG: {
    level: 'event',
    doc: {
      en: 'The string is longer than its limit (counted in UTF-16 code units, as Salesforce counts characters).',
      ja: '文字列が上限より長い（Salesforce と同じく UTF-16 の単位で数える）。'
    }
  },
  OUT_OF_RANGE: {
    level: 'event',
    doc: {
      en: 'The number is outside its allowed range (e.g. a negative duration).',
      ja: '数値が許可された範囲外（負の通話時間など）。'
    }
  },
  TOO_MANY_ITEMS: {
    level: 'event',
    doc: { en: 'The array holds more items than its limit.', ja: '配列の要素数が上限を超えている。' }
  },
  INVALID_SETTINGS: {
    level: 'processing',
    doc: {
      en: 'The MiiTel settings in the org map a field that does not exist or has the wrong type. Fix the settings, then replay the event from the event log.',
      ja: '組織の MiiTel 設定が存在しない項目や型の違う項目を指定している。設定を直してからイベントログで再実行してください。'
    }
  },
  TASK_NOT_SAVED: {
    level: 'processing',
    doc: {
      en: "The org refused to save the call's Task (a validation rule, a lock, a field the integration user cannot write…); the message starts with the platform's status code, or with TASK_NOT_FROM_BRIDGE when the call id sits on a Task the bridge did not save (typed or changed by hand: it is never updated; clear that Task's MiiTel call id). The event is kept in the event log: fix the cause, then replay it there.",
      ja: '組織が通話の ToDo の保存を拒否した（入力規則、ロック、連携ユーザーが書き込めない項目など）。メッセージはプラットフォームのステータスコードで始まる。通話 ID がブリッジの保存していない ToDo（手入力や手で変更したもの）にある場合は TASK_NOT_FROM_BRIDGE で始まり、その ToDo は更新しない（その ToDo の MiiTel 通話 ID を消してください）。イベントはイベントログに残るので、原因を直してからそこで再実行してください。'
    }
  },
  UNEXPECTED_ERROR: {
    level: 'processing',
    doc: {
      en: 'The org hit an unexpected error while writing the batch; nothing of the batch was written. Retry the events.',
      ja: '組織でバッチの書き込み中に想定外のエラーが発生し、バッチは何も書き込まれていない。イベントを再送してください。'
    }
  }
} as const satisfies Record<string, ErrorCodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

/** Message templates. Keys become Apex constants (MESSAGE_<KEY>); values must not contain single quotes. */
export const MESSAGES = {
  EMPTY_BODY: 'The body is empty; send a JSON object',
  NOT_UTF8: 'The body is not valid UTF-8',
  NOT_JSON: 'The body is not valid JSON',
  TOO_DEEP: 'The body nests objects and arrays deeper than {0} levels',
  NOT_OBJECT: 'The body must be a JSON object',
  BODY_TOO_LARGE: 'The body is larger than {0} bytes; send fewer events per request',
  MISSING_EVENTS: 'events is required and must hold at least one event',
  TOO_MANY_EVENTS: 'events must hold at most {0} events; split the batch',
  REQUIRED: '{field} is required',
  REQUIRED_WHEN: '{field} is required when {0} is {1}',
  BLANK: '{field} must not be blank',
  NOT_STRING: '{field} must be a string',
  NOT_INTEGER: '{field} must be an integer',
  NOT_BOOLEAN: '{field} must be a boolean',
  NOT_OBJECT_FIELD: '{field} must be an object',
  NOT_ARRAY: '{field} must be an array',
  INVALID_ENUM: '{field} must be one of: {0}',
  INVALID_TIMESTAMP: '{field} must be an ISO-8601 date-time with a UTC offset, like 2026-11-23T10:15:30+09:00',
  INVALID_ID: '{field} must be a 15- or 18-character Salesforce id',
  INVALID_ID_CHECKSUM: '{field} has a wrong checksum: the last 3 characters of an 18-character id must be {0}',
  INVALID_URL: '{field} must be an https:// URL',
  INVALID_EMAIL: '{field} must be an email address',
  TOO_LONG: '{field} must be at most {0} characters',
  TOO_LONG_JOINED: '{field} must be at most {0} characters in all, counting one separator between items',
  OUT_OF_RANGE: '{field} must be between {0} and {1}',
  TOO_MANY_ITEMS: '{field} must hold at most {0} items'
} as const;

export type MessageKey = keyof typeof MESSAGES;

/** Fills a template the same way the Apex reader does (String.replace: literal, every occurrence, no locale). */
export function message(key: MessageKey, field: string | undefined, ...params: (string | number)[]): string {
  let text: string = MESSAGES[key].split('{field}').join(field ?? '');
  params.forEach((param, index) => {
    text = text.split(`{${index}}`).join(String(param));
  });
  return text;
}
