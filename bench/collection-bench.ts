import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFeedFarm } from './collection-server.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** Figures of the collection benchmark. */
export interface CollectionBenchResult {
  feeds: number;
  hosts: number;
  itemsPerFeed: number;
  latencyMs: number;
  /** Wall time of one `run --once` over HTTP with the default politeness (2 per host, 2 s apart). */
  runSeconds: number;
  postsStored: number;
  failedSources: number;
  peakRssMb: number;
  /** Ingest once fetched: the same feeds from local files (parse, map, score, locate, store, alerts). */
  ingestPostsPerSecond: number;
  /** The same per CPU-second of the run (robust on a busy machine). */
  ingestPostsPerCpuSecond: number;
  /** CPU per post of the main thread alone, and of all other threads (null without Linux's /proc). */
  ingestMainThreadCpuMicrosPerPost: number | null;
  ingestOtherThreadsCpuMicrosPerPost: number | null;
  ingestPeakRssMb: number;
  /** Largest size of the WAL file during that ingest (it starts over after checkpoints). */
  ingestWalMb: number;
}

/**
 * Serves 2,000 feeds of 50 items from 100 loopback hosts with 50 ms latency and runs `run --once` over
 * them in a child process; then ingests the same feeds from local files to measure posts/s once fetched.
 * The child runs the compiled code (built first), as the `wijkradar` command does.
 */
export async function runCollectionBench(options: { hosts?: number; feedsPerHost?: number; itemsPerFeed?: number; latencyMs?: number } = {}): Promise<CollectionBenchResult> {
  const hosts = options.hosts ?? 100;
  const feedsPerHost = options.feedsPerHost ?? 20;
  const itemsPerFeed = options.itemsPerFeed ?? 50;
  const latencyMs = options.latencyMs ?? 50;
  buildDist();
  const farm = await startFeedFarm({ hosts, feedsPerHost, itemsPerFeed, latencyMs });
  const dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-collect-'));
  try {
    const areas = ['areas:', '  - { code: GM0363, name: Amsterdam, level: gemeente }'];
    const http = path.join(dir, 'http.yaml');
    writeFileSync(
      http,
      ['name: farm', 'allow_private_addresses: true', ...areas, 'sources:', ...farm.urls.map((url, i) => `  - { id: f${i}, type: feed, url: "${url}", areas: [GM0363] }`), ''].join('\n'),
    );
    const overHttp = await runChild(http, path.join(dir, 'http.db'));

    // The same feeds as files, for ingest speed without the network and politeness waits.
    const files = farm.urls.map((_url, i) => path.join(dir, `f${i}.xml`));
    for (let start = 0; start < farm.urls.length; start += 100) {
      await Promise.all(
        farm.urls.slice(start, start + 100).map(async (url, offset) => {
          writeFileSync(files[start + offset]!, Buffer.from(await (await fetch(url)).arrayBuffer()));
        }),
      );
    }
    const local = path.join(dir, 'local.yaml');
    writeFileSync(
      local,
      ['name: local', 'allow_local_files: true', ...areas, 'sources:', ...files.map((file, i) => `  - { id: l${i}, type: feed, url: "${file}", areas: [GM0363] }`), ''].join('\n'),
    );
    const fromFiles = await runChild(local, path.join(dir, 'local.db'));
    return {
      feeds: farm.urls.length,
      hosts,
      itemsPerFeed,
      latencyMs,
      runSeconds: round(overHttp.runSeconds + overHttp.alertSeconds),
      postsStored: overHttp.posts,
      failedSources: overHttp.failed,
      peakRssMb: round(overHttp.maxRssMb),
      ingestPostsPerSecond: Math.round(fromFiles.posts / (fromFiles.runSeconds + fromFiles.alertSeconds)),
      ingestPostsPerCpuSecond: Math.round(fromFiles.posts / fromFiles.runCpuSeconds),
      ingestMainThreadCpuMicrosPerPost: fromFiles.mainThreadCpuSeconds === null ? null : Math.round((fromFiles.mainThreadCpuSeconds / fromFiles.posts) * 1e6),
      ingestOtherThreadsCpuMicrosPerPost: fromFiles.otherThreadsCpuSeconds === null ? null : Math.round((fromFiles.otherThreadsCpuSeconds / fromFiles.posts) * 1e6),
      ingestPeakRssMb: round(fromFiles.maxRssMb),
      ingestWalMb: round(fromFiles.walMb),
    };
  } finally {
    await farm.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Compiles src/ to dist/, so the child measures the current code. */
function buildDist(): void {
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'pipe' });
  } catch (error) {
    const output = (error as { stdout?: Buffer }).stdout?.toString('utf8') ?? '';
    throw new Error(`npm run build failed, so the collection benchmark cannot run:\n${output}`);
  }
}

/** Runs bench/collection-run.mjs in a child process (asynchronously: the farm in this process must keep serving). */
function runChild(pipeline: string, db: string) {
  return new Promise<{ posts: number; failed: number; runSeconds: number; runCpuSeconds: number; mainThreadCpuSeconds: number | null; otherThreadsCpuSeconds: number | null; alertSeconds: number; maxRssMb: number; walMb: number }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bench/collection-run.mjs'), pipeline, db], {
      cwd: ROOT,
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', WIJKRADAR_KEY_FILE: path.join(path.dirname(db), 'key') },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`collection run failed (${code}): ${stderr}`))));
  });
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runCollectionBench();
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : result);
}
