import type { ExecutionResult } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ReplicationGroupChangedDocument,
  ReplicationGroupEventsDocument,
  TestMigrationDocument,
  type ReplicationGroupEventsSubscription,
} from '../../examples/generated/graphql.js';
import type { LocalEndpoint } from '../../src/local/index.js';
import { LOCAL_REDIS } from '../support/demo.js';
import { eventually, waitUntil } from '../support/eventually.js';
import type { TestGateway } from '../support/gateway.js';
import { twoReplicas } from '../support/replicas.js';
import { dropKeys, MACHINE_REDIS_URL, testKeyPrefix } from '../support/shared-redis.js';
import { subscribe } from '../support/sse.js';

// A poller's lease lasts 3 intervals, 3 s at the least: a released lease moves within one tick (500 ms).
const INTERVAL_MS = 500;

/**
 * The poller of a group moves from one replica to another when its last subscriber leaves: the
 * lease is given up at once (not left to expire), and the new poller's first poll, which
 * publishes its whole history, pushes nothing a subscriber already had.
 */
describe('a poller handover between two replicas', () => {
  const keyPrefix = testKeyPrefix('poller-handover');
  let endpoint: LocalEndpoint;
  let a: TestGateway;
  let b: TestGateway;
  let redis: Redis;

  beforeAll(async () => {
    ({ endpoint, a, b } = await twoReplicas(keyPrefix, INTERVAL_MS));
    redis = new Redis(MACHINE_REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await b.close();
    await a.close();
    await endpoint.close();
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  const lease = async () => {
    const keys = await redis.keys(`${keyPrefix}poller:*`);
    expect(keys.length).toBeLessThanOrEqual(1);
    return keys[0] === undefined ? null : redis.get(keys[0]);
  };
  const testMigration = async (via: TestGateway) => {
    const answer = await via.execute(TestMigrationDocument, {
      input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: LOCAL_REDIS },
    });
    expect(answer.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
  };

  it('gives the lease up when the last subscriber leaves, and the next poller re-pushes no event', async () => {
    const id = 'orders-cache';
    const onA = await subscribe(a.gateway, ReplicationGroupChangedDocument, { replicationGroupId: id });
    expect((await onA.next()).data?.replicationGroupChanged.status).toBe('available');
    const aLease = await eventually(lease, (holder): holder is string => holder !== null, 'the lease of A');
    expect(a.gateway.watchers.pollers).toBe(1);

    const eventsOnB = await subscribe(b.gateway, ReplicationGroupEventsDocument, { replicationGroupId: id });
    const messages: string[] = [];
    const seen = (pushes: Awaited<ReturnType<typeof eventsOnB.until>>) =>
      messages.push(
        ...pushes.map(
          (push) => `${push.data?.replicationGroupEvents.date} ${push.data?.replicationGroupEvents.message}`,
        ),
      );
    const succeeded = (push: ExecutionResult<ReplicationGroupEventsSubscription>) =>
      /^Test migration succeeded/.test(push.data?.replicationGroupEvents.message ?? '');
    try {
      // An event A's poller finds reaches B's subscriber.
      await testMigration(a);
      seen(await eventsOnB.until(succeeded, 10_000));
      await endpoint.settled();
      expect(messages).toHaveLength(2);

      // A's last subscriber leaves: A gives its lease up at once (it would last 3 s), and B takes it.
      onA.close();
      await waitUntil(() => a.gateway.watchers.activeWatches === 0, 'A to stop watching');
      await eventually(lease, (holder) => holder !== aLease, 'the lease to leave A', { timeoutMs: 2_000 });
      await waitUntil(() => b.gateway.watchers.pollers === 1, 'B to poll');

      // B's poller tells its whole history (its first poll) and then news: only the news is pushed.
      await testMigration(b);
      seen(await eventsOnB.until(succeeded, 10_000));
      await endpoint.settled();
      expect(messages).toHaveLength(4);
      expect(new Set(messages).size).toBe(4);
    } finally {
      onA.close();
      eventsOnB.close();
    }
  }, 30_000);
});
