/**
 * Why a fetch failed, as a stable machine-readable code. Collectors record it with the source;
 * the scheduler uses it to decide whether a retry makes sense.
 */
export type FetchErrorCode =
  | 'bad_url'
  | 'blocked_address'
  | 'dns'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'too_large'
  | 'too_many_redirects'
  | 'http_status'
  | 'bad_encoding'
  | 'bad_request'
  | 'not_found'
  | 'not_a_file'
  | 'read_error';

/** Extra facts about a failed fetch. */
export interface FetchErrorDetails {
  /** HTTP status, for `http_status`. */
  status?: number;
  /** How long the server asked us to wait (429/503 with Retry-After), in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The one error type of `src/fetch`: every failure to get bytes (network, HTTP, local file) is a FetchError
 * whose message is a full sentence telling the user what to do.
 */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  readonly code: FetchErrorCode;
  /** The URL (or file path) the failure is about; for redirects, the hop that failed. */
  readonly url: string;
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(code: FetchErrorCode, url: string, message: string, details: FetchErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.url = url;
    if (details.status !== undefined) this.status = details.status;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** Formats a byte count for messages: "10 MB", "512 kB", "17 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${trimNumber(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${trimNumber(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

/** Formats a duration for messages: "20 s", "300 ms". */
export function formatDuration(ms: number): string {
  return ms >= 1000 ? `${trimNumber(ms / 1000)} s` : `${Math.round(ms)} ms`;
}

function trimNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
