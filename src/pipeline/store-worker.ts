// Worker thread that owns the write connection during a run (see store-writer.ts): it receives write
// jobs as messages, commits them in groups and answers each with its outcome or error. Its WAL is
// checkpointed by a thread of its own (wal-checkpointer.ts).

import { parentPort, workerData } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { IngestStatements } from '../db/ingest-store.js';
import { openSqlite } from '../db/open-sqlite.js';
import { GroupCommit, WORKER_GROUP_WAIT_MS } from './group-commit.js';
import { WalCheckpointer } from './wal-checkpointer.js';
import type { CheckpointResult } from './wal-checkpointer.js';
import type { WriteJob } from './write-jobs.js';

/** Main thread → worker. */
export type StoreRequest = { id: number; job: WriteJob } | { close: true };
/** Worker → main thread: first `ready` (or `failed` to open), then one reply per job. */
export type StoreReply =
  | { ready: true }
  | { failed: string }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { name: string; message: string; code?: string } };

const port = parentPort!;
const { file, walRestartPages } = workerData as { file: string; walRestartPages?: number };
let sqlite: SQLite.Database;
try {
  sqlite = openSqlite(file);
} catch (error) {
  port.postMessage({ failed: (error as Error).message } satisfies StoreReply);
  process.exit(1);
}
// Checkpoints run on a thread of their own; should it fail, SQLite's automatic ones take over again.
sqlite.pragma('wal_autocheckpoint = 0');
function checkpointHereFromNowOn(reason: string): void {
  console.error(`wijkradar: the WAL checkpoint thread stopped (${reason}); the writing thread checkpoints again.`);
  if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
}
let checkpointer: WalCheckpointer | null = null;
try {
  const checkpointHere = () => (sqlite.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[])[0]!;
  checkpointer = new WalCheckpointer(file, checkpointHere, checkpointHereFromNowOn, walRestartPages);
} catch (error) {
  checkpointHereFromNowOn((error as Error).message);
}
const store = new IngestStatements(sqlite);
const commit = new GroupCommit(async (work) => {
  work(store);
  checkpointer?.afterCommit();
}, WORKER_GROUP_WAIT_MS);
let outstanding = 0;
let closing = false;
let closed = false;

function closeWhenIdle(): void {
  if (!closing || closed || outstanding > 0) return;
  closed = true;
  sqlite.close();
  if (checkpointer === null) port.close();
  else void checkpointer.close().then(() => port.close());
}

port.on('message', (request: StoreRequest) => {
  if ('close' in request) {
    closing = true;
    closeWhenIdle();
    return;
  }
  outstanding += 1;
  commit
    .add(request.job)
    .then(
      (value) => port.postMessage({ id: request.id, ok: true, value } satisfies StoreReply),
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        const code = (e as { code?: unknown }).code;
        port.postMessage({ id: request.id, ok: false, error: { name: e.name, message: e.message, code: typeof code === 'string' ? code : undefined } } satisfies StoreReply);
      },
    )
    .finally(() => {
      outstanding -= 1;
      closeWhenIdle();
    });
});
port.postMessage({ ready: true } satisfies StoreReply);
