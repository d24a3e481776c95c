import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database-schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** What one batch adds to one rollup cell. */
export interface RollupDelta {
  area_code: string;
  bucket: string;
  topic: string;
  posts: number;
  sentiment_sum: number;
  sentiment_count: number;
  negative_posts: number;
}

/** Adds batch deltas to the daily or hourly rollup (upsert, so reruns of other batches add up). */
export async function addRollupDeltas(db: Db, granularity: 'day' | 'hour', deltas: RollupDelta[]): Promise<void> {
  const table = granularity === 'day' ? 'rollup_daily' : 'rollup_hourly';
  for (let i = 0; i < deltas.length; i += 2000) {
    const chunk = deltas.slice(i, i + 2000);
    const rows = chunk.map(({ bucket, ...rest }) => ({ ...rest, [granularity]: bucket }));
    await db
      .insertInto(table as 'rollup_daily')
      .values(rows as any)
      .onConflict((oc) =>
        oc.columns(['area_code', 'topic', granularity as 'day']).doUpdateSet({
          posts: sql`posts + excluded.posts`,
          sentiment_sum: sql`sentiment_sum + excluded.sentiment_sum`,
          sentiment_count: sql`sentiment_count + excluded.sentiment_count`,
          negative_posts: sql`negative_posts + excluded.negative_posts`,
        }),
      )
      .execute();
  }
}
