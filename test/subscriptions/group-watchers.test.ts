import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse, type GraphQLError } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ElastiCacheClients } from '../../src/aws/clients.js';
import { TooManySubscriptionsError } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import {
  DEFAULT_SUBSCRIPTIONS_PER_CALLER,
  GroupWatchers,
  type GroupUpdate,
} from '../../src/subscriptions/group-watchers.js';
import { LocalPollCoordination } from '../../src/subscriptions/poll-coordination.js';
import { TestMigrationDocument } from '../../examples/generated/graphql.js';
import { LOCAL_REDIS } from '../support/demo.js';
import { waitUntil } from '../support/eventually.js';
import { SharedLease } from '../support/shared-lease.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { settledCalls } from '../support/settled-calls.js';

/**
 * GroupWatchers on their own, over the gateway's clients and the local endpoint: what one
 * process's watches of a group hand to their subscribers, and when they poll.
 */
describe('GroupWatchers: the live view of each subscribed group', () => {
  let t: TestGateway;
  let watchers: GroupWatchers;
  beforeAll(async () => {
    t = await startTestGateway({ maxAttempts: 1 });
  });
  afterEach(() => {
    watchers.dispose();
    t.endpoint.faults.clear();
  });
  afterAll(() => t.close());

  /** Watchers polling a minute apart: every poll a test sees is one it caused. */
  const watch = (intervalMs = 60_000, maxBackoffMs?: number) =>
    (watchers = new GroupWatchers({
      clients: t.clients,
      log: createLogger('silent'),
      intervalMs,
      ...(maxBackoffMs === undefined ? {} : { maxBackoffMs }),
    }));
  const pollsOf = (id: string) =>
    t.endpoint.calls.filter(
      (call) => call.action === 'DescribeReplicationGroups' && call.params.ReplicationGroupId === id,
    ).length;
  const group = async (updates: AsyncIterator<GroupUpdate>) => {
    const { value } = (await updates.next()) as IteratorResult<GroupUpdate, undefined>;
    if (value?.kind !== 'group') throw new Error(`expected the group, got ${JSON.stringify(value)}`);
    return value;
  };

  it('watches a group once however its id is spelt, hands a later subscriber the newest finding at once, and stops with its last subscriber', async () => {
    watch();
    t.endpoint.resetCalls();
    const first = watchers.subscribe('us-east-1', 'orders-cache');
    const update = await group(first);
    expect(update.group.ReplicationGroupId).toBe('orders-cache');
    expect(update.reads.migration.phase).toBeDefined();
    expect(update.reads.events?.events).toEqual(expect.any(Array));
    expect(update.reads.clusters?.map((cluster) => cluster.CacheClusterId).sort()).toEqual(
      [...(update.group.MemberClusters ?? [])].sort(),
    );
    const second = watchers.subscribe('us-east-1', 'Orders-Cache');
    expect(await group(second)).toBe(update);
    expect(watchers.activeWatches).toBe(1);
    expect(watchers.openSubscriptions).toBe(2);
    expect(watchers.pollers).toBe(1);
    expect(pollsOf('orders-cache')).toBe(1);
    expect(watchers.pollDelayOf('us-east-1', 'ORDERS-CACHE')).toBe(60_000);
    expect(watchers.pollDelayOf('us-east-1', 'sessions-valkey')).toBeNull();

    await first.return?.();
    expect(watchers.openSubscriptions).toBe(1);
    expect(watchers.activeWatches).toBe(1);
    await second.return?.();
    expect(watchers.activeWatches).toBe(0);
    expect(watchers.pollers).toBe(0);
    expect(await second.next()).toEqual({ value: undefined, done: true });
  });

  it('polls at once after a mutation through the gateway, rather than at the end of its interval', async () => {
    watch();
    const updates = watchers.subscribe('us-east-1', 'orders-cache');
    await group(updates);
    t.endpoint.resetCalls();
    await watchers.changed('us-east-1', 'ORDERS-CACHE');
    await waitUntil(() => pollsOf('orders-cache') === 1, 'the poll the change asked for');
    await updates.return?.();
  });

  it('ends every subscription with NOT_FOUND when the group does not exist, and forgets the watch', async () => {
    watch();
    const updates = watchers.subscribe('us-east-1', 'no-such-group');
    const error = await updates.next().then(
      () => null,
      (failure: unknown) => failure as GraphQLError,
    );
    expect(error?.message).toBe('Replication group no-such-group does not exist in us-east-1.');
    expect(error?.extensions['code']).toBe('NOT_FOUND');
    expect(watchers.activeWatches).toBe(0);
    expect(await updates.next()).toEqual({ value: undefined, done: true });
  });

  it('ends every subscription with the reason when the gateway may not read the group, rather than polling in silence', async () => {
    watch();
    t.endpoint.faults.inject({
      action: 'DescribeReplicationGroups',
      kind: 'fault',
      code: 'InvalidClientTokenId',
      status: 403,
      message: 'The security token included in the request is invalid.',
    });
    const updates = watchers.subscribe('us-east-1', 'orders-cache');
    const error = await updates.next().then(
      () => null,
      (failure: unknown) => failure as GraphQLError,
    );
    expect(error?.extensions['code']).toBe('UPSTREAM_UNAUTHORIZED');
    expect(watchers.activeWatches).toBe(0);
  });

  it('ends quietly when its last subscriber leaves while a poll waits on ElastiCache: the call cancelled, no failure told', async () => {
    // A gateway of its own, whose AWS calls tell when they settle.
    const { settled, interceptor } = settledCalls();
    const own = await startTestGateway({ maxAttempts: 1, interceptors: [interceptor] });
    const lines: Record<string, unknown>[] = [];
    watchers = new GroupWatchers({
      clients: own.clients,
      log: createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
      intervalMs: 60_000,
    });
    try {
      own.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'latency', latencyMs: 10_000 });
      const updates = watchers.subscribe('us-east-1', 'orders-cache');
      await waitUntil(() => own.endpoint.calls.length === 1, 'the poll to reach the endpoint');
      await updates.return?.();
      expect(watchers.activeWatches).toBe(0);
      // The call is cancelled at once (not 10 s later); the poll's handling of it follows within the same turn.
      await waitUntil(() => settled.includes('DescribeReplicationGroups'), 'the cancelled call', { timeoutMs: 5_000 });
      await new Promise((resolve) => setImmediate(resolve));
      expect(lines.filter((line) => line['message'] === 'Subscription poll failed')).toEqual([]);
    } finally {
      watchers.dispose();
      await own.close();
    }
  });

  it('keeps its pace after a failure that is not throttling', async () => {
    watch(50);
    t.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'internal', times: 3 });
    t.endpoint.resetCalls();
    const updates = watchers.subscribe('us-east-1', 'orders-cache');
    // Three failed polls, then the group: the delay never grew.
    await group(updates);
    expect(pollsOf('orders-cache')).toBe(4);
    expect(watchers.pollDelayOf('us-east-1', 'orders-cache')).toBe(50);
    await updates.return?.();
  });
});

