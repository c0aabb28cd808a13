import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { startRedisCluster, type ThrowawayCluster } from '../support/redis-server.js';
import { eventually } from '../support/eventually.js';

const KEYS = 3_000;

const PROGRESS = `query Progress {
  replicationGroup(replicationGroupId: "sessions-valkey") {
    status
    nodeGroups { nodeGroupId slots nodeGroupMembers { cacheClusterId } }
    cacheClusters { cacheClusterId cacheNodes { endpoint { address port } } }
    migration { progress { inSync readyToComplete blockers shards { nodeGroupId phase source { address port } bytesBehind inSync } } }
  }
}`;

type Shard = { nodeGroupId: string; phase: string; source: { address: string; port: number }; inSync: boolean };
type Group = {
  status: string;
  nodeGroups: { nodeGroupId: string; slots: string; nodeGroupMembers: { cacheClusterId: string }[] }[];
  cacheClusters: { cacheClusterId: string; cacheNodes: { endpoint: { address: string; port: number } }[] }[];
  migration: { progress: { inSync: boolean; readyToComplete: boolean; blockers: string[]; shards: Shard[] } | null };
};

/**
 * A cluster-mode-enabled source: a real Redis Cluster of three masters. Through the gateway over
 * HTTP and the local endpoint, each of the target's shards replicates from the source master that
 * owns its slots, progress names that master per shard, and the guarded cutover leaves each
 * target shard holding exactly its master's keys.
 */
