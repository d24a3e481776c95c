import { z } from 'zod';
import { localDay, shiftDay } from '../db/rollup-buckets.js';
import { InvalidRequestError } from './api-errors.js';

/** Longer query strings are refused before parsing (no filter needs more). */
export const MAX_QUERY_LENGTH = 2048;
/** The most rows one list request returns. */
export const MAX_LIMIT = 1000;
/** Day ranges longer than this are refused, so one request cannot make the server build huge series. */
export const MAX_RANGE_DAYS = 3 * 366;

/** A time as the user wrote it: relative to now (7d, 12h, 4w), a local calendar day, or an exact instant. */
export type TimeValue = { kind: 'relative'; ms: number } | { kind: 'day'; day: string } | { kind: 'instant'; iso: string };

const UNIT_MS = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

function timeParam(name: string) {
  const hint = `${name} must be a period like 7d, 12h or 4w, a date like 2026-11-01, or an ISO time like 2026-11-01T08:00:00Z.`;
  return z
    .string()
    .max(40, { error: hint })
    .transform((value, ctx): TimeValue => {
      const relative = /^(\d{1,4})([hdw])$/.exec(value);
      if (relative) return { kind: 'relative', ms: Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS] };
      if (/^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDay(value)) return { kind: 'day', day: value };
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
        const time = Date.parse(value);
        if (!Number.isNaN(time) && inSaneYears(time)) return { kind: 'instant', iso: new Date(time).toISOString() };
      }
      ctx.addIssue({ code: 'custom', message: hint });
      return z.NEVER;
    });
}

function dayParam(name: string) {
  const hint = `${name} must be a date like 2026-11-27.`;
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: hint })
    .refine(isRealDay, { error: hint });
}

function intParam(name: string, min: number, max: number) {
  const hint = `${name} must be a whole number from ${min} to ${max}.`;
  return z
    .string()
    .regex(/^\d{1,9}$/, { error: hint })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: hint });
}

/** Area codes as CBS writes them (GM0363, WK036300, BU03630000) or as a pipeline file names them. */
export const areaCode = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, {
  error: 'area must be an area code such as GM0363, WK036300 or BU03630000 (letters, digits, - or _, at most 32).',
});
/** Topic slugs are lower-case words joined by underscores (cybercrime, subversive_crime). */
export const topicSlug = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, {
  error: 'topic must be a topic slug such as cybercrime or subversive_crime (lower-case letters, digits and _).',
});
const level = z.enum(['gemeente', 'wijk', 'buurt'], { error: 'level must be gemeente, wijk or buurt.' });
const format = z.enum(['json', 'csv'], { error: 'format must be json or csv.' });
const paging = (defaultLimit: number) => ({
  limit: intParam('limit', 1, MAX_LIMIT).default(defaultLimit),
  offset: intParam('offset', 0, 1_000_000).default(0),
  format: format.default('json'),
});

/** `GET /api/areas`. */
export const areasQuery = z.strictObject({ level: level.optional(), until: dayParam('until').optional(), ...paging(MAX_LIMIT) });
/** `GET /api/areas/:code/trend`. */
export const trendQuery = z.strictObject({
  topic: topicSlug.optional(),
  by: z.enum(['day', 'week'], { error: 'by must be day or week.' }).default('day'),
  since: timeParam('since').optional(),
  until: dayParam('until').optional(),
  format: format.default('json'),
});
/** `GET /api/topics`. */
export const topicsQuery = z.strictObject({
  area: areaCode.optional(),
  since: timeParam('since').optional(),
  until: dayParam('until').optional(),
  ...paging(100),
});
/** `GET /api/posts`: no author filter exists, by design. */
export const postsQuery = z.strictObject({
  area: areaCode.optional(),
  topic: topicSlug.optional(),
  since: timeParam('since').optional(),
  until: timeParam('until').optional(),
  q: z.string().trim().min(1, { error: 'q must hold at least one word.' }).max(200, { error: 'q must be at most 200 characters.' }).optional(),
  duplicates: z.enum(['true', 'false'], { error: 'duplicates must be true or false.' }).default('false'),
  ...paging(50),
});
/** `GET /api/alerts`. */
export const alertsQuery = z.strictObject({
  area: areaCode.optional(),
  topic: topicSlug.optional(),
  since: timeParam('since').optional(),
  ...paging(100),
});
/** `GET /api/sources` and other plain lists. */
export const listQuery = z.strictObject({ ...paging(MAX_LIMIT) });
/** `GET /api/audit`. */
export const auditQuery = z.strictObject({ since: timeParam('since').optional(), ...paging(100) });
/** `GET /api/geo/areas`. */
export const geoQuery = z.strictObject({ level: level.optional(), format: format.default('json') });
/** `GET /api/me` and `GET /api/status` take nothing. */
export const noQuery = z.strictObject({});
/** `POST /api/alerts/:id/feedback`. */
export const feedbackBody = z.strictObject({
  verdict: z.enum(['useful', 'noise'], { error: 'verdict must be "useful" or "noise".' }),
});