describe('GroupWatchers on several replicas: one poller, pokes, leases', () => {
  let t: TestGateway;
  const started: GroupWatchers[] = [];
  beforeAll(async () => {
    t = await startTestGateway({ maxAttempts: 1 });
  });
  afterEach(() => {
    for (const each of started.splice(0)) each.dispose();
    t.endpoint.faults.clear();
  });
  afterAll(() => t.close());

  const replicas = (count: number, intervalMs = 60_000) => {
    const shared = new LocalPollCoordination();
    const holders = new Map<string, SharedLease>();
    return Array.from({ length: count }, () => {
      const coordination = new SharedLease(shared, holders);
      const watchers = new GroupWatchers({ clients: t.clients, log: createLogger('silent'), intervalMs, coordination });
      started.push(watchers);
      return { watchers, coordination };
    });
  };
  const pollsOf = (id: string) =>
    t.endpoint.calls.filter(
      (call) => call.action === 'DescribeReplicationGroups' && call.params.ReplicationGroupId === id,
    ).length;
  const first = async (updates: AsyncIterator<GroupUpdate>) =>
    ((await updates.next()) as IteratorResult<GroupUpdate, undefined>).value;

  it('polls on one replica; a mutation through another pokes that poller, which polls at once', async () => {
    const [a, b] = replicas(2) as [ReturnType<typeof replicas>[0], ReturnType<typeof replicas>[0]];
    t.endpoint.resetCalls();
    const onA = a.watchers.subscribe('us-east-1', 'orders-cache');
    expect((await first(onA))?.kind).toBe('group');
    const onB = b.watchers.subscribe('us-east-1', 'orders-cache');
    // B is served A's finding at once, and waits an interval from it before it would claim.
    expect((await first(onB))?.kind).toBe('group');
    expect([a.watchers.pollers, b.watchers.pollers]).toEqual([1, 0]);
    expect(pollsOf('orders-cache')).toBe(1);

    await b.watchers.changed('us-east-1', 'orders-cache');
    expect(b.coordination.published).toEqual([{ kind: 'poke' }]);
    await waitUntil(() => pollsOf('orders-cache') === 2, 'the poke reaching the poller');
    // The poke reached B too, which does not poll the group: it claims nothing for it.
    expect(b.coordination.claims).toEqual([]);
    await onA.return?.();
    await onB.return?.();
  });

  it('holds the lease for three intervals, and at least 3 s', async () => {
    const [slow] = replicas(1, 60_000);
    const [fast] = replicas(1, 200);
    const onSlow = slow!.watchers.subscribe('us-east-1', 'orders-cache');
    const onFast = fast!.watchers.subscribe('us-east-1', 'sessions-valkey');
    await first(onSlow);
    await first(onFast);
    expect(slow!.coordination.claims[0]).toEqual({ key: expect.stringContaining('orders-cache'), leaseMs: 180_000 });
    expect(fast!.coordination.claims[0]).toEqual({ key: expect.stringContaining('sessions-valkey'), leaseMs: 3_000 });
    await onSlow.return?.();
    await onFast.return?.();
  });

  it('hands the group without its clusters when they cannot be read (fields then read them), and still polls', async () => {
    const [only] = replicas(1);
    t.endpoint.faults.inject({ action: 'DescribeCacheClusters', kind: 'internal' });
    const updates = only!.watchers.subscribe('us-east-1', 'orders-cache');
    const update = await first(updates);
    if (update?.kind !== 'group') throw new Error(`expected the group, got ${JSON.stringify(update)}`);
    expect(update.group.ReplicationGroupId).toBe('orders-cache');
    expect(update.reads.clusters).toBeUndefined();
    expect(update.reads.migration.phase).toBeDefined();
    await updates.return?.();
  });
});

