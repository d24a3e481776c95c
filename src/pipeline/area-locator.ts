import type { PostDraft } from '../collectors/post.js';
import type { ResolvedSource } from '../config/load-pipeline.js';
import type { AreaRow } from '../db/area.repository.js';
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
