import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Two changes for the ingest write path (src/db/ingest-store.ts):
 * - Finding a story's original post scanned every copy of it through posts_dedup_key (a story carried by
 *   hundreds of feeds made each lookup slower). A partial index over originals only, by time, is one seek.
 * - Posts are indexed into FTS5 by the ingest store itself, not by an AFTER INSERT trigger: FTS5 flushes its
 *   pending terms at every statement savepoint a trigger opens, which made each insert about 3× dearer.
 *   The delete and update triggers stay, so purging text still purges the index.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX posts_dedup_original ON posts (dedup_key, published_at) WHERE duplicate_of IS NULL`.execute(db);
  await db.schema.dropIndex('posts_dedup_key').ifExists().execute();
  await sql`DROP TRIGGER IF EXISTS posts_fts_insert`.execute(db);
}

/** Restores the plain index and the insert trigger. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END`.execute(db);
  await db.schema.createIndex('posts_dedup_key').on('posts').column('dedup_key').execute();
  await db.schema.dropIndex('posts_dedup_original').ifExists().execute();
}
