import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ReplicationGroupChangedDocument,
  ReplicationGroupEventsDocument,
  TestMigrationDocument,
} from '../../examples/generated/graphql.js';
import type { LocalEndpoint } from '../../src/local/index.js';
import { LOCAL_REDIS } from '../support/demo.js';
import type { TestGateway } from '../support/gateway.js';
import { twoReplicas } from '../support/replicas.js';
import { dropKeys, MACHINE_REDIS_URL, testKeyPrefix } from '../support/shared-redis.js';
import { subscribe } from '../support/sse.js';
import { waitUntil } from '../support/eventually.js';

const INTERVAL_MS = 200;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two replicas sharing a Redis poll each subscribed group once', () => {
  const keyPrefix = testKeyPrefix('pollers');
  let endpoint: LocalEndpoint;
  let a: TestGateway;
  let b: TestGateway;

  beforeAll(async () => {
    ({ endpoint, a, b } = await twoReplicas(keyPrefix, INTERVAL_MS));
  });
  let aClosed = false;
  afterAll(async () => {
    await b.close();
    if (!aClosed) await a.close();
    await endpoint.close();
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  const pollsOf = (id: string) =>
    endpoint.calls.filter(
      (call) => call.action === 'DescribeReplicationGroups' && call.params.ReplicationGroupId === id,
    ).length;

  it('one poller for subscribers on both replicas; its findings reach both; the lease moves when its holder dies', async () => {
    const id = 'orders-cache';
    const onA = await subscribe(a.gateway, ReplicationGroupChangedDocument, { replicationGroupId: id });
    expect((await onA.next()).data?.replicationGroupChanged.status).toBe('available');
    // B starts watching while A polls: it answers at once from A's newest finding, kept in Redis.
    endpoint.resetCalls();
    const onB = await subscribe(b.gateway, ReplicationGroupChangedDocument, { replicationGroupId: id });
    const eventsOnB = await subscribe(b.gateway, ReplicationGroupEventsDocument, { replicationGroupId: id });
    try {
      expect((await onB.next(2_000)).data?.replicationGroupChanged.status).toBe('available');

      const started = performance.now();
      await sleep(10 * INTERVAL_MS);
      const elapsed = performance.now() - started;
      const polls = pollsOf(id);
      // Timers only run late, never early: one poller at most once per interval, not one per replica.
      expect(polls).toBeGreaterThanOrEqual(1);
      expect(polls).toBeLessThanOrEqual(Math.floor(elapsed / INTERVAL_MS) + 2);

      // A mutation through B is polled at once by A's poller, and its event reaches B's subscriber.
      const source = LOCAL_REDIS[0] ?? { address: '127.0.0.1', port: 6379 };
      const answer = await b.execute(TestMigrationDocument, {
        input: { replicationGroupId: id, customerNodeEndpointList: [source] },
      });
      expect(answer.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
      const started2 = await eventsOnB.next(5_000);
      expect(started2.data?.replicationGroupEvents.message).toMatch(
        /^Test migration started for replication group orders-cache/,
      );
      await endpoint.settled();

      // A dies without giving its lease up (its Redis connection goes first): B takes the lease
      // over once it expires (3 s at the least), and polls from then on.
      await a.redis?.close();
      await a.close();
      aClosed = true;
      endpoint.resetCalls();
      await waitUntil(() => b.gateway.watchers.pollers === 1, 'B to take the lease over');
      await waitUntil(() => pollsOf(id) >= 1, 'a poll by B');
      const before = Date.now();
      const again = await b.execute(TestMigrationDocument, {
        input: { replicationGroupId: id, customerNodeEndpointList: [source] },
      });
      expect(again.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
      const pushed = await eventsOnB.until(
        (result) =>
          /^Test migration started/.test(result.data?.replicationGroupEvents.message ?? '') &&
          Date.parse(String(result.data?.replicationGroupEvents.date)) >= before - 1_000,
        5_000,
      );
      expect(pushed.length).toBeGreaterThanOrEqual(1);
      await endpoint.settled();
    } finally {
      onA.close();
      onB.close();
      eventsOnB.close();
    }
  }, 30_000);
});

/** Connections subscribed to the group channels under `keyPrefix` (one per watching replica). */
async function listenersOfGroupChannels(keyPrefix: string): Promise<number> {
  const redis = new Redis(MACHINE_REDIS_URL);
  try {
    const channels = (await redis.call('PUBSUB', 'CHANNELS', `${keyPrefix}group:*`)) as string[];
    if (channels.length === 0) return 0;
    const counts = (await redis.call('PUBSUB', 'NUMSUB', ...channels)) as (string | number)[];
    return counts.filter((_, index) => index % 2 === 1).reduce<number>((sum, count) => sum + Number(count), 0);
  } finally {
    redis.disconnect();
  }
}

describe('a mutation through a replica that does not poll the group', () => {
  const keyPrefix = testKeyPrefix('pollers-poke');
  let endpoint: LocalEndpoint;
  let a: TestGateway;
  let b: TestGateway;

  beforeAll(async () => {
    // Polls 10 s apart: anything seen sooner came from the poke.
    ({ endpoint, a, b } = await twoReplicas(keyPrefix, 10_000));
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await endpoint.close();
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  it('makes the poller on the other replica poll at once', async () => {
    const id = 'sessions-valkey';
    const onA = await subscribe(a.gateway, ReplicationGroupChangedDocument, { replicationGroupId: id });
    await onA.next();
    const eventsOnB = await subscribe(b.gateway, ReplicationGroupEventsDocument, { replicationGroupId: id });
    try {
      // B hears the group's channel (both replicas subscribed) before the mutation's news comes.
      await waitUntil(async () => (await listenersOfGroupChannels(keyPrefix)) === 2, 'B to listen');
      const started = Date.now();
      const answer = await b.execute(TestMigrationDocument, {
        input: {
          replicationGroupId: id,
          customerNodeEndpointList: [LOCAL_REDIS[0] ?? { address: '127.0.0.1', port: 6379 }],
        },
      });
      expect(answer.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
      const pushed = await eventsOnB.next(5_000);
      expect(pushed.data?.replicationGroupEvents.message).toMatch(
        /^Test migration started for replication group sessions-valkey/,
      );
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      onA.close();
      eventsOnB.close();
    }
    await endpoint.settled();
  }, 20_000);
});
