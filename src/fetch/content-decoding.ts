import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import zlib from 'node:zlib';

/** The Accept-Encoding we send: exactly what `createContentDecoders` can undo. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

// Lenient like browsers: a body cut short at the end still yields what was decoded so far.
const GZIP_OPTIONS: zlib.ZlibOptions = {
  flush: zlib.constants.Z_SYNC_FLUSH,
  finishFlush: zlib.constants.Z_SYNC_FLUSH,
};
const BROTLI_OPTIONS: zlib.BrotliOptions = {
  flush: zlib.constants.BROTLI_OPERATION_FLUSH,
  finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
};

/**
 * Builds the streaming decoders for a Content-Encoding header, in the order the body must pass through them.
 * Returns `{ unsupported }` naming the first coding we cannot undo.
 */
export function createContentDecoders(
  contentEncoding: string | undefined,
): { decoders: Transform[] } | { unsupported: string } {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  const decoders: Transform[] = [];
  // Codings are listed in the order they were applied, so they are undone last-first.
  for (const coding of codings.reverse()) {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        decoders.push(zlib.createGunzip(GZIP_OPTIONS));
        break;
      case 'deflate':
        decoders.push(new InflateAuto());
        break;
      case 'br':
        decoders.push(zlib.createBrotliDecompress(BROTLI_OPTIONS));
        break;
      default:
        return { unsupported: coding };
    }
  }
  return { decoders };
}

/**
 * "deflate" should be zlib-wrapped (RFC 9110), but some servers send raw deflate; the first two bytes
 * tell which, so the real inflater is chosen once they have arrived.
 */
class InflateAuto extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | null = null;
  private head: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.inner) {
      this.writeInner(chunk, callback);
      return;
    }
    this.head = Buffer.concat([this.head, chunk]);
    if (this.head.length < 2) {
      callback();
      return;
    }
    this.start();
    this.writeInner(this.takeHead(), callback);
  }

  override _flush(callback: TransformCallback): void {
    let inner = this.inner;
    if (!inner) {
      // Fewer than two bytes in total: let the inflater report the truncated stream.
      if (this.head.length === 0) {
        callback();
        return;
      }
      inner = this.start();
      inner.write(this.takeHead());
    }
    inner.once('end', () => callback());
    inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }

  private start(): zlib.Inflate | zlib.InflateRaw {
    const b0 = this.head[0] ?? 0;
    const b1 = this.head[1] ?? 0;
    const zlibWrapped = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
    const inner = zlibWrapped ? zlib.createInflate(GZIP_OPTIONS) : zlib.createInflateRaw(GZIP_OPTIONS);
    inner.on('data', (data: Buffer) => this.push(data));
    inner.on('error', (error) => this.destroy(error));
    this.inner = inner;
    return inner;
  }

  private takeHead(): Buffer {
    const head = this.head;
    this.head = Buffer.alloc(0);
    return head;
  }

  private writeInner(chunk: Buffer, callback: TransformCallback): void {
    const inner = this.inner;
    if (!inner) {
      callback();
      return;
    }
    // Wait for the inflater to take the chunk so a fast sender cannot pile up input.
    if (inner.write(chunk)) callback();
    else inner.once('drain', () => callback());
  }
}
