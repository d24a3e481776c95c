import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/api/start-server.js';
import type { RunningServer } from '../../src/api/start-server.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { auditLog } from '../../src/queries/access.js';
import { NOW, XSS_TEXT, XSS_TITLE, seedFixture } from '../api/api-fixture.js';
import type { Fixture } from '../api/api-fixture.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { CITY_NOW, WAVE_BUURT, seedScreenshotCity } from './screenshot-city.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

if (!hasChromium) {
  process.stderr.write(`Skipping the dashboard browser test: ${CHROMIUM} is missing (install it with apt-get install -y chromium).\n`);
}

/** The Mondays of the ISO weeks from `from` to `to` (YYYY-MM-DD), as the API buckets weeks. */
function weeksBetween(from: string, to: string): number {
  const monday = (day: string) => {
    const date = new Date(`${day}T12:00:00Z`);
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    return date.getTime();
  };
  return Math.round((monday(to) - monday(from)) / (7 * 86_400_000)) + 1;
}

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  let database: OpenDatabase;
  let fixture: Fixture;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    database = await freshDatabase();
    fixture = await seedFixture(database.db);
    server = await startServer({ db: database.db, port: 0, host: '127.0.0.1', now: () => new Date(NOW) });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    // Everything must come from our own server: an offline network has no CDN.
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:')) problems.push(`external request: ${request.url()}`);
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it('asks for a token and refuses a wrong one', async () => {
    await page.goto(server.url);
    await page.locator('#login-form').waitFor();
    expect(await page.locator('#app').isHidden()).toBe(true);
    await page.fill('#token', 'wr_thisIsNotAValidTokenAtAll123');
    await page.click('#login-form button[type=submit]');
    await expect.poll(() => page.textContent('#login-error')).toContain('onbekend of ingetrokken');
    // The 401 is expected here; it is not a page problem.
    problems.length = 0;
  });

  it('logs in and draws one path per area, coloured by mean sentiment', async () => {
    await page.fill('#token', fixture.tokens.analyst);
    await page.click('#login-form button[type=submit]');
    await page.locator('#map path.area').first().waitFor();
    expect(await page.textContent('#user-name')).toBe('ali');
    // Opens on the wijk level: two wijken with outlines.
    expect(await page.locator('#map path.area').count()).toBe(2);

    await page.selectOption('#level', 'buurt');
    await expect.poll(() => page.locator('#map path.area').count()).toBe(4);
    const fills = await page.$$eval('#map path.area', (paths) => Object.fromEntries(paths.map((p) => [p.getAttribute('data-code'), p.getAttribute('fill')])));
    expect(fills).toEqual({
      BU09990101: '#ca0020', // Oude Haven, mean sentiment −0.6: clearly negative
      BU09990102: '#92c5de', // Marktplein, 0.2: positive
      BU09990201: '#0571b0', // Parkwijk, 0.5: clearly positive
      BU09990202: 'url(#geen-gegevens)', // Dijkzicht: no sentiment evidence
    });
    expect(await page.locator('#map-legend .legend-item').count()).toBe(6);

    await page.hover('#map path[data-code="BU09990201"]');
    await expect.poll(() => page.textContent('#map-info')).toContain('Parkwijk: sentiment +0,50');
  });

  it('colours by the volume of a chosen topic', async () => {
    await page.selectOption('#colour-by', 'volume');
    await page.selectOption('#topic', 'cybercrime');
    await expect.poll(() => page.getAttribute('#map path[data-code="BU09990101"]', 'fill')).toBe('#54278f');
    expect(await page.getAttribute('#map path[data-code="BU09990102"]', 'fill')).toBe('#f2f0f7');
    // 61 cybercrime posts in Oude Haven in the 30 days up to 26 Nov → five classes of 13.
    expect(await page.textContent('#map-legend')).toContain('52 of meer');
    await page.selectOption('#colour-by', 'sentiment');
  });

  it('draws the trend of the selected area with the alert marked', async () => {
    await page.click('#map path[data-code="BU09990101"]');
    await expect.poll(() => page.textContent('#trend-title')).toBe('Cybercrime in Oude Haven');
    // 90 days per day up to the newest day with data (26 Nov 2026).
    await expect.poll(() => page.locator('#trend rect.bar').count()).toBe(90);
    const last = page.locator('#trend g.bar-group').last();
    expect(await last.getAttribute('data-period')).toBe('2026-11-26');
    expect(await last.locator('rect.bar').getAttribute('data-posts')).toBe('3');
    expect(await page.locator('#trend .alert-marker').count()).toBe(1);
    expect(await page.getAttribute('#trend .alert-marker', 'data-period')).toBe('2026-11-26');

    await page.selectOption('#span', '365w');
    await expect.poll(() => page.locator('#trend rect.bar').count()).toBe(weeksBetween('2025-11-28', '2026-11-26'));
    expect(await page.getAttribute('#trend .alert-marker', 'data-period')).toBe('2026-11-23');
    await page.selectOption('#span', '90d');
    await expect.poll(() => page.locator('#trend rect.bar').count()).toBe(90);
  });

  it('lists the alert as a Dutch sentence with its figures', async () => {
    const alerts = page.locator('#alerts li.alert');
    expect(await alerts.count()).toBe(1);
    expect(await alerts.locator('.alert-sentence').textContent()).toBe(
      'Cybercrime in Oude Haven: 9 berichten, verwacht 2,9 (3,1×) op 26 nov 2026; vooral over: nep-sms, bank.',
    );
    expect(await alerts.locator('.observed').textContent()).toBe('9 berichten');
    expect(await alerts.locator('.expected').textContent()).toBe('verwacht 2,9');
    expect(await alerts.locator('.ratio').textContent()).toBe('3,1×');
    expect(await page.textContent('.kpis')).toContain('Signalen (30 dagen)');
  });

  it('drills down to posts, shows hostile text literally and highlights matched words', async () => {
    const auditBefore = (await auditLog(database.db, { limit: 1000 })).filter((e) => e.action === 'posts').length;
    await page.click('#alerts li.alert >> text=Bekijk berichten');
    await expect.poll(() => page.locator('#posts li.post').count()).toBe(3); // 26 Nov in Oude Haven: 2 + the hostile post
    const hostile = page.locator(`#posts li.post[data-post-id="${fixture.xssPostId}"]`);
    expect(await hostile.locator('.post-title').textContent()).toBe(XSS_TITLE);
    expect(await hostile.locator('.post-text').textContent()).toBe(XSS_TEXT.slice(XSS_TITLE.length + 1)); // the body after "title "
    expect(await hostile.locator('.post-text mark.topic').allTextContents()).toEqual(['nep-sms']);
    // Nothing of the text became markup: no injected image or script, no dialog.
    expect(await page.locator('#posts img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('[onerror]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await hostile.locator('a').getAttribute('href')).toBe('https://buurtblad.example/hostile');
    expect(await hostile.locator('a').getAttribute('rel')).toBe('noopener noreferrer');

    const audit = (await auditLog(database.db, { limit: 1000 })).filter((e) => e.action === 'posts');
    expect(audit.length).toBe(auditBefore + 1);
    expect(audit[0]).toMatchObject({ user_name: 'ali', rows: 3, query: { area: 'BU09990101', topic: 'cybercrime' } });

    await page.locator('#posts-section').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-posts.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('shows a city of 48 buurten at a glance (the overview screenshot)', async () => {
    const city = await freshDatabase();
    try {
      const seeded = await seedScreenshotCity(city.db);
      const cityServer = await startServer({ db: city.db, port: 0, host: '127.0.0.1', now: () => new Date(CITY_NOW) });
      const overview = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
      try {
        await overview.goto(cityServer.url);
        await overview.fill('#token', seeded.analyst);
        await overview.click('#login-form button[type=submit]');
        await overview.locator('#map path.area').first().waitFor();
        expect(await overview.locator('#map path.area').count()).toBe(seeded.wijken);
        await overview.selectOption('#level', 'buurt');
        await expect.poll(() => overview.locator('#map path.area').count()).toBe(seeded.buurten);
        expect(await overview.locator('#alerts li.alert').count()).toBe(4);
        await overview.click(`#alerts li.alert:has-text("Bloemenbuurt") >> text=Toon verloop`);
        await expect.poll(() => overview.textContent('#trend-title')).toBe('Cybercrime in Bloemenbuurt');
        await expect.poll(() => overview.locator('#trend .alert-marker').count()).toBe(1);
        await overview.hover(`#map path[data-code="${WAVE_BUURT}"]`);
        await overview.screenshot({ path: path.join(SCREENSHOTS, 'dashboard-overview.png'), fullPage: true });
      } finally {
        await overview.close();
        await cityServer.close();
      }
    } finally {
      await city.close();
    }
  });

  it('keeps post text away from viewers', async () => {
    const viewer = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await viewer.goto(server.url);
    await viewer.fill('#token', fixture.tokens.viewer);
    await viewer.click('#login-form button[type=submit]');
    await viewer.locator('#map path.area').first().waitFor();
    expect(await viewer.locator('#posts-section').isHidden()).toBe(true);
    expect(await viewer.locator('#alerts li.alert >> text=Bekijk berichten').count()).toBe(0);
    await viewer.close();
  });
});
