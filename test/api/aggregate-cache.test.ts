import { describe, expect, it } from 'vitest';
import { AggregateCache } from '../../src/api/aggregate-cache.js';

describe('AggregateCache', () => {
  it('computes once per key and version, again when the version changes', async () => {
    const cache = new AggregateCache();
    let calls = 0;
    const compute = async () => ++calls;
    expect(await cache.get('areas', 'v1', compute)).toBe(1);
    expect(await cache.get('areas', 'v1', compute)).toBe(1);
    expect(await cache.get('areas', 'v2', compute)).toBe(2);
    expect(await cache.get('topics', 'v2', compute)).toBe(3);
  });

  it('shares one computation between concurrent misses', async () => {
    const cache = new AggregateCache();
    let calls = 0;
    const compute = () => new Promise<number>((resolve) => setTimeout(() => resolve(++calls), 5));
    expect(await Promise.all([cache.get('k', 'v', compute), cache.get('k', 'v', compute)])).toEqual([1, 1]);
  });

  it('forgets failures, so the next request tries again', async () => {
    const cache = new AggregateCache();
    await expect(cache.get('k', 'v', () => Promise.reject(new Error('busy')))).rejects.toThrow('busy');
    expect(await cache.get('k', 'v', async () => 'ok')).toBe('ok');
  });

  it('keeps at most maxEntries keys, dropping the least recently used', async () => {
    const cache = new AggregateCache(2);
    let calls = 0;
    const compute = async () => ++calls;
    await cache.get('a', 'v', compute); // 1
    await cache.get('b', 'v', compute); // 2
    await cache.get('a', 'v', compute); // hit: a is now the most recent
    await cache.get('c', 'v', compute); // 3, evicts b
    expect(await cache.get('a', 'v', compute)).toBe(1);
    expect(await cache.get('b', 'v', compute)).toBe(4);
  });

  it('serves the previous version while a slow recomputation runs, then the new one', async () => {
    const cache = new AggregateCache();
    expect(await cache.get('areas', 'v1', async () => 'old', 20)).toBe('old');
    let finish!: (value: string) => void;
    const slow = () => new Promise<string>((resolve) => (finish = resolve));
    expect(await cache.get('areas', 'v2', slow, 20)).toBe('old'); // waited 20 ms, then the stale value
    expect(await cache.get('areas', 'v2', slow, 20)).toBe('old'); // still computing: no second computation
    finish('new');
    expect(await cache.get('areas', 'v2', slow, 20)).toBe('new');
  });

  it('waits for a recomputation that finishes within the grace period', async () => {
    const cache = new AggregateCache();
    await cache.get('areas', 'v1', async () => 'old', 1000);
    expect(await cache.get('areas', 'v2', async () => 'new', 1000)).toBe('new');
  });

  it('never serves stale data without a grace period', async () => {
    const cache = new AggregateCache();
    await cache.get('areas', 'v1', async () => 'old');
    const fresh = cache.get('areas', 'v2', () => new Promise<string>((resolve) => setTimeout(() => resolve('new'), 30)));
    expect(await fresh).toBe('new');
  });
});
