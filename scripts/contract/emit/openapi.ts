/** docs/api/openapi.json: OpenAPI 3.1 (JSON Schema 2020-12) of the endpoint, derived from the schema nodes. */
import { ERROR_CODES, ERROR_CODE_LIST } from '../codes.ts';
import {
  API_VERSION,
  CONTRACT_ENUMS,
  CONTRACT_OBJECTS,
  CallEvent,
  CallEventRequest,
  ENDPOINT_PATH,
  LIMITS,
  type CallEventRequest as CallEventRequestType
} from '../contract.ts';
import { type EnumNode, type Field, type Node, type ObjectNode, objectNodes } from '../dsl.ts';
import {
  EXAMPLE_CHALLENGE,
  EXAMPLE_ERRORS,
  EXAMPLE_MISSED_CALL_REQUEST,
  EXAMPLE_REQUEST,
  EXAMPLE_RESPONSE
} from '../examples.ts';
import { BLANK_PATTERN, HTTPS_URL_PATTERN, SALESFORCE_ID_PATTERN, TIMESTAMP_PATTERN } from '../formats.ts';
import { NOTICE } from './text.ts';

type Schema = Record<string, unknown>;

const ref = (node: ObjectNode): Schema => ({ $ref: `#/components/schemas/${node.name}` });

function describe(schema: Schema, node: Node): Schema {
  const out: Schema = { description: `${node.doc.en}\n\n${node.doc.ja}`, ...schema };
  if (node.example !== undefined) {
    out.examples = [node.example];
  }
  return out;
}

export function nodeSchema(node: Node): Schema {
  switch (node.kind) {
    case 'string':
      return describe(
        {
          type: 'string',
          maxLength: node.maxLength,
          // Not blank: at least one character other than the blank ones (JSON Schema patterns are not anchored).
          ...(node.nonBlank ? { minLength: 1, pattern: `[^${BLANK_PATTERN.slice(1, -2)}]` } : {})
        },
        node
      );
    case 'enum':
      return { $ref: `#/components/schemas/${node.name}` };
    case 'timestamp':
      return describe({ type: 'string', format: 'date-time', pattern: `^${TIMESTAMP_PATTERN}$` }, node);
    case 'integer':
      return describe({ type: 'integer', minimum: node.minimum, maximum: node.maximum }, node);
    case 'boolean':
      return describe({ type: 'boolean' }, node);
    case 'salesforceId':
      return describe({ type: 'string', minLength: 15, maxLength: 18, pattern: `^${SALESFORCE_ID_PATTERN}$` }, node);
    case 'httpsUrl':
      return describe(
        { type: 'string', format: 'uri', maxLength: node.maxLength, pattern: `^${HTTPS_URL_PATTERN}$` },
        node
      );
    case 'email':
      return describe({ type: 'string', format: 'email', maxLength: node.maxLength }, node);
    case 'array':
      return describe(
        {
          type: 'array',
          maxItems: node.maxItems,
          items: nodeSchema(node.items),
          ...(node.maxJoinedLength === undefined ? {} : { 'x-maxJoinedLength': node.maxJoinedLength })
        },
        node
      );
    case 'object':
      return ref(node);
  }
}

/** Request objects: null in an optional field counts as absent (tolerant reader), so the schema allows it. */
const REQUEST_OBJECTS = new Set<ObjectNode>(objectNodes(CallEventRequest));

function fieldSchema(field: Field, owner: ObjectNode): Schema {
  const schema = nodeSchema(field.node);
  const acceptsNull = field.nullable || (!field.required && REQUEST_OBJECTS.has(owner));
  return acceptsNull ? { anyOf: [schema, { type: 'null' }] } : schema;
}

