import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database-schema.js';
import type { CollectorStateRow } from './ingest-store.js';

export type { CollectorStateRow, FetchAttempt } from './ingest-store.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The fields of a configured source that the database mirrors. */
export interface SourceRow {
  id: string;
  pipeline: string;
  type: string;
  url: string;
  enabled: boolean;
  areas: string[] | 'auto';
  municipality: string | null;
}

/** Inserts or updates configured sources, keeping their health history. */
export async function upsertSources(db: Db, sources: SourceRow[], now: string): Promise<void> {
  for (const source of sources) {
    const values = {
      pipeline: source.pipeline,
      type: source.type,
      url: source.url,
      enabled: source.enabled ? 1 : 0,
      areas: JSON.stringify(source.areas),
      municipality: source.municipality,
      updated_at: now,
    };
    await db
      .insertInto('sources')
      .values({ id: source.id, ...values, created_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet(values))
      .execute();
  }
}

/** Reads a source's collector state (empty when it never ran). */
export async function getCollectorState(db: Db, sourceId: string): Promise<CollectorStateRow> {
  return (await getCollectorStates(db, [sourceId])).get(sourceId)!;
}

/** Collector states of many sources in one query (a run reads them all at its start). */
export async function getCollectorStates(db: Db, sourceIds: string[]): Promise<Map<string, CollectorStateRow>> {
  const states = new Map<string, CollectorStateRow>();
  for (const id of sourceIds) states.set(id, { etag: null, lastModified: null, notBefore: null, pollIntervalSeconds: null, lastAttemptAt: null });
  for (let i = 0; i < sourceIds.length; i += 5000) {
    const rows = await db
      .selectFrom('sources')
      .leftJoin('collector_state', 'collector_state.source_id', 'sources.id')
      .select(['sources.id', 'sources.last_attempt_at', 'etag', 'last_modified', 'not_before', 'poll_interval_seconds'])
      .where('sources.id', 'in', sourceIds.slice(i, i + 5000))
      .execute();
    for (const row of rows) {
      states.set(row.id, {
        etag: row.etag ?? null,
        lastModified: row.last_modified ?? null,
        notBefore: row.not_before ?? null,
        pollIntervalSeconds: row.poll_interval_seconds ?? null,
        lastAttemptAt: row.last_attempt_at ?? null,
      });
    }
  }
  return states;
}

/** Health of every source, with items of the last 7 days counted from the posts table. */
export async function listSourceHealth(db: Db, since7d: string) {
  return db
    .selectFrom('sources')
    .select([
      'id',
      'pipeline',
      'type',
      'url',
      'enabled',
      'disabled_reason',
      'last_status',
      'last_error',
      'last_attempt_at',
      'last_success_at',
      'last_new_item_at',
      'consecutive_failures',
      'items_total',
      'next_run_at',
      (eb) =>
        eb
          .selectFrom('posts')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('posts.source_id', '=', 'sources.id')
          .where('posts.collected_at', '>=', since7d)
          .as('items_last_7d'),
    ])
    .orderBy('id')
    .execute();
}

/** Clears a health stop so the source runs again (`wijkradar sources enable ID`). */
export async function clearDisabledReason(db: Db, sourceId: string): Promise<boolean> {
  const result = await db
    .updateTable('sources')
    .set({ disabled_reason: null, consecutive_failures: 0 })
    .where('id', '=', sourceId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Reasons why sources were stopped for failing, by id. */
export async function disabledSources(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('sources').select(['id', 'disabled_reason']).where('disabled_reason', 'is not', null).execute();
  return new Map(rows.map((row) => [row.id, row.disabled_reason as string]));
}

/** How many fetches of a source failed in a row so far. */
export async function consecutiveFailures(db: Db, sourceId: string): Promise<number> {
  const row = await db.selectFrom('sources').select('consecutive_failures').where('id', '=', sourceId).executeTakeFirst();
  return row?.consecutive_failures ?? 0;
}

