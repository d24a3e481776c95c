// The time series: one bar per day or week (the negative part darker), alerts marked above their bar.
// Drawn by hand as SVG: a few hundred rects, no chart library.

import { clear, h, s } from './dom.js';
import { formatCount, formatDay, formatDayMonth, formatMonth, localDay, mondayOf } from './format.js';

const W = 800;
const H = 260;
const M = { left: 44, right: 12, top: 22, bottom: 30 };

/** A step of 1, 2 or 5 × 10^k at or above `value`, for round axis labels. */
export function niceStep(value) {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 5, 10]) if (factor * power >= value) return factor * power;
  return 10 * power;
}

/**
 * The x-axis label of a period, or null: month names at month starts on long spans (the first Monday of a
 * month for weeks; a month's name with its year in January), "27 nov" every few days on short spans.
 */
export function xLabel(period, index, count, by) {
  const dayOfMonth = Number(period.slice(8, 10));
  if (by === 'day' && count <= 31) return index % Math.ceil(count / 8) === 0 ? formatDayMonth(period) : null;
  const monthStart = by === 'week' ? dayOfMonth <= 7 : dayOfMonth === 1;
  if (!monthStart) return null;
  return period.slice(5, 7) === '01' ? `${formatMonth(period)} ${period.slice(0, 4)}` : formatMonth(period);
}

/** The period (day, or Monday of the week) an alert's window starts in, in Dutch time. */
export function alertPeriod(alert, by) {
  const day = localDay(alert.window_start);
  return by === 'week' ? mondayOf(day) : day;
}

/**
 * Draws `points` ({ period, posts, negative }) as bars into `container`; `alerts` (from /api/alerts) get a
 * marker over the bar of their period. `onPick(point)` runs when a bar is clicked.
 */
export function renderTrend(container, points, alerts, { by, onPick }) {
  clear(container);
  if (points.length === 0) {
    container.append(h('p', { class: 'empty', text: 'Geen berichten in deze periode.' }));
    return;
  }
  const max = Math.max(1, ...points.map((p) => p.posts));
  const step = niceStep(max / 4);
  const top = Math.ceil(max / step) * step;
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const bw = plotW / points.length;
  const gap = bw > 4 ? Math.min(2, bw * 0.2) : 0;
  const y = (v) => M.top + plotH - (v / top) * plotH;

  const svg = s('svg', { class: 'trend', attrs: { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Berichten per ${by === 'week' ? 'week' : 'dag'}` } });
  const grid = s('g', { class: 'grid' });
  for (let v = 0; v <= top; v += step) {
    grid.append(
      s('line', { attrs: { x1: M.left, x2: W - M.right, y1: y(v), y2: y(v) } }),
      s('text', { class: 'axis-label', attrs: { x: M.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, text: formatCount(v) }),
    );
  }
  svg.append(grid);

  const bars = s('g', { class: 'bars' });
  const xLabels = s('g', { class: 'x-labels' });
  points.forEach((point, i) => {
    const x = M.left + i * bw + gap / 2;
    const width = Math.max(bw - gap, 0.5);
    const tooltip = `${by === 'week' ? `week van ${formatDay(point.period)}` : formatDay(point.period)}: ${formatCount(point.posts)} berichten, waarvan ${formatCount(point.negative)} negatief`;
    const group = s('g', { class: 'bar-group', dataset: { period: point.period }, on: { click: () => onPick?.(point) } },
      s('title', { text: tooltip }),
      s('rect', { class: 'bar', attrs: { x, width, y: y(point.posts), height: Math.max(0, y(0) - y(point.posts)) }, dataset: { posts: point.posts } }),
      point.negative > 0
        ? s('rect', { class: 'bar-negative', attrs: { x, width, y: y(point.negative), height: Math.max(0, y(0) - y(point.negative)) } })
        : null,
      // A full-height transparent target, so thin bars are easy to hover and click.
      s('rect', { class: 'bar-hit', attrs: { x: M.left + i * bw, width: bw, y: M.top, height: plotH } }),
    );
    bars.append(group);
    const axis = xLabel(point.period, i, points.length, by);
    if (axis) {
      xLabels.append(
        s('line', { class: 'tick', attrs: { x1: x, x2: x, y1: y(0), y2: y(0) + 4 } }),
        s('text', { class: 'axis-label', attrs: { x, y: H - 10 }, text: axis }),
      );
    }
  });
  svg.append(bars, xLabels);
  svg.append(s('line', { class: 'baseline', attrs: { x1: M.left, x2: W - M.right, y1: y(0), y2: y(0) } }));

  const index = new Map(points.map((p, i) => [p.period, i]));
  const markers = s('g', { class: 'alert-markers' });
  const perBar = new Map();
  for (const alert of alerts) {
    const i = index.get(alertPeriod(alert, by));
    if (i === undefined) continue;
    const stacked = perBar.get(i) ?? 0;
    perBar.set(i, stacked + 1);
    const cx = M.left + i * bw + bw / 2;
    const cy = Math.max(M.top - 8, y(points[i].posts) - 9 - stacked * 12);
    markers.append(
      s('g', { class: 'alert-marker', dataset: { alertId: alert.id, period: points[i].period } },
        s('title', { text: alert.sentence }),
        s('path', { attrs: { d: `M${cx} ${cy + 5}L${cx - 5.5} ${cy - 4}L${cx + 5.5} ${cy - 4}Z` } })),
    );
  }
  svg.append(markers);
  container.append(svg);
}
