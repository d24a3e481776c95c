import type { Kysely } from 'kysely';
import { AMSTERDAM_ALIASES, buildGazetteer, resolveAreas } from '../areas/index.js';
import type { AreaRecord, Gazetteer, ResolvedArea } from '../areas/index.js';
import type { PostDraft } from '../collectors/post.js';
import type { ResolvedSource } from '../config/load-pipeline.js';
import { listAreasWithGeometry, listGazetteer } from '../db/area.repository.js';
import type { Database } from '../db/database-schema.js';
import type { PostArea } from './store-batch.js';

/** Ties a post to areas (direct ones and their ancestors). */
export interface AreaLocator {
  locate(draft: PostDraft, source: ResolvedSource): PostArea[];
  /** Resolution for `wijkradar locate`: direct areas with evidence. */
  resolve(input: { text?: string | null; lat?: number | null; lon?: number | null; municipality?: string | null }): ResolvedArea[];
}

/** Adds the ancestors (wijk, gemeente) of directly resolved areas, marked as not direct. */
export function withAncestors(direct: PostArea[], byCode: ReadonlyMap<string, { parentCode: string | null }>): PostArea[] {
  const out = new Map<string, PostArea>();
  for (const area of direct) out.set(area.code, area);
  for (const area of direct) {
    let parent = byCode.get(area.code)?.parentCode ?? null;
    for (let hops = 0; parent && hops < 5; hops++) {
      if (!out.has(parent)) {
        out.set(parent, { code: parent, confidence: area.confidence, evidence: `contains ${area.code}`, direct: false });
      }
      parent = byCode.get(parent)?.parentCode ?? null;
    }
  }
  return [...out.values()];
}

/**
 * Builds the locator from the areas, streets and postcodes in the database (pipeline areas and imports):
 * a source's declared areas, or for `areas: auto` the coordinates, postcodes, names and streets in the
 * post, within the source's municipality. Every direct area brings its wijk and gemeente along.
 */
export async function createAreaLocator(db: Kysely<Database>): Promise<AreaLocator> {
  const gazetteer = await loadGazetteer(db);
  const byCode = gazetteer.areasByCode;
  return {
    locate(draft, source) {
      // A declared source speaks for its own areas only: text hits elsewhere would double count.
      if (source.areas !== 'auto') {
        return withAncestors(
          source.areas.map((code) => ({ code, confidence: 1, evidence: 'source', direct: true })),
          byCode,
        );
      }
      const resolved = resolveAreas(
        {
          text: draft.text,
          lat: draft.lat,
          lon: draft.lon,
          municipality: source.municipality ?? null,
          sourceAreas: 'auto',
        },
        gazetteer,
      );
      return withAncestors(
        resolved.map((area) => ({ code: area.code, confidence: area.confidence, evidence: area.evidence, direct: true })),
        byCode,
      );
    },
    resolve(input) {
      return resolveAreas({ ...input, sourceAreas: 'auto' }, gazetteer);
    },
  };
}

/** Loads the gazetteer (areas with geometry, streets, postcodes) from the database. */
export async function loadGazetteer(db: Kysely<Database>): Promise<Gazetteer> {
  const rows = await listAreasWithGeometry(db);
  const areas: AreaRecord[] = rows.map((row) => ({
    ...row,
    geometry: row.geometry ? (JSON.parse(row.geometry) as AreaRecord['geometry']) : null,
    bbox: null,
  }));
  const { streets, postcodes } = await listGazetteer(db);
  return buildGazetteer({
    areas,
    streets: streets.map((street) => ({
      name: street.name,
      municipality: street.municipality,
      gemeenteCode: /^GM\d{4}$/.test(street.municipality) ? street.municipality : null,
      woonplaats: null,
      areaCode: street.area_code,
      lat: street.lat,
      lon: street.lon,
    })),
    postcodes: postcodes.map((pc) => ({ postcode: pc.postcode, areaCode: pc.area_code, share: pc.share, name: null })),
    // Amsterdam's everyday names (de Pijp, Bijlmer, de Wallen…) come with the code; only used when Amsterdam areas exist.
    aliases: areas.some((area) => area.gemeenteCode === 'GM0363') ? AMSTERDAM_ALIASES : [],
  });
}
