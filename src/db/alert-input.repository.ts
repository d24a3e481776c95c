import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database-schema.js';
import { ALL_TOPICS, NEGATIVE_SENTIMENT } from './rollup-buckets.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Daily rollup cells in a day range (inclusive), the input of alert detection. */
export async function dailyRollupCells(db: Db, fromDay: string, toDay: string) {
  return db
    .selectFrom('rollup_daily')
    .select(['area_code', 'day', 'topic', 'posts', 'negative_posts'])
    .where('day', '>=', fromDay)
    .where('day', '<=', toDay)
    .execute();
}

/** Hourly rollup cells in an hour range (inclusive, YYYY-MM-DDTHH). */
export async function hourlyRollupCells(db: Db, fromHour: string, toHour: string) {
  return db
    .selectFrom('rollup_hourly')
    .select(['area_code', 'hour', 'topic', 'posts', 'negative_posts'])
    .where('hour', '>=', fromHour)
    .where('hour', '<=', toHour)
    .execute();
}

/**
 * Counted (non-duplicate) posts of an area in a time range about a topic, or negative posts when
 * `topic` is 'negative'; with the matched terms that explain them.
 */
export async function postsForAlert(db: Db, areaCode: string, topic: string, fromIso: string, toIso: string, limit: number) {
  let query = db
    .selectFrom('posts')
    .innerJoin('post_areas', 'post_areas.post_id', 'posts.id')
    .select(['posts.id', 'posts.title', 'posts.text', 'posts.url', 'posts.published_at', 'posts.matches'])
    .where('post_areas.area_code', '=', areaCode)
    .where('posts.published_at', '>=', fromIso)
    .where('posts.published_at', '<', toIso)
    .where('posts.duplicate_of', 'is', null)
    .orderBy('posts.published_at', 'desc')
    .limit(limit);
  if (topic === 'negative') {
    query = query.where('posts.sentiment', '<', NEGATIVE_SENTIMENT);
  } else if (topic !== ALL_TOPICS) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('post_topics').select('post_id').whereRef('post_topics.post_id', '=', 'posts.id').where('post_topics.topic', '=', topic)),
    );
  }
  return query.execute();
}
