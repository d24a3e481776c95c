import type SQLite from 'better-sqlite3';
import type { Insertable, Kysely } from 'kysely';
import type { Database, PostsTable } from './database-schema.js';
import type { RollupDelta } from './rollup-buckets.js';

// SQLite-only write path of ingest: every statement prepared once per database and run synchronously,
// so a batch of several sources is one transaction that nothing else can interleave with. Through kysely
// each batch built, compiled and awaited a dozen queries, which cost more than the writes; a PostgreSQL
// port would use COPY or unnest() here instead. Reads elsewhere stay in the kysely repositories.

const handles = new WeakMap<object, SQLite.Database>();
const stores = new WeakMap<SQLite.Database, IngestStatements>();

/** Remembers the better-sqlite3 handle behind a Kysely instance (done by openDatabase). */
export function registerSqliteHandle(db: Kysely<Database>, sqlite: SQLite.Database): void {
  handles.set(db, sqlite);
}

/** The raw handle of a database opened by openDatabase. */
export function sqliteHandle(db: Kysely<Database>): SQLite.Database {
  const handle = handles.get(db);
  if (!handle) throw new Error('This Kysely instance was not opened with openDatabase; open it there to write posts.');
  return handle;
}

/** The prepared ingest statements of a database (prepared on first use). */
export function ingestStatements(db: Kysely<Database>): IngestStatements {
  const sqlite = sqliteHandle(db);
  let store = stores.get(sqlite);
  if (!store) {
    store = new IngestStatements(sqlite);
    stores.set(sqlite, store);
  }
  return store;
}

const POST_COLUMNS = [
  'source_id', 'external_id', 'url', 'canonical_url', 'title', 'text', 'published_at', 'collected_at',
  'author_hash', 'lang', 'sentiment', 'lexicon_version', 'matches', 'dedup_key', 'duplicate_of', 'lat', 'lon',
] as const;

/** One fetch attempt, successful or not. */
export interface FetchAttempt {
  sourceId: string;
  url: string;
  startedAt: string;
  finishedAt: string;
  httpStatus: number | null;
  notModified: boolean;
  bytes: number;
  items: number;
  newItems: number;
  error: string | null;
}

/** What a collector remembers between runs. */
export interface CollectorStateRow {
  etag: string | null;
  lastModified: string | null;
  notBefore: string | null;
  /** Seconds between polls chosen by adaptive polling; null = every scheduled tick. */
  pollIntervalSeconds: number | null;
  /** When the source was last attempted (from the sources table; read-only here). */
  lastAttemptAt?: string | null;
}

/** Synchronous statements for storing posts and source health; call them inside `transaction`. */
export class IngestStatements {
  readonly #sqlite: SQLite.Database;
  readonly #knownExternalId: SQLite.Statement;
  readonly #knownCanonicalUrl: SQLite.Statement;
  readonly #dedupOriginal: SQLite.Statement;
  readonly #insertPost: SQLite.Statement;
  readonly #indexPost: SQLite.Statement;
  readonly #insertTopic: SQLite.Statement;
  readonly #insertArea: SQLite.Statement;
  readonly #addRollup: { day: SQLite.Statement; hour: SQLite.Statement };
  readonly #insertFetchLog: SQLite.Statement;
  readonly #sourceSucceeded: SQLite.Statement;
  readonly #sourceFailed: SQLite.Statement;
  readonly #stopSource: SQLite.Statement;
  readonly #saveState: SQLite.Statement;
  readonly #setNextRun: SQLite.Statement;

