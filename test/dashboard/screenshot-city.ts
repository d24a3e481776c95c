// "Havenstad": a made-up municipality of 8 wijken and 48 buurten with irregular (jittered-lattice) outlines and
// three months of generated posts, so the dashboard screenshots show what a real morning looks like.
// Deterministic (seeded PRNG); stored through the same functions a real run uses.
import type { Insertable, Kysely } from 'kysely';
import { upsertAlerts } from '../../src/db/alert.repository.js';
import { upsertAreas } from '../../src/db/area.repository.js';
import type { AreaRow } from '../../src/db/area.repository.js';
import type { AlertsTable, Database } from '../../src/db/database-schema.js';
import { upsertSources } from '../../src/db/source.repository.js';
import { storeBatch } from '../../src/pipeline/store-batch.js';
import type { ReadyPost } from '../../src/pipeline/store-batch.js';
import { createUser } from '../../src/queries/access.js';
import { mulberry32 } from '../../src/alerts/synthetic-series.js';

export const CITY_NOW = '2026-11-27T07:30:00.000Z';
const COLS = 8;
const ROWS = 6;
const DAYS = 60;
const LAST_DAY = '2026-11-26';
const LON0 = 4.46;
const LAT0 = 51.9;
const DX = 0.012;
const DY = 0.0075;

const WIJKEN = ['Binnenstad', 'Havenkwartier', 'Spoorzone', 'Oosterhoek', 'Westerveld', 'Parkstad', 'Noorderkade', 'Zuiderpolder'];
const PREFIXES = ['Kerk', 'Markt', 'Molen', 'Haven', 'Linden', 'Eiken', 'Beuken', 'Vogel', 'Bloemen', 'Dichter', 'Schilders', 'Zeehelden'];
const SUFFIXES = ['buurt', 'kwartier', 'hof', 'dorp'];


function poisson(random: () => number, lambda: number): number {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}

