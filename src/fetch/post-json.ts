import { ACCEPT_ENCODING } from './content-decoding.js';
import { DEFAULT_USER_AGENT, sendRequest } from './http-request.js';
import type { RequestOptions } from './http-request.js';

/** Options of `postJson`. */
export interface PostJsonOptions extends RequestOptions {
  /** How much of the response body to keep; the rest is cut off, not an error. Default 64 kB. */
  maxResponseBytes?: number;
}

/** The answer to a webhook POST (2xx); other statuses reject with FetchError code `http_status`. */
export interface PostJsonResult {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  /** The response body as text, at most maxResponseBytes (decoded as UTF-8). */
  responseText: string;
  durationMs: number;
}

const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs a JSON body (for webhooks) with the same address policy, timeout and redirect rules as fetchUrl.
 * 307/308 repeat the POST; 301/302/303 continue as a GET, as browsers do.
 * @example await postJson(webhookUrl, { text: 'Nieuwe trend in WK036300' }, { timeoutMs: 10_000 });
 */
export async function postJson(url: string, body: unknown, options: PostJsonOptions = {}): Promise<PostJsonResult> {
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? DEFAULT_USER_AGENT,
    accept: 'application/json, text/plain;q=0.9, */*;q=0.5',
    'accept-encoding': ACCEPT_ENCODING,
    'content-type': 'application/json; charset=utf-8',
  };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  const result = await sendRequest(url, {
    ...options,
    method: 'POST',
    // JSON.stringify(undefined) is undefined; send a JSON null rather than an empty body.
    body: Buffer.from(JSON.stringify(body) ?? 'null', 'utf8'),
    headers,
    maxBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    onTooLarge: 'truncate',
  });
  return {
    requestedUrl: result.requestedUrl,
    finalUrl: result.finalUrl,
    status: result.status,
    headers: result.headers,
    responseText: result.body.toString('utf8'),
    durationMs: result.durationMs,
  };
}
