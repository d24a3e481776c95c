// A small, fully known data set for the API and dashboard tests, stored through the same repository and
// pipeline functions a real run uses (upsertAreas, upsertSources, storeBatch, upsertAlerts, createUser).
import type { Kysely } from 'kysely';
import { upsertAlerts } from '../../src/db/alert.repository.js';
import { upsertAreas } from '../../src/db/area.repository.js';
import type { AreaRow } from '../../src/db/area.repository.js';
import type { Database } from '../../src/db/database-schema.js';
import { upsertSources } from '../../src/db/source.repository.js';
import { storeBatch } from '../../src/pipeline/store-batch.js';
import type { ReadyPost } from '../../src/pipeline/store-batch.js';
import { createUser } from '../../src/queries/access.js';
import { searchPosts } from '../../src/queries/post-search.js';
import type { TermMatch } from '../../src/nlp/types.js';

/** The clock of every fixture test: Friday 27 November 2026, 13:00 in Amsterdam. */
export const NOW = '2026-11-27T12:00:00.000Z';
/** Posts run over six weeks: 16 October up to and including 26 November 2026 (local days). */
export const FIRST_DAY = '2026-10-16';
export const LAST_DAY = '2026-11-26';
export const DAYS = 42;

/** A buurt's seeded character: posts per day, their sentiment and whether they are about cybercrime. */
export const BUURTEN = [
  { code: 'BU09990101', name: 'Oude Haven', wijk: 'WK099901', x: 0, y: 1, perDay: 2, sentiment: -0.6 as number | null, cyber: true },
  { code: 'BU09990102', name: 'Marktplein', wijk: 'WK099901', x: 1, y: 1, perDay: 1, sentiment: 0.2 as number | null, cyber: false },
  { code: 'BU09990201', name: 'Parkwijk', wijk: 'WK099902', x: 0, y: 0, perDay: 1, sentiment: 0.5 as number | null, cyber: false },
  { code: 'BU09990202', name: 'Dijkzicht', wijk: 'WK099902', x: 1, y: 0, perDay: 1, sentiment: null as number | null, cyber: false },
] as const;

/** Text that must show literally in the dashboard, never run. */
export const XSS_TITLE = 'Let op: <script>alert(1)</script>';
export const XSS_TEXT = `${XSS_TITLE} Ook <img src=x onerror=alert(1)> in een nep-sms van de bank.`;

const CELL = 0.01; // degrees: each buurt is a 0.01° square, a wijk two of them side by side

function square(x0: number, y0: number, width: number, height: number, steps = 1): string {
  // `steps` extra points per side (collinear) let the tests see simplification at work.
  const ring: number[][] = [];
  const corners = [
    [x0, y0],
    [x0 + width, y0],
    [x0 + width, y0 + height],
    [x0, y0 + height],
  ];
  for (let side = 0; side < 4; side++) {
    const [ax, ay] = corners[side]!;
    const [bx, by] = corners[(side + 1) % 4]!;
    for (let i = 0; i < steps; i++) ring.push([ax! + ((bx! - ax!) * i) / steps + 1e-7, ay! + ((by! - ay!) * i) / steps - 1e-7]);
  }
  ring.push(ring[0]!);
  return JSON.stringify({ type: 'Polygon', coordinates: [ring] });
}

const LON0 = 5.1;
const LAT0 = 52.08;

/** The areas: one gemeente, two wijken, four buurten, each with a small square outline. */
export function fixtureAreas(): (AreaRow & { geometry: string })[] {
  const base = { gemeenteCode: 'GM0999', municipality: 'Teststad', aliases: [] as string[] };
  return [
    { code: 'GM0999', name: 'Teststad', level: 'gemeente', parentCode: null, ...base, geometry: square(LON0, LAT0, 2 * CELL, 2 * CELL) },
    { code: 'WK099901', name: 'Centrum', level: 'wijk', parentCode: 'GM0999', ...base, geometry: square(LON0, LAT0 + CELL, 2 * CELL, CELL, 8) },
    { code: 'WK099902', name: 'Noord', level: 'wijk', parentCode: 'GM0999', ...base, geometry: square(LON0, LAT0, 2 * CELL, CELL) },
    ...BUURTEN.map((b) => ({
      code: b.code,
      name: b.name,
      level: 'buurt' as const,
      parentCode: b.wijk,
      ...base,
      geometry: square(LON0 + b.x * CELL, LAT0 + b.y * CELL, CELL, CELL),
    })),
  ];
}

function shiftIso(day: string, days: number, hourUtc: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  date.setUTCHours(hourUtc);
  return date.toISOString();
}

