import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, FetchError, fetchUrl } from '../../src/fetch/index.js';
import type { FetchOptions } from '../../src/fetch/index.js';
import type { HostResolver } from '../../src/fetch/http-request.js';
import {
  compressed,
  conditional,
  endless,
  gzipBomb,
  hugeContentLength,
  redirect,
  redirectChain,
  redirectLoop,
  respond,
  retryAfter,
  stall,
  startServer,
} from '../helpers/local-http-server.js';
import type { LocalServer } from '../helpers/local-http-server.js';

const local: FetchOptions = { allowPrivateAddresses: true, timeoutMs: 5000 };
const FEED = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Wijknieuws</title></channel></rss>';
const LAST_MODIFIED = 'Tue, 03 Mar 2026 10:00:00 GMT';

/** Runs the promise and returns the FetchError it must reject with. */
async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(FetchError);
    const fetchError = error as FetchError;
    expect(fetchError.name).toBe('FetchError');
    // Every message is a sentence a user can act on.
    expect(fetchError.message).toMatch(/^\S.*[.]$/s);
    return fetchError;
  }
  throw new Error('expected the fetch to fail, but it succeeded');
}

let server: LocalServer;
let second: LocalServer;

beforeAll(async () => {
  second = await startServer({
    '/feed.xml': respond(200, FEED, { 'content-type': 'application/rss+xml' }),
  }, { host: '127.0.0.2' });
  server = await startServer({
    '/feed.xml': respond(200, FEED, { 'content-type': 'application/rss+xml; charset=utf-8', 'x-multi': ['a', 'b'] }),
    '/gzip': compressed(FEED, 'gzip'),
    '/deflate': compressed(FEED, 'deflate'),
    '/deflate-raw': compressed(FEED, 'deflate-raw'),
    '/br': compressed(FEED, 'br'),
    '/gzip-empty': respond(200, '', { 'content-encoding': 'gzip', 'content-length': 0 }),
    '/corrupt-gzip': respond(200, Buffer.from('this is not gzip at all, not even close'), { 'content-encoding': 'gzip' }),
    '/corrupt-br': respond(200, Buffer.from('this is not brotli at all, not even close'), { 'content-encoding': 'br' }),
    '/corrupt-deflate': respond(200, Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0xff]), { 'content-encoding': 'deflate' }),
    '/zstd': respond(200, 'whatever', { 'content-encoding': 'zstd' }),
    '/big-deflate': compressed(Buffer.alloc(20 * 1024 * 1024), 'deflate'),
    '/big-br': compressed(Buffer.alloc(20 * 1024 * 1024), 'br'),
    '/exact': respond(200, Buffer.alloc(1000, 0x61)),
    '/stall': stall(),
    '/stall-body': stall({ sendHeaders: true }),
    '/endless': endless(),
    '/bomb': gzipBomb(1024 * 1024 * 1024),
    '/huge-length': hugeContentLength(),
    '/etag': conditional({ body: FEED, etag: '"v1"' }),
    '/last-modified': conditional({ body: FEED, lastModified: LAST_MODIFIED }),
    '/bare-304': (req, res) => {
      res.writeHead(req.headers['if-none-match'] ? 304 : 200, req.headers['if-none-match'] ? {} : { etag: '"bare"' });
      res.end(req.headers['if-none-match'] ? undefined : FEED);
    },
    '/dir/relative': redirect('../feed.xml', 301),
    '/chain': redirectChain(5),
    '/chain-too-long': redirectChain(6),
    '/loop': redirectLoop(),
    '/ping': redirect('/pong'),
    '/pong': redirect('/ping'),
    '/to-ftp': redirect('ftp://127.0.0.1/feed.xml'),
    '/to-second': (_req, res) => {
      res.writeHead(302, { location: second.url('/feed.xml'), 'content-length': 0 });
      res.end();
    },
    '/to-internal-name': redirect('http://intranet.test/feed.xml'),
    '/missing': respond(404, 'not here'),
    '/teapot': respond(418, 'short and stout'),
    '/rate-limited': retryAfter(429, '120'),
    '/unavailable': retryAfter(503, new Date(Date.now() + 90_000).toUTCString()),
    '/broken': retryAfter(500, '30'),
    '/no-location': respond(302, ''),
  });
});

