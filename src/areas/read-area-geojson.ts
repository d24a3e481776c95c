import { createReadStream, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { AreaFileError, UnsupportedCrsError } from './area-errors.js';
import { crsFromMember } from './area-crs.js';
import type { CoordinateSystem } from './area-crs.js';
import { featureToArea } from './area-feature.js';
import type { FeatureContext } from './area-feature.js';
import { FeatureCollectionScanner } from './geojson-scanner.js';
import type { AreaGeometry, AreaLevel, AreaRecord, ReadWarning } from './area-types.js';

/** Options for reading a CBS wijk- en buurtkaart (or compatible) GeoJSON file. */
export interface ReadAreaOptions {
  /** The level to read; 'auto' (default) takes the most specific code each feature carries. */
  level?: AreaLevel | 'auto';
  /** Gemeente name for features whose file does not name it (Amsterdam's own files do not). */
  municipality?: string | null;
  /** Keep features without usable geometry as name-only records instead of skipping them. */
  keepEmptyGeometries?: boolean;
  /** Also return name-only records for the wijken and gemeenten the features name but the file lacks. */
  includeParents?: boolean;
  /** Called as bytes are read (done, total), so a CLI can draw a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Called for every warning as it happens (the result keeps the first 1,000). */
  onWarning?: (warning: ReadWarning) => void;
}

/** What an import read, and what it skipped and why. */
export interface AreaImport {
  areas: AreaRecord[];
  warnings: ReadWarning[];
  stats: {
    features: number;
    areas: number;
    skippedWater: number;
    skippedEmpty: number;
    /** Kept as name-only records (keepEmptyGeometries). */
    keptEmpty: number;
    invalid: number;
    merged: number;
    warnings: number;
  };
  /** The coordinate system the file declared or that was detected; 'mixed' when features differ. */
  crs: CoordinateSystem | 'mixed' | null;
}

const MAX_KEPT_WARNINGS = 1000;
const CHUNK_BYTES = 1 << 20;

/**
 * Reads a GeoJSON FeatureCollection of CBS areas from disk, streaming: features are parsed one at a
 * time and `onProgress(bytesRead, fileSize)` is called per chunk. Bad features become warnings.
 *
 * @example
 * const { areas, warnings } = await readAreaGeoJson('buurten_2015.geojson', { onProgress: bar.update });
 */
export async function readAreaGeoJson(file: string, options: ReadAreaOptions = {}): Promise<AreaImport> {
  let total: number;
  try {
    total = statSync(file).size;
  } catch {
    throw new AreaFileError(`Cannot read ${file}; check the path and that the file exists.`);
  }
  const stream = createReadStream(file, { highWaterMark: CHUNK_BYTES });
  return readAreaGeoJsonStream(stream, { ...options, total, label: file });
}

/** Reads a FeatureCollection from any byte or text chunks (a file stream, an HTTP body, a test). */
export async function readAreaGeoJsonStream(
  chunks: AsyncIterable<string | Uint8Array>,
  options: ReadAreaOptions & { total?: number; label?: string } = {},
): Promise<AreaImport> {
  const collector = new AreaCollector(options, options.label ?? 'the GeoJSON input');
  const decoder = new StringDecoder('utf8');
  let done = 0;
  const total = options.total ?? 0;
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') {
      done += Buffer.byteLength(chunk);
      collector.scanner.push(chunk);
    } else {
      done += chunk.byteLength;
      collector.scanner.push(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    }
    options.onProgress?.(done, Math.max(total, done));
  }
  collector.scanner.push(decoder.end());
  return collector.finish();
}

/** Parses a FeatureCollection held in memory; same rules as readAreaGeoJson. */
export function parseAreaGeoJson(text: string, options: ReadAreaOptions & { label?: string } = {}): AreaImport {
  const collector = new AreaCollector(options, options.label ?? 'the GeoJSON input');
  collector.scanner.push(text);
  options.onProgress?.(text.length, text.length);
  return collector.finish();
}

/** Gathers feature outcomes into records, merging duplicates and counting skips. */
class AreaCollector {
  readonly scanner: FeatureCollectionScanner;
  private readonly byCode = new Map<string, AreaRecord>();
  private readonly parentNames = new Map<string, string>();
  private readonly warnings: ReadWarning[] = [];
  private readonly seenCrs = new Set<CoordinateSystem>();
  private readonly stats = { features: 0, areas: 0, skippedWater: 0, skippedEmpty: 0, keptEmpty: 0, invalid: 0, merged: 0, warnings: 0 };
  private readonly context: FeatureContext;

