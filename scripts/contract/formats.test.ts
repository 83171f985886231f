import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  BLANK_PATTERN,
  EMAIL_PATTERN,
  HTTPS_URL_PATTERN,
  SALESFORCE_ID_PATTERN,
  TIMESTAMP_PATTERN,
  idChecksum,
  parseTimestamp,
  toId18,
  toUtcIso
} from './formats.ts';

const utc = (text: string): string | undefined => {
  const millis = parseTimestamp(text);
  return millis === undefined ? undefined : toUtcIso(millis);
};

describe('parseTimestamp', () => {
  it('reads offsets, Z and fractions into UTC instants', () => {
    assert.equal(utc('2026-11-23T10:15:30+09:00'), '2026-11-23T01:15:30.000Z');
    assert.equal(utc('2026-11-23T01:15:30Z'), '2026-11-23T01:15:30.000Z');
    assert.equal(utc('2026-11-22T20:45:30-05:30'), '2026-11-23T02:15:30.000Z');
    assert.equal(utc('2026-11-23T10:15:30.9999+09:00'), '2026-11-23T01:15:30.999Z', 'fractions are truncated');
    assert.equal(utc('2026-11-23T10:15:30.1+09:00'), '2026-11-23T01:15:30.100Z');
    assert.equal(utc('4000-12-31T23:59:59-14:00'), '4001-01-01T13:59:59.000Z');
  });

  it('refuses text without an offset and dates that do not exist', () => {
    for (const text of [
      '2026-11-23T10:15:30',
      '2026-11-23',
      '2026-02-29T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-00-10T00:00:00Z',
      '2026-11-00T00:00:00Z',
      '2026-11-23T23:60:00Z',
      '2026-11-23T10:15:30+09:60',
      '2026-11-23T10:15:30+15:00',
      '1699-12-31T23:59:59Z',
      '4001-01-01T00:00:00Z',
      ' 2026-11-23T10:15:30Z',
      '2026-11-23T10:15:30Z ',
      '２０２６-11-23T10:15:30Z'
    ]) {
      assert.equal(parseTimestamp(text), undefined, text);
    }
    assert.notEqual(parseTimestamp('2024-02-29T00:00:00Z'), undefined, 'leap day of a leap year');
    assert.notEqual(parseTimestamp('2000-02-29T00:00:00Z'), undefined, '2000 is a leap year');
    assert.equal(parseTimestamp('1900-02-29T00:00:00Z'), undefined, '1900 is not');
  });
});

describe('Salesforce ids', () => {
  it('computes the case-safe checksum of 15-character ids', () => {
    assert.equal(idChecksum('001000000000000'), 'AAA', 'no capitals → AAA');
    assert.equal(idChecksum('003J000001bXgqT'), 'IAS');
    assert.equal(idChecksum('ABCDEABCDEABCDE'), '555', 'all capitals → 31 → 5');
    assert.equal(toId18('001J000001AbCdE'), '001J000001AbCdEIAV');
    assert.equal(toId18('001J000001AbCdEIAV'), '001J000001AbCdEIAV');
  });
});

/** Each pattern with texts to try; the expectation comes from JavaScript, Java must agree. */
const PATTERN_CASES: Record<string, [string, string[]]> = {
  blank: [BLANK_PATTERN, ['', ' ', '\t\r\n', '\u3000 ', ' a ', '\u00a0', '\u2003', 'x']],
  timestamp: [
    TIMESTAMP_PATTERN,
    [
      '2026-11-23T10:15:30+09:00',
      '2026-11-23T10:15:30.123456789Z',
      '2026-11-23T10:15:30.1234567890Z',
      '2026-11-23T10:15:30',
      '2026-11-23t10:15:30z',
      '2026-11-23T10:15:30+0900',
      '٢٠٢٦-11-23T10:15:30Z'
    ]
  ],
  id: [
    SALESFORCE_ID_PATTERN,
    ['001J000001AbCdE', '001J000001AbCdEIAV', '001J000001AbCd', '001J000001AbCdEI', '001J000001AbCdé']
  ],
  url: [
    HTTPS_URL_PATTERN,
    [
      'https://example.miitel.jp/app/calls/c-1?tab=memo#top',
      'https://example.miitel.jp:8443',
      'https://localhost',
      'https://-bad.example.jp/',
      'https://',
      'http://example.miitel.jp/',
      'HTTPS://example.miitel.jp/',
      'https://example.miitel.jp/a b',
      'https://例え.jp/',
      'https://example.miitel.jp/\u3000'
    ]
  ],
  email: [
    EMAIL_PATTERN,
    [
      'sato@example.co.jp',
      "o'brien+miitel@sales.example.co.jp",
      'sato@localhost',
      'sato@',
      '@example.jp',
      'sa to@example.jp',
      'さとう@example.jp',
      'sato@example..jp'
    ]
  ]
};

const JAVA_SOURCE = `import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Scanner;
import java.util.regex.Pattern;

public class PatternParity {
  public static void main(String[] args) {
    Scanner in = new Scanner(System.in, StandardCharsets.UTF_8);
    while (in.hasNextLine()) {
      String[] parts = in.nextLine().split("\\t", -1);
      String pattern = new String(HexFormat.of().parseHex(parts[0]), StandardCharsets.UTF_8);
      String text = new String(HexFormat.of().parseHex(parts[1]), StandardCharsets.UTF_8);
      System.out.println(Pattern.compile(pattern).matcher(text).matches() ? "1" : "0");
    }
  }
}
`;

const hex = (text: string): string => Buffer.from(text, 'utf8').toString('hex');

describe('patterns mean the same in Java (System.Pattern) as in JavaScript', () => {
  it('gives the same answer for every sample', () => {
    const cases = Object.entries(PATTERN_CASES).flatMap(([name, [pattern, texts]]) =>
      texts.map((text) => ({ name, pattern, text, js: new RegExp(`^(?:${pattern})$`).test(text) }))
    );
    const dir = mkdtempSync(join(tmpdir(), 'miitel-patterns-'));
    try {
      const source = join(dir, 'PatternParity.java');
      writeFileSync(source, JAVA_SOURCE);
      const input = cases.map((c) => `${hex(c.pattern)}\t${hex(c.text)}`).join('\n');
      const run = spawnSync('java', [source], { input, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const java = run.stdout.trim().split('\n');
      const disagreements = cases
        .filter((c, index) => (java[index] === '1') !== c.js)
        .map((c) => `${c.name}: ${JSON.stringify(c.text)} js=${c.js}`);
      assert.deepEqual(disagreements, []);
      assert.ok(cases.some((c) => c.js) && cases.some((c) => !c.js), 'the samples include matches and non-matches');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
