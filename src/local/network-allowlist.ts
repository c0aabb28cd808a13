import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * The networks the local endpoint may open connections to when it tests a migration source, so
 * that TestMigration cannot be turned into a port scanner of arbitrary hosts. The default holds
 * loopback and the private ranges where self-hosted sources live; link-local (169.254/16, the
 * cloud metadata service) is deliberately absent.
 */
export class NetworkAllowlist {
  static readonly DEFAULT_CIDRS: readonly string[] = ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '::1/128', 'fc00::/7'];

  readonly cidrs: readonly string[];
  readonly #blockList: BlockList;

  private constructor(cidrs: readonly string[], blockList: BlockList) {
    this.cidrs = cidrs;
    this.#blockList = blockList;
  }

  static parse(cidrs: readonly string[]): NetworkAllowlist {
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
    return new NetworkAllowlist([...cidrs], blockList);
  }

  allows(ip: string): boolean {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
    const address = mapped ?? ip;
    if (isIPv4(address)) return this.#blockList.check(address, 'ipv4');
    if (isIPv6(address)) return this.#blockList.check(address, 'ipv6');
    return false;
  }
}
