import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import { dailySeries } from '../db/analytics.repository.js';
import { ALL_TOPICS, shiftDay } from '../db/rollup-buckets.js';

/** One period of a trend. */
export interface TrendPoint {
  /** YYYY-MM-DD: the day, or the Monday of the ISO week. */
  period: string;
  posts: number;
  sentiment: number | null;
  negative: number;
}

/**
 * Posts, mean sentiment and negative posts per day or week for an area (a buurt, or a wijk/gemeente
 * with its buurten) and optionally one topic; periods without posts are filled with zeros.
 */
export async function trend(
  db: Kysely<Database>,
  options: { area: string; topic?: string; by: 'day' | 'week'; fromDay?: string; toDay?: string },
): Promise<TrendPoint[]> {
  const rows = await dailySeries(db, options.area, options.topic ?? ALL_TOPICS, options);
  if (rows.length === 0) return [];
  const buckets = new Map<string, { posts: number; sum: number; count: number; negative: number }>();
  const first = options.fromDay ?? rows[0]!.day;
  const last = options.toDay ?? rows[rows.length - 1]!.day;
  for (let day = first; day <= last; day = shiftDay(day, 1)) {
    const key = options.by === 'week' ? mondayOf(day) : day;
    if (!buckets.has(key)) buckets.set(key, { posts: 0, sum: 0, count: 0, negative: 0 });
  }
  for (const row of rows) {
    const key = options.by === 'week' ? mondayOf(row.day) : row.day;
    const bucket = buckets.get(key) ?? { posts: 0, sum: 0, count: 0, negative: 0 };
    bucket.posts += Number(row.posts);
    bucket.sum += Number(row.sentiment_sum);
    bucket.count += Number(row.sentiment_count);
    bucket.negative += Number(row.negative_posts);
    buckets.set(key, bucket);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, b]) => ({
      period,
      posts: b.posts,
      sentiment: b.count > 0 ? Math.round((b.sum / b.count) * 1000) / 1000 : null,
      negative: b.negative,
    }));
}

/** The Monday (ISO week start) of a YYYY-MM-DD date. */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday);
  return date.toISOString().slice(0, 10);
}
