import type SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import type { MigrationProvider } from 'kysely';
import type { Database } from './database-schema.js';
import { migrations } from './migrations/index.js';
import { registerSqliteHandle } from './ingest-store.js';
import { DatabaseError, openSqlite } from './open-sqlite.js';

export { DatabaseError } from './open-sqlite.js';

/** The default database path, unless `--db` or WIJKRADAR_DB say otherwise. */
export const DEFAULT_DB_PATH = 'data/wijkradar.db';

/** An open, migrated database: kysely for queries, the raw handle for pragmas and closing. */
export interface OpenDatabase {
  db: Kysely<Database>;
  path: string;
  close(): Promise<void>;
}

/** Resolves the database path from a `--db` value, then WIJKRADAR_DB, then the default. */
export function resolveDbPath(flag?: string | null): string {
  return flag || process.env.WIJKRADAR_DB || DEFAULT_DB_PATH;
}

/**
 * Opens (creating if needed) the SQLite database at `file` with WAL and a busy timeout, and brings its
 * schema up to date. Use ':memory:' for a throwaway database.
 */
export async function openDatabase(file: string): Promise<OpenDatabase> {
  const sqlite = openSqlite(file);
  const cached = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
  registerSqliteHandle(db, cached);
  await migrateToLatest(db, file);
  return {
    db,
    path: file,
    close: async () => {
      for (const hook of closeHooks.get(db)?.splice(0) ?? []) await hook();
      await db.destroy();
    },
  };
}

const closeHooks = new WeakMap<Kysely<Database>, (() => Promise<void>)[]>();

/** Runs `hook` when the database is closed, before the connection goes (e.g. to stop a writer thread). */
export function onDatabaseClose(db: Kysely<Database>, hook: () => Promise<void>): void {
  let hooks = closeHooks.get(db);
  if (!hooks) closeHooks.set(db, (hooks = []));
  hooks.push(hook);
}

/** Applies every pending migration; throws a DatabaseError naming the migration that failed. */
export async function migrateToLatest(db: Kysely<Database>, file = 'the database'): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    await db.destroy();
    throw new DatabaseError(
      `Migrating ${file} failed${failed ? ` at ${failed}` : ''} (${(error as Error).message ?? String(error)}); the file may come from a newer wijkradar or be damaged: pass another --db.`,
    );
  }
}

/** Prepared statements kept per database handle; SQLite parsing of large multi-row inserts is costly. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query anew; this wraps the handle so the same SQL text reuses
 * its prepared statement (LRU). Safe because the driver runs one statement at a time and never keeps
 * an iterator open across queries.
 */
function withStatementCache(sqlite: SQLite.Database): SQLite.Database {
  const cache = new Map<string, SQLite.Statement>();
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') {
        return (source: string) => {
          let statement = cache.get(source);
          if (statement) {
            cache.delete(source);
          } else {
            statement = target.prepare(source);
            if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
          }
          cache.set(source, statement);
          return statement;
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
