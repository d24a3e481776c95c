import { openDatabase } from '../../src/db/open-database.js';
import type { OpenDatabase } from '../../src/db/open-database.js';

/** A new, migrated in-memory database for one test. */
export function freshDatabase(): Promise<OpenDatabase> {
  return openDatabase(':memory:');
}
