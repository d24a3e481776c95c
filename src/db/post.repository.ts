import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database-schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** How many posts are stored; for summaries. */
export async function countPosts(db: Db): Promise<number> {
  const row = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Retention: removes text, title and link of posts published before `beforeIso` (the FTS index follows
 * by trigger); scores, areas and rollups stay. Returns how many posts were purged.
 */
export async function purgePostText(db: Db, beforeIso: string, now: string, sourceIds?: string[]): Promise<number> {
  let query = db
    .updateTable('posts')
    .set({ text: null, title: null, url: null, text_purged_at: now })
    .where('published_at', '<', beforeIso)
    .where('text_purged_at', 'is', null);
  if (sourceIds) query = query.where('source_id', 'in', sourceIds.length ? sourceIds : ['']);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}
