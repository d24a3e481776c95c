import type { Kysely } from 'kysely';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { Database } from '../db/database-schema.js';
import { purgePostText } from '../db/post.repository.js';

/** Applies each pipeline's retention to its own sources' posts. */
export async function purgeExpiredText(db: Kysely<Database>, pipelines: LoadedPipeline[], now: Date) {
  const results: { pipeline: string; retentionDays: number; before: string; purged: number }[] = [];
  for (const pipeline of pipelines) {
    const retentionDays = pipeline.config.retention_days;
    const before = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
    const purged = await purgePostText(db, before, now.toISOString(), pipeline.sources.map((s) => s.id));
    results.push({ pipeline: pipeline.config.name, retentionDays, before, purged });
  }
  return results;
}
