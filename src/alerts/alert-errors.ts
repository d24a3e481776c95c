/** Thrown when a series handed to the detector cannot be read as a count series. */
export class InvalidSeriesError extends Error {
  override name = 'InvalidSeriesError';
  constructor(message: string) {
    super(message);
  }
}

/** Thrown when detector or rendering options are out of range. */
export class AlertOptionsError extends Error {
  override name = 'AlertOptionsError';
  constructor(message: string) {
    super(message);
  }
}
