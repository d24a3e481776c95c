import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { formatAlertSentence, renderDigestHtml, renderDigestMarkdown, topicLabelNl } from '../alerts/index.js';
import type { DigestAlert } from '../alerts/index.js';
import type { SubscriptionConfig } from '../config/pipeline-schema.js';
import { deliveredAlertIds, upsertDelivery } from '../db/alert.repository.js';
import { listAreas } from '../db/area.repository.js';
import type { AreaRow } from '../db/area.repository.js';
import type { Database } from '../db/database-schema.js';
import { localDay } from '../db/rollup-buckets.js';
import { postJson } from '../fetch/post-json.js';
import type { ComputedAlert } from './compute-alerts.js';

/** How a webhook is retried: attempts and the first delay, doubling with jitter. */
export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
  timeoutMs: number;
}

const DEFAULT_RETRY: RetryPolicy = { attempts: 5, firstDelayMs: 2000, timeoutMs: 10_000 };

/** True when a subscription wants this alert: its topic, and its area or an area above it. */
export function subscriptionMatches(subscription: SubscriptionConfig, alert: { area: string; topic: string }, areas: Map<string, AreaRow>): boolean {
  if (subscription.topics !== 'all' && !subscription.topics.includes(alert.topic)) return false;
  if (subscription.areas === 'all') return true;
  for (let code: string | null = alert.area, hops = 0; code && hops < 6; hops++) {
    if (subscription.areas.includes(code)) return true;
    code = areas.get(code)?.parentCode ?? null;
  }
  return false;
}

/** The form the digest renderers and the sentence formatter take. */
export function toDigestAlert(alert: ComputedAlert): DigestAlert {
  return {
    ...alert,
    area_name: alert.area_name ?? undefined,
    top_terms: alert.top_terms.map((t) => t.term),
    examples: alert.examples.map((e) => ({ id: String(e.id), title: e.title, text: e.text, url: e.url, published: e.published, matches: e.matched })),
  };
}

/** The JSON a webhook receives for one alert. */
export function webhookPayload(alert: ComputedAlert) {
  const areaName = alert.area_name ?? alert.area;
  return {
    type: 'wijkradar.alert',
    id: alert.id,
    sentence: formatAlertSentence(toDigestAlert(alert), areaName, topicLabelNl(alert.topic)),
    area: alert.area,
    area_name: alert.area_name,
    topic: alert.topic,
    granularity: alert.granularity,
    window_start: alert.window_start,
    window_end: alert.window_end,
    observed: alert.observed,
    expected: alert.expected,
    threshold: alert.threshold,
    method: alert.method,
    p_value: alert.p_value ?? null,
    settings: alert.settings,
    top_terms: alert.top_terms,
    examples: alert.examples.map(({ id, title, matched }) => ({ id, title, matched })),
  };
}

/**
 * Sends alerts to realtime webhook subscriptions, retrying with exponential backoff and jitter; the outcome
 * is recorded per alert and target, and an alert already delivered to a target is not sent again. Never throws.
 */
export async function deliverWebhooks(
  db: Kysely<Database>,
  subscriptions: SubscriptionConfig[],
  alerts: ComputedAlert[],
  options: { allowPrivateAddresses: boolean; userAgent: string; retry?: Partial<RetryPolicy>; sleep?: (ms: number) => Promise<void> },
): Promise<{ delivered: number; failed: number }> {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const areas = new Map((await listAreas(db)).map((area) => [area.code, area]));
  let delivered = 0;
  let failed = 0;
  for (const subscription of subscriptions) {
    if (subscription.mode !== 'realtime' || !subscription.webhook) continue;
    const target = subscription.webhook;
    const done = await deliveredAlertIds(db, 'webhook', target);
    for (const alert of alerts) {
      if (done.has(alert.id) || !subscriptionMatches(subscription, alert, areas)) continue;
      let lastError: string | null = null;
      let ok = false;
      let attempt = 0;
      for (attempt = 1; attempt <= retry.attempts && !ok; attempt++) {
        try {
          await postJson(target, webhookPayload(alert), {
            timeoutMs: retry.timeoutMs,
            allowPrivateAddresses: options.allowPrivateAddresses,
            userAgent: options.userAgent,
          });
          ok = true;
        } catch (error) {
          lastError = (error as Error).message;
          if (attempt < retry.attempts) {
            const base = retry.firstDelayMs * 2 ** (attempt - 1);
            await sleep(base / 2 + Math.random() * (base / 2));
          }
        }
      }
      await upsertDelivery(db, {
        alertId: alert.id,
        channel: 'webhook',
        target,
        status: ok ? 'delivered' : 'failed',
        attempts: attempt - 1,
        lastError: ok ? null : lastError,
        at: new Date().toISOString(),
      });
      if (ok) delivered += 1;
      else failed += 1;
    }
  }
  return { delivered, failed };
}

/**
 * Writes the daily digest of each digest subscription as Markdown and HTML
 * (`<dir>/<name>-<YYYY-MM-DD>.md|.html`); returns the files written.
 */
export async function writeDigests(
  db: Kysely<Database>,
  subscriptions: SubscriptionConfig[],
  alerts: ComputedAlert[],
  now = new Date(),
): Promise<string[]> {
  const areas = new Map((await listAreas(db)).map((area) => [area.code, area]));
  const written: string[] = [];
  for (const subscription of subscriptions.filter((s) => s.mode === 'digest')) {
    const chosen = alerts.filter((alert) => subscriptionMatches(subscription, alert, areas)).map(toDigestAlert);
    const options = {
      title: `wijkradar — opkomende signalen (${subscription.name})`,
      generatedAt: now,
      areaNames: new Map([...areas.values()].map((area) => [area.code, area.name])),
    };
    mkdirSync(subscription.digest_dir, { recursive: true });
    const base = path.join(subscription.digest_dir, `${subscription.name}-${localDay(now.toISOString())}`);
    writeFileSync(`${base}.md`, renderDigestMarkdown(chosen, options));
    writeFileSync(`${base}.html`, renderDigestHtml(chosen, options));
    written.push(`${base}.md`, `${base}.html`);
  }
  return written;
}