/** `if type is call.transcribed then call.transcript is required`, from requiredWhen, on the item's schema. */
function conditionalRequirements(item: ObjectNode): Schema[] {
  const rules: Schema[] = [];
  const visit = (node: ObjectNode, path: string[]): void => {
    for (const [key, field] of Object.entries(node.fields)) {
      if (field.requiredWhen) {
        let then: Schema = { required: [key], properties: { [key]: { not: { type: 'null' } } } };
        for (const parent of [...path].reverse()) {
          then = { properties: { [parent]: then } };
        }
        rules.push({
          if: {
            required: [field.requiredWhen.field],
            properties: { [field.requiredWhen.field]: { enum: [...field.requiredWhen.values] } }
          },
          then
        });
      }
      if (field.node.kind === 'object') {
        visit(field.node, [...path, key]);
      }
    }
  };
  visit(item, []);
  return rules;
}

export function objectSchema(node: ObjectNode): Schema {
  const required = Object.entries(node.fields)
    .filter(([, field]) => field.required)
    .map(([key]) => key);
  const schema: Schema = {
    type: 'object',
    description: `${node.doc.en}\n\n${node.doc.ja}`,
    required,
    properties: Object.fromEntries(Object.entries(node.fields).map(([key, field]) => [key, fieldSchema(field, node)])),
    additionalProperties: true
  };
  const conditions = node === CallEvent ? conditionalRequirements(node) : [];
  if (conditions.length > 0) {
    schema.allOf = conditions;
  }
  return schema;
}

function components(): Schema {
  const schemas: Schema = {};
  for (const node of CONTRACT_OBJECTS) {
    schemas[node.name] = objectSchema(node);
  }
  for (const node of CONTRACT_ENUMS as readonly EnumNode[]) {
    schemas[node.name] = enumSchema(node);
  }
  schemas.ErrorCode = {
    type: 'string',
    enum: ERROR_CODE_LIST,
    description: `Error codes of contract ${API_VERSION} (ApiError.code; the service may add codes for events it cannot write).\n\n${ERROR_CODE_LIST.map((code) => `- \`${code}\` (${ERROR_CODES[code].level}): ${ERROR_CODES[code].doc.en} ${ERROR_CODES[code].doc.ja}`).join('\n')}`
  };
  schemas.SalesforceErrors = {
    type: 'array',
    description:
      'Salesforce’s own error format, for errors the platform answers before the resource runs (authentication, unsupported method).\n\nSalesforce 標準のエラー形式（認証エラー、未対応のメソッドなど、リソースの実行前にプラットフォームが返すもの）。',
    items: {
      type: 'object',
      required: ['message', 'errorCode'],
      properties: { message: { type: 'string' }, errorCode: { type: 'string' } }
    }
  };
  return schemas;
}

function enumSchema(node: EnumNode): Schema {
  const list = (language: 'en' | 'ja'): string =>
    node.values.map((value) => `- \`${value}\`: ${node.valueDocs[value]?.[language] ?? ''}`).join('\n');
  return {
    type: 'string',
    enum: [...node.values],
    description: `${node.doc.en}\n\n${list('en')}\n\n${node.doc.ja}\n\n${list('ja')}`
  };
}

const jsonExample = (summary: string, value: unknown): Schema => ({ summary, value });

