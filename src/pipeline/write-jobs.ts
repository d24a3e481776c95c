// The writes of ingest as plain data (a source's batch, or a failed attempt) and how each is applied
// to the prepared statements. Plain data, because the writes may run on a worker thread
// (store-worker.ts), which receives them as messages.

import type { CollectorStateRow, FetchAttempt, IngestStatements } from '../db/ingest-store.js';
import type { PostDraft } from '../collectors/post.js';
import type { PostScore } from '../nlp/types.js';
import { nextPollInterval } from './adaptive-polling.js';
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

/**
 * A post as the store receives it: its matches already JSON, which is how they are stored; a string
 * crosses to the store worker for less than the objects (and the run came out ≈ 8 % faster).
 */
export interface StorePost {
  draft: PostDraft;
  score: Omit<PostScore, 'matches'>;
  matchesJson: string;
  areas: PostArea[];
}

/** The store's form of a post. */
export function toStorePost(post: ReadyPost): StorePost {
  const { matches, ...score } = post.score;
  return { draft: post.draft, score, matchesJson: JSON.stringify(matches), areas: post.areas };
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

/** Adaptive polling bounds of a scheduled source (see adaptive-polling.ts). */
export interface PollBounds {
  minSeconds: number;
  maxSeconds: number;
}

/**
 * One write of a run: a source's batch with its fetch-log entry and state (and, for a scheduled source,
 * its next poll interval, which depends on how many posts were new), a failed attempt, or when a
 * scheduled source runs next.
 */
export type WriteJob =
  | { kind: 'batch'; posts: StorePost[]; attempt: Omit<FetchAttempt, 'newItems'>; state: CollectorStateRow; collectedAt: string; poll: PollBounds | null }
  | { kind: 'failure'; attempt: FetchAttempt; state: CollectorStateRow; at: string }
  | { kind: 'next-run'; sourceId: string; nextRunAt: string | null };

/** Applies one job (call inside a transaction); a batch returns its outcome, the others null. */
export function runWriteJob(store: IngestStatements, job: WriteJob): StoreOutcome | null {
  switch (job.kind) {
    case 'batch':
      return storeSourceBatch(store, job.posts, job.attempt, job.state, job.collectedAt, job.poll);
    case 'failure':
      store.recordFetchAttempt(job.attempt, DISABLE_AFTER_FAILURES);
      store.saveCollectorState(job.attempt.sourceId, job.state, job.at);
      return null;
    case 'next-run':
      store.setNextRun(job.sourceId, job.nextRunAt);
      return null;
  }
}

/** Posts a job writes (what a commit group counts). */
export function jobPosts(job: WriteJob): number {
  return job.kind === 'batch' ? job.posts.length : 0;
}

/** One source's batch: skips known ids and URLs, links near-duplicates to their original, adds rollups. */
function storeSourceBatch(
  store: IngestStatements,
  posts: StorePost[],
  attempt: Omit<FetchAttempt, 'newItems'>,
  state: CollectorStateRow,
  collectedAt: string,
  poll: PollBounds | null,
): StoreOutcome {
  const outcome: StoreOutcome = { received: posts.length, inserted: 0, alreadyStored: 0, sameUrlElsewhere: 0, nearDuplicates: 0, earliestNew: null };
  const seenIds = new Set<string>();
  const seenUrls = new Set<string>();
  const unique: StorePost[] = [];
  for (const post of posts) {
    const { externalId, canonicalUrl } = post.draft;
    if (seenIds.has(externalId) || store.hasExternalId(attempt.sourceId, externalId)) {
      outcome.alreadyStored += 1;
      continue;
    }
    seenIds.add(externalId);
    if (canonicalUrl && (seenUrls.has(canonicalUrl) || store.hasCanonicalUrl(canonicalUrl))) {
      outcome.sameUrlElsewhere += 1;
      continue;
    }
    if (canonicalUrl) seenUrls.add(canonicalUrl);
    unique.push(post);
  }

  const earliest = unique.reduce((min, p) => (p.draft.publishedAt < min ? p.draft.publishedAt : min), collectedAt);
  const since = new Date(Date.parse(earliest) - NEAR_DUPLICATE_WINDOW_MS).toISOString();
  // The original of each near-duplicate key: stored earlier, or else the first post of this batch with it.
  const originals = new Map<string, number | null>();
  const counted: RollupInput[] = [];
  for (const post of unique) {
    const { draft, score } = post;
    const key = draft.dedupKey;
    let original: number | null = null;
    if (key) {
      if (!originals.has(key)) originals.set(key, store.dedupOriginal(key, since));
      original = originals.get(key)!;
    }
    const id = store.insertPost({
      source_id: draft.sourceId,
      external_id: draft.externalId,
      url: draft.url,
      canonical_url: draft.canonicalUrl,
      title: draft.title,
      text: draft.text,
      published_at: draft.publishedAt,
      collected_at: collectedAt,
      author_hash: draft.authorHash,
      lang: score.lang,
      sentiment: score.sentiment,
      lexicon_version: score.lexiconVersion,
      matches: post.matchesJson,
      dedup_key: key,
      duplicate_of: original,
      lat: draft.lat,
      lon: draft.lon,
    });
    if (key && original === null) originals.set(key, id);
    outcome.inserted += 1;
    if (outcome.earliestNew === null || draft.publishedAt < outcome.earliestNew) outcome.earliestNew = draft.publishedAt;
    for (const topic in score.topics) {
      const value = score.topics[topic]!;
      if (value > 0) store.insertTopic(id, topic, value);
    }
    for (const area of post.areas) store.insertArea(id, area.code, area.confidence, area.evidence, area.direct);
    if (original !== null) {
      outcome.nearDuplicates += 1;
      continue;
    }
    counted.push({
      publishedAt: draft.publishedAt,
      sentiment: score.sentiment,
      topics: score.topics,
      areaCodes: [...new Set(post.areas.map((a) => a.code))],
    });
  }
  const { daily, hourly } = rollupDeltas(counted);
  store.addRollups('day', daily);
  store.addRollups('hour', hourly);
  store.recordFetchAttempt({ ...attempt, newItems: outcome.inserted }, DISABLE_AFTER_FAILURES);
  const outcomeForPolling = { items: attempt.items, newItems: outcome.inserted, notModified: attempt.notModified };
  const pollIntervalSeconds = poll ? nextPollInterval(state.pollIntervalSeconds, outcomeForPolling, poll.minSeconds, poll.maxSeconds) : state.pollIntervalSeconds;
  store.saveCollectorState(attempt.sourceId, { ...state, pollIntervalSeconds }, collectedAt);
  return outcome;
}
