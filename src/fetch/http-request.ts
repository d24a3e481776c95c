import dns from 'node:dns';
import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { pipeline } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { AddressPolicy, isIpLiteral, stripBrackets } from './address-policy.js';
import type { AddressKind, AddressPolicyOptions } from './address-policy.js';
import { createContentDecoders } from './content-decoding.js';
import { FetchError, formatBytes, formatDuration } from './fetch-error.js';
import { parseRetryAfter } from './retry-after.js';

/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses; the default uses the system resolver (dns.lookup). */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** Options shared by every request `src/fetch` makes (fetchUrl and postJson). */
export interface RequestOptions extends AddressPolicyOptions {
  /** Total time for the whole request, redirects and body included. Default 20 000 ms. */
  timeoutMs?: number;
  /** Caller's cancellation; aborting it fails the request with code `aborted`. */
  signal?: AbortSignal;
  /** How many redirects to follow. Default 5. */
  maxRedirects?: number;
  /** Default `wijkradar/0.1 (+https://github.com/wijkradar/wijkradar)`; pipelines set their own contact URL. */
  userAgent?: string;
  /** Extra request headers (names are case-insensitive). */
  headers?: Readonly<Record<string, string>>;
  /** DNS resolver; the addresses it returns are checked and then connected to. Tests inject one. */
  resolveHost?: HostResolver;
  /** CA certificates (PEM) to trust for https instead of Node's built-in set, e.g. an internal PKI. */
  ca?: string | Buffer | readonly (string | Buffer)[];
}

/** Total time for a request, redirects and body included. */
export const DEFAULT_TIMEOUT_MS = 20_000;
/** Cap on a decoded (decompressed) body: 10 MB. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
/** Redirects followed before giving up. */
export const DEFAULT_MAX_REDIRECTS = 5;
/** Identifies us to servers; pipelines override it with their own contact URL. */
export const DEFAULT_USER_AGENT = 'wijkradar/0.1 (+https://github.com/wijkradar/wijkradar)';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const CROSS_ORIGIN_UNSAFE_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** What `sendRequest` needs beyond RequestOptions; built by fetchUrl and postJson. */
export interface SendOptions extends RequestOptions {
  method: 'GET' | 'POST';
  body?: Buffer;
  /** Complete request headers, lower-case names. */
  headers: Readonly<Record<string, string>>;
  /** Cap on the decoded body. */
  maxBytes: number;
  /** `error` fails the request when the body is over the cap; `truncate` keeps the first maxBytes. */
  onTooLarge: 'error' | 'truncate';
}

/** The final response of a request, body decoded (decompressed) and complete. */
export interface SendResult {
  requestedUrl: string;
  finalUrl: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  durationMs: number;
}

interface RequestContext {
  readonly signal: AbortSignal;
  readonly policy: AddressPolicy;
  readonly resolveHost: HostResolver | undefined;
  readonly options: SendOptions;
}

type HopOutcome =
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'final'; status: number; statusText: string; headers: IncomingHttpHeaders; body: Buffer };

/**
 * Sends one request and follows redirects, enforcing the address policy on every hop, the total timeout,
 * the caller's signal and the byte cap. 2xx and 304 resolve; anything else rejects with a FetchError.
 */
export async function sendRequest(url: string, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = parseHttpUrl(url, url);
  let currentHref = current.href;
  const policy = new AddressPolicy(options);

  if (options.signal?.aborted) throw abortedError(currentHref);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(timeoutError(currentHref, timeoutMs)), timeoutMs);
  const onCallerAbort = (): void => controller.abort(abortedError(currentHref));
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });

  const context: RequestContext = {
    signal: controller.signal,
    policy,
    resolveHost: options.resolveHost,
    options,
  };
  let method = options.method;
  let body = options.body;
  let headers: Record<string, string> = { ...options.headers };
  const visited = new Set<string>([currentHref]);

  try {
    for (let redirects = 0; ; redirects++) {
      const outcome = await runHop(current, method, headers, body, context);
      if (outcome.kind === 'final') {
        return {
          requestedUrl: url,
          finalUrl: currentHref,
          status: outcome.status,
          headers: flattenHeaders(outcome.headers),
          body: outcome.body,
          durationMs: performance.now() - started,
        };
      }
      const next = parseHttpUrl(outcome.location, currentHref, current);
      if (visited.has(next.href)) {
        throw new FetchError(
          'too_many_redirects',
          url,
          `${url} redirects in a loop (${currentHref} sends us back to ${next.href}); open it in a browser and use the address where the feed really is.`,
        );
      }
      if (redirects >= maxRedirects) {
        throw new FetchError(
          'too_many_redirects',
          url,
          `${url} redirected more than ${maxRedirects} times (last to ${next.href}); use the final address of the feed as the source url.`,
        );
      }
      if (next.origin !== current.origin) {
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => !CROSS_ORIGIN_UNSAFE_HEADERS.includes(name)));
      }
      // As browsers do: 303 always, and 301/302 after a POST, continue as a GET without the body.
      if (outcome.status === 303 || (method === 'POST' && (outcome.status === 301 || outcome.status === 302))) {
        method = 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'content-type' && name !== 'content-length'));
      }
      visited.add(next.href);
      current = next;
      currentHref = next.href;
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * One request/response exchange. A GET on a reused keep-alive socket that the server had just closed is
 * retried once (as browsers do); a POST is not, as the server may have acted on it.
 */
