import { readFileSync } from 'node:fs';
import { AreaFileError } from './area-errors.js';
import { levelOfCode, normaliseAreaCode } from './area-codes.js';
import { rdToWgs84 } from './area-crs.js';
import { findColumn, parseCsv } from './csv-parser.js';
import type { ReadWarning, StreetRecord } from './area-types.js';

/** Defaults for street files that do not say which municipality they cover. */
export interface ReadStreetOptions {
  municipality?: string | null;
  gemeenteCode?: string | null;
  woonplaats?: string | null;
}

/** The streets read from one file, and the rows that could not be used. */
export interface StreetImport {
  streets: StreetRecord[];
  warnings: ReadWarning[];
}

const COLUMNS = {
  name: ['straatnaam', 'openbareruimtenaam', 'openbare_ruimte_naam', 'openbareruimte', 'straat', 'street', 'street_name', 'name', 'naam'],
  woonplaats: ['woonplaats', 'woonplaatsnaam', 'plaats', 'city', 'town'],
  municipality: ['gemeente', 'gemeentenaam', 'gm_naam', 'municipality'],
  gemeenteCode: ['gemeentecode', 'gm_code', 'gemeente_code'],
  areaCode: ['area_code', 'buurtcode', 'bu_code', 'wijkcode', 'wk_code'],
  lat: ['lat', 'latitude', 'breedtegraad', 'lat_wgs84'],
  lon: ['lon', 'lng', 'long', 'longitude', 'lengtegraad', 'lon_wgs84'],
  x: ['x', 'x_rd', 'rd_x', 'x_coordinaat'],
  y: ['y', 'y_rd', 'rd_y', 'y_coordinaat'],
} as const;

// A BAG openbare-ruimte id starts with the 4-digit gemeentecode, then "30": 0363300000003627 → GM0363.
const BAG_OPENBARE_RUIMTE = /(?:^|\D)(\d{4})30\d{10}(?:\D|$)/;

/**
 * Reads a street-name CSV (street name plus woonplaats and/or gemeente; optional lat/lon or RD x/y;
 * a BAG openbare-ruimte id gives the gemeentecode). Missing municipality falls back to `options`.
 *
 * @example
 * readStreetCsv('amsterdam_streets_bag.csv', { municipality: 'Amsterdam' })
 */
export function readStreetCsv(file: string, options: ReadStreetOptions = {}): StreetImport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AreaFileError(`Cannot read ${file}; check the path and that the file exists.`);
  }
  return parseStreetCsv(text, options, file);
}

/** Parses street-name CSV text; same rules as readStreetCsv. */
export function parseStreetCsv(text: string, options: ReadStreetOptions = {}, label = 'the street CSV'): StreetImport {
  const table = parseCsv(text);
  const column = Object.fromEntries(
    Object.entries(COLUMNS).map(([key, names]) => [key, findColumn(table.header, names)]),
  ) as Record<keyof typeof COLUMNS, number>;
  if (column.name === -1) {
    throw new AreaFileError(
      `${label} has no street-name column; name one of its columns "straatnaam" (or street, name) and import it again.`,
    );
  }
  const bagColumns = table.header
    .map((name, index) => ({ name: name.toLowerCase(), index }))
    .filter(({ name }) => name.includes('bag') || name.includes('openbareruimte') || name.includes('identificatie'))
    .map(({ index }) => index);

  const warnings: ReadWarning[] = [];
  const seen = new Set<string>();
  const streets: StreetRecord[] = [];
  for (const row of table.rows) {
    const value = (index: number) => (index === -1 ? '' : (row.values[index] ?? '').trim());
    const name = value(column.name).replace(/\s+/g, ' ');
    if (!name) {
      warnings.push({ at: row.line, code: null, message: `Line ${row.line} has no street name; skipped.` });
      continue;
    }
    let gemeenteCode = normaliseAreaCode(value(column.gemeenteCode), 'gemeente');
    if (!gemeenteCode) {
      for (const index of bagColumns) {
        const match = BAG_OPENBARE_RUIMTE.exec(value(index));
        if (match) {
          gemeenteCode = `GM${match[1]}`;
          break;
        }
      }
    }
    gemeenteCode ??= options.gemeenteCode ?? null;
    if (gemeenteCode && levelOfCode(gemeenteCode) !== 'gemeente') {
      warnings.push({ at: row.line, code: gemeenteCode, message: `Line ${row.line} has gemeentecode ${gemeenteCode}, which is not GM + 4 digits; ignored.` });
      gemeenteCode = options.gemeenteCode ?? null;
    }
    const municipality = value(column.municipality) || options.municipality || null;
    const woonplaats = value(column.woonplaats) || options.woonplaats || null;
    if (!gemeenteCode && !municipality && !woonplaats) {
      warnings.push({
        at: row.line,
        code: null,
        message: `Line ${row.line} (${name}) does not say its municipality; pass one with the import (e.g. --municipality Amsterdam).`,
      });
      continue;
    }
    const areaCode = value(column.areaCode).toUpperCase() || null;
    const point = readPoint(value, column);
    if (point === 'invalid') {
      warnings.push({ at: row.line, code: null, message: `Line ${row.line} (${name}) has coordinates outside the Netherlands; kept without them.` });
    }
    const [lat, lon] = point === 'invalid' || point === null ? [null, null] : point;
    const key = `${name}|${gemeenteCode}|${municipality}|${woonplaats}|${areaCode}|${lat}|${lon}`;
    if (seen.has(key)) continue;
    seen.add(key);
    streets.push({ name, municipality, gemeenteCode, woonplaats, areaCode: areaCode && levelOfCode(areaCode) ? areaCode : null, lat, lon });
  }
  return { streets, warnings };
}

function readPoint(
  value: (index: number) => string,
  column: Record<keyof typeof COLUMNS, number>,
): [number, number] | 'invalid' | null {
  const number = (index: number) => {
    const text = value(index).replace(',', '.');
    return text === '' ? NaN : Number(text);
  };
  let lat = number(column.lat);
  let lon = number(column.lon);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) {
    const x = number(column.x);
    const y = number(column.y);
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    [lon, lat] = Math.abs(x) <= 180 && Math.abs(y) <= 90 ? [x, y] : rdToWgs84(x, y);
  }
  // The Netherlands incl. the Caribbean municipalities would need more; the gazetteer is for NL proper.
  if (lat < 50.5 || lat > 53.8 || lon < 3 || lon > 7.5) return 'invalid';
  return [lat, lon];
}
