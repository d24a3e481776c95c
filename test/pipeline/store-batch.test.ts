import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PostDraft } from '../../src/collectors/post.js';
import { upsertAreas } from '../../src/db/area.repository.js';
import { openDatabase } from '../../src/db/open-database.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { purgePostText } from '../../src/db/post.repository.js';
import { upsertSources } from '../../src/db/source.repository.js';
import { storeBatch, storeNextRun } from '../../src/pipeline/store-batch.js';
import type { ReadyPost } from '../../src/pipeline/store-batch.js';
import { startStoreWorker } from '../../src/pipeline/store-writer.js';
import { areaSummaries } from '../../src/queries/area-summary.js';
import { searchPosts } from '../../src/queries/post-search.js';
import { trend } from '../../src/queries/trend.js';
import { freshDatabase } from '../helpers/fresh-database.js';

const NOW = '2026-11-27T12:00:00.000Z';

function post(id: string, overrides: Partial<PostDraft> = {}, topics: Record<string, number> = {}, sentiment: number | null = 0.5, areas = ['BU0363AD01']): ReadyPost {
  return {
    draft: {
      sourceId: 'a',
      externalId: id,
      url: `https://example.nl/${id}`,
      canonicalUrl: `https://example.nl/${id}`,
      title: `Bericht nummer ${id} over de buurt`,
      text: `Bericht nummer ${id} over de buurt`,
      publishedAt: '2026-11-20T10:00:00.000Z',
      authorHash: null,
      langHint: null,
      lat: null,
      lon: null,
      dedupKey: null,
      ...overrides,
    },
    score: {
      lang: 'nl',
      sentiment,
      topics,
      matches: Object.keys(topics).map((topic) => ({ kind: 'topic' as const, topic, term: topic, text: topic, start: 0, end: 1, weight: 1 })),
      lexiconVersion: 'test@1',
    },
    areas: areas.flatMap((code) => [
      { code, confidence: 1, evidence: 'source', direct: true },
      { code: 'WK0363AD', confidence: 1, evidence: `contains ${code}`, direct: false },
      { code: 'GM0363', confidence: 1, evidence: `contains ${code}`, direct: false },
    ]),
  };
}

function attempt(sourceId = 'a') {
  return { sourceId, url: 'file', startedAt: NOW, finishedAt: NOW, httpStatus: 200, notModified: false, bytes: 10, items: 1, error: null };
}
const STATE = { etag: '"v1"', lastModified: null, notBefore: null, pollIntervalSeconds: null };

let database: OpenDatabase;
let dir: string | null = null;

