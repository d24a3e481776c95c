import type { Kysely } from 'kysely';
import PQueue from 'p-queue';
import { collectorSpecFor } from '../collectors/collector-registry.js';
import type { CollectResult } from '../collectors/collector-contract.js';
import type { LoadedPipeline, ResolvedSource } from '../config/load-pipeline.js';
import type { Database } from '../db/database-schema.js';
import { consecutiveFailures, disabledSources, getCollectorState, getCollectorStates } from '../db/source.repository.js';
import { backoffDelay } from '../fetch/host-limiter.js';
import type { HostLimiter } from '../fetch/host-limiter.js';
import type { CollectorStateRow } from '../db/source.repository.js';
import { scorePost } from '../nlp/score-post.js';
import type { Lexicons } from '../nlp/lexicon-loader.js';
import type { AreaLocator } from './area-locator.js';
import { isDue } from './adaptive-polling.js';
import { storeBatch, storeFailure } from './store-batch.js';
import type { ReadyPost, StoreOutcome } from './store-batch.js';
import type { PollBounds } from './write-jobs.js';

/** Sources in flight at once (bounds memory); each host still gets at most its own limit. */
const SOURCE_CONCURRENCY = 64;

/** What a run needs, built once by the caller. */
export interface RunContext {
  db: Kysely<Database>;
  lexicons: Lexicons;
  locator: AreaLocator;
  limiter: HostLimiter;
  authorKey: Buffer;
  userAgent: string;
  now?: () => Date;
  signal?: AbortSignal;
  /** Called after each source finishes, for a progress line. */
  onSourceDone?: (report: SourceReport, done: number, total: number) => void;
}

/** The outcome of one source in one run. */
export interface SourceReport {
  sourceId: string;
  /** 'not-due': adaptive polling skipped this scheduled tick (nothing new lately). */
  status: 'ok' | 'not-modified' | 'failed' | 'skipped' | 'not-due';
  httpStatus: number | null;
  items: number;
  unmapped: number;
  stored: StoreOutcome | null;
  error: string | null;
}

/**
 * Collects every enabled source of the pipelines once: collect → map → score → locate → store.
 * A failing source is recorded with its error and the others go on; the run itself only fails on a
 * broken database.
 */
export async function runOnce(pipelines: LoadedPipeline[], context: RunContext): Promise<SourceReport[]> {
  const sources = interleaveByHost(
    pipelines.flatMap((pipeline) => pipeline.sources.map((source) => ({ source, allowPrivate: pipeline.config.allow_private_addresses }))),
  );
  const stopped = await disabledSources(context.db);
  const states = await getCollectorStates(context.db, sources.map(({ source }) => source.id));
  const queue = new PQueue({ concurrency: SOURCE_CONCURRENCY });
  const reports: SourceReport[] = [];
  let done = 0;
  const total = sources.length;
  await Promise.all(
    sources.map(({ source, allowPrivate }) =>
      queue.add(async () => {
        const report = await runSource(source, allowPrivate, stopped.get(source.id) ?? null, context, null, states.get(source.id));
        reports.push(report);
        done += 1;
        context.onSourceDone?.(report, done, total);
      }),
    ),
  );
  return reports.sort((a, b) => a.sourceId.localeCompare(b.sourceId));
}

/**
 * Collects, scores, locates and stores one source; never throws for the source's own failures. `poll`:
 * the adaptive polling bounds of a scheduled source; absent for --once runs, which poll every source.
 */
