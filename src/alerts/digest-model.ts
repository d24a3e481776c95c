import { AlertOptionsError } from './alert-errors.js';
import { countPostsNl, describeBaselineNl, formatAlertSentence } from './alert-sentence.js';
import type { DigestAlert } from './alert-sentence.js';
import { DISPLAY_TIME_ZONE, formatDateNl, formatDateTimeNl, formatNumberNl, formatProbabilityNl } from './dutch-format.js';
import { shortenText } from './text-escape.js';
import { topicLabelNl } from './topic-labels.js';

/** Options of the digest renderers. */
export interface DigestOptions {
  /** Heading of the digest (default "wijkradar — opkomende signalen"). */
  title?: string;
  /** When the digest was made; shown when given (the renderers never read the clock). */
  generatedAt?: string | Date;
  /** Area code → name, used when an alert has no area_name. */
  areaNames?: ReadonlyMap<string, string> | Readonly<Record<string, string>>;
  /** Topic slug → label, used when an alert has no topic_label (defaults: {@link TOPIC_LABELS_NL}). */
  topicLabels?: Readonly<Record<string, string>>;
  /** Examples shown per alert (default 3). */
  maxExamples?: number;
  /** Top terms listed per alert (default 5). */
  maxTerms?: number;
  /** Example texts are cut to this many characters (default 280). */
  maxExampleChars?: number;
}

/** One example post, ready to render (plain text; renderers escape). */
export interface DigestExample {
  title?: string;
  text: string;
  url?: string;
  when?: string;
}

/** One alert, ready to render (plain text; renderers escape). */
export interface DigestEntry {
  heading: string;
  sentence: string;
  details: Array<[label: string, value: string]>;
  examples: DigestExample[];
}

/** A digest, ready to render (plain text; renderers escape). */
export interface DigestModel {
  title: string;
  intro: string[];
  entries: DigestEntry[];
}

const METHOD_LABEL = { 'ears-t': 'EARS-t-toets', poisson: 'Poisson-toets' } as const;

function lookupName(names: DigestOptions['areaNames'], code: string): string | undefined {
  if (names === undefined) return undefined;
  if (names instanceof Map) return names.get(code);
  const record = names as Readonly<Record<string, string>>;
  return Object.hasOwn(record, code) ? record[code] : undefined;
}

function checkCount(value: number | undefined, fallback: number, what: string): number {
  const n = value ?? fallback;
  if (!(Number.isInteger(n) && n >= 0)) throw new AlertOptionsError(`The ${what} must be a whole number of at least 0; got ${String(value)}.`);
  return n;
}

function pValueText(p: number): string {
  return p < 0.0001 ? 'p kleiner dan 0,0001' : `p = ${formatProbabilityNl(p)}`;
}

/** Orders alerts for a digest: newest window first, then the strongest evidence (smallest p-value). */
export function sortForDigest<T extends DigestAlert>(alerts: readonly T[]): T[] {
  return [...alerts].sort((a, b) =>
    a.window_start !== b.window_start ? (a.window_start < b.window_start ? 1 : -1)
      : (a.p_value ?? 1) - (b.p_value ?? 1) || b.observed - a.observed
        || (a.area < b.area ? -1 : a.area > b.area ? 1 : a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0),
  );
}

