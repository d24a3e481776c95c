// Where a run's writes go. By default they commit on the main thread through kysely's connection;
// a run on a database file starts a store worker instead (startStoreWorker), so SQLite's inserts and
// commits (about half the CPU time of ingest) run on the second core while the main thread fetches,
// parses and scores the next sources, and a commit of thousands of posts never blocks the event loop.

import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database-schema.js';
import { ingestStatements } from '../db/ingest-store.js';
import { onDatabaseClose } from '../db/open-database.js';
import type { OpenDatabase } from '../db/open-database.js';
import { GroupCommit } from './group-commit.js';
import type { StoreReply, StoreRequest } from './store-worker.js';
import type { StoreOutcome, WriteJob } from './write-jobs.js';

/** Commits write jobs (in groups) and settles each with its outcome. */
export interface StoreWriter {
  add(job: WriteJob): Promise<StoreOutcome | null>;
}

const writers = new WeakMap<Kysely<Database>, StoreWriter>();

/** The writer of a database: its store worker when one was started, else the main thread's connection. */
export function writerFor(db: Kysely<Database>): StoreWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new GroupCommit((work) => db.connection().execute(async () => work(ingestStatements(db))));
    writers.set(db, writer);
  }
  return writer;
}

/**
 * Sends the writes of this database to a worker thread with its own connection, until the database
 * is closed (which waits for the writes in flight). No-op for ':memory:' (a second connection would
 * see another database) or when writes already went elsewhere (their order must hold).
 */
export function startStoreWorker(database: OpenDatabase): void {
  if (database.path === ':memory:' || writers.has(database.db)) return;
  const writer = new WorkerWriter(database.path);
  writers.set(database.db, writer);
  onDatabaseClose(database.db, () => writer.close());
}

class WorkerWriter implements StoreWriter {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve: (value: StoreOutcome | null) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  #broken: Error | null = null;
  #closed: Promise<void> | null = null;

  constructor(file: string) {
    this.#worker = spawnStoreWorker(file);
    // Only writes in flight keep the process alive (see add); an idle writer does not.
    this.#worker.unref();
    this.#worker.on('message', (reply: StoreReply) => {
      if ('closed' in reply) return;
      const waiter = this.#waiting.get(reply.id);
      if (!waiter) return;
      this.#settled(reply.id);
      if (reply.ok) waiter.resolve(reply.value as StoreOutcome | null);
      else waiter.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name }));
    });
    this.#worker.on('error', (error) => this.#fail(new Error(`the database writer failed: ${error.message}`)));
    this.#worker.on('exit', (code) => {
      if (!this.#closed) this.#fail(new Error(`the database writer stopped unexpectedly (exit code ${code})`));
    });
  }

  add(job: WriteJob): Promise<StoreOutcome | null> {
    if (this.#broken) return Promise.reject(this.#broken);
    if (this.#closed) return Promise.reject(new Error('the database is closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#waiting.size === 0) this.#worker.ref();
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, job } satisfies StoreRequest);
    });
  }

  /** Waits for the writes in flight, then stops the worker and its connection. */
  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      if (this.#broken) return resolve();
      this.#worker.ref();
      this.#worker.once('exit', () => resolve());
      this.#worker.postMessage({ close: true } satisfies StoreRequest);
    });
    return this.#closed;
  }

  #settled(id: number): void {
    this.#waiting.delete(id);
    if (this.#waiting.size === 0) this.#worker.unref();
  }

  #fail(error: Error): void {
    this.#broken ??= error;
    for (const waiter of this.#waiting.values()) waiter.reject(error);
    this.#waiting.clear();
    this.#worker.unref();
  }
}

function spawnStoreWorker(file: string): Worker {
  const entry = new URL(import.meta.url.endsWith('.ts') ? './store-worker.ts' : './store-worker.js', import.meta.url);
  if (entry.pathname.endsWith('.ts')) {
    // Run from source (tsx, vitest): a worker does not inherit tsx's loader, so register it first.
    const tsx = import.meta.resolve('tsx/esm/api'); // resolved here: the worker's own base is the cwd
    const code = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
    return new Worker(code, { eval: true, workerData: { file } });
  }
  return new Worker(entry, { workerData: { file } });
}
