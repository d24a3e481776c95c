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
 * `topic` is 'negative'; with the matched terms that explain them. Newest first.
 *
 * Two plans, chosen by which reads fewer posts: through the area's posts (all time) when the area is
 * small, or through the time range (all areas) when the area has more posts than the range: a
 * municipality's history grows without bound, a day's posts do not.
 */
export async function postsForAlert(db: Db, areaCode: string, topic: string, fromIso: string, toIso: string, limit: number) {
  const areaPosts = await db
    .selectFrom('rollup_daily')
    .select((eb) => eb.fn.sum<number | null>('posts').as('n'))
    .where('area_code', '=', areaCode)
    .where('topic', '=', ALL_TOPICS)
    .executeTakeFirst();
  const rangePosts = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('published_at', '>=', fromIso)
    .where('published_at', '<', toIso)
    .executeTakeFirst();
  const plan = Number(areaPosts?.n ?? 0) > Number(rangePosts?.n ?? 0) ? 'by-time' : 'by-area';
  return alertPostsQuery(db, plan, areaCode, topic, fromIso, toIso, limit).execute();
}

/** The query of {@link postsForAlert} with its plan fixed (both give the same rows). */
export function alertPostsQuery(db: Db, plan: 'by-area' | 'by-time', areaCode: string, topic: string, fromIso: string, toIso: string, limit: number) {
  let query = db
    .selectFrom('posts')
    .select(['posts.id', 'posts.title', 'posts.text', 'posts.url', 'posts.published_at', 'posts.matches'])
    .where('posts.published_at', '>=', fromIso)
    .where('posts.published_at', '<', toIso)
    .where('posts.duplicate_of', 'is', null)
    // Newest first, ties by id: the order of the posts_published index, so the by-time plan stops at `limit`.
    .orderBy('posts.published_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(limit);
  // A join makes SQLite start from the area's posts (post_areas_area); EXISTS makes it walk the time range.
  query =
    plan === 'by-area'
      ? query.innerJoin('post_areas', 'post_areas.post_id', 'posts.id').where('post_areas.area_code', '=', areaCode)
      : query.where((eb) =>
          eb.exists(eb.selectFrom('post_areas').select('post_areas.post_id').whereRef('post_areas.post_id', '=', 'posts.id').where('post_areas.area_code', '=', areaCode)),
        );
  if (topic === 'negative') {
    query = query.where('posts.sentiment', '<', NEGATIVE_SENTIMENT);
  } else if (topic !== ALL_TOPICS) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('post_topics').select('post_id').whereRef('post_topics.post_id', '=', 'posts.id').where('post_topics.topic', '=', topic)),
    );
  }
  return query;
}
