import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('run without --once (the scheduler)', () => {
  it('collects on schedule and finishes cleanly with exit 0 on SIGTERM', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-sched-'));
    const pipeline = path.join(dir, 'p.yaml');
    writeFileSync(
      pipeline,
      [
        'name: sched',
        'schedule: "* * * * * *"', // every second (node-cron accepts a seconds field)
        'allow_local_files: true',
        'areas:',
        '  - { code: GM0363, name: Amsterdam, level: gemeente }',
        'sources:',
        `  - { id: wallen, type: feed, url: "${path.join(ROOT, 'data/samples/wallen-nieuws.xml')}", areas: [GM0363] }`,
        '',
      ].join('\n'),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'run', pipeline, '--db', path.join(dir, 's.db')], {
      cwd: ROOT,
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', WIJKRADAR_KEY_FILE: path.join(dir, 'key') },
    });
    let stderr = '';
    const collected = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (stderr.includes('✓ wallen: 37 items, 37 new')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await collected;
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('Scheduler started for sched');
    expect(stderr).toContain('Stopping: finishing the batch in flight');
    // The scheduler recorded when the source runs next (through the store worker, as the run's writes).
    const sqlite = new SQLite(path.join(dir, 's.db'), { readonly: true });
    const { next_run_at } = sqlite.prepare("SELECT next_run_at FROM sources WHERE id = 'wallen'").get() as { next_run_at: string | null };
    sqlite.close();
    expect(next_run_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
  }, 60_000);
});
