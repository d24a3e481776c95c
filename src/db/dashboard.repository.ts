import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { AreasTable, Database } from './database-schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Rollup sums per topic ('*' = all posts) over a day range (inclusive, local YYYY-MM-DD) and a set of areas. */
export async function topicTotals(db: Db, range: { fromDay: string; toDay: string; areaCodes: string[] }) {
  return db
    .selectFrom('rollup_daily')
    .select((eb) => [
      'topic',
      eb.fn.sum<number>('posts').as('posts'),
      eb.fn.sum<number>('sentiment_sum').as('sentiment_sum'),
      eb.fn.sum<number>('sentiment_count').as('sentiment_count'),
      eb.fn.sum<number>('negative_posts').as('negative_posts'),
    ])
    .where('area_code', 'in', range.areaCodes.length ? range.areaCodes : [''])
    .where('day', '>=', range.fromDay)
    .where('day', '<=', range.toDay)
    .groupBy('topic')
    .execute();
}

/**
 * Codes of the areas at the top of the hierarchy: no parent, or a parent that is not in the table.
 * Rollups count a post for every ancestor too, so summing these counts each post once per top area.
 */
export async function topLevelAreaCodes(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('areas as a')
    .select('a.code')
    .where((eb) =>
      eb.or([
        eb('a.parent_code', 'is', null),
        eb.not(eb.exists(eb.selectFrom('areas as p').select('p.code').whereRef('p.code', '=', 'a.parent_code'))),
      ]),
    )
    .orderBy('a.code')
    .execute();
  return rows.map((row) => row.code);
}

/** How many areas each level has, and how many of them carry a geometry. */
export async function areaLevelCounts(db: Db) {
  const rows = await db
    .selectFrom('areas')
    .select((eb) => [
      'level',
      eb.fn.countAll<number>().as('areas'),
      eb.fn.count<number>('geometry').as('with_geometry'),
    ])
    .groupBy('level')
    .execute();
  return rows.map((row) => ({ level: row.level as AreasTable['level'], areas: Number(row.areas), with_geometry: Number(row.with_geometry) }));
}

/**
 * A marker that changes whenever data the aggregates depend on may have changed: SQLite's
 * data_version (bumped by commits of OTHER connections, e.g. a running `wijkradar run`), and for writes
 * through this connection the newest post and alert ids, the areas' count and last update, and the
 * sources' last attempt, failure count and stops (the tables are small; each is one quick aggregate).
 * SQLite-only (PRAGMA); a PostgreSQL port would use a change counter table instead.
 */
export async function changeMarker(db: Db): Promise<string> {
  const version = await sql<{ data_version: number }>`PRAGMA data_version`.execute(db);
  const posts = await db.selectFrom('posts').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const alerts = await db.selectFrom('alerts').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const areas = await db
    .selectFrom('areas')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('updated')])
    .executeTakeFirst();
  const sources = await db
    .selectFrom('sources')
    .select((eb) => [
      eb.fn.max('last_attempt_at').as('attempt'),
      eb.fn.sum<number>('consecutive_failures').as('failures'),
      eb.fn.count<number>('disabled_reason').as('stopped'),
    ])
    .executeTakeFirst();
  return [
    version.rows[0]?.data_version ?? 0,
    posts?.id ?? 0,
    alerts?.id ?? 0,
    areas?.n ?? 0,
    areas?.updated ?? '',
    sources?.attempt ?? '',
    sources?.failures ?? 0,
    sources?.stopped ?? 0,
  ].join('|');
}
