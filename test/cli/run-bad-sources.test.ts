import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endless, redirectLoop, respond, retryAfter, stall, startServer } from '../helpers/local-http-server.js';
import type { LocalServer } from '../helpers/local-http-server.js';
import { runCli } from '../helpers/run-cli.js';

const GOOD_FEED = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Goed</title><link>https://example.nl/</link>
<item><guid>g1</guid><title>Buurtfeest op het plein was gezellig</title><pubDate>Mon, 23 Nov 2026 10:00:00 +0100</pubDate><description>Veel buren kwamen langs.</description></item>
<item><guid>g2</guid><title>Pas op voor nep-sms van de bank</title><pubDate>Tue, 24 Nov 2026 10:00:00 +0100</pubDate><description>Klik niet op de link.</description></item>
<item><guid>g3</guid><title>Nieuwe bankjes in het park</title><pubDate>Wed, 25 Nov 2026 10:00:00 +0100</pubDate></item>
</channel></rss>`;

const HTML_PAGE = `<!doctype html><html><head><title>Nieuws</title>
<link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>Hallo</body></html>`;

let server: LocalServer;
let dir: string;

beforeAll(async () => {
  server = await startServer({
    '/good.xml': respond(200, GOOD_FEED, { 'content-type': 'application/rss+xml' }),
    '/error.xml': respond(500, 'boom'),
    '/busy.xml': retryAfter(429, '120'),
    '/hang.xml': stall(),
    '/loop.xml': redirectLoop(),
    '/page.html': respond(200, HTML_PAGE, { 'content-type': 'text/html; charset=utf-8' }),
    '/huge.xml': endless(),
  });
  dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-bad-'));
  const sources = ['good', 'error', 'busy', 'hang', 'loop', 'page', 'huge'].map((id) => {
    const file = id === 'page' ? 'page.html' : `${id}.xml`;
    // The 429 source lives on another host name: Retry-After pauses a whole host, and the others share one.
    const url = id === 'busy' ? server.url('/' + file).replace('127.0.0.1', 'localhost') : server.url('/' + file);
    return `  - { id: ${id}, type: feed, url: "${url}", areas: [GM0363], timeout_seconds: ${id === 'hang' ? 1 : 5} }`;
  });
  writeFileSync(
    path.join(dir, 'bad.yaml'),
    [
      'name: bad-sources',
      'allow_private_addresses: true',
      'min_host_interval_seconds: 0',
      'per_host_concurrency: 4',
      'areas:',
      '  - { code: GM0363, name: Amsterdam, level: gemeente }',
      'sources:',
      ...sources,
      '',
    ].join('\n'),
  );
});
afterAll(() => server.close());

describe('run --once with failing sources', () => {
  it('exits 0, stores every item of the good source and records each failure', async () => {
    const db = path.join(dir, 'w.db');
    const env = { WIJKRADAR_KEY_FILE: path.join(dir, 'key') };
    const run = await runCli(['run', path.join(dir, 'bad.yaml'), '--once', '--db', db], { env });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('✓ good: 3 items, 3 new');

    const sources = await runCli(['sources', '--format', 'json', '--db', db], { env });
    expect(sources.code, sources.stderr).toBe(0);
    const byId = Object.fromEntries((JSON.parse(sources.stdout) as { id: string }[]).map((s) => [s.id, s])) as Record<string, any>;
    expect(byId.good).toMatchObject({ last_status: 200, last_error: null, items_total: 3, consecutive_failures: 0, flag: null });
    expect(byId.error).toMatchObject({ last_status: 500, consecutive_failures: 1, flag: 'failing' });
    expect(byId.busy).toMatchObject({ last_status: 429 });
    expect(byId.busy.last_error).toMatch(/429/);
    expect(byId.hang.last_error).toMatch(/time|second/i);
    expect(byId.loop.last_error).toMatch(/redirect/i);
    expect(byId.page.last_error).toMatch(/HTML page/);
    expect(byId.page.last_error).toContain('/rss.xml');
    expect(byId.huge.last_error).toMatch(/larger than|MB/);
    for (const id of ['error', 'busy', 'hang', 'loop', 'page', 'huge']) {
      expect(byId[id].items_total, id).toBe(0);
      expect(byId[id].last_error, id).toBeTruthy();
    }

    // Retry-After is honoured: the busy host is not asked again on the next run.
    const before = server.requests.filter((r) => r.url === '/busy.xml').length;
    const again = await runCli(['run', path.join(dir, 'bad.yaml'), '--once', '--db', db], { env });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/busy: skipped \(waiting until/);
    expect(server.requests.filter((r) => r.url === '/busy.xml').length).toBe(before);
    expect(again.stderr).toContain('✓ good: 3 items, 0 new');
  }, 60_000);
});
