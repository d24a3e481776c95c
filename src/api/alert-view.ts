import { countPostsNl, describeWindowNl } from '../alerts/alert-sentence.js';
import { formatNumberNl } from '../alerts/dutch-format.js';
import { topicLabelNl } from '../alerts/topic-labels.js';
import type { AlertView } from '../queries/alert-queries.js';

/** An alert as the API returns it: the stored figures plus a Dutch sentence and label for people. */
export type ApiAlert = Omit<AlertView, 'examples'> & {
  topic_label: string;
  sentence: string;
  /** Example posts (titles are post text): only for roles that may read posts, otherwise empty. */
  examples: AlertView['examples'];
};

/**
 * The alert in one Dutch sentence, e.g. "Cybercrime in Bijlmer-Centrum: 9 berichten, verwacht 2,9
 * (3,1×) op 27 nov 2026; vooral over: nep-sms, bank, link." Plain text: whoever shows it escapes it.
 */
export function alertSentence(alert: AlertView): string {
  const subject = `${topicLabelNl(alert.topic)} in ${alert.area_name ?? alert.area}`;
  const ratio = alert.expected >= 0.1 ? ` (${formatNumberNl(alert.observed / alert.expected, 1)}×)` : '';
  const terms = alert.top_terms.slice(0, 3).map((term) => term.term);
  const about = terms.length ? `; vooral over: ${terms.join(', ')}` : '';
  return `${subject}: ${countPostsNl(alert.observed)}, verwacht ${formatNumberNl(alert.expected, 1)}${ratio} ${describeWindowNl(alert)}${about}.`;
}

/** Adds label and sentence; drops the example titles unless `withExamples`. */
export function toApiAlert(alert: AlertView, withExamples: boolean): ApiAlert {
  return { ...alert, topic_label: topicLabelNl(alert.topic), sentence: alertSentence(alert), examples: withExamples ? alert.examples : [] };
}
