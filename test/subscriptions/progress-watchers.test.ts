import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { MigrationProgressReader } from '../../src/progress/progress-reader.js';
import { LocalPollCoordination } from '../../src/subscriptions/poll-coordination.js';
import { ProgressWatchers } from '../../src/subscriptions/progress-watchers.js';
import { waitUntil } from '../support/eventually.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { settledCalls } from '../support/settled-calls.js';
import { SharedLease } from '../support/shared-lease.js';
import { subscribe } from '../support/sse.js';

type Pushed = { migrationProgress: { done: boolean; inSync: boolean; blockers: string[]; shards: unknown[] } };
const PROGRESS = parse(`subscription Progress($id: String!) {
  migrationProgress(replicationGroupId: $id) { done inSync blockers shards { phase } }
}`) as TypedDocumentNode<Pushed, { id: string }>;

/** migrationProgress for groups that do not migrate: one push that says so and the end, or NOT_FOUND. */
describe('the migrationProgress subscription of a group that does not migrate', () => {
  let t: TestGateway;
  beforeAll(async () => {
    t = await startTestGateway({ migrationProgressIntervalMs: 100 });
  });
  afterAll(() => t.close());
  const progressReads = () => t.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups').length;

  it('pushes once that the migration is over, with the group’s status, and ends', async () => {
    t.endpoint.resetCalls();
    const progress = await subscribe(t.gateway, PROGRESS, { id: 'Orders-Cache' });
    try {
      const [pushed] = await progress.until(() => true);
      expect(pushed?.data?.migrationProgress).toEqual({
        done: true,
        inSync: false,
        blockers: ['the group no longer migrates (status available): the migration completed or failed'],
        shards: [],
      });
      await expect(progress.next(5_000)).rejects.toThrow('the subscription ended');
      expect(progressReads()).toBe(1);
    } finally {
      progress.close();
    }
  });

  it('ends with NOT_FOUND for a group that does not exist', async () => {
    const progress = await subscribe(t.gateway, PROGRESS, { id: 'no-such-group' });
    try {
      const result = await progress.next();
      expect(result.errors?.[0]?.message).toBe('Replication group no-such-group does not exist in us-east-1.');
      expect(result.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    } finally {
      progress.close();
    }
  });

  it('keeps polling after a failed read, and tells the log', async () => {
    t.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'internal', times: 2 });
    t.endpoint.resetCalls();
    const progress = await subscribe(t.gateway, PROGRESS, { id: 'orders-cache' });
    try {
      const [pushed] = await progress.until(() => true);
      expect(pushed?.data?.migrationProgress.done).toBe(true);
      expect(progressReads()).toBeGreaterThanOrEqual(3);
      await waitUntil(
        () => t.logs.filter((line) => line['message'] === 'Migration progress poll failed').length >= 1,
        'the failed poll to be told',
      );
    } finally {
      progress.close();
      t.endpoint.faults.clear();
    }
  });
});

/** ProgressWatchers on their own: two replicas in one process sharing the lease (test/support/shared-lease.ts). */
describe('ProgressWatchers on several replicas: one reader per group', () => {
  let t: TestGateway;
  const started: ProgressWatchers[] = [];
  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterEach(() => {
    for (const each of started.splice(0)) each.dispose();
  });
  afterAll(() => t.close());

  const replicas = (count: number, intervalMs: number) => {
    const shared = new LocalPollCoordination();
    const holders = new Map<string, SharedLease>();
    return Array.from({ length: count }, () => {
      const coordination = new SharedLease(shared, holders);
      const watchers = new ProgressWatchers({
        clients: t.clients,
        // The groups here do not migrate: their progress is never read from an engine.
        reader: {} as MigrationProgressReader,
        log: createLogger('silent'),
        coordination,
        intervalMs,
        hold: () => () => undefined,
      });
      started.push(watchers);
      return { watchers, coordination };
    });
  };

  it('reads on the replica holding the lease; the other pushes what it read and polls nothing', async () => {
    const [a, b] = replicas(2, 60_000) as [ReturnType<typeof replicas>[0], ReturnType<typeof replicas>[0]];
    t.endpoint.resetCalls();
    const onA = a.watchers.subscribe('us-east-1', 'orders-cache', null);
    const onB = b.watchers.subscribe('us-east-1', 'orders-cache', null);
    const [fromA, fromB] = await Promise.all([onA.next(), onB.next()]);
    expect(fromA.value?.done).toBe(true);
    expect(fromB.value).toEqual(fromA.value);
    expect(a.coordination.published.map((message) => message.kind)).toEqual(['progress']);
    expect(b.coordination.published).toEqual([]);
    expect(t.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups')).toHaveLength(1);
    // A group that does not migrate is not reported as polled progress.
    expect([...a.watchers.polled(), ...b.watchers.polled()]).toEqual([]);
    expect(await onA.next()).toEqual({ value: undefined, done: true });
    expect(await onB.next()).toEqual({ value: undefined, done: true });
    await waitUntil(() => a.watchers.activeWatches + b.watchers.activeWatches === 0, 'both watches ending');
  });

  it('ends quietly when its last subscriber leaves while a read waits on ElastiCache: no failure told', async () => {
    const { settled, interceptor } = settledCalls();
    const own = await startTestGateway({ interceptors: [interceptor] });
    const lines: Record<string, unknown>[] = [];
    const watchers = new ProgressWatchers({
      clients: own.clients,
      reader: {} as MigrationProgressReader,
      log: createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
      coordination: new LocalPollCoordination(),
      intervalMs: 60_000,
      hold: () => () => undefined,
    });
    try {
      own.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'latency', latencyMs: 10_000 });
      const updates = watchers.subscribe('us-east-1', 'orders-cache', null);
      await waitUntil(() => own.endpoint.calls.length === 1, 'the read to reach the endpoint');
      await updates.return?.();
      expect(watchers.activeWatches).toBe(0);
      // The call is cancelled at once (not 10 s later); the poll's handling of it follows within the same turn.
      await waitUntil(() => settled.includes('DescribeReplicationGroups'), 'the cancelled call', { timeoutMs: 5_000 });
      await new Promise((resolve) => setImmediate(resolve));
      expect(lines.filter((line) => line['message'] === 'Migration progress poll failed')).toEqual([]);
    } finally {
      watchers.dispose();
      await own.close();
    }
  });

  it('holds the lease for three intervals, and at least 3 s', async () => {
    const [slow] = replicas(1, 2_000);
    const [fast] = replicas(1, 100);
    const onSlow = slow!.watchers.subscribe('us-east-1', 'orders-cache', null);
    const onFast = fast!.watchers.subscribe('us-east-1', 'sessions-valkey', null);
    await Promise.all([onSlow.next(), onFast.next()]);
    expect(slow!.coordination.claims[0]?.leaseMs).toBe(6_000);
    expect(fast!.coordination.claims[0]?.leaseMs).toBe(3_000);
  });
});
