import ipaddr from 'ipaddr.js';
import { BlockList, isIPv4, isIPv6 } from 'node:net';

const PRIVATE_OR_LOOPBACK = (() => {
  const list = new BlockList();
  for (const [network, prefix] of [
    ['10.0.0.0', 8],
    ['172.16.0.0', 12],
    ['192.168.0.0', 16],
    ['127.0.0.0', 8],
  ] as const)
    list.addSubnet(network, prefix, 'ipv4');
  list.addSubnet('fc00::', 7, 'ipv6');
  list.addSubnet('::1', 128, 'ipv6');
  return list;
})();

/** RFC 1918 and unique-local addresses, or this machine: where a source ElastiCache can reach privately lives. */
export function isPrivateOrLoopback(ip: string): boolean {
  const address = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1] ?? ip;
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  return family !== null && PRIVATE_OR_LOOPBACK.check(address, family);
}

/**
 * IPv6 forms that carry an IPv4 address, and where: IPv4-mapped and -compatible, SIIT (RFC
 * 6145), NAT64 (RFC 6052 and the local-use 64:ff9b:1::/48), 6to4 and Teredo (inverted). A
 * connection to one of them reaches, or may be translated to, that IPv4 address: it is judged
 * as that address too.
 */
function embeddedIPv4(address: ipaddr.IPv6): string | null {
  const bytes = address.toByteArray();
  const last32 = (xor = 0) =>
    bytes
      .slice(12, 16)
      .map((byte) => byte ^ xor)
      .join('.');
  const zeroUntil = (end: number) => bytes.slice(0, end).every((byte) => byte === 0);
  const hex = address.toNormalizedString().split(':');
  // :: and ::1 are themselves (unspecified, loopback), not IPv4-compatible forms of 0.0.0.x.
  if (zeroUntil(15) && (bytes[15] ?? 0) <= 1) return null;
  if (zeroUntil(10) && ((bytes[10] === 0xff && bytes[11] === 0xff) || (bytes[10] === 0 && bytes[11] === 0)))
    return last32();
  if (zeroUntil(8) && bytes[8] === 0xff && bytes[9] === 0xff && bytes[10] === 0 && bytes[11] === 0) return last32();
  if (hex[0] === '64' && hex[1] === 'ff9b') return last32();
  if (hex[0] === '2002') return bytes.slice(2, 6).join('.');
  if (hex[0] === '2001' && hex[1] === '0') return last32(0xff);
  return null;
}
export class NetworkAllowlist {
  static readonly DEFAULT_CIDRS: readonly string[] = [
    '127.0.0.0/8',
    '10.0.0.0/8',
    '172.16.0.0/12',
    '192.168.0.0/16',
    '::1/128',
    'fc00::/7',
  ];
  /**
   * Never a migration source, whatever the allowlist says: "this network" and the unspecified
   * address (0.0.0.0 and :: connect to this host), link-local and the metadata services of AWS
   * (169.254.169.254, fd00:ec2::254), Alibaba (100.100.100.200) and Azure (168.63.129.16),
   * multicast and broadcast.
   */
  static readonly ALWAYS_REFUSED_CIDRS: readonly string[] = [
    '0.0.0.0/8',
    '169.254.0.0/16',
    '100.100.100.200/32',
    '168.63.129.16/32',
    '224.0.0.0/4',
    '255.255.255.255/32',
    '::/128',
    'fe80::/10',
    'fd00:ec2::/32',
    'ff00::/8',
  ];

  readonly cidrs: readonly string[];
  readonly #blockList: BlockList;

  private constructor(cidrs: readonly string[], blockList: BlockList) {
    this.cidrs = cidrs;
    this.#blockList = blockList;
  }

  static parse(cidrs: readonly string[]): NetworkAllowlist {
    return new NetworkAllowlist([...cidrs], blockListOf(cidrs));
  }

  allows(ip: string): boolean {
    if (!ipaddr.isValid(ip)) return false;
    const parsed = ipaddr.parse(ip);
    if (parsed.kind() === 'ipv4') return this.#allowsIn(parsed.toString(), 'ipv4');
    const v6 = parsed as ipaddr.IPv6;
    const inner = embeddedIPv4(v6);
    if (inner !== null && ALWAYS_REFUSED.check(inner, 'ipv4')) return false;
    // An IPv4-mapped address is that IPv4 address: the allowlist judges it as one.
    if (v6.isIPv4MappedAddress()) return this.#allowsIn(v6.toIPv4Address().toString(), 'ipv4');
    return this.#allowsIn(v6.toNormalizedString(), 'ipv6');
  }

  #allowsIn(address: string, family: 'ipv4' | 'ipv6'): boolean {
    if (ALWAYS_REFUSED.check(address, family)) return false;
    return this.#blockList.check(address, family);
  }
}

function blockListOf(cidrs: readonly string[]): BlockList {
  const blockList = new BlockList();
  for (const cidr of cidrs) {
    const [network = '', prefixText, ...rest] = cidr.trim().split('/');
    const family = isIPv4(network) ? 'ipv4' : isIPv6(network) ? 'ipv6' : null;
    const prefix = Number(prefixText);
    const maxPrefix = family === 'ipv4' ? 32 : 128;
    if (!family || rest.length > 0 || prefixText === undefined || !/^\d+$/.test(prefixText) || prefix > maxPrefix) {
      throw new Error(`"${cidr}" is not a CIDR block like 10.0.0.0/8 or fc00::/7`);
    }
    blockList.addSubnet(network, prefix, family);
  }
  return blockList;
}

const ALWAYS_REFUSED = blockListOf(NetworkAllowlist.ALWAYS_REFUSED_CIDRS);