describe('GroupWatchers through a test migration: news once, history never', () => {
  let t: TestGateway;
  let watchers: GroupWatchers;
  beforeAll(async () => {
    t = await startTestGateway({ local: { migration: { transitionMs: 100 } } });
  });
  afterAll(async () => {
    watchers.dispose();
    await t.close();
  });

  /** Updates of `updates` until `done` says stop (each within the wait of waitUntil). */
  async function until(updates: AsyncIterator<GroupUpdate>, done: (update: GroupUpdate) => boolean) {
    const seen: GroupUpdate[] = [];
    for (;;) {
      const { value } = (await updates.next()) as IteratorResult<GroupUpdate, undefined>;
      if (!value) throw new Error('the updates ended');
      seen.push(value);
      if (done(value)) return seen;
    }
  }
  const PHASE = parse(
    '{ replicationGroup(replicationGroupId: "orders-cache") { migration { phase } } }',
  ) as TypedDocumentNode<{ replicationGroup: { migration: { phase: string } } | null }, Record<string, never>>;
  const testStarted = 'Test migration started for replication group orders-cache with source endpoint 127.0.0.1:6379.';
  const testSucceeded =
    'Test migration succeeded for replication group orders-cache with source endpoint 127.0.0.1:6379.';

  it('tells what happened before the watch as history, then each new event once, and the group only when its state moves', async () => {
    const test = async () => {
      const tested = await t.execute(TestMigrationDocument, {
        input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: LOCAL_REDIS },
      });
      expect(tested.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
    };
    // A first test, before anyone watches: its events are history.
    await test();
    await waitUntil(async () => {
      const answer = await t.execute(PHASE);
      return answer.data?.replicationGroup?.migration.phase === 'TEST_SUCCEEDED';
    }, 'the first test to have succeeded');
    watchers = new GroupWatchers({ clients: t.clients, log: createLogger('silent'), intervalMs: 50 });
    const watching = watchers.subscribe('us-east-1', 'orders-cache');
    const [current] = await until(watching, () => true);
    if (current?.kind !== 'group') throw new Error('the group first');
    expect(current.reads.events?.events.map((event) => event.Message)).toEqual([testStarted, testSucceeded]);
    const before = Math.max(...(current.reads.events?.events ?? []).map((event) => event.Date?.getTime() ?? 0));

    // A second test while watching: its two events are news, each once, and no event of the first.
    await test();
    await watchers.changed('us-east-1', 'orders-cache');
    const seen = await until(watching, (update) => update.kind === 'event' && update.event.Message === testSucceeded);
    const events = seen.flatMap((update) => (update.kind === 'event' ? [update.event] : []));
    expect(events.map((event) => event.Message)).toEqual([testStarted, testSucceeded]);
    expect(events.every((event) => (event.Date?.getTime() ?? 0) > before)).toBe(true);
    // Every group update says something new: its status or migration phase moved.
    const states = seen.flatMap((update) =>
      update.kind === 'group' ? [`${update.group.Status} ${update.reads.migration.phase}`] : [],
    );
    expect(states).toEqual(['available TESTING', 'available TEST_SUCCEEDED']);
    await watching.return?.();
  });
});

