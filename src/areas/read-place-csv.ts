import { readFileSync } from 'node:fs';
import { AreaFileError } from './area-errors.js';
import { AREA_CODE_PATTERN, normaliseAreaCode } from './area-codes.js';
import { findColumn, parseCsv } from './csv-parser.js';
import type { PlaceRecord, ReadWarning } from './area-types.js';

/** The places read from one file, and the rows that could not be used. */
export interface PlaceImport {
  places: PlaceRecord[];
  warnings: ReadWarning[];
}

/**
 * Reads a woonplaatsen table (woonplaats name, gemeentecode, optionally woonplaatscode and gemeente
 * name, as CBS publishes it). Each gemeente name is returned as a place of its own too, so "Haarlem"
 * and "Hoek van Holland" both point at their gemeente.
 */
export function readPlaceCsv(file: string): PlaceImport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AreaFileError(`Cannot read ${file}; check the path and that the file exists.`);
  }
  return parsePlaceCsv(text, file);
}

/** Parses woonplaatsen CSV text; same rules as readPlaceCsv. */
export function parsePlaceCsv(text: string, label = 'the woonplaatsen CSV'): PlaceImport {
  const table = parseCsv(text);
  const nameColumn = findColumn(table.header, ['wp_naam', 'woonplaats', 'woonplaatsnaam', 'naam', 'name']);
  const codeColumn = findColumn(table.header, ['wp_code', 'woonplaatscode']);
  const gemeenteCodeColumn = findColumn(table.header, ['gm_code', 'gemeentecode', 'gemeente_code']);
  const gemeenteNameColumn = findColumn(table.header, ['gm_naam', 'gemeentenaam', 'gemeente']);
  if (nameColumn === -1 || gemeenteCodeColumn === -1) {
    throw new AreaFileError(
      `${label} needs a woonplaats column ("wp_naam" or "woonplaats") and a gemeentecode column ("gm_code"); rename them and import it again.`,
    );
  }
  const warnings: ReadWarning[] = [];
  const places = new Map<string, PlaceRecord>();
  const add = (place: PlaceRecord) => {
    const key = `${place.name.toLowerCase()}|${place.gemeenteCode}`;
    if (!places.has(key)) places.set(key, place);
  };
  for (const row of table.rows) {
    const value = (index: number) => (index === -1 ? '' : (row.values[index] ?? '').trim());
    const name = value(nameColumn);
    const gemeenteCode = normaliseAreaCode(value(gemeenteCodeColumn), 'gemeente');
    if (!name || !gemeenteCode || !AREA_CODE_PATTERN.gemeente.test(gemeenteCode)) {
      warnings.push({ at: row.line, code: gemeenteCode, message: `Line ${row.line} lacks a woonplaats name or a valid gemeentecode; skipped.` });
      continue;
    }
    const municipality = value(gemeenteNameColumn) || null;
    add({ name, code: value(codeColumn) || null, gemeenteCode, municipality });
    if (municipality) add({ name: municipality, code: null, gemeenteCode, municipality });
  }
  return { places: [...places.values()], warnings };
}
