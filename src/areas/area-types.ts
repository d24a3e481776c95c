/** The three CBS levels wijkradar knows, from coarse to fine. */
export type AreaLevel = 'gemeente' | 'wijk' | 'buurt';

/** A GeoJSON Polygon or MultiPolygon in WGS84 lon/lat. */
export interface AreaGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

/** One CBS area (gemeente, wijk or buurt) as the import readers produce it. */
export interface AreaRecord {
  code: string;
  name: string;
  level: AreaLevel;
  /** A buurt's wijk, a wijk's gemeente; null for a gemeente. */
  parentCode: string | null;
  /** Always GM + 4 digits for a valid record. */
  gemeenteCode: string | null;
  /** The gemeente's name when the source file (or the caller) knows it. */
  municipality: string | null;
  /** Other names people use; an alias shared by several areas of one gemeente names them together. */
  aliases: string[];
  geometry: AreaGeometry | null;
  /** [minLon, minLat, maxLon, maxLat] of the geometry. */
  bbox: [number, number, number, number] | null;
}

/** A street name of one municipality, optionally with a point or a known area. */
export interface StreetRecord {
  name: string;
  /** Gemeente name, e.g. "Amsterdam". */
  municipality: string | null;
  gemeenteCode: string | null;
  woonplaats: string | null;
  /** The area the street lies in, when the source says so. */
  areaCode: string | null;
  lat: number | null;
  lon: number | null;
}

/** A postcode (PC4 "1031" or PC6 "1031AB") and the share of it that lies in one area. */
export interface PostcodeRecord {
  postcode: string;
  areaCode: string;
  /** 0..1: the fraction of the postcode (area or addresses) inside the area. */
  share: number;
  /** The area's name when the file has it. */
  name: string | null;
}

/** A place name (woonplaats or gemeente) and the gemeente it belongs to. */
export interface PlaceRecord {
  name: string;
  /** BAG woonplaats code (WP3594) when known. */
  code: string | null;
  gemeenteCode: string;
  municipality: string | null;
}

/** A problem with one row or feature of an import file; the rest of the file is still read. */
export interface ReadWarning {
  /** 0-based feature index or 1-based CSV line number. */
  at: number;
  code: string | null;
  message: string;
}

/** One area a post is tied to, with how sure we are and why. */
export interface ResolvedArea {
  code: string;
  name: string;
  level: AreaLevel;
  /** 0..1 */
  confidence: number;
  /** What tied the post to the area: "source", "point 52.37,4.90", "postcode 1031 AB", "name de Pijp", … */
  evidence: string;
}
