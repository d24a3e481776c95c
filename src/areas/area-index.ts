import Flatbush from 'flatbush';
import { LEVEL_RANK } from './area-codes.js';
import type { AreaGeometry, AreaRecord } from './area-types.js';

/** A point-in-polygon index over areas; build once, query many times. */
export interface AreaIndex {
  /** Number of areas with geometry in the index. */
  readonly size: number;
  /**
   * The areas containing the point, most specific first (buurt, wijk, gemeente; smaller first
   * within a level). Empty when none does or the coordinates are not finite.
   */
  locatePoint(lat: number, lon: number): AreaRecord[];
}

interface Shape {
  area: AreaRecord;
  /** Vertices of all rings of all polygons, [x0, y0, x1, y1, …] (lon, lat). */
  xy: Float64Array;
  /** Vertex index where each ring ends (exclusive); rings start where the previous one ended. */
  ringEnds: Int32Array;
  rank: number;
  bboxArea: number;
}

/**
 * Builds a point-in-polygon index: a Flatbush R-tree over the areas' bounding boxes, then an exact
 * even-odd ray-casting test over every ring, so MultiPolygons and holes are handled alike. Areas
 * without geometry are left out.
 *
 * @example
 * const index = buildAreaIndex(areas);
 * index.locatePoint(52.3731, 4.893)[0]?.code // 'BU0363AD05'
 */
export function buildAreaIndex(areas: readonly AreaRecord[]): AreaIndex {
  const shapes: Shape[] = [];
  for (const area of areas) {
    if (!area.geometry) continue;
    const shape = toShape(area, area.geometry);
    if (shape) shapes.push(shape);
  }
  if (shapes.length === 0) return { size: 0, locatePoint: () => [] };

  const tree = new Flatbush(shapes.length);
  for (const shape of shapes) {
    const [minX, minY, maxX, maxY] = shape.area.bbox!;
    tree.add(minX, minY, maxX, maxY);
  }
  tree.finish();

  let px = 0;
  let py = 0;
  const contains = (index: number) => pointInShape(shapes[index]!, px, py);

  return {
    size: shapes.length,
    locatePoint(lat: number, lon: number): AreaRecord[] {
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) return [];
      px = lon;
      py = lat;
      const hits = tree.search(lon, lat, lon, lat, contains);
      if (hits.length === 0) return [];
      if (hits.length === 1) return [shapes[hits[0]!]!.area];
      return hits
        .map((index) => shapes[index]!)
        .sort((a, b) => b.rank - a.rank || a.bboxArea - b.bboxArea)
        .map((shape) => shape.area);
    },
  };
}

function toShape(area: AreaRecord, geometry: AreaGeometry): Shape | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates as number[][][]] : (geometry.coordinates as number[][][][]);
  let vertices = 0;
  let rings = 0;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      vertices += ring.length;
      rings++;
    }
  }
  if (vertices === 0) return null;
  const xy = new Float64Array(vertices * 2);
  const ringEnds = new Int32Array(rings);
  let v = 0;
  let r = 0;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const position of ring) {
        const x = position[0]!;
        const y = position[1]!;
        xy[v * 2] = x;
        xy[v * 2 + 1] = y;
        v++;
        if (x < minX) minX = x;
        if (y < minY) minY = y;
        if (x > maxX) maxX = x;
        if (y > maxY) maxY = y;
      }
      ringEnds[r++] = v;
    }
  }
  const bbox = area.bbox ?? [minX, minY, maxX, maxY];
  return {
    area: area.bbox ? area : { ...area, bbox },
    xy,
    ringEnds,
    rank: LEVEL_RANK[area.level],
    bboxArea: (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]),
  };
}

/** Even-odd rule over all rings: a point inside an outer ring and not in a hole crosses an odd count. */
function pointInShape(shape: Shape, px: number, py: number): boolean {
  const { xy, ringEnds } = shape;
  let inside = false;
  let start = 0;
  for (let r = 0; r < ringEnds.length; r++) {
    const end = ringEnds[r]!;
    let j = end - 1;
    for (let i = start; i < end; j = i++) {
      const yi = xy[i * 2 + 1]!;
      const yj = xy[j * 2 + 1]!;
      if (yi > py !== yj > py) {
        const xi = xy[i * 2]!;
        const xj = xy[j * 2]!;
        if (px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    start = end;
  }
  return inside;
}
