import { InvalidSeriesError } from './alert-errors.js';
import type { Granularity, SeriesInput } from './alert-types.js';

/** Length of one bucket in milliseconds. */
export const BUCKET_MS: Readonly<Record<Granularity, number>> = { day: 86_400_000, hour: 3_600_000 };

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Parses a bucket start as a UTC instant (ms since the epoch), or NaN when it is not an ISO 8601 date.
 * Date-only strings and strings without a zone are read as UTC (never as the machine's local time).
 */
export function parseBucketTime(value: string): number {
  const s = value.trim();
  if (DATE_ONLY.test(s)) return Date.parse(`${s}T00:00:00Z`);
  if (NO_ZONE.test(s)) return Date.parse(`${s.replace(' ', 'T')}Z`);
  // Only full ISO 8601 with a zone beyond this point; Date.parse would accept many other shapes.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(s)) return Number.NaN;
  return Date.parse(s);
}

/** A series with every bucket present, oldest first. */
export interface DenseSeries {
  area: string;
  topic: string;
  granularity: Granularity;
  /** Bucket starts, ms since the epoch. */
  times: number[];
  counts: number[];
}

function describe(series: SeriesInput): string {
  return `series ${JSON.stringify(series.area)} × ${JSON.stringify(series.topic)} (${series.granularity})`;
}

function requireTime(series: SeriesInput, value: string, what: string, cache?: Map<string, number>): number {
  let ms = cache?.get(value);
  if (ms === undefined) {
    ms = parseBucketTime(value);
    cache?.set(value, ms);
  }
  if (Number.isNaN(ms)) {
    throw new InvalidSeriesError(
      `The ${describe(series)} has ${what} ${JSON.stringify(value)}, which is not an ISO 8601 time; write bucket starts like 2026-11-27T00:00:00Z.`,
    );
  }
  return ms;
}

/**
 * Sorts a series by time and fills missing buckets (and the optional start/end range) with zeros.
 *
 * Gaps are counted in whole buckets: two bucket starts 23 or 25 hours apart (local days across a DST change) are
 * adjacent days. A filled bucket's start is the previous start plus whole buckets of 24 h or 1 h.
 * `timeCache` lets many series that share bucket strings parse each string once.
 */
export function densifySeries(series: SeriesInput, timeCache?: Map<string, number>): DenseSeries {
  const { granularity } = series;
  if (granularity !== 'day' && granularity !== 'hour') {
    throw new InvalidSeriesError(`The ${describe(series)} has granularity ${JSON.stringify(granularity)}; use "day" or "hour".`);
  }
  if (series.buckets.length !== series.counts.length) {
    throw new InvalidSeriesError(
      `The ${describe(series)} has ${series.buckets.length} buckets but ${series.counts.length} counts; give one count per bucket.`,
    );
  }
  const points: Array<[number, number]> = series.buckets.map((bucket, i) => {
    const count = series.counts[i]!;
    if (!Number.isFinite(count) || count < 0) {
      throw new InvalidSeriesError(`The ${describe(series)} has count ${count} at ${bucket}; counts must be finite and not negative.`);
    }
    return [requireTime(series, bucket, 'bucket', timeCache), count];
  });
  points.sort((a, b) => a[0] - b[0]);
  const step = BUCKET_MS[granularity];
  if (series.start !== undefined) {
    const start = requireTime(series, series.start, 'start');
    if (points.length === 0 || start < points[0]![0] - step / 2) points.unshift([start, 0]);
  }
  if (series.end !== undefined) {
    const end = requireTime(series, series.end, 'end');
    if (points.length === 0 || end > points[points.length - 1]![0] + step / 2) points.push([end, 0]);
  }
  const times: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const [time, count] = points[i]!;
    if (i > 0) {
      const previous = times[times.length - 1]!;
      const gap = (time - previous) / step;
      const whole = Math.round(gap);
      if (whole === 0) {
        throw new InvalidSeriesError(
          `The ${describe(series)} has two counts for the bucket starting ${new Date(time).toISOString()}; sum them into one bucket.`,
        );
      }
      if (Math.abs(gap - whole) > 0.1) {
        throw new InvalidSeriesError(
          `The ${describe(series)} has buckets ${new Date(previous).toISOString()} and ${new Date(time).toISOString()}, which are not a whole number of ${granularity}s apart; pass bucket starts aligned to the ${granularity}.`,
        );
      }
      for (let k = 1; k < whole; k++) {
        times.push(previous + k * step);
        counts.push(0);
      }
    }
    times.push(time);
    counts.push(count);
  }
  return { area: series.area, topic: series.topic, granularity, times, counts };
}
