import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

// The stable CLI contracts of ARCHITECTURE.md and the "done when" of the end-to-end issue, end to end.
const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-cli-'));
const db = path.join(dir, 'w.db');
const env = { WIJKRADAR_KEY_FILE: path.join(dir, 'key') };

describe('validate', () => {
  it('exits non-zero on a broken pipeline and names file and field', async () => {
    const file = path.join(dir, 'broken.yaml');
    writeFileSync(file, 'name: broken\nschedule: "elk uur"\nsources:\n  - id: x\n    type: feed\n    url: https://example.nl/feed\n    areas: [WK999999]\n');
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}: schedule: is not a valid cron expression`);
    // Reference checks run once the file has the right shape.
    writeFileSync(file, 'name: broken\nsources:\n  - id: x\n    type: feed\n    url: https://example.nl/feed\n    areas: [WK999999]\n');
    const again = await runCli(['validate', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`${file}: sources.0.areas.0: WK999999 is not defined under areas`);
  });

  it('accepts the demo and example pipelines', async () => {
    const result = await runCli(['validate', 'pipelines/demo.yaml', 'pipelines/amsterdam.example.yaml']);
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('score', () => {
  it('follows the contract and explains itself', async () => {
    const input = [
      { id: 'feest', text: 'Wat een geweldig buurtfeest, heel gezellig!' },
      { id: 'sms', text: 'Pas op: nep-sms van de bank met een link, mijn buurvrouw is al haar spaargeld kwijt' },
      { id: 'leeg', text: 'De vergadering begint om acht uur.' },
    ]
      .map((row) => JSON.stringify(row))
      .join('\n');
    const result = await runCli(['score'], { input: input + '\nnot json\n' });
    expect(result.code).toBe(1); // one invalid line
    const lines = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toHaveLength(4);
    const [feest, sms, leeg, bad] = lines;
    for (const row of [feest, sms, leeg]) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['id', 'lang', 'sentiment', 'topics', 'matches']));
      expect(row.lang).toBe('nl');
    }
    expect(feest.sentiment).toBeGreaterThan(0);
    expect(sms.sentiment).toBeLessThan(0);
    expect(sms.topics.cybercrime).toBeGreaterThan(0);
    const words = sms.matches.filter((m: { topic: string }) => m.topic === 'cybercrime').map((m: { text: string }) => m.text.toLowerCase());
    expect(words).toContain('nep-sms');
    for (const m of sms.matches) expect(input).toContain(m.text);
    expect(leeg.sentiment).toBeNull();
    expect(bad).toMatchObject({ id: null, error: expect.stringMatching(/not a JSON object/) });
  });
});

describe('feed inspect', () => {
  it('follows the contract; a windows-1252 feed shows café and € correctly', async () => {
    const result = await runCli(['feed', 'inspect', 'data/samples/wijkkrant-oud-west.xml', path.join(dir, 'missing.xml')]);
    expect(result.code).toBe(1); // the missing file
    const [good, missing] = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(Object.keys(good)).toEqual(['input', 'ok', 'format', 'title', 'link', 'items', 'error']);
    expect(good).toMatchObject({ ok: true, format: 'rss', error: null });
    expect(Object.keys(good.items[0])).toEqual(['id', 'title', 'link', 'published']);
    const titles = good.items.map((item: { title: string }) => item.title).join('\n');
    expect(titles).toContain('café');
    expect(titles).toContain('€');
    expect(titles).not.toContain('\uFFFD');
    expect(missing).toMatchObject({ ok: false, items: [] });
    expect(missing.error).toMatch(/missing\.xml/);
  });
});

describe('run and query', () => {
  beforeAll(async () => {
    const run = await runCli(['run', 'pipelines/demo.yaml', '--once', '--db', db], { env });
    expect(run.code, run.stderr).toBe(0);
  }, 60_000);

  it('query areas --format json prints one object per area with code, name, posts, sentiment, topics', async () => {
    const result = await runCli(['query', 'areas', '--format', 'json', '--db', db], { env });
    expect(result.code, result.stderr).toBe(0);
    const areas = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(Array.isArray(areas)).toBe(true);
    expect(areas.length).toBeGreaterThanOrEqual(4);
    for (const area of areas) expect(Object.keys(area)).toEqual(expect.arrayContaining(['code', 'name', 'posts', 'sentiment', 'topics']));
  });

  it('query trend and posts accept a wijk code, CSV is RFC 4180', async () => {
    const trend = await runCli(['query', 'trend', '--area', 'WK0363TC', '--topic', 'cybercrime', '--by', 'week', '--format', 'csv', '--db', db], { env });
    expect(trend.code, trend.stderr).toBe(0);
    expect(trend.stdout.split('\r\n')[0]).toBe('week_of,posts,sentiment,negative');
    const posts = await runCli(['query', 'posts', '--area', 'WK0363TC', '--topic', 'cybercrime', '--search', 'sms', '--format', 'json', '--db', db], { env });
    const rows = JSON.parse(posts.stdout) as { matches: unknown[] }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.matches.length).toBeGreaterThan(0);
  });

  it('alerts --format json prints an array with the fields analysts need', async () => {
    const result = await runCli(['alerts', '--format', 'json', '--db', db], { env });
    const alerts = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      expect(Object.keys(alert)).toEqual(expect.arrayContaining(['area', 'topic', 'window_start', 'observed', 'expected', 'threshold', 'top_terms', 'examples']));
    }
  });

  it('a second run adds no posts', async () => {
    const again = await runCli(['run', 'pipelines/demo.yaml', '--once', '--db', db], { env });
    expect(again.stderr).toMatch(/7 sources, 0 new posts, 0 failed/);
  }, 60_000);

  it('prints known errors as one sentence without a stack trace', async () => {
    const result = await runCli(['query', 'trend', '--db', db], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('wijkradar: query trend needs --area CODE (a buurt, wijk or gemeente code).\n');
  });
});
