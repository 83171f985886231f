import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wallClock } from './time.ts';

/** The wall clock as Intl gives it, field by field (what wallClock computed for every instant before its shortcut). */
const formatters = new Map<string, Intl.DateTimeFormat>();

function intlClock(ms: number, tz: string): Record<string, number> {
  const parts: Record<string, number> = {};
  const f =
    formatters.get(tz) ??
    new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric'
    });
  formatters.set(tz, f);
  for (const p of f.formatToParts(new Date(ms))) {
    if (p.type !== 'literal') {
      parts[p.type] = parseInt(p.value, 10);
    }
  }
  return parts;
}

describe('wallClock', () => {
  it('gives the zone clock Intl gives, across daylight saving changes (whole, half and quarter-hour zones)', () => {
    let checked = 0;
    for (const tz of ['America/Los_Angeles', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Asia/Tokyo']) {
      // Every 7 min 13 s through March–April and October–November 2026: each change of offset falls inside.
      for (const [from, to] of [
        [Date.UTC(2026, 2, 1), Date.UTC(2026, 3, 10)],
        [Date.UTC(2026, 9, 1), Date.UTC(2026, 10, 10)]
      ] as const) {
        for (let ms = from; ms < to; ms += 433_000) {
          const w = wallClock(ms, tz);
          const expected = intlClock(ms, tz);
          const actual = { year: w.year, month: w.month, day: w.day, hour: w.hour, minute: w.minute, second: w.second };
          assert.deepEqual(actual, expected, `${tz} at ${new Date(ms).toISOString()}`);
          assert.equal(w.ms, ms % 1000);
          assert.equal(w.dayOfWeek, new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay());
          checked++;
        }
      }
    }
    assert.ok(checked > 30_000, `checked ${checked} instants`);
  });

  it('falls back to Intl outside the shortcut range (before 1971)', () => {
    const ms = Date.UTC(1960, 5, 15, 12, 34, 56, 789);
    const w = wallClock(ms, 'Asia/Tokyo');
    assert.deepEqual([w.year, w.month, w.day, w.hour, w.minute, w.second], [1960, 6, 15, 21, 34, 56]);
  });
});
