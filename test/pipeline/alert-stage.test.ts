import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubscriptionConfig } from '../../src/config/pipeline-schema.js';
import { upsertAreas } from '../../src/db/area.repository.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { upsertSources } from '../../src/db/source.repository.js';
import { computeAlerts } from '../../src/pipeline/compute-alerts.js';
import { deliverWebhooks, writeDigests } from '../../src/pipeline/deliver-alerts.js';
import { storeBatch } from '../../src/pipeline/store-batch.js';
import type { ReadyPost } from '../../src/pipeline/store-batch.js';
import { listAlerts } from '../../src/queries/alert-queries.js';
import { mulberry32, samplePoisson } from '../../src/alerts/index.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { startServer } from '../helpers/local-http-server.js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const SETTINGS = { alpha: 0.025, alpha_by_topic: {}, min_count: 3, cooldown_hours: 72, baseline: 'days' as const, subscriptions: [] };
const BUURTEN = ['BU0363TC01', 'BU0363TC02', 'BU0363TC03', 'BU0363TC04'];
let database: OpenDatabase;
let counter = 0;

function post(day: string, buurt: string, topic: string | null, terms: string[] = [], sentiment = 0.2): ReadyPost {
  counter += 1;
  return {
    draft: {
      sourceId: 's',
      externalId: `p${counter}`,
      url: null,
      canonicalUrl: null,
      title: `Bericht ${counter}`,
      text: `Bericht ${counter} ${terms.join(' ')}`,
      publishedAt: `${day}T10:00:00.000Z`,
      authorHash: null,
      langHint: null,
      lat: null,
      lon: null,
      dedupKey: null,
    },
    score: {
      lang: 'nl',
      sentiment,
      topics: topic ? { [topic]: 0.8 } : {},
      matches: terms.map((term) => ({ kind: 'topic' as const, topic, term, text: term, start: 0, end: term.length, weight: 1 })),
      lexiconVersion: 't@1',
    },
    areas: [
      { code: buurt, confidence: 1, evidence: 'source', direct: true },
      { code: 'WK0363TC', confidence: 1, evidence: `contains ${buurt}`, direct: false },
    ],
  };
}

function day(offset: number): string {
  const date = new Date(Date.UTC(2026, 9, 20 + offset, 12));
  return date.toISOString().slice(0, 10);
}

beforeEach(async () => {
  database = await freshDatabase();
  const now = '2026-11-28T00:00:00Z';
  await upsertSources(database.db, [{ id: 's', pipeline: 't', type: 'feed', url: 's.xml', enabled: true, areas: 'auto', municipality: null }], now);
  await upsertAreas(
    database.db,
    [
      { code: 'WK0363TC', name: 'Amsterdamse Poort e.o.', level: 'wijk', parentCode: null, gemeenteCode: 'GM0363', municipality: 'Amsterdam', aliases: [] },
      ...BUURTEN.map((code, i) => ({ code, name: `Buurt ${i + 1}`, level: 'buurt' as const, parentCode: 'WK0363TC', gemeenteCode: 'GM0363', municipality: 'Amsterdam', aliases: [] })),
    ],
    'pipeline',
    now,
  );
  // 35 days of steady background (nuisance ~2/day per buurt, cybercrime ~0.2/day), then a burst in buurt 1.
  const random = mulberry32(7);
  const posts: ReadyPost[] = [];
  for (let d = 0; d < 35; d++) {
    for (const buurt of BUURTEN) {
      for (let i = samplePoisson(2, random); i > 0; i--) posts.push(post(day(d), buurt, 'nuisance', ['herrie']));
      for (let i = samplePoisson(0.2, random); i > 0; i--) posts.push(post(day(d), buurt, 'cybercrime', ['phishing']));
    }
  }
  for (let i = 0; i < 9; i++) posts.push(post(day(35), BUURTEN[0]!, 'cybercrime', ['nep-sms', 'bank', 'link'], -0.5));
  for (const buurt of BUURTEN) posts.push(post(day(35), buurt, 'nuisance', ['herrie']));
  await storeBatch(database.db, posts, { sourceId: 's', url: 's.xml', startedAt: now, finishedAt: now, httpStatus: null, notModified: false, bytes: 0, items: posts.length, error: null }, { etag: null, lastModified: null, notBefore: null, pollIntervalSeconds: null }, now);
});
afterEach(() => database.close());

describe('computeAlerts on stored rollups', () => {
  it('raises the burst in the buurt, not in its wijk, with top terms and examples', async () => {
    const alerts = await computeAlerts(database.db, { fromDay: day(35), toDay: day(35), settings: SETTINGS });
    const cyber = alerts.filter((a) => a.topic === 'cybercrime');
    expect(cyber.map((a) => [a.area, a.observed])).toEqual([[BUURTEN[0], 9]]);
    expect(cyber[0]!.top_terms.map((t) => t.term)).toEqual(expect.arrayContaining(['nep-sms', 'bank', 'link']));
    expect(cyber[0]!.examples.length).toBeGreaterThan(0);
    expect(cyber[0]!.examples.length).toBeLessThanOrEqual(5);
    const stored = await listAlerts(database.db);
    expect(stored.find((a) => a.topic === 'cybercrime')).toMatchObject({
      area: BUURTEN[0],
      area_name: 'Buurt 1',
      window_start: `${day(35)}T00:00:00.000Z`,
      observed: 9,
    });
  });

  it('is idempotent: recomputing the same days stores no second alert', async () => {
    const first = await computeAlerts(database.db, { fromDay: day(30), toDay: day(35), settings: SETTINGS });
    const second = await computeAlerts(database.db, { fromDay: day(30), toDay: day(35), settings: SETTINGS });
    expect(first.filter((a) => a.is_new)).toHaveLength(first.length);
    expect(second.filter((a) => a.is_new)).toHaveLength(0);
    expect((await listAlerts(database.db)).length).toBe(first.length);
  });

  it('lists a buurt alert under its wijk', async () => {
    await computeAlerts(database.db, { fromDay: day(35), toDay: day(35), settings: SETTINGS });
    const viaWijk = await listAlerts(database.db, { area: 'WK0363TC', topic: 'cybercrime' });
    expect(viaWijk.map((a) => a.area)).toEqual([BUURTEN[0]]);
  });
});

