import { clientKey } from './rate-limit.service';

describe('clientKey', () => {
  it('counts an IPv4 address (also written as IPv6) whole', () => {
    expect(clientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts the addresses of one IPv6 /64 as one client, however they are written', () => {
    const network = '2001:db8:85a3:42::/64';
    expect(clientKey('2001:db8:85a3:42::1')).toBe(network);
    expect(clientKey('2001:0db8:85a3:0042:abcd:ef01:2345:6789')).toBe(network);
    expect(clientKey('2001:DB8:85A3:42:ffff::')).toBe(network);
    expect(clientKey('2001:db8:85a3:43::1')).not.toBe(network);
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });
});
