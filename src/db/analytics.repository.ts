import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database-schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Rollup totals per area and topic over a day range (inclusive; local YYYY-MM-DD). */
export async function rollupTotals(db: Db, range: { fromDay?: string; toDay?: string; areaCodes?: string[] }) {
  let query = db
    .selectFrom('rollup_daily')
    .select((eb) => [
      'area_code',
      'topic',
      eb.fn.sum<number>('posts').as('posts'),
      eb.fn.sum<number>('sentiment_sum').as('sentiment_sum'),
      eb.fn.sum<number>('sentiment_count').as('sentiment_count'),
      eb.fn.sum<number>('negative_posts').as('negative_posts'),
    ])
    .groupBy(['area_code', 'topic']);
  if (range.fromDay) query = query.where('day', '>=', range.fromDay);
  if (range.toDay) query = query.where('day', '<=', range.toDay);
  if (range.areaCodes) query = query.where('area_code', 'in', range.areaCodes.length ? range.areaCodes : ['']);
  return query.execute();
}

/** Daily rollup rows of one area and topic ('*' = all posts), oldest first. */
export async function dailySeries(db: Db, areaCode: string, topic: string, range: { fromDay?: string; toDay?: string }) {
  let query = db
    .selectFrom('rollup_daily')
    .select(['day', 'posts', 'sentiment_sum', 'sentiment_count', 'negative_posts'])
    .where('area_code', '=', areaCode)
    .where('topic', '=', topic)
    .orderBy('day');
  if (range.fromDay) query = query.where('day', '>=', range.fromDay);
  if (range.toDay) query = query.where('day', '<=', range.toDay);
  return query.execute();
}

/** The newest day that has any rollup, or null for an empty database. */
export async function latestRollupDay(db: Db): Promise<string | null> {
  const row = await db.selectFrom('rollup_daily').select((eb) => eb.fn.max('day').as('day')).executeTakeFirst();
  return (row?.day as string | null) ?? null;
}

/** Filters for reading posts; never by author (wijkradar analyses areas, not persons). */
export interface PostFilter {
  areaCode?: string;
  topic?: string;
  sinceIso?: string;
  untilIso?: string;
  /** FTS5 query words, matched against title and text. */
  search?: string;
  includeDuplicates?: boolean;
  limit: number;
  offset: number;
}

/** Posts matching the filter, newest first, with their topic scores and areas as JSON text. */
export async function findPosts(db: Db, filter: PostFilter) {
  let query = db
    .selectFrom('posts')
    .select([
      'posts.id',
      'posts.source_id',
      'posts.title',
      'posts.text',
      'posts.url',
      'posts.published_at',
      'posts.lang',
      'posts.sentiment',
      'posts.matches',
      'posts.lexicon_version',
      'posts.duplicate_of',
      (eb) =>
        eb
          .selectFrom('post_topics')
          .select(sql<string>`json_group_object(topic, score)`.as('t'))
          .whereRef('post_topics.post_id', '=', 'posts.id')
          .as('topics'),
      (eb) =>
        eb
          .selectFrom('post_areas')
          .select(sql<string>`json_group_array(json_object('code', area_code, 'confidence', confidence, 'evidence', evidence, 'direct', direct))`.as('a'))
          .whereRef('post_areas.post_id', '=', 'posts.id')
          .as('areas'),
    ])
    .orderBy('posts.published_at', 'desc')
    .orderBy('posts.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset);
  if (filter.areaCode) {
    const code = filter.areaCode;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('post_areas').select('post_id').whereRef('post_areas.post_id', '=', 'posts.id').where('area_code', '=', code)),
    );
  }
  if (filter.topic) {
    const topic = filter.topic;
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('post_topics').select('post_id').whereRef('post_topics.post_id', '=', 'posts.id').where('topic', '=', topic)),
    );
  }
  if (filter.sinceIso) query = query.where('posts.published_at', '>=', filter.sinceIso);
  if (filter.untilIso) query = query.where('posts.published_at', '<', filter.untilIso);
  if (!filter.includeDuplicates) query = query.where('posts.duplicate_of', 'is', null);
  if (filter.search) {
    const match = filter.search;
    query = query.where('posts.id', 'in', sql<number>`(SELECT rowid FROM posts_fts WHERE posts_fts MATCH ${match})`);
  }
  return query.execute();
}
