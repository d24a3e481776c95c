/** Longest wait we take from a server: a Retry-After of a week is treated as this (one day). */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Parses a `Retry-After` header (delay in seconds, or an HTTP date) into milliseconds from `now`.
 * Returns undefined when the header is missing or unreadable; a date in the past gives 0.
 * @example parseRetryAfter('120') // 120000
 * @example parseRetryAfter('Wed, 21 Oct 2026 07:28:00 GMT', Date.parse('Wed, 21 Oct 2026 07:27:00 GMT')) // 60000
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // Only accept things that look like HTTP dates; Date.parse is lenient enough to read "1.5" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  // HTTP dates are always GMT; asctime() format omits the zone and would otherwise be read as local time.
  const at = Date.parse(/\b(?:GMT|UTC)\b|[+-]\d{4}$/i.test(text) ? text : `${text} GMT`);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}
