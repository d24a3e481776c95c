import { ACCEPT_ENCODING } from './content-decoding.js';
import { DEFAULT_MAX_BYTES, DEFAULT_USER_AGENT, sendRequest } from './http-request.js';
import type { RequestOptions } from './http-request.js';


/** Feeds first, then anything XML or JSON, then HTML (for feed discovery), then whatever there is. */
export const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.7, */*;q=0.5';

/** Options of `fetchUrl`. */
export interface FetchOptions extends RequestOptions {
  /** Cap on the body after decompression. Default 10 MB. */
  maxBytes?: number;
  /** ETag from the previous fetch: sent as If-None-Match. */
  etag?: string | null;
  /** Last-Modified from the previous fetch: sent as If-Modified-Since. */
  lastModified?: string | null;
  /** Accept header; the default prefers feeds. */
  accept?: string;
}

/** A completed GET. With `notModified` the body is empty and the caller keeps what it had. */
export interface FetchResult {
  requestedUrl: string;
  /** The URL after redirects. */
  finalUrl: string;
  status: number;
  notModified: boolean;
  /** Response headers, names lower-case, repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body, decompressed. */
  body: Buffer;
  bytes: number;
  contentType: string | null;
  /** The response's ETag; on a 304 without one, the ETag that was sent. */
  etag: string | null;
  /** The response's Last-Modified; on a 304 without one, the value that was sent. */
  lastModified: string | null;
  durationMs: number;
}

/**
 * GETs an http(s) URL safely: total timeout, byte cap after decompression, at most 5 redirects,
 * private addresses refused (after DNS, on every hop), conditional GET. Rejects with FetchError.
 * @example
 * const result = await fetchUrl(source.url, { etag: state.etag, lastModified: state.lastModified });
 * if (!result.notModified) parseFeed(decodeBody(result.body, result.contentType).text);
 */
export async function fetchUrl(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    accept: options.accept ?? DEFAULT_ACCEPT,
    'accept-encoding': ACCEPT_ENCODING,
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;

  const result = await sendRequest(url, {
    ...options,
    method: 'GET',
    headers,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    onTooLarge: 'error',
  });
  const notModified = result.status === 304;
  return {
    requestedUrl: result.requestedUrl,
    finalUrl: result.finalUrl,
    status: result.status,
    notModified,
    headers: result.headers,
    body: result.body,
    bytes: result.body.length,
    contentType: result.headers['content-type'] ?? null,
    // A 304 need not repeat the validators; the ones we sent are still the current ones then.
    etag: result.headers['etag'] ?? (notModified ? (options.etag ?? null) : null),
    lastModified: result.headers['last-modified'] ?? (notModified ? (options.lastModified ?? null) : null),
    durationMs: result.durationMs,
  };
}
