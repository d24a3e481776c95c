import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors/user-error.js';

/**
 * The key for pseudonymising authors: WIJKRADAR_SECRET when set, else a key file (WIJKRADAR_KEY_FILE,
 * default `wijkradar.key` beside the database) created with 32 random bytes on first run. Never stored
 * in the database, so a copy of the database alone cannot link hashes to names.
 */
export function loadAuthorKey(dbPath: string): Buffer {
  const secret = process.env.WIJKRADAR_SECRET;
  if (secret) {
    if (secret.length < 16) {
      throw new UserError('WIJKRADAR_SECRET is shorter than 16 characters; set a long random value (e.g. openssl rand -hex 32).');
    }
    return Buffer.from(secret, 'utf8');
  }
  const dir = dbPath === ':memory:' ? 'data' : path.dirname(path.resolve(dbPath));
  const file = process.env.WIJKRADAR_KEY_FILE || path.join(dir, 'wijkradar.key');
  if (existsSync(file)) {
    const hex = readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/i.test(hex)) {
      throw new UserError(`The key file ${file} is damaged (expected 64 hex characters); restore it from backup, or delete it to start a new key (old author hashes then no longer match).`);
    }
    return Buffer.from(hex, 'hex');
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}
