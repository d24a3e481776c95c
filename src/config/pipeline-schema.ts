import { z } from 'zod';
import { validate as isValidCron } from 'node-cron';

/** CBS area code patterns: gemeente GM0363, wijk WK036300 / WK0363AD, buurt BU03630000 / BU0363AD05. */
export const AREA_CODE_PATTERNS = {
  gemeente: /^GM\d{4}$/,
  wijk: /^WK\d{4}[0-9A-Z]{2}$/,
  buurt: /^BU\d{4}[0-9A-Z]{4}$/,
} as const;

const ANY_AREA_CODE = /^(GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$/;

const areaCode = z
  .string()
  .regex(ANY_AREA_CODE, 'is not a CBS area code; write GM + 4 digits, WK + 6 or BU + 8 characters, e.g. WK036300');

const cronExpression = z
  .string()
  .refine((value) => isValidCron(value), {
    message: 'is not a valid cron expression; write five fields like "*/30 * * * *" (every 30 minutes)',
  });

const timezone = z.string().refine(isKnownTimezone, {
  message: 'is not a known IANA time zone; write e.g. Europe/Amsterdam',
});

const areaSchema = z.strictObject({
  code: areaCode,
  name: z.string().min(1, 'must not be empty; write the CBS name of the area'),
  level: z.enum(['gemeente', 'wijk', 'buurt'], { message: 'must be gemeente, wijk or buurt' }),
  parent: areaCode.optional(),
  municipality: z.string().min(1).optional(),
  aliases: z.array(z.string().min(1)).default([]),
  streets: z.array(z.string().min(1)).default([]),
  postcodes: z
    .array(z.string().regex(/^\d{4}(\s?[A-Z]{2})?$/, 'must be a PC4 (1012) or PC6 (1012 AB) postcode'))
    .default([]),
});

const sourceSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, - or _ (at most 64), e.g. wallen-nieuws'),
  type: z.literal('feed', { message: 'must be "feed" (the only collector type so far)' }),
  url: z.string().min(1, 'must be an http(s) URL or a local file path'),
  areas: z
    .union([z.literal('auto'), z.array(areaCode).min(1, 'must list at least one area code, or be "auto"')])
    .default('auto'),
  municipality: z.string().min(1).optional(),
  schedule: cronExpression.optional(),
  enabled: z.boolean().default(true),
  timeout_seconds: z.number().positive().max(300).default(20),
  max_bytes: z.number().int().positive().max(200_000_000).default(10_000_000),
});

const subscriptionSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, - or _, e.g. comms-zuidoost'),
  areas: z.union([z.literal('all'), z.array(areaCode).min(1)]).default('all'),
  topics: z.union([z.literal('all'), z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be a topic slug like cybercrime, or negative')).min(1)]).default('all'),
  mode: z.enum(['realtime', 'digest'], { message: 'must be realtime (each alert as it fires) or digest (once a day)' }).default('realtime'),
  webhook: z.string().url('must be an http(s) URL that accepts a JSON POST').optional(),
  digest_dir: z.string().min(1).default('data/digests'),
  digest_hour: z.number().int().min(0).max(23).default(8),
});

const alertsSchema = z.strictObject({
  alpha: z.number().gt(0).lt(0.5, 'must be a small probability such as 0.025').default(0.025),
  alpha_by_topic: z.record(z.string(), z.number().gt(0).lt(0.5)).default({}),
  min_count: z.number().int().min(1).default(3),
  cooldown_hours: z.number().positive().default(72),
  baseline: z.enum(['days', 'weekdays'], { message: 'must be days (previous 7 days) or weekdays (same weekday, 7 weeks)' }).default('days'),
  subscriptions: z.array(subscriptionSchema).default([]),
});

/** The zod schema of one pipeline file. Defaults live here, nowhere else. */
export const pipelineSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'must be a short name like "demo"'),
  timezone: timezone.default('Europe/Amsterdam'),
  schedule: cronExpression.default('*/30 * * * *'),
  retention_days: z.number().int().positive('must be a positive number of days, e.g. 180').default(180),
  allow_local_files: z.boolean().default(false),
  allow_private_addresses: z.boolean().default(false),
  user_agent_contact: z.string().url('must be a URL where site owners can reach you').optional(),
  per_host_concurrency: z.number().int().min(1).max(16).default(2),
  min_host_interval_seconds: z.number().min(0).max(3600).default(2),
  /** Adaptive polling: a source that brings little new is polled less often, up to this many minutes apart. */
  max_poll_interval_minutes: z.number().int().min(1).max(7 * 24 * 60).default(360),
  areas: z.array(areaSchema).default([]),
  sources: z.array(sourceSchema).min(1, 'must list at least one source'),
  // prefault: an absent section is parsed as {} so the inner defaults apply.
  alerts: alertsSchema.prefault({}),
});

export type PipelineConfig = z.output<typeof pipelineSchema>;
export type SourceConfig = PipelineConfig['sources'][number];
export type AlertsConfig = PipelineConfig['alerts'];
export type SubscriptionConfig = AlertsConfig['subscriptions'][number];

function isKnownTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
