import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';

/** Handles one request; may be async. */
export type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Handlers by exact path (without query string); `*` catches everything else. */
export type Routes = Readonly<Record<string, Handler>>;

/** What the server saw, so tests can assert on the headers a client sent. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as requested. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The client's port: equal ports mean the client reused one connection. */
  remotePort: number;
}

/** A running test server. */
export interface LocalServer {
  /** Absolute URL for a path on this server, e.g. `url('/feed.xml')`. */
  url(path?: string): string;
  readonly origin: string;
  readonly host: string;
  readonly port: number;
  /** Every request received so far, in order. */
  readonly requests: RecordedRequest[];
  /** Stops the server, cutting off hanging and endless responses. */
  close(): Promise<void>;
}

/** Where to listen; defaults to 127.0.0.1 and a random free port. With `tls` it serves https. */
export interface StartServerOptions {
  host?: string;
  port?: number;
  tls?: { key: string | Buffer; cert: string | Buffer };
}

/**
 * Starts an HTTP server on 127.0.0.1 and a random port for a test, serving one handler or a routes table.
 * @example
 * const server = await startServer({ '/feed.xml': respond(200, '<rss/>', { 'content-type': 'application/rss+xml' }) });
 * afterAll(() => server.close());
 */
export async function startServer(handlerOrRoutes: Handler | Routes, options: StartServerOptions = {}): Promise<LocalServer> {
  const host = options.host ?? '127.0.0.1';
  const handler = typeof handlerOrRoutes === 'function' ? handlerOrRoutes : routeTable(handlerOrRoutes);
  const requests: RecordedRequest[] = [];
  const listener: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
        remotePort: req.socket.remotePort ?? 0,
      });
      Promise.resolve(handler(req, res)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`test handler failed: ${String(error)}`);
      });
    });
  };
  const server = options.tls ? https.createServer(options.tls, listener) : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url: (path = '/') => new URL(path, origin).href,
    origin,
    host,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function routeTable(routes: Routes): Handler {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const handler = routes[path] ?? routes['*'];
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`no route for ${path}`);
  };
}

/** Answers with a status, body and headers. */
export function respond(status: number, body: string | Uint8Array = '', headers: http.OutgoingHttpHeaders = {}): Handler {
  return (_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/** Content codings the helpers can produce; `deflate-raw` is raw deflate sent as "deflate" (an old server bug). */
export type TestEncoding = 'gzip' | 'deflate' | 'deflate-raw' | 'br';

/** Compresses a body with the given coding (synchronously, for fixtures). */
export function compress(body: string | Uint8Array, encoding: TestEncoding): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  switch (encoding) {
    case 'gzip':
      return zlib.gzipSync(bytes);
    case 'deflate':
      return zlib.deflateSync(bytes);
    case 'deflate-raw':
      return zlib.deflateRawSync(bytes);
    case 'br':
      return zlib.brotliCompressSync(bytes);
  }
}

/** Answers 200 with the body compressed and the matching Content-Encoding. */
export function compressed(body: string | Uint8Array, encoding: TestEncoding, headers: http.OutgoingHttpHeaders = {}): Handler {
  const bytes = compress(body, encoding);
  const coding = encoding === 'deflate-raw' ? 'deflate' : encoding;
  return respond(200, bytes, { 'content-type': 'application/xml', ...headers, 'content-encoding': coding, 'content-length': bytes.length });
}

/**
 * Never finishes: with `sendHeaders` it sends 200 and a first chunk and then stalls; without, it never answers.
 */
export function stall(options: { sendHeaders?: boolean } = {}): Handler {
  return (_req, res) => {
    if (options.sendHeaders) {
      res.writeHead(200, { 'content-type': 'application/xml' });
      res.write('<?xml version="1.0"?><rss><channel>');
    }
    // Nothing more; close() of the server cuts the connection.
  };
}

/** Streams filler bytes forever (chunked, uncompressed), following backpressure, until the client goes away. */
export function endless(chunkBytes = 64 * 1024): Handler {
  const chunk = Buffer.alloc(chunkBytes, 0x20);
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml' });
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  };
}

/**
 * A gzip bomb: `decompressedBytes` of zeros as a stream of small gzip members (1 MiB of zeros each is about
 * 1 kB compressed), generated as the client reads; nothing big is ever held in memory on this side.
 */
