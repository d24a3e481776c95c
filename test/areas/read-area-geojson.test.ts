import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AreaFileError, UnsupportedCrsError } from '../../src/areas/area-errors.js';
import { buildAreaIndex } from '../../src/areas/area-index.js';
import { parseAreaGeoJson, readAreaGeoJson, readAreaGeoJsonStream } from '../../src/areas/read-area-geojson.js';
import type { AreaRecord } from '../../src/areas/area-types.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/areas');
const UPPER = path.join(FIXTURES, 'buurten-upper-wgs84.geojson');
const LOWER_RD = path.join(FIXTURES, 'buurten-lower-rd.geojson');

const byCode = (areas: AreaRecord[]) => new Map(areas.map((area) => [area.code, area]));

describe('readAreaGeoJson — upper-case CBS spelling, WGS84', async () => {
  const result = await readAreaGeoJson(UPPER);
  const areas = byCode(result.areas);

  it('reads the valid buurten with their hierarchy', () => {
    expect([...areas.keys()].sort()).toEqual(['BU09990001', 'BU09990002', 'BU09990105']);
    expect(areas.get('BU09990001')).toMatchObject({
      name: 'Oude Haven',
      level: 'buurt',
      parentCode: 'WK099900',
      gemeenteCode: 'GM0999',
      municipality: 'Zeedorp',
      bbox: [4.0, 52.0, 4.01, 52.01],
    });
    expect(areas.get('BU09990002')!.name).toBe('Nieuwe Haven "Zuid"');
  });

  it('closes an unclosed ring', () => {
    const ring = (areas.get('BU09990002')!.geometry!.coordinates as number[][][])[0]!;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring).toHaveLength(5);
  });

  it('merges a buurt split over two features into one MultiPolygon', () => {
    const eilanden = areas.get('BU09990105')!;
    expect(eilanden.geometry!.type).toBe('MultiPolygon');
    expect(eilanden.geometry!.coordinates).toHaveLength(2);
    expect(eilanden.bbox).toEqual([4.05, 52.05, 4.08, 52.06]);
    expect(result.stats.merged).toBe(1);
  });

  it('skips water, empty, non-polygon and invalid features with counts and warnings', () => {
    expect(result.stats).toMatchObject({ features: 8, skippedWater: 1, skippedEmpty: 2, invalid: 1, areas: 3 });
    const messages = result.warnings.map((warning) => warning.message).join('\n');
    expect(messages).toMatch(/BU0999X.*not a valid buurt code/);
    expect(messages).toMatch(/BU09990104.*has no geometry; skipped/);
    expect(messages).toMatch(/BU09990106.*LineString geometry, not a polygon/);
    expect(messages).not.toMatch(/BU09990003/); // water is expected, not a problem
    expect(result.crs).toBe('wgs84');
  });

  it('keeps empty geometries as name-only records when asked', async () => {
    const kept = await readAreaGeoJson(UPPER, { keepEmptyGeometries: true });
    expect(byCode(kept.areas).get('BU09990104')).toMatchObject({ name: 'Zonder vorm', geometry: null, bbox: null });
    expect(kept.stats.keptEmpty).toBe(2);
  });

  it('adds name-only parent records when asked', async () => {
    const withParents = byCode((await readAreaGeoJson(UPPER, { includeParents: true })).areas);
    expect(withParents.get('WK099900')).toMatchObject({ level: 'wijk', name: 'Wijk 00 Centrum', parentCode: 'GM0999', geometry: null });
    expect(withParents.get('GM0999')).toMatchObject({ level: 'gemeente', name: 'Zeedorp', parentCode: null });
    expect(withParents.get('WK099901')).toMatchObject({ level: 'wijk', name: 'WK099901' });
  });

  it('reports progress in bytes up to the file size', async () => {
    const calls: [number, number][] = [];
    await readAreaGeoJson(UPPER, { onProgress: (done, total) => calls.push([done, total]) });
    const size = readFileSync(UPPER).byteLength;
    expect(calls.at(-1)).toEqual([size, size]);
    expect(calls.every(([done], i) => i === 0 || done >= calls[i - 1]![0])).toBe(true);
  });
});

describe('readAreaGeoJson — lower-case CBS spelling, RD New', async () => {
  const result = await readAreaGeoJson(LOWER_RD);
  const areas = byCode(result.areas);

  it('converts RD New to WGS84 and keeps holes and parts', () => {
    expect(result.crs).toBe('rd');
    const kerk = areas.get('BU0363AD05')!;
    expect(kerk).toMatchObject({ level: 'buurt', parentCode: 'WK0363AD', gemeenteCode: 'GM0363', municipality: 'Amsterdam' });
    expect(kerk.geometry!.type).toBe('MultiPolygon');
    const polygons = kerk.geometry!.coordinates as number[][][][];
    expect(polygons).toHaveLength(2);
    expect(polygons[0]).toHaveLength(2); // outer ring + hole
    // RD (120000, 486000) lies in Amsterdam-West: about 4.875 E, 52.36 N.
    expect(kerk.bbox![0]).toBeCloseTo(4.873, 2);
    expect(kerk.bbox![1]).toBeCloseTo(52.361, 2);
  });

  it('derives the wijk from a numeric buurt code when the file has none', () => {
    expect(areas.get('BU03630000')).toMatchObject({ parentCode: 'WK036300', gemeenteCode: 'GM0363' });
    expect(areas.has('BU03639999')).toBe(false); // water
  });

  it('gives a point in the hole no buurt and a point in the ring its buurt', () => {
    const index = buildAreaIndex(result.areas);
    const [lonInRing, latInRing] = [4.8745, 52.3625]; // near RD (120100, 486100)
    expect(index.locatePoint(latInRing, lonInRing).map((area) => area.code)).toEqual(['BU0363AD05']);
    const hole = (areas.get('BU0363AD05')!.geometry!.coordinates as number[][][][])[0]![1]!;
    const centre = [(hole[0]![0]! + hole[2]![0]!) / 2, (hole[0]![1]! + hole[2]![1]!) / 2];
    expect(index.locatePoint(centre[1]!, centre[0]!)).toEqual([]);
  });
});

