import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { UserError } from '../errors/user-error.js';

/** Raised when the database file cannot be opened or migrated. */
export class DatabaseError extends UserError {
  override name = 'DatabaseError';
}

/**
 * Opens (creating if needed) the SQLite file with WAL, a busy timeout, NORMAL sync and foreign keys:
 * the settings of every connection wijkradar makes (the main one and the store worker's).
 */
export function openSqlite(file: string): SQLite.Database {
  try {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    return sqlite;
  } catch (error) {
    throw new DatabaseError(
      `Cannot open the database at ${file} (${(error as Error).message}); check the path and its permissions, or pass another with --db.`,
    );
  }
}
