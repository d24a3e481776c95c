import type SQLite from 'better-sqlite3';
import type { Insertable, Kysely } from 'kysely';
import type { Database, PostsTable } from './database-schema.js';
import type { RollupDelta } from './rollup-buckets.js';

// SQLite-only fast path for ingest: one prepared statement per table, run once per row inside the
// caller's kysely transaction (SQLite transactions belong to the connection, so these rows commit or
// roll back with it). Building and compiling a kysely query per batch cost more than the inserts
// themselves; a PostgreSQL port would use COPY or unnest() here instead.

const handles = new WeakMap<object, SQLite.Database>();

/** Remembers the better-sqlite3 handle behind a Kysely instance (done by openDatabase). */
export function registerSqliteHandle(db: Kysely<Database>, sqlite: SQLite.Database): void {
  handles.set(db, sqlite);
}

/** The raw handle of a database opened by openDatabase, for the bulk functions below. */
export function sqliteHandle(db: Kysely<Database>): SQLite.Database {
  const handle = handles.get(db);
  if (!handle) throw new Error('This Kysely instance was not opened with openDatabase; use it for bulk inserts.');
  return handle;
}

const POST_COLUMNS = [
  'source_id', 'external_id', 'url', 'canonical_url', 'title', 'text', 'published_at', 'collected_at',
  'author_hash', 'lang', 'sentiment', 'lexicon_version', 'matches', 'dedup_key', 'duplicate_of', 'lat', 'lon',
] as const;

/** Inserts posts row by row with one prepared statement; returns their ids keyed by external id. */
export function bulkInsertPosts(sqlite: SQLite.Database, rows: Insertable<PostsTable>[]): Map<string, number> {
  const statement = sqlite.prepare(
    `INSERT INTO posts (${POST_COLUMNS.join(', ')}) VALUES (${POST_COLUMNS.map(() => '?').join(', ')})`,
  );
  const ids = new Map<string, number>();
  for (const row of rows) {
    const result = statement.run(POST_COLUMNS.map((column) => row[column] ?? null));
    ids.set(row.external_id, Number(result.lastInsertRowid));
  }
  return ids;
}

/** Inserts topic scores of stored posts. */
export function bulkInsertPostTopics(sqlite: SQLite.Database, rows: { post_id: number; topic: string; score: number }[]): void {
  const statement = sqlite.prepare('INSERT INTO post_topics (post_id, topic, score) VALUES (?, ?, ?)');
  for (const row of rows) statement.run(row.post_id, row.topic, row.score);
}

/** Inserts area links of stored posts (a repeated link is ignored). */
export function bulkInsertPostAreas(
  sqlite: SQLite.Database,
  rows: { post_id: number; area_code: string; confidence: number; evidence: string; direct: number }[],
): void {
  const statement = sqlite.prepare(
    'INSERT INTO post_areas (post_id, area_code, confidence, evidence, direct) VALUES (?, ?, ?, ?, ?) ON CONFLICT (post_id, area_code) DO NOTHING',
  );
  for (const row of rows) statement.run(row.post_id, row.area_code, row.confidence, row.evidence, row.direct);
}

/** Adds rollup deltas cell by cell (upsert). */
export function bulkAddRollups(
  sqlite: SQLite.Database,
  granularity: 'day' | 'hour',
  deltas: RollupDelta[],
): void {
  const table = granularity === 'day' ? 'rollup_daily' : 'rollup_hourly';
  const statement = sqlite.prepare(
    `INSERT INTO ${table} (area_code, ${granularity}, topic, posts, sentiment_sum, sentiment_count, negative_posts) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (area_code, topic, ${granularity}) DO UPDATE SET posts = posts + excluded.posts, sentiment_sum = sentiment_sum + excluded.sentiment_sum,
     sentiment_count = sentiment_count + excluded.sentiment_count, negative_posts = negative_posts + excluded.negative_posts`,
  );
  for (const d of deltas) statement.run(d.area_code, d.bucket, d.topic, d.posts, d.sentiment_sum, d.sentiment_count, d.negative_posts);
}