async function runHop(
  url: URL,
  method: 'GET' | 'POST',
  headers: Readonly<Record<string, string>>,
  body: Buffer | undefined,
  context: RequestContext,
): Promise<HopOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await exchange(url, method, headers, body, context);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) throw error;
      if (method !== 'GET' || attempt >= 1) throw toFetchError(error.cause, url.href, stripBrackets(url.hostname));
    }
  }
}

/** The connection was reset before any response on a socket reused from the pool. */
class StaleSocketError extends Error {
  override readonly name = 'StaleSocketError';
}

async function exchange(
  url: URL,
  method: 'GET' | 'POST',
  headers: Readonly<Record<string, string>>,
  body: Buffer | undefined,
  context: RequestContext,
): Promise<HopOutcome> {
  const { signal, policy } = context;
  if (signal.aborted) throw signal.reason;
  const href = url.href;
  const hostname = stripBrackets(url.hostname);
  // Node connects to IP literals without calling `lookup`, so they are checked here.
  if (isIpLiteral(hostname)) {
    const decision = policy.check(hostname);
    if (!decision.allowed) throw blockedError(href, hostname, hostname, decision.kind);
  }

  const requestHeaders: Record<string, string> = { ...headers };
  if (body !== undefined) requestHeaders['content-length'] = String(body.length);
  const transport = url.protocol === 'https:' ? https : http;
  let req: http.ClientRequest;
  try {
    req = transport.request({
      protocol: url.protocol,
      hostname,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method,
      headers: requestHeaders,
      agent: agentFor(url.protocol, context),
      lookup: createLookup(href, policy, context.resolveHost),
      // The https agent keys its pool on `ca` too, so sockets trusted under another CA set are not shared.
      ...(context.options.ca === undefined ? {} : { ca: context.options.ca as string | Buffer | (string | Buffer)[] }),
    });
  } catch (error) {
    throw new FetchError(
      'bad_request',
      href,
      `The request to ${href} could not be built (${errorText(error)}); check the headers, ETag and Last-Modified stored for this source.`,
      { cause: error },
    );
  }

  const onAbort = (): void => {
    req.destroy(signal.reason as Error);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      req.once('response', resolve);
      // `on`, not `once`: an error after the response (while the body streams) must not go unhandled.
      req.on('error', (error) => {
        const code = (error as NodeJS.ErrnoException).code;
        reject(req.reusedSocket && code === 'ECONNRESET' ? new StaleSocketError(error.message, { cause: error }) : error);
      });
      req.end(body);
    });
    return await handleResponse(res, href, context);
  } catch (error) {
    req.destroy();
    if (signal.aborted) throw signal.reason;
    if (error instanceof StaleSocketError) throw error;
    throw toFetchError(error, href, hostname);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function handleResponse(res: IncomingMessage, href: string, context: RequestContext): Promise<HopOutcome> {
  // Errors while reading surface through the body iterator; this keeps late ones from crashing the process.
  res.on('error', () => undefined);
  const status = res.statusCode ?? 0;
  const location = res.headers.location;
  if (REDIRECT_STATUSES.has(status) && location) {
    await discard(res);
    return { kind: 'redirect', status, location };
  }
  if (status === 304) {
    await discard(res);
    return { kind: 'final', status, statusText: res.statusMessage ?? '', headers: res.headers, body: Buffer.alloc(0) };
  }
  if (status < 200 || status > 299) {
    await discard(res);
    const retryAfterMs = status === 429 || status === 503 ? parseRetryAfter(res.headers['retry-after']) : undefined;
    throw httpStatusError(href, status, res.statusMessage ?? '', retryAfterMs);
  }
  const body = await readBody(res, href, context);
  return { kind: 'final', status, statusText: res.statusMessage ?? '', headers: res.headers, body };
}

/** Reads and decompresses the body, counting decoded bytes and stopping as soon as the cap is passed. */
async function readBody(res: IncomingMessage, href: string, context: RequestContext): Promise<Buffer> {
  const { maxBytes, onTooLarge } = context.options;
  const announced = Number(res.headers['content-length']);
  if (onTooLarge === 'error' && Number.isFinite(announced) && announced > maxBytes) {
    res.destroy();
    throw tooLargeError(href, maxBytes, announced);
  }
  const made = createContentDecoders(res.headers['content-encoding']);
  if ('unsupported' in made) {
    res.destroy();
    throw new FetchError(
      'bad_encoding',
      href,
      `The server at ${href} compressed the response with "${made.unsupported}", which wijkradar cannot decode; ask the site to serve gzip, deflate, br or no compression.`,
    );
  }
  let tail: Readable = res;
  if (made.decoders.length > 0) {
    // Errors of any stage destroy the whole chain and surface through the tail's iterator.
    pipeline([res, ...made.decoders], () => undefined);
    tail = made.decoders[made.decoders.length - 1] as Readable;
  }
  const onAbort = (): void => {
    tail.destroy(context.signal.reason as Error);
  };
  context.signal.addEventListener('abort', onAbort, { once: true });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of tail as AsyncIterable<Buffer>) {
      if (total + chunk.length > maxBytes) {
        if (onTooLarge === 'error') throw tooLargeError(href, maxBytes);
        chunks.push(chunk.subarray(0, maxBytes - total));
        total = maxBytes;
        break;
      }
      total += chunk.length;
      chunks.push(chunk);
    }
  } catch (error) {
    if (error instanceof FetchError || context.signal.aborted) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    // zlib reports Z_DATA_ERROR and friends; brotli ERR__ERROR_FORMAT_* or ERR_BROTLI_*.
    if (/^(?:Z_|ERR_BROTLI|ERR__ERROR)/.test(code)) {
      throw new FetchError(
        'bad_encoding',
        href,
        `The compressed response from ${href} is corrupt (${errorText(error)}); try again later or tell the site's owner.`,
        { cause: error },
      );
    }
    throw error;
  } finally {
    context.signal.removeEventListener('abort', onAbort);
    if (!res.complete) res.destroy();
  }
  return Buffer.concat(chunks, total);
}

