// The dashboard's only way to the server: same-origin fetch with the bearer token from sessionStorage.

const TOKEN_KEY = 'wijkradar.token';

/** Raised for non-2xx answers; `message` is the server's sentence. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** The token of this tab's session, or null. */
export const getToken = () => sessionStorage.getItem(TOKEN_KEY);
/** Keeps the token for this tab only (sessionStorage ends with the tab). */
export const setToken = (token) => sessionStorage.setItem(TOKEN_KEY, token);
/** Forgets the token. */
export const clearToken = () => sessionStorage.removeItem(TOKEN_KEY);

/** Builds a query string from an object, leaving out empty values. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** GETs or POSTs JSON from the API; throws ApiError with the server's sentence. */
export async function api(path, { method = 'GET', body, cache = 'no-store' } = {}) {
  const headers = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache });
  } catch {
    throw new ApiError(0, 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.');
  }
  let payload = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (!response.ok) throw new ApiError(response.status, payload?.error ?? `De server antwoordde met status ${response.status}.`);
  // Lists are JSON arrays with their context (paging, period) in X-Meta; give the views one object.
  const meta = response.headers.get('X-Meta');
  if (Array.isArray(payload) && meta !== null) return { ...JSON.parse(decodeURIComponent(meta)), items: payload };
  return payload;
}
