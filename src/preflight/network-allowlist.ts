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
 * The networks the local endpoint (and the gateway's preflight) may open connections to when it tests a migration source, so
 * that TestMigration cannot be turned into a port scanner of arbitrary hosts. The default holds
 * loopback and the private ranges where self-hosted sources live. Link-local addresses and the
 * cloud metadata service (169.254.169.254, and fd00:ec2::254 inside fc00::/7) are refused even
 * when a listed range holds them.
 */
export class NetworkAllowlist {
  static readonly DEFAULT_CIDRS: readonly string[] = [
    '127.0.0.0/8',
    '10.0.0.0/8',
    '172.16.0.0/12',
    '192.168.0.0/16',
    '::1/128',
    'fc00::/7',
  ];
  static readonly ALWAYS_REFUSED_CIDRS: readonly string[] = ['169.254.0.0/16', 'fe80::/10', 'fd00:ec2::/32'];
  static readonly #refused = NetworkAllowlist.#blockListOf(NetworkAllowlist.ALWAYS_REFUSED_CIDRS);

  readonly cidrs: readonly string[];
  readonly #blockList: BlockList;

  private constructor(cidrs: readonly string[], blockList: BlockList) {
    this.cidrs = cidrs;
    this.#blockList = blockList;
  }

  static parse(cidrs: readonly string[]): NetworkAllowlist {
    return new NetworkAllowlist([...cidrs], NetworkAllowlist.#blockListOf(cidrs));
  }

  static #blockListOf(cidrs: readonly string[]): BlockList {
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

  allows(ip: string): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
    const address = mapped ?? ip;
    const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
    if (!family || NetworkAllowlist.#refused.check(address, family)) return false;
    return this.#blockList.check(address, family);
  }
}
