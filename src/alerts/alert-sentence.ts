import type { Alert, BaselineMode } from './alert-types.js';
import { DISPLAY_TIME_ZONE, formatDateNl, formatNumberNl, formatTimeNl, utcOffsetLabel } from './dutch-format.js';
import type { ExamplePost } from './example-picker.js';
import type { TopTerm } from './top-terms.js';

/** An alert with what the digest shows next to it; every extra is optional, so a plain Alert fits. */
export interface DigestAlert extends Alert {
  area_name?: string;
  topic_label?: string;
  top_terms?: readonly (TopTerm | string)[];
  examples?: readonly ExamplePost[];
}

/** Below this expected count a ratio says little; the sentence says "normally almost none" instead. */
const MIN_EXPECTED_FOR_RATIO = 0.1;

/** "1 bericht", "9 berichten", "1.234 berichten". */
export function countPostsNl(count: number): string {
  return `${formatNumberNl(count)} ${count === 1 ? 'bericht' : 'berichten'}`;
}

/** When an alert's window was, in Dutch: "op 27 nov 2026" or "op 27 nov 2026 van 14:00 tot 15:00 (Nederlandse tijd)". */
export function describeWindowNl(alert: Pick<Alert, 'granularity' | 'window_start' | 'window_end'>, timeZone = DISPLAY_TIME_ZONE): string {
  const date = formatDateNl(alert.window_start, timeZone);
  if (alert.granularity === 'day') return `op ${date}`;
  const zone = timeZone === DISPLAY_TIME_ZONE ? 'Nederlandse tijd' : timeZone;
  let from = formatTimeNl(alert.window_start, timeZone);
  let to = formatTimeNl(alert.window_end, timeZone);
  // The night summer time ends, 02:00–03:00 happens twice; offsets tell the two hours apart.
  if (from >= to && to !== '00:00') {
    from = `${from} ${utcOffsetLabel(alert.window_start, timeZone)}`;
    to = `${to} ${utcOffsetLabel(alert.window_end, timeZone)}`;
  }
  return `op ${date} van ${from} tot ${to} (${zone})`;
}

/** What the baseline was, in Dutch, e.g. "de 7 voorgaande dagen". */
export function describeBaselineNl(mode: BaselineMode, size: number): string {
  switch (mode) {
    case 'days':
      return `de ${size} voorgaande dagen`;
    case 'weekdays':
      return `dezelfde weekdag in de ${size} voorgaande weken`;
    case 'hours':
      return `de ${size} voorgaande uren`;
    case 'same-hour':
      return `hetzelfde uur op de ${size} voorgaande dagen`;
  }
}

/** The words of an alert's top terms, whether given as strings or as {@link TopTerm}s. */
export function termWords(terms: readonly (TopTerm | string)[] | undefined): string[] {
  return (terms ?? []).map((t) => (typeof t === 'string' ? t : t.term));
}

function capitalise(text: string): string {
  return text.length === 0 ? text : text[0]!.toUpperCase() + text.slice(1);
}

/**
 * One Dutch sentence that explains an alert to a communication officer (plain text; renderers escape it).
 * Up to three of `alert.top_terms` are named. Times are in Europe/Amsterdam.
 * @example formatAlertSentence(alert, 'Bijlmer-Centrum', 'Cybercrime')
 * // "Cybercrime in Bijlmer-Centrum is 3,1× het gebruikelijke niveau op 27 nov 2026 (9 berichten, verwacht 2,9), vooral over: nep-sms, bank, link."
 */
export function formatAlertSentence(alert: DigestAlert, areaName: string, topicLabel: string): string {
  const words = termWords(alert.top_terms).slice(0, 3);
  const about = words.length > 0 ? `, vooral over: ${words.join(', ')}` : '';
  const when = describeWindowNl(alert);
  const expected = formatNumberNl(alert.expected, 1);
  const subject = `${capitalise(topicLabel)} in ${areaName}`;
  if (alert.expected < MIN_EXPECTED_FOR_RATIO) {
    return `${subject}: ${countPostsNl(alert.observed)} ${when}, waar dat normaal vrijwel nooit voorkomt (verwacht ${expected})${about}.`;
  }
  const ratio = formatNumberNl(alert.observed / alert.expected, 1);
  return `${subject} is ${ratio}× het gebruikelijke niveau ${when} (${countPostsNl(alert.observed)}, verwacht ${expected})${about}.`;
}
