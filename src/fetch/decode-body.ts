/** Where the character encoding of a body came from. */
export type EncodingSource = 'bom' | 'http' | 'xml' | 'html-meta' | 'default';

/** A body decoded to text, with the encoding used (WHATWG name, e.g. `utf-8`, `windows-1252`). */
export interface DecodedBody {
  text: string;
  encoding: string;
  via: EncodingSource;
}

// Declarations and meta tags must appear early; browsers look at the first 1024 bytes too.
const PRESCAN_BYTES = 1024;

/**
 * Decodes a fetched body to text, choosing the encoding by: byte-order mark → HTTP charset →
 * XML declaration → HTML `<meta charset>` → UTF-8. Unknown labels are skipped; it never throws,
 * and invalid bytes become U+FFFD. The BOM is not part of the text.
 * @example decodeBody(bytes, 'application/rss+xml; charset=ISO-8859-1').text
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedBody {
  const bom = sniffBom(bytes);
  if (bom) return decodeAs(bytes, bom, 'bom');

  const httpLabel = contentType ? charsetParameter(contentType) : null;
  const httpEncoding = httpLabel ? resolveEncoding(httpLabel) : null;
  if (httpEncoding) return decodeAs(bytes, httpEncoding, 'http');

  const xml = sniffXmlEncoding(bytes);
  if (xml) return decodeAs(bytes, xml, 'xml');

  if (looksLikeHtml(bytes, contentType)) {
    const metaLabel = metaCharset(bytes);
    const metaEncoding = metaLabel ? resolveEncoding(metaLabel) : null;
    // A document we could read as ASCII cannot really be UTF-16 (the HTML standard says the same).
    if (metaEncoding) return decodeAs(bytes, metaEncoding.startsWith('utf-16') ? 'utf-8' : metaEncoding, 'html-meta');
  }
  return decodeAs(bytes, 'utf-8', 'default');
}

/**
 * Maps a charset label to the WHATWG encoding name we decode with, or null when unknown or unsupported.
 * @example resolveEncoding('latin1') // 'windows-1252'
 */
export function resolveEncoding(label: string): string | null {
  const trimmed = label.trim();
  if (trimmed === '') return null;
  try {
    return new TextDecoder(trimmed).encoding;
  } catch {
    // Unknown labels and "replacement" encodings (which would turn the whole body into one U+FFFD).
    return null;
  }
}

/** Reads the `charset` parameter of a Content-Type header value, or null. */
export function charsetParameter(contentType: string): string | null {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const label = match?.[1] ?? match?.[2] ?? '';
  return label === '' ? null : label;
}

function decodeAs(bytes: Uint8Array, encoding: string, via: EncodingSource): DecodedBody {
  const text =
    encoding === 'windows-1252'
      ? decodeWindows1252(bytes)
      : encoding === 'utf-32le' || encoding === 'utf-32be'
        ? decodeUtf32(bytes, encoding === 'utf-32le')
        : new TextDecoder(encoding).decode(bytes);
  return { text, encoding, via };
}

function sniffBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  // UTF-32 first: its little-endian mark starts like UTF-16's.
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0x00 && bytes[3] === 0x00) return 'utf-32le';
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff) return 'utf-32be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

const XML_DECLARATION = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/;

/** UTF-32 (which TextDecoder lacks): four bytes per code point; invalid ones become U+FFFD; a BOM is dropped. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let offset = 0; offset + 4 <= bytes.length; offset += 4) {
    const codePoint = view.getUint32(offset, littleEndian);
    if (offset === 0 && codePoint === 0xfeff) continue;
    chunk.push(codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff) ? codePoint : 0xfffd);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

function sniffXmlEncoding(bytes: Uint8Array): string | null {
  // UTF-32 without a byte-order mark: "<" followed or preceded by three zero bytes.
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x00 && bytes[3] === 0x00) return 'utf-32le';
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0x00 && bytes[3] === 0x3c) return 'utf-32be';
  // "<?" in UTF-16 without a byte-order mark: the zero bytes give the byte order away.
  if (bytes[0] === 0x3c && bytes[1] === 0x00 && bytes[2] === 0x3f && bytes[3] === 0x00) return 'utf-16le';
  if (bytes[0] === 0x00 && bytes[1] === 0x3c && bytes[2] === 0x00 && bytes[3] === 0x3f) return 'utf-16be';
  const head = latin1(bytes, PRESCAN_BYTES);
  const label = XML_DECLARATION.exec(head)?.[1];
  if (!label) return null;
  const encoding = resolveEncoding(label);
  if (!encoding) return null;
  // We just read the declaration as single bytes, so the document is not UTF-16 whatever it claims.
  return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
}

function looksLikeHtml(bytes: Uint8Array, contentType: string | null): boolean {
  if (contentType && /html/i.test(contentType)) return true;
  return /^\s*<(?:!doctype\s+html|html[\s>])/i.test(latin1(bytes, 64));
}

function metaCharset(bytes: Uint8Array): string | null {
  const head = latin1(bytes, PRESCAN_BYTES);
  const match = /<meta\s[^>]*?charset\s*=\s*["']?\s*([^"'\s/>;]+)/i.exec(head);
  return match?.[1] ?? null;
}

function latin1(bytes: Uint8Array, limit: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, limit)).toString('latin1');
}

// Node's TextDecoder decodes windows-1252 as ISO-8859-1 (0x80 → U+0080 instead of €), so the
// C1 range is mapped here by the WHATWG table.
const WINDOWS_1252_C1 = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
].map((code) => String.fromCharCode(code));

function decodeWindows1252(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_C1[c.charCodeAt(0) - 0x80] ?? c);
}
