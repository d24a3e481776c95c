import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_MESSAGE } from '../../src/api/create-app.js';
import { startServer } from '../../src/api/start-server.js';
import type { RunningServer } from '../../src/api/start-server.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { storeBatch } from '../../src/pipeline/store-batch.js';
import { auditLog, revoke } from '../../src/queries/access.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { BUURTEN, NOW, XSS_TEXT, seedFixture } from './api-fixture.js';
import type { Fixture } from './api-fixture.js';
import { failUntilStopped } from './source-failures.js';

let database: OpenDatabase;
let fixture: Fixture;
let server: RunningServer;
const logged: string[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  fixture = await seedFixture(database.db);
  server = await startServer({ db: database.db, port: 0, host: '127.0.0.1', now: () => new Date(NOW), logError: (text) => logged.push(text) });
});
afterAll(async () => {
  await server.close();
  await database.close();
});

type Who = 'viewer' | 'analyst' | 'admin' | null;

async function get(path: string, who: Who = 'viewer', headers: Record<string, string> = {}) {
  const auth: Record<string, string> = who ? { Authorization: `Bearer ${fixture.tokens[who]}` } : {};
  const response = await fetch(server.url + path, { headers: { ...auth, ...headers } });
  const text = await response.text();
  const parsed = (response.headers.get('content-type') ?? '').includes('json') && text ? (JSON.parse(text) as unknown) : null;
  const meta = response.headers.get('x-meta');
  // Lists are JSON arrays with their context in X-Meta; tests read both as one object, as the dashboard does.
  const json = (Array.isArray(parsed) ? { ...(meta ? JSON.parse(decodeURIComponent(meta)) : {}), items: parsed } : parsed) as Record<string, any> | null;
  return { status: response.status, headers: response.headers, text, json, body: parsed };
}

