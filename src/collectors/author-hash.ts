import { createHmac } from 'node:crypto';

/**
 * Pseudonymises an author: HMAC-SHA256 of the trimmed, lower-cased name with a key kept outside the
 * database, so the same author gets the same hash within one deployment and cannot be looked up.
 * Returns null for an empty author.
 */
export function hashAuthor(author: string | null | undefined, key: Buffer): string | null {
  const normalised = author?.normalize('NFC').trim().toLowerCase();
  if (!normalised) return null;
  return createHmac('sha256', key).update(normalised).digest('hex');
}
