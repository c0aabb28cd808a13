import { connect, Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NetworkAllowlist } from '../../src/preflight/network-allowlist.js';
import { checkMigrationPrerequisites, type SourceNetwork } from '../../src/preflight/prerequisites.js';
import { QUALIFYING_TARGET } from '../support/migration-target.js';

const TARGET = QUALIFYING_TARGET;

/**
 * Resolution and the connect step, injected: names resolve from `names`; every connection is
 * recorded, and goes to the machine's Redis on loopback (or, with `refuse`, fails at once without
 * a packet). No test here sends anything to any address but 127.0.0.1.
 */
function injected(names: Record<string, string[]>, { refuse = false } = {}) {
  const lookups: string[] = [];
  const connects: string[] = [];
  const network: SourceNetwork = {
    lookup: (host) => {
      lookups.push(host);
      const addresses = names[host];
      return addresses ? Promise.resolve(addresses) : Promise.reject(new Error(`getaddrinfo ENOTFOUND ${host}`));
    },
    connect: (ip, port) => {
      connects.push(`${ip}:${port}`);
      if (!refuse) return connect({ host: '127.0.0.1', port: 6379 });
      const socket = new Socket();
      process.nextTick(() =>
        socket.destroy(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
      );
      return socket;
    },
  };
  return { network, lookups, connects };
}

const options = (network: SourceNetwork, cidrs = [...NetworkAllowlist.DEFAULT_CIDRS]) => ({
  timeoutMs: 2_000,
  allowlist: NetworkAllowlist.parse(cidrs),
  network,
});

describe('the preflight never connects where it must not', () => {
  it.each([
    ['169.254.169.254', 'the IPv4 metadata service'],
    ['169.254.10.1', 'a link-local address'],
    ['fd00:ec2::254', 'the IPv6 metadata service'],
    ['fe80::1', 'an IPv6 link-local address'],
    ['64:ff9b::a9fe:a9fe', 'the metadata service through NAT64'],
    ['64:ff9b:1::a9fe:a9fe', 'the metadata service through local-use NAT64'],
    ['::169.254.169.254', 'the metadata service, IPv4-compatible'],
    ['::ffff:169.254.169.254', 'the metadata service, IPv4-mapped'],
    ['::ffff:0:a9fe:a9fe', 'the metadata service through SIIT'],
    ['2002:a9fe:a9fe::1', 'the metadata service through 6to4'],
    ['0.0.0.0', 'this host, unspecified'],
    ['::', 'this host, unspecified (IPv6)'],
    ['100.100.100.200', "Alibaba Cloud's metadata service"],
    ['168.63.129.16', "Azure's wire server"],
  ])('refuses %s (%s) before any connection, whatever the allowlist holds', async (address) => {
    const { network, lookups, connects } = injected({});
    const everything = ['0.0.0.0/0', '::/0'];
    const result = await checkMigrationPrerequisites({ address, port: 6379 }, TARGET, options(network, everything));
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        requirement: 'SOURCE_ADDRESS_NOT_ALLOWED',
        message: `source address ${address} is outside the networks this endpoint may connect to`,
      },
    ]);
    expect(lookups).toEqual([]);
    expect(connects).toEqual([]);
  });

  it('judges embedded IPv4 forms by the IPv4 address too, without refusing ordinary ones', () => {
    const everything = NetworkAllowlist.parse(['0.0.0.0/0', '::/0']);
    for (const address of ['64:ff9b::a00:1', '::ffff:10.0.0.1', '2001:db8::1', '10.0.0.1', '::1', '127.0.0.1'])
      expect({ address, allowed: everything.allows(address) }).toEqual({ address, allowed: true });
    // Under the default allowlist an IPv4-mapped address counts as the IPv4 one.
    const defaults = NetworkAllowlist.parse([...NetworkAllowlist.DEFAULT_CIDRS]);
    expect(defaults.allows('::ffff:10.1.2.3')).toBe(true);
    expect(defaults.allows('::ffff:8.8.8.8')).toBe(false);
  });

  it('refuses a host name resolving to a metadata address (or to one among others), resolving it once', async () => {
    const { network, lookups, connects } = injected({
      'metadata.attacker.example': ['169.254.169.254'],
      'mixed.attacker.example': ['10.0.0.5', 'fd00:ec2::254'],
      'nat64.attacker.example': ['64:ff9b::a9fe:a9fe'],
    });
    for (const address of ['metadata.attacker.example', 'mixed.attacker.example', 'nat64.attacker.example']) {
      const result = await checkMigrationPrerequisites({ address, port: 6379 }, TARGET, options(network));
      expect(result.problems.map((problem) => problem.requirement)).toEqual(['SOURCE_ADDRESS_NOT_ALLOWED']);
    }
    expect(lookups).toEqual(['metadata.attacker.example', 'mixed.attacker.example', 'nat64.attacker.example']);
    expect(connects).toEqual([]);
  });

  it('refuses a loopback address outside a configured allowlist without connecting', async () => {
    const { network, connects } = injected({});
    const result = await checkMigrationPrerequisites(
      { address: '127.0.0.1', port: 6379 },
      TARGET,
      options(network, ['10.20.0.0/16']),
    );
    expect(result.problems.map((problem) => problem.requirement)).toEqual(['SOURCE_ADDRESS_NOT_ALLOWED']);
    expect(connects).toEqual([]);
  });

  it('connects only to the address it resolved, for the greeting and for the commands alike', async () => {
    const { network, lookups, connects } = injected({ 'redis.internal.example': ['10.1.2.3'] });
    const result = await checkMigrationPrerequisites(
      { address: 'redis.internal.example', port: 6380 },
      TARGET,
      options(network),
    );
    // Every connection went through the injected step (to 10.1.2.3:6380, served by loopback here).
    expect(lookups).toEqual(['redis.internal.example']);
    expect(connects).toEqual(['10.1.2.3:6380', '10.1.2.3:6380']);
    expect(result.ok).toBe(true);
    expect(result.checks.find((check) => check.requirement === 'SOURCE_PRIVATE_ADDRESS')).toEqual({
      requirement: 'SOURCE_PRIVATE_ADDRESS',
      severity: 'ERROR',
      passed: true,
      message: 'source address 10.1.2.3 is private (ElastiCache reaches sources by private IP)',
    });
  });

  it('reports a public source address, and leaves the source checks it could not make unchecked', async () => {
    const { network, connects } = injected({ 'public.example': ['203.0.113.10'] }, { refuse: true });
    const result = await checkMigrationPrerequisites(
      { address: 'public.example', port: 6379 },
      TARGET,
      options(network, ['203.0.113.0/24']),
    );
    expect(connects).toEqual(['203.0.113.10:6379']);
    expect(result.problems.map((problem) => problem.requirement)).toEqual([
      'SOURCE_PRIVATE_ADDRESS',
      'SOURCE_UNREACHABLE',
    ]);
    const unchecked = result.checks.filter((check) => check.message.startsWith('not checked'));
    expect(unchecked.map((check) => check.requirement)).toEqual([
      'SOURCE_AUTH_REQUIRED',
      'SOURCE_PROTECTED_MODE',
      'SOURCE_VERSION_TOO_OLD',
      'SOURCE_VERSION_NEWER_THAN_TARGET',
      'DATABASES_MISMATCH',
      'SOURCE_COMMAND_RENAMED',
      'CLUSTER_MODE_MISMATCH',
      'SHARD_COUNT_MISMATCH',
      'SOURCE_PORTS_DIFFER',
      'TARGET_MEMORY',
      'SOURCE_MAXMEMORY_POLICY',
      'SOURCE_REPLICA_OUTPUT_BUFFER',
    ]);
    expect(unchecked.every((check) => !check.passed)).toBe(true);
  });

  it('bounds the whole check, a slow resolver included', async () => {
    const network: SourceNetwork = {
      lookup: () => new Promise(() => undefined),
      connect: () => {
        throw new Error('never reached');
      },
    };
    const started = Date.now();
    const result = await checkMigrationPrerequisites({ address: 'slow.example', port: 6379 }, TARGET, {
      ...options(network),
      timeoutMs: 300,
    });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(result.problems[0]?.message).toBe(
      'source host slow.example could not be resolved (DNS lookup timed out after 300 ms)',
    );
  });

  it('checks the target node type: online migration does not support r6gd nodes', async () => {
    const { network } = injected({});
    const result = await checkMigrationPrerequisites(
      { address: '127.0.0.1', port: 6379 },
      { ...TARGET, cacheNodeType: 'cache.r6gd.xlarge' },
      options(network),
    );
    expect(result.problems).toEqual([
      {
        requirement: 'TARGET_NODE_TYPE',
        message: 'target nodes are cache.r6gd.xlarge (online migration does not support r6gd nodes)',
      },
    ]);
  });
});