/**
 * Frees the socket without reading an unknown amount: bodiless responses are read to their (immediate) end
 * so the connection goes back to the pool before the next request; others are cut off.
 */
async function discard(res: IncomingMessage): Promise<void> {
  const status = res.statusCode ?? 0;
  if (status === 304 || status === 204 || res.headers['content-length'] === '0') {
    res.resume();
    if (!res.readableEnded) await finished(res).catch(() => undefined);
  } else {
    res.destroy();
  }
}

function createLookup(href: string, policy: AddressPolicy, resolveHost: HostResolver | undefined): LookupFunction {
  const resolve = resolveHost ?? systemResolve;
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (resolved) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const addresses = resolved.filter((a) => wanted === 0 || a.family === wanted);
        if (addresses.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
          error.code = 'ENOTFOUND';
          callback(error, '', 0);
          return;
        }
        // Every address is checked (not just the first): with happy eyeballs any of them may be used.
        for (const { address } of addresses) {
          const decision = policy.check(address);
          if (!decision.allowed) {
            callback(blockedError(href, hostname, address, decision.kind), '', 0);
            return;
          }
        }
        const first = addresses[0] as ResolvedAddress;
        if (options.all) callback(null, addresses.map((a) => ({ address: a.address, family: a.family })));
        else callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

function systemResolve(hostname: string): Promise<readonly ResolvedAddress[]> {
  return new Promise((resolve, reject) => {
    dns.lookup(hostname, { all: true }, (error, addresses) => {
      if (error) reject(error);
      else resolve(addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })));
    });
  });
}

