import { isIPv4, isIPv6 } from 'node:net';

/** What kind of address an IP is, as far as server-side request forgery is concerned. */
export type AddressKind =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'multicast'
  | 'reserved'
  | 'invalid';

interface Range {
  readonly family: 4 | 6;
  readonly network: bigint;
  readonly prefix: number;
}

interface NamedRange extends Range {
  readonly kind: Exclude<AddressKind, 'public' | 'invalid'> | 'embedded-v4';
  /** For ranges that embed an IPv4 address: where its 32 bits start, counted from the most significant bit. */
  readonly v4Offset?: number;
}

/** An address parsed to a number; IPv4 addresses are 32-bit, IPv6 128-bit. */
interface ParsedAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

// Ranges that must not be reached from a feed URL (RFC 6890 special-purpose registries). IPv6 ranges
// that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by that IPv4 address.
const SPECIAL_RANGES: readonly NamedRange[] = [
  v4('0.0.0.0/8', 'unspecified'),
  v4('10.0.0.0/8', 'private'),
  v4('100.64.0.0/10', 'shared'),
  v4('127.0.0.0/8', 'loopback'),
  v4('169.254.0.0/16', 'link-local'),
  v4('172.16.0.0/12', 'private'),
  v4('192.0.0.0/24', 'reserved'),
  v4('192.0.2.0/24', 'reserved'),
  v4('192.88.99.0/24', 'reserved'),
  v4('192.168.0.0/16', 'private'),
  v4('198.18.0.0/15', 'reserved'),
  v4('198.51.100.0/24', 'reserved'),
  v4('203.0.113.0/24', 'reserved'),
  v4('224.0.0.0/4', 'multicast'),
  v4('240.0.0.0/4', 'reserved'),
  v6('::/128', 'unspecified'),
  v6('::1/128', 'loopback'),
  v6('::ffff:0:0/96', 'embedded-v4', 96),
  v6('::/96', 'embedded-v4', 96),
  v6('64:ff9b::/96', 'embedded-v4', 96),
  v6('64:ff9b:1::/48', 'private'),
  v6('100::/64', 'reserved'),
  v6('2001::/32', 'reserved'),
  v6('2001:db8::/32', 'reserved'),
  v6('2002::/16', 'embedded-v4', 16),
  v6('fc00::/7', 'private'),
  v6('fe80::/10', 'link-local'),
  v6('fec0::/10', 'private'),
  v6('ff00::/8', 'multicast'),
];

/**
 * Classifies an IP address (v4 or v6, with or without zone id) for SSRF protection.
 * Anything that is not `public` is refused unless the caller allows private addresses.
 * @example classifyAddress('::ffff:10.0.0.1') // 'private'
 */
export function classifyAddress(address: string): AddressKind {
  const parsed = parseAddress(address);
  if (!parsed) return 'invalid';
  return classifyParsed(parsed);
}

/** True when the string is an IP literal (v4, or v6 with or without brackets). */
export function isIpLiteral(host: string): boolean {
  return parseAddress(stripBrackets(host)) !== null;
}

/** Removes the brackets around an IPv6 host as it appears in a URL (`[::1]` → `::1`). */
export function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/** Who may be contacted: public addresses always; private ones only when allowed. */
export interface AddressPolicyOptions {
  /** Allow every non-public address (loopback, private, link-local, …). */
  allowPrivateAddresses?: boolean;
  /** CIDR ranges (e.g. `10.1.2.0/24`, `fd00::/8`) allowed even though not public; narrower than allowing all. */
  allowAddressRanges?: readonly string[];
}

/** The decision about one address: allowed, or refused with the kind that made it so. */
export type AddressDecision = { allowed: true } | { allowed: false; kind: AddressKind };

/** A compiled address policy; `check` is called for every address we are about to connect to. */
export class AddressPolicy {
  readonly allowPrivateAddresses: boolean;
  private readonly ranges: readonly Range[];
  /** A string that is equal for equal policies, used to keep connection pools apart. */
  readonly key: string;

