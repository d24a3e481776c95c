import type { PostDraft } from '../collectors/post.js';
import type { ResolvedSource } from '../config/load-pipeline.js';
import type { Kysely } from 'kysely';
import { listAreas } from '../db/area.repository.js';
import type { AreaRow } from '../db/area.repository.js';
import type { Database } from '../db/database-schema.js';
import type { PostArea } from './store-batch.js';

/** Ties a post to areas (direct ones and their ancestors). */
export interface AreaLocator {
  locate(draft: PostDraft, source: ResolvedSource): PostArea[];
}

/** Adds the ancestors (wijk, gemeente) of directly resolved areas, marked as not direct. */
export function withAncestors(direct: PostArea[], byCode: Map<string, AreaRow>): PostArea[] {
  const out = new Map<string, PostArea>();
  for (const area of direct) out.set(area.code, area);
  for (const area of direct) {
    let parent = byCode.get(area.code)?.parentCode ?? null;
    for (let hops = 0; parent && hops < 5; hops++) {
      if (!out.has(parent)) {
        out.set(parent, { code: parent, confidence: area.confidence, evidence: `contains ${area.code}`, direct: false });
      }
      parent = byCode.get(parent)?.parentCode ?? null;
    }
  }
  return [...out.values()];
}

/**
 * Builds the locator from the areas in the database: a source's declared areas, each with its
 * ancestors; `auto` sources are resolved from text and coordinates.
 */
export async function createAreaLocator(db: Kysely<Database>): Promise<AreaLocator> {
  const areas = await listAreas(db);
  const byCode = new Map(areas.map((area) => [area.code, area]));
  return {
    locate(draft, source) {
      if (source.areas === 'auto') return [];
      return withAncestors(
        source.areas.map((code) => ({ code, confidence: 1, evidence: 'source', direct: true })),
        byCode,
      );
    },
  };
}