export async function runSource(
  source: ResolvedSource,
  allowPrivateAddresses: boolean,
  stoppedReason: string | null,
  context: RunContext,
  poll: PollBounds | null = null,
  /** The state read for the whole run by runOnce; read here when absent. */
  knownState?: CollectorStateRow,
): Promise<SourceReport> {
  const now = context.now?.() ?? new Date();
  const report: SourceReport = {
    sourceId: source.id,
    status: 'skipped',
    httpStatus: null,
    items: 0,
    unmapped: 0,
    stored: null,
    error: null,
  };
  if (!source.enabled) return { ...report, error: 'disabled in the pipeline file' };
  if (stoppedReason) return { ...report, error: `stopped: ${stoppedReason} (run "wijkradar sources enable ${source.id}")` };
  const state = knownState ?? (await getCollectorState(context.db, source.id));
  if (context.signal?.aborted) return { ...report, error: 'the run was stopped before this source started' };
  if (poll && !isDue(state.lastAttemptAt ?? null, state.pollIntervalSeconds, now)) return { ...report, status: 'not-due' };
  if (state.notBefore && Date.parse(state.notBefore) > now.getTime()) {
    return { ...report, error: `waiting until ${state.notBefore} (the host asked us to slow down, or earlier failures)` };
  }
  const startedAt = now.toISOString();
  const spec = collectorSpecFor(source.type);
  const url = source.location.kind === 'http' ? source.location.url : source.location.path;
  let result: CollectResult;
  try {
    const collector = spec.create(source, spec.configSchema.parse(source));
    result = await collector.collect({
      state: { etag: state.etag, lastModified: state.lastModified },
      limiter: context.limiter,
      userAgent: context.userAgent,
      allowPrivateAddresses,
      authorKey: context.authorKey,
      now,
      signal: context.signal,
    });
  } catch (error) {
    return recordFailure(source, url, startedAt, error, state, context, report);
  }

  let stored: StoreOutcome;
  try {
    const ready: ReadyPost[] = [];
    for (const draft of result.posts) {
      const score = scorePost(draft.text, context.lexicons, { langHint: draft.langHint });
      ready.push({ draft, score, areas: context.locator.locate(draft, source) });
    }
    const finishedAt = (context.now?.() ?? new Date()).toISOString();
    const storing = storeBatch(
      context.db,
      ready,
      {
        sourceId: source.id,
        url: result.url,
        startedAt,
        finishedAt,
        httpStatus: result.status,
        notModified: result.notModified,
        bytes: result.bytes,
        items: result.itemsSeen,
        error: null,
      },
      { etag: result.state.etag, lastModified: result.state.lastModified, notBefore: null, pollIntervalSeconds: state.pollIntervalSeconds },
      finishedAt,
      poll,
    );
    // The store worker has its own copy of the posts now. Kept until the commit, these would outlive a
    // few young-generation collections and be copied into the old one (in the ingest bench they doubled
    // what survived them). The main thread's own writer keeps references until it commits: no worse.
    ready.length = 0;
    result.posts.length = 0;
    stored = await storing;
  } catch (error) {
    // A bug or a database problem while storing one source is that source's failure; the others go on.
    return recordFailure(source, url, startedAt, error, state, context, report);
  }
  return {
    ...report,
    status: result.notModified ? 'not-modified' : 'ok',
    httpStatus: result.status,
    items: result.itemsSeen,
    unmapped: result.unmapped.length,
    stored,
  };
}

async function recordFailure(
  source: ResolvedSource,
  url: string,
  startedAt: string,
  error: unknown,
  state: CollectorStateRow,
  context: RunContext,
  report: SourceReport,
): Promise<SourceReport> {
  const failure = error as { message?: string; status?: number; retryAfterMs?: number | null };
  const message = failure?.message ?? String(error);
  const httpStatus = typeof failure?.status === 'number' ? failure.status : null;
  const finished = context.now?.() ?? new Date();
  const failures = (await consecutiveFailures(context.db, source.id)) + 1;
  // Retry-After wins; otherwise back off exponentially (with jitter) from one poll interval.
  const waitMs = failure?.retryAfterMs ?? (failures >= 2 ? backoffDelay(failures - 1, 60_000, 6 * 3600_000) : 0);
  const finishedAt = finished.toISOString();
  await storeFailure(
    context.db,
    { sourceId: source.id, url, startedAt, finishedAt, httpStatus, notModified: false, bytes: 0, items: 0, newItems: 0, error: message },
    { ...state, notBefore: waitMs > 0 ? new Date(finished.getTime() + waitMs).toISOString() : null },
    finishedAt,
  );
  return { ...report, status: 'failed', httpStatus, error: message };
}

/**
 * Orders sources round-robin by host, so the concurrency slots spread over many hosts instead of queueing
 * behind one host's politeness interval (20 feeds of one site listed together would otherwise hold every slot).
 */
export function interleaveByHost<T extends { source: ResolvedSource }>(items: T[]): T[] {
  const byHost = new Map<string, T[]>();
  for (const item of items) {
    const host = item.source.location.kind === 'http' ? new URL(item.source.location.url).host : '(file)';
    const list = byHost.get(host) ?? [];
    list.push(item);
    byHost.set(host, list);
  }
  const queues = [...byHost.values()];
  const out: T[] = [];
  for (let round = 0; out.length < items.length; round++) {
    for (const queue of queues) if (round < queue.length) out.push(queue[round]!);
  }
  return out;
}
