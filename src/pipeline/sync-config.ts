import type { Kysely } from 'kysely';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { Database } from '../db/database-schema.js';
import { replaceGazetteer, upsertAreas } from '../db/area.repository.js';
import type { AreaRow } from '../db/area.repository.js';
import { upsertSources } from '../db/source.repository.js';

/**
 * Mirrors the pipelines' areas, gazetteer hints and sources into the database, so queries, the API and
 * `wijkradar sources` see what the pipeline files say.
 */
export async function syncPipelineConfig(db: Kysely<Database>, pipelines: LoadedPipeline[], now: string): Promise<void> {
  const areas = pipelineAreas(pipelines);
  const streets = pipelines.flatMap(({ config }) =>
    config.areas.flatMap((area) =>
      area.streets.map((name) => ({
        name,
        municipality: area.municipality ?? municipalityOf(area.code, areas) ?? '',
        area_code: area.code,
        lat: null,
        lon: null,
      })),
    ),
  );
  const postcodes = pipelines.flatMap(({ config }) =>
    config.areas.flatMap((area) =>
      area.postcodes.map((postcode) => ({ postcode: postcode.replace(/\s+/g, ''), area_code: area.code, share: 1 })),
    ),
  );
  await db.transaction().execute(async (trx) => {
    await upsertAreas(trx, areas, 'pipeline', now);
    await replaceGazetteer(trx, 'pipeline', streets, postcodes);
    await upsertSources(
      trx,
      pipelines.flatMap(({ sources }) =>
        sources.map((source) => ({
          id: source.id,
          pipeline: source.pipeline,
          type: source.type,
          url: source.location.kind === 'http' ? source.location.url : source.url,
          enabled: source.enabled,
          areas: source.areas === 'auto' ? 'auto' : [...source.areas],
          municipality: source.municipality ?? null,
        })),
      ),
      now,
    );
  });
}

/** The areas of all pipelines as rows, with the gemeente found by walking up the parents. */
export function pipelineAreas(pipelines: LoadedPipeline[]): AreaRow[] {
  const configs = pipelines.flatMap(({ config }) => config.areas);
  const byCode = new Map(configs.map((area) => [area.code, area]));
  return configs.map((area) => {
    let gemeente: string | null = null;
    for (let cursor: typeof area | undefined = area, hops = 0; cursor && hops < 5; hops++) {
      if (cursor.level === 'gemeente') {
        gemeente = cursor.code;
        break;
      }
      cursor = cursor.parent ? byCode.get(cursor.parent) : undefined;
    }
    if (!gemeente) gemeente = `GM${area.code.slice(2, 6)}`;
    return {
      code: area.code,
      name: area.name,
      level: area.level,
      parentCode: area.parent ?? null,
      gemeenteCode: gemeente,
      municipality: area.municipality ?? (gemeente ? byCode.get(gemeente)?.name ?? null : null),
      aliases: [...area.aliases],
    };
  });
}

function municipalityOf(code: string, areas: AreaRow[]): string | null {
  return areas.find((area) => area.code === code)?.municipality ?? null;
}
