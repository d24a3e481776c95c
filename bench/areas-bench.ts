// Area resolution benchmark: point-in-polygon lookups over all 12,229 CBS 2015 buurten, and text
// resolutions against the Amsterdam gazetteer. Reads ../shared/geo (read-only); skips without it.
// Run alone: npx tsx bench/areas-bench.ts [--json]
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildAreaIndex } from '../src/areas/area-index.js';
import { buildGazetteer } from '../src/areas/gazetteer.js';
import { readAreaGeoJson } from '../src/areas/read-area-geojson.js';
import { resolveAreas } from '../src/areas/resolve-areas.js';
import { loadLabelledSentences } from '../test/areas/locate-score.js';
import { SHARED_FILES, loadAmsterdamGazetteerInput, missingSharedGeo } from '../test/areas/shared-geo.js';
import { mulberry32 } from '../src/alerts/synthetic-series.js';

/** The figures the areas benchmark reports. */
export interface AreasBenchResult {
  /** Set when ../shared/geo is missing and nothing was measured. */
  skipped: string | null;
  buurten: number;
  /** Lookups/s for points drawn inside buurt polygons (every lookup hits and runs exact tests). */
  pointLookupsPerSec: number;
  /** Lookups/s for points spread uniformly over the Netherlands' bounding box (hits and misses). */
  pointLookupsUniformPerSec: number;
  gazetteer: { areas: number; streets: number; postcodes: number; places: number; names: number };
  /** Resolutions/s over the labelled sentences (one short post each). */
  textResolutionsPerSec: number;
  /** Resolutions/s over posts of three labelled sentences joined (longer, more realistic posts). */
  textResolutionsLongPerSec: number;
  averageChars: { short: number; long: number };
}


/** Runs `work(i)` `count` times after a warm-up and returns operations per second. */
function measure(count: number, work: (i: number) => number): { perSec: number; sink: number } {
  let sink = 0;
  for (let i = 0; i < Math.min(count, 20_000); i++) sink += work(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) sink += work(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { perSec: count / seconds, sink };
}

/**
 * Measures point lookups/s with all 12,229 buurten of the CBS 2015 map indexed, and text
 * resolutions/s with the Amsterdam buurten, wijken, BAG streets, postcode tables and woonplaatsen
 * loaded. Prints the figures unless `quiet`; returns them either way.
 */
export async function runAreasBench(options: { quiet?: boolean } = {}): Promise<AreasBenchResult> {
  const print = (line: string) => {
    if (!options.quiet) console.log(line);
  };
  const missing = missingSharedGeo();
  if (missing) {
    print(`areas bench skipped: ${missing} (it reads the CBS and Amsterdam data from ../shared/geo).`);
    return {
      skipped: missing,
      buurten: 0,
      pointLookupsPerSec: 0,
      pointLookupsUniformPerSec: 0,
      gazetteer: { areas: 0, streets: 0, postcodes: 0, places: 0, names: 0 },
      textResolutionsPerSec: 0,
      textResolutionsLongPerSec: 0,
      averageChars: { short: 0, long: 0 },
    };
  }

  // --- points ---
  const imported = await readAreaGeoJson(SHARED_FILES.buurten2015);
  const buurten = imported.areas.filter((area) => area.level === 'buurt');
  const index = buildAreaIndex(buurten);
  const random = mulberry32(42);
  const inside: number[] = [];
  while (inside.length < 2 * 20_000) {
    const buurt = buurten[Math.floor(random() * buurten.length)]!;
    const [minX, minY, maxX, maxY] = buurt.bbox!;
    const lon = minX + random() * (maxX - minX);
    const lat = minY + random() * (maxY - minY);
    if (index.locatePoint(lat, lon)[0]?.code === buurt.code) inside.push(lat, lon);
  }
  const uniform: number[] = [];
  for (let i = 0; i < 20_000; i++) uniform.push(50.75 + random() * 2.8, 3.35 + random() * 3.9);
  const lookups = 1_000_000;
  const pointsInside = measure(lookups, (i) => {
    const k = (i % 20_000) * 2;
    return index.locatePoint(inside[k]!, inside[k + 1]!).length;
  });
  const pointsUniform = measure(lookups, (i) => {
    const k = (i % 10_000) * 2;
    return index.locatePoint(uniform[k]!, uniform[k + 1]!).length;
  });

  // --- text ---
  const gazetteer = buildGazetteer(await loadAmsterdamGazetteerInput());
  const sentences = loadLabelledSentences();
  const short = sentences.map((sentence) => ({ text: sentence.text, municipality: sentence.municipality ?? 'Amsterdam' }));
  const long = short.map((post, i) => ({
    text: [post.text, short[(i * 7 + 3) % short.length]!.text, short[(i * 13 + 5) % short.length]!.text].join(' '),
    municipality: 'Amsterdam',
  }));
  const resolutions = 100_000;
  const textShort = measure(resolutions, (i) => resolveAreas(short[i % short.length]!, gazetteer).length);
  const textLong = measure(resolutions, (i) => resolveAreas(long[i % long.length]!, gazetteer).length);
  const average = (posts: { text: string }[]) => Math.round(posts.reduce((sum, post) => sum + post.text.length, 0) / posts.length);

  const result: AreasBenchResult = {
    skipped: null,
    buurten: buurten.length,
    pointLookupsPerSec: Math.round(pointsInside.perSec),
    pointLookupsUniformPerSec: Math.round(pointsUniform.perSec),
    gazetteer: {
      areas: gazetteer.stats.areas,
      streets: gazetteer.stats.streets,
      postcodes: gazetteer.stats.postcodes,
      places: gazetteer.stats.places,
      names: gazetteer.stats.names,
    },
    textResolutionsPerSec: Math.round(textShort.perSec),
    textResolutionsLongPerSec: Math.round(textLong.perSec),
    averageChars: { short: average(short), long: average(long) },
  };
  print(`areas: point lookups/s (${result.buurten} buurten, points inside buurten): ${result.pointLookupsPerSec.toLocaleString('en')}`);
  print(`areas: point lookups/s (uniform over the NL bounding box): ${result.pointLookupsUniformPerSec.toLocaleString('en')}`);
  print(
    `areas: text resolutions/s (${result.gazetteer.areas} Amsterdam areas, ${result.gazetteer.streets} streets, ` +
      `${result.gazetteer.postcodes} postcodes, ${result.gazetteer.places} places; ${sentences.length} posts of ~${result.averageChars.short} chars): ` +
      result.textResolutionsPerSec.toLocaleString('en'),
  );
  print(`areas: text resolutions/s (posts of ~${result.averageChars.long} chars): ${result.textResolutionsLongPerSec.toLocaleString('en')}`);
  if (pointsInside.sink + pointsUniform.sink + textShort.sink + textLong.sink < 0) print('');
  return result;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const result = await runAreasBench({ quiet: process.argv.includes('--json') });
  if (process.argv.includes('--json')) console.log(JSON.stringify(result));
}
