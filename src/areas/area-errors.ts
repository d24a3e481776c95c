import { UserError } from '../errors/user-error.js';

/** An import file that cannot be read at all (not a single bad feature: those become warnings). */
export class AreaFileError extends UserError {
  override name = 'AreaFileError';
}

/** A GeoJSON file in a coordinate reference system the importer cannot convert. */
export class UnsupportedCrsError extends UserError {
  override name = 'UnsupportedCrsError';

  constructor(readonly crs: string, file: string) {
    super(
      `${file} uses the coordinate reference system ${crs}, which wijkradar cannot convert; ` +
        'export it as WGS84 (EPSG:4326) or RD New (EPSG:28992), e.g. `ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`.',
    );
  }
}
