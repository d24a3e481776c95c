import type { Worker } from 'node:worker_threads';
import type { CheckpointReply, CheckpointRequest } from './checkpoint-worker.js';
import { spawnWorker } from './spawn-worker.js';

/**
 * WAL pages (≈ 40 MiB) after which the writer completes a checkpoint itself, so that the WAL starts over:
 * SQLite rewinds the WAL only when a writer begins right after a complete checkpoint, which a busy writer
 * never does while another thread checkpoints beside it (the WAL grew to 180 MB in the ingest bench;
 * with this, to ≈ 80 MB).
 */
export const WAL_RESTART_PAGES = 10_000;
/** How long closing waits for the thread's last checkpoint before stopping it. */
const CLOSE_TIMEOUT_MS = 10_000;

/** What `PRAGMA wal_checkpoint` reports. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * The store worker's checkpoint thread (checkpoint-worker.ts). SQLite's automatic checkpoint runs inside
 * the commit that crosses 1,000 WAL pages: it copies them into the database file and fsyncs both files
 * on the thread that writes, which cost ≈ 14 % of ingest time (measured by turning fsync off). Instead,
 * the writing connection turns automatic checkpoints off and calls afterCommit after every commit.
 * Checkpoints of two connections exclude each other, so once the WAL holds `restartPages` the thread gets
 * no more work and the writer checkpoints itself after each commit (`checkpointHere`, PASSIVE: it finds
 * the lock taken while the thread finishes, then little left to copy) until one completes, which lets the
 * WAL start over. If the thread fails, `onFailure` is told and should turn automatic checkpoints back on.
 */
export class WalCheckpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  #stopped = false;
  #walPages = 0;

  constructor(
    file: string,
    private readonly checkpointHere: () => CheckpointResult,
    onFailure: (message: string) => void,
    private readonly restartPages = WAL_RESTART_PAGES,
  ) {
    this.#worker = spawnWorker(import.meta.url, 'checkpoint-worker', { file });
    const fail = (message: string) => {
      if (this.#stopped) return;
      this.#stopped = true;
      onFailure(message);
    };
    this.#worker.on('message', (reply: CheckpointReply) => {
      if ('failed' in reply) return fail(reply.failed);
      this.#walPages = reply.walPages;
    });
    this.#worker.on('error', (error) => fail(error.message));
    this.#exited = new Promise((resolve) =>
      this.#worker.once('exit', (code) => {
        if (code !== 0) fail(`the checkpoint thread stopped (exit code ${code})`);
        resolve();
      }),
    );
  }

  /** After a commit: the thread checkpoints it (commits in quick succession share one). */
  afterCommit(): void {
    if (this.#stopped) return;
    if (this.#walPages >= this.restartPages) {
      const { busy, log, checkpointed } = this.checkpointHere();
      if (busy !== 0 || checkpointed < log) return; // the thread is still at it, or a reader holds frames
      this.#walPages = 0; // complete: the next transaction starts the WAL over
    }
    this.#worker.postMessage('commit' satisfies CheckpointRequest);
  }

  /** A last checkpoint, then the thread ends (or is stopped, should it not within CLOSE_TIMEOUT_MS). */
  close(): Promise<void> {
    if (!this.#stopped) {
      this.#stopped = true;
      this.#worker.postMessage('close' satisfies CheckpointRequest);
      setTimeout(() => void this.#worker.terminate(), CLOSE_TIMEOUT_MS).unref();
    }
    return this.#exited;
  }
}
