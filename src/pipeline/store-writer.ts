// Where a run's writes go. By default they commit on the main thread through kysely's connection;
// a run on a database file starts a store worker instead (startStoreWorker), so SQLite's inserts and
// commits of posts (about half the CPU time of ingest) run on the second core while the main thread
// fetches, parses and scores the next sources, and committing thousands of posts does not block its
// event loop (the scheduler's own writes go through the worker too: storeNextRun).

import type { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import { ingestStatements, sqliteHandle } from '../db/ingest-store.js';
import { DatabaseError, onDatabaseClose } from '../db/open-database.js';
import type { OpenDatabase } from '../db/open-database.js';
import { GroupCommit } from './group-commit.js';
import { spawnWorker } from './spawn-worker.js';
import type { StoreReply, StoreRequest } from './store-worker.js';
import type { StoreOutcome, WriteJob } from './write-jobs.js';

/** Commits write jobs (in groups) and settles each with its outcome. */
interface StoreWriter {
  add(job: WriteJob): Promise<StoreOutcome | null>;
}

const writers = new WeakMap<Kysely<Database>, StoreWriter>();

/** The writer of a database: its store worker when one was started, else the main thread's connection. */
export function writerFor(db: Kysely<Database>): StoreWriter {
  let writer = writers.get(db);
  if (!writer) {
    const commit = new GroupCommit((work) => db.connection().execute(async () => work(ingestStatements(db))));
    onDatabaseClose(db, () => commit.drain());
    writers.set(db, (writer = commit));
  }
  return writer;
}

/**
 * Sends the writes of this database to a worker thread with its own connection, until the database
 * is closed (which waits for the writes in flight). Resolves once the worker has opened the database.
 * `walRestartPages`: see WAL_RESTART_PAGES (tests use a small number).
 * No-op for ':memory:' (a second connection would see another database) or when writes already went
 * elsewhere (their order must hold).
 */
export async function startStoreWorker(database: OpenDatabase, options: { walRestartPages?: number } = {}): Promise<void> {
  if (database.path === ':memory:' || writers.has(database.db)) return;
  const writer = new WorkerWriter(database.path, options.walRestartPages);
  writers.set(database.db, writer);
  onDatabaseClose(database.db, () => writer.close());
  await writer.ready;
  // The store worker's checkpoint thread keeps the database file current. Left at 1,000 pages, this
  // connection's own writes (alerts, digests) would checkpoint on the event loop.
  sqliteHandle(database.db).pragma('wal_autocheckpoint = 0');
}

type Waiter = { resolve: (value: StoreOutcome | null) => void; reject: (error: Error) => void };

class WorkerWriter implements StoreWriter {
  readonly ready: Promise<void>;
  readonly #worker: Worker;
  readonly #waiting = new Map<number, Waiter>();
  #nextId = 1;
  #broken: Error | null = null;
  #closed: Promise<void> | null = null;
  #exited = false;

  constructor(file: string, walRestartPages: number | undefined) {
    this.#worker = spawnWorker(import.meta.url, 'store-worker', { file, walRestartPages });
    let started: () => void;
    let notStarted: (error: Error) => void;
    this.ready = new Promise<void>((resolve, reject) => {
      started = resolve;
      notStarted = reject;
    });
    this.#worker.on('message', (reply: StoreReply) => {
      if ('ready' in reply) {
        // Only writes in flight keep the process alive (see add); an idle writer does not.
        this.#worker.unref();
        return started();
      }
      if ('failed' in reply) {
        this.#fail(new DatabaseError(reply.failed));
        return notStarted(this.#broken!);
      }
      const waiter = this.#waiting.get(reply.id);
      if (!waiter) return;
      this.#settled(reply.id);
      if (reply.ok) waiter.resolve(reply.value as StoreOutcome | null);
      else waiter.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name, code: reply.error.code }));
    });
    this.#worker.on('error', (error) => {
      this.#fail(new DatabaseError(`The database writer thread failed (${error.message}).`));
      notStarted(this.#broken!);
    });
    this.#worker.on('exit', (code) => {
      this.#exited = true;
      this.#fail(new DatabaseError(this.#closed ? 'The database is closed.' : `The database writer thread stopped unexpectedly (exit code ${code}).`));
      notStarted(this.#broken!);
    });
  }

  add(job: WriteJob): Promise<StoreOutcome | null> {
    if (this.#broken) return Promise.reject(this.#broken);
    if (this.#closed) return Promise.reject(new DatabaseError('The database is closed.'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      try {
        this.#worker.postMessage({ id, job } satisfies StoreRequest);
      } catch (error) {
        return reject(error);
      }
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve, reject });
    });
  }

  /** Waits for the writes in flight, then stops the worker and its connection. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      if (this.#exited) return resolve();
      this.#worker.once('exit', () => resolve());
      if (this.#broken) return void this.#worker.terminate();
      this.#worker.ref();
      this.#worker.postMessage({ close: true } satisfies StoreRequest);
    });
    return this.#closed;
  }

  #settled(id: number): void {
    this.#waiting.delete(id);
    if (this.#waiting.size === 0) this.#worker.unref();
  }

  /** Rejects every write in flight and every later one with `error` (the first reason is kept). */
  #fail(error: Error): void {
    this.#broken ??= error;
    for (const waiter of this.#waiting.values()) waiter.reject(this.#broken);
    this.#waiting.clear();
    this.#worker.unref();
  }
}

