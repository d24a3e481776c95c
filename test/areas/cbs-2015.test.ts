// CI check on real data: the whole CBS wijk- en buurtkaart 2015 (../shared, read-only).
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAreaIndex } from '../../src/areas/area-index.js';
import type { AreaIndex } from '../../src/areas/area-index.js';
import { readAreaGeoJson } from '../../src/areas/read-area-geojson.js';
import type { AreaImport } from '../../src/areas/read-area-geojson.js';
import type { AreaRecord } from '../../src/areas/area-types.js';
import { SHARED_FILES, missingSharedGeo } from './shared-geo.js';
import { mulberry32 } from '../../src/alerts/synthetic-series.js';

const missing = missingSharedGeo(['buurten2015']);
if (missing) console.warn(`[areas] skipping the CBS 2015 import check: ${missing}.`);


/**
 * Winding-number test, written independently of the index's even-odd ray casting so the two check
 * each other: inside when the rings wind around the point (holes wind the other way in valid
 * GeoJSON, but we only need "inside the outer ring and not in a hole", so count per ring).
 */
function insideByWinding(area: AreaRecord, x: number, y: number): boolean {
  const polygons = area.geometry!.type === 'Polygon' ? [area.geometry!.coordinates as number[][][]] : (area.geometry!.coordinates as number[][][][]);
  return polygons.some(([outer, ...holes]) => winding(outer!, x, y) !== 0 && holes.every((hole) => winding(hole, x, y) === 0));
}

function winding(ring: number[][], x: number, y: number): number {
  let wn = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i] as [number, number];
    const [x2, y2] = ring[i + 1] as [number, number];
    const side = (x2 - x1) * (y - y1) - (x - x1) * (y2 - y1);
    if (y1 <= y) {
      if (y2 > y && side > 0) wn++;
    } else if (y2 <= y && side < 0) wn--;
  }
  return wn;
}

describe.skipIf(missing !== null)('CBS wijk- en buurtkaart 2015 (../shared/geo)', () => {
  // Loaded in beforeAll: a skipped suite still runs its body to collect tests, but not its hooks.
  let result: AreaImport;
  let buurten: AreaRecord[];
  let index: AreaIndex;
  beforeAll(async () => {
    result = await readAreaGeoJson(SHARED_FILES.buurten2015);
    buurten = result.areas.filter((area) => area.level === 'buurt');
    index = buildAreaIndex(result.areas);
  });

  it('imports exactly 12,229 buurten in 393 gemeenten, without warnings', () => {
    expect(buurten).toHaveLength(12_229);
    expect(new Set(buurten.map((area) => area.gemeenteCode)).size).toBe(393);
    expect(buurten.every((area) => /^WK\d{6}$/.test(area.parentCode ?? '') && area.parentCode!.slice(2, 6) === area.code.slice(2, 6))).toBe(true);
    expect(result.warnings).toEqual([]);
    expect(result.crs).toBe('wgs84');
    expect(buurten.every((area) => area.geometry !== null && /^GM\d{4}$/.test(area.gemeenteCode ?? ''))).toBe(true);
  });

  it.each([
    { place: 'Dam, Amsterdam', lat: 52.3731, lon: 4.893, code: 'BU03630001' },
    { place: 'Domplein, Utrecht', lat: 52.0908, lon: 5.1222, code: 'BU03440611' },
    { place: 'Binnenhof, Den Haag', lat: 52.0799, lon: 4.3133, code: 'BU05182812' },
    { place: 'Markt, Eindhoven', lat: 51.4381, lon: 5.4786, code: 'BU07721111' },
  ])('puts $place in $code', ({ lat, lon, code }) => {
    expect(index.locatePoint(lat, lon)[0]?.code).toBe(code);
  });

  it('resolves ≥ 99.5 % of 2,000 random points drawn inside buurt polygons to that buurt', () => {
    const random = mulberry32(20_261_128);
    let tried = 0;
    let hits = 0;
    let unsampled = 0;
    const misses: string[] = [];
    while (tried < 2_000) {
      const buurt = buurten[Math.floor(random() * buurten.length)]!;
      const [minX, minY, maxX, maxY] = buurt.bbox!;
      let point: [number, number] | null = null;
      for (let attempt = 0; attempt < 500 && !point; attempt++) {
        const x = minX + random() * (maxX - minX);
        const y = minY + random() * (maxY - minY);
        if (insideByWinding(buurt, x, y)) point = [x, y];
      }
      if (!point) {
        unsampled++; // a sliver too thin to hit by chance; drawn again
        continue;
      }
      tried++;
      const found = index.locatePoint(point[1], point[0])[0]?.code;
      if (found === buurt.code) hits++;
      else misses.push(`${buurt.code}@${point[1].toFixed(5)},${point[0].toFixed(5)}→${found ?? 'none'}`);
    }
    const rate = hits / tried;
    console.log(`[areas] CBS 2015: ${hits}/${tried} sampled points resolved to their own buurt (${(rate * 100).toFixed(2)} %), ${unsampled} slivers redrawn${misses.length ? `; misses: ${misses.slice(0, 5).join(' ')}` : ''}`);
    expect(rate).toBeGreaterThanOrEqual(0.995);
  });
});
