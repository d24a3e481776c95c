import { Hono } from 'hono';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Kysely } from 'kysely';
import { TOPIC_LABELS_NL } from '../alerts/topic-labels.js';
import type { Database } from '../db/database-schema.js';
import { readTopicLabels } from '../nlp/topic-labels.js';
import { authenticate } from '../queries/access.js';
import { registerAdminRoutes } from './admin-routes.js';
import { AggregateCache } from './aggregate-cache.js';
import { registerAggregateRoutes } from './aggregate-routes.js';
import { registerAlertRoutes } from './alert-routes.js';
import type { AppEnv, RouteContext } from './api-context.js';
import { ApiError, AuthenticationError } from './api-errors.js';
import { loadDashboardAssets, resolveDashboardDir } from './dashboard-assets.js';
import { registerPostRoutes } from './post-routes.js';
import { MAX_BODY_BYTES } from './request-body.js';

/** What the app needs: the database, and for tests a clock, the dashboard folder and an error log. */
export interface AppOptions {
  db: Kysely<Database>;
  now?: () => Date;
  dashboardDir?: string;
  /** Where stack traces of unexpected errors go (default: stderr); clients never see them. */
  logError?: (text: string) => void;
  /** Topic labels by slug (default: read from lexicons/topics/*.yaml). */
  topicLabels?: Readonly<Record<string, string>>;
}

/** Sent for any unexpected error, so no internals (stack, SQL, paths) reach the client. */
export const INTERNAL_ERROR_MESSAGE =
  'The server could not answer because of an internal error; try again, and if it keeps failing ask an administrator to read the server log.';

/** What each endpoint does and who may call it (GET /api). */
export const ENDPOINTS = [
  ['GET /api/me', 'viewer', 'who you are and what your role may do'],
  ['GET /api/status', 'viewer', 'newest day with data, area levels, topics'],
  ['GET /api/areas?level=&until=&limit=&offset=&format=', 'viewer', 'figures per area (all time, 7 and 30 days up to until)'],
  ['GET /api/areas/:code/trend?topic=&by=day|week&since=&until=&format=', 'viewer', 'posts and sentiment per day or week'],
  ['GET /api/topics?area=&since=&until=&format=', 'viewer', 'posts per topic in a period and the period before'],
  ['GET /api/alerts?area=&topic=&since=&limit=&offset=&format=', 'viewer', 'emerging issues, newest first'],
  ['GET /api/sources?format=', 'viewer', 'health of every source'],
  ['GET /api/geo/areas?level=&format=', 'viewer', 'area outlines as GeoJSON (simplified, 5 decimals)'],
  ['GET /api/posts?area=&topic=&since=&until=&q=&limit=&offset=&format=', 'analyst', 'post text with matched terms (audited)'],
  ['POST /api/alerts/:id/feedback {"verdict":"useful"|"noise"}', 'analyst', 'mark an alert'],
  ['POST /api/sources/:id/enable', 'admin', 'let a stopped source run again'],
  ['GET /api/audit?since=&limit=&offset=&format=', 'admin', 'who read post text'],
] as const;

/**
 * Builds the HTTP app: the JSON/CSV API under /api (bearer tokens, roles, audit of post reads) and the
 * dashboard's static files under /. Serve it with @hono/node-server, or call `app.request()` in tests.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const fileLabels = options.topicLabels ?? readTopicLabels();
  const addedTopicLabels = Object.fromEntries(Object.entries(fileLabels).filter(([slug]) => !Object.hasOwn(TOPIC_LABELS_NL, slug)));
  const context: RouteContext = { db: options.db, now: options.now ?? (() => new Date()), cache: new AggregateCache(), addedTopicLabels };
  const logError = options.logError ?? ((text: string) => process.stderr.write(text + '\n'));
  const assets = loadDashboardAssets(options.dashboardDir ?? resolveDashboardDir());

  app.use('*', securityHeaders);
  app.use(
    '*',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: `The request body is larger than ${MAX_BODY_BYTES} bytes; send less.` }, 413) }),
  );

  app.get('/api', (c) => c.json({ endpoints: ENDPOINTS.map(([endpoint, role, what]) => ({ endpoint, role, what })) }));
  app.use('/api/*', async (c, next) => {
    const header = c.req.header('Authorization') ?? '';
    const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
    const user = match ? await authenticate(context.db, match[1]!) : null;
    if (!user) throw new AuthenticationError();
    c.set('user', user);
    await next();
  });
  registerAggregateRoutes(app, context);
  registerAlertRoutes(app, context);
  registerPostRoutes(app, context);
  registerAdminRoutes(app, context);

  const sendAsset = (c: Context<AppEnv>, name: string) => {
    const asset = assets.get(name);
    if (!asset) return c.notFound();
    const headers = { ETag: asset.etag, 'Cache-Control': 'no-cache' };
    if (c.req.header('If-None-Match') === asset.etag) return c.body(null, 304, headers);
    return c.body(asset.body, 200, { ...headers, 'Content-Type': asset.contentType });
  };
  app.get('/', (c) => sendAsset(c, 'index.html'));
  app.get('/:name', (c) => sendAsset(c, c.req.param('name')));

  app.notFound((c) => c.json({ error: `There is nothing at ${c.req.method} ${c.req.path.slice(0, 200)}; GET /api lists the endpoints.` }, 404));
  app.onError((error, c) => {
    if (error instanceof AuthenticationError) {
      return c.json({ error: error.message }, 401, { 'WWW-Authenticate': 'Bearer realm="wijkradar"' });
    }
    if (error instanceof ApiError) return c.json({ error: error.message }, error.status);
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: `The request could not be handled (HTTP ${error.status}); check the method, headers and body.` }, error.status);
    }
    logError(`wijkradar api: ${c.req.method} ${c.req.path} failed: ${(error as Error)?.stack ?? String(error)}`);
    return c.json({ error: INTERNAL_ERROR_MESSAGE }, 500);
  });
  return app;
}

/**
 * Headers that keep the dashboard safe even if some text slipped through unescaped: scripts only from
 * our own files (no inline script), no framing, no MIME sniffing, no referrer; API answers are not cached.
 */
const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  // Answers may hold post text: never stored by browsers or proxies, unless a route chose revalidation.
  if ((c.req.path === '/api' || c.req.path.startsWith('/api/')) && !headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
};
