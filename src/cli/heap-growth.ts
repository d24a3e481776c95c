import v8 from 'node:v8';

/**
 * By default V8 lets the heap grow to several times the live data before a full collection. Ingest makes
 * much short-lived garbage over live data of about 60 MB, so a run peaked at ~440 MB RSS; growing by 1.5×
 * keeps it near 280 MB at the same speed (bench/collection-run.mjs, 100,000 posts). Only GC scheduling
 * changes, never what the code computes.
 */
export function limitHeapGrowth(): void {
  v8.setFlagsFromString('--heap-growing-percent=50');
}
