import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import { listAreas } from '../db/area.repository.js';
import type { AreaRow } from '../db/area.repository.js';
import { latestRollupDay, rollupTotals } from '../db/analytics.repository.js';
import { ALL_TOPICS, localDay, shiftDay } from '../db/rollup-buckets.js';

/** One area's figures, as `wijkradar query areas` and `GET /api/areas` return them. */
export interface AreaSummary {
  code: string;
  name: string;
  level: AreaRow['level'];
  parent: string | null;
  posts: number;
  posts_7d: number;
  posts_30d: number;
  /** Mean sentiment of all posts with sentiment evidence, or null. */
  sentiment: number | null;
  sentiment_30d: number | null;
  negative_share: number | null;
  /** Posts per topic (all time), most first. */
  topics: Record<string, number>;
  topics_30d: Record<string, number>;
}

/**
 * Figures per area, all time and for the 7 and 30 days up to `untilDay` (default: today in
 * Europe/Amsterdam). A wijk or gemeente counts the posts of its buurten (rollups include ancestors).
 */
export async function areaSummaries(
  db: Kysely<Database>,
  options: { untilDay?: string; areaCodes?: string[]; level?: AreaRow['level'] } = {},
): Promise<AreaSummary[]> {
  const untilDay = options.untilDay ?? localDay(new Date().toISOString());
  const areas = (await listAreas(db)).filter(
    (area) => (!options.areaCodes || options.areaCodes.includes(area.code)) && (!options.level || area.level === options.level),
  );
  const codes = areas.map((area) => area.code);
  const [all, last7, last30] = await Promise.all([
    rollupTotals(db, { toDay: untilDay, areaCodes: codes }),
    rollupTotals(db, { fromDay: shiftDay(untilDay, -6), toDay: untilDay, areaCodes: codes }),
    rollupTotals(db, { fromDay: shiftDay(untilDay, -29), toDay: untilDay, areaCodes: codes }),
  ]);
  const index = (rows: typeof all) => {
    const byArea = new Map<string, typeof all>();
    for (const row of rows) {
      const list = byArea.get(row.area_code) ?? [];
      list.push(row);
      byArea.set(row.area_code, list);
    }
    return byArea;
  };
  const [allBy, by7, by30] = [index(all), index(last7), index(last30)];
  return areas.map((area) => {
    const rows = allBy.get(area.code) ?? [];
    const rows30 = by30.get(area.code) ?? [];
    const total = rows.find((row) => row.topic === ALL_TOPICS);
    const total30 = rows30.find((row) => row.topic === ALL_TOPICS);
    const total7 = (by7.get(area.code) ?? []).find((row) => row.topic === ALL_TOPICS);
    return {
      code: area.code,
      name: area.name,
      level: area.level,
      parent: area.parentCode,
      posts: Number(total?.posts ?? 0),
      posts_7d: Number(total7?.posts ?? 0),
      posts_30d: Number(total30?.posts ?? 0),
      sentiment: mean(total),
      sentiment_30d: mean(total30),
      negative_share: total && Number(total.sentiment_count) > 0 ? round(Number(total.negative_posts) / Number(total.sentiment_count)) : null,
      topics: topicCounts(rows),
      topics_30d: topicCounts(rows30),
    };
  });
}

/** The newest day with data, for summaries of data sets that end in the past (such as the demo). */
export async function newestDataDay(db: Kysely<Database>): Promise<string | null> {
  return latestRollupDay(db);
}

function topicCounts(rows: { topic: string; posts: number }[]): Record<string, number> {
  return Object.fromEntries(
    rows
      .filter((row) => row.topic !== ALL_TOPICS)
      .map((row) => [row.topic, Number(row.posts)] as const)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  );
}

function mean(row: { sentiment_sum: number; sentiment_count: number } | undefined): number | null {
  if (!row || Number(row.sentiment_count) === 0) return null;
  return round(Number(row.sentiment_sum) / Number(row.sentiment_count));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
