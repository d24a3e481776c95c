// Worker thread that checkpoints the WAL for the store worker (see wal-checkpointer.ts), so the thread
// that commits does not wait for a checkpoint's copying and fsyncs.

import { parentPort, workerData } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { openSqlite } from '../db/open-sqlite.js';
import type { CheckpointResult } from './wal-checkpointer.js';

/** Store worker → this thread. */
export type CheckpointRequest = 'commit' | 'close';
/** This thread → store worker: the WAL's size after a checkpoint, or why checkpointing stopped. */
export type CheckpointReply = { walPages: number } | { failed: string };

const port = parentPort!;
let sqlite: SQLite.Database;
try {
  sqlite = openSqlite((workerData as { file: string }).file);
} catch (error) {
  port.postMessage({ failed: (error as Error).message } satisfies CheckpointReply);
  process.exit(1);
}
let due: NodeJS.Immediate | undefined;

/** Copies committed pages into the database file; PASSIVE never blocks the writer or readers. */
function checkpoint(): void {
  due = undefined;
  try {
    const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
    port.postMessage({ walPages: result!.log } satisfies CheckpointReply);
  } catch (error) {
    port.postMessage({ failed: (error as Error).message } satisfies CheckpointReply);
    sqlite.close();
    process.exit(1);
  }
}

port.on('message', (request: CheckpointRequest) => {
  if (request === 'close') {
    clearImmediate(due);
    checkpoint(); // leaves the database file up to date with the writer's last commit
    sqlite.close();
    port.close();
    return;
  }
  // Commits that arrive while a checkpoint runs are covered by one more checkpoint.
  due ??= setImmediate(checkpoint);
});
