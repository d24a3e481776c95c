import { describe, expect, it } from 'vitest';
import { isDue, nextPollInterval } from '../../src/pipeline/adaptive-polling.js';

describe('nextPollInterval', () => {
  it.each([
    ['nothing new: wait longer', 1800, { items: 50, newItems: 0 }, 2700],
    ['not modified: wait longer', 1800, { items: 0, newItems: 0, notModified: true }, 2700],
    ['mostly new: come back sooner', 7200, { items: 50, newItems: 40 }, 3600],
    ['some new: keep', 3600, { items: 50, newItems: 10 }, 3600],
    ['never below the schedule', 1800, { items: 10, newItems: 10 }, 1800],
    ['never above the maximum', 20000, { items: 10, newItems: 0 }, 21600],
    ['first time starts from the minimum', null, { items: 10, newItems: 0 }, 2700],
  ] as const)('%s', (_label, current, outcome, expected) => {
    expect(nextPollInterval(current, outcome, 1800, 21600)).toBe(expected);
  });
});

describe('isDue', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it.each([
    [null, 3600, true],
    ['2026-11-27T11:00:00Z', null, true],
    ['2026-11-27T11:00:00Z', 3600, true],
    ['2026-11-27T11:30:00Z', 3600, false],
    ['2026-11-27T11:03:00Z', 3600, true],
  ])('last %s, interval %s → %s', (last, interval, expected) => {
    expect(isDue(last, interval, now)).toBe(expected);
  });
});
