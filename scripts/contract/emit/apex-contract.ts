/**
 * MiiTelCallEventContract.cls: the request and response DTOs (one inner class per object node) and the contract's
 * vocabulary as constants (event types, directions, statuses, error codes, limits, the REST path).
 */
import { ERROR_CODES, ERROR_CODE_LIST } from '../codes.ts';
import { API_VERSION, APEX_REST_PATH, CONTRACT_ENUMS, LIMITS } from '../contract.ts';
import type { EnumNode, Field, Node, ObjectNode } from '../dsl.ts';
import { NOTICE, apexDoc, apexString, upperSnake } from './text.ts';

export const CONTRACT_CLASS = 'MiiTelCallEventContract';

/** The Apex type of a node's value. */
export function apexType(node: Node): string {
  switch (node.kind) {
    case 'timestamp':
      return 'Datetime';
    case 'integer':
      return 'Integer';
    case 'boolean':
      return 'Boolean';
    case 'salesforceId':
      return 'Id';
    case 'array':
      return `List<${apexType(node.items)}>`;
    case 'object':
      return node.apexName;
    default:
      return 'String';
  }
}

/** `EVENT_TYPES`, `DIRECTIONS`, `RESULT_STATUSES`: the constant holding an enum's values in order. */
export const enumListName = (node: EnumNode): string => {
  const name = upperSnake(node.name);
  return name.endsWith('S') ? `${name}ES` : `${name}S`;
};

/** `TYPE_CALL_STARTED`: the constant holding one enum value. */
export const enumValueName = (node: EnumNode, value: string): string => `${node.apexPrefix}_${upperSnake(value)}`;

function enumConstants(node: EnumNode): string[] {
  const values = node.values.map(
    (value) =>
      `${apexDoc(node.valueDocs[value]?.en ?? value, [], '  ')}\n  public static final String ${enumValueName(node, value)} = ${apexString(value)};`
  );
  const list = `${apexDoc(`${node.doc.en} Every value, in contract order.`, [], '  ')}\n  public static final List<String> ${enumListName(node)} = new List<String>{ ${node.values.map((value) => enumValueName(node, value)).join(', ')} };`;
  return [...values, list];
}

function codeConstants(): string[] {
  return ERROR_CODE_LIST.map(
    (code) =>
      `${apexDoc(`Error code: ${ERROR_CODES[code].doc.en}`, [], '  ')}\n  public static final String CODE_${code} = ${apexString(code)};`
  );
}

// One line of ApexDoc per limit of contract.ts: the generator is the one home of the contract's numbers, and the Apex
// classes that need one (the webhook's guest checks, the event log) read these constants instead of retyping it.
const LIMIT_DOCS: Record<keyof typeof LIMITS, string> = {
  maxEvents: 'The most events one request may hold.',
  maxBodyBytes: 'The largest request body, in UTF-8 bytes. Larger bodies are refused before parsing (BODY_TOO_LARGE).',
  maxIdLength: 'The longest eventId and call.id (MiiTel_Call_Id__c is Text(64)).',
  maxPhoneLength: 'The longest call.fromNumber and call.toNumber (Salesforce phone fields hold 40).',
  maxUserIdLength: 'The longest call.user.miitelUserId.',
  maxEmailLength: 'The longest call.user.email (User.Email holds 128).',
  maxUserNameLength: 'The longest call.user.name.',
  maxUrlLength: 'The longest call.url (a Url field holds 255).',
  maxMemos: 'The most items of call.memos.',
  maxMemoLength: 'The longest item of call.memos (a multi-select picklist value holds 255).',
  maxMemosJoinedLength:
    'The longest call.memos joined with one separator (the multi-select picklist field holds 4,099).',
  maxTranscriptLength: 'The longest call.transcript.',
  maxMinutesLength: 'The longest call.minutes.',
  maxScoreLength: 'The longest call.score.',
  maxCommentsLength: 'The longest call.comments.',
  maxDurationSeconds: 'The largest call.durationSeconds (Task.CallDurationInSeconds is an Integer).',
  maxChallengeLength: 'The longest webhook challenge token answered.',
  maxJsonDepth:
    'The deepest nesting of objects and arrays a body may have. Deeper bodies are refused before parsing (INVALID_JSON).'
};

function limitConstants(): string[] {
  const constant = (name: string, doc: string, value: number): string =>
    `${apexDoc(doc, [], '  ')}\n  public static final Integer ${name} = ${value};`;
  const limits = (Object.keys(LIMITS) as (keyof typeof LIMITS)[]).map((key) =>
    constant(upperSnake(key), LIMIT_DOCS[key], LIMITS[key])
  );
  return [
    ...limits,
    constant('HTTP_OK', 'HTTP status of an accepted request, also when some events failed.', 200),
    constant('HTTP_BAD_REQUEST', 'HTTP status of a refused request.', 400)
  ];
}

function dtoField(key: string, field: Field): string {
  const notes: string[] = [];
  if (field.required) {
    notes.push('Required.');
  }
  if (field.requiredWhen) {
    notes.push(`Required when ${field.requiredWhen.field} is ${field.requiredWhen.values.join(' or ')}.`);
  }
  const node = field.node;
  const doc = [node.doc.en, ...notes].join(' ');
  return `${apexDoc(doc, [], '    ')}\n    public ${apexType(node)} ${key};`;
}

function errorConstructors(node: ObjectNode): string {
  if (node.apexName !== 'Error') {
    return '';
  }
  return `

    ${apexDoc('An empty error, for deserialisation.', [], '    ').trimStart()}
    public Error() {
      this(null, null, null);
    }

    ${apexDoc(
      'An error with its code, message and (optional) field path.',
      [
        '@param code the error code, one of the CODE_ constants',
        '@param message the explanation',
        '@param field the field path, or null'
      ],
      '    '
    ).trimStart()}
    public Error(String code, String message, String field) {
      this.code = code;
      this.message = message;
      this.field = field;
    }`;
}

function dtoClass(node: ObjectNode): string {
  const fields = Object.entries(node.fields).map(([key, field]) => dtoField(key, field));
  return `${apexDoc(node.doc.en, [], '  ')}
  public class ${node.apexName} {
${fields.join('\n')}${errorConstructors(node)}
  }`;
}

export function emitContract(objects: readonly ObjectNode[]): string {
  const constants = [
    `${apexDoc('Contract version, part of the path.', [], '  ')}\n  public static final String VERSION = ${apexString(API_VERSION)};`,
    `${apexDoc('The urlMapping of the REST resource (below /services/apexrest).', [], '  ')}\n  public static final String URL_MAPPING = ${apexString(APEX_REST_PATH)};`,
    ...CONTRACT_ENUMS.flatMap((node) => enumConstants(node)),
    ...codeConstants(),
    ...limitConstants()
  ];
  return `// ${NOTICE}
${apexDoc(
  `MiiTel call-event contract ${API_VERSION}: the request and response of POST /services/apexrest${APEX_REST_PATH} as Apex classes, with the contract's event types, directions, result statuses, error codes and limits. MiiTelCallEventValidator turns a raw body into these classes; the REST resource serialises Response and ErrorResponse with System.JSON.serialize(value, true) so absent values are omitted.`
)}
public inherited sharing class ${CONTRACT_CLASS} {
${constants.join('\n\n')}

${objects.map((node) => dtoClass(node)).join('\n\n')}
}
`;
}
