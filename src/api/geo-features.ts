/** A polygon or multipolygon in WGS84 as the map needs it (other geometry types are not drawn). */
export type AreaGeometry = { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

/** One area on the map. */
export interface AreaFeature {
  type: 'Feature';
  id: string;
  properties: { code: string; name: string; level: string; parent: string | null; municipality: string | null };
  geometry: AreaGeometry;
}

/** Simplification tolerance in degrees per level (~50 m, ~20 m, ~8 m): invisible at the scale each level is drawn. */
export const TOLERANCE_BY_LEVEL: Readonly<Record<string, number>> = { gemeente: 0.0005, wijk: 0.0002, buurt: 0.00008 };

/**
 * Builds a FeatureCollection from area rows with GeoJSON geometry text: rings simplified
 * (Douglas–Peucker at the level's tolerance) and coordinates rounded to 5 decimals (~1 m).
 * Rows whose geometry is not a (multi)polygon or not valid JSON are left out.
 */
export function toFeatureCollection(
  rows: readonly { code: string; name: string; level: string; parent_code: string | null; municipality: string | null; geometry: string | null }[],
): { type: 'FeatureCollection'; features: AreaFeature[] } {
  const features: AreaFeature[] = [];
  for (const row of rows) {
    if (!row.geometry) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.geometry);
    } catch {
      continue;
    }
    const geometry = simplifyGeometry(parsed, TOLERANCE_BY_LEVEL[row.level] ?? 0.0001);
    if (!geometry) continue;
    features.push({
      type: 'Feature',
      id: row.code,
      properties: { code: row.code, name: row.name, level: row.level, parent: row.parent_code, municipality: row.municipality },
      geometry,
    });
  }
  return { type: 'FeatureCollection', features };
}

/** Simplifies and rounds a Polygon or MultiPolygon; null for anything else or malformed coordinates. */
export function simplifyGeometry(geometry: unknown, tolerance: number): AreaGeometry | null {
  if (!geometry || typeof geometry !== 'object') return null;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon' && isPolygon(coordinates)) {
    return { type: 'Polygon', coordinates: simplifyPolygon(coordinates, tolerance) };
  }
  if (type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.every(isPolygon)) {
    return { type: 'MultiPolygon', coordinates: (coordinates as number[][][][]).map((polygon) => simplifyPolygon(polygon, tolerance)) };
  }
  return null;
}

function isPolygon(value: unknown): value is number[][][] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (ring) =>
        Array.isArray(ring) &&
        ring.every((point) => Array.isArray(point) && point.length >= 2 && Number.isFinite(point[0]) && Number.isFinite(point[1])),
    )
  );
}

function simplifyPolygon(rings: number[][][], tolerance: number): number[][][] {
  return rings.map((ring) => simplifyRing(ring, tolerance));
}

/** A closed ring keeps at least 4 positions; if simplifying would break that, the rounded ring is kept. */
function simplifyRing(ring: number[][], tolerance: number): number[][] {
  const rounded = dedupe(ring.map((point) => [round5(point[0]!), round5(point[1]!)]));
  if (rounded.length <= 4) return rounded;
  const kept = douglasPeucker(rounded, tolerance);
  return kept.length >= 4 ? kept : rounded;
}

function dedupe(points: number[][]): number[][] {
  const out: number[][] = [];
  for (const point of points) {
    const last = out[out.length - 1];
    if (!last || last[0] !== point[0] || last[1] !== point[1]) out.push(point);
  }
  return out;
}

/** Iterative Douglas–Peucker (no recursion, so huge rings cannot overflow the stack). */
function douglasPeucker(points: number[][], tolerance: number): number[][] {
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  const squared = tolerance * tolerance;
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let index = -1;
    let max = squared;
    for (let i = first + 1; i < last; i++) {
      const distance = segmentDistanceSquared(points[i]!, points[first]!, points[last]!);
      if (distance > max) {
        max = distance;
        index = i;
      }
    }
    if (index !== -1) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

function segmentDistanceSquared(p: number[], a: number[], b: number[]): number {
  let [x, y] = [a[0]!, a[1]!];
  let dx = b[0]! - x;
  let dy = b[1]! - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0]! - x) * dx + (p[1]! - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0]!;
      y = b[1]!;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0]! - x;
  dy = p[1]! - y;
  return dx * dx + dy * dy;
}

function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}
