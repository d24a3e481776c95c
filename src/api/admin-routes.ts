import { auditLog, auditRead } from '../queries/access.js';
import { dataVersion } from '../queries/dashboard-queries.js';
import { enableSource, sourceHealth } from '../queries/source-health.js';
import type { SourceHealth } from '../queries/source-health.js';
import { page, requireRole, sendList } from './api-context.js';
import type { ApiApp, RouteContext } from './api-context.js';
import { STALE_GRACE_MS } from './aggregate-cache.js';
import { InvalidRequestError, NotFoundError } from './api-errors.js';
import type { CsvColumn } from './csv-export.js';
import { auditQuery, listQuery, parseQuery, toInstant } from './query-params.js';

const SOURCE_COLUMNS: CsvColumn<SourceHealth>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'pipeline', value: (r) => r.pipeline },
  { header: 'url', value: (r) => r.url },
  { header: 'enabled', value: (r) => r.enabled },
  { header: 'flag', value: (r) => r.flag },
  { header: 'last_status', value: (r) => r.last_status },
  { header: 'consecutive_failures', value: (r) => r.consecutive_failures },
  { header: 'items_total', value: (r) => r.items_total },
  { header: 'items_last_7d', value: (r) => r.items_last_7d },
  { header: 'last_success_at', value: (r) => r.last_success_at },
  { header: 'last_new_item_at', value: (r) => r.last_new_item_at },
  { header: 'next_run_at', value: (r) => r.next_run_at },
  { header: 'disabled_reason', value: (r) => r.disabled_reason },
  { header: 'last_error', value: (r) => r.last_error },
];

type AuditRow = Awaited<ReturnType<typeof auditLog>>[number];
const AUDIT_COLUMNS: CsvColumn<AuditRow>[] = [
  { header: 'at', value: (r) => r.at },
  { header: 'user', value: (r) => r.user_name },
  { header: 'role', value: (r) => r.role },
  { header: 'action', value: (r) => r.action },
  { header: 'query', value: (r) => r.query },
  { header: 'rows', value: (r) => r.rows },
];

/** Source health for everyone; enabling a stopped source and reading the audit log for admins. */
export function registerAdminRoutes(app: ApiApp, { db, now, cache }: RouteContext): void {
  app.get('/api/sources', async (c) => {
    const q = parseQuery(c.req.url, listQuery);
    // Health counts a week of posts per source (seconds at a million posts); the figures move with new
    // fetches (the data version) and with time, so they are kept per version and minute.
    const at = now();
    const rows = await cache.get(`sources|${Math.floor(at.getTime() / 60_000)}`, await dataVersion(db), () => sourceHealth(db, at), STALE_GRACE_MS);
    return sendList(c, q, page(rows, q), SOURCE_COLUMNS, 'bronnen', { total: rows.length });
  });

  app.post('/api/sources/:id/enable', async (c) => {
    const user = requireRole(c, 'admin');
    const id = c.req.param('id');
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(id)) throw new InvalidRequestError('The source id must be letters, digits, ".", "_" or "-" (at most 100).');
    if (!(await enableSource(db, id))) throw new NotFoundError(`There is no source "${id}"; GET /api/sources lists them.`);
    await auditRead(db, user, 'sources.enable', { id }, 0, now());
    return c.json({ id, enabled: true });
  });

  app.get('/api/audit', async (c) => {
    requireRole(c, 'admin');
    const q = parseQuery(c.req.url, auditQuery);
    const rows = await auditLog(db, { sinceIso: q.since ? toInstant(q.since, now()) : undefined, limit: q.limit, offset: q.offset });
    return sendList(c, q, rows, AUDIT_COLUMNS, 'audit');
  });
}
