import { describe, expect, it } from 'vitest';
import { isPrivateOrLoopback, NetworkAllowlist } from '../../src/preflight/network-allowlist.js';

describe('NetworkAllowlist with the default networks', () => {
  const allowlist = NetworkAllowlist.parse([...NetworkAllowlist.DEFAULT_CIDRS]);

  it.each([
    ['127.0.0.1', true],
    ['127.9.9.9', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', false],
    ['8.8.8.8', false],
    ['::1', true],
    ['::', false],
    ['fd00::1', true],
    ['2001:db8::1', false],
    ['::ffff:10.0.0.1', true],
    ['::ffff:8.8.8.8', false],
    ['not-an-ip', false],
    ['', false],
  ])('%s allowed: %s', (ip, allowed) => {
    expect(allowlist.allows(ip)).toBe(allowed);
  });
});

describe('NetworkAllowlist: what no allowlist opens', () => {
  const everything = NetworkAllowlist.parse(['0.0.0.0/0', '::/0']);

  it.each([
    '0.0.0.0',
    '0.1.2.3',
    '169.254.169.254',
    '169.254.0.1',
    '100.100.100.200',
    '168.63.129.16',
    '224.0.0.1',
    '239.255.255.255',
    '255.255.255.255',
    '::',
    'fe80::1',
    'fd00:ec2::254',
    'ff02::1',
  ])('%s is refused even under 0.0.0.0/0 and ::/0', (ip) => {
    expect(everything.allows(ip)).toBe(false);
  });

  it.each([
    ['::ffff:169.254.169.254', 'IPv4-mapped'],
    ['::a9fe:a9fe', 'IPv4-compatible'],
    ['::ffff:0:a9fe:a9fe', 'SIIT'],
    ['64:ff9b::a9fe:a9fe', 'NAT64'],
    ['64:ff9b:1::a9fe:a9fe', 'local-use NAT64'],
    ['2002:a9fe:a9fe::1', '6to4'],
    ['2001:0:1:2:3:4:5601:5601', 'Teredo (the IPv4 address inverted)'],
    ['::ffff:100.100.100.200', 'IPv4-mapped Alibaba metadata'],
    ['64:ff9b::a83f:8110', 'NAT64 of Azure 168.63.129.16'],
    ['::2', 'IPv4-compatible 0.0.0.2, this network'],
  ])('%s (%s form of a refused IPv4 address) is refused', (ip) => {
    expect(everything.allows(ip)).toBe(false);
  });

  it.each([
    ['::ffff:10.0.0.1', 'IPv4-mapped of an ordinary address'],
    ['64:ff9b::a00:1', 'NAT64 of 10.0.0.1'],
    ['2002:a00:1::1', '6to4 of 10.0.0.1'],
    ['2001:0:1:2:3:4:f5ff:fffe', 'Teredo of 10.0.0.1'],
    // Near misses of each form: not embedding anything, judged as IPv6.
    ['::ff00:a9fe:a9fe', 'bytes 10-11 ff00: neither mapped nor compatible'],
    ['::ff:a9fe:a9fe', 'bytes 10-11 00ff: neither mapped nor compatible'],
    ['::1:0:a9fe:a9fe', 'a non-zero byte before the SIIT prefix'],
    ['::ffff:1:a9fe:a9fe', 'SIIT prefix followed by 0001'],
    ['::ffff:100:a9fe:a9fe', 'SIIT prefix followed by 0100'],
    ['::ff:0:a9fe:a9fe', 'half a SIIT prefix (00ff)'],
    ['::ff00:0:a9fe:a9fe', 'half a SIIT prefix (ff00)'],
    ['1::ffff:0:a9fe:a9fe', 'SIIT suffix under another prefix'],
    ['65:ff9b::a9fe:a9fe', 'not the NAT64 prefix (65)'],
    ['64:ff9a::a9fe:a9fe', 'not the NAT64 prefix (ff9a)'],
    ['2003:a9fe:a9fe::1', 'not 6to4'],
    ['2001:1::5601:5601', 'not Teredo (2001:1::)'],
    ['2000:0::5601:5601', 'not Teredo (2000::)'],
    ['::1', 'loopback, not the IPv4-compatible 0.0.0.1'],
  ])('%s (%s) is allowed under ::/0', (ip) => {
    expect(everything.allows(ip)).toBe(true);
  });
});

describe('NetworkAllowlist.parse', () => {
  it.each([
    '10.0.0.0',
    '10.0.0.0/33',
    'banana/8',
    '::1/129',
    '10.0.0.0/8/1',
    '10.0.0.0/x',
    '10.0.0.0/8x',
    '10.0.0.0/x8',
    '10.0.0.0/',
  ])('refuses %s naming it', (cidr) => {
    expect(() => NetworkAllowlist.parse([cidr])).toThrow(`"${cidr}" is not a CIDR block like 10.0.0.0/8 or fc00::/7`);
  });

  it('reads blocks with spaces around them, keeps them as given, and allows what they hold only', () => {
    const list = NetworkAllowlist.parse([' 10.99.0.0/16 ', 'fc00::/128']);
    expect(list.cidrs).toEqual([' 10.99.0.0/16 ', 'fc00::/128']);
    expect(list.allows('10.99.1.1')).toBe(true);
    expect(list.allows('10.98.1.1')).toBe(false);
    expect(list.allows('fc00::')).toBe(true);
    expect(list.allows('fc00::1')).toBe(false);
  });
});

describe('isPrivateOrLoopback', () => {
  it.each([
    ['10.1.2.3', true],
    ['172.16.5.4', true],
    ['192.168.0.1', true],
    ['127.0.0.1', true],
    ['::1', true],
    ['fd12::1', true],
    ['::ffff:10.1.2.3', true],
    ['::FFFF:192.168.1.1', true],
    ['::ffff:8.8.8.8', false],
    ['8.8.8.8', false],
    ['2001:db8::1', false],
    ['not an address', false],
  ])('%s: %s', (ip, expected) => {
    expect(isPrivateOrLoopback(ip)).toBe(expected);
  });
});
