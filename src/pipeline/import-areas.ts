import type { Kysely } from 'kysely';
import { readAreaGeoJson, readPostcodeCsv, readStreetCsv } from '../areas/index.js';
import type { AreaImport, AreaLevel } from '../areas/index.js';
import { countAreasByLevel, deleteImportedAreas, replaceGazetteer, upsertAreas } from '../db/area.repository.js';
import type { Database } from '../db/database-schema.js';

/** What an area import did. */
export interface AreaImportReport {
  read: AreaImport['stats'];
  crs: AreaImport['crs'];
  warnings: AreaImport['warnings'];
  replaced: number;
  /** Areas of the imported level, and the parents (wijken, gemeenten) the features named. */
  imported: number;
  parents: number;
  stored: { level: string; n: number }[];
  gemeenten: number;
}

/**
 * Imports a CBS-style GeoJSON at one level: earlier imported areas of that level are replaced in one
 * transaction (pipeline areas stay), and the gemeenten and wijken the features name are kept as parents.
 */
export async function importAreaFile(
  db: Kysely<Database>,
  file: string,
  options: { level: AreaLevel; municipality?: string | null; onProgress?: (done: number, total: number) => void },
): Promise<AreaImportReport> {
  const read = await readAreaGeoJson(file, {
    level: options.level,
    municipality: options.municipality ?? null,
    includeParents: true,
    onProgress: options.onProgress,
  });
  const now = new Date().toISOString();
  let replaced = 0;
  const imported = read.areas.filter((area) => area.level === options.level).length;
  await db.transaction().execute(async (trx) => {
    replaced = await deleteImportedAreas(trx, options.level);
    const rows = read.areas.map((area) => ({
      code: area.code,
      name: area.name,
      level: area.level,
      parentCode: area.parentCode,
      gemeenteCode: area.gemeenteCode,
      municipality: area.municipality,
      aliases: area.aliases,
      geometry: area.geometry ? JSON.stringify(area.geometry) : null,
    }));
    // Parents the file only names (no geometry) must not wipe geometry imported earlier at their level.
    await upsertAreas(trx, rows.filter((row) => row.level === options.level), 'import', now);
    await upsertAreas(trx, rows.filter((row) => row.level !== options.level), 'import', now, true);
  });
  const stored = (await countAreasByLevel(db)).map((row) => ({ level: row.level, n: Number(row.n) }));
  return {
    read: read.stats,
    crs: read.crs,
    warnings: read.warnings,
    replaced,
    imported,
    parents: read.areas.length - imported,
    stored,
    gemeenten: new Set(read.areas.map((area) => area.gemeenteCode)).size,
  };
}

/** Imports street names (and their areas or points when the file has them), replacing earlier imports. */
export async function importStreetFile(db: Kysely<Database>, file: string, municipality: string | null) {
  const read = readStreetCsv(file, { municipality: municipality ?? undefined });
  await db.transaction().execute((trx) =>
    replaceGazetteer(
      trx,
      'import',
      read.streets.map((s) => ({ name: s.name, municipality: s.municipality ?? s.gemeenteCode ?? s.woonplaats ?? '', area_code: s.areaCode, lat: s.lat, lon: s.lon })),
      [],
    ),
  );
  return { streets: read.streets.length, warnings: read.warnings };
}

/** Imports a PC4/PC6 → area table with shares, replacing earlier imports. */
export async function importPostcodeFile(db: Kysely<Database>, file: string) {
  const read = readPostcodeCsv(file);
  await db.transaction().execute((trx) =>
    replaceGazetteer(trx, 'import', [], read.postcodes.map((p) => ({ postcode: p.postcode, area_code: p.areaCode, share: p.share }))),
  );
  return { postcodes: read.postcodes.length, level: read.level, warnings: read.warnings };
}
