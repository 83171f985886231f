/**
 * MiiTelCallEventValidator_Tests.cls: one test method per shared vector. Each asserts the summary the TypeScript
 * validator produced for the same body (codes, field paths, messages, event ids) and, for valid events of
 * literal bodies, the typed DTOs as System.JSON.serialize(dto, true) renders them. Bodies with `$repeat`/`$string`
 * macros or padding are embedded compactly and expanded by the test class at run time.
 */
import { CONTRACT_CLASS } from './apex-contract.ts';
import { VALIDATOR_CLASS } from './apex-validator.ts';
import { NOTICE, apexDoc, apexString } from './text.ts';
import { validateBody } from '../validator.ts';
import {
  type VectorFile,
  camelName,
  canonicalEvent,
  expandTemplates,
  fullSummary,
  hasMacros,
  vectorBody
} from '../vectors.ts';
import type { Vector } from '../vectors.ts';

export const TEST_CLASS = `${VALIDATOR_CLASS}_Tests`;

function bodyExpression(vector: Vector, templates: Record<string, unknown>): { expression: string; literal: boolean } {
  const pad = vector.padToBytes === undefined ? 'null' : String(vector.padToBytes);
  if (vector.raw !== undefined) {
    return vector.padToBytes === undefined
      ? { expression: apexString(vector.raw), literal: true }
      : { expression: `pad(${apexString(vector.raw)}, ${pad})`, literal: false };
  }
  const compact = expandTemplates(vector.json, templates);
  if (hasMacros(compact) || vector.padToBytes !== undefined) {
    return { expression: `expand(${apexString(JSON.stringify(compact))}, ${pad})`, literal: false };
  }
  return { expression: apexString(JSON.stringify(compact)), literal: true };
}

function testMethod(vector: Vector, templates: Record<string, unknown>): string {
  const method = camelName(vector.name);
  if (!/^[a-z][A-Za-z0-9]*$/.test(method)) {
    throw new Error(`vector name ${vector.name} does not make an Apex method name (${method})`);
  }
  const validation = validateBody(vectorBody(vector, templates));
  const { expression, literal } = bodyExpression(vector, templates);
  const label = apexString(`vector ${vector.name}`);
  const lines = [
    `    // ${vector.name}: ${vector.about}`,
    `    ${VALIDATOR_CLASS}.Validation result = ${VALIDATOR_CLASS}.validate(${expression});`,
    `    System.Assert.areEqual(${apexString(fullSummary(validation))}, summarize(result), ${label});`
  ];
  const valid = validation.kind === 'events' ? validation.events.filter((outcome) => outcome.event) : [];
  if (literal && valid.length > 0) {
    const typed = JSON.stringify(valid.map((outcome) => canonicalEvent(outcome.event)));
    lines.push(
      `    System.Assert.areEqual(System.JSON.deserializeUntyped(${apexString(typed)}), typedEvents(result), ${apexString(`vector ${vector.name}: typed events`)});`
    );
  }
  return `  @IsTest
  static void ${method}() {
${lines.join('\n')}
  }`;
}

const FIXED_TESTS = `  @IsTest
  static void validatesBlobBodiesLikeStrings() {
    String body = '{"events":[{"eventId":"evt-1","type":"call.started","occurredAt":"2026-11-23T10:15:30+09:00","call":{"id":"c-1","direction":"inbound","fromNumber":"0312345678","toNumber":"0501234567","user":{}}}]}';
    ${VALIDATOR_CLASS}.Validation fromBlob = ${VALIDATOR_CLASS}.validate(Blob.valueOf(body));
    System.Assert.areEqual(summarize(${VALIDATOR_CLASS}.validate(body)), summarize(fromBlob), 'a Blob body validates like its text');
    System.Assert.areEqual(1, fromBlob.validEvents().size(), 'the Blob body has one valid event');
  }

  @IsTest
  static void refusesEmptyAndOversizedBlobs() {
    System.Assert.areEqual(${CONTRACT_CLASS}.CODE_INVALID_JSON, ${VALIDATOR_CLASS}.validate((Blob) null).error.code, 'a missing Blob body is refused');
    Blob oversized = Blob.valueOf(' '.repeat(${CONTRACT_CLASS}.MAX_BODY_BYTES + 1));
    ${VALIDATOR_CLASS}.Validation result = ${VALIDATOR_CLASS}.validate(oversized);
    System.Assert.areEqual(${CONTRACT_CLASS}.CODE_BODY_TOO_LARGE, result.error.code, 'an oversized Blob body is refused before decoding');
    System.Assert.areEqual(${CONTRACT_CLASS}.HTTP_BAD_REQUEST, result.httpStatus, 'a refused body answers 400');
  }

  @IsTest
  static void refusesBinaryBlobs() {
    Blob binary = System.EncodingUtil.base64Decode('/w==');
    System.Assert.areEqual(${CONTRACT_CLASS}.CODE_INVALID_JSON, ${VALIDATOR_CLASS}.validate(binary).error.code, 'bytes that are not UTF-8 JSON are refused');
  }`;

