/**
 * `String.splitByCharacterType()` / `splitByCharacterTypeCamelCase()` (Apex Reference Guide, "String Class": "For
 * more information about the character types used, see java.lang.Character.getType(char)"), as Apache Commons
 * StringUtils.splitByCharacterType(str, camelCase) does it: contiguous runs of one Unicode general category; in camel
 * case an upper-case letter followed by lower-case letters starts a new token.
 */

/** Unicode general categories in java.lang.Character.getType order (the order only has to be stable). */
const CATEGORIES = 'Lu Ll Lt Lm Lo Mn Me Mc Nd Nl No Zs Zl Zp Cc Cf Co Cs Pd Ps Pe Pc Po Sm Sc Sk So Pi Pf'.split(' ');
const PATTERNS = CATEGORIES.map((c) => new RegExp(`^\\p{${c}}$`, 'u'));
const UPPER = 0;
const LOWER = 1;

/** java.lang.Character.getType of one UTF-16 code unit (unassigned and unmatched units share one type). */
function charType(unit: string): number {
  const i = PATTERNS.findIndex((p) => p.test(unit));
  return i < 0 ? -1 : i;
}

export function splitByCharacterType(s: string, camelCase: boolean): string[] {
  if (s === '') {
    return [];
  }
  const tokens: string[] = [];
  let tokenStart = 0;
  let currentType = charType(s.charAt(0));
  for (let pos = 1; pos < s.length; pos++) {
    const type = charType(s.charAt(pos));
    if (type === currentType) {
      continue;
    }
    if (camelCase && type === LOWER && currentType === UPPER) {
      const newTokenStart = pos - 1;
      if (newTokenStart !== tokenStart) {
        tokens.push(s.slice(tokenStart, newTokenStart));
        tokenStart = newTokenStart;
      }
    } else {
      tokens.push(s.slice(tokenStart, pos));
      tokenStart = pos;
    }
    currentType = type;
  }
  tokens.push(s.slice(tokenStart));
  return tokens;
}
