import { AREA_CODE_PATTERN, gemeenteCodeOf, normaliseAreaCode, parentCodeOf } from './area-codes.js';
import { guessCrs, toWgs84Converter } from './area-crs.js';
import type { CoordinateSystem } from './area-crs.js';
import type { AreaGeometry, AreaLevel, AreaRecord } from './area-types.js';

/** How to read one feature: the level wanted and what the file as a whole says. */
export interface FeatureContext {
  /** 'auto' takes the most specific code a feature carries (buurt, else wijk, else gemeente). */
  level: AreaLevel | 'auto';
  /** From the file's `crs` member; null means: guess per feature from the coordinate ranges. */
  crs: CoordinateSystem | null;
  /** Gemeente name to use when the feature has none. */
  municipality: string | null;
  /** Return features without usable geometry as records with `geometry: null` (with a note). */
  keepEmptyGeometries?: boolean;
}

/** The outcome of reading one feature. */
export type FeatureOutcome =
  | {
      kind: 'area';
      /** True when kept without geometry (keepEmptyGeometries). */
      empty: boolean;
      /** The coordinate system the geometry was read in. */
      crs: CoordinateSystem | null;
      area: AreaRecord;
      /** Names of the parents found in the properties (for building name-only parent records). */
      parentNames: { wijk: string | null; gemeente: string | null };
      notes: string[];
    }
  | { kind: 'skip'; reason: 'water' | 'empty' | 'invalid'; code: string | null; message: string };

// Property names in the CBS spellings (upper-case 2015–2020, lower-case 2021+) and Amsterdam's files.
const FIELDS = {
  buurtCode: ['bu_code', 'buurtcode', 'buurt_code'],
  buurtName: ['bu_naam', 'buurtnaam', 'buurt_naam'],
  wijkCode: ['wk_code', 'wijkcode', 'wijk_code', 'wk_code_derived'],
  wijkName: ['wk_naam', 'wijknaam', 'wijk_naam', 'wk_naam_matched'],
  gemeenteCode: ['gm_code', 'gemeentecode', 'gemeente_code'],
  gemeenteName: ['gm_naam', 'gemeentenaam', 'gemeente_naam'],
  water: ['water'],
  aliases: ['aliases', 'alias', 'aliassen'],
  // Amsterdam's gebieden (ggw) and stadsdelen: kept as aliases shared by their buurten or wijken.
  groups: ['ggw_naam', 'ggw_naam_matched', 'gebiedsnaam', 'gebied_naam', 'stadsdeel_naam', 'stadsdeel_naam_matched', 'stadsdeelnaam'],
} as const;

const LEVEL_FIELDS: Record<AreaLevel, { code: readonly string[]; name: readonly string[] }> = {
  buurt: { code: FIELDS.buurtCode, name: FIELDS.buurtName },
  wijk: { code: FIELDS.wijkCode, name: FIELDS.wijkName },
  gemeente: { code: FIELDS.gemeenteCode, name: FIELDS.gemeenteName },
};

/**
 * Turns one GeoJSON feature into an AreaRecord in WGS84: code and hierarchy from the CBS properties,
 * geometry cleaned (degenerate rings dropped) and converted from RD New when needed. Water-only,
 * empty and invalid features come back as `skip` with a reason.
 */
