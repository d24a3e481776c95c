import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { charsetParameter, decodeBody, resolveEncoding } from '../../src/fetch/decode-body.js';
import type { EncodingSource } from '../../src/fetch/decode-body.js';
import { fetchUrl } from '../../src/fetch/index.js';
import { encodeText, respond, startServer } from '../helpers/local-http-server.js';
import type { LocalServer } from '../helpers/local-http-server.js';

const bytes = (...values: number[]): Buffer => Buffer.from(values);
const XML_1252 = '<?xml version="1.0" encoding="windows-1252"?><rss><title>Café € 5</title></rss>';

interface Case {
  name: string;
  body: Uint8Array;
  contentType: string | null;
  text: string;
  encoding: string;
  via: EncodingSource;
}

const cases: Case[] = [
  {
    name: 'windows-1252 from HTTP: 0xE9 is é and 0x80 is €',
    body: bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x80),
    contentType: 'text/plain; charset=windows-1252',
    text: 'café €',
    encoding: 'windows-1252',
    via: 'http',
  },
  {
    name: 'an iso-8859-1 label is read as windows-1252 (as browsers do)',
    body: bytes(0xe9, 0x80, 0x93, 0x94),
    contentType: 'application/rss+xml; charset=ISO-8859-1',
    text: 'é€“”',
    encoding: 'windows-1252',
    via: 'http',
  },
  {
    name: 'a latin1 label in quotes',
    body: bytes(0x9f, 0xff),
    contentType: 'text/xml; charset="latin1"',
    text: 'Ÿÿ',
    encoding: 'windows-1252',
    via: 'http',
  },
  {
    name: 'us-ascii is windows-1252 too',
    body: bytes(0x41, 0x80),
    contentType: 'text/plain; charset=us-ascii',
    text: 'A€',
    encoding: 'windows-1252',
    via: 'http',
  },
  {
    name: 'iso-8859-15 keeps its own table (0xA4 is €)',
    body: bytes(0xa4),
    contentType: 'text/plain; charset=iso-8859-15',
    text: '€',
    encoding: 'iso-8859-15',
    via: 'http',
  },
  {
    name: 'UTF-16 LE with BOM',
    body: encodeText('<rss>Zaandam één</rss>', 'utf-16le', { bom: true }),
    contentType: 'application/xml',
    text: '<rss>Zaandam één</rss>',
    encoding: 'utf-16le',
    via: 'bom',
  },
  {
    name: 'UTF-16 BE with BOM',
    body: encodeText('<rss>Zaandam één</rss>', 'utf-16be', { bom: true }),
    contentType: null,
    text: '<rss>Zaandam één</rss>',
    encoding: 'utf-16be',
    via: 'bom',
  },
  {
    name: 'a UTF-8 BOM beats the HTTP header, and is stripped',
    body: encodeText('café', 'utf-8', { bom: true }),
    contentType: 'text/plain; charset=windows-1252',
    text: 'café',
    encoding: 'utf-8',
    via: 'bom',
  },
  {
    name: 'a UTF-16 BOM beats a UTF-8 HTTP header',
    body: encodeText('wijk', 'utf-16le', { bom: true }),
    contentType: 'text/xml; charset=utf-8',
    text: 'wijk',
    encoding: 'utf-16le',
    via: 'bom',
  },
  {
    name: 'the XML declaration when HTTP says nothing',
    body: encodeText(XML_1252, 'windows-1252'),
    contentType: 'application/rss+xml',
    text: XML_1252,
    encoding: 'windows-1252',
    via: 'xml',
  },
  {
    name: 'the XML declaration with single quotes and leading whitespace',
    body: Buffer.concat([Buffer.from("\n <?xml version='1.0' encoding='ISO-8859-1'?><a>"), bytes(0xeb), Buffer.from('</a>')]),
    contentType: null,
    text: "\n <?xml version='1.0' encoding='ISO-8859-1'?><a>ë</a>",
    encoding: 'windows-1252',
    via: 'xml',
  },
  {
    name: 'HTTP charset beats the XML declaration',
    body: Buffer.from('<?xml version="1.0" encoding="windows-1252"?><a>é</a>', 'utf8'),
    contentType: 'application/xml; charset=utf-8',
    text: '<?xml version="1.0" encoding="windows-1252"?><a>é</a>',
    encoding: 'utf-8',
    via: 'http',
  },
  {
    name: 'UTF-16 LE without BOM, recognised from the XML declaration',
    body: encodeText('<?xml version="1.0" encoding="UTF-16"?><a>ü</a>', 'utf-16le'),
    contentType: null,
    text: '<?xml version="1.0" encoding="UTF-16"?><a>ü</a>',
    encoding: 'utf-16le',
    via: 'xml',
  },
  {
    name: 'UTF-16 BE without BOM, recognised from the XML declaration',
    body: encodeText('<?xml version="1.0" encoding="UTF-16"?><a>ü</a>', 'utf-16be'),
    contentType: null,
    text: '<?xml version="1.0" encoding="UTF-16"?><a>ü</a>',
    encoding: 'utf-16be',
    via: 'xml',
  },
  {
    name: 'a single-byte document that claims UTF-16 is read as UTF-8',
    body: Buffer.from('<?xml version="1.0" encoding="utf-16"?><a>ü</a>', 'utf8'),
    contentType: null,
    text: '<?xml version="1.0" encoding="utf-16"?><a>ü</a>',
    encoding: 'utf-8',
    via: 'xml',
  },
  {
    name: '<meta charset> in HTML',
    body: Buffer.concat([Buffer.from('<!DOCTYPE html><html><head><meta charset="windows-1252"><title>'), bytes(0x80), Buffer.from('</title>')]),
    contentType: 'text/html',
    text: '<!DOCTYPE html><html><head><meta charset="windows-1252"><title>€</title>',
    encoding: 'windows-1252',
    via: 'html-meta',
  },
  {
    name: '<meta http-equiv> in HTML served without a content type',
    body: Buffer.concat([Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>'), bytes(0xe9)]),
    contentType: null,
    text: '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p>é',
    encoding: 'windows-1252',
    via: 'html-meta',
  },
  {
    name: 'a <meta charset> inside a feed without declaration is not trusted',
    body: Buffer.from('<rss><description><![CDATA[<meta charset="windows-1252">é]]></description></rss>', 'utf8'),
    contentType: 'application/rss+xml',
    text: '<rss><description><![CDATA[<meta charset="windows-1252">é]]></description></rss>',
    encoding: 'utf-8',
    via: 'default',
  },
  {
    name: 'nothing declared: UTF-8',
    body: Buffer.from('Oud-West — “overlast”', 'utf8'),
    contentType: 'application/json',
    text: 'Oud-West — “overlast”',
    encoding: 'utf-8',
    via: 'default',
  },
  {
    name: 'an unknown HTTP label falls through to the XML declaration',
    body: encodeText(XML_1252, 'windows-1252'),
    contentType: 'application/xml; charset=klingon-8',
    text: XML_1252,
    encoding: 'windows-1252',
    via: 'xml',
  },
  {
    name: 'unknown labels everywhere: UTF-8 with replacement characters',
    body: Buffer.concat([Buffer.from('<?xml version="1.0" encoding="x-made-up"?>'), bytes(0xe9)]),
    contentType: 'text/xml; charset=iso-2022-kr',
    text: '<?xml version="1.0" encoding="x-made-up"?>\ufffd',
    encoding: 'utf-8',
    via: 'default',
  },
  {
    name: 'invalid UTF-8 gives replacement characters, not an exception',
    body: bytes(0x61, 0xff, 0xfe, 0x62, 0xc3, 0x28, 0xe2, 0x82),
    contentType: 'text/plain; charset=utf-8',
    text: 'a\ufffd\ufffdb\ufffd(\ufffd',
    encoding: 'utf-8',
    via: 'http',
  },
  {
    name: 'an empty body',
    body: bytes(),
    contentType: null,
    text: '',
    encoding: 'utf-8',
    via: 'default',
  },
];

describe('decodeBody', () => {
  it.each(cases)('$name', ({ body, contentType, text, encoding, via }) => {
    expect(decodeBody(body, contentType)).toEqual({ text, encoding, via });
  });

  it('decodes all 256 windows-1252 bytes by the WHATWG table', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const { text } = decodeBody(all, 'text/plain; charset=windows-1252');
    expect(text).toHaveLength(256);
    expect(text.slice(0x80, 0xa0)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ');
    expect(text.slice(0xa0)).toBe(all.subarray(0xa0).toString('latin1'));
  });

  it('works on a Uint8Array view into a larger buffer', () => {
    const backing = Buffer.from('xxcafé', 'utf8');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 2, backing.length - 2);
    expect(decodeBody(view, null).text).toBe('café');
  });
});