  constructor(
    private readonly options: ReadAreaOptions,
    private readonly label: string,
  ) {
    this.context = {
      level: options.level ?? 'auto',
      crs: null,
      municipality: options.municipality ?? null,
      keepEmptyGeometries: options.keepEmptyGeometries ?? false,
    };
    this.scanner = new FeatureCollectionScanner(
      {
        onCrs: (crs) => this.onCrs(crs),
        onFeature: (feature, index) => this.onFeature(feature, index),
      },
      label,
    );
  }

  finish(): AreaImport {
    this.scanner.end();
    const areas = [...this.byCode.values()];
    if (this.options.includeParents) areas.push(...this.parentRecords());
    this.stats.areas = areas.length;
    const crs = this.context.crs ?? (this.seenCrs.size > 1 ? 'mixed' : (this.seenCrs.values().next().value ?? null));
    return { areas, warnings: this.warnings, stats: { ...this.stats }, crs };
  }

  private onCrs(member: unknown): void {
    const crs = crsFromMember(member);
    if (crs && typeof crs === 'object') throw new UnsupportedCrsError(crs.unsupported, this.label);
    this.context.crs = crs;
  }

  private onFeature(feature: unknown, index: number): void {
    this.stats.features++;
    const outcome = featureToArea(feature, this.context);
    if (outcome.kind === 'skip') {
      if (outcome.reason === 'water') {
        this.stats.skippedWater++;
        return; // water-only parts are expected in CBS files, not worth a warning each
      }
      if (outcome.reason === 'empty') {
        this.stats.skippedEmpty++;
        this.warn(index, outcome.code, `${outcome.message}; skipped`);
        return;
      }
      this.stats.invalid++;
      this.warn(index, outcome.code, `${outcome.message}; skipped`);
      return;
    }
    if (outcome.empty) this.stats.keptEmpty++;
    if (outcome.crs) this.seenCrs.add(outcome.crs);
    for (const note of outcome.notes) this.warn(index, outcome.area.code, note);
    this.add(outcome.area, index, outcome.parentNames);
  }

  private add(area: AreaRecord, index: number, parentNames: { wijk: string | null; gemeente: string | null }): void {
    if (area.parentCode && parentNames.wijk && area.level === 'buurt') this.parentNames.set(area.parentCode, parentNames.wijk);
    if (area.gemeenteCode && parentNames.gemeente) this.parentNames.set(area.gemeenteCode, parentNames.gemeente);
    const existing = this.byCode.get(area.code);
    if (!existing) {
      this.byCode.set(area.code, area);
      return;
    }
    // CBS splits some areas over several features (islands, clipped regions): one record, all parts.
    this.stats.merged++;
    this.warn(index, area.code, `appears more than once; its geometries are merged`);
    this.byCode.set(area.code, mergeAreas(existing, area));
  }

  private parentRecords(): AreaRecord[] {
    const out: AreaRecord[] = [];
    const wanted = new Map<string, AreaRecord>();
    for (const area of this.byCode.values()) {
      for (const code of [area.parentCode, area.gemeenteCode]) {
        if (!code || this.byCode.has(code) || wanted.has(code)) continue;
        const isGemeente = code.startsWith('GM');
        wanted.set(code, {
          code,
          name: this.parentNames.get(code) ?? code,
          level: isGemeente ? 'gemeente' : 'wijk',
          parentCode: isGemeente ? null : area.gemeenteCode,
          gemeenteCode: area.gemeenteCode,
          municipality: area.municipality,
          aliases: [],
          geometry: null,
          bbox: null,
        });
      }
    }
    out.push(...wanted.values());
    return out;
  }

  private warn(at: number, code: string | null, message: string): void {
    this.stats.warnings++;
    const warning = { at, code, message: `Feature ${at}${code ? ` (${code})` : ''} ${message}.` };
    if (this.warnings.length < MAX_KEPT_WARNINGS) this.warnings.push(warning);
    this.options.onWarning?.(warning);
  }
}

function mergeAreas(a: AreaRecord, b: AreaRecord): AreaRecord {
  const polygons = [...polygonsOf(a.geometry), ...polygonsOf(b.geometry)];
  const bbox: AreaRecord['bbox'] =
    a.bbox && b.bbox
      ? [Math.min(a.bbox[0], b.bbox[0]), Math.min(a.bbox[1], b.bbox[1]), Math.max(a.bbox[2], b.bbox[2]), Math.max(a.bbox[3], b.bbox[3])]
      : (a.bbox ?? b.bbox);
  return {
    ...a,
    aliases: [...new Set([...a.aliases, ...b.aliases])],
    geometry: polygons.length ? { type: 'MultiPolygon', coordinates: polygons } : null,
    bbox,
  };
}

function polygonsOf(geometry: AreaGeometry | null): number[][][][] {
  if (!geometry) return [];
  return geometry.type === 'Polygon' ? [geometry.coordinates as number[][][]] : (geometry.coordinates as number[][][][]);
}