afterAll(async () => {
  await Promise.all([server?.close(), second?.close()]);
});

describe('fetchUrl: a plain GET', () => {
  it('returns the body, metadata and lower-cased headers', async () => {
    const result = await fetchUrl(server.url('/feed.xml'), local);
    expect(result.body.toString('utf8')).toBe(FEED);
    expect(result).toMatchObject({
      requestedUrl: server.url('/feed.xml'),
      finalUrl: server.url('/feed.xml'),
      status: 200,
      notModified: false,
      bytes: Buffer.byteLength(FEED),
      contentType: 'application/rss+xml; charset=utf-8',
      etag: null,
      lastModified: null,
    });
    expect(result.headers['x-multi']).toBe('a, b');
    expect(Object.keys(result.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('sends the default User-Agent, a feed-friendly Accept and the encodings it can decode', async () => {
    await fetchUrl(server.url('/feed.xml?headers=default'), local);
    const seen = server.requests.find((r) => r.url === '/feed.xml?headers=default');
    expect(seen?.headers['user-agent']).toBe(DEFAULT_USER_AGENT);
    expect(seen?.headers['accept']).toMatch(/^application\/rss\+xml, application\/atom\+xml/);
    expect(seen?.headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(seen?.headers['if-none-match']).toBeUndefined();
  });

  it('lets pipelines set their own User-Agent and extra headers', async () => {
    await fetchUrl(server.url('/feed.xml?headers=custom'), {
      ...local,
      userAgent: 'wijkradar/0.1 (+https://politie.example/contact)',
      headers: { 'X-Trace': 'abc' },
    });
    const seen = server.requests.find((r) => r.url === '/feed.xml?headers=custom');
    expect(seen?.headers['user-agent']).toBe('wijkradar/0.1 (+https://politie.example/contact)');
    expect(seen?.headers['x-trace']).toBe('abc');
  });

  it.each(['/gzip', '/deflate', '/deflate-raw', '/br'])('decompresses %s', async (path) => {
    const result = await fetchUrl(server.url(path), local);
    expect(result.body.toString('utf8')).toBe(FEED);
    expect(result.bytes).toBe(Buffer.byteLength(FEED));
  });

  it('accepts an empty gzip body', async () => {
    const result = await fetchUrl(server.url('/gzip-empty'), local);
    expect(result.bytes).toBe(0);
  });

  it.each([
    ['/corrupt-gzip', /corrupt/],
    ['/corrupt-br', /corrupt/],
    ['/corrupt-deflate', /corrupt/],
    ['/zstd', /"zstd"/],
  ])('fails %s with bad_encoding', async (path, message) => {
    const error = await failure(fetchUrl(server.url(path), local));
    expect(error.code).toBe('bad_encoding');
    expect(error.message).toMatch(message);
  });
});

describe('fetchUrl: requests it cannot send', () => {
  it('reports a stored ETag with a line break as bad_request instead of throwing a TypeError', async () => {
    const error = await failure(fetchUrl(server.url('/etag'), { ...local, etag: '"v1"\r\nX-Injected: 1' }));
    expect(error.code).toBe('bad_request');
    expect(error.message).toContain('ETag and Last-Modified stored for this source');
  });
});

describe('fetchUrl: URLs it refuses', () => {
  it.each([
    ['ftp://127.0.0.1/feed.xml'],
    ['file:///etc/passwd'],
    ['javascript:alert(1)'],
    ['not a url'],
    ['//127.0.0.1/feed.xml'],
    ['http://user:secret@127.0.0.1/feed.xml'],
  ])('%s → bad_url', async (url) => {
    const error = await failure(fetchUrl(url, local));
    expect(error.code).toBe('bad_url');
    expect(error.message).not.toContain('secret');
    expect(error.url).not.toContain('secret');
  });
});

describe('fetchUrl: private addresses (SSRF)', () => {
  it('refuses 127.0.0.1 unless private addresses are allowed, without connecting', async () => {
    const before = server.requests.length;
    const error = await failure(fetchUrl(server.url('/feed.xml'), { timeoutMs: 5000 }));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toContain('allow_private_addresses: true');
    expect(server.requests.length).toBe(before);
  });

  it.each([
    (port: number) => `http://localhost:${port}/feed.xml`,
    (port: number) => `http://[::1]:${port}/feed.xml`,
    (port: number) => `http://0.0.0.0:${port}/feed.xml`,
    (port: number) => `http://2130706433:${port}/feed.xml`,
    (port: number) => `http://0x7f.1:${port}/feed.xml`,
    (port: number) => `http://[::ffff:127.0.0.1]:${port}/feed.xml`,
    (port: number) => `http://[::ffff:7f00:1]:${port}/feed.xml`,
  ])('refuses loopback spelled as %s', async (makeUrl) => {
    const before = server.requests.length;
    const error = await failure(fetchUrl(makeUrl(server.port), { timeoutMs: 5000 }));
    expect(error.code).toBe('blocked_address');
    expect(server.requests.length).toBe(before);
  });

  it('checks the addresses DNS returns and connects to the checked one', async () => {
    const resolver: HostResolver = async (name) =>
      name === 'feeds.test' ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '127.0.0.2', family: 4 }];
    const options: FetchOptions = { timeoutMs: 5000, resolveHost: resolver, allowAddressRanges: ['127.0.0.1/32'] };

    // feeds.test exists only in our resolver, so success proves the connection used the checked address.
    const ok = await fetchUrl(`http://feeds.test:${server.port}/feed.xml?via=resolver`, options);
    expect(ok.body.toString('utf8')).toBe(FEED);
    expect(server.requests.find((r) => r.url === '/feed.xml?via=resolver')?.headers.host).toBe(`feeds.test:${server.port}`);

    const error = await failure(fetchUrl(`http://other.test:${server.port}/feed.xml`, options));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toContain('other.test (127.0.0.2)');
  });

  it('refuses a name when any of its addresses is private', async () => {
    const resolver: HostResolver = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    const error = await failure(fetchUrl('http://mixed.test/feed.xml', { timeoutMs: 5000, resolveHost: resolver }));
    expect(error.code).toBe('blocked_address');
    expect(error.message).toContain('10.0.0.7');
  });

  it('checks every redirect hop: an allowed host redirecting to a private one is refused', async () => {
    const before = second.requests.length;
    const error = await failure(fetchUrl(server.url('/to-second'), { timeoutMs: 5000, allowAddressRanges: ['127.0.0.1/32'] }));
    expect(error.code).toBe('blocked_address');
    expect(error.url).toBe(second.url('/feed.xml'));
    expect(second.requests.length).toBe(before);
  });

  it('checks redirect hops that go through DNS too', async () => {
    const resolver: HostResolver = async (name) =>
      name === 'intranet.test' ? [{ address: '10.1.2.3', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    const error = await failure(
      fetchUrl(`http://public.test:${server.port}/to-internal-name`, {
        timeoutMs: 5000,
        resolveHost: resolver,
        allowAddressRanges: ['127.0.0.1/32'],
      }),
    );
    expect(error.code).toBe('blocked_address');
    expect(error.message).toContain('intranet.test (10.1.2.3)');
  });

  it('reports DNS failures as code dns', async () => {
    const resolver: HostResolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nergens.test'), { code: 'ENOTFOUND' });
    };
    const error = await failure(fetchUrl('http://nergens.test/feed.xml', { timeoutMs: 5000, resolveHost: resolver }));
    expect(error.code).toBe('dns');
    expect(error.message).toContain('nergens.test');
  });

  it('drops Authorization and Cookie when a redirect leaves the origin', async () => {
    await fetchUrl(server.url('/to-second?auth'), { ...local, headers: { authorization: 'Bearer geheim', cookie: 'a=b' } });
    const hop = second.requests.at(-1);
    expect(hop?.url).toBe('/feed.xml');
    expect(hop?.headers.authorization).toBeUndefined();
    expect(hop?.headers.cookie).toBeUndefined();
  });
});

describe('fetchUrl: time limits', () => {
  it.each([
    ['/stall', 'no response at all'],
    ['/stall-body', 'a body that never ends'],
  ])('aborts %s (%s) at the timeout', async (path) => {
    const error = await failure(fetchUrl(server.url(path), { allowPrivateAddresses: true, timeoutMs: 300 }));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('300 ms');
  });

  it('counts DNS in the timeout: a resolver that never answers ends at the timeout', async () => {
    const error = await failure(
      fetchUrl('http://traag.test/feed.xml', { timeoutMs: 200, resolveHost: () => new Promise(() => undefined) }),
    );
    expect(error.code).toBe('timeout');
  });

  it('stops when the caller aborts, and refuses an already aborted signal', async () => {
    const controller = new AbortController();
    const pending = fetchUrl(server.url('/stall-body?abort'), { ...local, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    expect((await failure(pending)).code).toBe('aborted');

    const again = await failure(fetchUrl(server.url('/feed.xml'), { ...local, signal: AbortSignal.abort() }));
    expect(again.code).toBe('aborted');
  });

  it('reports a refused connection as a network error', async () => {
    const gone = await startServer(respond(200, 'x'));
    const url = gone.url('/feed.xml');
    await gone.close();
    const error = await failure(fetchUrl(url, local));
    expect(error.code).toBe('network');
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('fetchUrl: byte cap', () => {
  it('allows a body of exactly maxBytes and refuses one byte more', async () => {
    expect((await fetchUrl(server.url('/exact'), { ...local, maxBytes: 1000 })).bytes).toBe(1000);
    const error = await failure(fetchUrl(server.url('/exact'), { ...local, maxBytes: 999 }));
    expect(error.code).toBe('too_large');
  });

  it('stops an endless stream at the cap', async () => {
    const error = await failure(fetchUrl(server.url('/endless'), { ...local, maxBytes: 1024 * 1024 }));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('larger than 1 MB; raise max_bytes');
  });

  it('fails on a 2 GB Content-Length from the headers alone', async () => {
    // The server sends 1 kB and then stalls: only a decision on the header ends this before the timeout.
    const error = await failure(fetchUrl(server.url('/huge-length'), local));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('announced as 2048 MB');
  });

  it.each(['/big-deflate', '/big-br'])('counts bytes after decompression (%s: 20 MB of zeros)', async (path) => {
    const error = await failure(fetchUrl(server.url(path), { ...local, maxBytes: 1024 * 1024 }));
    expect(error.code).toBe('too_large');
  });

  it('survives a 1 GB gzip bomb with bounded memory', async () => {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const error = await failure(fetchUrl(server.url('/bomb'), local));
      expect(error.code).toBe('too_large');
      expect(error.message).toContain('larger than 10 MB');
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    // The cap is 10 MB of output; inflating the whole bomb would need a gigabyte.
    expect(peak - baseline).toBeLessThan(150 * 1024 * 1024);
  });
});

describe('fetchUrl: conditional GET', () => {
  it('sends If-None-Match and returns notModified on 304', async () => {
    const first = await fetchUrl(server.url('/etag'), local);
    expect(first.etag).toBe('"v1"');
    expect(first.notModified).toBe(false);

    const second304 = await fetchUrl(server.url('/etag'), { ...local, etag: first.etag });
    expect(second304).toMatchObject({ status: 304, notModified: true, bytes: 0, etag: '"v1"' });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"v1"');

    const changed = await fetchUrl(server.url('/etag'), { ...local, etag: '"v0"' });
    expect(changed.notModified).toBe(false);
    expect(changed.body.toString('utf8')).toBe(FEED);
  });

  it('sends If-Modified-Since and returns notModified on 304', async () => {
    const first = await fetchUrl(server.url('/last-modified'), local);
    expect(first.lastModified).toBe(LAST_MODIFIED);
    const again = await fetchUrl(server.url('/last-modified'), { ...local, lastModified: first.lastModified });
    expect(again.notModified).toBe(true);
    expect(server.requests.at(-1)?.headers['if-modified-since']).toBe(LAST_MODIFIED);
  });

  it('keeps the ETag it sent when a 304 does not repeat it', async () => {
    const result = await fetchUrl(server.url('/bare-304'), { ...local, etag: '"bare"' });
    expect(result.notModified).toBe(true);
    expect(result.etag).toBe('"bare"');
  });
});

describe('fetchUrl: redirects', () => {
  it('resolves a relative Location against the current URL', async () => {
    const result = await fetchUrl(server.url('/dir/relative'), local);
    expect(result.finalUrl).toBe(server.url('/feed.xml'));
    expect(result.requestedUrl).toBe(server.url('/dir/relative'));
    expect(result.body.toString('utf8')).toBe(FEED);
  });

  it('follows 5 redirects and refuses a 6th', async () => {
    const ok = await fetchUrl(server.url('/chain'), local);
    expect(ok.finalUrl).toBe(server.url('/chain?hop=5'));
    expect(ok.body.toString('utf8')).toBe('arrived');

    const error = await failure(fetchUrl(server.url('/chain-too-long'), local));
    expect(error.code).toBe('too_many_redirects');
    expect(error.message).toContain('more than 5 times');
  });

  it('honours maxRedirects', async () => {
    const error = await failure(fetchUrl(server.url('/dir/relative'), { ...local, maxRedirects: 0 }));
    expect(error.code).toBe('too_many_redirects');
  });

  it.each([
    ['/loop', 1],
    ['/ping', 2],
  ])('ends the redirect loop at %s after %i request(s)', async (path, requests) => {
    const before = server.requests.length;
    const error = await failure(fetchUrl(server.url(path), local));
    expect(error.code).toBe('too_many_redirects');
    expect(error.message).toContain('in a loop');
    expect(server.requests.length - before).toBe(requests);
  });

  it('refuses a redirect to a non-http scheme', async () => {
    const error = await failure(fetchUrl(server.url('/to-ftp'), local));
    expect(error.code).toBe('bad_url');
    expect(error.message).toContain('ftp://127.0.0.1/feed.xml');
  });
});

describe('fetchUrl: HTTP errors', () => {
  it.each([
    ['/missing', 404, undefined, /update the source url/],
    ['/teapot', 418, undefined, /open the URL in a browser/],
    ['/rate-limited', 429, 120_000, /wait 120 s/],
    ['/broken', 500, undefined, /retried on the next run/],
    ['/no-location', 302, undefined, /no usable Location/],
  ])('%s → http_status %i', async (path, status, retryAfterMs, message) => {
    const error = await failure(fetchUrl(server.url(path), local));
    expect(error.code).toBe('http_status');
    expect(error.status).toBe(status);
    expect(error.retryAfterMs).toBe(retryAfterMs);
    expect(error.url).toBe(server.url(path));
    expect(error.message).toMatch(message);
  });

  it('reads a Retry-After date on 503', async () => {
    const error = await failure(fetchUrl(server.url('/unavailable'), local));
    expect(error.status).toBe(503);
    // The date was written with one-second precision about 90 s ahead when the routes were made.
    expect(error.retryAfterMs).toBeGreaterThan(30_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(91_000);
  });
});
