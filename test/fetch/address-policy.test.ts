import { describe, expect, it } from 'vitest';
import { AddressPolicy, AddressRangeError, classifyAddress, isIpLiteral } from '../../src/fetch/address-policy.js';
import type { AddressKind } from '../../src/fetch/address-policy.js';

describe('classifyAddress', () => {
  it.each<[string, AddressKind]>([
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
    ['172.15.255.255', 'public'],
    ['172.32.0.1', 'public'],
    ['100.63.255.255', 'public'],
    ['100.128.0.0', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.10', 'private'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['169.254.169.254', 'link-local'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['198.18.0.1', 'reserved'],
    ['2a00:1450:400e:80c::200e', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'private'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.1.2.3', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:8.8.8.8', 'public'],
    ['::127.0.0.1', 'loopback'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
    ['64:ff9b::808:808', 'public'],
    ['2002:c0a8:0101::1', 'private'],
    ['2002:0808:0808::1', 'public'],
    ['not-an-ip', 'invalid'],
    ['256.1.1.1', 'invalid'],
    ['', 'invalid'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });
});

describe('isIpLiteral', () => {
  it.each([
    ['127.0.0.1', true],
    ['[::1]', true],
    ['::1', true],
    ['example.nl', false],
    ['localhost', false],
  ])('%s → %s', (host, expected) => {
    expect(isIpLiteral(host)).toBe(expected);
  });
});

describe('AddressPolicy', () => {
  it('allows only public addresses by default', () => {
    const policy = new AddressPolicy();
    expect(policy.check('8.8.8.8')).toEqual({ allowed: true });
    expect(policy.check('10.0.0.1')).toEqual({ allowed: false, kind: 'private' });
    expect(policy.check('garbage')).toEqual({ allowed: false, kind: 'invalid' });
  });

  it('allows everything except garbage with allowPrivateAddresses', () => {
    const policy = new AddressPolicy({ allowPrivateAddresses: true });
    expect(policy.check('127.0.0.1')).toEqual({ allowed: true });
    expect(policy.check('fe80::1')).toEqual({ allowed: true });
    expect(policy.check('garbage').allowed).toBe(false);
  });

  it('allows listed ranges only, including their IPv4-mapped form', () => {
    const policy = new AddressPolicy({ allowAddressRanges: ['10.1.2.0/24', 'fd00::/8', '127.0.0.1'] });
    expect(policy.check('10.1.2.200')).toEqual({ allowed: true });
    expect(policy.check('::ffff:10.1.2.7')).toEqual({ allowed: true });
    expect(policy.check('10.1.3.1')).toEqual({ allowed: false, kind: 'private' });
    expect(policy.check('fd00::5')).toEqual({ allowed: true });
    expect(policy.check('fc00::5')).toEqual({ allowed: false, kind: 'private' });
    expect(policy.check('127.0.0.1')).toEqual({ allowed: true });
    expect(policy.check('127.0.0.2')).toEqual({ allowed: false, kind: 'loopback' });
  });

  it('gives equal keys to equal policies and different keys otherwise', () => {
    expect(new AddressPolicy({ allowAddressRanges: ['10.0.0.0/8', '::1'] }).key).toBe(
      new AddressPolicy({ allowAddressRanges: ['::1', '10.0.0.0/8'] }).key,
    );
    expect(new AddressPolicy().key).not.toBe(new AddressPolicy({ allowPrivateAddresses: true }).key);
  });

  it.each(['10.0.0.0/33', 'intranet', '10.0.0.0/x', '::/129'])('rejects the range %s with a readable error', (range) => {
    expect(() => new AddressPolicy({ allowAddressRanges: [range] })).toThrow(AddressRangeError);
    expect(() => new AddressPolicy({ allowAddressRanges: [range] })).toThrow(/CIDR form, for example 10\.1\.2\.0\/24/);
  });
});
