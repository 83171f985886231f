/**
 * MiiTelCallEventValidator.cls: the request-level checks (size, JSON, challenge, events) written out by hand below,
 * plus one reader method per object node of the event, generated field by field in schema order, each field with
 * its Rule constant. The per-kind rules live in MiiTelContractReader (apex-reader.ts).
 */
import { MESSAGES, type MessageKey } from '../codes.ts';
import { APEX_REST_PATH } from '../contract.ts';
import { type Field, type Node, type ObjectNode, objectNodes } from '../dsl.ts';
import { CONTRACT_CLASS, apexType, enumListName, enumValueName } from './apex-contract.ts';
import { READER_CLASS } from './apex-reader.ts';
import { NOTICE, apexDoc, apexString, lowerFirst, upperSnake } from './text.ts';

export const VALIDATOR_CLASS = 'MiiTelCallEventValidator';

const REQUEST_MESSAGES: MessageKey[] = [
  'EMPTY_BODY',
  'NOT_UTF8',
  'NOT_JSON',
  'TOO_DEEP',
  'NOT_OBJECT',
  'BODY_TOO_LARGE',
  'MISSING_EVENTS',
  'NOT_ARRAY',
  'TOO_MANY_EVENTS'
];

/** Item kinds a list may hold in Apex (the reader builds a List<String>). */
const TEXT_KINDS = new Set<Node['kind']>(['string', 'enum', 'salesforceId', 'httpsUrl', 'email']);

const ruleName = (owner: ObjectNode, key: string): string => {
  const field = upperSnake(key);
  return field.startsWith(`${owner.apexRulePrefix}_`) ? field : `${owner.apexRulePrefix}_${field}`;
};

/** The local variable a reader method fills: CallEvent → event, Call → call, CallUser → user. */
const variableName = (node: ObjectNode): string => lowerFirst(node.apexName.replace(/^Call(?=[A-Z])/, ''));

const readerMethod = (node: ObjectNode): string => `read${node.apexName}`;

function baseRule(node: Node): string {
  const r = READER_CLASS;
  switch (node.kind) {
    case 'string':
      return `${r}.textRule(${node.maxLength})${node.nonBlank ? '.notBlank()' : ''}`;
    case 'enum':
      return `${r}.enumRule(${CONTRACT_CLASS}.${enumListName(node)})`;
    case 'timestamp':
      return `${r}.timestampRule()`;
    case 'integer':
      return `${r}.integerRule(${node.minimum}, ${node.maximum})`;
    case 'boolean':
      return `${r}.booleanRule()`;
    case 'salesforceId':
      return `${r}.idRule()`;
    case 'httpsUrl':
      return `${r}.httpsUrlRule(${node.maxLength})`;
    case 'email':
      return `${r}.emailRule(${node.maxLength})`;
    case 'object':
      return `${r}.objectRule()`;
    case 'array':
      if (!TEXT_KINDS.has(node.items.kind)) {
        throw new Error(`Apex lists of ${node.items.kind} are not supported by ${READER_CLASS}`);
      }
      return `${r}.listRule(${node.maxItems}, ${baseRule(node.items)})${
        node.maxJoinedLength === undefined ? '' : `.joinedAtMost(${node.maxJoinedLength})`
      }`;
  }
}

/** `new Set<String>{ MiiTelCallEventContract.TYPE_CALL_TRANSCRIBED }`, naming enum constants where there are some. */
function valueSet(item: ObjectNode, field: string, values: readonly string[]): string {
  const discriminator = item.fields[field]?.node;
  const literal = (value: string): string =>
    discriminator?.kind === 'enum' && discriminator.values.includes(value)
      ? `${CONTRACT_CLASS}.${enumValueName(discriminator, value)}`
      : apexString(value);
  return `new Set<String>{ ${values.map(literal).join(', ')} }`;
}

function ruleExpression(item: ObjectNode, field: Field): string {
  let expression = baseRule(field.node);
  if (!field.required) {
    expression += '.optional()';
  }
  if (field.requiredWhen) {
    const { field: on, values } = field.requiredWhen;
    expression += `.requiredWhen(${apexString(on)}, ${valueSet(item, on, values)})`;
  }
  return expression;
}

