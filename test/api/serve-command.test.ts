import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/serve-command.js';
import { UserError } from '../../src/errors/user-error.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'wijkradar-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('wijkradar serve', () => {
  it.each([
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--port', 'abc'], /--port must be a whole number/],
    [['--host', 'evil host'], /--host must be an address/],
    [['extra'], /Unknown argument "extra"/],
    [['--colour'], /Unknown option '--colour'/],
  ])('refuses %j', async (args, message) => {
    await expect(runCommand(args)).rejects.toThrow(UserError);
    await expect(runCommand(args)).rejects.toThrow(message);
  });

  it('serves until SIGTERM, then closes cleanly with exit code 0', async () => {
    const db = path.join(dir, 'serve.db');
    const script = `const m = await import(${JSON.stringify(path.join(ROOT, 'src/cli/serve-command.ts'))}); process.exitCode = await m.runCommand(['--port', '0', '--db', ${JSON.stringify(db)}]);`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited early with ${code}: ${stderr}`)));
    });
    try {
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('wijkradar');
      expect((await fetch(`${url}/api/areas`)).status).toBe(401);
    } finally {
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exit).toBe(0);
    }
    expect(stderr).toContain('Stopping: finishing requests in flight');
  });
});