function methodNotAllowed(): Schema {
  return {
    description: 'Only POST is supported (答えるのは POST のみ): Salesforce answers 405 with its own error format.',
    content: {
      'application/json': {
        schema: { $ref: '#/components/schemas/SalesforceErrors' },
        examples: {
          notAllowed: jsonExample('GET is not allowed', [
            { errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'GET' not allowed. Allowed are POST" }
          ])
        }
      }
    }
  };
}

function postOperation(): Schema {
  const requestExamples: Record<string, Schema> = {
    clickToCall: jsonExample('An outbound click-to-call: started, then ended', EXAMPLE_REQUEST),
    missedTranscriptMemo: jsonExample(
      'A missed inbound call; a transcript and a memo update of another call',
      EXAMPLE_MISSED_CALL_REQUEST satisfies CallEventRequestType
    ),
    challenge: jsonExample('MiiTel Outgoing Webhook handshake', EXAMPLE_CHALLENGE)
  };
  const errorExamples = Object.fromEntries(
    Object.entries(EXAMPLE_ERRORS).map(([code, value]) => [code, jsonExample(code, value)])
  );
  return {
    operationId: 'postCallEvents',
    summary: 'Log MiiTel call events as Tasks (MiiTel の通話イベントを活動として記録)',
    description: [
      `Receives up to ${LIMITS.maxEvents} call events (at most ${LIMITS.maxBodyBytes} bytes) and writes one Task per MiiTel call inside the org. Each event is validated on its own: invalid events fail with a field path while the others are processed, and the answer is 200 with one result per event in request order. Whole-request problems answer 400. A body {"challenge": "<token>"} is the MiiTel Outgoing Webhook handshake, answered 200 text/plain with the token.`,
      `最大 ${LIMITS.maxEvents} 件（${LIMITS.maxBodyBytes} バイト以内）の通話イベントを受け取り、MiiTel の通話ごとに 1 件の活動を組織内で書き込みます。イベントは 1 件ずつ検証し、不正なイベントは項目パス付きで失敗、他のイベントは処理されます。応答は 200 で、リクエストと同じ順にイベントごとの結果を返します。リクエスト全体の問題は 400 です。{"challenge": "<token>"} は MiiTel Outgoing Webhook の疎通確認で、トークンを 200 text/plain で返します。`
    ].join('\n\n'),
    security: [{ bearerAuth: [] }],
    requestBody: {
      required: true,
      content: {
        'application/json': {
          schema: {
            oneOf: [
              { $ref: '#/components/schemas/CallEventRequest' },
              { $ref: '#/components/schemas/ChallengeRequest' }
            ]
          },
          examples: requestExamples
        }
      }
    },
    responses: {
      '200': {
        description:
          'Every event answered (also when some failed), or the handshake token. 全イベントへの応答（一部失敗を含む）、またはチャレンジのトークン。',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/CallEventResponse' },
            examples: { results: jsonExample('One result per event', EXAMPLE_RESPONSE) }
          },
          'text/plain': {
            schema: { type: 'string' },
            examples: { challenge: jsonExample('The handshake token, alone', EXAMPLE_CHALLENGE.challenge) }
          }
        }
      },
      '400': {
        description: 'The whole request is refused. リクエスト全体が拒否された。',
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' }, examples: errorExamples }
        }
      },
      '401': {
        description:
          'Missing, invalid or expired access token (answered by Salesforce). アクセストークンがない・無効・期限切れ。',
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/SalesforceErrors' },
            examples: {
              invalidSession: jsonExample('Expired token', [
                { errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }
              ])
            }
          }
        }
      },
      '405': methodNotAllowed()
    }
  };
}

export function emitOpenApi(): string {
  const notAllowed = {
    summary: 'Not allowed',
    responses: { '405': methodNotAllowed() },
    security: [{ bearerAuth: [] }]
  };
  const document = {
    openapi: '3.1.0',
    'x-generated': NOTICE,
    info: {
      title: 'MiiTel Activity Bridge: call events',
      version: API_VERSION,
      summary: 'Logs MiiTel calls as Salesforce Tasks, inside the org, one API call per batch of events.',
      description: `${NOTICE}\n\nSee docs/api/README.md for the full description in Japanese and English.`,
      license: { name: 'BSD-3-Clause', identifier: 'BSD-3-Clause' }
    },
    servers: [
      {
        url: 'https://{myDomain}.my.salesforce.com',
        description: 'Your org (My Domain)',
        variables: { myDomain: { default: 'example', description: 'My Domain name of the org' } }
      }
    ],
    paths: {
      [ENDPOINT_PATH]: {
        post: postOperation(),
        get: { operationId: 'getCallEventsNotAllowed', ...notAllowed },
        put: { operationId: 'putCallEventsNotAllowed', ...notAllowed },
        patch: { operationId: 'patchCallEventsNotAllowed', ...notAllowed },
        delete: { operationId: 'deleteCallEventsNotAllowed', ...notAllowed }
      }
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description:
            'OAuth 2.0 access token of the integration user (connected app / external client app). 連携ユーザーの OAuth 2.0 アクセストークン。'
        }
      },
      schemas: components()
    }
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
