import type { IngestStatements } from '../db/ingest-store.js';
import { jobPosts, runWriteJob } from './write-jobs.js';
import type { StoreOutcome, WriteJob } from './write-jobs.js';

/**
 * A group commits when it holds this many posts, or `waitMs` (default GROUP_WAIT_MS) after its first
 * write arrived.
 */
const GROUP_MAX_POSTS = 5_000;
const GROUP_WAIT_MS = 50;
/**
 * A store worker's wait. Without one, the writes that arrived while it committed formed the next group
 * (a median of 500 posts in the ingest bench), which costs more CPU a post than larger groups, and on a
 * 2-core machine the worker's CPU is taken from the main thread's. 10 ms made the median group 1,350
 * posts (`npx tsx bench/store-floor.ts`: 83 µs a post at 300 posts a commit, 62 at 750, 59 at 2,000).
 */
export const WORKER_GROUP_WAIT_MS = 10;

interface Pending {
  job: WriteJob;
  resolve: (value: StoreOutcome | null) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes that arrive within `waitMs` commit together in one transaction: a commit per source cost
 * more than its inserts (index pages and the full-text segment are written out at every commit and at
 * every savepoint; `npx tsx bench/store-floor.ts`: 62 µs a post at 750 posts a commit, 42 at 10,000).
 * If one job throws, the group is rolled back and every job is run again in a transaction of its own,
 * so one source's failure does not touch the others. `withStore` runs the synchronous writes with
 * exclusive use of the connection (kysely's connection on the main thread, or the worker's own).
 * A store worker passes WORKER_GROUP_WAIT_MS.
 */
export class GroupCommit {
  #pending: Pending[] = [];
  #pendingPosts = 0;
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  readonly #inProgress = new Set<Promise<void>>();

  constructor(
    private readonly withStore: (work: (store: IngestStatements) => void) => Promise<void>,
    private readonly waitMs = GROUP_WAIT_MS,
  ) {}

  add(job: WriteJob): Promise<StoreOutcome | null> {
    return new Promise((resolve, reject) => {
      const first = this.#pending.length === 0;
      this.#pending.push({ job, resolve, reject });
      this.#pendingPosts += jobPosts(job);
      if (this.#pendingPosts >= GROUP_MAX_POSTS || this.waitMs === 0) this.#flushSoon();
      else if (first) this.#timer = setTimeout(() => void this.#flush(), this.waitMs);
    });
  }

  /** Commits what is pending now and waits for every commit in progress (before the connection closes). */
  async drain(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await Promise.all([this.#flush(), ...this.#inProgress]);
  }

  #flushSoon(): void {
    if (this.#immediate !== undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#immediate = setImmediate(() => {
      this.#immediate = undefined;
      void this.#flush();
    });
  }

  #flush(): Promise<void> {
    const done = this.#commit().finally(() => this.#inProgress.delete(done));
    this.#inProgress.add(done);
    return done;
  }

  async #commit(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pendingPosts = 0;
    const group = this.#pending.splice(0);
    if (group.length === 0) return;
    try {
      await this.withStore((store) => {
        let values: (StoreOutcome | null)[] | null = null;
        try {
          values = store.transaction(() => group.map((p) => runWriteJob(store, p.job)));
        } catch {
          // Rolled back as a whole; find the failing job(s) by running each alone.
        }
        if (values) {
          values.forEach((value, i) => group[i]!.resolve(value));
          return;
        }
        for (const p of group) {
          try {
            p.resolve(store.transaction(() => runWriteJob(store, p.job)));
          } catch (error) {
            p.reject(error);
          }
        }
      });
    } catch (error) {
      for (const p of group) p.reject(error);
    }
  }
}