export function gzipBomb(decompressedBytes: number): Handler {
  const memberSize = 1024 * 1024;
  const member = zlib.gzipSync(Buffer.alloc(memberSize), { level: 9 });
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml', 'content-encoding': 'gzip' });
    let sent = 0;
    const pump = (): void => {
      while (!res.destroyed && sent < decompressedBytes) {
        sent += memberSize;
        if (!res.write(member)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end();
    };
    pump();
  };
}

/** Redirects to `location` (absolute or relative). */
export function redirect(location: string, status = 302): Handler {
  return respond(status, '', { location, 'content-length': 0 });
}

/** Redirects to itself for ever. */
export function redirectLoop(status = 302): Handler {
  return (req, res) => respond(status, '', { location: req.url ?? '/', 'content-length': 0 })(req, res);
}

/**
 * Redirects `?hop=0` → `?hop=1` → … up to `hops` (relative Locations), then answers 200 with `body`.
 */
export function redirectChain(hops: number, body = 'arrived'): Handler {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const hop = Number(url.searchParams.get('hop') ?? '0');
    if (hop < hops) {
      url.searchParams.set('hop', String(hop + 1));
      res.writeHead(302, { location: `${url.pathname}${url.search}`, 'content-length': 0 });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(body);
  };
}

/** Announces a huge Content-Length (2 GB by default), sends a little and then stalls. */
export function hugeContentLength(announcedBytes = 2 * 1024 * 1024 * 1024): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/xml', 'content-length': announcedBytes });
    res.write(Buffer.alloc(1024, 0x20));
  };
}

/** Answers with a status and a Retry-After header, e.g. `retryAfter(429, '120')`. */
export function retryAfter(status: number, value: string): Handler {
  return respond(status, 'slow down', { 'retry-after': value, 'content-type': 'text/plain' });
}

/** Serves `body` with an ETag and/or Last-Modified and answers 304 to a matching conditional GET. */
export function conditional(options: { body: string; etag?: string; lastModified?: string; contentType?: string }): Handler {
  return (req, res) => {
    const headers: http.OutgoingHttpHeaders = { 'content-type': options.contentType ?? 'application/rss+xml' };
    if (options.etag) headers['etag'] = options.etag;
    if (options.lastModified) headers['last-modified'] = options.lastModified;
    const ifNoneMatch = req.headers['if-none-match'];
    const ifModifiedSince = req.headers['if-modified-since'];
    const etagMatches = options.etag !== undefined && ifNoneMatch !== undefined && ifNoneMatch.split(',').map((t) => t.trim()).includes(options.etag);
    const notModifiedSince =
      ifNoneMatch === undefined &&
      options.lastModified !== undefined &&
      ifModifiedSince !== undefined &&
      Date.parse(ifModifiedSince) >= Date.parse(options.lastModified);
    if (etagMatches || notModifiedSince) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, headers);
    res.end(options.body);
  };
}

/** Encodings `encodeText` can produce for charset fixtures. */
export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/**
 * Encodes text for a charset fixture (Node can only encode UTF-8 natively); `bom` prepends the byte-order mark.
 * windows-1252 throws on characters it cannot represent, so fixtures stay honest.
 */
export function encodeText(text: string, encoding: TextEncoding, options: { bom?: boolean } = {}): Buffer {
  switch (encoding) {
    case 'utf-8':
      return Buffer.concat([options.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([options.bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
    case 'utf-16be': {
      const le = Buffer.from(text, 'utf16le');
      return Buffer.concat([options.bom ? Buffer.from([0xfe, 0xff]) : Buffer.alloc(0), Buffer.from(le).swap16()]);
    }
    case 'windows-1252':
      return Buffer.from([...text].map((char) => windows1252Byte(char)));
  }
}

// The WHATWG windows-1252 table for 0x80–0x9F; every other byte is its own code point.
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function windows1252Byte(char: string): number {
  const index = WINDOWS_1252_HIGH.indexOf(char);
  if (index >= 0) return 0x80 + index;
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  throw new RangeError(`"${char}" cannot be written in windows-1252; change the fixture text.`);
}

/**
 * A throw-away self-signed certificate for `hostname` (made with the openssl command), for https tests;
 * null when openssl is not installed, so such tests can skip.
 */
export function selfSignedCertificate(hostname: string): { key: string; cert: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'wijkradar-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
        '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
        '-subj', `/CN=${hostname}`, '-addext', `subjectAltName=DNS:${hostname}`,
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
