import type { Context } from 'hono';
import { ApiError, InvalidRequestError } from './api-errors.js';

/** Largest request body the API reads; no endpoint needs more than a small JSON object. */
export const MAX_BODY_BYTES = 16 * 1024;

/** Reads a JSON request body, refusing other content types (415) and malformed JSON (400). */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, 'Send the body as JSON with "Content-Type: application/json".');
  }
  try {
    return await c.req.json();
  } catch {
    throw new InvalidRequestError('The request body is not valid JSON; send an object such as {"verdict":"useful"}.');
  }
}
