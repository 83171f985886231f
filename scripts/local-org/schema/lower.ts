/**
 * Lower-cased names, memoized. Apex names are case-insensitive, so the runtime lower-cases a name on nearly every
 * lookup (variables, methods, fields); the same few hundred names come back all the time, and a memoized string also
 * keeps its hash, which makes the Map and table lookups that follow cheaper than with a fresh string each time.
 */
const memo = new Map<string, string>();
/** Names are mostly from source; dynamic ones (JSON keys, describe calls) are bounded by starting over. */
const MAX_ENTRIES = 50_000;

export function lowerName(name: string): string {
  let lower = memo.get(name);
  if (lower === undefined) {
    if (memo.size >= MAX_ENTRIES) {
      memo.clear();
    }
    lower = name.toLowerCase();
    memo.set(name, lower);
  }
  return lower;
}