function ready(id: string, buurt: (typeof BUURTEN)[number], publishedAt: string, title: string, text: string, matches: TermMatch[], cyber: boolean): ReadyPost {
  return {
    draft: {
      sourceId: 'buurtblad',
      externalId: id,
      url: `https://buurtblad.example/${id}`,
      canonicalUrl: `https://buurtblad.example/${id}`,
      title,
      text,
      publishedAt,
      authorHash: null,
      langHint: 'nl',
      lat: null,
      lon: null,
      dedupKey: null,
    },
    score: { lang: 'nl', sentiment: buurt.sentiment, topics: cyber ? { cybercrime: 0.8 } : {}, matches, lexiconVersion: 'test@1' },
    areas: [
      { code: buurt.code, confidence: 1, evidence: 'source', direct: true },
      { code: buurt.wijk, confidence: 1, evidence: `contains ${buurt.code}`, direct: false },
      { code: 'GM0999', confidence: 1, evidence: `contains ${buurt.code}`, direct: false },
    ],
  };
}

/** What the tests need to know about the seeded data. */
export interface Fixture {
  tokens: { viewer: string; analyst: string; admin: string };
  xssPostId: number;
  alertId: number;
  /** Posts per buurt code over the whole period. */
  postsPerBuurt: Record<string, number>;
  cyberPosts: number;
}

/** Seeds areas, one source, six weeks of posts (with one hostile post), one alert and three users. */
export async function seedFixture(db: Kysely<Database>): Promise<Fixture> {
  await upsertAreas(db, fixtureAreas(), 'import', NOW);
  await upsertSources(
    db,
    [{ id: 'buurtblad', pipeline: 'test', type: 'feed', url: 'https://buurtblad.example/feed.xml', enabled: true, areas: BUURTEN.map((b) => b.code), municipality: 'Teststad' }],
    NOW,
  );
  const posts: ReadyPost[] = [];
  const postsPerBuurt: Record<string, number> = {};
  let cyberPosts = 0;
  for (let day = 0; day < DAYS; day++) {
    for (const buurt of BUURTEN) {
      for (let n = 0; n < buurt.perDay; n++) {
        const id = `${buurt.code}-${day}-${n}`;
        const title = buurt.cyber ? `Nep-sms in ${buurt.name}` : `Nieuws uit ${buurt.name}`;
        const text = buurt.cyber ? `${title}. Bewoners krijgen een nep-sms over hun bank.` : `${title}. Een rustige dag in de buurt.`;
        const matches: TermMatch[] = buurt.cyber
          ? [{ kind: 'topic', topic: 'cybercrime', term: 'nep-sms', text: 'nep-sms', start: text.indexOf('nep-sms', title.length), end: text.indexOf('nep-sms', title.length) + 7, weight: 1 }]
          : [];
        posts.push(ready(id, buurt, shiftIso(FIRST_DAY, day, 8 + n), title, text, matches, buurt.cyber));
        postsPerBuurt[buurt.code] = (postsPerBuurt[buurt.code] ?? 0) + 1;
        if (buurt.cyber) cyberPosts += 1;
      }
    }
  }
  const oudeHaven = BUURTEN[0];
  const nepSms = XSS_TEXT.indexOf('nep-sms');
  posts.push(
    ready(
      'hostile',
      oudeHaven,
      '2026-11-26T15:30:00.000Z',
      XSS_TITLE,
      XSS_TEXT,
      [{ kind: 'topic', topic: 'cybercrime', term: 'nep-sms', text: 'nep-sms', start: nepSms, end: nepSms + 7, weight: 1 }],
      true,
    ),
  );
  postsPerBuurt[oudeHaven.code] = (postsPerBuurt[oudeHaven.code] ?? 0) + 1;
  cyberPosts += 1;
  await storeBatch(
    db,
    posts,
    { sourceId: 'buurtblad', url: 'https://buurtblad.example/feed.xml', startedAt: NOW, finishedAt: NOW, httpStatus: 200, notModified: false, bytes: 1000, items: posts.length, error: null },
    { etag: null, lastModified: null, notBefore: null, pollIntervalSeconds: null },
    NOW,
  );
  const [hostile] = await searchPosts(db, { search: 'onerror', limit: 1 });
  if (!hostile) throw new Error('The hostile fixture post was not stored.');
  const [alertId] = await upsertAlerts(db, [
    {
      area_code: oudeHaven.code,
      topic: 'cybercrime',
      granularity: 'day',
      window_start: '2026-11-25T23:00:00.000Z',
      window_end: '2026-11-26T23:00:00.000Z',
      observed: 9,
      expected: 2.9,
      threshold: 6,
      method: 'poisson',
      p_value: 0.001,
      settings: '{}',
      top_terms: JSON.stringify([{ term: 'nep-sms', count: 7, baseline: 1 }, { term: 'bank', count: 4, baseline: 1 }]),
      examples: JSON.stringify([{ id: hostile.id, title: XSS_TITLE, matched: ['nep-sms'] }]),
      created_at: NOW,
      feedback: null,
      feedback_at: null,
    },
  ]);
  const now = new Date(NOW);
  return {
    tokens: {
      viewer: await createUser(db, 'vera', 'viewer', now),
      analyst: await createUser(db, 'ali', 'analyst', now),
      admin: await createUser(db, 'ada', 'admin', now),
    },
    xssPostId: hostile.id,
    alertId: alertId!,
    postsPerBuurt,
    cyberPosts,
  };
}
