import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database-schema.js';
import { DISABLE_AFTER_FAILURES, storeFailure } from '../../src/pipeline/store-batch.js';

/** Records failed fetches of a source until the health stop disables it, as a run would. */
export async function failUntilStopped(db: Kysely<Database>, sourceId: string, at: string): Promise<void> {
  for (let i = 0; i < DISABLE_AFTER_FAILURES; i++) {
    await storeFailure(
      db,
      { sourceId, url: 'https://buurtblad.example/feed.xml', startedAt: at, finishedAt: at, httpStatus: 503, notModified: false, bytes: 0, items: 0, newItems: 0, error: 'HTTP 503' },
      { etag: null, lastModified: null, notBefore: null, pollIntervalSeconds: null },
      at,
    );
  }
}
