// Public surface of area resolution. Resolution (gazetteer, index, resolveAreas) is pure; the
// read-* modules read files and are meant for import commands only.
export type { AreaGeometry, AreaLevel, AreaRecord, PlaceRecord, PostcodeRecord, ReadWarning, ResolvedArea, StreetRecord } from './area-types.js';
export { AREA_CODE_PATTERN, gemeenteCodeOf, isAreaCode, levelOfCode, normaliseAreaCode, parentCodeOf } from './area-codes.js';
export { AreaFileError, UnsupportedCrsError } from './area-errors.js';
export { buildAreaIndex } from './area-index.js';
export type { AreaIndex } from './area-index.js';
export { buildGazetteer } from './gazetteer.js';
export type { AreaAlias, Gazetteer, GazetteerInput } from './gazetteer.js';
export { AMSTERDAM_ALIASES } from './amsterdam-aliases.js';
export { expandToAncestors, resolveAreas } from './resolve-areas.js';
export type { ResolveInput, ResolveOptions } from './resolve-areas.js';
export { parseAreaGeoJson, readAreaGeoJson, readAreaGeoJsonStream } from './read-area-geojson.js';
export type { AreaImport, ReadAreaOptions } from './read-area-geojson.js';
export { parseStreetCsv, readStreetCsv } from './read-street-csv.js';
export type { ReadStreetOptions, StreetImport } from './read-street-csv.js';
export { normalisePostcode, parsePostcodeCsv, readPostcodeCsv } from './read-postcode-csv.js';
export type { PostcodeImport, ReadPostcodeOptions } from './read-postcode-csv.js';
export { parsePlaceCsv, readPlaceCsv } from './read-place-csv.js';
export type { PlaceImport } from './read-place-csv.js';
