import { CreateReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MigrationPreflightDocument,
  ReplicationGroupWithEventsDocument as ReplicationGroupEventsDocument,
  TestMigrationDocument,
} from '../../examples/generated/graphql.js';
import { NetworkAllowlist } from '../../src/preflight/network-allowlist.js';
import { MIGRATION_REQUIREMENTS } from '../../src/preflight/prerequisites.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { sdkClient } from '../support/sdk.js';

type Preflight = {
  ready: boolean;
  warnings: number;
  checks: { requirement: string; severity: string; passed: boolean; message: string }[];
};

describe('migrationPreflight over GraphQL', () => {
  let t: TestGateway;
  let withPassword: ThrowawayRedis;
  let withRenamedConfig: ThrowawayRedis;
  let withEightDatabases: ThrowawayRedis;
  let clustered: ThrowawayRedis;
  let silent: Server;
  let silentPort: number;
  const silentSockets = new Set<Socket>();

  beforeAll(async () => {
    t = await startTestGateway({ preflight: { timeoutMs: 800 }, local: { migration: { transitionMs: 20 } } });
    [withPassword, withRenamedConfig, withEightDatabases, clustered] = await Promise.all([
      startRedis(['--requirepass', 'S3cret-Passw0rd']),
      startRedis(['--rename-command', 'CONFIG', '']),
      startRedis(['--databases', '8']),
      startRedis(['--cluster-enabled', 'yes']),
    ]);
    // A peer that accepts and never answers.
    silent = createServer((socket) => {
      silentSockets.add(socket);
      socket.on('close', () => silentSockets.delete(socket));
      socket.resume();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as { port: number }).port;
    const sdk = sdkClient(t.endpoint);
    await sdk.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'old-redis',
        ReplicationGroupDescription: 'Redis OSS 4, single AZ',
        EngineVersion: '4.0.10',
        NumCacheClusters: 2,
        MultiAZEnabled: false,
      }),
    );
    sdk.destroy();
    await t.endpoint.settled();
  }, 30_000);
  afterAll(async () => {
    for (const socket of silentSockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
    await Promise.all([withPassword, withRenamedConfig, withEightDatabases, clustered].map((server) => server.stop()));
    await t.close();
  });

  async function preflight(replicationGroupId: string, port: number, address = '127.0.0.1', gateway = t) {
    const result = await gateway.execute(MigrationPreflightDocument, {
      input: { replicationGroupId, customerNodeEndpointList: [{ address, port }] },
    });
    expect(result.errors).toBeUndefined();
    return result.data?.migrationPreflight;
  }

  it('finds a clean source and a qualifying target ready, listing every check passed', async () => {
    t.endpoint.resetCalls();
    const answer = (await preflight('orders-cache', 6379)) as Preflight & { __typename: string };
    expect(answer.__typename).toBe('MigrationPreflight');
    expect(answer.ready).toBe(true);
    expect(answer.checks.map((check) => check.requirement)).toEqual([...MIGRATION_REQUIREMENTS]);
    expect(answer.checks.every((check) => check.passed)).toBe(true);
    expect(answer.warnings).toBe(0);
    expect(answer.checks.find((check) => check.requirement === 'TARGET_ENGINE_VERSION')).toEqual({
      requirement: 'TARGET_ENGINE_VERSION',
      severity: 'ERROR',
      passed: true,
      message: 'target engine is Redis OSS 7.1 (needs Valkey, or Redis OSS 5.0.6 or later)',
    });
    // Reads only: the group and one member cluster; nothing is started.
    expect(t.endpoint.calls.map((call) => call.action)).toEqual(['DescribeReplicationGroups', 'DescribeCacheClusters']);
  });

  it.each([
    ['requirepass', () => withPassword.port, ['SOURCE_AUTH_REQUIRED']],
    ['a renamed CONFIG', () => withRenamedConfig.port, ['SOURCE_COMMAND_RENAMED']],
    ['8 databases', () => withEightDatabases.port, ['DATABASES_MISMATCH']],
    ['cluster mode enabled', () => clustered.port, ['CLUSTER_MODE_MISMATCH']],
  ])('names what a source with %s misses', async (_case, port, expected) => {
    const answer = (await preflight('orders-cache', port())) as Preflight;
    expect(answer.ready).toBe(false);
    expect(failed(answer)).toEqual(expected);
    expect(JSON.stringify(answer)).not.toContain('S3cret');
  });

  it('says what it found and needed: the databases, and the renamed commands', async () => {
    const eight = (await preflight('orders-cache', withEightDatabases.port)) as Preflight;
    expect(eight.checks.find((check) => check.requirement === 'DATABASES_MISMATCH')?.message).toBe(
      'source has 8 logical databases, target has 16 (they must be equal)',
    );
    const renamed = (await preflight('orders-cache', withRenamedConfig.port)) as Preflight;
    expect(renamed.checks.find((check) => check.requirement === 'SOURCE_COMMAND_RENAMED')?.message).toBe(
      'source has renamed or disabled CONFIG (replication needs them under their own names)',
    );
    // What it could not ask is said so, not passed.
    expect(renamed.checks.find((check) => check.requirement === 'DATABASES_MISMATCH')).toEqual({
      requirement: 'DATABASES_MISMATCH',
      severity: 'ERROR',
      passed: false,
      message: 'not checked: the source did not answer the command that tells (renamed or refused)',
    });
  });

  it('answers within PREFLIGHT_TIMEOUT_MS against a peer that never answers', async () => {
    const started = Date.now();
    const answer = (await preflight('orders-cache', silentPort)) as Preflight;
    // 800 ms for the source, plus two AWS reads on loopback.
    expect(Date.now() - started).toBeLessThan(800 + 700);
    expect(failed(answer)).toContain('SOURCE_UNREACHABLE');
    expect(answer.checks.find((check) => check.requirement === 'SOURCE_UNREACHABLE')?.message).toMatch(
      new RegExp(`^source 127\\.0\\.0\\.1:${silentPort} is unreachable \\(no answer in time\\)$`),
    );
  });

  it('fails every target rule a target breaks', async () => {
    // analytics-tls: in-transit encryption, a global datastore, data tiering on r6gd, cluster mode.
    const analytics = (await preflight('analytics-tls', 6379)) as Preflight;
    expect(failed(analytics)).toEqual([
      'TARGET_TRANSIT_ENCRYPTION',
      'TARGET_GLOBAL_DATASTORE',
      'TARGET_DATA_TIERING',
      'TARGET_NODE_TYPE',
      'CLUSTER_MODE_MISMATCH',
    ]);
    const old = (await preflight('old-redis', 6379)) as Preflight;
    // A Redis OSS 4.0 target cannot load a 7.0 source's snapshot either.
    expect(failed(old)).toEqual(['TARGET_ENGINE_VERSION', 'TARGET_MULTI_AZ', 'SOURCE_VERSION_NEWER_THAN_TARGET']);
    expect(old.checks.find((check) => check.requirement === 'TARGET_ENGINE_VERSION')?.message).toBe(
      'target engine is Redis OSS 4.0.10 (needs Valkey, or Redis OSS 5.0.6 or later)',
    );
  });

  it('answers a missing group and bad input with typed results, the input before any AWS call', async () => {
    const missing = await preflight('no-such-group', 6379);
    expect(missing).toMatchObject({
      __typename: 'ReplicationGroupNotFoundFault',
      code: 'ReplicationGroupNotFoundFault',
    });
    expect((missing as { requestId?: string }).requestId).toMatch(/\S/);
    t.endpoint.resetCalls();
    const refused = await t.execute(MigrationPreflightDocument, {
      input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port: 0 }] },
    });
    expect(refused.data?.migrationPreflight).toMatchObject({
      __typename: 'ElastiCacheInvalidInputError',
      field: 'input.customerNodeEndpointList[0].port',
    });
    expect(t.endpoint.calls).toEqual([]);
  });

  it("agrees with the local endpoint's TestMigration on the same source and target", async () => {
    for (const port of [withRenamedConfig.port, withEightDatabases.port, withPassword.port]) {
      const answer = (await preflight('orders-cache', port)) as Preflight;
      const causes = answer.checks
        .filter((check) => !check.passed && !check.message.startsWith('not checked'))
        .map((check) => check.message);
      const test = await t.execute(TestMigrationDocument, {
        input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port }] },
      });
      expect(test.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
      await t.endpoint.settled();
      const events = await t.execute(ReplicationGroupEventsDocument, { replicationGroupId: 'orders-cache' });
      // Events come oldest first: the newest outcome is this test's.
      const outcome = (events.data?.replicationGroup?.events ?? [])
        .map((event) => event.message)
        .filter((message) => message?.startsWith('Test migration failed'))
        .at(-1);
      expect(outcome).toBe(
        `Test migration failed for replication group orders-cache with source endpoint 127.0.0.1:${port}: ${causes.join('; ')}.`,
      );
    }
  }, 30_000);
});

