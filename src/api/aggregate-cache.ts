/**
 * When new data arrives, an overview request waits this long for the recomputation; after that it gets the
 * figures from before the last batch, and the next request the new ones (scanning a year of rollups takes seconds).
 */
export const STALE_GRACE_MS = 250;

interface Entry {
  version: string;
  value: Promise<unknown>;
  settled: boolean;
  /** This entry's value once settled; before that, the newest value of an earlier version (if any). */
  last: { value: unknown } | null;
}

/**
 * Remembers computed aggregates per key together with the data version they were computed at, so repeated
 * overview requests do not rescan the rollups until new posts, alerts or areas arrive. Concurrent misses for
 * the same key and version share one computation. With a grace period, a request that finds the data changed
 * waits at most that long for the recomputation and otherwise gets the previous figures (one batch behind),
 * while the recomputation finishes for the requests after it.
 */
export class AggregateCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxEntries = 256) {}

  /** The cached value of `key` at `version`, or the result of `compute` (stored unless it fails). */
  get<T>(key: string, version: string, compute: () => Promise<T>, graceMs = 0): Promise<T> {
    let entry = this.entries.get(key);
    this.entries.delete(key);
    if (!entry || entry.version !== version) {
      const created: Entry = { version, value: compute(), settled: false, last: entry?.last ?? null };
      created.value.then(
        (value) => {
          created.settled = true;
          created.last = { value };
        },
        () => {
          if (this.entries.get(key) === created) this.entries.delete(key);
        },
      );
      entry = created;
    }
    // Re-inserted on every use, so the Map's order is least-recently-used first.
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    if (entry.settled || graceMs <= 0 || !entry.last) return entry.value as Promise<T>;
    return this.valueOrStale(entry.value, entry.last.value, graceMs) as Promise<T>;
  }

  private async valueOrStale(value: Promise<unknown>, stale: unknown, graceMs: number): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<unknown>((resolve) => {
      timer = setTimeout(() => resolve(stale), graceMs);
    });
    try {
      return await Promise.race([value, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
