import { createHash } from 'node:crypto';
import { TOPIC_LABELS_NL, topicLabelNl } from '../alerts/topic-labels.js';
import { localDay, shiftDay } from '../db/rollup-buckets.js';
import { roleAllows } from '../queries/access.js';
import { areaSummaries, newestDataDay } from '../queries/area-summary.js';
import type { AreaSummary } from '../queries/area-summary.js';
import { areaByCode, areaGeometries, areaLevels, dataVersion, filledTrend, topicOverview } from '../queries/dashboard-queries.js';
import type { TopicCount } from '../queries/dashboard-queries.js';
import type { TrendPoint } from '../queries/trend.js';
import { STALE_GRACE_MS } from './aggregate-cache.js';
import { page, renderList, sendAll, sendList, sendRendered } from './api-context.js';
import type { ApiApp, RouteContext } from './api-context.js';
import { InvalidRequestError, NotFoundError } from './api-errors.js';
import type { CsvColumn } from './csv-export.js';
import { toFeatureCollection } from './geo-features.js';
import { areaCode, areasQuery, checkDayRange, geoQuery, noQuery, parseQuery, toDay, topicsQuery, trendQuery } from './query-params.js';

const AREA_COLUMNS: CsvColumn<AreaSummary>[] = [
  { header: 'code', value: (r) => r.code },
  { header: 'name', value: (r) => r.name },
  { header: 'level', value: (r) => r.level },
  { header: 'parent', value: (r) => r.parent },
  { header: 'posts', value: (r) => r.posts },
  { header: 'posts_7d', value: (r) => r.posts_7d },
  { header: 'posts_30d', value: (r) => r.posts_30d },
  { header: 'sentiment', value: (r) => r.sentiment },
  { header: 'sentiment_30d', value: (r) => r.sentiment_30d },
  { header: 'negative_share', value: (r) => r.negative_share },
  { header: 'topics', value: (r) => r.topics },
  { header: 'topics_30d', value: (r) => r.topics_30d },
];

const TREND_COLUMNS: CsvColumn<TrendPoint>[] = [
  { header: 'period', value: (r) => r.period },
  { header: 'posts', value: (r) => r.posts },
  { header: 'sentiment', value: (r) => r.sentiment },
  { header: 'negative', value: (r) => r.negative },
];

type TopicRow = TopicCount & { label: string };
const TOPIC_COLUMNS: CsvColumn<TopicRow>[] = [
  { header: 'topic', value: (r) => r.topic },
  { header: 'label', value: (r) => r.label },
  { header: 'posts', value: (r) => r.posts },
  { header: 'previous_posts', value: (r) => r.previous_posts },
  { header: 'sentiment', value: (r) => r.sentiment },
  { header: 'negative_share', value: (r) => r.negative_share },
];

