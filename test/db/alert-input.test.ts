import { afterAll, beforeAll, expect, it } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import { alertPostsPlan, alertPostsQuery, postsForAlert } from '../../src/db/alert-input.repository.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { upsertSources } from '../../src/db/source.repository.js';
import { storeBatch } from '../../src/pipeline/store-batch.js';
import type { ReadyPost } from '../../src/pipeline/store-batch.js';
import { mulberry32 } from '../../src/alerts/index.js';
import { freshDatabase } from '../helpers/fresh-database.js';

const NOW = '2026-11-27T12:00:00.000Z';
let database: OpenDatabase;

// 600 posts over 10 days in a municipality; a few in one small buurt. Many share a publication
// time, so the order of ties matters for which posts fall within a limit.
beforeAll(async () => {
  database = await freshDatabase();
  await upsertSources(database.db, [{ id: 's', pipeline: 't', type: 'feed', url: 's.xml', enabled: true, areas: [], municipality: null }], NOW);
  const random = mulberry32(7);
  const posts: ReadyPost[] = Array.from({ length: 600 }, (_, i) => {
    const small = i % 20 === 0;
    const topics: Record<string, number> = random() < 0.4 ? { nuisance: 0.8 } : {};
    return {
      draft: {
        sourceId: 's', externalId: `p${i}`, url: null, canonicalUrl: null, title: `Bericht ${i}`, text: `Bericht ${i}`,
        publishedAt: `2026-11-${String(10 + (i % 10)).padStart(2, '0')}T${String(8 + (i % 3)).padStart(2, '0')}:00:00.000Z`,
        // Every 7th post carries the story of another feed: stored, linked, never counted.
        authorHash: null, langHint: null, lat: null, lon: null, dedupKey: i % 7 === 0 ? `verhaal ${i % 3} over de buurt vandaag` : null,
      },
      score: { lang: 'nl', sentiment: random() < 0.3 ? -0.6 : 0.3, topics, matches: [], lexiconVersion: 't@1' },
      areas: [
        ...(small ? [{ code: 'BU0363AD01', confidence: 1, evidence: 'source', direct: true }] : []),
        { code: 'GM0363', confidence: 1, evidence: small ? 'contains BU0363AD01' : 'source', direct: !small },
      ],
    };
  });
  await storeBatch(database.db, posts, { sourceId: 's', url: 's.xml', startedAt: NOW, finishedAt: NOW, httpStatus: 200, notModified: false, bytes: 1, items: 600, error: null }, { etag: null, lastModified: null, notBefore: null, pollIntervalSeconds: null }, NOW);
});
afterAll(() => database.close());

const CASES = [
  ['GM0363', 'nuisance', '2026-11-12T00:00:00.000Z', '2026-11-13T00:00:00.000Z', 10],
  ['GM0363', '*', '2026-11-10T00:00:00.000Z', '2026-11-20T00:00:00.000Z', 45],
  ['GM0363', 'negative', '2026-11-11T00:00:00.000Z', '2026-11-15T00:00:00.000Z', 2000],
  ['BU0363AD01', '*', '2026-11-10T00:00:00.000Z', '2026-11-20T00:00:00.000Z', 200],
  ['BU0363AD01', 'nuisance', '2026-11-10T00:00:00.000Z', '2026-11-12T00:00:00.000Z', 1],
] as const;

it.each(CASES)('both plans give the same posts in the same order: %s %s %s–%s, limit %i', async (area, topic, from, to, limit) => {
  const byArea = await alertPostsQuery(database.db, 'by-area', area, topic, from, to, limit).execute();
  const byTime = await alertPostsQuery(database.db, 'by-time', area, topic, from, to, limit).execute();
  expect(byTime.map((p) => p.id)).toEqual(byArea.map((p) => p.id));
  expect(await postsForAlert(database.db, area, topic, from, to, limit)).toEqual(byArea);
  expect(byArea.length).toBeGreaterThan(0);
  for (let i = 1; i < byArea.length; i++) {
    const [a, b] = [byArea[i - 1]!, byArea[i]!];
    expect(a.published_at > b.published_at || (a.published_at === b.published_at && a.id > b.id)).toBe(true);
  }
});

async function planOf(plan: 'by-area' | 'by-time'): Promise<string> {
  const compiled = alertPostsQuery(database.db, plan, 'GM0363', 'nuisance', '2026-11-12T00:00:00.000Z', '2026-11-13T00:00:00.000Z', 10).compile();
  const rows = await database.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]));
  return rows.rows.map((r) => r.detail).join(' | ');
}

it('each plan starts where it says, with or without statistics (ANALYZE)', async () => {
  for (const analyzed of [false, true]) {
    if (analyzed) await sql`ANALYZE`.execute(database.db);
    const byArea = await planOf('by-area');
    const byTime = await planOf('by-time');
    expect(byArea.split(' | ')[0]).toMatch(/post_areas/);
    expect(byArea).not.toMatch(/posts_published/);
    expect(byTime.split(' | ')[0]).toMatch(/posts USING INDEX posts_published/);
    expect(byTime).not.toMatch(/TEMP B-TREE/);
  }
});

it('reads through the time range when the area has more posts than the range, else through the area', async () => {
  expect(await alertPostsPlan(database.db, 'GM0363', '2026-11-12T00:00:00.000Z', '2026-11-13T00:00:00.000Z')).toBe('by-time');
  expect(await alertPostsPlan(database.db, 'BU0363AD01', '2026-11-10T00:00:00.000Z', '2026-11-20T00:00:00.000Z')).toBe('by-area');
});
