import { setTimeout as delay } from 'node:timers/promises';
import PQueue from 'p-queue';

/** Options of a HostLimiter; the clock and sleep are injectable so tests need not wait. */
export interface HostLimiterOptions {
  /** Tasks running at once against one host. Default 2. */
  concurrency?: number;
  /** Minimum time between the starts of two tasks against one host. Default 2000 ms. */
  minIntervalMs?: number;
  /** A host that asked for a longer pause than this fails tasks at once instead of holding them. Default 60 s. */
  maxWaitMs?: number;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Options of one `run`. */
export interface RunOptions {
  /** Removes the task from the queue (or stops its wait) when aborted. */
  signal?: AbortSignal;
}

interface HostState {
  readonly queue: PQueue;
  /** When the last task started. */
  lastStart: number;
  /** Settles when the last task in line has started (or left the line): the next one waits for it. */
  turn: Promise<void>;
  /** The host asked (Retry-After) not to be contacted before this time. */
  blockedUntil: number;
}

const PRUNE_THRESHOLD = 1000;

/**
 * Politeness per host: at most `concurrency` tasks at once, starts at least `minIntervalMs` apart, and a
 * host that answered with Retry-After is left alone until then. Independent of the HTTP client: a task
 * whose error carries a numeric `retryAfterMs` (as FetchError does) pauses its host.
 * @example
 * const limiter = new HostLimiter();
 * const result = await limiter.run(url, () => fetchUrl(url));
 */
export class HostLimiter {
  private readonly concurrency: number;
  private readonly minIntervalMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly hosts = new Map<string, HostState>();

  constructor(options: HostLimiterOptions = {}) {
    this.concurrency = options.concurrency ?? 2;
    this.minIntervalMs = options.minIntervalMs ?? 2000;
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, signal === undefined ? {} : { signal }));
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new RangeError(`HostLimiter concurrency must be a whole number of at least 1, not ${this.concurrency}; fix the limiter options.`);
    }
  }

  /**
   * Runs `task` when the URL's host may be contacted. URLs that are not http(s) (local files) run at once.
   * Rejects with HostBackoffError when the host asked to be left alone for longer than `maxWaitMs`.
   */
  run<T>(url: string, task: () => Promise<T>, options: RunOptions = {}): Promise<T> {
    const host = hostOf(url);
    if (host === null) return task();
    const state = this.stateFor(host);
    const { signal } = options;
    return state.queue.add(
      async () => {
        await this.waitTurn(host, state, signal);
        try {
          return await task();
        } catch (error) {
          const retryAfterMs = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
          if (typeof retryAfterMs === 'number' && retryAfterMs > 0) this.pause(state, retryAfterMs);
          throw error;
        }
      },
      signal === undefined ? {} : { signal },
    );
  }

  /** Leaves the URL's host alone for `ms` from now (e.g. after a Retry-After seen elsewhere). */
  deferHost(url: string, ms: number): void {
    const host = hostOf(url);
    if (host !== null) this.pause(this.stateFor(host), ms);
  }

  /** The time (ms since epoch, per the limiter's clock) before which the host is left alone, or null. */
  blockedUntil(url: string): number | null {
    const host = hostOf(url);
    const state = host === null ? undefined : this.hosts.get(host);
    return state && state.blockedUntil > this.now() ? state.blockedUntil : null;
  }

  /** Tasks waiting or running, over all hosts. */
  get pending(): number {
    let count = 0;
    for (const state of this.hosts.values()) count += state.queue.size + state.queue.pending;
    return count;
  }

  /** Resolves when no task is waiting or running. */
  async onIdle(): Promise<void> {
    while (this.pending > 0) await Promise.all([...this.hosts.values()].map((state) => state.queue.onIdle()));
  }

  private pause(state: HostState, ms: number): void {
    state.blockedUntil = Math.max(state.blockedUntil, this.now() + ms);
  }

  private async waitTurn(host: string, state: HostState, signal: AbortSignal | undefined): Promise<void> {
    // Tasks take their turns in order: each waits until the one before it has started, then keeps the
    // interval from that start. (Reserving slots ahead let a task whose slot passed during a stall of
    // the process start before an earlier one that was still asleep, and both at once.)
    const previous = state.turn;
    let done!: () => void;
    state.turn = new Promise<void>((resolve) => (done = resolve));
    try {
      // An aborted task leaves the queue at once (p-queue rejects it); its wait here ends at the check below.
      await previous;
      for (;;) {
        signal?.throwIfAborted();
        const now = this.now();
        if (state.blockedUntil - now > this.maxWaitMs) throw new HostBackoffError(host, state.blockedUntil, now);
        const at = Math.max(now, state.lastStart + this.minIntervalMs, state.blockedUntil);
        if (at <= now) {
          state.lastStart = now;
          return;
        }
        await this.sleep(at - now, signal);
        // A Retry-After that arrived while we slept moves us back in line.
        if (state.blockedUntil <= this.now()) {
          state.lastStart = Math.max(this.now(), at);
          return;
        }
      }
    } finally {
      // The next task may go once this one started or left, but never before the ones ahead of it.
      void previous.then(done);
    }
  }

  private stateFor(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      if (this.hosts.size >= PRUNE_THRESHOLD) this.prune();
      state = { queue: new PQueue({ concurrency: this.concurrency }), lastStart: -Infinity, turn: Promise.resolve(), blockedUntil: -Infinity };
      this.hosts.set(host, state);
    }
    return state;
  }

  /** Forgets hosts that are idle and owe no waiting, so a long-running scheduler does not grow forever. */
  private prune(): void {
    const now = this.now();
    for (const [host, state] of this.hosts) {
      const idle = state.queue.size === 0 && state.queue.pending === 0;
      if (idle && state.lastStart + this.minIntervalMs <= now && state.blockedUntil <= now) this.hosts.delete(host);
    }
  }
}

/** A host asked (Retry-After) not to be contacted for longer than the limiter is willing to hold a task. */
export class HostBackoffError extends Error {
  override readonly name = 'HostBackoffError';
  readonly host: string;
  readonly retryAt: number;
  /** How long from now the host wants to be left alone, so callers can schedule the source like a 429. */
  readonly retryAfterMs: number;

  constructor(host: string, retryAt: number, now: number = Date.now()) {
    super(
      `${host} asked not to be contacted until ${new Date(retryAt).toISOString()} (Retry-After); the source will be fetched again on a run after that, or lower its schedule frequency.`,
    );
    this.host = host;
    this.retryAt = retryAt;
    this.retryAfterMs = Math.max(0, retryAt - now);
  }
}

/**
 * Exponential backoff with full jitter: a random delay between 0 and min(maxMs, baseMs · 2^(failures−1)).
 * No failures, no delay. Pure when `random` is injected.
 * @example backoffDelay(3, 1000, 60_000, () => 0.5) // 2000
 */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  if (failures <= 0) return 0;
  // Capping the exponent keeps 2 ** n finite for absurd failure counts.
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 52));
  return Math.floor(random() * ceiling);
}

function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.hostname.toLowerCase();
  } catch {
    return null;
  }
}
