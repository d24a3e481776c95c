import type { Kysely } from 'kysely';

/** Indexes for reads that scanned whole tables at a million posts: source health and the newest day. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('posts_source_collected').on('posts').columns(['source_id', 'collected_at']).execute();
  await db.schema.createIndex('rollup_daily_day').on('rollup_daily').column('day').execute();
}

/** Drops the indexes. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('rollup_daily_day').ifExists().execute();
  await db.schema.dropIndex('posts_source_collected').ifExists().execute();
}