describe('hourly alerts', () => {
  it('fire for a burst within the last 24 hours when the range reaches today', async () => {
    const hourly: ReadyPost[] = [];
    // Eight quiet days with one nuisance post at 10:00 UTC, then eight cybercrime posts in that hour today.
    for (let d = 1; d <= 8; d++) {
      const date = new Date(Date.UTC(2026, 11, 10 - d, 10, 15)).toISOString().slice(0, 10);
      hourly.push({ ...post(date, BUURTEN[1]!, 'nuisance', ['herrie']), draft: { ...post(date, BUURTEN[1]!, 'nuisance').draft, publishedAt: `${date}T10:15:00.000Z` } });
    }
    for (let i = 0; i < 8; i++) {
      const burst = post('2026-12-10', BUURTEN[1]!, 'cybercrime', ['nep-sms'], -0.4);
      hourly.push({ ...burst, draft: { ...burst.draft, publishedAt: `2026-12-10T10:${String(10 + i).padStart(2, '0')}:00.000Z` } });
    }
    const now = '2026-12-10T12:00:00Z';
    await storeBatch(database.db, hourly, { sourceId: 's', url: 's.xml', startedAt: now, finishedAt: now, httpStatus: null, notModified: false, bytes: 0, items: hourly.length, error: null }, { etag: null, lastModified: null, notBefore: null, pollIntervalSeconds: null }, now);
    const alerts = await computeAlerts(database.db, { fromDay: '2026-12-10', toDay: '2026-12-10', settings: SETTINGS, now: new Date('2026-12-10T11:30:00Z') });
    const hour = alerts.filter((a) => a.granularity === 'hour' && a.topic === 'cybercrime');
    expect(hour.map((a) => [a.area, a.window_start, a.observed])).toEqual([[BUURTEN[1], '2026-12-10T10:00:00.000Z', 8]]);
    expect(hour[0]!.examples.length).toBeGreaterThan(0);
  });
});

describe('alert delivery', () => {
  it('retries a webhook that fails, then delivers once when it recovers', async () => {
    let calls = 0;
    const server = await startServer((_req, res) => {
      calls += 1;
      res.statusCode = calls <= 2 ? 503 : 200;
      res.end(calls <= 2 ? 'busy' : 'ok');
    });
    try {
      const alerts = await computeAlerts(database.db, { fromDay: day(35), toDay: day(35), settings: SETTINGS });
      const subscription: SubscriptionConfig = { name: 'comms', areas: ['WK0363TC'], topics: ['cybercrime'], mode: 'realtime', webhook: server.url('/hook'), digest_dir: 'x', digest_hour: 8 };
      const options = { allowPrivateAddresses: true, userAgent: 'test', sleep: async () => {}, retry: { attempts: 4, firstDelayMs: 1 } };
      const result = await deliverWebhooks(database.db, [subscription], alerts, options);
      expect(result).toEqual({ delivered: 1, failed: 0 });
      expect(calls).toBe(3);
      const body = JSON.parse(server.requests[2]!.body.toString('utf8'));
      expect(body).toMatchObject({ type: 'wijkradar.alert', area: BUURTEN[0], topic: 'cybercrime', observed: 9 });
      expect(body.sentence).toContain('Cybercrime');
      // Delivered once: a second delivery pass sends nothing.
      expect(await deliverWebhooks(database.db, [subscription], alerts, options)).toEqual({ delivered: 0, failed: 0 });
      expect(calls).toBe(3);
    } finally {
      await server.close();
    }
  });

  it('records a failure when the receiver never recovers, without throwing', async () => {
    const server = await startServer((_req, res) => {
      res.statusCode = 500;
      res.end();
    });
    try {
      const alerts = await computeAlerts(database.db, { fromDay: day(35), toDay: day(35), settings: SETTINGS });
      const subscription: SubscriptionConfig = { name: 'comms', areas: 'all', topics: ['cybercrime'], mode: 'realtime', webhook: server.url('/hook'), digest_dir: 'x', digest_hour: 8 };
      const result = await deliverWebhooks(database.db, [subscription], alerts, { allowPrivateAddresses: true, userAgent: 't', sleep: async () => {}, retry: { attempts: 3, firstDelayMs: 1 } });
      expect(result).toEqual({ delivered: 0, failed: 1 });
      const row = await database.db.selectFrom('alert_deliveries').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'failed', attempts: 3 });
      expect(row.last_error).toMatch(/500/);
    } finally {
      await server.close();
    }
  });

  it('writes a Markdown and an HTML digest', async () => {
    const alerts = await computeAlerts(database.db, { fromDay: day(35), toDay: day(35), settings: SETTINGS });
    const dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-digest-'));
    const files = await writeDigests(database.db, [{ name: 'ochtend', areas: 'all', topics: 'all', mode: 'digest', digest_dir: dir, digest_hour: 8 }], alerts, new Date('2026-11-25T07:00:00Z'));
    expect(files.map((f) => path.basename(f))).toEqual(['ochtend-2026-11-25.md', 'ochtend-2026-11-25.html']);
    expect(readFileSync(files[0]!, 'utf8')).toContain('Buurt 1');
    expect(readFileSync(files[1]!, 'utf8')).toMatch(/<html/i);
  });
});
