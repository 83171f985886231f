/**
 * MiiTelContractReader.cls: the Apex counterpart of validator.ts's per-kind rules. Schema-independent: the
 * validator class holds one Rule per field and calls read()/readObject() in schema order. The patterns, limits of the
 * formats and the message templates come from formats.ts and codes.ts, so both languages share them verbatim.
 */
import { MESSAGES, type MessageKey } from '../codes.ts';
import { NOTICE, apexString } from './text.ts';

export const READER_CLASS = 'MiiTelContractReader';
export const FORMATS_CLASS = 'MiiTelContractFormats';

/** Message templates the reader uses (the request-level ones live in the validator). */
const READER_MESSAGES: MessageKey[] = [
  'REQUIRED',
  'REQUIRED_WHEN',
  'BLANK',
  'NOT_STRING',
  'NOT_INTEGER',
  'NOT_BOOLEAN',
  'NOT_OBJECT_FIELD',
  'NOT_ARRAY',
  'INVALID_ENUM',
  'INVALID_TIMESTAMP',
  'INVALID_ID',
  'INVALID_ID_CHECKSUM',
  'INVALID_URL',
  'INVALID_EMAIL',
  'TOO_LONG',
  'TOO_LONG_JOINED',
  'OUT_OF_RANGE',
  'TOO_MANY_ITEMS'
];

