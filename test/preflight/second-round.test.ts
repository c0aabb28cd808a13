import {
  CreateReplicationGroupCommand,
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  StartMigrationCommand,
  TestMigrationCommand,
  type ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkAllowlist } from '../../src/preflight/network-allowlist.js';
import { checkMigrationPrerequisites, type MigrationCheckResult } from '../../src/preflight/prerequisites.js';
import { knownNodeTypes, nodeTypeMaxmemory } from '../../src/rules/node-types.js';
import { rdbFormatOf } from '../../src/rules/rdb-formats.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { QUALIFYING_TARGET } from '../support/migration-target.js';
import { startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { sdkClient } from '../support/sdk.js';
import { eventually } from '../support/eventually.js';

const OPTIONS = { timeoutMs: 3_000, allowlist: NetworkAllowlist.parse([...NetworkAllowlist.DEFAULT_CIDRS]) };
const MACHINE_REDIS = { address: '127.0.0.1', port: 6379 };

const check = (result: MigrationCheckResult, requirement: string) =>
  result.checks.find((candidate) => candidate.requirement === requirement);

describe('snapshot formats', () => {
  it('knows which engine reads which source: Valkey reads Redis OSS 7.2, not 7.4', () => {
    expect(rdbFormatOf('redis', '7.4.1')).toBeGreaterThan(rdbFormatOf('valkey', '8.2'));
    expect(rdbFormatOf('redis', '7.2.4')).toBe(rdbFormatOf('valkey', '8.2'));
    expect(rdbFormatOf('redis', '7.0.15')).toBeGreaterThan(rdbFormatOf('redis', '6.2'));
    expect(rdbFormatOf('redis', '6.2')).toBe(rdbFormatOf('redis', '5.0.6'));
    expect(rdbFormatOf('redis', '2.8.21')).toBeLessThan(rdbFormatOf('redis', '3.2'));
  });
});

describe('the node-type memory table', () => {
  it('knows the memory of every node type the local endpoint accepts, growing with the size', async () => {
    const t = await startTestGateway();
    const client = sdkClient(t.endpoint);
    try {
      for (const [index, type] of knownNodeTypes().entries()) {
        await client.send(
          new CreateReplicationGroupCommand({
            ReplicationGroupId: `node-type-${index}`,
            ReplicationGroupDescription: type,
            CacheNodeType: type,
            // r6gd nodes are data tiering nodes (the endpoint insists, as AWS does).
            ...(type.includes('.r6gd.') ? { DataTieringEnabled: true } : {}),
          }),
        );
        expect(nodeTypeMaxmemory(type)).toBeGreaterThan(256 * 1024 * 1024);
      }
      // A type the table does not know is refused by name.
      await expect(
        client.send(
          new CreateReplicationGroupCommand({
            ReplicationGroupId: 'node-type-unknown',
            ReplicationGroupDescription: 'x',
            CacheNodeType: 'cache.m4.large',
          }),
        ),
      ).rejects.toThrow('Invalid value for CacheNodeType: cache.m4.large.');
      const sizes = ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge'];
      for (const family of ['t3', 'm5', 'r5']) {
        const memories = sizes
          .map((size) => nodeTypeMaxmemory(`cache.${family}.${size}`))
          .filter((memory): memory is number => memory !== undefined);
        expect(memories).toEqual([...memories].sort((a, b) => a - b));
      }
    } finally {
      client.destroy();
      await t.close();
    }
  });
});

/** Each new requirement failing and passing, against real redis-server processes. */
describe('the preflight, second round', () => {
  const servers: ThrowawayRedis[] = [];
  let evicting: ThrowawayRedis;
  let tinyReplicaBuffer: ThrowawayRedis;

  beforeAll(async () => {
    [evicting, tinyReplicaBuffer] = await Promise.all([
      startRedis(['--maxmemory', '100mb', '--maxmemory-policy', 'allkeys-lru']),
      startRedis(['--client-output-buffer-limit', 'replica 1024 0 0']),
    ]);
    servers.push(evicting, tinyReplicaBuffer);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('TARGET_STATUS: a target that is not available is an ERROR', async () => {
    const busy = await checkMigrationPrerequisites(
      MACHINE_REDIS,
      { ...QUALIFYING_TARGET, status: 'modifying' },
      OPTIONS,
    );
    expect(busy.ok).toBe(false);
    expect(check(busy, 'TARGET_STATUS')).toEqual({
      requirement: 'TARGET_STATUS',
      severity: 'ERROR',
      passed: false,
      message: 'target is modifying (it must be available)',
    });
    const ready = await checkMigrationPrerequisites(MACHINE_REDIS, QUALIFYING_TARGET, OPTIONS);
    expect(check(ready, 'TARGET_STATUS')?.passed).toBe(true);
  });

  it('SOURCE_VERSION_NEWER_THAN_TARGET: the target must read the source snapshot format', async () => {
    const older = await checkMigrationPrerequisites(
      MACHINE_REDIS,
      { ...QUALIFYING_TARGET, engineVersion: '6.2' },
      OPTIONS,
    );
    expect(older.ok).toBe(false);
    expect(check(older, 'SOURCE_VERSION_NEWER_THAN_TARGET')?.message).toMatch(
      /^source Redis OSS 7\.\d+\.\d+ writes snapshot format 10, newer than target Redis OSS 6\.2 reads \(up to 9\): the target cannot load its snapshot$/,
    );
    const valkey = await checkMigrationPrerequisites(
      MACHINE_REDIS,
      { ...QUALIFYING_TARGET, engine: 'valkey', engineVersion: '8.0' },
      OPTIONS,
    );
    expect(check(valkey, 'SOURCE_VERSION_NEWER_THAN_TARGET')).toMatchObject({ severity: 'ERROR', passed: true });
  });

  it('TARGET_MEMORY: the source data must fit a target node, less reserved memory', async () => {
    const source = await startRedis();
    servers.push(source);
    const redis = new Redis({ host: '127.0.0.1', port: source.port });
    await redis.set('big', 'x'.repeat(4 * 1024 * 1024));
    redis.disconnect();
    const small = await checkMigrationPrerequisites(
      { address: '127.0.0.1', port: source.port },
      { ...QUALIFYING_TARGET, nodeMemoryBytes: 2 * 1024 * 1024 },
      OPTIONS,
    );
    expect(check(small, 'TARGET_MEMORY')).toMatchObject({ severity: 'ERROR', passed: false });
    expect(check(small, 'TARGET_MEMORY')?.message).toMatch(
      /^source uses \d+\.\d MiB, more than a target node holds: 2\.0 MiB \(cache\.r7g\.large less 25% reserved memory\)$/,
    );
    const roomy = await checkMigrationPrerequisites(
      { address: '127.0.0.1', port: source.port },
      QUALIFYING_TARGET,
      OPTIONS,
    );
    expect(check(roomy, 'TARGET_MEMORY')?.passed).toBe(true);
  });

  it('SOURCE_MAXMEMORY_POLICY: an evicting source is a WARNING, and the migration stays ready', async () => {
    const result = await checkMigrationPrerequisites(
      { address: '127.0.0.1', port: evicting.port },
      QUALIFYING_TARGET,
      OPTIONS,
    );
    expect(check(result, 'SOURCE_MAXMEMORY_POLICY')).toEqual({
      requirement: 'SOURCE_MAXMEMORY_POLICY',
      severity: 'WARNING',
      passed: false,
      message:
        'source evicts keys at its maxmemory of 100.0 MiB (maxmemory-policy allkeys-lru): keys evicted during the migration are missing on the target',
    });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((warning) => warning.requirement)).toEqual(['SOURCE_MAXMEMORY_POLICY']);
    const machine = await checkMigrationPrerequisites(MACHINE_REDIS, QUALIFYING_TARGET, OPTIONS);
    expect(check(machine, 'SOURCE_MAXMEMORY_POLICY')?.passed).toBe(true);
  });

  it(
    'SOURCE_REPLICA_OUTPUT_BUFFER: writes a snapshot would buffer beyond the replica limit are a WARNING',
    { timeout: 15_000 },
    async () => {
      const redis = new Redis({ host: '127.0.0.1', port: tinyReplicaBuffer.port });
      await redis.set('data', 'x'.repeat(2 * 1024 * 1024));
      // The server averages its input over its last 16 samples, 100 ms apart: let the load age out.
      const inputKbps = async () =>
        Number(/instantaneous_input_kbps:([\d.]+)/.exec(await redis.info('stats'))?.[1] ?? Number.NaN);
      await eventually(inputKbps, (kbps) => kbps > 1, 'the load to show in the source input');
      await eventually(inputKbps, (kbps) => kbps < 1, 'the source to be quiet');
      const quiet = await checkMigrationPrerequisites(
        { address: '127.0.0.1', port: tinyReplicaBuffer.port },
        QUALIFYING_TARGET,
        OPTIONS,
      );
      // No writes: nothing to buffer, however small the limit.
      expect(check(quiet, 'SOURCE_REPLICA_OUTPUT_BUFFER')?.passed).toBe(true);
      let writing = true;
      const writer = (async () => {
        for (let round = 0; writing; round++) await redis.set(`write:${round % 100}`, 'w'.repeat(4_096));
      })();
      // The server averages its input over its last moments (samples every 100 ms).
      await eventually(inputKbps, (kbps) => kbps > 1_000, 'the writes in the source input');
      try {
        const busy = await checkMigrationPrerequisites(
          { address: '127.0.0.1', port: tinyReplicaBuffer.port },
          QUALIFYING_TARGET,
          OPTIONS,
        );
        const finding = check(busy, 'SOURCE_REPLICA_OUTPUT_BUFFER');
        expect(finding).toMatchObject({ severity: 'WARNING', passed: false });
        expect(finding?.message).toMatch(
          /^source takes in .+\/s; its snapshot of .+ takes about \d+\.\d s, buffering about .+ for the replica, over its client-output-buffer-limit for replicas \(hard 1 KiB, soft 0 KiB for 0 s \(0 = none\)\): the first sync may start over and over$/,
        );
        expect(busy.ok).toBe(true);
      } finally {
        writing = false;
        await writer;
        redis.disconnect();
      }
    },
  );
});

/**
 * The local endpoint agrees: TestMigration fails for the ERROR requirements with the preflight's
 * causes and passes with warnings; StartMigration from a source newer than the target fails only
 * after the snapshot arrived, with AWS's "invalid RDB received", the target holding nothing.
 */
describe('the local endpoint agrees with the preflight', () => {
  let t: TestGateway;
  let client: ElastiCacheClient;
  let evicting: ThrowawayRedis;

  beforeAll(async () => {
    evicting = await startRedis([
      '--maxmemory',
      '100mb',
      '--maxmemory-policy',
      'allkeys-lru',
      '--repl-diskless-sync-delay',
      '0',
    ]);
    const redis = new Redis({ host: '127.0.0.1', port: evicting.port });
    const pipeline = redis.pipeline();
    for (let index = 0; index < 1_000; index++) pipeline.set(`key:${index}`, String(index));
    await pipeline.exec();
    redis.disconnect();
    t = await startTestGateway({ local: { migration: { transitionMs: 0, linkTimeoutMs: 5_000 } } });
    client = sdkClient(t.endpoint);
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'redis-six',
        ReplicationGroupDescription: 'an older engine than the source',
        Engine: 'redis',
        EngineVersion: '6.2',
        CacheNodeType: 'cache.r7g.large',
        NumCacheClusters: 2,
        MultiAZEnabled: true,
        AutomaticFailoverEnabled: true,
      }),
    );
    await t.endpoint.settled();
  });
  afterAll(async () => {
    client?.destroy();
    await t?.close();
    await evicting?.stop();
  });

  const events = async (id: string) =>
    ((await client.send(new DescribeEventsCommand({ SourceIdentifier: id, Duration: 5 }))).Events ?? []).map(
      (event) => event.Message ?? '',
    );
  const preflight = async (id: string, port: number) => {
    const answer = await post(
      t,
      `{ migrationPreflight(input: { replicationGroupId: "${id}", customerNodeEndpointList: [{ address: "127.0.0.1", port: ${port} }] }) {
        ... on MigrationPreflight { ready warnings checks { requirement severity passed message } }
      } }`,
    );
    type Answer = {
      migrationPreflight: {
        ready: boolean;
        warnings: number;
        checks: { requirement: string; severity: string; passed: boolean; message: string }[];
      };
    };
    return (answer.body.data as Answer).migrationPreflight;
  };

  it('TestMigration: an ERROR fails it with the same cause; a WARNING does not', async () => {
    const newer = await preflight('redis-six', evicting.port);
    expect(newer.ready).toBe(false);
    const errors = newer.checks.filter((c) => !c.passed && c.severity === 'ERROR').map((c) => c.message);
    expect(errors).toHaveLength(1);
    await client.send(
      new TestMigrationCommand({
        ReplicationGroupId: 'redis-six',
        CustomerNodeEndpointList: [{ Address: '127.0.0.1', Port: evicting.port }],
      }),
    );
    await t.endpoint.settled();
    expect((await events('redis-six')).at(-1)).toBe(
      `Test migration failed for replication group redis-six with source endpoint 127.0.0.1:${evicting.port}: ${errors[0]}.`,
    );

    const warned = await preflight('orders-cache', evicting.port);
    expect(warned).toMatchObject({ ready: true, warnings: 1 });
    await client.send(
      new TestMigrationCommand({
        ReplicationGroupId: 'orders-cache',
        CustomerNodeEndpointList: [{ Address: '127.0.0.1', Port: evicting.port }],
      }),
    );
    await t.endpoint.settled();
    expect((await events('orders-cache')).at(-1)).toMatch(
      /^Test migration succeeded for replication group orders-cache/,
    );
  });

  it('StartMigration from a newer source: the snapshot goes over, then "invalid RDB received", nothing kept', async () => {
    await client.send(
      new StartMigrationCommand({
        ReplicationGroupId: 'redis-six',
        CustomerNodeEndpointList: [{ Address: '127.0.0.1', Port: evicting.port }],
      }),
    );
    await t.endpoint.settled();
    const messages = await events('redis-six');
    expect(messages.slice(-2)).toEqual([
      `Migration operation in progress for replication group redis-six: replicating from 127.0.0.1:${evicting.port}.`,
      'Migration operation failed for replication group redis-six because of invalid RDB received',
    ]);
    const group = (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'redis-six' })))
      .ReplicationGroups?.[0];
    expect(group?.Status).toBe('available');
    const primary = group?.NodeGroups?.[0]?.PrimaryEndpoint;
    const target = new Redis({ host: primary?.Address ?? '', port: primary?.Port ?? 0 });
    try {
      expect(await target.dbsize()).toBe(0);
      expect(/role:master/.test(await target.info('replication'))).toBe(true);
    } finally {
      target.disconnect();
    }
    // The gateway reads it as a failed migration.
    const phase = await post(
      t,
      '{ replicationGroup(replicationGroupId: "redis-six") { migration { phase message } } }',
    );
    expect(phase.body.data).toMatchObject({ replicationGroup: { migration: { phase: 'FAILED' } } });
  });
});