// Every case runs with the writes on the main thread (':memory:') and through a store worker (a file).
describe.each(['main thread', 'store worker'] as const)('storeBatch (%s)', (mode) => {
  beforeEach(async () => {
    if (mode === 'store worker') {
      dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-store-'));
      database = await openDatabase(path.join(dir, 'store.db'));
      await startStoreWorker(database);
    } else database = await freshDatabase();
    await upsertSources(
      database.db,
      ['a', 'b'].map((id) => ({ id, pipeline: 't', type: 'feed', url: `${id}.xml`, enabled: true, areas: ['BU0363AD01'], municipality: null })),
      NOW,
    );
    await upsertAreas(
      database.db,
      [
        { code: 'GM0363', name: 'Amsterdam', level: 'gemeente', parentCode: null, gemeenteCode: 'GM0363', municipality: 'Amsterdam', aliases: [] },
        { code: 'WK0363AD', name: 'De Pijp', level: 'wijk', parentCode: 'GM0363', gemeenteCode: 'GM0363', municipality: 'Amsterdam', aliases: [] },
        { code: 'BU0363AD01', name: 'Buurt A', level: 'buurt', parentCode: 'WK0363AD', gemeenteCode: 'GM0363', municipality: 'Amsterdam', aliases: [] },
        { code: 'BU0363AD02', name: 'Buurt B', level: 'buurt', parentCode: 'WK0363AD', gemeenteCode: 'GM0363', municipality: 'Amsterdam', aliases: [] },
      ],
      'pipeline',
      NOW,
    );
  });
  afterEach(async () => {
    await database.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('stores posts once: a rerun of the same batch adds nothing', async () => {
    const batch = [post('1', {}, { cybercrime: 0.8 }), post('2')];
    const first = await storeBatch(database.db, batch, attempt(), STATE, NOW);
    const second = await storeBatch(database.db, batch, attempt(), STATE, NOW);
    expect(first).toMatchObject({ received: 2, inserted: 2, alreadyStored: 0 });
    expect(second).toMatchObject({ received: 2, inserted: 0, alreadyStored: 2 });
    const [area] = await areaSummaries(database.db, { untilDay: '2026-11-27', areaCodes: ['BU0363AD01'] });
    expect(area!.posts).toBe(2);
    expect(area!.topics).toEqual({ cybercrime: 1 });
  });

  it('stores the same canonical URL from two sources once', async () => {
    await storeBatch(database.db, [post('1')], attempt(), STATE, NOW);
    const other = post('x', { sourceId: 'b', url: 'https://example.nl/1?utm_source=b', canonicalUrl: 'https://example.nl/1' });
    const outcome = await storeBatch(database.db, [other], attempt('b'), STATE, NOW);
    expect(outcome).toMatchObject({ inserted: 0, sameUrlElsewhere: 1 });
  });

  it('links near-duplicates to the first post and counts them once', async () => {
    const key = 'brand in woning aan de warmoesstraat';
    await storeBatch(database.db, [post('1', { dedupKey: key }), post('2', { dedupKey: key })], attempt(), STATE, NOW);
    await storeBatch(database.db, [post('3', { sourceId: 'b', dedupKey: key })], attempt('b'), STATE, NOW);
    const posts = await searchPosts(database.db, { includeDuplicates: true });
    const original = posts.find((p) => p.duplicate_of === null)!;
    expect(posts.filter((p) => p.duplicate_of === original.id)).toHaveLength(2);
    expect(await searchPosts(database.db, {})).toHaveLength(1);
    const [gemeente] = await areaSummaries(database.db, { untilDay: '2026-11-27', areaCodes: ['GM0363'] });
    expect(gemeente!.posts).toBe(1);
  });

  it('aggregates a buurt into its wijk and gemeente', async () => {
    await storeBatch(
      database.db,
      [post('1', {}, { nuisance: 0.5 }, -0.6, ['BU0363AD01']), post('2', {}, { nuisance: 0.4 }, 0.2, ['BU0363AD02']), post('3', {}, {}, null, ['BU0363AD02'])],
      attempt(),
      STATE,
      NOW,
    );
    const rows = await areaSummaries(database.db, { untilDay: '2026-11-27' });
    const by = Object.fromEntries(rows.map((r) => [r.code, r]));
    expect(by.BU0363AD01!.posts).toBe(1);
    expect(by.BU0363AD02!.posts).toBe(2);
    expect(by.WK0363AD!.posts).toBe(3);
    expect(by.GM0363!.posts).toBe(3);
    expect(by.WK0363AD!.topics).toEqual({ nuisance: 2 });
    expect(by.WK0363AD!.sentiment).toBeCloseTo(-0.2, 5);
    expect(by.WK0363AD!.negative_share).toBeCloseTo(0.5, 5);
    const weekly = await trend(database.db, { area: 'WK0363AD', topic: 'nuisance', by: 'week' });
    expect(weekly).toEqual([{ period: '2026-11-16', posts: 2, sentiment: -0.2, negative: 1 }]);
  });

  it('fills trend gaps with zeros by day', async () => {
    await storeBatch(
      database.db,
      [post('1', { publishedAt: '2026-11-01T10:00:00Z' }), post('2', { publishedAt: '2026-11-03T22:30:00Z' })],
      attempt(),
      STATE,
      NOW,
    );
    const daily = await trend(database.db, { area: 'BU0363AD01', by: 'day' });
    // 22:30 UTC on 3 November is 23:30 in Amsterdam: still the 3rd.
    expect(daily.map((p) => [p.period, p.posts])).toEqual([
      ['2026-11-01', 1],
      ['2026-11-02', 0],
      ['2026-11-03', 1],
    ]);
  });

  it('finds posts by area, topic and full-text search, with the words that explain them', async () => {
    await storeBatch(
      database.db,
      [post('1', { text: 'Pas op voor nep-sms van de bank' }, { cybercrime: 0.9 }), post('2', { text: 'Gezellig buurtfeest' }, { events_tourism: 0.7 }, 0.8, ['BU0363AD02'])],
      attempt(),
      STATE,
      NOW,
    );
    const cyber = await searchPosts(database.db, { topic: 'cybercrime' });
    expect(cyber.map((p) => p.text)).toEqual(['Pas op voor nep-sms van de bank']);
    expect(cyber[0]!.matches[0]).toMatchObject({ topic: 'cybercrime' });
    expect((await searchPosts(database.db, { search: 'buurtfeest' })).map((p) => p.id)).toHaveLength(1);
    expect(await searchPosts(database.db, { search: 'nep-sms "bank' })).toHaveLength(1);
    expect(await searchPosts(database.db, { area: 'BU0363AD02' })).toHaveLength(1);
    expect(await searchPosts(database.db, { area: 'WK0363AD' })).toHaveLength(2);
  });

  it('purges text after retention but keeps aggregates', async () => {
    await storeBatch(database.db, [post('1', { publishedAt: '2026-01-01T10:00:00Z' }, { hate: 1 }), post('2')], attempt(), STATE, NOW);
    const purged = await purgePostText(database.db, '2026-06-01T00:00:00Z', NOW);
    expect(purged).toBe(1);
    const posts = await searchPosts(database.db, { topic: 'hate' });
    expect(posts[0]).toMatchObject({ text: null, title: null });
    expect(await searchPosts(database.db, { search: 'nummer' })).toHaveLength(1);
    const [area] = await areaSummaries(database.db, { untilDay: '2026-11-27', areaCodes: ['BU0363AD01'] });
    expect(area!.posts).toBe(2);
    expect(area!.topics).toEqual({ hate: 1 });
  });

  it('records the fetch and state in the same transaction', async () => {
    await storeBatch(database.db, [post('1')], attempt(), STATE, NOW);
    const log = await database.db.selectFrom('fetch_log').selectAll().execute();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ source_id: 'a', http_status: 200, new_items: 1, error: null });
    const state = await database.db.selectFrom('collector_state').selectAll().executeTakeFirstOrThrow();
    expect(state.etag).toBe('"v1"');
    const source = await database.db.selectFrom('sources').selectAll().where('id', '=', 'a').executeTakeFirstOrThrow();
    expect(source).toMatchObject({ items_total: 1, consecutive_failures: 0, last_status: 200 });
  });

  it("records when a scheduled source runs next, and clears it", async () => {
    const nextRun = async () => (await database.db.selectFrom('sources').select('next_run_at').where('id', '=', 'a').executeTakeFirstOrThrow()).next_run_at;
    await storeNextRun(database.db, 'a', '2026-11-27T12:05:00.000Z');
    expect(await nextRun()).toBe('2026-11-27T12:05:00.000Z');
    await storeNextRun(database.db, 'a', null);
    expect(await nextRun()).toBeNull();
  });

  it("stores a scheduled source's next poll interval with its batch: longer when nothing was new", async () => {
    const poll = { minSeconds: 600, maxSeconds: 7200 };
    const interval = async () =>
      (await database.db.selectFrom('collector_state').select('poll_interval_seconds').where('source_id', '=', 'a').executeTakeFirstOrThrow()).poll_interval_seconds;
    await storeBatch(database.db, [post('1')], attempt(), STATE, NOW, poll);
    const first = await interval();
    expect(first).toBeGreaterThanOrEqual(600);
    await storeBatch(database.db, [post('1')], attempt(), { ...STATE, pollIntervalSeconds: first }, NOW, poll);
    expect(await interval()).toBeGreaterThan(first!);
    await storeBatch(database.db, [post('1')], attempt(), { ...STATE, pollIntervalSeconds: 900 }, NOW);
    expect(await interval()).toBe(900);
  });

  it('stores batches that arrive together in one commit, each with its own outcome, duplicates linked across them', async () => {
    const key = 'inbraak in portiekflat aan de kinkerstraat';
    const [a, b] = await Promise.all([
      storeBatch(database.db, [post('1', { dedupKey: key }), post('2')], attempt('a'), STATE, NOW),
      storeBatch(database.db, [post('9', { sourceId: 'b', dedupKey: key })], attempt('b'), STATE, NOW),
    ]);
    expect(a).toMatchObject({ inserted: 2, nearDuplicates: 0 });
    expect(b).toMatchObject({ inserted: 1, nearDuplicates: 1 });
    expect(await searchPosts(database.db, { includeDuplicates: true })).toHaveLength(3);
    const [gemeente] = await areaSummaries(database.db, { untilDay: '2026-11-27', areaCodes: ['GM0363'] });
    expect(gemeente!.posts).toBe(2);
  });

  it('a batch that fails leaves the batches committed with it stored, and stores nothing of its own', async () => {
    // A post without an external id breaks NOT NULL after a good post of the same batch was inserted.
    const broken = storeBatch(database.db, [post('2'), post('x', { externalId: null as unknown as string })], attempt('a'), STATE, NOW);
    const good = storeBatch(database.db, [post('1', { sourceId: 'b' })], attempt('b'), STATE, NOW);
    await expect(broken).rejects.toThrow(/NOT NULL/);
    await expect(good).resolves.toMatchObject({ inserted: 1 });
    const stored = await database.db.selectFrom('posts').select(['source_id', 'external_id']).execute();
    expect(stored).toEqual([{ source_id: 'b', external_id: '1' }]);
    const log = await database.db.selectFrom('fetch_log').select('source_id').execute();
    expect(log).toEqual([{ source_id: 'b' }]);
  });
});
