// Loads the real gazetteer data from ../shared/geo (read-only, never copied into the project).
// Tests and the benchmark that need it skip when the folder is absent (a fresh clone).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AMSTERDAM_ALIASES } from '../../src/areas/amsterdam-aliases.js';
import type { GazetteerInput } from '../../src/areas/gazetteer.js';
import { readAreaGeoJson } from '../../src/areas/read-area-geojson.js';
import { readPlaceCsv } from '../../src/areas/read-place-csv.js';
import { readPostcodeCsv } from '../../src/areas/read-postcode-csv.js';
import { readStreetCsv } from '../../src/areas/read-street-csv.js';
import type { AreaRecord } from '../../src/areas/area-types.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** ../shared/geo relative to the repository root. */
export const SHARED_GEO = path.resolve(REPO_ROOT, '../shared/geo');

/** The files the area tests and benchmark read. */
export const SHARED_FILES = {
  buurten2015: path.join(SHARED_GEO, 'cbs-wijkbuurtkaart-2015/buurten_2015.geojson'),
  amsterdamBuurten: path.join(SHARED_GEO, 'amsterdam-gebieden/buurten_amsterdam.geojson'),
  amsterdamWijken: path.join(SHARED_GEO, 'amsterdam-gebieden/wijken_amsterdam_derived.geojson'),
  amsterdamPostcodes: path.join(SHARED_GEO, 'amsterdam-gebieden/pc4_to_amsterdam_buurt_overlap.csv'),
  pc4Gemeente: path.join(SHARED_GEO, 'pc4/pc4_to_gemeente_2021.csv'),
  streets: path.join(SHARED_GEO, 'streets-amsterdam-bag/amsterdam_streets_bag.csv'),
  woonplaatsen: path.join(SHARED_GEO, 'woonplaatsen-2017/woonplaatsen_2017.csv'),
} as const;

/** Null when every file is there, else a sentence saying what is missing. */
export function missingSharedGeo(files: readonly (keyof typeof SHARED_FILES)[] = Object.keys(SHARED_FILES) as (keyof typeof SHARED_FILES)[]): string | null {
  const missing = files.filter((key) => !existsSync(SHARED_FILES[key]));
  return missing.length === 0 ? null : `../shared/geo is missing ${missing.map((key) => path.basename(SHARED_FILES[key])).join(', ')}`;
}

/**
 * The Amsterdam gazetteer: 518 buurten (2022+ codes) with their gebied/stadsdeel aliases, the 110
 * derived wijken, gemeente GM0363, the BAG street names, PC4 → buurt and PC4 → gemeente shares,
 * the woonplaatsen of the Netherlands and AMSTERDAM_ALIASES.
 */
export async function loadAmsterdamGazetteerInput(): Promise<GazetteerInput> {
  const buurten = await readAreaGeoJson(SHARED_FILES.amsterdamBuurten, { municipality: 'Amsterdam', includeParents: true });
  const wijken = await readAreaGeoJson(SHARED_FILES.amsterdamWijken, { municipality: 'Amsterdam' });
  const byCode = new Map<string, AreaRecord>();
  for (const area of buurten.areas) byCode.set(area.code, area);
  for (const area of wijken.areas) {
    const nameOnly = byCode.get(area.code);
    // The wijken file has the shapes; the buurten file knows 106 of the 110 names too.
    byCode.set(area.code, area.name === area.code && nameOnly ? { ...area, name: nameOnly.name } : area);
  }
  const streets = readStreetCsv(SHARED_FILES.streets, { municipality: 'Amsterdam', woonplaats: 'Amsterdam' });
  const buurtPostcodes = readPostcodeCsv(SHARED_FILES.amsterdamPostcodes);
  const gemeentePostcodes = readPostcodeCsv(SHARED_FILES.pc4Gemeente);
  const places = readPlaceCsv(SHARED_FILES.woonplaatsen);
  return {
    areas: [...byCode.values()],
    streets: streets.streets,
    postcodes: [...buurtPostcodes.postcodes, ...gemeentePostcodes.postcodes],
    places: places.places,
    aliases: AMSTERDAM_ALIASES,
  };
}
