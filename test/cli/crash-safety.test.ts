import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedFarm } from '../../bench/collection-server.js';
import type { FeedFarm } from '../../bench/collection-server.js';
import { runCli } from '../helpers/run-cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
let farm: FeedFarm;
let dir: string;
let pipeline: string;

beforeAll(async () => {
  farm = await startFeedFarm({ hosts: 4, feedsPerHost: 10, itemsPerFeed: 20, latencyMs: 100 });
  dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-crash-'));
  pipeline = path.join(dir, 'farm.yaml');
  writeFileSync(
    pipeline,
    [
      'name: farm',
      'allow_private_addresses: true',
      'per_host_concurrency: 1',
      'min_host_interval_seconds: 0.25',
      'areas:',
      '  - { code: GM0363, name: Amsterdam, level: gemeente }',
      'sources:',
      ...farm.urls.map((url, i) => `  - { id: feed-${i}, type: feed, url: "${url}", areas: [GM0363] }`),
      '',
    ].join('\n'),
  );
});
afterAll(() => farm.close());

/** Starts `run --once` and kills it with SIGKILL once `after` sources have finished. */
function runAndKill(db: string, after: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'run', pipeline, '--once', '--db', db], {
      cwd: ROOT,
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', WIJKRADAR_KEY_FILE: path.join(dir, 'key') },
    });
    let done = 0;
    child.stderr.on('data', (chunk: Buffer) => {
      done += (chunk.toString('utf8').match(/^✓/gm) ?? []).length;
      if (done >= after && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', () => resolve(done));
  });
}

describe('crash safety', () => {
  it('kill -9 in the middle of a run, run again: nothing lost, nothing doubled, rollups consistent', async () => {
    const db = path.join(dir, 'crash.db');
    const finishedBeforeKill = await runAndKill(db, 8);
    expect(finishedBeforeKill).toBeGreaterThanOrEqual(8);
    expect(finishedBeforeKill).toBeLessThan(farm.urls.length);

    const rerun = await runCli(['run', pipeline, '--once', '--db', db], { env: { WIJKRADAR_KEY_FILE: path.join(dir, 'key') } });
    expect(rerun.code, rerun.stderr).toBe(0);

    const sqlite = new Database(db, { readonly: true });
    try {
      const posts = sqlite.prepare('SELECT count(*) AS n, count(DISTINCT source_id || external_id) AS distinctIds FROM posts').get() as { n: number; distinctIds: number };
      expect(posts.n).toBe(farm.expectedItems);
      expect(posts.distinctIds).toBe(farm.expectedItems);
      const counted = sqlite.prepare('SELECT count(*) AS n FROM posts WHERE duplicate_of IS NULL').get() as { n: number };
      const rolled = sqlite.prepare("SELECT sum(posts) AS n FROM rollup_daily WHERE area_code = 'GM0363' AND topic = '*'").get() as { n: number };
      expect(rolled.n).toBe(counted.n);
      const topicRows = sqlite.prepare('SELECT count(*) AS n FROM post_topics t JOIN posts p ON p.id = t.post_id WHERE p.duplicate_of IS NULL').get() as { n: number };
      const topicRollups = sqlite.prepare("SELECT coalesce(sum(posts), 0) AS n FROM rollup_daily WHERE area_code = 'GM0363' AND topic <> '*'").get() as { n: number };
      expect(topicRollups.n).toBe(topicRows.n);
      const log = sqlite.prepare('SELECT count(DISTINCT source_id) AS n FROM fetch_log WHERE error IS NULL').get() as { n: number };
      expect(log.n).toBe(farm.urls.length);
      const state = sqlite.prepare('SELECT count(*) AS n FROM collector_state WHERE etag IS NOT NULL').get() as { n: number };
      expect(state.n).toBe(farm.urls.length);
    } finally {
      sqlite.close();
    }
  }, 90_000);
});