// Pools are kept apart per address policy so a socket opened under a permissive policy is never
// reused by a request that would have refused that address.
const agents = new Map<string, http.Agent>();

function agentFor(protocol: string, context: RequestContext): http.Agent | false {
  // A custom resolver may map names differently per call, so such requests get no pooling at all.
  if (context.resolveHost) return false;
  const key = `${protocol}|${context.policy.key}`;
  let agent = agents.get(key);
  if (!agent) {
    const options: http.AgentOptions = { keepAlive: true, timeout: 4_000, scheduling: 'lifo' };
    agent = protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
    agents.set(key, agent);
  }
  return agent;
}

function parseHttpUrl(input: string, requested: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw new FetchError('bad_url', requested, `"${input}" is not a valid URL; write the full address, starting with http:// or https://.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const where = base ? `${base.href} redirected to "${url.href}", which` : `"${input}"`;
    throw new FetchError(
      'bad_url',
      requested,
      `${where} is not an http or https URL; use an address that starts with http:// or https://.`,
    );
  }
  if (url.username !== '' || url.password !== '') {
    // Keep the credentials out of the error, which ends up in logs and the database.
    const redacted = `${url.protocol}//${url.host}${url.pathname}`;
    throw new FetchError(
      'bad_url',
      redacted,
      `"${redacted}" was given with a user name or password in the URL; remove them, as credentials belong in the environment, not in the pipeline.`,
    );
  }
  return url;
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function toFetchError(error: unknown, href: string, hostname: string): unknown {
  if (error instanceof FetchError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA' || code === 'EAI_FAIL') {
    return new FetchError(
      'dns',
      href,
      `The host name ${hostname} could not be found (${code}); check the spelling of the URL and your DNS.`,
      { cause: error },
    );
  }
  return new FetchError(
    'network',
    href,
    `Could not get ${href} (${code ?? errorText(error)}); check the URL, that the server is up and that this machine can reach it.`,
    { cause: error },
  );
}

function blockedError(href: string, hostname: string, address: string, kind: AddressKind): FetchError {
  const target = hostname === address ? address : `${hostname} (${address})`;
  return new FetchError(
    'blocked_address',
    href,
    `${href} points to ${target}, a ${kind} address, which wijkradar does not contact; if this source really lives on your own network, set allow_private_addresses: true in the pipeline.`,
  );
}

function httpStatusError(href: string, status: number, statusText: string, retryAfterMs: number | undefined): FetchError {
  const answer = `${href} answered HTTP ${status}${statusText ? ` ${statusText}` : ''}`;
  let advice: string;
  if (status === 404 || status === 410) advice = 'check that the feed still exists at this address and update the source url';
  else if (status === 401 || status === 403 || status === 407) advice = 'the feed is not public, so use a public feed URL or remove the source';
  else if (status === 429 || status === 503)
    advice =
      retryAfterMs === undefined
        ? 'the server asks us to slow down, so lower the schedule frequency for this source'
        : `the server asks us to wait ${formatDuration(retryAfterMs)} before asking again, so it will be retried after that`;
  else if (status >= 500) advice = 'the server has a problem; it will be retried on the next run, and if it persists tell the site owner';
  else if (status >= 300 && status < 400) advice = 'the redirect has no usable Location, so open the URL in a browser and use the address it ends at';
  else advice = 'open the URL in a browser to see what is wrong';
  return new FetchError(
    'http_status',
    href,
    `${answer}; ${advice}.`,
    retryAfterMs === undefined ? { status } : { status, retryAfterMs },
  );
}

function tooLargeError(href: string, maxBytes: number, announced?: number): FetchError {
  const size = announced === undefined ? `larger than ${formatBytes(maxBytes)}` : `announced as ${formatBytes(announced)}, more than the ${formatBytes(maxBytes)} limit`;
  return new FetchError(
    'too_large',
    href,
    `The response from ${href} was ${size}; raise max_bytes for this source or check the URL.`,
  );
}

function timeoutError(href: string, timeoutMs: number): FetchError {
  return new FetchError(
    'timeout',
    href,
    `The request to ${href} did not finish within ${formatDuration(timeoutMs)}; raise the timeout for this source or check that the server responds.`,
  );
}

function abortedError(href: string): FetchError {
  return new FetchError('aborted', href, `The request to ${href} was cancelled before it finished; run it again if that was not intended.`);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
