// The alert list: one Dutch sentence per alert with its figures and actions.

import { clear, h } from './dom.js';
import { formatCount, formatDateTime, formatDay, formatOne, localDay } from './format.js';

/**
 * Renders alerts into the <ol> `list`. `actions`: onShow(alert) for the trend, onPosts(alert) and
 * onFeedback(alert, verdict) when the role allows (null hides the buttons).
 */
export function renderAlerts(list, alerts, { onShow, onPosts, onFeedback, selectedId }) {
  clear(list);
  if (alerts.length === 0) {
    list.append(h('li', { class: 'empty', text: 'Geen signalen in deze periode.' }));
    return;
  }
  for (const alert of alerts) {
    const ratio = alert.expected > 0 ? `${formatOne(alert.observed / alert.expected)}×` : null;
    const item = h('li', { class: `alert${alert.id === selectedId ? ' selected' : ''}`, dataset: { alertId: alert.id } },
      h('div', { class: 'alert-head' },
        h('span', { class: 'chip topic', text: alert.topic_label }),
        h('span', { class: 'alert-area', text: alert.area_name ?? alert.area }),
        h('time', { attrs: { datetime: alert.window_start }, text: alert.granularity === 'day' ? formatDay(localDay(alert.window_start)) : `${formatDateTime(alert.window_start)} (1 uur)` })),
      h('p', { class: 'alert-sentence', text: alert.sentence }),
      h('p', { class: 'alert-figures' },
        h('span', { class: 'observed', text: `${formatCount(alert.observed)} berichten` }),
        h('span', { class: 'expected', text: `verwacht ${formatOne(alert.expected)}` }),
        ratio ? h('span', { class: 'ratio', text: ratio }) : null),
      alert.top_terms.length
        ? h('p', { class: 'terms' }, 'Woorden: ', ...alert.top_terms.slice(0, 5).map((t) => h('span', { class: 'chip term', text: t.term })))
        : null,
      h('div', { class: 'alert-actions' },
        h('button', { class: 'link', text: 'Toon verloop', attrs: { type: 'button' }, on: { click: () => onShow(alert) } }),
        onPosts ? h('button', { class: 'link', text: 'Bekijk berichten', attrs: { type: 'button' }, on: { click: () => onPosts(alert) } }) : null,
        onFeedback
          ? h('span', { class: 'feedback' },
              ...[['useful', 'Nuttig'], ['noise', 'Ruis']].map(([verdict, label]) =>
                h('button', {
                  class: `small${alert.feedback === verdict ? ' chosen' : ''}`,
                  text: label,
                  attrs: { type: 'button', 'aria-pressed': String(alert.feedback === verdict) },
                  on: { click: () => onFeedback(alert, verdict) },
                })))
          : null),
    );
    list.append(item);
  }
}
