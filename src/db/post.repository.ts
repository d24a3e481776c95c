import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database-schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** External ids of a source that are already stored, out of `externalIds`. */
export async function findStoredExternalIds(db: Db, sourceId: string, externalIds: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks(externalIds, 5000)) {
    const rows = await db
      .selectFrom('posts')
      .select('external_id')
      .where('source_id', '=', sourceId)
      .where('external_id', 'in', chunk)
      .execute();
    for (const row of rows) found.add(row.external_id);
  }
  return found;
}

/** Canonical URLs already stored by any source, out of `urls`. */
export async function findStoredCanonicalUrls(db: Db, urls: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const chunk of chunks(urls, 5000)) {
    const rows = await db.selectFrom('posts').select('canonical_url').where('canonical_url', 'in', chunk).execute();
    for (const row of rows) if (row.canonical_url) found.add(row.canonical_url);
  }
  return found;
}

/**
 * For each near-duplicate key, the first stored post (itself not a duplicate) published since `sinceIso`,
 * so a story carried by several feeds links to one original.
 */
export async function findDedupKeyOriginals(db: Db, keys: string[], sinceIso: string): Promise<Map<string, number>> {
  const originals = new Map<string, number>();
  for (const chunk of chunks(keys, 5000)) {
    const rows = await db
      .selectFrom('posts')
      .select(['dedup_key', (eb) => eb.fn.min('id').as('id')])
      .where('dedup_key', 'in', chunk)
      .where('duplicate_of', 'is', null)
      .where('published_at', '>=', sinceIso)
      .groupBy('dedup_key')
      .execute();
    for (const row of rows) if (row.dedup_key && row.id !== null) originals.set(row.dedup_key, Number(row.id));
  }
  return originals;
}

/** Marks posts as near-duplicates of an original: pairs of [post id, original id]. */
export async function linkDuplicates(db: Db, pairs: [number, number][]): Promise<void> {
  for (const [postId, originalId] of pairs) {
    await db.updateTable('posts').set({ duplicate_of: originalId }).where('id', '=', postId).execute();
  }
}

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

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
