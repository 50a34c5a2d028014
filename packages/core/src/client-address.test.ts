import { describe, expect, it } from 'vitest';
import { clientAddressKey } from './client-address.js';

describe('client address key', () => {
  it('keeps IPv4, and unwraps IPv4-mapped IPv6', () => {
    expect(clientAddressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('puts every address of one IPv6 /64 under one key, and other /64s under others', () => {
    const key = clientAddressKey('2001:db8:1:2::1');
    expect(clientAddressKey('2001:0db8:0001:0002:ffff:ffff:ffff:fffe')).toBe(key);
    expect(key).toBe('2001:db8:1:2::/64');
    expect(clientAddressKey('2001:db8:1:3::1')).not.toBe(key);
    expect(clientAddressKey('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps what it cannot read as its own key, and names a missing address', () => {
    expect(clientAddressKey('not:an:address::x::')).toBe('not:an:address::x::');
    expect(clientAddressKey(null)).toBe('unknown');
  });
});
