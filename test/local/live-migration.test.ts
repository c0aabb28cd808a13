import {
  CompleteMigrationCommand,
  CreateReplicationGroupCommand,
  DeleteReplicationGroupCommand,
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  StartMigrationCommand,
  type ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { Redis } from 'ioredis';
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { sdkClient } from '../support/sdk.js';
import { waitUntil } from '../support/eventually.js';

const KEYS = 2_000;

/** redis-server processes whose command line names `port`, on this machine. */
function redisServersOn(port: number): number {
  const listing = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
  // redis-server names itself `redis-server 127.0.0.1:<port>` once it runs.
  return listing.split('\n').filter((line) => line.includes('redis-server') && line.includes(`:${port}`)).length;
}

/**
 * The local endpoint migrates for real: StartMigration makes the group's primary a redis-server
 * that replicates from the source (REPLICAOF), Describe names its address, writes to the source
 * arrive, the target refuses writes, and CompleteMigration promotes it once it is in sync.
 */
describe('online migration moves real data through the local endpoint', () => {
  let endpoint: LocalEndpoint;
  let client: ElastiCacheClient;
  let source: ThrowawayRedis;
  let sourceClient: Redis;
  const opened: Redis[] = [];

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({
      seed: 'demo',
      migration: { transitionMs: 20, checkTimeoutMs: 2_000, linkTimeoutMs: 5_000, linkDownMs: 500 },
    });
    client = sdkClient(endpoint);
  });
  afterEach(async () => {
    for (const redis of opened.splice(0)) redis.disconnect();
    sourceClient?.disconnect();
    await source?.stop();
  });
  afterAll(async () => {
    client.destroy();
    await endpoint.close();
  });

  async function loadedSource(): Promise<void> {
    // No 5 s wait for more replicas before the snapshot (the default): the tests wait less.
    source = await startRedis(['--repl-diskless-sync-delay', '0']);
    sourceClient = new Redis({ port: source.port, host: '127.0.0.1', retryStrategy: () => null });
    sourceClient.on('error', () => undefined);
    const pipeline = sourceClient.pipeline();
    for (let index = 0; index < KEYS; index++) {
      if (index % 4 === 0) pipeline.hset(`hash:${index}`, 'field', String(index));
      else if (index % 4 === 1) pipeline.rpush(`list:${index}`, 'a', 'b', String(index));
      else if (index % 4 === 2) pipeline.sadd(`set:${index}`, 'x', String(index));
      else pipeline.set(`string:${index}`, `value-${index}`, 'EX', 3_600);
    }
    await pipeline.exec();
  }

  const group = async (id: string) =>
    (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups?.[0];
  const lastEvent = async (id: string) =>
    (await client.send(new DescribeEventsCommand({ SourceIdentifier: id, Duration: 5 }))).Events?.at(-1)?.Message;
  const targetOf = async (id: string) => {
    const primary = (await group(id))?.NodeGroups?.[0]?.PrimaryEndpoint;
    expect(primary?.Address).toBe('127.0.0.1');
    const redis = new Redis({
      host: primary?.Address ?? '',
      port: primary?.Port ?? 0,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    redis.on('error', () => undefined);
    opened.push(redis);
    return { redis, port: primary?.Port ?? 0 };
  };

  it('replicates the source with live writes, refuses writes on the target, and cuts over in sync', async () => {
    await loadedSource();
    await client.send(
      new StartMigrationCommand({
        ReplicationGroupId: 'orders-cache',
        CustomerNodeEndpointList: [{ Address: '127.0.0.1', Port: source.port }],
      }),
    );
    await endpoint.settled();
    expect((await group('orders-cache'))?.Status).toBe('migrating');
    const target = await targetOf('orders-cache');
    await waitUntil(async () => (await target.redis.dbsize()) === KEYS, 'the snapshot to load');
    expect(await target.redis.hget('hash:0', 'field')).toBe('0');
    expect(await target.redis.lrange('list:1', 0, -1)).toEqual(['a', 'b', '1']);
    expect(await target.redis.ttl('string:3')).toBeGreaterThan(3_500);

    // Writes to the source stream to the target; the target is a replica, read-only.
    await sourceClient.set('written-during-migration', 'yes');
    await waitUntil(async () => (await target.redis.get('written-during-migration')) === 'yes', 'a live write');
    await expect(target.redis.set('on-the-target', 'no')).rejects.toThrow(/READONLY/);

    await client.send(new CompleteMigrationCommand({ ReplicationGroupId: 'orders-cache' }));
    await endpoint.settled();
    expect(await lastEvent('orders-cache')).toBe('Complete Migration successful for orders-cache');
    expect((await group('orders-cache'))?.Status).toBe('available');
    // Cut over: a master holding the source's keys, taking writes.
    expect((await target.redis.info('replication')).includes('role:master')).toBe(true);
    expect(await target.redis.dbsize()).toBe(KEYS + 1);
    expect(await target.redis.set('after-cutover', 'ok')).toBe('OK');
  });

  it('fails the way AWS does when the source dies mid-migration: promoted back, available, an event', async () => {
    await loadedSource();
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'second-target',
        ReplicationGroupDescription: 'a second target',
        Engine: 'valkey',
        NumCacheClusters: 2,
        AutomaticFailoverEnabled: true,
        MultiAZEnabled: true,
      }),
    );
    await waitUntil(async () => (await group('second-target'))?.Status === 'available', 'the new group');
    await client.send(
      new StartMigrationCommand({
        ReplicationGroupId: 'second-target',
        CustomerNodeEndpointList: [{ Address: '127.0.0.1', Port: source.port }],
      }),
    );
    await endpoint.settled();
    const described = await group('second-target');
    expect(described?.Status).toBe('migrating');
    const target = await targetOf('second-target');
    await waitUntil(async () => (await target.redis.dbsize()) === KEYS, 'the snapshot to load');

    await source.stop();
    await waitUntil(async () => (await group('second-target'))?.Status === 'available', 'the failure');
    expect(await lastEvent('second-target')).toBe(
      'Migration operation failed for replication group second-target: the replication link to the source is down.',
    );
    expect((await target.redis.info('replication')).includes('role:master')).toBe(true);

    // Deleting the group ends its processes.
    expect(redisServersOn(target.port)).toBe(1);
    await client.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'second-target' }));
    await endpoint.settled();
    expect(redisServersOn(target.port)).toBe(0);
  });

  it('refuses a start beyond --max-backing-nodes with NodeQuotaForCustomerExceeded, changing nothing', async () => {
    const small = await startLocalEndpoint({ seed: 'demo', backingNodes: { maxNodes: 0 } });
    const smallClient = sdkClient(small);
    try {
      const refused = await smallClient
        .send(
          new StartMigrationCommand({
            ReplicationGroupId: 'orders-cache',
            CustomerNodeEndpointList: [{ Address: '127.0.0.1', Port: 6379 }],
          }),
        )
        .catch((error: unknown) => error as Error);
      expect(refused).toMatchObject({ name: 'NodeQuotaForCustomerExceededFault' });
      const after = await smallClient.send(
        new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' }),
      );
      expect(after.ReplicationGroups?.[0]?.Status).toBe('available');
    } finally {
      smallClient.destroy();
      await small.close();
    }
  });
});