async function post(path: string, who: Who, body: string, contentType = 'application/json') {
  const auth: Record<string, string> = who ? { Authorization: `Bearer ${fixture.tokens[who]}` } : {};
  const response = await fetch(server.url + path, { method: 'POST', headers: { ...auth, 'Content-Type': contentType }, body });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

/** A full sentence: starts with a capital letter, ends with a period. */
const SENTENCE = /^[A-Z"].*\.$/s;

describe('authentication and roles', () => {
  it.each([
    ['no header', {}],
    ['an unknown token', { Authorization: 'Bearer wr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }],
    ['a malformed token', { Authorization: 'Bearer not-a-token' }],
    ['another scheme', { Authorization: 'Basic dmVyYTpzZWNyZXQ=' }],
  ])('answers 401 with %s', async (_, headers) => {
    const response = await get('/api/areas', null, headers);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(response.json?.error).toMatch(SENTENCE);
  });

  it('answers 401 for a revoked token', async () => {
    const db = await freshDatabase();
    const own = await seedFixture(db.db);
    const own_server = await startServer({ db: db.db, port: 0, host: '127.0.0.1', now: () => new Date(NOW) });
    try {
      const before = await fetch(`${own_server.url}/api/me`, { headers: { Authorization: `Bearer ${own.tokens.viewer}` } });
      expect(before.status).toBe(200);
      await revoke(db.db, 'vera');
      const after = await fetch(`${own_server.url}/api/me`, { headers: { Authorization: `Bearer ${own.tokens.viewer}` } });
      expect(after.status).toBe(401);
    } finally {
      await own_server.close();
      await db.close();
    }
  });

  it.each<[string, string, Who, number]>([
    ['GET', '/api/posts', 'viewer', 403],
    ['GET', '/api/posts', 'analyst', 200],
    ['GET', '/api/posts', 'admin', 200],
    ['GET', '/api/audit', 'viewer', 403],
    ['GET', '/api/audit', 'analyst', 403],
    ['GET', '/api/audit', 'admin', 200],
    ['GET', '/api/areas', 'viewer', 200],
    ['GET', '/api/topics', 'viewer', 200],
    ['GET', '/api/alerts', 'viewer', 200],
    ['GET', '/api/sources', 'viewer', 200],
    ['GET', '/api/geo/areas', 'viewer', 200],
    ['POST', '/api/sources/buurtblad/enable', 'analyst', 403],
    ['POST', '/api/alerts/1/feedback', 'viewer', 403],
  ])('%s %s as %s → %i', async (method, path, who, status) => {
    const response = method === 'GET' ? await get(path, who) : await post(path, who, '{"verdict":"useful"}');
    expect(response.status).toBe(status);
    if (status === 403) expect(response.json?.error).toMatch(/needs the (analyst|admin) role/);
  });

  it('tells the dashboard what the role may do', async () => {
    expect((await get('/api/me', 'viewer')).json).toEqual({
      name: 'vera',
      role: 'viewer',
      permissions: { aggregates: true, posts: false, alert_feedback: false, audit: false, manage_sources: false },
    });
    expect((await get('/api/me', 'admin')).json?.permissions).toEqual({ aggregates: true, posts: true, alert_feedback: true, audit: true, manage_sources: true });
  });

  it('lists the endpoints without a token, and nothing else', async () => {
    const index = await get('/api', null);
    expect(index.status).toBe(200);
    expect(index.json?.endpoints.map((e: { endpoint: string }) => e.endpoint)).toContain('GET /api/me');
    expect((await get('/api/status', null)).status).toBe(401);
  });
});

describe('posts: text for analysts, audited', () => {
  it('returns posts with matched terms and area evidence, and logs the read', async () => {
    const before = (await auditLog(database.db, { limit: 1000 })).length;
    const response = await get('/api/posts?area=BU09990101&topic=cybercrime&since=2026-11-20&limit=5', 'analyst');
    expect(response.status).toBe(200);
    const items = response.json!.items as Record<string, any>[];
    expect(items).toHaveLength(5);
    expect(items[0]!.text).toBe(XSS_TEXT);
    expect(items[0]!.matches[0]).toMatchObject({ kind: 'topic', topic: 'cybercrime', text: 'nep-sms' });
    expect(items[0]!.areas).toContainEqual({ code: 'BU09990101', confidence: 1, evidence: 'source', direct: true });
    expect(items.every((item) => item.areas.some((a: { code: string }) => a.code === 'BU09990101'))).toBe(true);
    expect(Object.keys(items[0]!)).not.toContain('author_hash');

    const log = await auditLog(database.db, { limit: 1000 });
    expect(log).toHaveLength(before + 1);
    expect(log[0]).toMatchObject({ user_name: 'ali', role: 'analyst', action: 'posts', rows: 5, at: NOW });
    // since=2026-11-20 is local midnight in Amsterdam (UTC+1 in November).
    expect(log[0]!.query).toMatchObject({ area: 'BU09990101', topic: 'cybercrime', since: '2026-11-19T23:00:00.000Z', limit: 5, offset: 0 });
  });

  it('shows the reads to admins in /api/audit', async () => {
    await get('/api/posts?q=nep-sms&limit=3', 'analyst');
    const audit = await get('/api/audit?limit=1', 'admin');
    expect(audit.json!.items[0]).toMatchObject({ user_name: 'ali', action: 'posts', rows: 3, query: { q: 'nep-sms' } });
  });

  it('pages without overlap, newest first, and says where the next page starts', async () => {
    const first = (await get('/api/posts?area=BU09990201&limit=10', 'analyst')).json!;
    const second = (await get('/api/posts?area=BU09990201&limit=10&offset=10', 'analyst')).json!;
    const last = (await get('/api/posts?area=BU09990201&limit=10&offset=40', 'analyst')).json!;
    expect(first.next_offset).toBe(10);
    expect(second.items.map((p: { id: number }) => p.id)).not.toContain(first.items[0].id);
    const times = [...first.items, ...second.items].map((p: { published_at: string }) => p.published_at);
    expect(times).toEqual([...times].sort().reverse());
    expect(last.items).toHaveLength(2); // 42 posts in Parkwijk
    expect(last.next_offset).toBeNull();
  });

  it('has no author filter at all', async () => {
    const response = await get('/api/posts?author=abc', 'analyst');
    expect(response.status).toBe(400);
    expect(response.json?.error).toContain('Unknown parameter "author"');
  });
});

describe('validation', () => {
  it.each([
    ['/api/posts?limit=0', 'limit must be a whole number from 1 to 1000.'],
    ['/api/posts?limit=1001', 'limit must be a whole number from 1 to 1000.'],
    ['/api/posts?limit=ten', 'limit must be a whole number from 1 to 1000.'],
    ['/api/posts?offset=-1', 'offset must be a whole number'],
    ['/api/posts?since=yesterday', 'since must be a period like 7d'],
    ['/api/posts?until=2026-02-30', 'until must be a period like 7d'],
    [`/api/posts?q=${'a'.repeat(201)}`, 'q must be at most 200 characters.'],
    ['/api/posts?topic=Cyber%20Crime', 'topic must be a topic slug'],
    ['/api/posts?area=%3Cscript%3E', 'area must be an area code'],
    ['/api/posts?limit=5&limit=6', 'The parameter "limit" appears more than once'],
    [`/api/posts?q=${'x'.repeat(2100)}`, 'The query string is longer than 2048 characters'],
    ['/api/posts?format=xlsx', 'format must be json or csv.'],
    ['/api/areas?level=stadsdeel', 'level must be gemeente, wijk or buurt.'],
    ['/api/areas?until=27-11-2026', 'until must be a date like 2026-11-27.'],
    ['/api/areas/BU09990101/trend?by=month', 'by must be day or week.'],
    ['/api/areas/BU09990101/trend?since=2026-11-20&until=2026-11-01', 'lies after its end'],
    ['/api/areas/BU09990101/trend?since=2020-01-01&until=2026-11-01', 'more than 1098 days'],
    ['/api/areas/BU%2A%2A/trend', 'The path must hold an area code'],
    ['/api/topics?since=2026-13-01', 'since must be a period like 7d'],
    ['/api/me?x=1', 'Unknown parameter "x"; this endpoint takes no parameters.'],
  ].map(([path, message]) => [path.length > 70 ? `${path.slice(0, 40)}… (${path.length} characters)` : path, path, message]))(
    '%s → 400',
    async (_label, path, message) => {
    const response = await get(path, 'analyst');
    expect(response.status).toBe(400);
    expect(response.json?.error).toContain(message);
    expect(response.json?.error).toMatch(SENTENCE);
    },
  );

  it('answers 404 for an unknown area or path, as JSON', async () => {
    const area = await get('/api/areas/BU00000000/trend');
    expect(area.status).toBe(404);
    expect(area.json?.error).toContain('There is no area "BU00000000"');
    const path = await get('/api/nothing-here');
    expect(path.status).toBe(404);
    expect(path.json?.error).toMatch(SENTENCE);
  });

  it('limits and checks request bodies', async () => {
    const big = await post(`/api/alerts/${fixture.alertId}/feedback`, 'analyst', JSON.stringify({ verdict: 'x'.repeat(20_000) }));
    expect(big.status).toBe(413);
    const broken = await post(`/api/alerts/${fixture.alertId}/feedback`, 'analyst', '{"verdict":');
    expect(broken.status).toBe(400);
    const wrongType = await post(`/api/alerts/${fixture.alertId}/feedback`, 'analyst', 'verdict=useful', 'application/x-www-form-urlencoded');
    expect(wrongType.status).toBe(415);
    const badVerdict = await post(`/api/alerts/${fixture.alertId}/feedback`, 'analyst', '{"verdict":"great"}');
    expect(badVerdict.json.error).toBe('The field verdict must be "useful" or "noise".');
    const unknown = await post('/api/alerts/999/feedback', 'analyst', '{"verdict":"noise"}');
    expect(unknown.status).toBe(404);
  });
});

describe('aggregates', () => {
  it('summarises every area, paged, with the 30-day window up to today', async () => {
    const all = (await get('/api/areas')).json!;
    expect(all.total).toBe(7);
    expect(all.until).toBe('2026-11-27');
    const oudeHaven = all.items.find((a: { code: string }) => a.code === 'BU09990101');
    // 2 posts a day from 29 Oct to 26 Nov (29 days) plus the hostile post on 26 Nov.
    expect(oudeHaven).toMatchObject({ posts: fixture.postsPerBuurt.BU09990101, posts_30d: 59, sentiment_30d: -0.6, topics: { cybercrime: 85 } });
    const paged = (await get('/api/areas?limit=2&offset=1')).json!;
    expect(paged.items.map((a: { code: string }) => a.code)).toEqual(all.items.slice(1, 3).map((a: { code: string }) => a.code));
    expect(paged.next_offset).toBe(3);
    const buurten = (await get('/api/areas?level=buurt')).json!;
    expect(buurten.items.map((a: { code: string }) => a.code)).toEqual(BUURTEN.map((b) => b.code));
  });

  it.each([
    ['day', '2026-11-01', '2026-11-27', 27],
    ['week', '2026-11-02', '2026-11-29', 4],
    ['week', '2026-10-01', '2026-11-26', 9],
  ])('gives a trend by %s from %s to %s in %i periods', async (by, since, until, periods) => {
    const response = (await get(`/api/areas/BU09990101/trend?by=${by}&since=${since}&until=${until}&topic=cybercrime`)).json!;
    expect(response.items).toHaveLength(periods);
    expect(response.area).toEqual({ code: 'BU09990101', name: 'Oude Haven', level: 'buurt' });
    const total = response.items.reduce((n: number, p: { posts: number }) => n + p.posts, 0);
    expect(total).toBeGreaterThan(0);
  });

  it('fills a quiet range with zero periods', async () => {
    const response = (await get('/api/areas/BU09990102/trend?topic=cybercrime&since=2026-11-01&until=2026-11-07')).json!;
    expect(response.items).toHaveLength(7);
    expect(response.items.every((p: { posts: number }) => p.posts === 0)).toBe(true);
  });

  it('counts topics over a period against the period before', async () => {
    const response = (await get('/api/topics?since=2026-11-13&until=2026-11-26')).json!;
    // Each post once (via the gemeente): 5 posts a day for 14 days, plus the hostile one.
    expect(response.items[0]).toMatchObject({ topic: '*', posts: 71, previous_posts: 70, label: 'Alle berichten' });
    expect(response.items[1]).toMatchObject({ topic: 'cybercrime', posts: 29, previous_posts: 28, sentiment: -0.6, label: 'Cybercrime' });
    const area = (await get('/api/topics?area=WK099902&since=2026-11-13&until=2026-11-26')).json!;
    expect(area.items).toEqual([expect.objectContaining({ topic: '*', posts: 28 })]);
  });

  it('picks up new posts at once (the aggregate cache follows the data)', async () => {
    const db = await freshDatabase();
    const own = await seedFixture(db.db);
    const ownServer = await startServer({ db: db.db, port: 0, host: '127.0.0.1', now: () => new Date(NOW) });
    const count = async () => {
      const response = await fetch(`${ownServer.url}/api/areas?level=gemeente`, { headers: { Authorization: `Bearer ${own.tokens.viewer}` } });
      return ((await response.json()) as { posts_7d: number }[])[0]!.posts_7d;
    };
    try {
      const before = await count();
      expect(await count()).toBe(before);
      await storeBatch(
        db.db,
        [
          {
            draft: { sourceId: 'buurtblad', externalId: 'late', url: null, canonicalUrl: null, title: 'Laat', text: 'Laat bericht', publishedAt: '2026-11-27T09:00:00.000Z', authorHash: null, langHint: 'nl', lat: null, lon: null, dedupKey: null },
            score: { lang: 'nl', sentiment: null, topics: {}, matches: [], lexiconVersion: 'test@1' },
            areas: [{ code: 'GM0999', confidence: 1, evidence: 'source', direct: true }],
          },
        ],
        { sourceId: 'buurtblad', url: 'x', startedAt: NOW, finishedAt: NOW, httpStatus: 200, notModified: false, bytes: 1, items: 1, error: null },
        { etag: null, lastModified: null, notBefore: null, pollIntervalSeconds: null },
        NOW,
      );
      expect(await count()).toBe(before + 1);
    } finally {
      await ownServer.close();
      await db.close();
    }
  });

  it('serves simplified outlines rounded to 5 decimals, revalidated by ETag', async () => {
    const response = await get('/api/geo/areas?level=wijk');
    expect(response.headers.get('content-type')).toContain('application/geo+json');
    const collection = response.json!;
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f: { id: string }) => f.id)).toEqual(['WK099901', 'WK099902']);
    // Centrum was stored with 33 positions (8 per side, jittered by 1e-7°): a closed square remains.
    expect(collection.features[0].geometry.coordinates[0]).toEqual([
      [5.1, 52.09],
      [5.12, 52.09],
      [5.12, 52.1],
      [5.1, 52.1],
      [5.1, 52.09],
    ]);
    const again = await get('/api/geo/areas?level=wijk', 'viewer', { 'If-None-Match': response.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect((await get('/api/geo/areas')).json!.features).toHaveLength(7);
  });

  it('explains alerts in a Dutch sentence; example titles only for analysts (audited)', async () => {
    const viewer = (await get('/api/alerts')).json!;
    expect(viewer.items).toHaveLength(1);
    expect(viewer.items[0]).toMatchObject({ area: 'BU09990101', area_name: 'Oude Haven', observed: 9, expected: 2.9, topic_label: 'Cybercrime', examples: [] });
    expect(viewer.items[0].sentence).toBe('Cybercrime in Oude Haven: 9 berichten, verwacht 2,9 (3,1×) op 26 nov 2026; vooral over: nep-sms, bank.');
    const before = (await auditLog(database.db, { limit: 1000 })).length;
    const analyst = (await get('/api/alerts?area=WK099901')).json!;
    expect(analyst.items).toHaveLength(1); // a wijk includes its buurten' alerts
    const withExamples = (await get('/api/alerts', 'analyst')).json!;
    expect(withExamples.items[0].examples).toEqual([{ id: fixture.xssPostId, title: '<script>alert(1)</script>'.replace(/^/, 'Let op: '), matched: ['nep-sms'] }]);
    const log = await auditLog(database.db, { limit: 1000 });
    expect(log.length).toBe(before + 1);
    expect(log[0]).toMatchObject({ user_name: 'ali', action: 'alerts.examples', rows: 1 });
    expect((await get('/api/alerts?topic=nuisance')).json!.items).toEqual([]);
  });

  it('reports source health; admins can enable a source, which is logged', async () => {
    const sources = (await get('/api/sources')).json!;
    expect(sources.items[0]).toMatchObject({ id: 'buurtblad', enabled: true, items_total: 211, flag: null });
    await failUntilStopped(database.db, 'buurtblad', NOW);
    expect((await get('/api/sources')).json!.items[0]).toMatchObject({ enabled: false, flag: 'stopped' });
    const enabled = await post('/api/sources/buurtblad/enable', 'admin', '');
    expect((await get('/api/sources')).json!.items[0]).toMatchObject({ enabled: true, disabled_reason: null });
    expect(enabled).toEqual({ status: 200, json: { id: 'buurtblad', enabled: true } });
    expect((await auditLog(database.db, { limit: 1 }))[0]).toMatchObject({ user_name: 'ada', action: 'sources.enable', query: { id: 'buurtblad' } });
    expect((await post('/api/sources/nope/enable', 'admin', '')).status).toBe(404);
  });

  it('stores alert feedback from analysts', async () => {
    const response = await post(`/api/alerts/${fixture.alertId}/feedback`, 'analyst', '{"verdict":"useful"}');
    expect(response).toEqual({ status: 200, json: { id: fixture.alertId, feedback: 'useful' } });
    expect((await get('/api/alerts')).json!.items[0].feedback).toBe('useful');
  });
});

describe('CSV export', () => {
  it.each([
    ['/api/areas?format=csv', 'viewer', 'code,name,level,parent,posts,posts_7d,posts_30d,sentiment,sentiment_30d,negative_share,topics,topics_30d', 7],
    ['/api/areas/BU09990101/trend?since=2026-11-01&until=2026-11-27&format=csv', 'viewer', 'period,posts,sentiment,negative', 27],
    ['/api/topics?format=csv', 'viewer', 'topic,label,posts,previous_posts,sentiment,negative_share', 2],
    ['/api/alerts?format=csv', 'viewer', 'id,area,area_name,topic,granularity,window_start,window_end,observed,expected,threshold,method,p_value,top_terms,feedback,sentence', 1],
    ['/api/sources?format=csv', 'viewer', 'id,pipeline,url,enabled,flag,last_status,consecutive_failures,items_total,items_last_7d,last_success_at,last_new_item_at,next_run_at,disabled_reason,last_error', 1],
    ['/api/geo/areas?level=buurt&format=csv', 'viewer', 'code,name,level,parent,municipality,geometry', 4],
    ['/api/posts?area=BU09990202&format=csv&limit=7', 'analyst', 'id,published_at,source,areas,sentiment,topics,matched,title,text,url,lang,lexicon_version', 7],
    ['/api/audit?format=csv&limit=2', 'admin', 'at,user,role,action,query,rows', 2],
  ] as const)('%s', async (path, who, header, rows) => {
    const response = await get(path, who);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="wijkradar-[a-z0-9-]+\.csv"$/i);
    const lines = response.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(header);
    expect(lines).toHaveLength(rows + 1);
  });

  it('quotes text with commas and quotes, and defuses spreadsheet formulas', async () => {
    const csv = (await get('/api/alerts?format=csv')).text;
    expect(csv).toContain('"Cybercrime in Oude Haven: 9 berichten, verwacht 2,9 (3,1×) op 26 nov 2026; vooral over: nep-sms, bank."');
    const posts = (await get('/api/posts?q=onerror&format=csv', 'analyst')).text;
    expect(posts).toContain('Let op: <script>alert(1)</script>');
  });
});

describe('hardening', () => {
  it('sends security headers on pages and API answers', async () => {
    for (const path of ['/', '/app.js', '/api/areas']) {
      const response = await get(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect((await get('/api/areas')).headers.get('cache-control')).toBe('no-store');
  });

  it('serves the dashboard with its script in a file, and only the dashboard files', async () => {
    const page = await get('/', null);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toMatch(/<script type="module" src="app.js"><\/script>/);
    // No inline script and no inline event handlers anywhere in the page.
    expect(page.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(page.text).not.toMatch(/\son[a-z]+=/i);
    expect(page.text).not.toMatch(/https?:\/\//); // nothing from a CDN or font service
    expect((await get('/app.js', null)).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const path of ['/package.json', '/..%2Fpackage.json', '/%2e%2e/%2e%2e/package.json', '/highlight.d.ts', '/nothing.js']) {
      expect((await get(path, null)).status).toBe(404);
    }
  });

  it('answers unexpected errors with a generic 500 and logs the stack to the server only', async () => {
    const db = await freshDatabase();
    const own = await seedFixture(db.db);
    const errors: string[] = [];
    const ownServer = await startServer({ db: db.db, port: 0, host: '127.0.0.1', now: () => new Date(NOW), logError: (text) => errors.push(text) });
    try {
      await db.close(); // every query now fails inside kysely
      const response = await fetch(`${ownServer.url}/api/areas`, { headers: { Authorization: `Bearer ${own.tokens.viewer}` } });
      expect(response.status).toBe(500);
      const body = await response.text();
      expect(JSON.parse(body)).toEqual({ error: INTERNAL_ERROR_MESSAGE });
      expect(body).not.toMatch(/\bat\s|\.ts|\.js|driver|sqlite|Error:/i);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/GET \/api\/areas failed: .*\n\s+at /s);
    } finally {
      await ownServer.close();
    }
  });
});

describe('the contract of issue 7', () => {
  it('GET /api/areas: 401 without a token, a JSON array with one', async () => {
    expect((await get('/api/areas', null)).status).toBe(401);
    const answer = await get('/api/areas', 'viewer');
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.body)).toBe(true);
    expect((answer.body as { code: string }[]).length).toBeGreaterThan(0);
  });

  it('GET /api/posts: 403 for a viewer, a JSON list for an analyst, with paging in headers', async () => {
    expect((await get('/api/posts', 'viewer')).status).toBe(403);
    const answer = await get('/api/posts?limit=2', 'analyst');
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.body)).toBe(true);
    expect((answer.body as unknown[]).length).toBeLessThanOrEqual(2);
    expect(answer.headers.get('x-next-offset')).toMatch(/^(\d+)?$/);
  });
});
