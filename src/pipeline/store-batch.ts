import type { Kysely } from 'kysely';
import type { PostDraft } from '../collectors/post.js';
import type { Database } from '../db/database-schema.js';
import { ingestStatements } from '../db/ingest-store.js';
import type { CollectorStateRow, FetchAttempt, IngestStatements } from '../db/ingest-store.js';
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
 * post and left out of the rollups. Batches of sources that finish together share one commit (each in
 * its own savepoint, so one source's failure does not touch the others).
 */
export function storeBatch(
  db: Kysely<Database>,
  posts: ReadyPost[],
  attempt: Omit<FetchAttempt, 'newItems'>,
  state: CollectorStateRow,
  collectedAt: string,
): Promise<StoreOutcome> {
  return groupCommit(db).add((store) => storeSourceBatch(store, posts, attempt, state, collectedAt), posts.length);
}

/** Records a failed attempt and the source's state in one transaction (shared like storeBatch's). */
export function storeFailure(db: Kysely<Database>, attempt: FetchAttempt, state: CollectorStateRow, at: string): Promise<void> {
  return groupCommit(db).add((store) => {
    store.recordFetchAttempt(attempt, DISABLE_AFTER_FAILURES);
    store.saveCollectorState(attempt.sourceId, state, at);
  });
}

function storeSourceBatch(
  store: IngestStatements,
  posts: ReadyPost[],
  attempt: Omit<FetchAttempt, 'newItems'>,
  state: CollectorStateRow,
  collectedAt: string,
): StoreOutcome {
  const outcome: StoreOutcome = { received: posts.length, inserted: 0, alreadyStored: 0, sameUrlElsewhere: 0, nearDuplicates: 0, earliestNew: null };
  const seenIds = new Set<string>();
  const seenUrls = new Set<string>();
  const unique: ReadyPost[] = [];
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
      matches: JSON.stringify(score.matches),
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
  store.saveCollectorState(attempt.sourceId, state, collectedAt);
  return outcome;
}

interface WriteJob {
  run: (store: IngestStatements) => unknown;
  resolve: (value: any) => void;
  reject: (error: unknown) => void;
}

/** A group commits when it holds this many posts, or GROUP_WAIT_MS after its first write arrived. */
const GROUP_MAX_POSTS = 5_000;
const GROUP_WAIT_MS = 50;

/**
 * Writes that arrive within GROUP_WAIT_MS commit together in one transaction: a commit per source cost
 * more than its inserts (index pages and the full-text segment are written out at every commit and at
 * every savepoint; `npx tsx bench/store-floor.ts`: 62 µs a post at 750 posts a commit, 42 at 10,000). The
 * writes run synchronously while holding kysely's connection, so no other query interleaves with them.
 * If one job throws, the group is rolled back and every job is run again in a transaction of its own,
 * so one source's failure does not touch the others.
 */
class GroupCommit {
  #pending: WriteJob[] = [];
  #pendingPosts = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  add<T>(run: (store: IngestStatements) => T, posts = 0): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ run, resolve, reject });
      this.#pendingPosts += posts;
      if (this.#pendingPosts >= GROUP_MAX_POSTS) {
        clearTimeout(this.#timer);
        this.#timer = undefined;
        setImmediate(() => void this.#flush());
      } else if (this.#timer === undefined) {
        this.#timer = setTimeout(() => void this.#flush(), GROUP_WAIT_MS);
      }
    });
  }

  async #flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pendingPosts = 0;
    const jobs = this.#pending.splice(0);
    if (jobs.length === 0) return;
    try {
      await this.db.connection().execute(async () => {
        const store = ingestStatements(this.db);
        let values: unknown[] | null = null;
        try {
          values = store.transaction(() => jobs.map((job) => job.run(store)));
        } catch {
          // Rolled back as a whole; find the failing job(s) by running each alone.
        }
        if (values) {
          values.forEach((value, i) => jobs[i]!.resolve(value));
          return;
        }
        for (const job of jobs) {
          try {
            job.resolve(store.transaction(() => job.run(store)));
          } catch (error) {
            job.reject(error);
          }
        }
      });
    } catch (error) {
      for (const job of jobs) job.reject(error);
    }
  }
}

const groupCommits = new WeakMap<Kysely<Database>, GroupCommit>();

function groupCommit(db: Kysely<Database>): GroupCommit {
  let commit = groupCommits.get(db);
  if (!commit) {
    commit = new GroupCommit(db);
    groupCommits.set(db, commit);
  }
  return commit;
}
