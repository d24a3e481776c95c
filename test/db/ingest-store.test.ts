import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { IngestStatements } from '../../src/db/ingest-store.js';
import { openDatabase } from '../../src/db/open-database.js';
import { openSqlite } from '../../src/db/open-sqlite.js';
import { upsertSources } from '../../src/db/source.repository.js';

const NOW = '2026-11-27T12:00:00.000Z';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-ingest-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// The store worker and the main thread each have a connection. A deferred transaction that reads
// first and then writes fails at once (SQLITE_BUSY_SNAPSHOT, no busy timeout) when the other
// connection commits in between; an immediate one holds the write lock from its start instead.
it('a store transaction holds the write lock from its start, so reading first never loses a race', async () => {
  const file = path.join(dir, 'lock.db');
  const database = await openDatabase(file);
  await upsertSources(database.db, [{ id: 'a', pipeline: 't', type: 'feed', url: 'a.xml', enabled: true, areas: [], municipality: null }], NOW);
  await database.close();
  const writer = openSqlite(file);
  const other = openSqlite(file);
  other.pragma('busy_timeout = 0');
  const store = new IngestStatements(writer);
  try {
    store.transaction(() => {
      expect(store.hasExternalId('a', 'x')).toBe(false);
      expect(() => other.prepare('UPDATE sources SET next_run_at = ? WHERE id = ?').run(NOW, 'a')).toThrow(/locked|busy/i);
      store.saveCollectorState('a', { etag: '"e"', lastModified: null, notBefore: null, pollIntervalSeconds: null }, NOW);
    });
    expect(other.prepare('SELECT etag FROM collector_state WHERE source_id = ?').pluck().get('a')).toBe('"e"');
  } finally {
    writer.close();
    other.close();
  }
});