/** Builds the renderer-neutral content of a digest: headings, sentences, details and examples in Dutch. */
export function buildDigest(alerts: readonly DigestAlert[], options: DigestOptions = {}): DigestModel {
  const maxExamples = checkCount(options.maxExamples, 3, 'number of examples');
  const maxTerms = checkCount(options.maxTerms, 5, 'number of terms');
  const maxChars = checkCount(options.maxExampleChars, 280, 'example length');
  const intro: string[] = [];
  if (options.generatedAt !== undefined) {
    const at = typeof options.generatedAt === 'string' ? new Date(options.generatedAt) : options.generatedAt;
    if (Number.isNaN(at.getTime())) throw new AlertOptionsError(`The generatedAt option must be a valid time; got ${String(options.generatedAt)}.`);
    intro.push(`Gemaakt op ${formatDateTimeNl(at)}.`);
  }
  intro.push(`Alle tijden in Nederlandse tijd (${DISPLAY_TIME_ZONE}).`);
  intro.push(alerts.length === 0 ? 'Geen signalen.' : alerts.length === 1 ? '1 signaal.' : `${alerts.length} signalen.`);

  const entries = sortForDigest(alerts).map((alert): DigestEntry => {
    const areaName = alert.area_name ?? lookupName(options.areaNames, alert.area) ?? alert.area;
    const topicLabel = alert.topic_label ?? topicLabelNl(alert.topic, options.topicLabels);
    const s = alert.settings;
    const details: Array<[string, string]> = [];
    details.push(['Gebied', areaName === alert.area ? areaName : `${areaName} (${alert.area})`]);
    details.push(['Periode', `${formatDateTimeNl(alert.window_start)} – ${formatDateTimeNl(alert.window_end)}`]);
    const limit = alert.method === 'ears-t'
      ? `meer dan ${formatNumberNl(alert.threshold, 1)} en minimaal ${formatNumberNl(s.min_count)}`
      : `${formatNumberNl(Math.max(alert.threshold + 1, s.min_count))} of meer`;
    details.push(['Aantal', `${countPostsNl(alert.observed)}; verwacht ${formatNumberNl(alert.expected, 1)}; signaal bij ${limit}`]);
    const correction = s.bonferroni_m > 1
      ? `α = ${formatProbabilityNl(s.alpha)}, na Bonferroni-correctie over ${s.bonferroni_m} gebieden ${formatProbabilityNl(s.alpha_corrected)}`
      : `α = ${formatProbabilityNl(s.alpha_corrected)}`;
    const p = alert.p_value === undefined ? '' : `${pValueText(alert.p_value)}; `;
    details.push(['Toets', `${METHOD_LABEL[alert.method]} (${p}${correction})`]);
    const downweighted = alert.baseline_values.filter((_, i) => (alert.baseline_weights[i] ?? 1) < 0.5);
    const baselineNote = downweighted.length > 0
      ? ` (${downweighted.map((v) => formatNumberNl(v)).join(', ')} telde${downweighted.length === 1 ? '' : 'n'} nauwelijks mee: eerdere piek)`
      : '';
    details.push(['Basislijn', `${describeBaselineNl(s.baseline, s.baseline_size)}: ${alert.baseline_values.map((v) => formatNumberNl(v)).join(', ')}${baselineNote}`]);
    const terms = (alert.top_terms ?? []).slice(0, maxTerms);
    if (terms.length > 0) {
      details.push(['Opvallende termen', terms.map((t) => {
        if (typeof t === 'string') return t;
        const base = t.baseline_count === 0 ? 'nieuw' : `basislijn ${formatNumberNl(t.baseline_per_day, 1)} per dag`;
        return `${t.term} (${formatNumberNl(t.count)}×, ${base})`;
      }).join(', ')]);
    }
    if (alert.refire_of !== undefined) {
      details.push(['Opnieuw gemeld', `het aantal steeg van ${formatNumberNl(alert.refire_of.observed)} (melding van ${formatDateNl(alert.refire_of.window_start)}) naar ${formatNumberNl(alert.observed)}`]);
    }
    const examples = (alert.examples ?? []).slice(0, maxExamples).map((post): DigestExample => {
      const example: DigestExample = { text: shortenText(post.text, maxChars) };
      if (post.title) example.title = shortenText(post.title, 120);
      if (post.url) example.url = post.url;
      if (post.published && !Number.isNaN(Date.parse(post.published))) example.when = formatDateTimeNl(post.published);
      return example;
    });
    return { heading: `${topicLabel} in ${areaName}`, sentence: formatAlertSentence(alert, areaName, topicLabel), details, examples };
  });
  return { title: options.title ?? 'wijkradar — opkomende signalen', intro, entries };
}
