/**
 * MiiTelContractFormats.cls: the value formats of the contract in Apex (blank text, ISO-8601 timestamps with
 * offset, Salesforce ids and their checksum, https URLs, email addresses). The patterns are formats.ts's, verbatim.
 */
import {
  BLANK_PATTERN,
  CHECKSUM_ALPHABET,
  EMAIL_PATTERN,
  HTTPS_URL_PATTERN,
  MAX_OFFSET_HOURS,
  MAX_YEAR,
  MIN_YEAR,
  SALESFORCE_ID_PATTERN,
  TIMESTAMP_PATTERN
} from '../formats.ts';
import { FORMATS_CLASS } from './apex-reader.ts';
import { NOTICE, apexString } from './text.ts';

/** The longest text the timestamp pattern can match (nanoseconds and an offset). */
const MAX_TIMESTAMP_LENGTH = '2026-11-23T10:15:30.123456789+09:00'.length;

export function emitFormats(): string {
  return `// ${NOTICE}
/**
 * @description The value formats of the MiiTel call-event contract: blank text, ISO-8601 date-times with a UTC
 * offset, Salesforce ids and their case-safe checksum, https URLs and email addresses. The patterns are shared
 * verbatim with the TypeScript validator (scripts/contract/formats.ts) and written to mean the same in both.
 */
public inherited sharing class ${FORMATS_CLASS} {
  private static final System.Pattern BLANK = System.Pattern.compile(${apexString(BLANK_PATTERN)});
  private static final System.Pattern TIMESTAMP = System.Pattern.compile(
    ${apexString(TIMESTAMP_PATTERN)}
  );
  private static final System.Pattern SALESFORCE_ID = System.Pattern.compile(${apexString(SALESFORCE_ID_PATTERN)});
  private static final System.Pattern HTTPS_URL = System.Pattern.compile(
    ${apexString(HTTPS_URL_PATTERN)}
  );
  private static final System.Pattern EMAIL = System.Pattern.compile(
    ${apexString(EMAIL_PATTERN)}
  );
  private static final Integer MAX_TIMESTAMP_LENGTH = ${MAX_TIMESTAMP_LENGTH};
  private static final Integer MIN_YEAR = ${MIN_YEAR};
  private static final Integer MAX_YEAR = ${MAX_YEAR};
  private static final Integer MAX_OFFSET_HOURS = ${MAX_OFFSET_HOURS};
  private static final String CHECKSUM_ALPHABET = ${apexString(CHECKSUM_ALPHABET)};
  private static final List<Integer> BIT_VALUES = new List<Integer>{ 1, 2, 4, 8, 16 };

  /**
   * @description Whether a text is empty or holds only spaces, tabs, line breaks and ideographic spaces (U+3000).
   * @param text the text
   * @return true when the text is blank
   */
  public static Boolean isBlank(String text) {
    return BLANK.matcher(text).matches();
  }

  /**
   * @description Whether a text has the shape of a Salesforce id: 15 or 18 letters and digits (checksum not checked).
   * @param text the text
   * @return true for 15 or 18 ASCII letters and digits
   */
  public static Boolean isSalesforceId(String text) {
    return SALESFORCE_ID.matcher(text).matches();
  }

  /**
   * @description Whether a text is an absolute https URL of printable ASCII with a DNS host name.
   * @param text the text
   * @return true for an https URL
   */
  public static Boolean isHttpsUrl(String text) {
    return HTTPS_URL.matcher(text).matches();
  }

  /**
   * @description Whether a text is an email address (local part, @, a host name with at least one dot).
   * @param text the text
   * @return true for an email address
   */
  public static Boolean isEmail(String text) {
    return EMAIL.matcher(text).matches();
  }

  /**
   * @description A JSON number without a fractional part (1 and 1.0, not 1.5), as deserializeUntyped returns it.
   * @param value an Integer, Long, Decimal or Double; anything else is not a number
   * @return the number as a Decimal, or null when the value is not a number or has a fractional part
   */
  public static Decimal toWholeNumber(Object value) {
    Decimal numberValue = toDecimal(value);
    if (numberValue == null || numberValue.stripTrailingZeros().scale() > 0) {
      return null;
    }
    return numberValue;
  }

  /**
   * @description Parses an ISO-8601 date-time with a mandatory offset (Z or ±hh:mm), fraction truncated to
   * milliseconds, within Salesforce's years ${MIN_YEAR} to ${MAX_YEAR}.
   * @param text the text, like 2026-11-23T10:15:30+09:00
   * @return the instant, or null when the text is not such a date-time or names no real date and time
   */
  public static Datetime parseTimestamp(String text) {
    if (text == null || text.length() > MAX_TIMESTAMP_LENGTH) {
      return null;
    }
    System.Matcher parts = TIMESTAMP.matcher(text);
    if (!parts.matches()) {
      return null;
    }
    List<Integer> fields = new List<Integer>();
    for (Integer groupIndex = 1; groupIndex <= 6; groupIndex++) {
      fields.add(Integer.valueOf(parts.group(groupIndex)));
    }
    Integer offsetMinutes = offsetMinutes(parts);
    if (offsetMinutes == null || !isRealDateTime(fields)) {
      return null;
    }
    Date day = Date.newInstance(fields[0], fields[1], fields[2]);
    Time clock = Time.newInstance(fields[3], fields[4], fields[5], millis(parts.group(7)));
    return Datetime.newInstanceGmt(day, clock).addMinutes(-offsetMinutes);
  }

  /**
   * @description The case-safe suffix Salesforce appends to a 15-character id to make it 18 characters long.
   * @param id15 a 15-character id
   * @return the 3 suffix characters
   */
  public static String checksum(String id15) {
    String suffix = '';
    for (Integer chunk = 0; chunk < 3; chunk++) {
      Integer flags = upperCaseFlags(id15.substring(chunk * 5, chunk * 5 + 5));
      suffix += CHECKSUM_ALPHABET.substring(flags, flags + 1);
    }
    return suffix;
  }

  private static Decimal toDecimal(Object value) {
    if (value instanceof Decimal) {
      return (Decimal) value;
    }
    if (value instanceof Long) {
      return (Long) value;
    }
    if (value instanceof Integer) {
      return (Integer) value;
    }
    if (value instanceof Double) {
      return Decimal.valueOf((Double) value);
    }
    return null;
  }

  private static Integer offsetMinutes(System.Matcher parts) {
    if (parts.group(8) == 'Z') {
      return 0;
    }
    Integer hours = Integer.valueOf(parts.group(10));
    Integer minutes = Integer.valueOf(parts.group(11));
    if (hours > MAX_OFFSET_HOURS || minutes > 59) {
      return null;
    }
    Integer total = hours * 60 + minutes;
    return parts.group(9) == '-' ? -total : total;
  }

  private static Boolean isRealDateTime(List<Integer> fields) {
    Integer year = fields[0];
    Integer month = fields[1];
    Integer day = fields[2];
    Boolean realDate =
      year >= MIN_YEAR &&
      year <= MAX_YEAR &&
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= Date.daysInMonth(year, month);
    return realDate && fields[3] <= 23 && fields[4] <= 59 && fields[5] <= 59;
  }

  private static Integer millis(String fraction) {
    return fraction == null ? 0 : Integer.valueOf((fraction + '00').left(3));
  }

  private static Integer upperCaseFlags(String chunk) {
    Integer flags = 0;
    for (Integer position = 0; position < 5; position++) {
      Integer code = chunk.charAt(position);
      if (code >= 65 && code <= 90) {
        flags += BIT_VALUES[position];
      }
    }
    return flags;
  }

}
`;
}
