import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FetchError } from '../../src/fetch/fetch-error.js';
import { readLocalFile } from '../../src/fetch/local-file.js';

const FEED = '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>De Pijp</title></channel></rss>';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wijkradar-local-file-'));
  await writeFile(join(dir, 'feed.xml'), FEED);
  await writeFile(join(dir, 'empty.xml'), '');
  await writeFile(join(dir, 'big.xml'), Buffer.alloc(4096, 0x20));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => {
      throw new Error('expected readLocalFile to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  expect((error as FetchError).message).toMatch(/[.]$/);
  return error as FetchError;
}

describe('readLocalFile', () => {
  it('reads a file', async () => {
    const body = await readLocalFile(join(dir, 'feed.xml'));
    expect(Buffer.isBuffer(body)).toBe(true);
    expect(body.toString('utf8')).toBe(FEED);
  });

  it('accepts a file: URL', async () => {
    expect((await readLocalFile(pathToFileURL(join(dir, 'feed.xml')).href)).toString('utf8')).toBe(FEED);
  });

  it('reads an empty file', async () => {
    expect((await readLocalFile(join(dir, 'empty.xml'))).length).toBe(0);
  });

  it('applies the byte cap, inclusive', async () => {
    expect((await readLocalFile(join(dir, 'big.xml'), 4096)).length).toBe(4096);
    const error = await failure(readLocalFile(join(dir, 'big.xml'), 4095));
    expect(error.code).toBe('too_large');
    expect(error.message).toContain('raise max_bytes');
  });

  it('says clearly when the file does not exist', async () => {
    const error = await failure(readLocalFile(join(dir, 'nope.xml')));
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('does not exist; check the path');
  });

  it('says clearly when the path is a directory', async () => {
    const error = await failure(readLocalFile(dir));
    expect(error.code).toBe('not_a_file');
    expect(error.message).toContain('is a directory');
  });

  it.skipIf(!existsSync('/dev/zero'))('refuses devices such as /dev/zero instead of reading forever', async () => {
    const error = await failure(readLocalFile('/dev/zero'));
    expect(error.code).toBe('not_a_file');
  });
});
