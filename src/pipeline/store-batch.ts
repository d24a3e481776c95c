import type { Kysely } from 'kysely';
import type { PostDraft } from '../collectors/post.js';
import type { Database } from '../db/database-schema.js';
import {
  findDedupKeyOriginals,
  findStoredCanonicalUrls,
  findStoredExternalIds,
  linkDuplicates,
} from '../db/post.repository.js';
import { bulkAddRollups, bulkInsertPostAreas, bulkInsertPosts, bulkInsertPostTopics, sqliteHandle } from '../db/sqlite-bulk.js';
import { recordFetchAttempt, saveCollectorState } from '../db/source.repository.js';
import type { CollectorStateRow, FetchAttempt } from '../db/source.repository.js';
import type { PostScore } from '../nlp/types.js';
import { rollupDeltas } from './rollup-deltas.js';
import type { RollupInput } from './rollup-deltas.js';

/** Stories with the same near-duplicate key within this window count once. */
const NEAR_DUPLICATE_WINDOW_MS = 3 * 24 * 3600_000;
/** A source is stopped after this many failures in a row (reason kept; `sources enable` clears it). */
export const DISABLE_AFTER_FAILURES = 10;

/** An area a post is tied to, with why. */
export interface PostArea {
  code: string;
  confidence: number;
  evidence: string;
  direct: boolean;
}

/** A mapped post with its scores and areas, ready to store. */
export interface ReadyPost {
  draft: PostDraft;
  score: PostScore;
  areas: PostArea[];
}

/** What storing one batch did. */
export interface StoreOutcome {
  received: number;
  inserted: number;
  alreadyStored: number;
  sameUrlElsewhere: number;
  nearDuplicates: number;
  /** Publication time of the oldest post inserted, so alerts know which days to look at again. */
  earliestNew: string | null;
}

/**
 * Stores one source's batch in ONE transaction together with its fetch-log entry and collector state,
 * so a crash loses nothing and a rerun doubles nothing: known (source, external id) pairs are skipped,
 * a canonical URL already stored by any source is skipped, and near-duplicates are linked to the first
 * post and left out of the rollups.
 */
export async function storeBatch(
  db: Kysely<Database>,
  posts: ReadyPost[],
  attempt: Omit<FetchAttempt, 'newItems'>,
  state: CollectorStateRow,
  collectedAt: string,
): Promise<StoreOutcome> {
  const sqlite = sqliteHandle(db);
  return db.transaction().execute(async (trx) => {
    const outcome: StoreOutcome = { received: posts.length, inserted: 0, alreadyStored: 0, sameUrlElsewhere: 0, nearDuplicates: 0, earliestNew: null };
    const known = await findStoredExternalIds(trx, attempt.sourceId, posts.map((p) => p.draft.externalId));
    const fresh: ReadyPost[] = [];
    const seenIds = new Set<string>();
    for (const post of posts) {
      if (known.has(post.draft.externalId) || seenIds.has(post.draft.externalId)) {
        outcome.alreadyStored += 1;
        continue;
      }
      seenIds.add(post.draft.externalId);
      fresh.push(post);
    }
    const urls = fresh.map((p) => p.draft.canonicalUrl).filter((u): u is string => u !== null);
    const storedUrls = await findStoredCanonicalUrls(trx, urls);
    const unique: ReadyPost[] = [];
    for (const post of fresh) {
      const url = post.draft.canonicalUrl;
      if (url && storedUrls.has(url)) {
        outcome.sameUrlElsewhere += 1;
        continue;
      }
      if (url) storedUrls.add(url);
      unique.push(post);
    }

    const earliest = unique.reduce((min, p) => (p.draft.publishedAt < min ? p.draft.publishedAt : min), collectedAt);
    const since = new Date(Date.parse(earliest) - NEAR_DUPLICATE_WINDOW_MS).toISOString();
    const keys = [...new Set(unique.map((p) => p.draft.dedupKey).filter((k): k is string => k !== null))];
    const originals = await findDedupKeyOriginals(trx, keys, since);

    // Within the batch, the first post with a key is the original of later ones (linked after insert).
    const firstInBatch = new Map<string, string>();
    const batchDuplicates: [string, string][] = [];
    for (const post of unique) {
      const key = post.draft.dedupKey;
      if (!key || originals.has(key)) continue;
      const first = firstInBatch.get(key);
      if (first) batchDuplicates.push([post.draft.externalId, first]);
      else firstInBatch.set(key, post.draft.externalId);
    }
    const duplicateInBatch = new Set(batchDuplicates.map(([externalId]) => externalId));

    const rows = unique.map((post) => ({
      source_id: post.draft.sourceId,
      external_id: post.draft.externalId,
      url: post.draft.url,
      canonical_url: post.draft.canonicalUrl,
      title: post.draft.title,
      text: post.draft.text,
      published_at: post.draft.publishedAt,
      collected_at: collectedAt,
      author_hash: post.draft.authorHash,
      lang: post.score.lang,
      sentiment: post.score.sentiment,
      lexicon_version: post.score.lexiconVersion,
      matches: JSON.stringify(post.score.matches),
      dedup_key: post.draft.dedupKey,
      duplicate_of: post.draft.dedupKey ? (originals.get(post.draft.dedupKey) ?? null) : null,
      lat: post.draft.lat,
      lon: post.draft.lon,
    }));
    const ids = bulkInsertPosts(sqlite, rows);
    await linkDuplicates(
      trx,
      batchDuplicates.map(([externalId, firstExternalId]) => [ids.get(externalId)!, ids.get(firstExternalId)!]),
    );

    const topicRows: { post_id: number; topic: string; score: number }[] = [];
    const areaRows: { post_id: number; area_code: string; confidence: number; evidence: string; direct: number }[] = [];
    const counted: RollupInput[] = [];
    rows.forEach((row, index) => {
      const post = unique[index]!;
      const id = ids.get(row.external_id)!;
      for (const [topic, score] of Object.entries(post.score.topics)) {
        if (score > 0) topicRows.push({ post_id: id, topic, score });
      }
      for (const area of post.areas) {
        areaRows.push({ post_id: id, area_code: area.code, confidence: area.confidence, evidence: area.evidence, direct: area.direct ? 1 : 0 });
      }
      if (row.duplicate_of !== null || duplicateInBatch.has(row.external_id)) {
        outcome.nearDuplicates += 1;
        return;
      }
      counted.push({
        publishedAt: row.published_at,
        sentiment: row.sentiment,
        topics: post.score.topics,
        areaCodes: [...new Set(post.areas.map((a) => a.code))],
      });
    });
    outcome.inserted = rows.length;
    outcome.earliestNew = rows.reduce<string | null>((min, row) => (min === null || row.published_at < min ? row.published_at : min), null);
    bulkInsertPostTopics(sqlite, topicRows);
    bulkInsertPostAreas(sqlite, areaRows);
    const { daily, hourly } = rollupDeltas(counted);
    bulkAddRollups(sqlite, 'day', daily);
    bulkAddRollups(sqlite, 'hour', hourly);
    await recordFetchAttempt(trx, { ...attempt, newItems: outcome.inserted }, DISABLE_AFTER_FAILURES);
    await saveCollectorState(trx, attempt.sourceId, state, collectedAt);
    return outcome;
  });
}
