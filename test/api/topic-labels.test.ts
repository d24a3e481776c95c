import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/create-app.js';
import type { OpenDatabase } from '../../src/db/open-database.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { NOW, seedFixture } from './api-fixture.js';
import type { Fixture } from './api-fixture.js';

let database: OpenDatabase;
let fixture: Fixture;
beforeAll(async () => {
  database = await freshDatabase();
  fixture = await seedFixture(database.db);
});
afterAll(() => database.close());

describe('topics added by a lexicon file', () => {
  it('are listed by /api/status with their own label; built-in topics keep their Dutch labels', async () => {
    const app = createApp({ db: database.db, now: () => new Date(NOW), topicLabels: { nuisance: 'Nuisance', openbaar_groen: 'Openbaar groen' } });
    const response = await app.request('/api/status', { headers: { Authorization: `Bearer ${fixture.tokens.viewer}` } });
    expect(response.status).toBe(200);
    const topics = ((await response.json()) as { topics: { slug: string; label: string }[] }).topics;
    expect(topics.find((t) => t.slug === 'nuisance')?.label).toBe('Overlast');
    expect(topics.at(-1)).toEqual({ slug: 'openbaar_groen', label: 'Openbaar groen' });
    expect(topics.filter((t) => t.slug === 'nuisance')).toHaveLength(1);
  });
});
