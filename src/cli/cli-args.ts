import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { UserError } from '../errors/user-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  db: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/** Parses a command's arguments strictly; unknown flags become a UserError that shows the usage. */
export function parseCommandArgs<const O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`${(error as Error).message.replace(/\.$/, '')}.\nUsage: ${usage}`);
  }
}

/** Parses a relative period like 7d, 12h, 4w into milliseconds; or an ISO date. Returns an ISO instant. */
export function parseSince(value: string | undefined, now = new Date()): string | undefined {
  if (!value) return undefined;
  const relative = /^(\d+)\s*([hdw])$/.exec(value.trim());
  if (relative) {
    const unit = { h: 3600_000, d: 86_400_000, w: 7 * 86_400_000 }[relative[2] as 'h' | 'd' | 'w'];
    return new Date(now.getTime() - Number(relative[1]) * unit).toISOString();
  }
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new UserError(`"${value}" is not a period or date; write e.g. 7d, 12h, 4w or 2026-11-01.`);
  return new Date(time).toISOString();
}

/** Parses a positive integer flag. */
export function parsePositiveInt(value: string | undefined, flag: string, fallback: number, max = 1_000_000): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > max) {
    throw new UserError(`--${flag} must be a whole number from 0 to ${max}, not "${value}".`);
  }
  return number;
}
