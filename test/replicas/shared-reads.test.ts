import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_REDIS } from '../support/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { dropKeys, MACHINE_REDIS_URL, testKeyPrefix } from '../support/shared-redis.js';

const GROUP = '{ replicationGroup(replicationGroupId: "orders-cache") { replicationGroupId status } }';
const TEST_MIGRATION = `mutation { testMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "${LOCAL_REDIS[0]?.address}", port: ${LOCAL_REDIS[0]?.port} }] }) { __typename } }`;

describe('two replicas sharing a Redis share their reads', () => {
  const keyPrefix = testKeyPrefix('shared-reads');
  let a: TestGateway;
  let b: TestGateway;

  beforeAll(async () => {
    const redis = { url: MACHINE_REDIS_URL, keyPrefix };
    a = await startTestGateway({ redis, readCacheTtlMs: 60_000 });
    b = await startTestGateway({ redis, readCacheTtlMs: 60_000, sharedEndpoint: a.endpoint });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  const describeCalls = () => a.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups');

  it("answers a read on one replica from the other's answer, and both see a mutation made through either", async () => {
    a.endpoint.resetCalls();
    const first = await post(a, GROUP);
    const second = await post(b, GROUP);
    expect(second.body).toEqual(first.body);
    expect(first.body).toEqual({
      data: { replicationGroup: { replicationGroupId: 'orders-cache', status: 'available' } },
    });
    expect(describeCalls()).toHaveLength(1);

    // A mutation through B: A's next read asks AWS again (and then shares its answer with B).
    expect((await post(b, TEST_MIGRATION)).body).toEqual({
      data: { testMigration: { __typename: 'TestMigrationSuccess' } },
    });
    a.endpoint.resetCalls();
    await post(a, GROUP);
    await post(b, GROUP);
    expect(describeCalls()).toHaveLength(1);
    await a.endpoint.settled();
  });

  it('makes identical reads in flight on both replicas at once one AWS call', async () => {
    // A group not read yet, and 300 ms upstream: the 20 requests overlap on both replicas.
    a.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'latency', latencyMs: 300 });
    a.endpoint.resetCalls();
    const query = '{ replicationGroup(replicationGroupId: "sessions-valkey") { replicationGroupId status } }';
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => post(index % 2 ? b : a, query)));
      for (const answer of answers)
        expect(answer.body).toEqual({
          data: { replicationGroup: { replicationGroupId: 'sessions-valkey', status: 'available' } },
        });
      expect(describeCalls()).toHaveLength(1);
    } finally {
      a.endpoint.faults.clear();
    }
  });

  it('keeps answers in Redis under its prefix, with their TTL', async () => {
    const { Redis } = await import('ioredis');
    const redis = new Redis(MACHINE_REDIS_URL);
    try {
      const keys = await redis.keys(`${keyPrefix}reads:us-east-1:*`);
      // Answers only: the generation counter stays, and no read is still being filled.
      expect(keys.filter((key) => key.includes(':filling:'))).toEqual([]);
      const answers = keys.filter((key) => !key.endsWith(':generation'));
      expect(answers.length).toBeGreaterThan(0);
      const ttl = await redis.pttl(answers[0] ?? '');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
      // One mutation so far: the region's generation moved once.
      expect(await redis.get(`${keyPrefix}reads:us-east-1:generation`)).toBe('1');
    } finally {
      redis.disconnect();
    }
  });
});

describe('a replica whose Redis goes away', () => {
  const keyPrefix = testKeyPrefix('redis-down');
  let redis: ThrowawayRedis;
  let t: TestGateway;

  beforeAll(async () => {
    redis = await startRedis();
    t = await startTestGateway({
      redis: { url: `redis://127.0.0.1:${redis.port}/0`, keyPrefix },
      readCacheTtlMs: 60_000,
    });
  });
  afterEach(() => t.endpoint.resetCalls());
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  const describeCalls = () => t.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups');
  const redisLines = () => t.logs.filter((line) => String(line.message).startsWith('Redis is'));
  const waitFor = async (condition: () => boolean) => {
    for (let waited = 0; !condition(); waited += 50) {
      if (waited > 10_000) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('keeps answering from AWS and memory while Redis is down, logs it once, and uses Redis again when it is back', async () => {
    await post(t, GROUP);
    await post(t, GROUP);
    expect(describeCalls()).toHaveLength(1);

    const port = redis.port;
    await redis.stop();
    await waitFor(() => redisLines().length > 0);
    // Reads never fail because Redis is down; the in-process cache takes over.
    t.endpoint.resetCalls();
    for (let read = 0; read < 5; read++) {
      expect((await post(t, GROUP)).body).toEqual({
        data: { replicationGroup: { replicationGroupId: 'orders-cache', status: 'available' } },
      });
    }
    expect(describeCalls()).toHaveLength(1);
    // A mutation while Redis is down still drops the cached reads.
    expect((await post(t, TEST_MIGRATION)).body).toEqual({
      data: { testMigration: { __typename: 'TestMigrationSuccess' } },
    });
    await post(t, GROUP);
    expect(describeCalls()).toHaveLength(2);
    expect(redisLines().map((line) => line.message)).toEqual([
      'Redis is unreachable: serving from AWS with an in-process cache until it is back',
    ]);

    redis = await startRedis([], port);
    await waitFor(() => redisLines().length > 1);
    expect(redisLines().at(-1)?.message).toBe('Redis is reachable again');
    t.endpoint.resetCalls();
    await post(t, GROUP);
    await post(t, GROUP);
    expect(describeCalls()).toHaveLength(1);
    // The mutation made while it was down moved the region's generation on in Redis too.
    const { Redis } = await import('ioredis');
    const direct = new Redis(redis.port, '127.0.0.1');
    try {
      expect(await direct.get(`${keyPrefix}reads:us-east-1:generation`)).toBe('1');
    } finally {
      direct.disconnect();
    }
    await t.endpoint.settled();
  }, 30_000);
});
