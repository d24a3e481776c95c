import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // 2 cores on CI: forks keep native modules (better-sqlite3) isolated per file.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { DOTENV_CONFIG_QUIET: 'true' },
  },
});
