import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Sources, fetch log, collector state, posts with scores, areas and rollups; FTS5 over post text. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('pipeline', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('areas', 'text', (c) => c.notNull())
    .addColumn('municipality', 'text')
    .addColumn('disabled_reason', 'text')
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('last_new_item_at', 'text')
    .addColumn('next_run_at', 'text')
    .addColumn('items_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('collector_state')
    .addColumn('source_id', 'text', (c) => c.primaryKey().references('sources.id').onDelete('cascade'))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('not_before', 'text')
    .addColumn('poll_interval_seconds', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('fetch_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('http_status', 'integer')
    .addColumn('not_modified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('new_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('fetch_log_source_time').on('fetch_log').columns(['source_id', 'started_at']).execute();

  await db.schema
    .createTable('posts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('canonical_url', 'text')
    .addColumn('title', 'text')
    .addColumn('text', 'text')
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('collected_at', 'text', (c) => c.notNull())
    .addColumn('author_hash', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('sentiment', 'real')
    .addColumn('lexicon_version', 'text', (c) => c.notNull())
    .addColumn('matches', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('dedup_key', 'text')
    .addColumn('duplicate_of', 'integer')
    .addColumn('lat', 'real')
    .addColumn('lon', 'real')
    .addColumn('text_purged_at', 'text')
    .addUniqueConstraint('posts_source_external', ['source_id', 'external_id'])
    .execute();
  await db.schema.createIndex('posts_canonical_url').on('posts').column('canonical_url').execute();
  await db.schema.createIndex('posts_published').on('posts').column('published_at').execute();
  await db.schema.createIndex('posts_dedup_key').on('posts').column('dedup_key').execute();

  await db.schema
    .createTable('post_topics')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_topics_pk', ['post_id', 'topic'])
    .execute();
  await db.schema.createIndex('post_topics_topic').on('post_topics').columns(['topic', 'post_id']).execute();

  await db.schema
    .createTable('post_areas')
    .addColumn('post_id', 'integer', (c) => c.notNull().references('posts.id').onDelete('cascade'))
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('direct', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('post_areas_pk', ['post_id', 'area_code'])
    .execute();
  await db.schema.createIndex('post_areas_area').on('post_areas').columns(['area_code', 'post_id']).execute();

  await db.schema
    .createTable('areas')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('gemeente_code', 'text')
    .addColumn('municipality', 'text')
    .addColumn('aliases', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('geometry', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('areas_parent').on('areas').column('parent_code').execute();

  // Gazetteer: street names (optionally tied to an area) and postcodes (PC4 or PC6) with their area share.
  await db.schema
    .createTable('area_streets')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('municipality', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text')
    .addColumn('lat', 'real')
    .addColumn('lon', 'real')
    .addColumn('origin', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('area_streets_name').on('area_streets').columns(['municipality', 'name']).execute();
  await db.schema
    .createTable('area_postcodes')
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('share', 'real', (c) => c.notNull().defaultTo(1))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('area_postcodes_pk', ['postcode', 'area_code'])
    .execute();

  for (const [table, bucket] of [
    ['rollup_daily', 'day'],
    ['rollup_hourly', 'hour'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('area_code', 'text', (c) => c.notNull())
      .addColumn(bucket, 'text', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('posts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('sentiment_sum', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('sentiment_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('negative_posts', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint(`${table}_pk`, ['area_code', 'topic', bucket])
      .execute();
  }

  // FTS5 is SQLite-only; an external-content index kept in step by triggers, so purging text purges the index.
  await sql`CREATE VIRTUAL TABLE posts_fts USING fts5(title, text, content='posts', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
  await sql`CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END`.execute(db);
  await sql`CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text); END`.execute(db);
  await sql`CREATE TRIGGER posts_fts_update AFTER UPDATE OF title, text ON posts BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO posts_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END`.execute(db);
}

/** Drops everything `up` created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const trigger of ['posts_fts_update', 'posts_fts_delete', 'posts_fts_insert']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.raw(trigger)}`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS posts_fts`.execute(db);
  for (const table of ['rollup_hourly', 'rollup_daily', 'area_postcodes', 'area_streets', 'areas', 'post_areas', 'post_topics', 'posts', 'fetch_log', 'collector_state', 'sources']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
