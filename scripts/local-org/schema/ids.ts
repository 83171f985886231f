/**
 * Salesforce record ids: 15 case-sensitive characters (3-character key prefix first) and the 18-character
 * case-insensitive form, whose 3-character suffix encodes which of the 15 characters are upper case (five per suffix
 * character, bit i set when character i of the chunk is A–Z, mapped through A–Z0–5), as the SOAP API / Apex Id
 * documentation describes.
 */
const SUFFIX = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function caseSafeSuffix(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= 'A' && c <= 'Z') {
        bits |= 1 << i;
      }
    }
    suffix += SUFFIX.charAt(bits);
  }
  return suffix;
}

/**
 * The 18-character form of a 15- or 18-character id, or undefined when `text` is not an id. An 18-character id's case
 * is restored from its suffix (so an upper-cased 18-character id still names the same record).
 */
export function normalizeId(text: string): string | undefined {
  if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(text)) {
    return undefined;
  }
  if (text.length === 15) {
    return text + caseSafeSuffix(text);
  }
  const suffix = text.slice(15).toUpperCase();
  let restored = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX.indexOf(suffix.charAt(chunk));
    if (bits < 0) {
      return undefined;
    }
    for (let i = 0; i < 5; i++) {
      const c = text.charAt(chunk * 5 + i);
      if (bits & (1 << i) && !/[a-zA-Z]/.test(c)) {
        // A suffix marking a digit upper-case was not computed from these characters (hand-made ids such as
        // '00Q000000000000001', '…002' in public test suites): the id is kept as written. Such ids work on real orgs
        // (getSObjectType() is the prefix's object, and ids differing only in the last three characters stay
        // distinct); how the platform treats them otherwise is unverified.
        return text;
      }
      restored += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return restored + suffix;
}

/** The n-th id of an object: prefix + 'Lo0' (a made-up pod) + n in base 62, 18 characters. */
export function makeId(prefix: string, n: number): string {
  let digits = '';
  let rest = n;
  for (let i = 0; i < 9; i++) {
    digits = BASE62.charAt(rest % 62) + digits;
    rest = Math.floor(rest / 62);
  }
  const id15 = `${prefix}Lo0${digits}`;
  return id15 + caseSafeSuffix(id15);
}