export function featureToArea(feature: unknown, context: FeatureContext): FeatureOutcome {
  if (!feature || typeof feature !== 'object') {
    return { kind: 'skip', reason: 'invalid', code: null, message: 'is not a JSON object' };
  }
  const rawProperties = (feature as { properties?: unknown }).properties;
  const properties = lowerCaseKeys(rawProperties);
  const level = context.level === 'auto' ? detectLevel(properties) : context.level;
  if (!level) {
    return {
      kind: 'skip',
      reason: 'invalid',
      code: null,
      message: 'has no BU_CODE/buurtcode, WK_CODE/wijkcode or GM_CODE/gemeentecode property',
    };
  }
  const code = normaliseAreaCode(pick(properties, LEVEL_FIELDS[level].code), level);
  if (!code) {
    return { kind: 'skip', reason: 'invalid', code: null, message: `has no ${level} code property` };
  }
  if (!AREA_CODE_PATTERN[level].test(code)) {
    return { kind: 'skip', reason: 'invalid', code, message: `has ${code}, which is not a valid ${level} code` };
  }
  if (isWater(pick(properties, FIELDS.water))) {
    return { kind: 'skip', reason: 'water', code, message: 'is water only' };
  }

  const notes: string[] = [];
  const name = text(pick(properties, LEVEL_FIELDS[level].name));
  if (!name) notes.push(`has no ${level} name; the code is used as its name`);

  const derivedParent = parentCodeOf(code);
  let parentCode = derivedParent;
  if (level === 'buurt') {
    const declared = normaliseAreaCode(pick(properties, FIELDS.wijkCode), 'wijk');
    if (declared && AREA_CODE_PATTERN.wijk.test(declared)) {
      if (declared !== derivedParent) notes.push(`says its wijk is ${declared} although the code implies ${derivedParent}; using ${declared}`);
      parentCode = declared;
    }
  }
  const gemeenteCode = level === 'gemeente' ? code : gemeenteCodeOf(code);
  const declaredGemeente = normaliseAreaCode(pick(properties, FIELDS.gemeenteCode), 'gemeente');
  if (level !== 'gemeente' && declaredGemeente && declaredGemeente !== gemeenteCode) {
    notes.push(`says its gemeente is ${declaredGemeente} although the code implies ${gemeenteCode}; using ${gemeenteCode}`);
  }
  const gemeenteName = text(pick(properties, FIELDS.gemeenteName));
  const municipality = level === 'gemeente' ? (name ?? gemeenteName ?? context.municipality) : (gemeenteName ?? context.municipality);

  const aliases = collectAliases(properties, name);

  const geometryResult = readGeometry((feature as { geometry?: unknown }).geometry, context.crs);
  notes.push(...geometryResult.notes);
  if (!geometryResult.geometry) {
    const problem = geometryResult.problem ?? 'has an empty geometry';
    if (!context.keepEmptyGeometries) return { kind: 'skip', reason: 'empty', code, message: problem };
    notes.push(`${problem}; kept without geometry`);
  }

  return {
    kind: 'area',
    empty: !geometryResult.geometry,
    crs: geometryResult.crs ?? null,
    area: {
      code,
      name: name ?? code,
      level,
      parentCode,
      gemeenteCode,
      municipality,
      aliases,
      geometry: geometryResult.geometry,
      bbox: geometryResult.bbox,
    },
    parentNames: {
      wijk: level === 'buurt' ? text(pick(properties, FIELDS.wijkName)) : null,
      gemeente: gemeenteName ?? context.municipality,
    },
    notes,
  };
}

function detectLevel(properties: Map<string, unknown>): AreaLevel | null {
  if (pick(properties, FIELDS.buurtCode) != null) return 'buurt';
  if (pick(properties, FIELDS.wijkCode) != null) return 'wijk';
  if (pick(properties, FIELDS.gemeenteCode) != null) return 'gemeente';
  return null;
}

function lowerCaseKeys(properties: unknown): Map<string, unknown> {
  const map = new Map<string, unknown>();
  if (properties && typeof properties === 'object') {
    for (const [key, value] of Object.entries(properties)) map.set(key.toLowerCase(), value);
  }
  return map;
}

function pick(properties: Map<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) {
    const value = properties.get(name);
    if (value !== undefined && value !== null && value !== '') return value;
  }
  return undefined;
}

