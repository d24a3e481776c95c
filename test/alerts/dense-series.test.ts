import { describe, expect, it } from 'vitest';
import { InvalidSeriesError } from '../../src/alerts/alert-errors.js';
import type { SeriesInput } from '../../src/alerts/alert-types.js';
import { densifySeries, parseBucketTime } from '../../src/alerts/dense-series.js';

const iso = (ms: number) => new Date(ms).toISOString();
const series = (over: Partial<SeriesInput>): SeriesInput => ({ area: 'WK036300', topic: 'nuisance', granularity: 'day', buckets: [], counts: [], ...over });

describe('parseBucketTime', () => {
  it.each([
    ['2026-11-27', '2026-11-27T00:00:00.000Z'],
    ['2026-11-27T13:00:00Z', '2026-11-27T13:00:00.000Z'],
    ['2026-11-27T13:00:00.000Z', '2026-11-27T13:00:00.000Z'],
    ['2026-11-27 13:00:00', '2026-11-27T13:00:00.000Z'], // SQLite datetime(): UTC, never local time
    ['2026-11-27T13:00', '2026-11-27T13:00:00.000Z'],
    ['2026-11-27T00:00:00+01:00', '2026-11-26T23:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(iso(parseBucketTime(input))).toBe(expected);
  });

  it.each(['27-11-2026', 'yesterday', '', 'Fri, 27 Nov 2026 13:00:00 GMT'])('rejects %j', (input) => {
    expect(parseBucketTime(input)).toBeNaN();
  });
});

describe('densifySeries', () => {
  it('sorts and fills missing days with zeros', () => {
    const d = densifySeries(series({ buckets: ['2026-11-05', '2026-11-01', '2026-11-02'], counts: [5, 1, 2] }));
    expect(d.times.map(iso)).toEqual([
      '2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z', '2026-11-03T00:00:00.000Z', '2026-11-04T00:00:00.000Z', '2026-11-05T00:00:00.000Z',
    ]);
    expect(d.counts).toEqual([1, 2, 0, 0, 5]);
  });

  it('extends the range with start and end', () => {
    const d = densifySeries(series({ granularity: 'hour', buckets: ['2026-11-27T10:00:00Z'], counts: [4], start: '2026-11-27T08:00:00Z', end: '2026-11-27T12:00:00Z' }));
    expect(d.counts).toEqual([0, 0, 4, 0, 0]);
    expect(iso(d.times[0]!)).toBe('2026-11-27T08:00:00.000Z');
    expect(iso(d.times[4]!)).toBe('2026-11-27T12:00:00.000Z');
  });

  it('builds a series of zeros from start and end alone', () => {
    expect(densifySeries(series({ start: '2026-11-01', end: '2026-11-03' })).counts).toEqual([0, 0, 0]);
  });

  it('treats local midnights 23 or 25 hours apart (DST) as adjacent days', () => {
    // Amsterdam midnights around the switch to winter time on 25 Oct 2026: 22:00Z, then 23:00Z.
    const d = densifySeries(series({ buckets: ['2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', '2026-10-27T23:00:00Z'], counts: [1, 2, 3] }));
    expect(d.counts).toEqual([1, 2, 0, 3]);
  });

  it.each([
    [{ buckets: ['2026-11-01'], counts: [1, 2] }, /1 buckets but 2 counts/],
    [{ buckets: ['2026-11-01', '2026-11-01T00:00:00Z'], counts: [1, 2] }, /two counts for the bucket/],
    [{ buckets: ['01/11/2026'], counts: [1] }, /not an ISO 8601 time/],
    [{ buckets: ['2026-11-01'], counts: [-1] }, /must be finite and not negative/],
    [{ buckets: ['2026-11-01'], counts: [Number.NaN] }, /must be finite/],
    [{ buckets: ['2026-11-01T00:00:00Z', '2026-11-02T12:00:00Z'], counts: [1, 1] }, /not a whole number of days apart/],
    [{ granularity: 'week' as never, buckets: [], counts: [] }, /use "day" or "hour"/],
  ])('rejects bad input with a sentence that says what to do (%#)', (over, message) => {
    expect(() => densifySeries(series(over))).toThrow(InvalidSeriesError);
    expect(() => densifySeries(series(over))).toThrow(message);
  });
});
