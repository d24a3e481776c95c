import { AreaFileError } from './area-errors.js';

/** What the scanner reports while it reads a FeatureCollection. */
export interface FeatureCollectionHandlers {
  /** The top-level `crs` member, when the file has one. */
  onCrs?(crs: unknown): void;
  /** One element of the `features` array, parsed. */
  onFeature(feature: unknown, index: number): void;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

/**
 * Reads a GeoJSON FeatureCollection chunk by chunk and hands out one parsed feature at a time, so a
 * 50 MB file never sits in memory as one object tree. Only the top-level `crs` and the `features`
 * array are looked at; other members are skipped.
 *
 * @example
 * const scanner = new FeatureCollectionScanner({ onFeature: (f) => features.push(f) }, 'buurten.geojson');
 * for await (const chunk of stream) scanner.push(chunk);
 * scanner.end();
 */
export class FeatureCollectionScanner {
  private buffer = '';
  private position = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** At depth 1 the next string is a member name. */
  private expectKey = false;
  private capturingString = false;
  private stringStart = -1;
  private memberName: string | null = null;
  private captureStart = -1;
  private captureKind: 'feature' | 'crs' | null = null;
  private inFeatures = false;
  private sawFeatures = false;
  private topType: string | null = null;
  private closed = false;
  private featureCount = 0;

  constructor(
    private readonly handlers: FeatureCollectionHandlers,
    private readonly fileLabel = 'the GeoJSON input',
  ) {}

  /** Number of features handed out so far. */
  get features(): number {
    return this.featureCount;
  }

  /** Feeds the next piece of text (chunks may split anywhere, also inside strings). */
  push(chunk: string): void {
    if (this.buffer === '' && this.position === 0 && this.depth === 0 && chunk.charCodeAt(0) === 0xfeff) {
      chunk = chunk.slice(1);
    }
    this.buffer += chunk;
    this.scan();
    this.compact();
  }

  /** Signals the end of input; throws when the text was not a complete FeatureCollection. */
  end(): void {
    if (!this.closed) {
      throw new AreaFileError(
        `${this.fileLabel} ends in the middle of the JSON; check that the download or export completed and try again.`,
      );
    }
    if (!this.sawFeatures) {
      const what = this.topType ? `a GeoJSON ${this.topType}` : 'JSON without a "features" array';
      throw new AreaFileError(
        `${this.fileLabel} is ${what}, not a FeatureCollection; export the areas as a FeatureCollection of polygons.`,
      );
    }
  }

  private scan(): void {
    const text = this.buffer;
    const length = text.length;
    let i = this.position;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.capturingString) this.finishTopLevelString(text.slice(this.stringStart, i + 1));
        }
        continue;
      }
      if (this.closed) {
        if (c > 32) this.fail(`has text after the end of the top-level object (offset ${i})`);
        continue;
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          this.capturingString = this.depth === 1 && (this.expectKey || this.memberName === 'type');
          if (this.capturingString) this.stringStart = i;
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          if (this.depth === 0) {
            if (c !== OPEN_BRACE) this.fail('does not start with a JSON object');
            this.expectKey = true;
          } else if (this.depth === 1) {
            if (this.memberName === 'features' && c === OPEN_BRACKET) this.inFeatures = true;
            else if (this.memberName === 'crs' && c === OPEN_BRACE) this.startCapture(i, 'crs');
          } else if (this.depth === 2 && this.inFeatures && c === OPEN_BRACE) {
            this.startCapture(i, 'feature');
          }
          this.depth++;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          this.depth--;
          if (this.depth < 0) this.fail('has more closing than opening brackets');
          if (this.captureKind === 'feature' && this.depth === 2) this.finishCapture(text, i);
          else if (this.captureKind === 'crs' && this.depth === 1) this.finishCapture(text, i);
          else if (this.depth === 1 && this.inFeatures) {
            this.inFeatures = false;
            this.sawFeatures = true;
          } else if (this.depth === 0) this.closed = true;
          break;
        case COMMA:
          if (this.depth === 1) {
            this.expectKey = true;
            this.memberName = null;
          }
          break;
        case COLON:
          if (this.depth === 1) this.expectKey = false;
          break;
        default:
          break;
      }
    }
    this.position = i;
  }

  private finishTopLevelString(literal: string): void {
    this.capturingString = false;
    const value = JSON.parse(literal) as string;
    if (this.expectKey) this.memberName = value;
    else if (this.memberName === 'type') this.topType = value;
  }

  private startCapture(at: number, kind: 'feature' | 'crs'): void {
    this.captureStart = at;
    this.captureKind = kind;
  }

  private finishCapture(text: string, end: number): void {
    const json = text.slice(this.captureStart, end + 1);
    const kind = this.captureKind;
    this.captureStart = -1;
    this.captureKind = null;
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (error) {
      this.fail(`has invalid JSON in ${kind === 'crs' ? 'the crs member' : `feature ${this.featureCount}`} (${(error as Error).message})`);
    }
    if (kind === 'crs') this.handlers.onCrs?.(value);
    else this.handlers.onFeature(value, this.featureCount++);
  }

  /** Drops text that is fully handled, keeping an open capture or member name. */
  private compact(): void {
    let keepFrom = this.position;
    if (this.captureStart >= 0) keepFrom = Math.min(keepFrom, this.captureStart);
    if (this.inString && this.capturingString) keepFrom = Math.min(keepFrom, this.stringStart);
    if (keepFrom === 0) return;
    this.buffer = this.buffer.slice(keepFrom);
    this.position -= keepFrom;
    if (this.captureStart >= 0) this.captureStart -= keepFrom;
    if (this.stringStart >= 0) this.stringStart -= keepFrom;
  }

  private fail(what: string): never {
    throw new AreaFileError(`${this.fileLabel} ${what}; check that it is valid GeoJSON (e.g. open it in QGIS) and export it again.`);
  }
}
