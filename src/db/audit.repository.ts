import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database-schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** One read of post text: who, when, what. */
export interface AuditEntry {
  at: string;
  userName: string;
  role: string;
  action: string;
  query: Record<string, unknown>;
  rows: number;
}

/** Appends to the audit log. */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ at: entry.at, user_name: entry.userName, role: entry.role, action: entry.action, query: JSON.stringify(entry.query), rows: entry.rows })
    .execute();
}

/** Audit entries, newest first. */
export async function listAudit(db: Db, options: { sinceIso?: string; limit: number; offset: number }) {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset);
  if (options.sinceIso) query = query.where('at', '>=', options.sinceIso);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, query: JSON.parse(row.query) as Record<string, unknown> }));
}
