import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicationGroupLiveDocument, StartMigrationDocument } from '../../examples/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { subscribe } from '../support/sse.js';

const INTERVAL_MS = 200;
const SUBSCRIBERS = 50;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("one poll serves every subscriber's selection", () => {
  let t: TestGateway;

  beforeAll(async () => {
    // Status steps of 1 s: the poller sees modifying, then migrating.
    t = await startTestGateway({
      subscriptionPollIntervalMs: INTERVAL_MS,
      local: { migration: { transitionMs: 1_000 } },
    });
  });
  afterAll(() => t.close());

  const calls = (action: string) => t.endpoint.calls.filter((call) => call.action === action).length;

  it('50 subscribers selecting status, migration, events and member clusters cost the poll alone, and a push a cluster read', async () => {
    const id = 'orders-cache';
    const subscribers = await Promise.all(
      Array.from({ length: SUBSCRIBERS }, () =>
        subscribe(t.gateway, ReplicationGroupLiveDocument, { replicationGroupId: id }),
      ),
    );
    try {
      for (const subscriber of subscribers) {
        const { data } = await subscriber.next();
        const group = data?.replicationGroupChanged;
        expect(group?.status).toBe('available');
        expect(group?.nodeGroups[0]?.nodeGroupMembers.map((member) => member.cacheCluster?.cacheClusterStatus)).toEqual(
          ['available', 'available'],
        );
        expect(group?.events).toEqual([]);
      }

      // Quiet: each interval costs DescribeReplicationGroups and DescribeEvents, once for all 50.
      t.endpoint.resetCalls();
      const started = performance.now();
      await sleep(10 * INTERVAL_MS);
      const intervals = Math.floor((performance.now() - started) / INTERVAL_MS) + 1;
      expect(calls('DescribeReplicationGroups')).toBeLessThanOrEqual(intervals);
      expect(calls('DescribeEvents')).toBeLessThanOrEqual(intervals);
      expect(calls('DescribeCacheClusters')).toBe(0);

      // A mutation: polled at once, then pushed to all 50 with the new status, its event and the
      // clusters read once for the push (2 members: 2 calls), not once per subscriber.
      t.endpoint.resetCalls();
      const answer = await t.execute(StartMigrationDocument, {
        input: { replicationGroupId: id, customerNodeEndpointList: [{ address: '127.0.0.1', port: 6379 }] },
      });
      expect(answer.data?.startMigration?.__typename).toBe('StartMigrationSuccess');
      let pushes = 0;
      for (const subscriber of subscribers) {
        const seen = await subscriber.until((result) => result.data?.replicationGroupChanged.status === 'migrating');
        pushes = Math.max(pushes, seen.length);
        // Each push carries the clusters as they were then (a subscription's loaders would keep its first answer).
        const modifying = seen.find((result) => result.data?.replicationGroupChanged.status === 'modifying');
        expect(
          modifying?.data?.replicationGroupChanged.nodeGroups[0]?.nodeGroupMembers.map(
            (member) => member.cacheCluster?.cacheClusterStatus,
          ),
        ).toEqual(['modifying', 'modifying']);
        const last = seen.at(-1)?.data?.replicationGroupChanged;
        expect(last?.migration?.phase).toBe('MIGRATING');
        expect(last?.events?.map((event) => event.message)).toContain(
          'Starting migration operation for target cluster orders-cache with source cluster endpoint 127.0.0.1 and port 6379',
        );
      }
      expect(pushes).toBeGreaterThanOrEqual(1);
      expect(calls('DescribeCacheClusters')).toBeLessThanOrEqual(2 * pushes);
      expect(calls('DescribeEvents')).toBeLessThanOrEqual(calls('DescribeReplicationGroups') + 1);
    } finally {
      for (const subscriber of subscribers) subscriber.close();
    }
    await t.endpoint.settled();
  }, 30_000);
});
