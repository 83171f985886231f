/**
 * The regex input-access limit (platform-limits.ts row regex-input-access; Apex Developer Guide, "Using Patterns and
 * Matchers"): past 1,000,000 accesses to a Matcher's input, the uncatchable LimitException "Regex too complicated".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLATFORM_LIMITS } from '../../checks/platform-limits.ts';
import { apexError, evalApex } from '../test-helpers.ts';
import { REGEX_INPUT_ACCESS_LIMIT } from './pattern.ts';

const bigInput = (length: number): string => `String input = 'a'.repeat(${length});`;

describe('regex input-access limit', () => {
  it('is the value of the limits table', () => {
    assert.equal(REGEX_INPUT_ACCESS_LIMIT, PLATFORM_LIMITS.find((r) => r.id === 'regex-input-access')?.value);
  });

  it('a full match over more than 1,000,000 characters is a LimitException, even inside try/catch', () => {
    const error = apexError(
      `${bigInput(REGEX_INPUT_ACCESS_LIMIT + 1)} try { Pattern.compile('a*').matcher(input).matches(); } catch (Exception e) {}`
    );
    assert.equal(error.text, 'System.LimitException: Regex too complicated');
  });

  it('find() counts what it scans, across calls on one Matcher', () => {
    const error = apexError(
      `${bigInput(600_000)} Matcher m = Pattern.compile('b').matcher(input); m.find(); m.reset(); m.find();`
    );
    assert.equal(error.text, 'System.LimitException: Regex too complicated');
  });

  it('up to the limit, matching works', () => {
    assert.equal(
      evalApex(`Pattern.compile('a*').matcher(input).matches()`, bigInput(REGEX_INPUT_ACCESS_LIMIT)),
      'true'
    );
  });
});
