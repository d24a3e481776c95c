import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import { findArea, listAreaGeometries } from '../db/area.repository.js';
import { areaLevelCounts, changeMarker, topLevelAreaCodes, topicTotals } from '../db/dashboard.repository.js';
import { ALL_TOPICS, shiftDay } from '../db/rollup-buckets.js';
import { mondayOf, trend } from './trend.js';
import type { TrendPoint } from './trend.js';

/** Posts about one topic in a period, compared with the period of equal length just before it. */
export interface TopicCount {
  topic: string;
  posts: number;
  previous_posts: number;
  /** Mean sentiment of the topic's posts with sentiment evidence, or null. */
  sentiment: number | null;
  /** Share of the topic's posts with sentiment evidence that are negative, or null. */
  negative_share: number | null;
}

/**
 * Posts per topic from `fromDay` to `toDay` (inclusive, local days) and in the equally long period before,
 * across all areas (each post once per top-level area) or within one area (its buurten included).
 * The first row is '*' (all posts); topics follow, most posts first.
 */
export async function topicOverview(
  db: Kysely<Database>,
  options: { fromDay: string; toDay: string; area?: string },
): Promise<TopicCount[]> {
  const areaCodes = options.area ? [options.area] : await topLevelAreaCodes(db);
  const days = Math.round((Date.parse(`${options.toDay}T12:00:00Z`) - Date.parse(`${options.fromDay}T12:00:00Z`)) / 86_400_000) + 1;
  const [current, previous] = await Promise.all([
    topicTotals(db, { fromDay: options.fromDay, toDay: options.toDay, areaCodes }),
    topicTotals(db, { fromDay: shiftDay(options.fromDay, -days), toDay: shiftDay(options.fromDay, -1), areaCodes }),
  ]);
  const before = new Map(previous.map((row) => [row.topic, Number(row.posts)]));
  const topics = new Set([...current.map((row) => row.topic), ...previous.map((row) => row.topic)]);
  const byTopic = new Map(current.map((row) => [row.topic, row]));
  const out = [...topics].map((topic): TopicCount => {
    const row = byTopic.get(topic);
    const count = Number(row?.sentiment_count ?? 0);
    return {
      topic,
      posts: Number(row?.posts ?? 0),
      previous_posts: before.get(topic) ?? 0,
      sentiment: row && count > 0 ? round(Number(row.sentiment_sum) / count) : null,
      negative_share: row && count > 0 ? round(Number(row.negative_posts) / count) : null,
    };
  });
  return out.sort(
    (a, b) => Number(b.topic === ALL_TOPICS) - Number(a.topic === ALL_TOPICS) || b.posts - a.posts || a.topic.localeCompare(b.topic),
  );
}

/**
 * Like {@link trend}, but a range without any posts still yields its periods (with zeros), so a chart of a
 * quiet area shows an empty axis instead of nothing.
 */
export async function filledTrend(
  db: Kysely<Database>,
  options: { area: string; topic?: string; by: 'day' | 'week'; fromDay?: string; toDay?: string },
): Promise<TrendPoint[]> {
  const points = await trend(db, options);
  if (points.length > 0 || !options.fromDay || !options.toDay) return points;
  const periods = new Set<string>();
  for (let day = options.fromDay; day <= options.toDay; day = shiftDay(day, 1)) {
    periods.add(options.by === 'week' ? mondayOf(day) : day);
  }
  return [...periods].map((period) => ({ period, posts: 0, sentiment: null, negative: 0 }));
}

/** Areas per level, with how many can be drawn on a map. */
export function areaLevels(db: Kysely<Database>) {
  return areaLevelCounts(db);
}

/** An opaque string that changes whenever posts, alerts or areas may have changed; for caching aggregates. */
export function dataVersion(db: Kysely<Database>): Promise<string> {
  return changeMarker(db);
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** One area by code, or undefined. */
export function areaByCode(db: Kysely<Database>, code: string) {
  return findArea(db, code);
}

/** Areas with their GeoJSON geometry text, optionally of one level. */
export function areaGeometries(db: Kysely<Database>, level?: 'gemeente' | 'wijk' | 'buurt') {
  return listAreaGeometries(db, level);
}
