import { describe, expect, it } from '@jest/globals';
import { clientAddress, normalizeAddress } from './client-address.js';

describe('clientAddress', () => {
  it('writes IPv4-mapped IPv6 as IPv4 and keeps IPv4', () => {
    expect(normalizeAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('203.0.113.9')).toBe('203.0.113.9');
  });

  it('cuts IPv6 to its /64, however it is written', () => {
    expect(normalizeAddress('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
    expect(normalizeAddress('2001:0DB8:0000:0001::1')).toBe('2001:db8:0:1::/64');
    expect(normalizeAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(normalizeAddress('::1')).toBe('0:0:0:0::/64');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('prefers req.ip, falls back to the socket, and never answers an empty key', () => {
    expect(clientAddress({ ip: '::ffff:10.1.2.3', socket: { remoteAddress: '127.0.0.1' } })).toBe('10.1.2.3');
    expect(clientAddress({ socket: { remoteAddress: '10.9.9.9' } })).toBe('10.9.9.9');
    expect(clientAddress(undefined)).toBe('unknown');
  });
});
