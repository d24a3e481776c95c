import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import type { CollectorStateRow, FetchAttempt } from '../db/ingest-store.js';
import { writerFor } from './store-writer.js';
import { toStorePost } from './write-jobs.js';
import type { PollBounds, ReadyPost, StoreOutcome } from './write-jobs.js';

export { DISABLE_AFTER_FAILURES } from './write-jobs.js';
export type { PostArea, ReadyPost, StoreOutcome } from './write-jobs.js';

/**
 * Stores one source's batch in ONE transaction together with its fetch-log entry and collector state,
 * so a crash loses nothing and a rerun doubles nothing: known (source, external id) pairs are skipped,
 * a canonical URL already stored by any source is skipped, and near-duplicates are linked to the first
 * post and left out of the rollups. Batches of sources that finish together share one commit (if one
 * fails, the group is rolled back and each batch is stored alone, so one source's failure does not
 * touch the others); see group-commit.ts, and store-writer.ts for which thread writes.
 */
export async function storeBatch(
  db: Kysely<Database>,
  posts: ReadyPost[],
  attempt: Omit<FetchAttempt, 'newItems'>,
  state: CollectorStateRow,
  collectedAt: string,
  /** A scheduled source's polling bounds: its next poll interval is stored with the batch. */
  poll: PollBounds | null = null,
): Promise<StoreOutcome> {
  return (await writerFor(db).add({ kind: 'batch', posts: posts.map(toStorePost), attempt, state, collectedAt, poll }))!;
}

/** Records a failed attempt and the source's state in one transaction (shared like storeBatch's). */
export async function storeFailure(db: Kysely<Database>, attempt: FetchAttempt, state: CollectorStateRow, at: string): Promise<void> {
  await writerFor(db).add({ kind: 'failure', attempt, state, at });
}

/**
 * Records when a scheduled source runs next. It goes through the run's writer like the batches, so on a
 * store worker the scheduler's event loop never waits for the write lock while a group commits.
 */
export async function storeNextRun(db: Kysely<Database>, sourceId: string, nextRunAt: string | null): Promise<void> {
  await writerFor(db).add({ kind: 'next-run', sourceId, nextRunAt });
}
