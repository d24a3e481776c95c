import { ALL_TOPICS, NEGATIVE_SENTIMENT, localDay, utcHour } from '../db/rollup-buckets.js';
import type { RollupDelta } from '../db/rollup-buckets.js';

/** What a stored, non-duplicate post contributes to the rollups. */
export interface RollupInput {
  publishedAt: string;
  sentiment: number | null;
  topics: Record<string, number>;
  /** Every area the post counts for, ancestors included. */
  areaCodes: string[];
}

/**
 * Sums posts into rollup cells (area × bucket × topic, plus '*' for all posts), daily and hourly.
 * Pure: the caller writes the deltas in the same transaction as the posts.
 */
export function rollupDeltas(posts: RollupInput[]): { daily: RollupDelta[]; hourly: RollupDelta[] } {
  const daily = new Map<string, RollupDelta>();
  const hourly = new Map<string, RollupDelta>();
  for (const post of posts) {
    const day = localDay(post.publishedAt);
    const hour = utcHour(post.publishedAt);
    const topics = [ALL_TOPICS, ...Object.keys(post.topics).filter((slug) => post.topics[slug]! > 0)];
    for (const area of post.areaCodes) {
      for (const topic of topics) {
        add(daily, area, day, topic, post.sentiment);
        add(hourly, area, hour, topic, post.sentiment);
      }
    }
  }
  return { daily: [...daily.values()], hourly: [...hourly.values()] };
}

function add(cells: Map<string, RollupDelta>, area: string, bucket: string, topic: string, sentiment: number | null): void {
  const key = `${area}\u0000${bucket}\u0000${topic}`;
  let cell = cells.get(key);
  if (!cell) {
    cell = { area_code: area, bucket, topic, posts: 0, sentiment_sum: 0, sentiment_count: 0, negative_posts: 0 };
    cells.set(key, cell);
  }
  cell.posts += 1;
  if (sentiment !== null) {
    cell.sentiment_sum += sentiment;
    cell.sentiment_count += 1;
    if (sentiment < NEGATIVE_SENTIMENT) cell.negative_posts += 1;
  }
}