/** The local endpoint's nodes are its node types scaled down (--memory-scale): its checks compare the source with that. */
describe('the local endpoint compares the source with the memory its nodes have', () => {
  it('fails TestMigration for TARGET_MEMORY with the preflight-style cause', async () => {
    const source = await startRedis();
    const redis = new Redis({ host: '127.0.0.1', port: source.port });
    await redis.set('big', 'x'.repeat(4 * 1024 * 1024));
    redis.disconnect();
    // cache.r7g.large (13.07 GiB) / 4096, less 25%: 2.5 MiB a node.
    const t = await startTestGateway({ local: { backingNodes: { memoryScale: 1 / 4_096 } } });
    const client = sdkClient(t.endpoint);
    try {
      await client.send(
        new TestMigrationCommand({
          ReplicationGroupId: 'orders-cache',
          CustomerNodeEndpointList: [{ Address: '127.0.0.1', Port: source.port }],
        }),
      );
      await t.endpoint.settled();
      const events = (await client.send(new DescribeEventsCommand({ SourceIdentifier: 'orders-cache', Duration: 5 })))
        .Events;
      expect(events?.at(-1)?.Message).toMatch(
        new RegExp(
          `^Test migration failed for replication group orders-cache with source endpoint 127\\.0\\.0\\.1:${source.port}: source uses \\d+\\.\\d MiB, more than a target node holds: 2\\.5 MiB \\(cache\\.r7g\\.large less 25% reserved memory\\)\\.$`,
        ),
      );
      // The gateway reads AWS's node type, whole: there it fits.
      const answer = await post(
        t,
        `{ migrationPreflight(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: ${source.port} }] }) {
          ... on MigrationPreflight { checks { requirement passed } }
        } }`,
      );
      type Answer = { migrationPreflight: { checks: { requirement: string; passed: boolean }[] } };
      const checks = (answer.body.data as Answer).migrationPreflight.checks;
      expect(checks.find((found) => found.requirement === 'TARGET_MEMORY')?.passed).toBe(true);
    } finally {
      client.destroy();
      await t.close();
      await source.stop();
    }
  });
});