/**
 * Reads the query string of `url` into `schema`: refuses over-long strings, repeated and unknown
 * parameters, and values the schema rejects, each with a sentence saying what to send instead.
 */
export function parseQuery<S extends z.ZodType>(url: string, schema: S): z.output<S> {
  const question = url.indexOf('?');
  const raw = question === -1 ? '' : url.slice(question + 1);
  if (raw.length > MAX_QUERY_LENGTH) {
    throw new InvalidRequestError(`The query string is longer than ${MAX_QUERY_LENGTH} characters; narrow the request down.`);
  }
  const values: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (Object.hasOwn(values, key)) throw new InvalidRequestError(`The parameter "${key}" appears more than once; send it once.`);
    values[key] = value;
  }
  return parseWith(schema, values, 'parameter');
}

/** Validates a JSON body (already parsed) against `schema`. */
export function parseBody<S extends z.ZodType>(body: unknown, schema: S): z.output<S> {
  return parseWith(schema, body, 'field');
}

function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: 'parameter' | 'field'): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
    const takes = allowed.length ? `this endpoint takes ${allowed.join(', ')}` : `this endpoint takes no ${what}s`;
    throw new InvalidRequestError(`Unknown ${what} "${issue.keys[0]}"; ${takes}.`);
  }
  if (issue.code === 'invalid_type' && issue.path.length === 0) {
    throw new InvalidRequestError('Send a JSON object as the request body.');
  }
  const message = issue.message.endsWith('.') ? issue.message : `${String(issue.path[0] ?? what)} is not usable: ${issue.message}.`;
  // Our messages start with the parameter's name; make them read as a sentence.
  throw new InvalidRequestError(/^[a-z]/.test(message) ? `The ${what} ${message}` : message);
}

/** The instant a time value stands for; a day means its start in Europe/Amsterdam. */
export function toInstant(value: TimeValue, now: Date): string {
  if (value.kind === 'instant') return value.iso;
  if (value.kind === 'relative') return new Date(now.getTime() - value.ms).toISOString();
  return amsterdamMidnight(value.day);
}

/** The local (Europe/Amsterdam) day a time value falls on. */
export function toDay(value: TimeValue, now: Date): string {
  if (value.kind === 'day') return value.day;
  return localDay(toInstant(value, now));
}

/** The instant just after a value read as an inclusive upper bound (a day ends at the next local midnight). */
export function toEndInstant(value: TimeValue, now: Date): string {
  return value.kind === 'day' ? amsterdamMidnight(shiftDay(value.day, 1)) : toInstant(value, now);
}

/** Refuses day ranges that run backwards or span more than {@link MAX_RANGE_DAYS}. */
export function checkDayRange(fromDay: string, toDay: string): void {
  const days = (Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / 86_400_000;
  if (days < 0) throw new InvalidRequestError(`The start of the period (since, ${fromDay}) lies after its end (until, ${toDay}); swap them.`);
  if (days > MAX_RANGE_DAYS) throw new InvalidRequestError(`The period spans more than ${MAX_RANGE_DAYS} days; ask for a shorter one.`);
}

/** The UTC instant of 00:00 Europe/Amsterdam on a day (the offset is +01:00 or +02:00). */
export function amsterdamMidnight(day: string): string {
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(Date.parse(`${day}T00:00:00Z`) - offsetHours * 3_600_000);
    if (localDay(candidate.toISOString()) === day && localDay(new Date(candidate.getTime() - 1).toISOString()) !== day) {
      return candidate.toISOString();
    }
  }
  return `${day}T00:00:00.000Z`;
}

function isRealDay(day: string): boolean {
  const time = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === day && inSaneYears(time);
}

function inSaneYears(time: number): boolean {
  const year = new Date(time).getUTCFullYear();
  return year >= 1990 && year <= 2100;
}
