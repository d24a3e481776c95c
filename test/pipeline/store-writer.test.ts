import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { DatabaseError, openDatabase } from '../../src/db/open-database.js';
import { sqliteHandle } from '../../src/db/ingest-store.js';
import { upsertSources } from '../../src/db/source.repository.js';
import { storeBatch, storeFailure } from '../../src/pipeline/store-batch.js';
import type { ReadyPost } from '../../src/pipeline/store-batch.js';
import { startStoreWorker } from '../../src/pipeline/store-writer.js';

const NOW = '2026-11-27T12:00:00.000Z';
const STATE = { etag: null, lastModified: null, notBefore: null, pollIntervalSeconds: null };
const attempt = { sourceId: 'a', url: 'a.xml', startedAt: NOW, finishedAt: NOW, httpStatus: 200, notModified: false, bytes: 1, items: 1, error: null };

function post(id: string): ReadyPost {
  const text = `Bericht ${id} over de buurt`;
  return {
    draft: { sourceId: 'a', externalId: id, url: null, canonicalUrl: null, title: text, text, publishedAt: NOW, authorHash: null, langHint: null, lat: null, lon: null, dedupKey: null },
    score: { lang: 'nl', sentiment: null, topics: {}, matches: [], lexiconVersion: 'test@1' },
    areas: [],
  };
}

async function openWithSource(file: string) {
  const database = await openDatabase(file);
  await upsertSources(database.db, [{ id: 'a', pipeline: 't', type: 'feed', url: 'a.xml', enabled: true, areas: [], municipality: null }], NOW);
  return database;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-writer-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('store worker', () => {
  it('closing the database waits for the writes in flight', async () => {
    const file = path.join(dir, 'w.db');
    const database = await openWithSource(file);
    await startStoreWorker(database);
    const writes = Array.from({ length: 20 }, (_, i) => storeBatch(database.db, [post(`p${i}`)], attempt, STATE, NOW));
    await database.close();
    await expect(Promise.all(writes)).resolves.toHaveLength(20);
    const reopened = await openDatabase(file);
    const { n } = await reopened.db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await reopened.close();
    expect(Number(n)).toBe(20);
  });

  it('refuses writes after the database is closed, with a clear error', async () => {
    const database = await openWithSource(path.join(dir, 'c.db'));
    await startStoreWorker(database);
    await storeFailure(database.db, { ...attempt, newItems: 0, error: 'HTTP 500' }, STATE, NOW);
    await database.close();
    await expect(storeBatch(database.db, [post('late')], attempt, STATE, NOW)).rejects.toThrow(/closed/);
  });

  it('a worker that cannot open the database fails the start with a DatabaseError', async () => {
    const database = await openWithSource(path.join(dir, 'ok.db'));
    const notADirectory = path.join(dir, 'plain-file');
    writeFileSync(notADirectory, '');
    const start = startStoreWorker({ ...database, path: path.join(notADirectory, 'x.db') });
    await expect(start).rejects.toBeInstanceOf(DatabaseError);
    await expect(start).rejects.toThrow(/Cannot open the database/);
    await expect(storeBatch(database.db, [post('x')], attempt, STATE, NOW)).rejects.toBeInstanceOf(DatabaseError);
    await database.close();
  });

  it('keeps writes on the main thread for an in-memory database (a second connection would see another one)', async () => {
    const database = await openWithSource(':memory:');
    await startStoreWorker(database);
    await expect(storeBatch(database.db, [post('m')], attempt, STATE, NOW)).resolves.toMatchObject({ inserted: 1 });
    const rows = await database.db.selectFrom('posts').select('external_id').execute();
    await database.close();
    expect(rows).toEqual([{ external_id: 'm' }]);
  });

  it('closing an in-memory database commits the writes still waiting for their group', async () => {
    const database = await openWithSource(':memory:');
    const write = storeBatch(database.db, [post('w')], attempt, STATE, NOW);
    await database.close();
    await expect(write).resolves.toMatchObject({ inserted: 1 });
  });

  it('checkpoints on a thread of its own: the database file has the posts while the database is still open', async () => {
    const file = path.join(dir, 'k.db');
    const database = await openWithSource(file);
    await startStoreWorker(database);
    // The main connection leaves checkpoints to that thread too (its own writes would run them on the event loop).
    expect(sqliteHandle(database.db).pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    for (let i = 0; i < 10; i++) await storeBatch(database.db, [post(`k${i}a`), post(`k${i}b`)], attempt, STATE, NOW);
    // Far fewer than the writer's own checkpoint threshold: only the checkpoint thread copies them over.
    await expect.poll(() => postsInFileAlone(file), { timeout: 5_000 }).toBe(20);
    await database.close();
  });

  it('keeps the WAL small: once it holds walRestartPages, the writer completes a checkpoint and it starts over', async () => {
    const walAfter = async (name: string, pinned: boolean) => {
      const file = path.join(dir, `${name}.db`);
      const database = await openWithSource(file);
      sqliteHandle(database.db).pragma('wal_checkpoint(TRUNCATE)'); // from an empty WAL, not the migrations'
      await startStoreWorker(database, { walRestartPages: 16 });
      // Once the first commit is in the file, the checkpoint thread is up (it starts slowly under tsx).
      await storeBatch(database.db, [post('first')], attempt, STATE, NOW);
      await expect.poll(() => postsInFileAlone(file), { timeout: 5_000 }).toBe(1);
      // A reader that keeps its snapshot stops any checkpoint from completing: the WAL then keeps every commit.
      const reader = new SQLite(file, { readonly: true });
      if (pinned) {
        reader.exec('BEGIN');
        reader.prepare('SELECT count(*) FROM posts').get();
      }
      // Four writes in flight keep the writer busy, as in a run: it begins a transaction right after each
      // commit, so SQLite alone seldom starts the WAL over (it does when the writer pauses).
      let next = 0;
      const writeOn = async (): Promise<void> => {
        for (let i = next++; i < 400; i = next++) await storeBatch(database.db, [post(`w${i}a`), post(`w${i}b`)], attempt, STATE, NOW);
      };
      await Promise.all([writeOn(), writeOn(), writeOn(), writeOn()]);
      const bytes = statSync(`${file}-wal`).size;
      if (pinned) reader.exec('COMMIT');
      reader.close();
      await database.close();
      return bytes;
    };
    const everyCommit = await walAfter('pinned', true);
    const restarting = await walAfter('free', false);
    expect(restarting).toBeLessThan(everyCommit / 5);
  });
});

/** Posts in a copy of the database file without its WAL: what checkpoints have copied into the file. */
function postsInFileAlone(file: string): number {
  const copy = `${file}.copy`;
  rmSync(`${copy}-wal`, { force: true });
  copyFileSync(file, copy);
  const sqlite = new SQLite(copy, { readonly: true });
  try {
    return (sqlite.prepare('SELECT count(*) FROM posts').pluck().get() as number) ?? 0;
  } catch {
    return -1; // caught mid-checkpoint; poll again
  } finally {
    sqlite.close();
  }
}
