import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/fetch/fetch-error.js';
import { postJson } from '../../src/fetch/post-json.js';
import { redirect, respond, retryAfter, stall, startServer } from '../helpers/local-http-server.js';
import type { LocalServer } from '../helpers/local-http-server.js';

const local = { allowPrivateAddresses: true, timeoutMs: 5000 };
const ALERT = { area: 'WK036300', topic: 'nuisance', text: 'Meer meldingen over overlast' };
let server: LocalServer;

beforeAll(async () => {
  server = await startServer({
    '/hook': (req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, method: req.method }));
    },
    '/moved-307': redirect('/hook', 307),
    '/moved-303': redirect('/hook', 303),
    '/big-answer': respond(200, Buffer.alloc(200_000, 0x61)),
    '/busy': retryAfter(429, '7'),
    '/stall': stall(),
  });
});

afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  const error = await promise.then(
    () => {
      throw new Error('expected postJson to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchError);
  return error as FetchError;
}

describe('postJson', () => {
  it('posts JSON and returns the status and answer', async () => {
    const result = await postJson(server.url('/hook'), ALERT, local);
    expect(result.status).toBe(201);
    expect(JSON.parse(result.responseText)).toEqual({ ok: true, method: 'POST' });
    const seen = server.requests.at(-1);
    expect(seen?.method).toBe('POST');
    expect(seen?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(seen?.body.toString('utf8') ?? '')).toEqual(ALERT);
  });

  it('repeats the POST with its body on 307', async () => {
    const result = await postJson(server.url('/moved-307'), ALERT, local);
    expect(result.finalUrl).toBe(server.url('/hook'));
    const seen = server.requests.at(-1);
    expect(seen?.method).toBe('POST');
    expect(JSON.parse(seen?.body.toString('utf8') ?? '')).toEqual(ALERT);
  });

  it('continues as a GET without body on 303', async () => {
    const result = await postJson(server.url('/moved-303'), ALERT, local);
    expect(JSON.parse(result.responseText)).toEqual({ ok: true, method: 'GET' });
    expect(server.requests.at(-1)?.body.length).toBe(0);
  });

  it('keeps only the start of a large answer instead of failing the delivery', async () => {
    const result = await postJson(server.url('/big-answer'), ALERT, { ...local, maxResponseBytes: 1000 });
    expect(result.status).toBe(200);
    expect(result.responseText).toBe('a'.repeat(1000));
  });

  it('rejects a 429 with its Retry-After', async () => {
    const error = await failure(postJson(server.url('/busy'), ALERT, local));
    expect(error).toMatchObject({ code: 'http_status', status: 429, retryAfterMs: 7000 });
  });

  it('applies the address policy and the timeout', async () => {
    expect((await failure(postJson(server.url('/hook'), ALERT, { timeoutMs: 5000 }))).code).toBe('blocked_address');
    expect((await failure(postJson(server.url('/stall'), ALERT, { ...local, timeoutMs: 200 }))).code).toBe('timeout');
  });
});
