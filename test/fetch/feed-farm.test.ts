// Tests bench/collection-server.ts (the feed farm of the collection benchmark) through the real HTTP client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from 'htmlparser2';
import { FeedFarmError, startFeedFarm } from '../../bench/collection-server.js';
import type { FeedFarm } from '../../bench/collection-server.js';
import { decodeBody } from '../../src/fetch/decode-body.js';
import { fetchUrl } from '../../src/fetch/index.js';
import { HostLimiter } from '../../src/fetch/host-limiter.js';

const options = { allowPrivateAddresses: true, timeoutMs: 5000 };
let farm: FeedFarm;

beforeAll(async () => {
  farm = await startFeedFarm({ hosts: 3, feedsPerHost: 2, itemsPerFeed: 5, latencyMs: 10 });
});
afterAll(() => farm?.close());

describe('startFeedFarm', () => {
  it('serves hosts × feedsPerHost feeds on distinct loopback addresses', () => {
    expect(farm.urls).toHaveLength(6);
    expect(farm.hosts).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3']);
    expect(new Set(farm.urls.map((u) => new URL(u).hostname))).toEqual(new Set(farm.hosts));
    expect(farm.expectedItems).toBe(30);
  });

  it('serves valid RSS with Dutch items and guids unique across the farm', async () => {
    const limiter = new HostLimiter({ minIntervalMs: 0 });
    const guids: string[] = [];
    for (const result of await Promise.all(farm.urls.map((url) => limiter.run(url, () => fetchUrl(url, options))))) {
      const { text, encoding } = decodeBody(result.body, result.contentType);
      expect(encoding).toBe('utf-8');
      const feed = parseFeed(text, { xmlMode: true });
      expect(feed?.type).toBe('rss');
      expect(feed?.items).toHaveLength(5);
      for (const item of feed?.items ?? []) {
        expect(item.title).toMatch(/ in /);
        expect(item.description?.length).toBeGreaterThan(20);
        expect(Number.isNaN(item.pubDate?.getTime())).toBe(false);
      }
      guids.push(...[...text.matchAll(/<guid[^>]*>([^<]+)<\/guid>/g)].map((m) => m[1] as string));
    }
    expect(guids).toHaveLength(30);
    expect(new Set(guids).size).toBe(30);
  });

  it('is deterministic, answers 304 to its ETag and 404 to unknown feeds, and counts it all', async () => {
    const url = farm.urls[3] as string;
    const first = await fetchUrl(url, options);
    const again = await fetchUrl(url, options);
    expect(again.body.equals(first.body)).toBe(true);
    const before = { ...farm.stats };
    expect((await fetchUrl(url, { ...options, etag: first.etag })).notModified).toBe(true);
    await expect(fetchUrl(url.replace(/\d+\.xml$/, '99.xml'), options)).rejects.toMatchObject({ status: 404 });
    expect(farm.stats.requests - before.requests).toBe(2);
    expect(farm.stats.notModified - before.notModified).toBe(1);
    expect(farm.stats.notFound - before.notFound).toBe(1);
    expect(farm.stats.bytesServed).toBeGreaterThan(0);
  });

  it('rejects impossible options', async () => {
    await expect(startFeedFarm({ hosts: 0, feedsPerHost: 1, itemsPerFeed: 1, latencyMs: 0 })).rejects.toBeInstanceOf(FeedFarmError);
    await expect(startFeedFarm({ hosts: 1, feedsPerHost: 1.5, itemsPerFeed: 1, latencyMs: 0 })).rejects.toThrow(/whole number/);
  });
});
