import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, UsersTable } from '../db/database-schema.js';
import { appendAudit, listAudit } from '../db/audit.repository.js';
import { findUserByTokenHash, insertUser, listUsers, revokeUser } from '../db/user.repository.js';
import { UserError } from '../errors/user-error.js';

/** Roles, each seeing more than the one before: viewer (aggregates, trends, alerts) < analyst (post text) < admin. */
export type Role = UsersTable['role'];
export const ROLES: readonly Role[] = ['viewer', 'analyst', 'admin'];

/** An authenticated API user. */
export interface ApiUser {
  name: string;
  role: Role;
}

/** True when `role` may do what `needed` may. */
export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates a user and returns the new token; only its hash is stored, so it is shown once. */
export async function createUser(db: Kysely<Database>, name: string, role: string, now = new Date()): Promise<string> {
  if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(name)) {
    throw new UserError(`"${name}" is not a usable name; use letters, digits, . _ @ or - (at most 64).`);
  }
  if (!ROLES.includes(role as Role)) throw new UserError(`--role must be viewer, analyst or admin, not "${role}".`);
  const token = `wr_${randomBytes(24).toString('base64url')}`;
  try {
    await insertUser(db, { name, role: role as Role, tokenHash: hashToken(token), createdAt: now.toISOString() });
  } catch (error) {
    if (/UNIQUE/.test((error as Error).message)) throw new UserError(`A user named "${name}" exists already; pick another name or revoke the old one.`);
    throw error;
  }
  return token;
}

/** The user a bearer token belongs to, or null. */
export async function authenticate(db: Kysely<Database>, token: string): Promise<ApiUser | null> {
  if (!/^wr_[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const user = await findUserByTokenHash(db, hashToken(token));
  return user ? { name: user.name, role: user.role } : null;
}

/** Every user, without token hashes. */
export function users(db: Kysely<Database>) {
  return listUsers(db);
}

/** Revokes a user's token. */
export async function revoke(db: Kysely<Database>, name: string, now = new Date()): Promise<void> {
  if (!(await revokeUser(db, name, now.toISOString()))) throw new UserError(`There is no active user "${name}".`);
}

/** Records that a user read post text (who, when, what query, how many rows). */
export function auditRead(db: Kysely<Database>, user: ApiUser, action: string, query: Record<string, unknown>, rows: number, now = new Date()) {
  return appendAudit(db, { at: now.toISOString(), userName: user.name, role: user.role, action, query, rows });
}

/** The audit log, newest first. */
export function auditLog(db: Kysely<Database>, options: { sinceIso?: string; limit?: number; offset?: number } = {}) {
  return listAudit(db, { sinceIso: options.sinceIso, limit: options.limit ?? 100, offset: options.offset ?? 0 });
}
