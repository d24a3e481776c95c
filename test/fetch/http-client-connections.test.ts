// Connection-level behaviour of fetchUrl: keep-alive reuse, a reused socket that was closed, https.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { FetchError, fetchUrl } from '../../src/fetch/index.js';
import type { HostResolver } from '../../src/fetch/http-request.js';
import { respond, selfSignedCertificate, startServer } from '../helpers/local-http-server.js';

const local = { allowPrivateAddresses: true, timeoutMs: 5000 };

describe('fetchUrl over keep-alive connections', () => {
  // A raw TCP server: each connection answers its first request with keep-alive, and on its second request
  // drops the connection without answering, as a server does when it closes an idle socket at that moment.
  let server: net.Server;
  let connections = 0;
  const sockets = new Set<net.Socket>();
  let url = '';

  beforeAll(async () => {
    server = net.createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      let requests = 0;
      let buffered = '';
      socket.on('data', (data) => {
        buffered += data.toString('latin1');
        while (buffered.includes('\r\n\r\n')) {
          buffered = buffered.slice(buffered.indexOf('\r\n\r\n') + 4);
          requests++;
          if (requests === 1) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: keep-alive\r\n\r\nok');
          else socket.resetAndDestroy();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed.xml`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('retries once on a fresh connection when a reused socket turns out to be closed', async () => {
    expect((await fetchUrl(url, local)).body.toString()).toBe('ok');
    expect(connections).toBe(1);
    // The second fetch reuses the idle socket, which the server resets; the retry opens connection 2.
    expect((await fetchUrl(url, local)).body.toString()).toBe('ok');
    expect(connections).toBe(2);
  });
});

describe('fetchUrl keeps connections alive', () => {
  it('serves sequential fetches to one host over one connection, 304s included', async () => {
    const server = await startServer({
      '/a': respond(200, 'a', { 'content-length': 1 }),
      '/b': respond(304, '', { etag: '"b"' }),
    });
    try {
      for (const path of ['/a', '/b', '/a', '/b']) {
        await fetchUrl(server.url(path), { ...local, etag: '"b"' });
      }
      expect(server.requests).toHaveLength(4);
      expect(new Set(server.requests.map((r) => r.remotePort)).size).toBe(1);
    } finally {
      await server.close();
    }
  });
});

const certificate = selfSignedCertificate('feeds.test');

describe.skipIf(certificate === null)('fetchUrl over https', () => {
  const resolver: HostResolver = async () => [{ address: '127.0.0.1', family: 4 }];

  it('verifies the certificate against the host name, after our own DNS check', async () => {
    const tls = certificate as { key: string; cert: string };
    const server = await startServer({ '/feed.xml': respond(200, '<rss/>', { 'content-type': 'application/rss+xml' }) }, { tls });
    try {
      const url = `https://feeds.test:${server.port}/feed.xml`;
      const result = await fetchUrl(url, { ...local, resolveHost: resolver, ca: tls.cert });
      expect(result.body.toString()).toBe('<rss/>');

      // Without the CA the self-signed certificate is refused: TLS checking is on.
      const untrusted = await fetchUrl(url, { ...local, resolveHost: resolver }).catch((e: unknown) => e);
      expect(untrusted).toBeInstanceOf(FetchError);
      expect((untrusted as FetchError).code).toBe('network');

      // And the address policy applies to https just the same.
      const blocked = await fetchUrl(url, { timeoutMs: 5000, resolveHost: resolver, ca: tls.cert }).catch((e: unknown) => e);
      expect((blocked as FetchError).code).toBe('blocked_address');
    } finally {
      await server.close();
    }
  });
});
