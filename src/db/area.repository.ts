import type { Kysely, Transaction } from 'kysely';
import type { AreasTable, Database } from './database-schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An area as the rest of wijkradar sees it. */
export interface AreaRow {
  code: string;
  name: string;
  level: AreasTable['level'];
  parentCode: string | null;
  gemeenteCode: string | null;
  municipality: string | null;
  aliases: string[];
}

/**
 * Inserts or updates areas. A pipeline's areas (and an import's name-only parents, `keepGeometry`) never
 * wipe geometry that an import brought; otherwise an import replaces everything it carries.
 */
export async function upsertAreas(
  db: Db,
  areas: (AreaRow & { geometry?: string | null })[],
  origin: 'pipeline' | 'import',
  now: string,
  keepGeometry = origin === 'pipeline',
): Promise<void> {
  for (const area of areas) {
    const values = {
      name: area.name,
      level: area.level,
      parent_code: area.parentCode,
      gemeente_code: area.gemeenteCode,
      municipality: area.municipality,
      aliases: JSON.stringify(area.aliases),
      updated_at: now,
    };
    await db
      .insertInto('areas')
      .values({ code: area.code, ...values, geometry: area.geometry ?? null, origin })
      .onConflict((oc) =>
        oc.column('code').doUpdateSet(
          keepGeometry ? values : { ...values, geometry: area.geometry ?? null, origin },
        ),
      )
      .execute();
  }
}

/** Every area, ordered by level (gemeente, wijk, buurt) and code. */
export async function listAreas(db: Db): Promise<AreaRow[]> {
  const rows = await db
    .selectFrom('areas')
    .select(['code', 'name', 'level', 'parent_code', 'gemeente_code', 'municipality', 'aliases'])
    .orderBy('code')
    .execute();
  return rows.map(toAreaRow);
}

/** One area by code, or undefined. */
export async function findArea(db: Db, code: string): Promise<AreaRow | undefined> {
  const row = await db
    .selectFrom('areas')
    .select(['code', 'name', 'level', 'parent_code', 'gemeente_code', 'municipality', 'aliases'])
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? toAreaRow(row) : undefined;
}

/** Areas with geometry (GeoJSON text), optionally of one level. */
export async function listAreaGeometries(db: Db, level?: AreasTable['level']) {
  let query = db.selectFrom('areas').select(['code', 'name', 'level', 'parent_code', 'gemeente_code', 'municipality', 'aliases', 'geometry']).where('geometry', 'is not', null);
  if (level) query = query.where('level', '=', level);
  return query.execute();
}

/** Every area with its geometry (GeoJSON text or null), for building the locator. */
export async function listAreasWithGeometry(db: Db): Promise<(AreaRow & { geometry: string | null })[]> {
  const rows = await db
    .selectFrom('areas')
    .select(['code', 'name', 'level', 'parent_code', 'gemeente_code', 'municipality', 'aliases', 'geometry'])
    .execute();
  return rows.map((row) => ({ ...toAreaRow(row), geometry: row.geometry }));
}

/** Removes the imported areas of one level, so a re-import replaces them cleanly. */
export async function deleteImportedAreas(db: Db, level: AreasTable['level']): Promise<number> {
  const result = await db.deleteFrom('areas').where('origin', '=', 'import').where('level', '=', level).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** How many areas there are per level. */
export async function countAreasByLevel(db: Db) {
  return db.selectFrom('areas').select(['level', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('level').execute();
}

/** Replaces the street and postcode gazetteer entries of one origin. */
export async function replaceGazetteer(
  db: Db,
  origin: 'pipeline' | 'import',
  streets: { name: string; municipality: string; area_code: string | null; lat: number | null; lon: number | null }[],
  postcodes: { postcode: string; area_code: string; share: number }[],
): Promise<void> {
  if (streets.length) await db.deleteFrom('area_streets').where('origin', '=', origin).execute();
  if (postcodes.length) await db.deleteFrom('area_postcodes').where('origin', '=', origin).execute();
  for (let i = 0; i < streets.length; i += 2000) {
    await db.insertInto('area_streets').values(streets.slice(i, i + 2000).map((s) => ({ ...s, origin }))).execute();
  }
  for (let i = 0; i < postcodes.length; i += 2000) {
    await db
      .insertInto('area_postcodes')
      .values(postcodes.slice(i, i + 2000).map((p) => ({ ...p, origin })))
      .onConflict((oc) => oc.columns(['postcode', 'area_code']).doUpdateSet({ share: (eb) => eb.ref('excluded.share') }))
      .execute();
  }
}

/** The street and postcode gazetteer. */
export async function listGazetteer(db: Db) {
  const streets = await db.selectFrom('area_streets').select(['name', 'municipality', 'area_code', 'lat', 'lon']).execute();
  const postcodes = await db.selectFrom('area_postcodes').select(['postcode', 'area_code', 'share']).execute();
  return { streets, postcodes };
}

function toAreaRow(row: {
  code: string;
  name: string;
  level: AreasTable['level'];
  parent_code: string | null;
  gemeente_code: string | null;
  municipality: string | null;
  aliases: string;
}): AreaRow {
  return {
    code: row.code,
    name: row.name,
    level: row.level,
    parentCode: row.parent_code,
    gemeenteCode: row.gemeente_code,
    municipality: row.municipality,
    aliases: JSON.parse(row.aliases) as string[],
  };
}
