import type { LoadedPipeline } from '../config/load-pipeline.js';
import { loadAuthorKey } from '../config/author-key.js';
import type { OpenDatabase } from '../db/open-database.js';
import { HostLimiter } from '../fetch/host-limiter.js';
import { loadLexicons } from '../nlp/lexicon-loader.js';
import { createAreaLocator } from './area-locator.js';
import type { RunContext } from './run-once.js';
import { startStoreWorker } from './store-writer.js';
import { syncPipelineConfig } from './sync-config.js';

/** The name and version wijkradar announces to the sites it reads. */
export const USER_AGENT_PRODUCT = 'wijkradar/0.1';

/**
 * Prepares a run: mirrors the pipelines into the database, loads lexicons, the area locator, the
 * author key and one host limiter shared by every source, and moves the run's writes to a store
 * worker thread until the database is closed.
 */
export async function prepareRun(
  pipelines: LoadedPipeline[],
  database: OpenDatabase,
  options: { signal?: AbortSignal } = {},
): Promise<RunContext> {
  await syncPipelineConfig(database.db, pipelines, new Date().toISOString());
  await startStoreWorker(database);
  const contact = pipelines.find((p) => p.config.user_agent_contact)?.config.user_agent_contact ?? 'https://github.com/wijkradar/wijkradar';
  return {
    db: database.db,
    lexicons: loadLexicons(),
    locator: await createAreaLocator(database.db),
    // One limiter for all pipelines: the strictest politeness any pipeline asks for applies to every host.
    limiter: new HostLimiter({
      concurrency: Math.min(...pipelines.map((p) => p.config.per_host_concurrency)),
      minIntervalMs: Math.max(...pipelines.map((p) => p.config.min_host_interval_seconds)) * 1000,
    }),
    authorKey: loadAuthorKey(database.path),
    userAgent: `${USER_AGENT_PRODUCT} (+${contact})`,
    signal: options.signal,
  };
}