  constructor(sqlite: SQLite.Database) {
    this.#sqlite = sqlite;
    const prepare = (source: string) => sqlite.prepare(source);
    this.#knownExternalId = prepare('SELECT 1 FROM posts WHERE source_id = ? AND external_id = ?').pluck();
    this.#knownCanonicalUrl = prepare('SELECT 1 FROM posts WHERE canonical_url = ? LIMIT 1').pluck();
    // The partial index posts_dedup_original answers this with one seek, however often a story was carried.
    this.#dedupOriginal = prepare(
      'SELECT id FROM posts WHERE dedup_key = ? AND duplicate_of IS NULL AND published_at >= ? ORDER BY id LIMIT 1',
    ).pluck();
    this.#insertPost = prepare(`INSERT INTO posts (${POST_COLUMNS.join(', ')}) VALUES (${POST_COLUMNS.map(() => '?').join(', ')})`);
    this.#indexPost = prepare('INSERT INTO posts_fts (rowid, title, text) VALUES (?, ?, ?)');
    this.#insertTopic = prepare('INSERT INTO post_topics (post_id, topic, score) VALUES (?, ?, ?)');
    this.#insertArea = prepare(
      'INSERT INTO post_areas (post_id, area_code, confidence, evidence, direct) VALUES (?, ?, ?, ?, ?) ON CONFLICT (post_id, area_code) DO NOTHING',
    );
    const rollup = (table: string, column: string) =>
      prepare(
        `INSERT INTO ${table} (area_code, ${column}, topic, posts, sentiment_sum, sentiment_count, negative_posts) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (area_code, topic, ${column}) DO UPDATE SET posts = posts + excluded.posts, sentiment_sum = sentiment_sum + excluded.sentiment_sum,
         sentiment_count = sentiment_count + excluded.sentiment_count, negative_posts = negative_posts + excluded.negative_posts`,
      );
    this.#addRollup = { day: rollup('rollup_daily', 'day'), hour: rollup('rollup_hourly', 'hour') };
    this.#insertFetchLog = prepare(
      `INSERT INTO fetch_log (source_id, url, started_at, finished_at, http_status, not_modified, bytes, items, new_items, error, duration_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#sourceSucceeded = prepare(
      `UPDATE sources SET consecutive_failures = 0, last_status = ?, last_error = NULL, last_attempt_at = ?, last_success_at = ?,
       items_total = items_total + ?, last_new_item_at = CASE WHEN ? > 0 THEN ? ELSE last_new_item_at END WHERE id = ?`,
    );
    this.#sourceFailed = prepare(
      'UPDATE sources SET consecutive_failures = consecutive_failures + 1, last_status = ?, last_error = ?, last_attempt_at = ? WHERE id = ?',
    );
    this.#stopSource = prepare(
      `UPDATE sources SET disabled_reason = 'disabled after ' || consecutive_failures || ' failures in a row; last error: ' || last_error
       WHERE id = ? AND consecutive_failures >= ? AND disabled_reason IS NULL`,
    );
    this.#setNextRun = prepare('UPDATE sources SET next_run_at = ? WHERE id = ?');
    this.#saveState = prepare(
      `INSERT INTO collector_state (source_id, etag, last_modified, not_before, poll_interval_seconds, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (source_id) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, not_before = excluded.not_before,
       poll_interval_seconds = excluded.poll_interval_seconds, updated_at = excluded.updated_at`,
    );
  }

  /**
   * Runs `work` in one transaction (a nested call becomes a savepoint). IMMEDIATE takes the write lock
   * first: a deferred transaction that reads before it writes fails at once (SQLITE_BUSY_SNAPSHOT,
   * without waiting out the busy timeout) when another connection commits in between.
   */
  transaction<T>(work: () => T): T {
    return this.#sqlite.transaction(work).immediate();
  }

  /** Whether (source, external id) is stored. */
  hasExternalId(sourceId: string, externalId: string): boolean {
    return this.#knownExternalId.get(sourceId, externalId) !== undefined;
  }

  /** Whether any source stored this canonical URL. */
  hasCanonicalUrl(url: string): boolean {
    return this.#knownCanonicalUrl.get(url) !== undefined;
  }

  /** The first stored post with this near-duplicate key published since `sinceIso` (itself no duplicate). */
  dedupOriginal(key: string, sinceIso: string): number | null {
    const id = this.#dedupOriginal.get(key, sinceIso) as number | bigint | undefined;
    return id === undefined ? null : Number(id);
  }

  /** Inserts a post and indexes its title and text for search; returns its id. */
  insertPost(row: Insertable<PostsTable>): number {
    const id = Number(this.#insertPost.run(POST_COLUMNS.map((column) => row[column] ?? null)).lastInsertRowid);
    this.#indexPost.run(id, row.title ?? null, row.text ?? null);
    return id;
  }

  insertTopic(postId: number, topic: string, score: number): void {
    this.#insertTopic.run(postId, topic, score);
  }

  /** Links a post to an area (a repeated link is ignored). */
  insertArea(postId: number, areaCode: string, confidence: number, evidence: string, direct: boolean): void {
    this.#insertArea.run(postId, areaCode, confidence, evidence, direct ? 1 : 0);
  }

  /** Adds rollup deltas cell by cell (upsert). */
  addRollups(granularity: 'day' | 'hour', deltas: RollupDelta[]): void {
    const statement = this.#addRollup[granularity];
    for (const d of deltas) statement.run(d.area_code, d.bucket, d.topic, d.posts, d.sentiment_sum, d.sentiment_count, d.negative_posts);
  }

  /**
   * Appends an attempt to the fetch log and updates the source's health: failures count up until a
   * source is stopped with the reason kept, a success resets the count.
   */
  recordFetchAttempt(attempt: FetchAttempt, disableAfter: number): void {
    this.#insertFetchLog.run(
      attempt.sourceId,
      attempt.url,
      attempt.startedAt,
      attempt.finishedAt,
      attempt.httpStatus,
      attempt.notModified ? 1 : 0,
      attempt.bytes,
      attempt.items,
      attempt.newItems,
      attempt.error,
      Date.parse(attempt.finishedAt) - Date.parse(attempt.startedAt),
    );
    if (attempt.error === null) {
      const at = attempt.finishedAt;
      this.#sourceSucceeded.run(attempt.httpStatus, at, at, attempt.newItems, attempt.newItems, at, attempt.sourceId);
      return;
    }
    this.#sourceFailed.run(attempt.httpStatus, attempt.error, attempt.finishedAt, attempt.sourceId);
    this.#stopSource.run(attempt.sourceId, disableAfter);
  }

  /** When a scheduled source runs next (null: not scheduled). */
  setNextRun(sourceId: string, nextRunAt: string | null): void {
    this.#setNextRun.run(nextRunAt, sourceId);
  }

  /** Stores a source's collector state. */
  saveCollectorState(sourceId: string, state: CollectorStateRow, now: string): void {
    this.#saveState.run(sourceId, state.etag, state.lastModified, state.notBefore, state.pollIntervalSeconds, now);
  }
}
