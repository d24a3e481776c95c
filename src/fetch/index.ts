// The public surface of src/fetch, so collectors import from one place.
export { fetchUrl, DEFAULT_ACCEPT } from './http-client.js';
export type { FetchOptions, FetchResult } from './http-client.js';
export { postJson } from './post-json.js';
export type { PostJsonOptions, PostJsonResult } from './post-json.js';
export { readLocalFile } from './local-file.js';
export { decodeBody, resolveEncoding, charsetParameter } from './decode-body.js';
export type { DecodedBody, EncodingSource } from './decode-body.js';
export { HostLimiter, HostBackoffError, backoffDelay } from './host-limiter.js';
export type { HostLimiterOptions, RunOptions } from './host-limiter.js';
export { FetchError } from './fetch-error.js';
export type { FetchErrorCode } from './fetch-error.js';
export { parseRetryAfter } from './retry-after.js';
export { AddressPolicy, AddressRangeError, classifyAddress } from './address-policy.js';
export type { AddressKind, AddressPolicyOptions } from './address-policy.js';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_USER_AGENT,
} from './http-request.js';
export type { HostResolver, RequestOptions, ResolvedAddress } from './http-request.js';
