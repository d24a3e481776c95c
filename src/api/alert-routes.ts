import { auditRead, roleAllows } from '../queries/access.js';
import { listAlerts, markAlert } from '../queries/alert-queries.js';
import { requireRole, sendList } from './api-context.js';
import type { ApiApp, RouteContext } from './api-context.js';
import { InvalidRequestError, NotFoundError } from './api-errors.js';
import { toApiAlert } from './alert-view.js';
import type { ApiAlert } from './alert-view.js';
import type { CsvColumn } from './csv-export.js';
import { alertsQuery, feedbackBody, parseBody, parseQuery, toInstant } from './query-params.js';
import { readJsonBody } from './request-body.js';

const ALERT_COLUMNS: CsvColumn<ApiAlert>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'area', value: (r) => r.area },
  { header: 'area_name', value: (r) => r.area_name },
  { header: 'topic', value: (r) => r.topic },
  { header: 'granularity', value: (r) => r.granularity },
  { header: 'window_start', value: (r) => r.window_start },
  { header: 'window_end', value: (r) => r.window_end },
  { header: 'observed', value: (r) => r.observed },
  { header: 'expected', value: (r) => r.expected },
  { header: 'threshold', value: (r) => r.threshold },
  { header: 'method', value: (r) => r.method },
  { header: 'p_value', value: (r) => r.p_value },
  { header: 'top_terms', value: (r) => r.top_terms.map((t) => t.term).join(' ') },
  { header: 'feedback', value: (r) => r.feedback },
  { header: 'sentence', value: (r) => r.sentence },
];

/** Alerts for everyone (example post titles only for analysts, audited); feedback by analysts. */
export function registerAlertRoutes(app: ApiApp, { db, now }: RouteContext): void {
  app.get('/api/alerts', async (c) => {
    const user = c.get('user');
    const q = parseQuery(c.req.url, alertsQuery);
    const filters = { sinceIso: q.since ? toInstant(q.since, now()) : undefined, area: q.area, topic: q.topic, limit: q.limit, offset: q.offset };
    const withExamples = roleAllows(user.role, 'analyst');
    const rows = (await listAlerts(db, filters)).map((alert) => toApiAlert(alert, withExamples));
    const examples = rows.reduce((n, alert) => n + alert.examples.length, 0);
    // Example titles are post text, so handing them out is a read of posts like /api/posts.
    if (examples > 0) await auditRead(db, user, 'alerts.examples', { ...filters, format: q.format }, examples, now());
    return sendList(c, q, rows, ALERT_COLUMNS, 'signalen');
  });

  app.post('/api/alerts/:id/feedback', async (c) => {
    requireRole(c, 'analyst');
    const id = parseId(c.req.param('id'), 'alert');
    const { verdict } = parseBody(await readJsonBody(c), feedbackBody);
    try {
      await markAlert(db, id, verdict, now());
    } catch {
      // markAlert refuses only unknown ids here: the verdict was validated above.
      throw new NotFoundError(`There is no alert ${id}; GET /api/alerts lists them.`);
    }
    return c.json({ id, feedback: verdict });
  });
}

/** A positive integer path parameter. */
export function parseId(value: string, what: string): number {
  if (!/^\d{1,12}$/.test(value) || Number(value) < 1) throw new InvalidRequestError(`The ${what} id must be a positive whole number, not "${value.slice(0, 40)}".`);
  return Number(value);
}
