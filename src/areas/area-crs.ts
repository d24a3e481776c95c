import proj4 from 'proj4';
import type { Converter } from 'proj4';

/** The coordinate systems the importers convert: WGS84 lon/lat, RD New (EPSG:28992), Web Mercator. */
export type CoordinateSystem = 'wgs84' | 'rd' | 'webmercator';

// RD New with the Amersfoort → WGS84 datum shift; (155000, 463000) lands within a metre of the
// Amersfoort tower (52.155174, 5.387206), plenty for buurten.
const RD_NEW =
  '+proj=sterea +lat_0=52.15616055555555 +lon_0=5.38763888888889 +k=0.9999079 +x_0=155000 +y_0=463000 ' +
  '+ellps=bessel +towgs84=565.417,50.3319,465.552,-0.398957,0.343988,-1.8774,4.0725 +units=m +no_defs';

let rdConverter: Converter | null = null;
let mercatorConverter: Converter | null = null;

/**
 * Reads a GeoJSON `crs` member (`{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}}`).
 * Returns null when there is none, the system when known, or `{ unsupported }` with the name.
 */
export function crsFromMember(crs: unknown): CoordinateSystem | { unsupported: string } | null {
  if (!crs || typeof crs !== 'object') return null;
  const properties = (crs as { properties?: unknown }).properties;
  const name = properties && typeof properties === 'object' ? (properties as { name?: unknown }).name : undefined;
  if (typeof name !== 'string' || name.trim() === '') return null;
  const upper = name.toUpperCase();
  if (upper.includes('CRS84') || /(^|[^0-9])4326$/.test(upper) || /(^|[^0-9])4258$/.test(upper)) return 'wgs84';
  if (/(^|[^0-9])28992$/.test(upper)) return 'rd';
  if (/(^|[^0-9])(3857|900913|102100)$/.test(upper)) return 'webmercator';
  return { unsupported: name };
}

/**
 * Guesses the system from one coordinate pair by its range: lon/lat fit ±180/±90, RD New covers the
 * Netherlands with x 0–300 km and y 300–625 km. Null when it fits neither.
 */
export function guessCrs(x: number, y: number): CoordinateSystem | null {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return 'wgs84';
  if (x >= -10_000 && x <= 310_000 && y >= 270_000 && y <= 640_000) return 'rd';
  return null;
}

/** A function converting (x, y) in `crs` to [lon, lat] in WGS84. */
export function toWgs84Converter(crs: CoordinateSystem): (x: number, y: number) => [number, number] {
  if (crs === 'wgs84') return (x, y) => [x, y];
  if (crs === 'rd') {
    rdConverter ??= proj4(RD_NEW, 'WGS84');
    const converter = rdConverter;
    return (x, y) => converter.forward([x, y]) as [number, number];
  }
  mercatorConverter ??= proj4('EPSG:3857', 'WGS84');
  const converter = mercatorConverter;
  return (x, y) => converter.forward([x, y]) as [number, number];
}

/** Converts RD New (EPSG:28992) metres to [lon, lat]. */
export function rdToWgs84(x: number, y: number): [number, number] {
  return toWgs84Converter('rd')(x, y);
}