describe('a cluster-mode-enabled migration from a three-master Redis Cluster', () => {
  let t: TestGateway;
  let source: ThrowawayCluster;
  let cluster: Cluster;
  const opened: Redis[] = [];

  beforeAll(async () => {
    source = await startRedisCluster(3, ['--repl-diskless-sync-delay', '0']);
    cluster = new Cluster([{ ...source.masters[0] }], {
      clusterRetryStrategy: () => null,
    });
    cluster.on('error', () => undefined);
    // Keys spread over every slot range (each key's own slot decides its master).
    await Promise.all(Array.from({ length: KEYS }, (_, index) => cluster.set(`session:${index}`, `user-${index}`)));
    t = await startTestGateway({
      cutover: { maxBytesBehind: 0, stableMs: 300 },
      preflight: { timeoutMs: 1_000 },
      local: { migration: { linkTimeoutMs: 10_000, linkDownMs: 30_000 } },
    });
  }, 30_000);
  afterAll(async () => {
    for (const redis of opened) redis.disconnect();
    cluster?.disconnect();
    await t?.close();
    await source?.stop();
  });

  const read = async () => {
    const answer = await post(t, PROGRESS);
    expect(answer.body.errors).toBeUndefined();
    return (answer.body.data as { replicationGroup: Group }).replicationGroup;
  };
  const until = (done: (group: Group) => boolean, what: string) => eventually(read, done, what);
  const connect = (host: string, port: number) => {
    const redis = new Redis({ host, port, maxRetriesPerRequest: 1, retryStrategy: () => null });
    redis.on('error', () => undefined);
    opened.push(redis);
    return redis;
  };

  it('replicates each shard from its slot owner, shows it per shard, and cuts over with every key in place', async () => {
    const [first] = source.masters;
    const started = await post(
      t,
      `mutation { startMigration(input: { replicationGroupId: "sessions-valkey", customerNodeEndpointList: [{ address: "${first?.host}", port: ${first?.port} }] }) { __typename ... on ElastiCacheError { code message } } }`,
    );
    expect(started.body.data).toEqual({ startMigration: { __typename: 'StartMigrationSuccess' } });
    await t.endpoint.settled();

    const inSync = await until((group) => group.migration.progress?.inSync === true, 'every shard in sync');
    expect(inSync.status).toBe('migrating');
    // The target's shards own the same slot ranges as the source's masters, in order.
    expect(inSync.nodeGroups.map((nodeGroup) => nodeGroup.slots)).toEqual(source.slots);
    const shards = inSync.migration.progress?.shards ?? [];
    expect(shards.map((shard) => [shard.nodeGroupId, shard.phase, shard.source])).toEqual(
      inSync.nodeGroups.map((nodeGroup, index) => [
        nodeGroup.nodeGroupId,
        'STREAMING',
        { address: source.masters[index]?.host, port: source.masters[index]?.port },
      ]),
    );

    // Each target shard primary is a replica of its slot owner, holding exactly that master's keys.
    // Cluster mode enabled: node groups have no primary endpoint; a shard's primary is its first
    // member, whose cache cluster's node names the address.
    const targets = inSync.nodeGroups.map(({ nodeGroupMembers: [primary] }) => {
      const cluster = inSync.cacheClusters.find((candidate) => candidate.cacheClusterId === primary?.cacheClusterId);
      const endpoint = cluster?.cacheNodes[0]?.endpoint;
      return connect(endpoint?.address ?? '', endpoint?.port ?? 0);
    });
    const owners = source.masters.map((master) => connect(master.host, master.port));
    const ownerSizes = await Promise.all(owners.map((owner) => owner.dbsize()));
    expect(ownerSizes.every((size) => size > 0)).toBe(true);
    expect(ownerSizes.reduce((sum, size) => sum + size, 0)).toBe(KEYS);
    expect(await Promise.all(targets.map((target) => target.dbsize()))).toEqual(ownerSizes);

    // A write to the cluster arrives at the shard that owns its slot, and only there.
    await cluster.set('written-during-migration', 'yes');
    const slot = Number(await owners[0]?.call('CLUSTER', 'KEYSLOT', 'written-during-migration'));
    const owning = source.slots.findIndex((range) => {
      const [from = 0, to = 0] = range.split('-').map(Number);
      return slot >= from && slot <= to;
    });
    for (const deadline = Date.now() + 10_000; (await targets[owning]?.get('written-during-migration')) !== 'yes';) {
      if (Date.now() > deadline) throw new Error('the live write did not arrive');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const elsewhere = await Promise.all(
      targets.filter((_, index) => index !== owning).map((target) => target.exists('written-during-migration')),
    );
    expect(elsewhere).toEqual([0, 0]);

    await until((group) => group.migration.progress?.readyToComplete === true, 'ready to complete');
    const completed = await post(
      t,
      'mutation { completeMigration(input: { replicationGroupId: "sessions-valkey" }) { __typename } }',
    );
    expect(completed.body.data).toEqual({ completeMigration: { __typename: 'CompleteMigrationSuccess' } });
    await t.endpoint.settled();
    expect((await read()).status).toBe('available');
    const roles = await Promise.all(
      targets.map(async (target) => /role:master/.test(await target.info('replication'))),
    );
    expect(roles).toEqual([true, true, true]);
    const sizes = await Promise.all(targets.map((target) => target.dbsize()));
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(KEYS + 1);

    // Verified shard by shard: each master's keys sampled and read on the target shard owning their slot.
    const verify = async () =>
      (
        await post(
          t,
          `{ migrationVerification(input: { replicationGroupId: "sessions-valkey", source: { address: "${first?.host}", port: ${first?.port} }, sampleSize: 10000, maxSourceCommandsPerSecond: 100000 }) {
            __typename ... on MigrationVerification { verdict keysSampled missingOnTarget valueMismatches databases { database sourceKeys targetKeys } differences { key kind } }
          } }`,
        )
      ).body.data as { migrationVerification: Record<string, unknown> };
    expect((await verify()).migrationVerification).toEqual({
      __typename: 'MigrationVerification',
      verdict: 'MATCH',
      keysSampled: KEYS + 1,
      missingOnTarget: 0,
      valueMismatches: 0,
      databases: [{ database: 0, sourceKeys: KEYS + 1, targetKeys: KEYS + 1 }],
      differences: [],
    });
    // A key changed on the third shard only is found there.
    const onThird = (await owners[2]?.randomkey()) ?? '';
    await targets[2]?.set(onThird, 'changed on the target');
    expect((await verify()).migrationVerification).toMatchObject({
      verdict: 'MISMATCH',
      valueMismatches: 1,
      differences: [{ key: onThird, kind: 'VALUE' }],
    });
  });
});
