import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompleteMigrationDocument,
  MigrationStateDocument,
  ReplicationGroupChangedDocument,
  ReplicationGroupEventsDocument,
  StartMigrationDocument,
  TestMigrationDocument,
} from '../../examples/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { freePort } from '../support/redis-server.js';
import { subscribe } from '../support/sse.js';

const REDIS = [{ address: '127.0.0.1', port: 6379 }];

describe('the migration lifecycle, watched through subscriptions', () => {
  let t: TestGateway;

  beforeAll(async () => {
    // Status steps of 300 ms and polls every 50 ms: every state is seen by at least one poll.
    t = await startTestGateway({ subscriptionPollIntervalMs: 50, local: { migration: { transitionMs: 300 } } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('test -> succeeded, start -> migrating, complete -> available, in order, as pushed updates and events', async () => {
    const changes = await subscribe(t.gateway, ReplicationGroupChangedDocument, { replicationGroupId: 'orders-cache' });
    const events = await subscribe(t.gateway, ReplicationGroupEventsDocument, { replicationGroupId: 'orders-cache' });
    try {
      const first = await changes.next();
      expect(first.data?.replicationGroupChanged).toMatchObject({
        replicationGroupId: 'orders-cache',
        status: 'available',
        migration: { phase: 'NONE' },
      });

      const tested = await t.execute(TestMigrationDocument, {
        input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: REDIS },
      });
      expect(tested.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
      await changes.until((result) => result.data?.replicationGroupChanged.migration?.phase === 'TEST_SUCCEEDED');

      const started = await t.execute(StartMigrationDocument, {
        input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: REDIS },
      });
      expect(started.data?.startMigration).toMatchObject({
        __typename: 'StartMigrationSuccess',
        replicationGroup: { status: 'modifying' },
      });
      const toMigrating = await changes.until((result) => result.data?.replicationGroupChanged.status === 'migrating');
      expect(toMigrating.at(-1)?.data?.replicationGroupChanged.migration?.phase).toBe('MIGRATING');

      // Forced: the cutover guard would wait for the data (test/gateway/migration-progress.test.ts);
      // this test follows the pushes.
      const completed = await t.execute(CompleteMigrationDocument, {
        input: { replicationGroupId: 'orders-cache', force: true },
      });
      expect(completed.data?.completeMigration?.__typename).toBe('CompleteMigrationSuccess');
      const toAvailable = await changes.until((result) => result.data?.replicationGroupChanged.status === 'available');
      expect(toAvailable.at(-1)?.data?.replicationGroupChanged.migration).toMatchObject({
        phase: 'COMPLETED',
        message: 'Complete Migration successful for orders-cache',
      });

      const messages = (
        await events.until(
          (result) => result.data?.replicationGroupEvents.message?.startsWith('Complete Migration successful') ?? false,
        )
      ).map((result) => result.data?.replicationGroupEvents.message);
      expect(messages).toEqual([
        'Test migration started for replication group orders-cache with source endpoint 127.0.0.1:6379.',
        'Test migration succeeded for replication group orders-cache with source endpoint 127.0.0.1:6379.',
        'Starting migration operation for target cluster orders-cache with source cluster endpoint 127.0.0.1 and port 6379',
        'Migration operation in progress for replication group orders-cache: replicating from 127.0.0.1:6379.',
        'Complete Migration successful for orders-cache',
      ]);
    } finally {
      changes.close();
      events.close();
    }
  }, 60_000);

  it('reaches TEST_FAILED with the cause when the source port is closed', async () => {
    const port = await freePort();
    const changes = await subscribe(t.gateway, ReplicationGroupChangedDocument, {
      replicationGroupId: 'sessions-valkey',
    });
    try {
      await changes.next();
      await t.execute(TestMigrationDocument, {
        input: { replicationGroupId: 'sessions-valkey', customerNodeEndpointList: [{ address: '127.0.0.1', port }] },
      });
      const seen = await changes.until(
        (result) => result.data?.replicationGroupChanged.migration?.phase === 'TEST_FAILED',
      );
      expect(seen.at(-1)?.data?.replicationGroupChanged.migration?.message).toContain(
        `source 127.0.0.1:${port} is unreachable (connection refused)`,
      );
    } finally {
      changes.close();
    }
    const state = await t.execute(MigrationStateDocument, { replicationGroupId: 'sessions-valkey' });
    expect(state.data?.replicationGroup?.migration?.phase).toBe('TEST_FAILED');
  }, 30_000);

  it('returns the documented faults of startMigration and completeMigration', async () => {
    const notMigrating = await t.execute(CompleteMigrationDocument, { input: { replicationGroupId: 'analytics-tls' } });
    expect(notMigrating.data?.completeMigration).toMatchObject({
      __typename: 'ReplicationGroupNotUnderMigrationFault',
      code: 'ReplicationGroupNotUnderMigrationFault',
    });
    const missing = await t.execute(CompleteMigrationDocument, { input: { replicationGroupId: 'ghost-group' } });
    expect(missing.data?.completeMigration?.__typename).toBe('ReplicationGroupNotFoundFault');
    const already = await t.execute(StartMigrationDocument, {
      input: { replicationGroupId: 'legacy-redis', customerNodeEndpointList: REDIS },
    });
    expect(already.data?.startMigration?.__typename).toBe('ReplicationGroupAlreadyUnderMigrationFault');
    t.endpoint.resetCalls();
    const badInput = await t.execute(StartMigrationDocument, {
      input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [] },
    });
    expect(badInput.data?.startMigration).toMatchObject({
      __typename: 'ElastiCacheInvalidInputError',
      field: 'input.customerNodeEndpointList',
    });
    const badId = await t.execute(CompleteMigrationDocument, { input: { replicationGroupId: '-bad' } });
    expect(badId.data?.completeMigration).toMatchObject({
      __typename: 'ElastiCacheInvalidInputError',
      field: 'input.replicationGroupId',
    });
    expect(t.endpoint.calls).toHaveLength(0);
  });

  it('ends a subscription to a group that does not exist with NOT_FOUND', async () => {
    const missing = await subscribe(t.gateway, ReplicationGroupChangedDocument, { replicationGroupId: 'ghost-group' });
    try {
      const result = await missing.next();
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    } finally {
      missing.close();
    }
  });
});

describe('one poller per group, shared by every subscriber', () => {
  const INTERVAL_MS = 100;
  let t: TestGateway;

  beforeAll(async () => {
    // One attempt per AWS call: the SDK's own retry delays would hide the poller's backoff.
    t = await startTestGateway({ subscriptionPollIntervalMs: INTERVAL_MS, maxAttempts: 1 });
  });
  afterAll(async () => {
    await t.close();
  });

  const pollsOf = (id: string) =>
    t.endpoint.calls.filter(
      (call) => call.action === 'DescribeReplicationGroups' && call.params.ReplicationGroupId === id,
    ).length;

  it('20 subscribers cause one poll per interval, and polling stops when they leave', async () => {
    const subscribers = await Promise.all(
      Array.from({ length: 20 }, () =>
        subscribe(t.gateway, ReplicationGroupChangedDocument, { replicationGroupId: 'orders-cache' }),
      ),
    );
    try {
      for (const subscriber of subscribers)
        expect((await subscriber.next()).data?.replicationGroupChanged.replicationGroupId).toBe('orders-cache');
      t.endpoint.resetCalls();
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, 10 * INTERVAL_MS));
      const elapsed = performance.now() - started;
      const polls = pollsOf('orders-cache');
      // Timers can only run late on a busy machine, never early: at most one poll per interval.
      expect(polls).toBeGreaterThanOrEqual(1);
      expect(polls).toBeLessThanOrEqual(Math.floor(elapsed / INTERVAL_MS) + 1);
      expect(t.endpoint.calls.filter((call) => call.action === 'DescribeEvents').length).toBeLessThanOrEqual(polls + 1);
    } finally {
      for (const subscriber of subscribers) subscriber.close();
    }
    // The last subscriber gone, the group's watch ends (observable, not waited for)...
    for (const deadline = Date.now() + 5_000; t.gateway.watchers.activeWatches > 0 && Date.now() < deadline;)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.gateway.watchers.activeWatches).toBe(0);
    expect(t.gateway.watchers.pollers).toBe(0);
    // ...and no timer of it is left to poll.
    t.endpoint.resetCalls();
    await new Promise((resolve) => setTimeout(resolve, 3 * INTERVAL_MS));
    expect(pollsOf('orders-cache')).toBe(0);
  }, 30_000);

  it('backs off while ElastiCache throttles, and returns to its pace when it stops', async () => {
    const watcher = await subscribe(t.gateway, ReplicationGroupChangedDocument, {
      replicationGroupId: 'sessions-valkey',
    });
    try {
      await watcher.next();
      t.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'throttling' });
      t.endpoint.resetCalls();
      // Each throttled poll doubles the delay before the next (read from the watcher, not counted
      // over a clock): 100, 200, 400, 800 ms.
      const delay = () => t.gateway.watchers.pollDelayOf('us-east-1', 'sessions-valkey');
      const seen = new Set<number>();
      for (const deadline = Date.now() + 10_000; (delay() ?? 0) < 8 * INTERVAL_MS && Date.now() < deadline;) {
        seen.add(delay() ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      seen.add(delay() ?? 0);
      // Only doublings of the interval were ever seen (a busy machine may sample past one), up to 8x.
      const doublings = [1, 2, 4, 8, 16, 32, 64].map((times) => times * INTERVAL_MS);
      expect([...seen].every((value) => doublings.includes(value))).toBe(true);
      const reached = Math.max(...seen);
      expect(reached).toBeGreaterThanOrEqual(8 * INTERVAL_MS);
      // One throttled poll per doubling: without back-off there would be one every 100 ms.
      expect(pollsOf('sessions-valkey')).toBeLessThanOrEqual(Math.log2(reached / INTERVAL_MS) + 1);

      t.endpoint.faults.clear();
      t.endpoint.resetCalls();
      // Back to the 100 ms pace once a poll succeeds.
      for (const deadline = Date.now() + 10_000; delay() !== INTERVAL_MS && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 10));
      expect(delay()).toBe(INTERVAL_MS);
      const paced = Date.now() + 5_000;
      while (pollsOf('sessions-valkey') < 5 && Date.now() < paced)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(pollsOf('sessions-valkey')).toBeGreaterThanOrEqual(5);
    } finally {
      watcher.close();
      t.endpoint.faults.clear();
    }
  }, 30_000);
});