function day(offset: number): string {
  const date = new Date(`${LAST_DAY}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - offset);
  return date.toISOString().slice(0, 10);
}

/** The buurt whose cybercrime wave the screenshot shows (known, so the test can click it). */
export const WAVE_BUURT = 'BU05990203';

/** Seeds Havenstad and returns an analyst token. */
export async function seedScreenshotCity(db: Kysely<Database>): Promise<{ analyst: string; buurten: number; wijken: number }> {
  const random = mulberry32(20261127);
  // A lattice of shared corner points, jittered inside, so neighbouring buurten share their borders.
  const lattice: [number, number][][] = [];
  for (let r = 0; r <= ROWS; r++) {
    lattice.push([]);
    for (let c = 0; c <= COLS; c++) {
      const inner = r > 0 && r < ROWS && c > 0 && c < COLS;
      const jx = inner ? (random() - 0.5) * 0.55 * DX : 0;
      const jy = inner ? (random() - 0.5) * 0.55 * DY : 0;
      // A slanted eastern edge and a bulging north make the outline less of a rectangle.
      const slant = c === COLS ? (r - ROWS / 2) * 0.15 * DX : 0;
      const bulge = r === ROWS ? Math.sin((c / COLS) * Math.PI) * 0.35 * DY : 0;
      lattice[r]!.push([LON0 + c * DX + jx + slant, LAT0 + r * DY + jy + bulge]);
    }
  }
  const ringAround = (c0: number, r0: number, cols: number, rows: number) => {
    const ring: [number, number][] = [];
    for (let c = c0; c < c0 + cols; c++) ring.push(lattice[r0]![c]!);
    for (let r = r0; r < r0 + rows; r++) ring.push(lattice[r]![c0 + cols]!);
    for (let c = c0 + cols; c > c0; c--) ring.push(lattice[r0 + rows]![c]!);
    for (let r = r0 + rows; r > r0; r--) ring.push(lattice[r]![c0]!);
    ring.push(ring[0]!);
    return JSON.stringify({ type: 'Polygon', coordinates: [ring] });
  };
  const base = { gemeenteCode: 'GM0599', municipality: 'Havenstad', aliases: [] as string[] };
  const areas: (AreaRow & { geometry: string })[] = [
    { code: 'GM0599', name: 'Havenstad', level: 'gemeente', parentCode: null, ...base, geometry: ringAround(0, 0, COLS, ROWS) },
  ];
  const buurten: { code: string; wijk: string; c: number; r: number }[] = [];
  for (let w = 0; w < WIJKEN.length; w++) {
    const c0 = (w % 4) * 2;
    const r0 = Math.floor(w / 4) * 3;
    const wijk = `WK0599${String(w + 1).padStart(2, '0')}`;
    areas.push({ code: wijk, name: WIJKEN[w]!, level: 'wijk', parentCode: 'GM0599', ...base, geometry: ringAround(c0, r0, 2, 3) });
    for (let i = 0; i < 6; i++) {
      const c = c0 + (i % 2);
      const r = r0 + Math.floor(i / 2);
      const code = `BU0599${String(w + 1).padStart(2, '0')}${String(i + 1).padStart(2, '0')}`;
      const n = w * 6 + i;
      const name = `${PREFIXES[n % PREFIXES.length]}${SUFFIXES[Math.floor(n / PREFIXES.length) % SUFFIXES.length]}`;
      areas.push({ code, name, level: 'buurt', parentCode: wijk, ...base, geometry: ringAround(c, r, 1, 1) });
      buurten.push({ code, wijk, c, r });
    }
  }
  await upsertAreas(db, areas, 'import', CITY_NOW);
  const sources = ['havenstad-nieuws', 'wijkkrant', 'buurtapp'];
  await upsertSources(
    db,
    sources.map((id) => ({ id, pipeline: 'havenstad', type: 'feed', url: `https://${id}.example/feed.xml`, enabled: true, areas: 'auto' as const, municipality: 'Havenstad' })),
    CITY_NOW,
  );

  const topicsByWijk: Record<string, [string, number][]> = {
    WK059901: [['events_tourism', 0.35], ['nuisance', 0.2]],
    WK059902: [['subversive_crime', 0.2], ['nuisance', 0.25]],
    WK059903: [['nuisance', 0.2], ['social_domain', 0.15]],
    WK059904: [['social_domain', 0.25], ['migration', 0.1]],
    WK059905: [['cybercrime', 0.12], ['social_domain', 0.1]],
    WK059906: [['events_tourism', 0.2], ['hate', 0.05]],
    WK059907: [['subversive_crime', 0.15], ['nuisance', 0.15]],
    WK059908: [['migration', 0.15], ['hate', 0.08]],
  };
  const batches = new Map<string, ReadyPost[]>(sources.map((id) => [id, []]));
  let serial = 0;
  for (const buurt of buurten) {
    // The harbour side (west) runs negative, the parks (north-east) positive.
    const mood = 0.35 * (buurt.c / COLS) + 0.2 * (buurt.r / ROWS) - 0.3 + (random() - 0.5) * 0.2;
    const rate = 0.6 + random() * 2.2;
    for (let d = DAYS - 1; d >= 0; d--) {
      const wave = buurt.code === WAVE_BUURT && d <= 1 ? 7 : 0;
      const count = poisson(random, rate) + wave;
      for (let k = 0; k < count; k++) {
        const topics: Record<string, number> = {};
        if (k < wave) topics.cybercrime = 0.9;
        for (const [topic, p] of topicsByWijk[buurt.wijk]!) if (random() < p) topics[topic] = 0.5 + random() * 0.5;
        const hasSentiment = random() < 0.75;
        const sentiment = hasSentiment ? Math.max(-1, Math.min(1, mood + (random() - 0.5) * 0.8 - (topics.cybercrime ? 0.3 : 0))) : null;
        const source = sources[serial % sources.length]!;
        const id = `p${serial++}`;
        const published = `${day(d)}T${String(6 + Math.floor(random() * 15)).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00.000Z`;
        const title = topics.cybercrime ? 'Waarschuwing voor nep-sms over pakketjes' : `Bericht uit de buurt ${id}`;
        batches.get(source)!.push({
          draft: { sourceId: source, externalId: id, url: null, canonicalUrl: null, title, text: `${title}.`, publishedAt: published, authorHash: null, langHint: 'nl', lat: null, lon: null, dedupKey: null },
          score: { lang: 'nl', sentiment, topics, matches: [], lexiconVersion: 'screenshot@1' },
          areas: [
            { code: buurt.code, confidence: 0.9, evidence: 'text', direct: true },
            { code: buurt.wijk, confidence: 0.9, evidence: `contains ${buurt.code}`, direct: false },
            { code: 'GM0599', confidence: 0.9, evidence: `contains ${buurt.code}`, direct: false },
          ],
        });
      }
    }
  }
  for (const [source, posts] of batches) {
    await storeBatch(
      db,
      posts,
      { sourceId: source, url: `https://${source}.example/feed.xml`, startedAt: CITY_NOW, finishedAt: CITY_NOW, httpStatus: 200, notModified: false, bytes: 1, items: posts.length, error: null },
      { etag: null, lastModified: null, notBefore: null, pollIntervalSeconds: null },
      CITY_NOW,
    );
  }

  const alert = (area: string, topic: string, windowStart: string, observed: number, expected: number, terms: string[]): Insertable<AlertsTable> => ({
    area_code: area,
    topic,
    granularity: 'day',
    window_start: windowStart,
    window_end: new Date(Date.parse(windowStart) + 86_400_000).toISOString(),
    observed,
    expected,
    threshold: Math.ceil(expected * 2),
    method: 'poisson',
    p_value: 0.0004,
    settings: '{}',
    top_terms: JSON.stringify(terms.map((term, i) => ({ term, count: observed - i * 2, baseline: 1 }))),
    examples: '[]',
    created_at: CITY_NOW,
    feedback: null,
    feedback_at: null,
  });
  await upsertAlerts(db, [
    alert('BU05990405', 'social_domain', '2026-11-06T23:00:00.000Z', 6, 1.4, ['verward gedrag', 'zorg']),
    alert('WK059902', 'subversive_crime', '2026-11-17T23:00:00.000Z', 11, 3.2, ['drugs', 'inval', 'hennep']),
    alert('BU05990703', 'nuisance', '2026-11-22T23:00:00.000Z', 8, 2.1, ['vuurwerk', 'jongeren']),
    alert(WAVE_BUURT, 'cybercrime', '2026-11-25T23:00:00.000Z', 9, 0.6, ['nep-sms', 'pakket', 'link']),
  ]);
  return { analyst: await createUser(db, 'inge', 'analyst', new Date(CITY_NOW)), buurten: buurten.length, wijken: WIJKEN.length };
}
