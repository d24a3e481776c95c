// Child process of the collection benchmark: runs `run --once` the way the CLI does and reports timings
// and its own peak RSS as one JSON line, so the farm serving the feeds does not count towards memory.
import { limitHeapGrowth } from '../src/cli/heap-growth.js';
import { loadPipelines } from '../src/config/load-pipeline.js';
import { openDatabase } from '../src/db/open-database.js';
import { countPosts } from '../src/db/post.repository.js';
import { runAlertStage } from '../src/pipeline/alert-stage.js';
import { runOnce } from '../src/pipeline/run-once.js';
import { prepareRun } from '../src/pipeline/run-setup.js';

limitHeapGrowth(); // as the CLI does
const [pipelineFile, dbFile] = process.argv.slice(2);
const pipelines = loadPipelines([pipelineFile!]);
const database = await openDatabase(dbFile!);
const context = await prepareRun(pipelines, database);
const started = performance.now();
const cpuBefore = process.cpuUsage();
const reports = await runOnce(pipelines, context);
const collected = performance.now();
const cpu = process.cpuUsage(cpuBefore);
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
    alertSeconds: (finished - collected) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }) + '\n',
);