function text(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function isWater(value: unknown): boolean {
  if (value === true || value === 1) return true;
  if (typeof value !== 'string') return false;
  return ['ja', 'j', 'yes', 'true', '1', 'water'].includes(value.trim().toLowerCase());
}

function collectAliases(properties: Map<string, unknown>, name: string | null): string[] {
  const out = new Set<string>();
  const add = (value: string | null) => {
    if (value && value !== name) out.add(value);
  };
  const declared = pick(properties, FIELDS.aliases);
  if (Array.isArray(declared)) declared.forEach((value) => add(text(value)));
  else if (typeof declared === 'string') declared.split(/[;|]/).forEach((value) => add(text(value)));
  for (const field of FIELDS.groups) add(text(properties.get(field)));
  return [...out];
}

interface GeometryResult {
  geometry: AreaGeometry | null;
  bbox: [number, number, number, number] | null;
  notes: string[];
  problem?: string;
  crs?: CoordinateSystem;
}

/** Cleans and converts a Polygon, MultiPolygon or GeometryCollection of them. */
function readGeometry(geometry: unknown, fileCrs: CoordinateSystem | null): GeometryResult {
  const notes: string[] = [];
  if (!geometry || typeof geometry !== 'object') return { geometry: null, bbox: null, notes, problem: 'has no geometry' };
  const polygons = collectPolygons(geometry as { type?: unknown; coordinates?: unknown; geometries?: unknown }, notes);
  if (polygons === null) {
    return { geometry: null, bbox: null, notes, problem: `has a ${String((geometry as { type?: unknown }).type)} geometry, not a polygon` };
  }
  const first = firstPosition(polygons);
  if (!first) return { geometry: null, bbox: null, notes, problem: 'has an empty geometry' };
  const crs = fileCrs ?? guessCrs(first[0]!, first[1]!);
  if (!crs) {
    return {
      geometry: null,
      bbox: null,
      notes,
      problem: `has coordinates (${first[0]}, ${first[1]}) that are neither lon/lat nor RD New`,
    };
  }
  const convert = toWgs84Converter(crs);
  const round = crs === 'wgs84' ? (value: number) => value : roundTo7;
  const bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const cleaned: number[][][][] = [];
  let droppedRings = 0;
  for (const polygon of polygons) {
    const rings: number[][][] = [];
    for (let r = 0; r < polygon.length; r++) {
      const ring = cleanRing(polygon[r]!, convert, round);
      if (!ring) {
        droppedRings++;
        if (r === 0) break; // without its outer ring the holes mean nothing
        continue;
      }
      rings.push(ring);
    }
    if (rings.length === 0) continue;
    for (const [lon, lat] of rings[0]!) {
      if (lon! < bbox[0]) bbox[0] = lon!;
      if (lat! < bbox[1]) bbox[1] = lat!;
      if (lon! > bbox[2]) bbox[2] = lon!;
      if (lat! > bbox[3]) bbox[3] = lat!;
    }
    cleaned.push(rings);
  }
  if (droppedRings > 0) notes.push(`had ${droppedRings} degenerate or invalid ring(s), dropped`);
  if (cleaned.length === 0) return { geometry: null, bbox: null, notes, problem: 'has no usable polygon ring' };
  if (bbox[0] < -180 || bbox[2] > 180 || bbox[1] < -90 || bbox[3] > 90) {
    return { geometry: null, bbox: null, notes, problem: 'has coordinates outside lon/lat range after conversion' };
  }
  const isMulti = (geometry as { type?: unknown }).type !== 'Polygon';
  return {
    geometry: isMulti ? { type: 'MultiPolygon', coordinates: cleaned } : { type: 'Polygon', coordinates: cleaned[0]! },
    bbox,
    notes,
    crs,
  };
}

/** Polygons as arrays of rings of raw positions; null for a non-polygon geometry. */
function collectPolygons(
  geometry: { type?: unknown; coordinates?: unknown; geometries?: unknown },
  notes: string[],
): unknown[][][] | null {
  const coordinates = geometry.coordinates;
  switch (geometry.type) {
    case 'Polygon':
      return Array.isArray(coordinates) ? [coordinates as unknown[][]] : [];
    case 'MultiPolygon':
      return Array.isArray(coordinates) ? (coordinates.filter(Array.isArray) as unknown[][][]) : [];
    case 'GeometryCollection': {
      const out: unknown[][][] = [];
      let ignored = 0;
      for (const member of Array.isArray(geometry.geometries) ? geometry.geometries : []) {
        const polygons = member && typeof member === 'object' ? collectPolygons(member as typeof geometry, notes) : null;
        if (polygons) out.push(...polygons);
        else ignored++;
      }
      if (ignored > 0) notes.push(`had ${ignored} non-polygon part(s) in a GeometryCollection, ignored`);
      return out;
    }
    default:
      return null;
  }
}

function firstPosition(polygons: unknown[][][]): number[] | null {
  for (const polygon of polygons) {
    for (const ring of polygon) {
      if (!Array.isArray(ring)) continue;
      for (const position of ring) {
        if (isPosition(position)) return position;
      }
    }
  }
  return null;
}

function isPosition(value: unknown): value is number[] {
  return Array.isArray(value) && value.length >= 2 && Number.isFinite(value[0]) && Number.isFinite(value[1]);
}

/** A closed ring of [lon, lat] with at least three distinct corners, or null. */
function cleanRing(
  ring: unknown,
  convert: (x: number, y: number) => [number, number],
  round: (value: number) => number,
): number[][] | null {
  if (!Array.isArray(ring)) return null;
  const out: number[][] = [];
  for (const position of ring) {
    if (!isPosition(position)) return null;
    const [lon, lat] = convert(position[0]!, position[1]!);
    const point = [round(lon), round(lat)];
    const last = out[out.length - 1];
    if (last && last[0] === point[0] && last[1] === point[1]) continue;
    out.push(point);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0]!, first[1]!]);
  return out.length >= 4 ? out : null;
}

function roundTo7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}