const HELPERS = `  private static String summarize(${VALIDATOR_CLASS}.Validation result) {
    if (result.isRequestError()) {
      return 'request|' + result.error.code + '|' + orEmpty(result.error.field) + '|' + result.error.message;
    }
    if (result.isChallenge()) {
      return 'challenge|' + result.challenge;
    }
    List<String> lines = new List<String>();
    for (${VALIDATOR_CLASS}.EventOutcome outcome : result.events) {
      lines.add(describe(outcome));
    }
    return String.join(lines, '\\n');
  }

  private static String describe(${VALIDATOR_CLASS}.EventOutcome outcome) {
    if (outcome.isValid()) {
      return outcome.index + '|valid|' + orEmpty(outcome.eventId);
    }
    return outcome.index + '|' + outcome.error.code + '|' + orEmpty(outcome.error.field) + '|' + outcome.error.message;
  }

  private static String orEmpty(String text) {
    return text == null ? '' : text;
  }

  private static Object typedEvents(${VALIDATOR_CLASS}.Validation result) {
    return System.JSON.deserializeUntyped(System.JSON.serialize(result.validEvents(), true));
  }

  private static String expand(String compactJson, Integer padToBytes) {
    String body = System.JSON.serialize(expandNode(System.JSON.deserializeUntyped(compactJson), null));
    return pad(body, padToBytes);
  }

  private static String pad(String body, Integer padToBytes) {
    return padToBytes == null ? body : body + ' '.repeat(padToBytes - Blob.valueOf(body).size());
  }

  private static Object expandNode(Object node, Integer index) {
    if (node instanceof String && index != null) {
      return ((String) node).replace('{i}', String.valueOf(index));
    }
    if (node instanceof List<Object>) {
      return expandList((List<Object>) node, index);
    }
    if (node instanceof Map<String, Object>) {
      return expandMap((Map<String, Object>) node, index);
    }
    return node;
  }

  private static List<Object> expandList(List<Object> nodes, Integer index) {
    List<Object> expanded = new List<Object>();
    for (Object element : nodes) {
      if (element instanceof Map<String, Object> && ((Map<String, Object>) element).containsKey('$repeat')) {
        expanded.addAll(repeat((Map<String, Object>) element));
      } else {
        expanded.add(expandNode(element, index));
      }
    }
    return expanded;
  }

  private static List<Object> repeat(Map<String, Object> macro) {
    List<Object> copies = new List<Object>();
    Integer count = (Integer) macro.get('$repeat');
    for (Integer copy = 0; copy < count; copy++) {
      copies.add(expandNode(macro.get('item'), copy));
    }
    return copies;
  }

  private static Object expandMap(Map<String, Object> node, Integer index) {
    if (node.containsKey('$string')) {
      return ((String) node.get('$string')).repeat((Integer) node.get('times'));
    }
    Map<String, Object> expanded = new Map<String, Object>();
    for (String key : node.keySet()) {
      expanded.put(key, expandNode(node.get(key), index));
    }
    return expanded;
  }`;

export function emitTests(file: VectorFile): string {
  const methods = file.vectors.map((vector) => testMethod(vector, file.templates));
  return `// ${NOTICE}
${apexDoc(
  `Runs every shared contract vector (scripts/contract/vectors.json) through ${VALIDATOR_CLASS}: each test asserts the outcome the TypeScript validator gives for the same body, so the two validators are proven to agree. Bodies with macros ($repeat, $string) or padding are expanded here at run time.`
)}
@IsTest
private class ${TEST_CLASS} {
${methods.join('\n\n')}

${FIXED_TESTS}

${HELPERS}
}
`;
}