describe('GroupWatchers while ElastiCache throttles', () => {
  let t: TestGateway;
  let watchers: GroupWatchers;
  beforeAll(async () => {
    t = await startTestGateway({ maxAttempts: 1 });
  });
  afterAll(async () => {
    watchers.dispose();
    await t.close();
  });

  it('doubles the delay after each throttled poll up to its ceiling, and returns to the interval after a poll succeeds', async () => {
    watchers = new GroupWatchers({ clients: t.clients, log: createLogger('silent'), intervalMs: 20, maxBackoffMs: 80 });
    const updates = watchers.subscribe('us-east-1', 'orders-cache');
    const { value } = (await updates.next()) as IteratorResult<GroupUpdate, undefined>;
    expect(value?.kind).toBe('group');
    const delay = () => watchers.pollDelayOf('us-east-1', 'orders-cache');
    const polls = () => t.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups').length;
    const seen = new Set<number | null>();
    const rule = t.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'throttling' });
    await waitUntil(() => {
      seen.add(delay());
      return delay() === 80;
    }, 'the ceiling');
    // Two more throttled polls at the ceiling: it holds.
    t.endpoint.resetCalls();
    await waitUntil(() => {
      seen.add(delay());
      return polls() >= 2;
    }, 'two polls at the ceiling');
    expect(delay()).toBe(80);
    // Only the interval and its doublings up to the ceiling were ever seen (a sample may skip one).
    expect([...seen].every((value) => [20, 40, 80].includes(value ?? 0))).toBe(true);
    t.endpoint.faults.remove(rule);
    await waitUntil(() => delay() === 20, 'the interval again');
    await updates.return?.();
  });
});

describe("a caller's subscription places", () => {
  const watchers = (maxPerCaller?: number) =>
    new GroupWatchers({
      clients: {} as ElastiCacheClients,
      log: createLogger('silent'),
      intervalMs: 1_000,
      ...(maxPerCaller === undefined ? {} : { maxPerCaller }),
    });

  it('holds at most the limit per caller; each place comes back once, however often it is given back', () => {
    const places = watchers(2);
    const first = places.hold('alice');
    places.hold('alice');
    expect(() => places.hold('alice')).toThrow(TooManySubscriptionsError);
    // Others, and the open caller (null), have places of their own.
    places.hold('bob');
    places.hold(null);
    places.hold(null);
    expect(() => places.hold(null)).toThrow(TooManySubscriptionsError);
    first();
    first();
    places.hold('alice');
    expect(() => places.hold('alice')).toThrow(TooManySubscriptionsError);
  });

  it(`holds ${DEFAULT_SUBSCRIPTIONS_PER_CALLER} per caller unless told otherwise`, () => {
    const places = watchers();
    const given = Array.from({ length: DEFAULT_SUBSCRIPTIONS_PER_CALLER }, () => places.hold('alice'));
    expect(() => places.hold('alice')).toThrow(TooManySubscriptionsError);
    for (const giveBack of given) giveBack();
    expect(() => places.hold('alice')).not.toThrow();
  });
});

describe('GroupWatchers of a busy group: more events than a page', () => {
  let t: TestGateway;
  let watchers: GroupWatchers;
  beforeAll(async () => {
    t = await startTestGateway({ local: { migration: { transitionMs: 50 } } });
  });
  afterAll(async () => {
    watchers.dispose();
    await t.close();
  });

  it('hands the group without its day of events once a read may have left some out (fields then read them)', async () => {
    // 60 tests of a migration, one after another, two events each: more than one page of
    // DescribeEvents (100).
    for (let round = 0; round < 60; round++) {
      const tested = await t.execute(TestMigrationDocument, {
        input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: LOCAL_REDIS },
      });
      expect(tested.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
    }
    await t.endpoint.settled();
    watchers = new GroupWatchers({ clients: t.clients, log: createLogger('silent'), intervalMs: 60_000 });
    const updates = watchers.subscribe('us-east-1', 'orders-cache');
    const { value } = (await updates.next()) as IteratorResult<GroupUpdate, undefined>;
    if (value?.kind !== 'group') throw new Error(`expected the group, got ${JSON.stringify(value)}`);
    expect(value.reads.events).toBeUndefined();
    expect(value.reads.migration.phase).toBe('TEST_SUCCEEDED');
    await updates.return?.();
  });
});
