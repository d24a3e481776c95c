import { readFileSync } from 'node:fs';
import { AreaFileError } from './area-errors.js';
import { AREA_CODE_PATTERN, normaliseAreaCode } from './area-codes.js';
import { parseCsv } from './csv-parser.js';
import type { AreaLevel, PostcodeRecord, ReadWarning } from './area-types.js';

/** Options for reading a postcode → area table. */
export interface ReadPostcodeOptions {
  /** Which code column to use; default: the most specific one the file has (buurt, wijk, gemeente). */
  level?: AreaLevel;
}

/** The postcode records read from one file, and the rows that could not be used. */
export interface PostcodeImport {
  postcodes: PostcodeRecord[];
  warnings: ReadWarning[];
  level: AreaLevel;
}

const POSTCODE_COLUMNS = ['pc6', 'postcode6', 'postcode', 'pc4', 'postcode4', 'pc'];
const SHARE_COLUMNS = ['pc4_area_share', 'pc6_area_share', 'area_share', 'share', 'aandeel', 'fraction', 'weight'];
// Exact names first; CBS's "postcode-huisnummer" tables name columns Buurt2023, Wijk2023, Gemeente2023.
const CODE_COLUMNS: Record<AreaLevel, { exact: string[]; pattern: RegExp }> = {
  buurt: { exact: ['bu_code', 'buurtcode', 'buurt_code', 'bu_code_derived'], pattern: /^buurt(code)?\d{4}$/ },
  wijk: { exact: ['wk_code', 'wijkcode', 'wijk_code', 'wk_code_derived'], pattern: /^wijk(code)?\d{4}$/ },
  gemeente: { exact: ['gm_code', 'gemeentecode', 'gemeente_code'], pattern: /^gemeente(code)?\d{4}$/ },
};
const NAME_COLUMNS: Record<AreaLevel, string[]> = {
  buurt: ['bu_naam', 'buurtnaam'],
  wijk: ['wk_naam', 'wijknaam', 'wk_naam_matched'],
  gemeente: ['gm_naam', 'gemeentenaam'],
};

/**
 * Reads a postcode table: PC4 or PC6 → buurt, wijk or gemeente code, with the share of the postcode in
 * that area (`pc4_area_share`, `area_share`, …). Without a share column, rows are counted (one row per
 * address, as in CBS's postcode-huisnummer table) and the share is the fraction of the postcode's rows.
 *
 * @example
 * readPostcodeCsv('pc4_to_amsterdam_buurt_overlap.csv') // → { postcode: '1011', areaCode: 'BU0363AF01', share: 0.1761 }, …
 */
export function readPostcodeCsv(file: string, options: ReadPostcodeOptions = {}): PostcodeImport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AreaFileError(`Cannot read ${file}; check the path and that the file exists.`);
  }
  return parsePostcodeCsv(text, options, file);
}

/** Parses postcode-table CSV text; same rules as readPostcodeCsv. */
export function parsePostcodeCsv(text: string, options: ReadPostcodeOptions = {}, label = 'the postcode CSV'): PostcodeImport {
  const table = parseCsv(text);
  const lower = table.header.map((name) => name.toLowerCase());
  const postcodeColumn = firstIndex(lower, POSTCODE_COLUMNS);
  if (postcodeColumn === -1) {
    throw new AreaFileError(`${label} has no postcode column; name it "postcode", "pc4" or "pc6" and import it again.`);
  }
  const levels: AreaLevel[] = options.level ? [options.level] : ['buurt', 'wijk', 'gemeente'];
  let level: AreaLevel | null = null;
  let codeColumn = -1;
  for (const candidate of levels) {
    const spec = CODE_COLUMNS[candidate];
    codeColumn = firstIndex(lower, spec.exact);
    if (codeColumn === -1) codeColumn = lower.findIndex((name) => spec.pattern.test(name));
    if (codeColumn !== -1) {
      level = candidate;
      break;
    }
  }
  if (!level) {
    throw new AreaFileError(
      `${label} has no ${options.level ?? 'buurt, wijk or gemeente'} code column; name it e.g. "BU_CODE", "WK_CODE" or "GM_CODE" and import it again.`,
    );
  }
  const shareColumn = firstIndex(lower, SHARE_COLUMNS);
  const nameColumn = firstIndex(lower, NAME_COLUMNS[level]);

  const warnings: ReadWarning[] = [];
  const totals = new Map<string, Map<string, { share: number; name: string | null }>>();
  const rowsPerPostcode = new Map<string, number>();
  for (const row of table.rows) {
    const value = (index: number) => (index === -1 ? '' : (row.values[index] ?? '').trim());
    const postcode = normalisePostcode(value(postcodeColumn));
    if (!postcode) {
      warnings.push({ at: row.line, code: null, message: `Line ${row.line} has postcode "${value(postcodeColumn)}", which is not a Dutch PC4 or PC6; skipped.` });
      continue;
    }
    const code = normaliseAreaCode(value(codeColumn), level);
    if (!code || !AREA_CODE_PATTERN[level].test(code)) {
      warnings.push({ at: row.line, code, message: `Line ${row.line} has ${level} code "${value(codeColumn)}", which is not valid; skipped.` });
      continue;
    }
    let share = 1;
    if (shareColumn !== -1) {
      share = Number(value(shareColumn).replace(',', '.'));
      if (!Number.isFinite(share) || share < 0) {
        warnings.push({ at: row.line, code, message: `Line ${row.line} has share "${value(shareColumn)}", which is not a number ≥ 0; skipped.` });
        continue;
      }
      if (share > 1 && share <= 100) share /= 100; // percentages
    }
    rowsPerPostcode.set(postcode, (rowsPerPostcode.get(postcode) ?? 0) + 1);
    let byCode = totals.get(postcode);
    if (!byCode) totals.set(postcode, (byCode = new Map()));
    const entry = byCode.get(code) ?? { share: 0, name: value(nameColumn) || null };
    entry.share += share;
    byCode.set(code, entry);
  }

  const postcodes: PostcodeRecord[] = [];
  for (const [postcode, byCode] of totals) {
    const rows = rowsPerPostcode.get(postcode) ?? 1;
    for (const [areaCode, entry] of byCode) {
      const share = shareColumn === -1 ? entry.share / rows : Math.min(1, entry.share);
      postcodes.push({ postcode, areaCode, share: Math.round(share * 10_000) / 10_000, name: entry.name });
    }
  }
  return { postcodes, warnings, level };
}

/** "1031 ab" → "1031AB", "1031" → "1031"; null when it is not a Dutch PC4/PC6. */
export function normalisePostcode(value: string): string | null {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return /^[1-9]\d{3}([A-Z]{2})?$/.test(compact) ? compact : null;
}

function firstIndex(lowerHeader: string[], names: readonly string[]): number {
  for (const name of names) {
    const index = lowerHeader.indexOf(name);
    if (index !== -1) return index;
  }
  return -1;
}
