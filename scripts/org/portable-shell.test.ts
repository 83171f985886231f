/**
 * The org scripts run on macOS too: no GNU-only options of find, sed, grep, date or readlink (issue 21: `find
 * -printf` is GNU's; BSD find, the one macOS ships, has no -printf). A list of the options people reach for, not a
 * shell parser: a new GNU-only habit gets a line here.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const GNU_ONLY: [RegExp, string][] = [
  [/\bfind\b[^|\n]*\s-printf\b/, 'find -printf (GNU)'],
  [/\bfind\b[^|\n]*\s-regextype\b/, 'find -regextype (GNU)'],
  [/\bsed\s+-i\s+['"]?s/, 'sed -i without a backup suffix argument (GNU; BSD sed needs -i "")'],
  [/\bgrep\s+[^|\n]*-P\b/, 'grep -P (GNU)'],
  [/\bdate\s+[^|\n]*-d\b/, 'date -d (GNU)'],
  [/\breadlink\s+-f\b/, 'readlink -f (GNU before macOS 12.3)']
];

test('scripts/org/*.sh use no GNU-only options', () => {
  const dir = import.meta.dirname;
  const found: string[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sh'))) {
    readFileSync(join(dir, name), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const [pattern, what] of GNU_ONLY) {
          if (!line.trimStart().startsWith('#') && pattern.test(line)) {
            found.push(`${name}:${i + 1} ${what}`);
          }
        }
      });
  }
  assert.deepEqual(found, []);
});
