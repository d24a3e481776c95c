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
  const plan = await alertPostsPlan(db, areaCode, fromIso, toIso);
  return alertPostsQuery(db, plan, areaCode, topic, fromIso, toIso, limit).execute();
}

/** The plan of {@link postsForAlert}: 'by-time' when the area has more posts (all time) than the range. */
export async function alertPostsPlan(db: Db, areaCode: string, fromIso: string, toIso: string): Promise<'by-area' | 'by-time'> {
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
  return Number(areaPosts?.n ?? 0) > Number(rangePosts?.n ?? 0) ? 'by-time' : 'by-area';
}

/** The query of {@link postsForAlert} with its plan fixed (both give the same rows). */
export function alertPostsQuery(db: Db, plan: 'by-area' | 'by-time', areaCode: string, topic: string, fromIso: string, toIso: string, limit: number) {
  // The plans are fixed by the SQL, not left to SQLite's guesses (which change once statistics exist):
  // by area, post_areas CROSS JOIN posts (SQLite keeps a cross join's order); by time, EXISTS for the
  // area while the posts_published index walks the range.
  const base =
    plan === 'by-area'
      ? db.selectFrom('post_areas').crossJoin('posts').whereRef('posts.id', '=', 'post_areas.post_id').where('post_areas.area_code', '=', areaCode)
      : db
          .selectFrom('posts')
          .where((eb) =>
            eb.exists(eb.selectFrom('post_areas').select('post_areas.post_id').whereRef('post_areas.post_id', '=', 'posts.id').where('post_areas.area_code', '=', areaCode)),
          );
  return base
    .select(['posts.id', 'posts.title', 'posts.text', 'posts.url', 'posts.published_at', 'posts.matches'])
    .where('posts.published_at', '>=', fromIso)
    .where('posts.published_at', '<', toIso)
    .where('posts.duplicate_of', 'is', null)
    .$if(topic === 'negative', (q) => q.where('posts.sentiment', '<', NEGATIVE_SENTIMENT))
    .$if(topic !== 'negative' && topic !== ALL_TOPICS, (q) =>
      q.where((eb) =>
        eb.exists(eb.selectFrom('post_topics').select('post_topics.post_id').whereRef('post_topics.post_id', '=', 'posts.id').where('post_topics.topic', '=', topic)),
      ),
    )
    // Newest first, ties by id: the order of the posts_published index, so the by-time plan stops at `limit`.
    .orderBy('posts.published_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(limit);
}
