import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One static file of the dashboard, held in memory. */
export interface DashboardAsset {
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  etag: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Raised when the dashboard's files cannot be found. */
export class DashboardFilesError extends Error {
  override name = 'DashboardFilesError';
}

/**
 * The folder with the dashboard's files: `src/dashboard` of this checkout, both when running from
 * `src/api` (tsx) and from `dist/api` (tsc copies no HTML, CSS or JS, so dist points back at src).
 */
export function resolveDashboardDir(): string {
  const candidates = [new URL('../dashboard/', import.meta.url), new URL('../../src/dashboard/', import.meta.url)];
  for (const candidate of candidates) {
    const dir = fileURLToPath(candidate);
    if (existsSync(path.join(dir, 'index.html'))) return dir;
  }
  throw new DashboardFilesError(
    `The dashboard files were not found in ${candidates.map((c) => fileURLToPath(c)).join(' or ')}; run wijkradar from its source checkout (src/dashboard must be present).`,
  );
}

/**
 * Reads every servable file of the dashboard folder (flat: html, css, js, svg, png) into memory, keyed
 * by file name. Only these names are ever served, so no request path reaches the file system.
 */
export function loadDashboardAssets(dir: string): Map<string, DashboardAsset> {
  const assets = new Map<string, DashboardAsset>();
  for (const name of readdirSync(dir)) {
    const contentType = CONTENT_TYPES[path.extname(name)];
    if (!contentType || !/^[a-z0-9][a-z0-9.-]*$/.test(name) || name.endsWith('.d.ts')) continue;
    const body = new Uint8Array(readFileSync(path.join(dir, name)));
    assets.set(name, { body, contentType, etag: `"${createHash('sha1').update(body).digest('base64url')}"` });
  }
  return assets;
}