describe('resolveEncoding and charsetParameter', () => {
  it.each([
    ['utf8', 'utf-8'],
    [' UTF-8 ', 'utf-8'],
    ['latin1', 'windows-1252'],
    ['cp1252', 'windows-1252'],
    ['utf-16', 'utf-16le'],
    ['nonsense', null],
    ['', null],
    ['iso-2022-kr', null],
  ])('resolveEncoding(%j) = %j', (label, expected) => {
    expect(resolveEncoding(label)).toBe(expected);
  });

  it.each([
    ['text/html; charset=UTF-8', 'UTF-8'],
    ['text/html;charset="iso-8859-1"', 'iso-8859-1'],
    ['application/xml; foo=bar; charset=windows-1252; x=y', 'windows-1252'],
    ['application/xml', null],
    ['text/plain; charset=', null],
  ])('charsetParameter(%j) = %j', (contentType, expected) => {
    expect(charsetParameter(contentType)).toBe(expected);
  });
});

describe('decodeBody on bodies fetched from a server', () => {
  let server: LocalServer;
  beforeAll(async () => {
    server = await startServer({
      '/latin1': respond(200, encodeText('<rss><title>Café €</title></rss>', 'windows-1252'), {
        'content-type': 'application/rss+xml; charset=iso-8859-1',
      }),
      '/utf16': respond(200, encodeText('<rss><title>Café €</title></rss>', 'utf-16be', { bom: true }), {
        'content-type': 'application/rss+xml; charset=utf-8',
      }),
    });
  });
  afterAll(() => server.close());

  it.each([
    ['/latin1', 'windows-1252', 'http'],
    ['/utf16', 'utf-16be', 'bom'],
  ])('%s decodes as %s via %s', async (path, encoding, via) => {
    const result = await fetchUrl(server.url(path), { allowPrivateAddresses: true });
    expect(decodeBody(result.body, result.contentType)).toEqual({ text: '<rss><title>Café €</title></rss>', encoding, via });
  });
});

describe('decodeBody: UTF-32', () => {
  const text = '<?xml version="1.0"?><rss><title>café € 😀</title></rss>';
  const encode = (littleEndian: boolean, bom: boolean) => {
    const points = [...(bom ? [0xfeff] : []), ...[...text].map((c) => c.codePointAt(0)!)];
    const buffer = Buffer.alloc(points.length * 4);
    points.forEach((p, i) => (littleEndian ? buffer.writeUInt32LE(p, i * 4) : buffer.writeUInt32BE(p, i * 4)));
    return buffer;
  };
  it.each([
    [true, true, 'bom'],
    [false, true, 'bom'],
    [true, false, 'xml'],
    [false, false, 'xml'],
  ])('little-endian %s, BOM %s → via %s', (littleEndian, bom, via) => {
    const decoded = decodeBody(encode(littleEndian, bom), null);
    expect(decoded.text).toBe(text);
    expect(decoded.via).toBe(via);
    expect(decoded.encoding).toBe(littleEndian ? 'utf-32le' : 'utf-32be');
  });
});