/** Aggregates every role may see: who am I, status, areas, trends, topics and the map. */
export function registerAggregateRoutes(app: ApiApp, { db, now, cache, addedTopicLabels }: RouteContext): void {
  app.get('/api/me', (c) => {
    parseQuery(c.req.url, noQuery);
    const user = c.get('user');
    return c.json({
      name: user.name,
      role: user.role,
      permissions: {
        aggregates: true,
        posts: roleAllows(user.role, 'analyst'),
        alert_feedback: roleAllows(user.role, 'analyst'),
        audit: roleAllows(user.role, 'admin'),
        manage_sources: roleAllows(user.role, 'admin'),
      },
    });
  });

  app.get('/api/status', async (c) => {
    parseQuery(c.req.url, noQuery);
    const version = await dataVersion(db);
    const [newest, levels] = await Promise.all([
      cache.get('newest-day', version, () => newestDataDay(db), STALE_GRACE_MS),
      cache.get('levels', version, () => areaLevels(db), STALE_GRACE_MS),
    ]);
    return c.json({
      today: localDay(now().toISOString()),
      newest_day: newest,
      time_zone: 'Europe/Amsterdam',
      levels,
      // The built-in topics, then those added by lexicon files.
      topics: [...Object.entries(TOPIC_LABELS_NL).filter(([slug]) => slug !== 'negative'), ...Object.entries(addedTopicLabels)].map(([slug, label]) => ({
        slug,
        label,
      })),
    });
  });

  app.get('/api/areas', async (c) => {
    const q = parseQuery(c.req.url, areasQuery);
    const until = q.until ?? localDay(now().toISOString());
    const version = await dataVersion(db);
    const summaries = () => cache.get(`areas|${q.level ?? ''}|${until}`, version, () => areaSummaries(db, { untilDay: until, level: q.level }));
    const rendered = await cache.get(
      `areas-page|${q.level ?? ''}|${until}|${q.limit}|${q.offset}|${q.format}`,
      version,
      async () => {
        const rows = await summaries();
        return renderList(q, page(rows, q), AREA_COLUMNS, 'gebieden', { until, total: rows.length });
      },
      STALE_GRACE_MS,
    );
    return sendRendered(c, rendered);
  });

  app.get('/api/areas/:code/trend', async (c) => {
    const code = areaCode.safeParse(c.req.param('code'));
    if (!code.success) {
      throw new InvalidRequestError('The path must hold an area code such as GM0363, WK036300 or BU03630000 (letters, digits, - or _, at most 32).');
    }
    const q = parseQuery(c.req.url, trendQuery);
    const area = await areaByCode(db, code.data);
    if (!area) throw new NotFoundError(`There is no area "${code.data}"; GET /api/areas lists the codes.`);
    const today = localDay(now().toISOString());
    const fromDay = q.since ? toDay(q.since, now()) : undefined;
    const untilDay = q.until ?? (fromDay ? today : undefined);
    if (fromDay && untilDay) checkDayRange(fromDay, untilDay);
    const points = await filledTrend(db, { area: area.code, topic: q.topic, by: q.by, fromDay, toDay: untilDay });
    return sendAll(c, q.format, points, TREND_COLUMNS, `trend-${area.code}`, {
      area: { code: area.code, name: area.name, level: area.level },
      topic: q.topic ?? null,
      by: q.by,
      from: fromDay ?? points[0]?.period ?? null,
      to: untilDay ?? points[points.length - 1]?.period ?? null,
    });
  });

  app.get('/api/topics', async (c) => {
    const q = parseQuery(c.req.url, topicsQuery);
    const untilDay = q.until ?? localDay(now().toISOString());
    const fromDay = q.since ? toDay(q.since, now()) : shiftDay(untilDay, -29);
    checkDayRange(fromDay, untilDay);
    if (q.area && !(await areaByCode(db, q.area))) throw new NotFoundError(`There is no area "${q.area}"; GET /api/areas lists the codes.`);
    const version = await dataVersion(db);
    const rows = await cache.get(
      `topics|${q.area ?? ''}|${fromDay}|${untilDay}`,
      version,
      () => topicOverview(db, { fromDay, toDay: untilDay, area: q.area }),
      STALE_GRACE_MS,
    );
    const labelled: TopicRow[] = rows.map((row) => ({ ...row, label: row.topic === '*' ? 'Alle berichten' : topicLabelNl(row.topic, addedTopicLabels) }));
    return sendList(c, q, page(labelled, q), TOPIC_COLUMNS, 'onderwerpen', { from: fromDay, to: untilDay, area: q.area ?? null });
  });

  app.get('/api/geo/areas', async (c) => {
    const q = parseQuery(c.req.url, geoQuery);
    const version = await dataVersion(db);
    const geo = await cache.get(`geo|${q.level ?? ''}`, version, async () => {
      const collection = toFeatureCollection(await areaGeometries(db, q.level));
      const json = JSON.stringify(collection);
      return { collection, json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
    });
    if (q.format === 'csv') {
      const features = geo.collection.features;
      return sendAll(c, 'csv', features, GEO_COLUMNS, 'kaartgebieden');
    }
    // Outlines change rarely and are large: the browser keeps them and revalidates with the ETag.
    const caching = { ETag: geo.etag, 'Cache-Control': 'private, no-cache' };
    if (c.req.header('If-None-Match') === geo.etag) return c.body(null, 304, caching);
    return c.body(geo.json, 200, { ...caching, 'Content-Type': 'application/geo+json; charset=utf-8' });
  });
}

const GEO_COLUMNS: CsvColumn<ReturnType<typeof toFeatureCollection>['features'][number]>[] = [
  { header: 'code', value: (f) => f.properties.code },
  { header: 'name', value: (f) => f.properties.name },
  { header: 'level', value: (f) => f.properties.level },
  { header: 'parent', value: (f) => f.properties.parent },
  { header: 'municipality', value: (f) => f.properties.municipality },
  { header: 'geometry', value: (f) => f.geometry },
];
