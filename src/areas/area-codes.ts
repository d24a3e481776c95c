import type { AreaLevel } from './area-types.js';

/** CBS code patterns per level: GM0363, WK036300 / WK0363AD, BU03630000 / BU0363AD05. */
export const AREA_CODE_PATTERN: Readonly<Record<AreaLevel, RegExp>> = {
  gemeente: /^GM\d{4}$/,
  wijk: /^WK\d{4}[0-9A-Z]{2}$/,
  buurt: /^BU\d{4}[0-9A-Z]{4}$/,
};

const PREFIX_LEVEL: Readonly<Record<string, AreaLevel>> = { GM: 'gemeente', WK: 'wijk', BU: 'buurt' };
const LEVEL_PREFIX: Readonly<Record<AreaLevel, string>> = { gemeente: 'GM', wijk: 'WK', buurt: 'BU' };
const LEVEL_DIGITS: Readonly<Record<AreaLevel, number>> = { gemeente: 4, wijk: 6, buurt: 8 };

/** Rank of a level: gemeente 0, wijk 1, buurt 2 (higher is more specific). */
export const LEVEL_RANK: Readonly<Record<AreaLevel, number>> = { gemeente: 0, wijk: 1, buurt: 2 };

/** The level of a valid CBS code, or null when the code is not one. */
export function levelOfCode(code: string): AreaLevel | null {
  const level = PREFIX_LEVEL[code.slice(0, 2)];
  return level && AREA_CODE_PATTERN[level].test(code) ? level : null;
}

/** True when `code` is a valid CBS code of `level`. */
export function isAreaCode(code: string, level: AreaLevel): boolean {
  return AREA_CODE_PATTERN[level].test(code);
}

/**
 * The parent code derived from the code itself: BU0363AD05 → WK0363AD, BU03630000 → WK036300,
 * WK0363AD → GM0363; null for a gemeente or an invalid code.
 */
export function parentCodeOf(code: string): string | null {
  const level = levelOfCode(code);
  if (level === 'buurt') return `WK${code.slice(2, 8)}`;
  if (level === 'wijk') return `GM${code.slice(2, 6)}`;
  return null;
}

/** The gemeente code inside any valid CBS code (GM + its 4 digits), or null. */
export function gemeenteCodeOf(code: string): string | null {
  return levelOfCode(code) ? `GM${code.slice(2, 6)}` : null;
}

/**
 * Normalises a code as files write it: trims, upper-cases and adds the level prefix to bare digits
 * ("0363" → "GM0363", "36300" as a wijk → "WK036300"). Returns the input upper-cased when it cannot help.
 */
export function normaliseAreaCode(value: unknown, level: AreaLevel): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim().toUpperCase();
  if (text === '') return null;
  if (/^\d+$/.test(text) && text.length <= LEVEL_DIGITS[level]) {
    return LEVEL_PREFIX[level] + text.padStart(LEVEL_DIGITS[level], '0');
  }
  return text;
}