describe('migrationPreflight where it may not connect', () => {
  it('refuses a loopback source outside PREFLIGHT_ALLOWED_NETWORKS', async () => {
    const t = await startTestGateway({ preflight: { allowlist: NetworkAllowlist.parse(['10.20.0.0/16']) } });
    try {
      const result = await t.execute(MigrationPreflightDocument, {
        input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port: 6379 }] },
      });
      const answer = result.data?.migrationPreflight as Preflight;
      expect(answer.ready).toBe(false);
      expect(answer.checks.find((check) => check.requirement === 'SOURCE_ADDRESS_NOT_ALLOWED')).toEqual({
        requirement: 'SOURCE_ADDRESS_NOT_ALLOWED',
        severity: 'ERROR',
        passed: false,
        message: 'source address 127.0.0.1 is outside the networks this endpoint may connect to',
      });
    } finally {
      await t.close();
    }
  });

  it('refuses metadata and link-local addresses, and names resolving to them, without reaching the connect step', async () => {
    const lookups: string[] = [];
    const connects: string[] = [];
    const t = await startTestGateway({
      preflight: {
        // Even an allowlist of everything: these are refused whatever it says.
        allowlist: NetworkAllowlist.parse(['0.0.0.0/0', '::/0']),
        network: {
          lookup: (host) => {
            lookups.push(host);
            return Promise.resolve(host === 'metadata.attacker.example' ? ['169.254.169.254'] : ['fd00:ec2::254']);
          },
          connect: (ip, port) => {
            connects.push(`${ip}:${port}`);
            throw new Error('the connect step must not be reached');
          },
        },
      },
    });
    try {
      for (const address of [
        '169.254.169.254',
        'fd00:ec2::254',
        'metadata.attacker.example',
        'ipv6.attacker.example',
      ]) {
        const result = await t.execute(MigrationPreflightDocument, {
          input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address, port: 80 }] },
        });
        const answer = result.data?.migrationPreflight as Preflight;
        expect(answer.ready, address).toBe(false);
        expect(failed(answer), address).toEqual(['SOURCE_ADDRESS_NOT_ALLOWED']);
      }
      expect(lookups).toEqual(['metadata.attacker.example', 'ipv6.attacker.example']);
      expect(connects).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

function failed(answer: Preflight): string[] {
  return answer.checks
    .filter((check) => !check.passed && !check.message.startsWith('not checked'))
    .map((check) => check.requirement);
}