  constructor(options: AddressPolicyOptions = {}) {
    this.allowPrivateAddresses = options.allowPrivateAddresses === true;
    this.ranges = (options.allowAddressRanges ?? []).map(parseCidr);
    this.key = this.allowPrivateAddresses ? 'all' : `public|${[...(options.allowAddressRanges ?? [])].sort().join(',')}`;
  }

  /** Decides whether connecting to this address is allowed. */
  check(address: string): AddressDecision {
    const parsed = parseAddress(address);
    if (!parsed) return { allowed: false, kind: 'invalid' };
    const kind = classifyParsed(parsed);
    if (kind === 'public' || this.allowPrivateAddresses) return { allowed: true };
    const inner = embeddedV4(parsed);
    for (const range of this.ranges) {
      if (inRange(parsed, range) || (inner !== null && inRange(inner, range))) return { allowed: true };
    }
    return { allowed: false, kind };
  }
}

function classifyParsed(parsed: ParsedAddress): AddressKind {
  for (const range of SPECIAL_RANGES) {
    if (!inRange(parsed, range)) continue;
    if (range.kind !== 'embedded-v4') return range.kind;
    // "::" and "::1" lie in ::/96 too but are matched by the earlier, narrower entries.
    return classifyParsed({ family: 4, value: extractV4(parsed.value, range.v4Offset ?? 96) });
  }
  return 'public';
}

/** The IPv4 address carried inside an IPv6 one (mapped, compatible, NAT64, 6to4), else null. */
function embeddedV4(parsed: ParsedAddress): ParsedAddress | null {
  if (parsed.family === 4) return null;
  for (const range of SPECIAL_RANGES) {
    if (range.kind === 'embedded-v4' && inRange(parsed, range)) {
      return { family: 4, value: extractV4(parsed.value, range.v4Offset ?? 96) };
    }
  }
  return null;
}

function extractV4(value: bigint, offset: number): bigint {
  return (value >> BigInt(128 - offset - 32)) & 0xffffffffn;
}

function inRange(address: ParsedAddress, range: Range): boolean {
  if (address.family !== range.family) return false;
  const bits = address.family === 4 ? 32 : 128;
  const shift = BigInt(bits - range.prefix);
  return address.value >> shift === range.network >> shift;
}

function parseAddress(input: string): ParsedAddress | null {
  const address = input.includes('%') ? input.slice(0, input.indexOf('%')) : input;
  if (isIPv4(address)) return { family: 4, value: parseV4(address) };
  if (isIPv6(address)) return { family: 6, value: parseV6(address) };
  return null;
}

function parseV4(address: string): bigint {
  let value = 0n;
  for (const part of address.split('.')) value = (value << 8n) | BigInt(Number(part));
  return value;
}

function parseV6(address: string): bigint {
  let text = address.toLowerCase();
  // A trailing dotted IPv4 part stands for the last two 16-bit groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const v4value = parseV4(tail);
    text = `${text.slice(0, lastColon + 1)}${(v4value >> 16n).toString(16)}:${(v4value & 0xffffn).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = rest === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(parseInt(group, 16));
  return value;
}

/** Parses "a.b.c.d/n" or "x::/n" (a bare address means a single host). Throws a user-facing error. */
function parseCidr(cidr: string): Range {
  const [address = '', prefixText] = cidr.trim().split('/');
  const parsed = parseAddress(stripBrackets(address));
  const bits = parsed?.family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!parsed || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
    throw new AddressRangeError(cidr);
  }
  return { family: parsed.family, network: parsed.value, prefix };
}

/** A malformed entry in `allowAddressRanges`. */
export class AddressRangeError extends Error {
  override readonly name = 'AddressRangeError';
  constructor(range: string) {
    super(`"${range}" is not an IP range; write it in CIDR form, for example 10.1.2.0/24 or fd00::/8.`);
  }
}

function v4(cidr: string, kind: NamedRange['kind']): NamedRange {
  return { ...parseCidr(cidr), kind };
}

function v6(cidr: string, kind: NamedRange['kind'], v4Offset?: number): NamedRange {
  return v4Offset === undefined ? { ...parseCidr(cidr), kind } : { ...parseCidr(cidr), kind, v4Offset };
}