describe('parseAreaGeoJson — detection and errors', () => {
  const feature = (properties: object, coordinates: number[][][]) =>
    JSON.stringify({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates } });
  const square = (x: number, y: number, size: number) => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];

  it.each([
    { name: 'RD New without a crs member (by range)', coordinates: square(121000, 487000, 100), crs: 'rd' },
    { name: 'WGS84 without a crs member (by range)', coordinates: square(4.9, 52.37, 0.001), crs: 'wgs84' },
  ])('detects $name', ({ coordinates, crs }) => {
    const text = `{"type":"FeatureCollection","features":[${feature({ GM_CODE: 'GM0363', GM_NAAM: 'Amsterdam' }, coordinates)}]}`;
    const result = parseAreaGeoJson(text);
    expect(result.crs).toBe(crs);
    expect(result.areas[0]!.bbox![1]).toBeGreaterThan(52.3);
    expect(result.areas[0]).toMatchObject({ code: 'GM0363', level: 'gemeente', parentCode: null, name: 'Amsterdam' });
  });

  it('reads Amsterdam gebieden files: derived wijk codes, gebied and stadsdeel as aliases', () => {
    const text = `{"type":"FeatureCollection","features":[${feature(
      { BU_CODE: 'BU0363KE01', BU_NAAM: 'Frans Halsbuurt', WK_CODE_derived: 'WK0363KE', WK_NAAM_matched: 'Oude Pijp', ggw_naam_matched: 'De Pijp, Rivierenbuurt', stadsdeel_naam_matched: 'Zuid', GM_CODE: 'GM0363' },
      square(4.88, 52.35, 0.001),
    )}]}`;
    const [area] = parseAreaGeoJson(text, { municipality: 'Amsterdam' }).areas;
    expect(area).toMatchObject({ code: 'BU0363KE01', parentCode: 'WK0363KE', municipality: 'Amsterdam', aliases: ['De Pijp, Rivierenbuurt', 'Zuid'] });
  });

  it('reads the level asked for from a file that carries several codes', () => {
    const text = `{"type":"FeatureCollection","features":[${feature({ BU_CODE: 'BU03630001', WK_CODE: 'WK036300', WK_NAAM: 'Centrum', GM_CODE: 'GM0363' }, square(4.9, 52.37, 0.001))}]}`;
    expect(parseAreaGeoJson(text, { level: 'wijk' }).areas[0]).toMatchObject({ code: 'WK036300', level: 'wijk', name: 'Centrum', parentCode: 'GM0363' });
  });

  it.each([
    { name: 'a bare geometry', text: '{"type":"Polygon","coordinates":[]}', message: /GeoJSON Polygon, not a FeatureCollection/ },
    { name: 'truncated JSON', text: '{"type":"FeatureCollection","features":[{"type":"Feature"', message: /ends in the middle of the JSON/ },
    { name: 'an array', text: '[1,2]', message: /does not start with a JSON object/ },
    { name: 'broken feature JSON', text: '{"type":"FeatureCollection","features":[{"a":1,}]}', message: /invalid JSON in feature 0/ },
  ])('rejects $name with a readable AreaFileError', ({ text, message }) => {
    expect(() => parseAreaGeoJson(text)).toThrowError(AreaFileError);
    expect(() => parseAreaGeoJson(text)).toThrowError(message);
  });

  it('refuses a CRS it cannot convert, saying how to fix it', () => {
    const text = '{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:32631"}},"features":[]}';
    expect(() => parseAreaGeoJson(text, { label: 'x.geojson' })).toThrowError(UnsupportedCrsError);
    expect(() => parseAreaGeoJson(text, { label: 'x.geojson' })).toThrowError(/x\.geojson uses .*EPSG:32631.*ogr2ogr/);
  });
});

describe('readAreaGeoJsonStream', () => {
  it('gives the same result whatever the chunk boundaries (also inside strings and UTF-8 characters)', async () => {
    const bytes = readFileSync(UPPER);
    const whole = await readAreaGeoJson(UPPER);
    for (const size of [1, 7, 64]) {
      async function* chunks() {
        for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
      }
      const streamed = await readAreaGeoJsonStream(chunks(), { total: bytes.length });
      expect(streamed.areas).toEqual(whole.areas);
      expect(streamed.stats).toEqual(whole.stats);
    }
  });

  it('decodes multi-byte names split across chunks', async () => {
    const text = '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"BU_CODE":"BU0363FQ05","BU_NAAM":"Belgiëplein e.o."},"geometry":{"type":"Polygon","coordinates":[[[4.8,52.3],[4.81,52.3],[4.81,52.31],[4.8,52.3]]]}}]}';
    const bytes = Buffer.from(text, 'utf8');
    const split = bytes.indexOf(Buffer.from('ë')) + 1; // between the two bytes of ë
    async function* chunks() {
      yield bytes.subarray(0, split);
      yield bytes.subarray(split);
    }
    const result = await readAreaGeoJsonStream(chunks());
    expect(result.areas[0]!.name).toBe('Belgiëplein e.o.');
  });
});
