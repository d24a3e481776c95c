import type { Kysely, Transaction } from 'kysely';
import type { Database, UsersTable } from './database-schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Stores a user with the hash of their token; fails when the name is taken. */
export async function insertUser(db: Db, user: { name: string; role: UsersTable['role']; tokenHash: string; createdAt: string }) {
  await db
    .insertInto('users')
    .values({ name: user.name, role: user.role, token_hash: user.tokenHash, created_at: user.createdAt })
    .execute();
}

/** The active (not revoked) user with this token hash, if any. */
export async function findUserByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/** Every user (never the token hashes). */
export async function listUsers(db: Db) {
  return db.selectFrom('users').select(['id', 'name', 'role', 'created_at', 'revoked_at']).orderBy('name').execute();
}

/** Revokes a user's token; false when there is no such active user. */
export async function revokeUser(db: Db, name: string, at: string): Promise<boolean> {
  const result = await db.updateTable('users').set({ revoked_at: at }).where('name', '=', name).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
