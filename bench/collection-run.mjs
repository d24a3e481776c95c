// Child process of the collection benchmark (collection-bench.ts): runs `run --once` the way the CLI
// does and reports timings and its own peak RSS as one JSON line, so the farm serving the feeds does not
// count towards memory. Plain JavaScript on the compiled code in dist/, which is what the `wijkradar`
// command runs: under tsx the process (and each thread it starts) also carried tsx's loader, ≈ 55 MB.
// Usage: node bench/collection-run.mjs <pipeline.yaml> <db file>   (after `npm run build`)
import { readFileSync, statSync } from 'node:fs';
import { limitHeapGrowth } from '../dist/cli/heap-growth.js';
import { loadPipelines } from '../dist/config/load-pipeline.js';
import { openDatabase } from '../dist/db/open-database.js';
import { countPosts } from '../dist/db/post.repository.js';
import { runAlertStage } from '../dist/pipeline/alert-stage.js';
import { runOnce } from '../dist/pipeline/run-once.js';
import { prepareRun } from '../dist/pipeline/run-setup.js';

limitHeapGrowth(); // as the CLI does
const [pipelineFile, dbFile] = process.argv.slice(2);
const pipelines = loadPipelines([pipelineFile]);
const database = await openDatabase(dbFile);
const context = await prepareRun(pipelines, database);
const mainCpuBefore = mainThreadCpuSeconds();
const started = performance.now();
const cpuBefore = process.cpuUsage();
const reports = await runOnce(pipelines, context);
const collected = performance.now();
const cpu = process.cpuUsage(cpuBefore);
const mainCpuAfter = mainThreadCpuSeconds();
// The WAL file never shrinks while the database is open (it is reused from the start), so its size now is
// the most the WAL held during the run.
const walMb = statSync(`${dbFile}-wal`, { throwIfNoEntry: false })?.size / 2 ** 20 || 0;
await runAlertStage(database.db, pipelines, reports, { userAgent: context.userAgent });
const finished = performance.now();
const posts = await countPosts(database.db);
await database.close();
process.stdout.write(
  JSON.stringify({
    sources: reports.length,
    failed: reports.filter((r) => r.status === 'failed').length,
    posts,
    runSeconds: (collected - started) / 1000,
    // CPU time of the run (user + system): robust when the shared machine is busy.
    runCpuSeconds: (cpu.user + cpu.system) / 1e6,
    // The same split: the main thread (parse, map, score, locate, hand over) and all others (store
    // worker, checkpoint thread, V8's garbage-collection helpers, libuv's file reads), the latter as the
    // difference, which also counts threads that ended during the run. Null where /proc is missing.
    mainThreadCpuSeconds: mainCpuAfter === null ? null : mainCpuAfter - mainCpuBefore,
    otherThreadsCpuSeconds: mainCpuAfter === null ? null : (cpu.user + cpu.system) / 1e6 - (mainCpuAfter - mainCpuBefore),
    alertSeconds: (finished - collected) / 1000,
    walMb,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);

/** CPU seconds (user + system) of the calling (main) thread, from Linux's /proc; null without it. */
function mainThreadCpuSeconds() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks; 100 a second on Linux
  } catch {
    return null;
  }
}