function ruleConstants(item: ObjectNode): string[] {
  return objectNodes(item).flatMap((owner) =>
    Object.entries(owner.fields).map(
      ([key, field]) =>
        `  private static final ${READER_CLASS}.Rule ${ruleName(owner, key)} = ${ruleExpression(item, field)};`
    )
  );
}

function readerMethodFor(node: ObjectNode, isItem: boolean): string {
  const variable = variableName(node);
  const type = `${CONTRACT_CLASS}.${node.apexName}`;
  const lines = Object.entries(node.fields).map(([key, field]) => {
    const rule = ruleName(node, key);
    if (field.node.kind === 'object') {
      return `    ${variable}.${key} = ${readerMethod(field.node)}(fields.readObject(${apexString(key)}, ${rule}));`;
    }
    return `    ${variable}.${key} = (${apexType(field.node)}) fields.read(${apexString(key)}, ${rule});`;
  });
  const guard = isItem ? '' : `    if (fields == null) {\n      return null;\n    }\n`;
  return `  private static ${type} ${readerMethod(node)}(${READER_CLASS} fields) {
${guard}    ${type} ${variable} = new ${type}();
${lines.join('\n')}
    return ${variable};
  }`;
}

export function emitValidator(item: ObjectNode): string {
  const messages = REQUEST_MESSAGES.map(
    (key) => `  private static final String MESSAGE_${key} = ${apexString(MESSAGES[key])};`
  );
  const readers = objectNodes(item).map((node) => readerMethodFor(node, node === item));
  const code = (name: string): string => `${CONTRACT_CLASS}.CODE_${name}`;
  return `// ${NOTICE}
${apexDoc(
  `Validates the body of POST /services/apexrest${APEX_REST_PATH} (contract v1) and turns each valid event into a ${CONTRACT_CLASS}.${item.apexName}. A Validation holds exactly one of: a request-level error (HTTP 400), a webhook challenge, or one outcome per event (its typed event, or the first rule it breaks). Rules, their order, codes, messages and field paths are those of the TypeScript validator in scripts/contract, proven equal by the shared vectors. Never throws.`
)}
public inherited sharing class ${VALIDATOR_CLASS} {
${messages.join('\n')}
  // What each token does to the nesting depth (the others: nothing).
  private static final Map<System.JSONToken, Integer> NESTING_STEP = new Map<System.JSONToken, Integer>{
    System.JSONToken.START_OBJECT => 1,
    System.JSONToken.START_ARRAY => 1,
    System.JSONToken.END_OBJECT => -1,
    System.JSONToken.END_ARRAY => -1
  };
${ruleConstants(item).join('\n')}

  /**
   * @description Validates a raw request body.
   * @param body the body as text (RestContext.request.requestBody.toString())
   * @return the request error, the challenge, or the outcome of every event
   */
  public static Validation validate(String body) {
    if (body == null || body.length() == 0) {
      return requestError(${code('INVALID_JSON')}, MESSAGE_EMPTY_BODY, null);
    }
    if (isTooLarge(body)) {
      return requestError(${code('BODY_TOO_LARGE')}, bodyTooLargeMessage(), null);
    }
    Object root;
    try {
      if (isTooDeep(body)) {
        return requestError(
          ${code('INVALID_JSON')},
          MESSAGE_TOO_DEEP.replace('{0}', String.valueOf(${CONTRACT_CLASS}.MAX_JSON_DEPTH)),
          null
        );
      }
      root = System.JSON.deserializeUntyped(body);
    } catch (System.JSONException notJson) {
      return requestError(${code('INVALID_JSON')}, MESSAGE_NOT_JSON, null);
    }
    return validateRoot(root);
  }

  /**
   * @description Whether a JSON text nests objects and arrays deeper than ${CONTRACT_CLASS}.MAX_JSON_DEPTH, read
   * token by token with System.JSONParser and stopped at the first level too deep — before anything recurses into it
   * ("Maximum stack depth reached" cannot be caught). No regular expression: Apex caps a matcher's input accesses at
   * 1,000,000 and that error cannot be caught either (Apex Developer Guide, "Using Patterns and Matchers"). The one
   * depth check of the package: the webhook's guest part uses it too.
   * @param body a JSON text
   * @return true at the first object or array nested deeper than the limit
   * @throws System.JSONException when the text stops being JSON before that
   */
  public static Boolean isTooDeep(String body) {
    System.JSONParser parser = System.JSON.createParser(body);
    Integer depth = 0;
    while (depth <= ${CONTRACT_CLASS}.MAX_JSON_DEPTH && parser.nextToken() != null) {
      depth += NESTING_STEP.get(parser.getCurrentToken()) ?? 0;
    }
    return depth > ${CONTRACT_CLASS}.MAX_JSON_DEPTH;
  }

  /**
   * @description Validates a raw request body given as bytes: checks the size before decoding, so an oversized body
   * is refused without copying it into a String.
   * @param body the body (RestContext.request.requestBody)
   * @return the request error, the challenge, or the outcome of every event
   */
  public static Validation validate(Blob body) {
    if (body == null || body.size() == 0) {
      return requestError(${code('INVALID_JSON')}, MESSAGE_EMPTY_BODY, null);
    }
    if (body.size() > ${CONTRACT_CLASS}.MAX_BODY_BYTES) {
      return requestError(${code('BODY_TOO_LARGE')}, bodyTooLargeMessage(), null);
    }
    String text;
    try {
      text = body.toString();
    } catch (System.StringException notUtf8) {
      return requestError(${code('INVALID_JSON')}, MESSAGE_NOT_UTF8, null);
    }
    return validate(text);
  }

  private static Boolean isTooLarge(String body) {
    if (body.length() > ${CONTRACT_CLASS}.MAX_BODY_BYTES) {
      return true;
    }
    // A UTF-16 code unit takes at most 3 UTF-8 bytes: only long bodies need the exact (copying) count.
    if (body.length() * 3 <= ${CONTRACT_CLASS}.MAX_BODY_BYTES) {
      return false;
    }
    return Blob.valueOf(body).size() > ${CONTRACT_CLASS}.MAX_BODY_BYTES;
  }

  private static String bodyTooLargeMessage() {
    return MESSAGE_BODY_TOO_LARGE.replace('{0}', String.valueOf(${CONTRACT_CLASS}.MAX_BODY_BYTES));
  }

  private static Validation validateRoot(Object root) {
    if (!(root instanceof Map<String, Object>)) {
      return requestError(${code('INVALID_JSON')}, MESSAGE_NOT_OBJECT, null);
    }
    Map<String, Object> request = (Map<String, Object>) root;
    Object events = request.get('events');
    if (request.get('challenge') instanceof String && events == null) {
      Validation handshake = new Validation();
      handshake.challenge = (String) request.get('challenge');
      return handshake;
    }
    Validation refused = checkEvents(events);
    return refused == null ? outcomesOf((List<Object>) events) : refused;
  }

  /**
   * @description Validates events that are already parsed — a List<Object> of Map<String, Object> as
   * System.JSON.deserializeUntyped or a mapper builds them — with the request's count rule and every event rule,
   * without serialising and parsing them again: the call-events endpoint, the webhook handler and the replay of the
   * event log validate through this one entry. The body-size rule belongs to raw bodies only; parsed events are bounded
   * by their fields' limits.
   * @param events the events (null: MISSING_EVENTS)
   * @return the request error (MISSING_EVENTS, TOO_MANY_EVENTS) or the outcome of every event
   */
  public static Validation validateEvents(List<Object> events) {
    Validation refused = checkEvents(events);
    return refused == null ? outcomesOf(events) : refused;
  }

  private static Validation checkEvents(Object events) {
    if (events == null) {
      return requestError(${code('MISSING_EVENTS')}, MESSAGE_MISSING_EVENTS, 'events');
    }
    if (!(events instanceof List<Object>)) {
      return requestError(${code('INVALID_TYPE')}, MESSAGE_NOT_ARRAY.replace('{field}', 'events'), 'events');
    }
    Integer count = ((List<Object>) events).size();
    if (count == 0) {
      return requestError(${code('MISSING_EVENTS')}, MESSAGE_MISSING_EVENTS, 'events');
    }
    if (count > ${CONTRACT_CLASS}.MAX_EVENTS) {
      String message = MESSAGE_TOO_MANY_EVENTS.replace('{0}', String.valueOf(${CONTRACT_CLASS}.MAX_EVENTS));
      return requestError(${code('TOO_MANY_EVENTS')}, message, 'events');
    }
    return null;
  }

  private static Validation outcomesOf(List<Object> events) {
    Validation result = new Validation();
    for (Integer index = 0; index < events.size(); index++) {
      result.events.add(validateEvent(events[index], index));
    }
    return result;
  }

  private static EventOutcome validateEvent(Object value, Integer index) {
    ${READER_CLASS} fields = ${READER_CLASS}.forItem(value, 'events[' + index + ']');
    ${CONTRACT_CLASS}.${item.apexName} event = ${readerMethod(item)}(fields);
    EventOutcome outcome = new EventOutcome(index, value);
    if (fields.hasError()) {
      outcome.error = fields.getError();
    } else {
      outcome.event = event;
    }
    return outcome;
  }

  private static Validation requestError(String code, String message, String field) {
    Validation refused = new Validation();
    refused.httpStatus = ${CONTRACT_CLASS}.HTTP_BAD_REQUEST;
    refused.error = new ${CONTRACT_CLASS}.Error(code, message, field);
    return refused;
  }

${readers.join('\n\n')}

  /**
   * @description The result of validate(): exactly one of error (the request is refused), challenge (a webhook
   * handshake) or events (one outcome per event, in request order).
   */
  public class Validation {
    /**
     * @description 400 when the request is refused, else 200.
     */
    public Integer httpStatus = ${CONTRACT_CLASS}.HTTP_OK;
    /**
     * @description Why the whole request is refused; null otherwise.
     */
    public ${CONTRACT_CLASS}.Error error;
    /**
     * @description The token of a webhook handshake, to answer alone as text/plain; null otherwise.
     */
    public String challenge;
    /**
     * @description One outcome per event, in request order; empty for an error or a challenge.
     */
    public List<EventOutcome> events = new List<EventOutcome>();

    /**
     * @description Whether the whole request is refused (answer httpStatus with an ErrorResponse).
     * @return true when error is set
     */
    public Boolean isRequestError() {
      return error != null;
    }

    /**
     * @description Whether the body is a webhook handshake.
     * @return true when challenge is set
     */
    public Boolean isChallenge() {
      return challenge != null;
    }

    /**
     * @description The typed events that passed validation, in request order.
     * @return the valid events (empty when none)
     */
    public List<${CONTRACT_CLASS}.${item.apexName}> validEvents() {
      List<${CONTRACT_CLASS}.${item.apexName}> valid = new List<${CONTRACT_CLASS}.${item.apexName}>();
      for (EventOutcome outcome : events) {
        if (outcome.isValid()) {
          valid.add(outcome.event);
        }
      }
      return valid;
    }
  }

  /**
   * @description The outcome of one event: its typed form, or the first rule it breaks.
   */
  public class EventOutcome {
    /**
     * @description Position of the event in the request (0-based), as in its field paths.
     */
    public Integer index;
    /**
     * @description The event's eventId when it is a string (even an invalid one), for the result; else null.
     */
    public String eventId;
    /**
     * @description The event exactly as received (from System.JSON.deserializeUntyped), e.g. for an event log.
     */
    public Object payload;
    /**
     * @description The typed event; null when the event is invalid.
     */
    public ${CONTRACT_CLASS}.${item.apexName} event;
    /**
     * @description The first broken rule (code, message, field path); null when the event is valid.
     */
    public ${CONTRACT_CLASS}.Error error;

    /**
     * @description An outcome for the event at a position.
     * @param index the event's position in the request
     * @param payload the event as received
     */
    public EventOutcome(Integer index, Object payload) {
      this.index = index;
      this.payload = payload;
      Object id = payload instanceof Map<String, Object> ? ((Map<String, Object>) payload).get('eventId') : null;
      this.eventId = id instanceof String ? (String) id : null;
    }

    /**
     * @description Whether the event passed validation.
     * @return true when there is no error
     */
    public Boolean isValid() {
      return error == null;
    }
  }
}
`;
}
