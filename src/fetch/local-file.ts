import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FetchError, formatBytes } from './fetch-error.js';
import { DEFAULT_MAX_BYTES } from './http-request.js';

/**
 * Reads a local feed file (a path relative to the working directory, or a file: URL) with the same byte cap
 * as a fetch; fails with FetchError `not_found`, `not_a_file`, `too_large` or `read_error`.
 * @example const body = await readLocalFile('data/samples/wallen-nieuws.xml', 10 * 1024 * 1024);
 */
export async function readLocalFile(path: string, maxBytes: number = DEFAULT_MAX_BYTES): Promise<Buffer> {
  const fullPath = path.startsWith('file:') ? fileURLToPath(path) : resolve(path);
  let info;
  try {
    // stat before open: opening a FIFO for reading would block until someone writes to it.
    info = await stat(fullPath);
  } catch (error) {
    throw fileError(error, path);
  }
  if (info.isDirectory()) {
    throw new FetchError('not_a_file', path, `${path} is a directory, not a file; give the path of the feed file inside it.`);
  }
  if (!info.isFile()) {
    throw new FetchError('not_a_file', path, `${path} is not a regular file (it is a device, socket or pipe); give the path of a feed file.`);
  }
  if (info.size > maxBytes) throw tooLarge(path, maxBytes, info.size);

  const handle = await open(fullPath, 'r').catch((error: unknown) => {
    throw fileError(error, path);
  });
  try {
    // The file may grow between stat and read, so read at most one byte past the cap to notice.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) {
        if (length > maxBytes) throw tooLarge(path, maxBytes);
        break;
      }
    }
    return buffer.subarray(0, length);
  } catch (error) {
    throw error instanceof FetchError ? error : fileError(error, path);
  } finally {
    await handle.close();
  }
}

function fileError(error: unknown, path: string): FetchError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new FetchError('not_found', path, `The file ${path} does not exist; check the path (relative paths start at ${process.cwd()}).`, { cause: error });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new FetchError('read_error', path, `The file ${path} may not be read by this user; fix its permissions or run wijkradar as its owner.`, { cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new FetchError('read_error', path, `The file ${path} could not be read (${reason}); check the path and the disk.`, { cause: error });
}

function tooLarge(path: string, maxBytes: number, size?: number): FetchError {
  const what = size === undefined ? `larger than ${formatBytes(maxBytes)}` : `${formatBytes(size)}, more than the ${formatBytes(maxBytes)} limit`;
  return new FetchError('too_large', path, `The file ${path} is ${what}; raise max_bytes for this source or use a smaller file.`);
}