export function emitReader(contractClass: string): string {
  const c = (code: string): string => `${contractClass}.CODE_${code}`;
  const messages = READER_MESSAGES.map(
    (key) => `  private static final String MESSAGE_${key} = ${apexString(MESSAGES[key])};`
  ).join('\n');
  return `// ${NOTICE}
/**
 * @description Reads the fields of one JSON object produced by System.JSON.deserializeUntyped, one Rule per field, in
 * the order the caller asks for them, converting each value to its Apex type. The first broken rule is recorded with
 * its error code, message and field path; every later read then returns null, so a caller reads field after field
 * with no checks in between and asks hasError() once at the end. Never throws. The rules of each kind are checked in
 * the order of the TypeScript validator (scripts/contract/README.md, "Rule order").
 */
public inherited sharing class ${READER_CLASS} {
${messages}

  private final Map<String, Object> source;
  private final String path;
  private final Map<String, Object> item;
  private final List<${contractClass}.Error> errors;

  private ${READER_CLASS}(${READER_CLASS} parent, Map<String, Object> source, String path) {
    this.source = source;
    this.path = path;
    this.item = parent == null ? source : parent.item;
    this.errors = parent == null ? new List<${contractClass}.Error>() : parent.errors;
  }

  /**
   * @description Starts reading one element of an array of objects (an event). The element is the "item" that
   * requiredWhen rules look at. Fails with REQUIRED when it is null and INVALID_TYPE when it is not a JSON object.
   * @param value the element, as deserialised
   * @param path its path, like events[3]
   * @return a reader over the element's fields (already failed when the element is not an object)
   */
  public static ${READER_CLASS} forItem(Object value, String path) {
    ${READER_CLASS} reader = new ${READER_CLASS}(null, asObject(value), path);
    if (value == null) {
      reader.fail(${c('REQUIRED')}, MESSAGE_REQUIRED, path);
    } else if (!(value instanceof Map<String, Object>)) {
      reader.fail(${c('INVALID_TYPE')}, MESSAGE_NOT_OBJECT_FIELD, path);
    }
    return reader;
  }

  /**
   * @description Whether a rule has been broken by this reader or by any reader of the same item.
   * @return true after the first failure
   */
  public Boolean hasError() {
    return !errors.isEmpty();
  }

  /**
   * @description The first broken rule of the item.
   * @return the error (code, message, field path), or null when every rule held
   */
  public ${contractClass}.Error getError() {
    return errors.isEmpty() ? null : errors[0];
  }

  /**
   * @description Reads a field that is not an object.
   * @param key the field name
   * @param rule what the field must hold
   * @return the value as String, Datetime, Integer, Boolean, Id or List<String>; null when absent or after a failure
   */
  public Object read(String key, Rule rule) {
    if (hasError()) {
      return null;
    }
    String fieldPath = path + '.' + key;
    Object value = source.get(key);
    if (value == null) {
      checkPresence(rule, fieldPath);
      return null;
    }
    return convert(value, rule, fieldPath);
  }

  /**
   * @description Reads a field that holds an object, to read its own fields next.
   * @param key the field name
   * @param rule an objectRule(), optional or not
   * @return a reader over the object's fields; null when the field is absent or a rule is broken
   */
  public ${READER_CLASS} readObject(String key, Rule rule) {
    Object value = read(key, rule);
    if (value == null || hasError()) {
      return null;
    }
    return new ${READER_CLASS}(this, (Map<String, Object>) value, path + '.' + key);
  }

  /**
   * @description A text field: a JSON string of at most maxLength characters.
   * @param maxLength the longest allowed value
   * @return a required rule; refine with notBlank() or optional()
   */
  public static Rule textRule(Integer maxLength) {
    Rule rule = new Rule('text');
    rule.maxLength = maxLength;
    return rule;
  }

  /**
   * @description A JSON string that must be one of a list of values (case-sensitive).
   * @param values the allowed values, in the order the error message lists them
   * @return a required rule
   */
  public static Rule enumRule(List<String> values) {
    Rule rule = new Rule('enum');
    rule.allowedValues = values;
    return rule;
  }

  /**
   * @description An ISO-8601 date-time with a UTC offset, read as a Datetime.
   * @return a required rule
   */
  public static Rule timestampRule() {
    return new Rule('timestamp');
  }

  /**
   * @description A JSON number without a fractional part, within bounds, read as an Integer.
   * @param minimum the smallest allowed value
   * @param maximum the largest allowed value
   * @return a required rule
   */
  public static Rule integerRule(Long minimum, Long maximum) {
    Rule rule = new Rule('integer');
    rule.minimum = minimum;
    rule.maximum = maximum;
    return rule;
  }

  /**
   * @description A JSON true or false.
   * @return a required rule
   */
  public static Rule booleanRule() {
    return new Rule('boolean');
  }

  /**
   * @description A 15- or 18-character Salesforce id (18: with a matching checksum), read as an Id.
   * @return a required rule
   */
  public static Rule idRule() {
    return new Rule('id');
  }

  /**
   * @description An absolute https URL of printable ASCII.
   * @param maxLength the longest allowed value
   * @return a required rule
   */
  public static Rule httpsUrlRule(Integer maxLength) {
    Rule rule = new Rule('url');
    rule.maxLength = maxLength;
    return rule;
  }

  /**
   * @description An email address.
   * @param maxLength the longest allowed value
   * @return a required rule
   */
  public static Rule emailRule(Integer maxLength) {
    Rule rule = new Rule('email');
    rule.maxLength = maxLength;
    return rule;
  }

  /**
   * @description A JSON object; read it with readObject().
   * @return a required rule
   */
  public static Rule objectRule() {
    return new Rule('object');
  }

  /**
   * @description A JSON array of text values, read as a List<String>.
   * @param maxItems the most items allowed
   * @param itemRule what each item must hold (a text, enum, id, url or email rule; null items are refused)
   * @return a required rule
   */
  public static Rule listRule(Integer maxItems, Rule itemRule) {
    Rule rule = new Rule('list');
    rule.maxItems = maxItems;
    rule.itemRule = itemRule;
    return rule;
  }

  private static Map<String, Object> asObject(Object value) {
    return value instanceof Map<String, Object> ? (Map<String, Object>) value : new Map<String, Object>();
  }

  private Object fail(String code, String template, String fieldPath) {
    if (errors.isEmpty()) {
      errors.add(new ${contractClass}.Error(code, template.replace('{field}', fieldPath), fieldPath));
    }
    return null;
  }

  private void checkPresence(Rule rule, String fieldPath) {
    if (rule.required) {
      fail(${c('REQUIRED')}, MESSAGE_REQUIRED, fieldPath);
      return;
    }
    Object actual = rule.requiredWhenField == null ? null : item.get(rule.requiredWhenField);
    if (actual instanceof String && rule.requiredWhenValues.contains((String) actual)) {
      String template = MESSAGE_REQUIRED_WHEN.replace('{0}', rule.requiredWhenField).replace('{1}', (String) actual);
      fail(${c('REQUIRED')}, template, fieldPath);
    }
  }

  private Object convert(Object value, Rule rule, String fieldPath) {
    switch on rule.kind {
      when 'text' {
        return readText(value, rule, fieldPath);
      }
      when 'enum' {
        return readEnum(value, rule, fieldPath);
      }
      when 'timestamp' {
        return readTimestamp(value, fieldPath);
      }
      when 'integer' {
        return readInteger(value, rule, fieldPath);
      }
      when 'boolean' {
        return value instanceof Boolean ? value : fail(${c('INVALID_TYPE')}, MESSAGE_NOT_BOOLEAN, fieldPath);
      }
      when 'id' {
        return readId(value, fieldPath);
      }
      when 'url' {
        return readUrl(value, rule, fieldPath);
      }
      when 'email' {
        return readEmail(value, rule, fieldPath);
      }
      when 'object' {
        return value instanceof Map<String, Object>
          ? value
          : fail(${c('INVALID_TYPE')}, MESSAGE_NOT_OBJECT_FIELD, fieldPath);
      }
      when else {
        return readList(value, rule, fieldPath);
      }
    }
  }

  private String asText(Object value, String fieldPath) {
    if (value instanceof String) {
      return (String) value;
    }
    fail(${c('INVALID_TYPE')}, MESSAGE_NOT_STRING, fieldPath);
    return null;
  }

  private String asBoundedText(Object value, Rule rule, String fieldPath) {
    String text = asText(value, fieldPath);
    if (text != null && text.length() > rule.maxLength) {
      fail(${c('TOO_LONG')}, MESSAGE_TOO_LONG.replace('{0}', String.valueOf(rule.maxLength)), fieldPath);
      return null;
    }
    return text;
  }

  private Object readText(Object value, Rule rule, String fieldPath) {
    String text = asBoundedText(value, rule, fieldPath);
    if (text != null && rule.rejectBlank && ${FORMATS_CLASS}.isBlank(text)) {
      return fail(${c('REQUIRED')}, MESSAGE_BLANK, fieldPath);
    }
    return text;
  }

  private Object readEnum(Object value, Rule rule, String fieldPath) {
    String text = asText(value, fieldPath);
    if (text == null || new Set<String>(rule.allowedValues).contains(text)) {
      return text;
    }
    String allowed = String.join(rule.allowedValues, ', ');
    return fail(${c('INVALID_ENUM')}, MESSAGE_INVALID_ENUM.replace('{0}', allowed), fieldPath);
  }

  private Object readTimestamp(Object value, String fieldPath) {
    String text = asText(value, fieldPath);
    if (text == null) {
      return null;
    }
    Datetime instant = ${FORMATS_CLASS}.parseTimestamp(text);
    return instant == null ? fail(${c('INVALID_TIMESTAMP')}, MESSAGE_INVALID_TIMESTAMP, fieldPath) : instant;
  }

  private Object readInteger(Object value, Rule rule, String fieldPath) {
    Decimal numberValue = ${FORMATS_CLASS}.toWholeNumber(value);
    if (numberValue == null) {
      return fail(${c('INVALID_TYPE')}, MESSAGE_NOT_INTEGER, fieldPath);
    }
    if (numberValue < rule.minimum || numberValue > rule.maximum) {
      String template = MESSAGE_OUT_OF_RANGE.replace('{0}', String.valueOf(rule.minimum))
        .replace('{1}', String.valueOf(rule.maximum));
      return fail(${c('OUT_OF_RANGE')}, template, fieldPath);
    }
    return numberValue.intValue();
  }

  private Object readId(Object value, String fieldPath) {
    String text = asText(value, fieldPath);
    if (text == null) {
      return null;
    }
    if (!${FORMATS_CLASS}.isSalesforceId(text)) {
      return fail(${c('INVALID_ID')}, MESSAGE_INVALID_ID, fieldPath);
    }
    String expected = ${FORMATS_CLASS}.checksum(text.left(15));
    if (text.length() == 18 && !text.right(3).equals(expected)) {
      return fail(${c('INVALID_ID')}, MESSAGE_INVALID_ID_CHECKSUM.replace('{0}', expected), fieldPath);
    }
    return toId(text, fieldPath);
  }

  private Object toId(String text, String fieldPath) {
    try {
      return Id.valueOf(text);
    } catch (System.StringException invalidId) {
      return fail(${c('INVALID_ID')}, MESSAGE_INVALID_ID, fieldPath);
    }
  }

  private Object readUrl(Object value, Rule rule, String fieldPath) {
    String text = asBoundedText(value, rule, fieldPath);
    if (text == null || ${FORMATS_CLASS}.isHttpsUrl(text)) {
      return text;
    }
    return fail(${c('INVALID_URL')}, MESSAGE_INVALID_URL, fieldPath);
  }

  private Object readEmail(Object value, Rule rule, String fieldPath) {
    String text = asBoundedText(value, rule, fieldPath);
    if (text == null || ${FORMATS_CLASS}.isEmail(text)) {
      return text;
    }
    return fail(${c('INVALID_EMAIL')}, MESSAGE_INVALID_EMAIL, fieldPath);
  }

  private Object readList(Object value, Rule rule, String fieldPath) {
    if (!(value instanceof List<Object>)) {
      return fail(${c('INVALID_TYPE')}, MESSAGE_NOT_ARRAY, fieldPath);
    }
    List<Object> items = (List<Object>) value;
    if (items.size() > rule.maxItems) {
      return fail(${c('TOO_MANY_ITEMS')}, MESSAGE_TOO_MANY_ITEMS.replace('{0}', String.valueOf(rule.maxItems)), fieldPath);
    }
    List<String> texts = new List<String>();
    for (Integer index = 0; index < items.size() && !hasError(); index++) {
      texts.add((String) readItem(items[index], rule.itemRule, fieldPath + '[' + index + ']'));
    }
    if (!hasError() && rule.maxJoinedLength != null && String.join(texts, ';').length() > rule.maxJoinedLength) {
      return fail(${c('TOO_LONG')}, MESSAGE_TOO_LONG_JOINED.replace('{0}', String.valueOf(rule.maxJoinedLength)), fieldPath);
    }
    return hasError() ? null : texts;
  }

  private Object readItem(Object value, Rule rule, String itemPath) {
    if (value == null) {
      return fail(${c('REQUIRED')}, MESSAGE_REQUIRED, itemPath);
    }
    return convert(value, rule, itemPath);
  }

  /**
   * @description What one field must hold. Create rules with the static factories of ${READER_CLASS} (textRule,
   * enumRule, …) and refine them with optional(), notBlank() and requiredWhen(); keep them in static final constants.
   */
  public class Rule {
    /**
     * @description The value kind: text, enum, timestamp, integer, boolean, id, url, email, object or list.
     */
    public String kind;
    /**
     * @description Whether a missing or null value breaks the rule (REQUIRED).
     */
    public Boolean required = true;
    /**
     * @description Whether an empty or whitespace-only text breaks the rule (REQUIRED).
     */
    public Boolean rejectBlank = false;
    /**
     * @description The longest allowed text (TOO_LONG).
     */
    public Integer maxLength;
    /**
     * @description The allowed values of an enum (INVALID_ENUM).
     */
    public List<String> allowedValues;
    /**
     * @description The smallest allowed integer (OUT_OF_RANGE).
     */
    public Long minimum;
    /**
     * @description The largest allowed integer (OUT_OF_RANGE).
     */
    public Long maximum;
    /**
     * @description The most items a list may hold (TOO_MANY_ITEMS).
     */
    public Integer maxItems;
    /**
     * @description The rule of each list item.
     */
    public Rule itemRule;
    /**
     * @description The most characters of the list's items joined with one separator between them (TOO_LONG).
     */
    public Integer maxJoinedLength;
    /**
     * @description The item field that makes an optional field required (see requiredWhen).
     */
    public String requiredWhenField;
    /**
     * @description The values of requiredWhenField that make the field required.
     */
    public Set<String> requiredWhenValues;

    /**
     * @description A required rule of one kind; prefer the static factories of ${READER_CLASS}.
     * @param kind the value kind
     */
    public Rule(String kind) {
      this.kind = kind;
    }

    /**
     * @description Lets the field be missing or null.
     * @return this rule
     */
    public Rule optional() {
      required = false;
      return this;
    }

    /**
     * @description Refuses empty and whitespace-only text (spaces, tabs, line breaks, U+3000).
     * @return this rule
     */
    public Rule notBlank() {
      rejectBlank = true;
      return this;
    }

    /**
     * @description Makes an optional field required when a field of the item (the event) holds one of some values.
     * @param field the item's field, like type
     * @param values the values that make this field required
     * @return this rule
     */
    public Rule requiredWhen(String field, Set<String> values) {
      requiredWhenField = field;
      requiredWhenValues = values;
      return this;
    }

    /**
     * @description Bounds a list's items joined with one separator between them, as a multi-select picklist stores
     * them.
     * @param maxLength the most characters in all
     * @return this rule
     */
    public Rule joinedAtMost(Integer maxLength) {
      maxJoinedLength = maxLength;
      return this;
    }
  }
}
`;
}
