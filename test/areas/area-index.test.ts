import { describe, expect, it } from 'vitest';
import { buildAreaIndex } from '../../src/areas/area-index.js';
import type { AreaGeometry, AreaLevel, AreaRecord } from '../../src/areas/area-types.js';

function area(code: string, level: AreaLevel, geometry: AreaGeometry | null): AreaRecord {
  const coordinates = geometry ? (geometry.type === 'Polygon' ? [geometry.coordinates as number[][][]] : (geometry.coordinates as number[][][][])) : [];
  const points = coordinates.flatMap((polygon) => polygon[0] ?? []);
  const bbox: AreaRecord['bbox'] = points.length
    ? [Math.min(...points.map((p) => p[0]!)), Math.min(...points.map((p) => p[1]!)), Math.max(...points.map((p) => p[0]!)), Math.max(...points.map((p) => p[1]!))]
    : null;
  return { code, name: code, level, parentCode: null, gemeenteCode: `GM${code.slice(2, 6)}`, municipality: null, aliases: [], geometry, bbox };
}

const rect = (x0: number, y0: number, x1: number, y1: number) => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];

// A gemeente 0..10 × 0..10 (lon × lat), a wijk 0..5 × 0..10 inside it, and in the wijk:
// buurt A = 0..5 × 0..5 with a hole 1..2 × 1..2, and buurt B = a MultiPolygon of 0..5 × 5..7 and 0..1 × 8..9.
const AREAS = [
  area('GM0001', 'gemeente', { type: 'Polygon', coordinates: [rect(0, 0, 10, 10)] }),
  area('WK000101', 'wijk', { type: 'Polygon', coordinates: [rect(0, 0, 5, 10)] }),
  area('BU00010101', 'buurt', { type: 'Polygon', coordinates: [rect(0, 0, 5, 5), rect(1, 1, 2, 2)] }),
  area('BU00010102', 'buurt', { type: 'MultiPolygon', coordinates: [[rect(0, 5, 5, 7)], [rect(0, 8, 1, 9)]] }),
  // A concave (U-shaped) buurt east of the wijk: the notch 7..8 × 2..5 is outside it.
  area('BU00010201', 'buurt', { type: 'Polygon', coordinates: [[[6, 1], [9, 1], [9, 5], [8, 5], [8, 2], [7, 2], [7, 5], [6, 5], [6, 1]]] }),
  area('BU00010299', 'buurt', null),
];

describe('buildAreaIndex / locatePoint', () => {
  const index = buildAreaIndex(AREAS);

  it('indexes only areas with geometry', () => {
    expect(index.size).toBe(5);
  });

  it.each([
    { name: 'buurt A, most specific first', lat: 3, lon: 3, codes: ['BU00010101', 'WK000101', 'GM0001'] },
    { name: 'the hole in buurt A', lat: 1.5, lon: 1.5, codes: ['WK000101', 'GM0001'] },
    { name: 'first part of MultiPolygon B', lat: 6, lon: 2, codes: ['BU00010102', 'WK000101', 'GM0001'] },
    { name: 'second part of MultiPolygon B', lat: 8.5, lon: 0.5, codes: ['BU00010102', 'WK000101', 'GM0001'] },
    { name: 'between the parts of B', lat: 7.5, lon: 0.5, codes: ['WK000101', 'GM0001'] },
    { name: 'in the wijk but no buurt', lat: 9.5, lon: 4, codes: ['WK000101', 'GM0001'] },
    { name: 'a leg of the U-shaped buurt', lat: 4, lon: 6.5, codes: ['BU00010201', 'GM0001'] },
    { name: 'the notch of the U (inside its bbox)', lat: 4, lon: 7.5, codes: ['GM0001'] },
    { name: 'outside everything', lat: 20, lon: 20, codes: [] },
    { name: 'not a number', lat: Number.NaN, lon: 3, codes: [] },
  ])('$name', ({ lat, lon, codes }) => {
    expect(index.locatePoint(lat, lon).map((hit) => hit.code)).toEqual(codes);
  });

  it('returns an index that finds nothing when no area has geometry', () => {
    const empty = buildAreaIndex([area('BU00019999', 'buurt', null)]);
    expect(empty.size).toBe(0);
    expect(empty.locatePoint(1, 1)).toEqual([]);
  });

  it('orders overlapping areas of one level smallest first', () => {
    const overlapping = buildAreaIndex([
      area('BU00010001', 'buurt', { type: 'Polygon', coordinates: [rect(0, 0, 4, 4)] }),
      area('BU00010002', 'buurt', { type: 'Polygon', coordinates: [rect(1, 1, 2, 2)] }),
    ]);
    expect(overlapping.locatePoint(1.5, 1.5).map((hit) => hit.code)).toEqual(['BU00010002', 'BU00010001']);
  });

  it('fills in a missing bbox from the geometry', () => {
    const withoutBbox = { ...area('BU00010003', 'buurt', { type: 'Polygon', coordinates: [rect(0, 0, 1, 1)] }), bbox: null };
    expect(buildAreaIndex([withoutBbox]).locatePoint(0.5, 0.5)[0]!.bbox).toEqual([0, 0, 1, 1]);
  });
});
