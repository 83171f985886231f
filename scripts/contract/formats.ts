/**
 * The value formats of the contract: one regular expression source per format (shared verbatim with the generated
 * Apex, which compiles it with System.Pattern and calls `matches()`), plus the checks a pattern cannot express
 * (calendar dates, the Salesforce id checksum). Patterns use only syntax that means the same in JavaScript and Java:
 * ASCII classes, no `\s`/`\d`/`\w`, no `[` inside a class, no `&&`.
 */

/** Whitespace that makes a string blank: space, tab, CR, LF and the ideographic space U+3000 (全角スペース). */
export const BLANK_PATTERN = '[ \\t\\r\\n\\u3000]*';

/** ISO-8601 / RFC 3339 date-time with a mandatory offset. Groups: 1 year … 6 second, 7 fraction, 8 zone, 9 sign, 10-11 offset. */
export const TIMESTAMP_PATTERN =
  '([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.([0-9]{1,9}))?(Z|([+-])([0-9]{2}):([0-9]{2}))';

export const SALESFORCE_ID_PATTERN = '[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?';

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';

/** https, a DNS host name, an optional port, then any printable ASCII (no spaces). */
export const HTTPS_URL_PATTERN = `https://${LABEL}(?:\\.${LABEL})*(?::[0-9]{1,5})?(?:[/?#][!-~]*)?`;

/** A pragmatic address check: dot-atom-ish local part, a host name with at least one dot. */
export const EMAIL_PATTERN = `[A-Za-z0-9.!#$%&'*+/=?^_\`{|}~-]+@${LABEL}(?:\\.${LABEL})+`;

/** Salesforce's own Date/Time range. */
export const MIN_YEAR = 1700;
export const MAX_YEAR = 4000;
export const MAX_OFFSET_HOURS = 14;

export const CHECKSUM_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

const whole = (source: string): RegExp => new RegExp(`^(?:${source})$`);

export const BLANK = whole(BLANK_PATTERN);
export const TIMESTAMP = whole(TIMESTAMP_PATTERN);
export const SALESFORCE_ID = whole(SALESFORCE_ID_PATTERN);
export const HTTPS_URL = whole(HTTPS_URL_PATTERN);
export const EMAIL = whole(EMAIL_PATTERN);

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Parses an ISO-8601 date-time with offset into epoch milliseconds (fraction truncated to milliseconds, as Apex
 * Datetime holds them), or undefined when the text is not one or names no real instant in Salesforce's range.
 */
export function parseTimestamp(text: string): number | undefined {
  const parts = TIMESTAMP.exec(text);
  if (!parts) {
    return undefined;
  }
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number
  ];
  const millis = Number(`${parts[7] ?? ''}000`.slice(0, 3));
  const offsetHours = Number(parts[10] ?? 0);
  const offsetMinutes = Number(parts[11] ?? 0);
  const valid =
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= MAX_OFFSET_HOURS &&
    offsetMinutes <= 59;
  if (!valid) {
    return undefined;
  }
  const offset = (parts[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
}

/** The instant as Apex serialises a Datetime: `2026-11-23T01:15:30.000Z`. */
export const toUtcIso = (epochMillis: number): string => new Date(epochMillis).toISOString();

/** The 3-character case-safe suffix of a 15-character Salesforce id. */
export function idChecksum(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let position = 0; position < 5; position++) {
      const code = id15.charCodeAt(chunk * 5 + position);
      if (code >= 65 && code <= 90) {
        flags += 2 ** position;
      }
    }
    suffix += CHECKSUM_ALPHABET.charAt(flags);
  }
  return suffix;
}

/** The 18-character form of a valid id (Apex `Id.valueOf` does the same). */
export const toId18 = (id: string): string => (id.length === 15 ? id + idChecksum(id) : id);
