import { Redis } from 'ioredis';
import { MigrationPhase } from '../../src/rules/migration-phase.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord, ReplicationGroupRecord } from '../../src/aws/records.js';
import { createLogger } from '../../src/logger.js';
import { RedisConnection } from '../../src/redis/connection.js';
import { RedisPollCoordination } from '../../src/redis/poll-coordination.js';
import { RedisReadCache } from '../../src/redis/read-cache.js';
import type { PollMessage } from '../../src/subscriptions/poll-coordination.js';
import { eventually, waitUntil } from '../support/eventually.js';
import { startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { dropKeys, MACHINE_REDIS_URL, testKeyPrefix } from '../support/shared-redis.js';

const SIGNAL = new AbortController().signal;
/** A read-cache key as the single path writes it (region first). */
const READ = 'us-east-1\nDescribeReplicationGroups\n{}';
const group = {
  ReplicationGroupId: 'g',
  Status: 'available',
  location: 'us-east-1',
  accountId: null,
} as ReplicationGroupRecord;
const poll = (polledAt: number): PollMessage => ({
  kind: 'poll',
  group,
  reads: { migration: { phase: MigrationPhase.NONE, message: null, updatedAt: null } },
  events: [] as EventRecord[],
  initial: true,
  polledAt,
});

/** Lines a connection logs, parsed. */
function connectionTo(url: string, keyPrefix: string) {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return { connection: new RedisConnection({ url, keyPrefix, commandTimeoutMs: 500 }, log), lines };
}

describe('RedisPollCoordination between two replicas', () => {
  const keyPrefix = testKeyPrefix('redis-coordination');
  let a: RedisConnection;
  let b: RedisConnection;
  let onA: RedisPollCoordination;
  let onB: RedisPollCoordination;
  let admin: Redis;

  beforeAll(async () => {
    a = connectionTo(MACHINE_REDIS_URL, keyPrefix).connection;
    b = connectionTo(MACHINE_REDIS_URL, keyPrefix).connection;
    expect(await a.connected()).toBe(true);
    expect(await b.connected()).toBe(true);
    onA = new RedisPollCoordination(a);
    onB = new RedisPollCoordination(b);
    admin = new Redis(MACHINE_REDIS_URL);
  });
  afterAll(async () => {
    admin.disconnect();
    await a.close();
    await b.close();
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  const subscribers = async (key: string) =>
    Number(((await admin.call('PUBSUB', 'NUMSUB', `${keyPrefix}group:${key}`)) as [string, number])[1]);

  it("keeps the newest poll for the next watch, under the key 'latest', and forgets it on a poke or when the group is gone", async () => {
    await onA.publish('k1', poll(1));
    expect(await onB.latest('k1')).toMatchObject({ kind: 'poll', polledAt: 1 });
    expect(await admin.exists(`${keyPrefix}latest:k1`)).toBe(1);
    await onA.publish('k1', { kind: 'poke' });
    expect(await onB.latest('k1')).toBeNull();
    await onA.publish('k1', poll(2));
    await onA.publish('k1', { kind: 'gone', message: 'Replication group g does not exist.' });
    expect(await onB.latest('k1')).toBeNull();
    // A progress message is not a poll: it neither replaces nor clears the newest poll.
    await onA.publish('k1', poll(3));
    await onA.publish('k1', { kind: 'progress', progress: {} as never, done: false });
    expect(await onB.latest('k1')).toMatchObject({ polledAt: 3 });
    // Whatever else is stored there is no poll.
    await admin.set(`${keyPrefix}latest:k1`, JSON.stringify({ kind: 'poke' }));
    expect(await onB.latest('k1')).toBeNull();
  });

  it('carries what one replica publishes to the other’s listeners, and unsubscribes when the last listener stops', async () => {
    const heard: PollMessage[] = [];
    const first = onB.listen('k2', (message) => heard.push(message));
    const second = onB.listen('k2', () => undefined);
    await Promise.all([first.subscribed, second.subscribed]);
    expect(await subscribers('k2')).toBe(1);
    await onA.publish('k2', poll(5));
    await waitUntil(() => heard.length === 1, 'the poll on the other replica');
    expect(heard[0]).toMatchObject({ kind: 'poll', polledAt: 5 });
    // Text on the channel that is not a message is ignored.
    await admin.publish(`${keyPrefix}group:k2`, '{not json');
    first.stop();
    expect(await subscribers('k2')).toBe(1);
    second.stop();
    await eventually(
      () => subscribers('k2'),
      (count) => count === 0,
      'the unsubscribe',
    );
    await onA.publish('k2', poll(6));
    expect(heard).toHaveLength(1);
  });

  it('gives the lease to one replica at a time, renews it for its holder, and frees it when released', async () => {
    expect(await onA.claim('k3', 5_000)).toBe(true);
    expect(await onB.claim('k3', 5_000)).toBe(false);
    expect(await onA.claim('k3', 5_000)).toBe(true);
    await onB.release('k3');
    expect(await onB.claim('k3', 5_000)).toBe(false);
    await onA.release('k3');
    expect(await onB.claim('k3', 5_000)).toBe(true);
    await onB.release('k3');
  });
});

describe('Redis going away and coming back', () => {
  const keyPrefix = testKeyPrefix('redis-outage');
  let server: ThrowawayRedis;
  let port: number;

  beforeAll(async () => {
    server = await startRedis();
    port = server.port;
  });
  afterAll(async () => {
    await server.stop();
  });

  it('polls alone and caches in memory while Redis is away, tells it once each way, and moves a mutated region on when back', async () => {
    const { connection, lines } = connectionTo(`redis://127.0.0.1:${port}`, keyPrefix);
    const coordination = new RedisPollCoordination(connection);
    const cache = new RedisReadCache(connection, 60_000);
    try {
      expect(await connection.connected()).toBe(true);
      expect(connection.ready).toBe(true);
      await server.stop();
      await waitUntil(() => !connection.ready, 'the connection to notice');

      // Polling: this replica polls, and tells its own listeners.
      expect(await coordination.claim('k', 5_000)).toBe(true);
      const heard: PollMessage[] = [];
      const listening = coordination.listen('k', (message) => heard.push(message));
      await listening.subscribed;
      await coordination.publish('k', poll(7));
      expect(heard).toMatchObject([{ polledAt: 7 }]);
      expect(await coordination.latest('k')).toMatchObject({ polledAt: 7 });
      await coordination.release('k');
      listening.stop();

      // Reads: kept in memory (a generation that is not Redis's), a mutation remembered.
      const before = await cache.lookup('us-east-1', READ);
      expect(before.generation.startsWith('r')).toBe(false);
      await cache.fill('us-east-1', READ, before.generation, () => Promise.resolve({ kept: 'in memory' }), SIGNAL);
      expect((await cache.lookup('us-east-1', READ)).answer).toEqual({ kept: 'in memory' });
      await cache.invalidate('us-east-1');
      expect((await cache.lookup('us-east-1', READ)).answer).toBeUndefined();

      server = await startRedis([], port);
      await waitUntil(() => connection.ready, 'the connection to come back', { timeoutMs: 15_000 });
      // The mutation during the outage moved the region's generation in Redis.
      const admin = new Redis({ host: '127.0.0.1', port });
      try {
        expect(
          await eventually(
            () => admin.get(`${keyPrefix}reads:us-east-1:generation`),
            (value) => value === '1',
            'the catch-up',
          ),
        ).toBe('1');
      } finally {
        admin.disconnect();
      }
      expect((await cache.lookup('us-east-1', READ)).generation).toBe('r1');
      const messages = lines.map((line) => line.message);
      expect(messages.filter((message) => String(message).startsWith('Redis is unreachable'))).toHaveLength(1);
      expect(messages.filter((message) => message === 'Redis is reachable again')).toHaveLength(1);
      expect(lines.find((line) => String(line.message).startsWith('Redis is unreachable'))).toHaveProperty('reason');
    } finally {
      await connection.close();
    }
  }, 30_000);
});

describe('RedisReadCache locks', () => {
  const keyPrefix = testKeyPrefix('redis-locks');
  let connection: RedisConnection;
  let admin: Redis;
  beforeAll(async () => {
    connection = connectionTo(MACHINE_REDIS_URL, keyPrefix).connection;
    expect(await connection.connected()).toBe(true);
    admin = new Redis(MACHINE_REDIS_URL);
  });
  afterAll(async () => {
    admin.disconnect();
    await connection.close();
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  it('holds a lock under reads:<region>:filling while it fetches, and gives it up after', async () => {
    const cache = new RedisReadCache(connection, 60_000);
    const { generation } = await cache.lookup('us-east-1', READ);
    let locksWhileFetching: string[] = [];
    await cache.fill(
      'us-east-1',
      READ,
      generation,
      async () => {
        locksWhileFetching = await admin.keys(`${keyPrefix}reads:us-east-1:filling:*`);
        return { fetched: true };
      },
      SIGNAL,
    );
    expect(locksWhileFetching).toHaveLength(1);
    expect(await admin.keys(`${keyPrefix}reads:us-east-1:filling:*`)).toEqual([]);
    expect(await admin.keys(`${keyPrefix}reads:us-east-1:0:*`)).toHaveLength(1);
  });
});
