// Worker thread that owns the write connection during a run (see store-writer.ts): it receives write
// jobs as messages, commits them in groups and answers each with its outcome or error.

import { parentPort, workerData } from 'node:worker_threads';
import { IngestStatements } from '../db/ingest-store.js';
import { openSqlite } from '../db/open-sqlite.js';
import { GroupCommit } from './group-commit.js';
import type { WriteJob } from './write-jobs.js';

/** Main thread → worker. */
export type StoreRequest = { id: number; job: WriteJob } | { close: true };
/** Worker → main thread. */
export type StoreReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string } }
  | { closed: true };

const port = parentPort!;
const sqlite = openSqlite((workerData as { file: string }).file);
const store = new IngestStatements(sqlite);
const commit = new GroupCommit(async (work) => work(store), 0);
let outstanding = 0;
let closing = false;

function closeWhenIdle(): void {
  if (!closing || outstanding > 0) return;
  sqlite.close();
  port.postMessage({ closed: true } satisfies StoreReply);
  port.close();
}

port.on('message', (request: StoreRequest) => {
  if ('close' in request) {
    closing = true;
    closeWhenIdle();
    return;
  }
  outstanding += 1;
  commit.add(request.job).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies StoreReply),
    (error: unknown) => {
      const e = error instanceof Error ? error : new Error(String(error));
      port.postMessage({ id: request.id, ok: false, error: { name: e.name, message: e.message } } satisfies StoreReply);
    },
  ).finally(() => {
    outstanding -= 1;
    closeWhenIdle();
  });
});
