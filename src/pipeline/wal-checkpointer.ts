import type { Worker } from 'node:worker_threads';
import type { CheckpointReply, CheckpointRequest } from './checkpoint-worker.js';
import { spawnWorker } from './spawn-worker.js';

/**
 * WAL pages after which the writing connection still checkpoints by itself (≈ 40 MiB). That checkpoint
 * finds the pages already copied by the checkpoint thread, so it costs little, and it is what lets the
 * WAL start over: SQLite rewinds the WAL only when a writer begins right after a complete checkpoint,
 * which a busy writer with a checkpoint running beside it never does (the WAL then grew to 180 MB in
 * the ingest bench; with this, to 49 MB).
 */
export const WRITER_CHECKPOINT_PAGES = 10_000;

/**
 * The store worker's checkpoint thread (checkpoint-worker.ts). SQLite's automatic checkpoint runs inside
 * the commit that crosses 1,000 WAL pages: it copies them into the database file and fsyncs both files
 * on the thread that writes, which cost ≈ 14 % of ingest time (measured by turning fsync off). Here the
 * writing connection checkpoints only every WRITER_CHECKPOINT_PAGES itself, tells this thread after every
 * commit, and goes on. If the thread fails, `onFailure` should set the automatic checkpoint back to 1,000.
 */
export class WalCheckpointer {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  #stopped = false;

  constructor(file: string, onFailure: (message: string) => void) {
    this.#worker = spawnWorker(import.meta.url, 'checkpoint-worker', { file });
    const fail = (message: string) => {
      if (this.#stopped) return;
      this.#stopped = true;
      onFailure(message);
    };
    this.#worker.on('message', (reply: CheckpointReply) => fail(reply.failed));
    this.#worker.on('error', (error) => fail(error.message));
    this.#exited = new Promise((resolve) =>
      this.#worker.once('exit', (code) => {
        if (code !== 0) fail(`the checkpoint thread stopped (exit code ${code})`);
        resolve();
      }),
    );
  }

  /** Asks for a checkpoint of what was just committed (commits in quick succession share one). */
  afterCommit(): void {
    if (!this.#stopped) this.#worker.postMessage('commit' satisfies CheckpointRequest);
  }

  /** A last checkpoint, then the thread ends. */
  close(): Promise<void> {
    if (!this.#stopped) {
      this.#stopped = true;
      this.#worker.postMessage('close' satisfies CheckpointRequest);
    }
    return this.#exited;
  }
}
