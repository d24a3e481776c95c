// `npm run bench [-- --json] [-- --only nlp,areas,alerts,collection,api]`: every speed and memory target,
// measured in one run on this machine. Targets are checked here, never by timed assertions in tests.
process.env.DOTENV_CONFIG_QUIET ??= 'true';

const args = process.argv.slice(2);
const json = args.includes('--json');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((args[onlyIndex + 1] ?? '').split(',')) : null;
const wanted = (name: string) => !only || only.has(name);
const log = (line: string) => {
  if (!json) process.stderr.write(line + '\n');
};

interface Check {
  bench: string;
  figure: string;
  value: number | string;
  target: string;
  ok: boolean | null;
}
const checks: Check[] = [];
const results: Record<string, unknown> = {};

if (wanted('nlp')) {
  log('NLP: scoring posts, ours and the naive natural + franc pipeline on the same posts…');
  const { runNlpBench } = await import('./nlp-bench.js');
  const r = runNlpBench({ quiet: true });
  results.nlp = r;
  checks.push(
    { bench: 'nlp', figure: 'posts/s, one core (ours)', value: Math.round(r.oursPostsPerSecond), target: '≥ 50,000', ok: r.oursPostsPerSecond >= 50_000 },
    { bench: 'nlp', figure: 'posts/s (naive)', value: Math.round(r.naivePostsPerSecond), target: '', ok: null },
    { bench: 'nlp', figure: 'speed-up over naive', value: `${r.speedup.toFixed(1)}×`, target: '≥ 15×', ok: r.speedup >= 15 },
    { bench: 'nlp', figure: 'peak RSS while scoring (MB)', value: Math.round(r.peakRssMbDuringScoring), target: '< 300', ok: r.peakRssMbDuringScoring < 300 },
  );
}

if (wanted('areas')) {
  log('Areas: point-in-polygon over all CBS 2015 buurten and text resolution with the Amsterdam gazetteer…');
  const { runAreasBench } = await import('./areas-bench.js');
  const r = await runAreasBench({ quiet: true });
  results.areas = r;
  if (r.skipped) checks.push({ bench: 'areas', figure: 'skipped', value: r.skipped, target: '', ok: null });
  else
    checks.push(
      { bench: 'areas', figure: `point lookups/s (${r.buurten} buurten)`, value: Math.round(r.pointLookupsPerSec), target: '≥ 200,000', ok: r.pointLookupsPerSec >= 200_000 },
      { bench: 'areas', figure: 'text resolutions/s (Amsterdam)', value: Math.round(r.textResolutionsLongPerSec), target: '≥ 20,000', ok: r.textResolutionsLongPerSec >= 20_000 },
    );
}

if (wanted('alerts')) {
  log('Alerts: 90 days × 500 areas × 9 series…');
  const { runAlertsBench } = await import('./alerts-bench.js');
  const r = await runAlertsBench({ log: () => {} });
  results.alerts = r;
  checks.push({ bench: 'alerts', figure: 'full backfill, median (ms)', value: Math.round(r.backfill_median_ms), target: '< 2,000', ok: r.backfill_median_ms < 2000 });
}

if (wanted('collection')) {
  log('Collection: 2,000 feeds × 50 items on 100 loopback hosts with 50 ms latency (about a minute)…');
  const { runCollectionBench } = await import('./collection-bench.js');
  const r = await runCollectionBench();
  results.collection = r;
  checks.push(
    { bench: 'collection', figure: `run --once over HTTP (s), ${r.postsStored} posts, ${r.failedSources} failed`, value: r.runSeconds, target: '≤ 60', ok: r.runSeconds <= 60 && r.failedSources === 0 },
    { bench: 'collection', figure: 'peak RSS of the run (MB)', value: r.peakRssMb, target: '< 400', ok: r.peakRssMb < 400 },
    { bench: 'collection', figure: 'ingest once fetched (posts/s)', value: r.ingestPostsPerSecond, target: '≥ 20,000', ok: r.ingestPostsPerSecond >= 20_000 },
    // 20,000 posts/s on this 2-core machine leaves 100 µs of CPU per post for all threads together.
    { bench: 'collection', figure: 'CPU per post of that ingest, all threads (µs)', value: Math.round(1e6 / r.ingestPostsPerCpuSecond), target: '', ok: null },
    { bench: 'collection', figure: '… the main thread (µs)', value: r.ingestMainThreadCpuMicrosPerPost ?? 'n/a', target: '', ok: null },
    { bench: 'collection', figure: '… every other thread (µs)', value: r.ingestOtherThreadsCpuMicrosPerPost ?? 'n/a', target: '', ok: null },
    { bench: 'collection', figure: 'largest WAL during that ingest (MB)', value: r.ingestWalMb, target: '', ok: null },
  );
}

if (wanted('api')) {
  log('API: seeding 1,000,000 posts over 500 areas and a year, then timing the main calls (a few minutes)…');
  const { runApiBench } = await import('./api-bench.js');
  const r = await runApiBench({ quiet: true });
  results.api = r;
  for (const endpoint of r.endpoints) {
    checks.push({
      bench: 'api',
      figure: `${endpoint.name} p50 / p95 (ms)`,
      value: `${endpoint.p50_ms.toFixed(1)} / ${endpoint.p95_ms.toFixed(1)}`,
      target: endpoint.target_p95_ms === null ? '' : `p95 < ${endpoint.target_p95_ms}`,
      ok: endpoint.target_p95_ms === null ? null : endpoint.ok,
    });
  }
}

if (json) {
  process.stdout.write(JSON.stringify({ checks, results }, null, 2) + '\n');
} else {
  const width = Math.max(...checks.map((c) => c.figure.length));
  process.stdout.write('\nwijkradar benchmarks (this machine, one run)\n\n');
  for (const c of checks) {
    const mark = c.ok === null ? ' ' : c.ok ? '✓' : '✗';
    process.stdout.write(`${mark} ${c.bench.padEnd(10)} ${c.figure.padEnd(width)}  ${String(c.value).padStart(12)}  ${c.target}\n`);
  }
}
process.exitCode = checks.some((c) => c.ok === false) ? 1 : 0;
