import type { Migration } from 'kysely';
import * as initial from './2026-11-28T1400-initial.js';
import * as alertsAndAccess from './2026-11-28T1500-alerts-and-access.js';
import * as readIndexes from './2026-11-28T1600-read-indexes.js';
import * as ingestPath from './2026-11-28T1700-ingest-path.js';

/**
 * Every migration, in order, listed explicitly (no directory scanning, so the compiled and the tsx
 * builds behave the same). Landed migrations are never edited: add a new file instead.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-28T1400-initial': initial,
  '2026-11-28T1500-alerts-and-access': alertsAndAccess,
  '2026-11-28T1600-read-indexes': readIndexes,
  '2026-11-28T1700-ingest-path': ingestPath,
};
