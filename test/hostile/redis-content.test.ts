import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FILL_LEASE_MS } from '../../src/redis/read-cache.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { dropKeys, MACHINE_REDIS_URL, testKeyPrefix } from '../support/shared-redis.js';

const QUERY = '{ replicationGroup(replicationGroupId: "orders-cache") { replicationGroupId status } }';
const ANSWER = { data: { replicationGroup: { replicationGroupId: 'orders-cache', status: 'available' } } };

/**
 * Redis is shared: what it holds is data, never trusted. A corrupt answer is a miss (told once),
 * never an INTERNAL_SERVER_ERROR; a fill lock left by a replica that died lapses within a lease,
 * while a live holder keeps its lock for as long as its call takes.
 */
describe('the read cache with hostile or stale Redis content', () => {
  const keyPrefix = testKeyPrefix('redis-content');
  let a: TestGateway;
  let b: TestGateway;
  let redis: Redis;

  beforeAll(async () => {
    const shared = { url: MACHINE_REDIS_URL, keyPrefix };
    a = await startTestGateway({ redis: shared, readCacheTtlMs: 60_000 });
    b = await startTestGateway({ redis: shared, readCacheTtlMs: 60_000, sharedEndpoint: a.endpoint });
    redis = new Redis(MACHINE_REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await b.close();
    await a.close();
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });
  beforeEach(() => a.endpoint.resetCalls());

  const describeCalls = () => a.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups').length;
  /** The Redis key of the answer of QUERY's read (the only read of the region here). */
  const answerKey = async () => {
    const keys = (await redis.keys(`${keyPrefix}reads:us-east-1:*`)).filter(
      (key) => !key.endsWith(':generation') && !key.includes(':filling:'),
    );
    expect(keys).toHaveLength(1);
    return keys[0] ?? '';
  };
  const lockKeyOf = (key: string) => key.replace(/:reads:us-east-1:\d+:/, ':reads:us-east-1:filling:');
  const badEntryLines = () => a.logs.filter((line) => String(line.message).startsWith('A read-cache entry in Redis'));

  it('a corrupt entry is a miss, told once', async () => {
    expect((await post(a, QUERY)).body).toEqual(ANSWER);
    const key = await answerKey();
    for (const corrupt of ['{"not json', '42']) {
      await redis.set(key, corrupt, 'PX', 60_000);
      const answer = await post(a, QUERY);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(ANSWER);
    }
    expect(describeCalls()).toBe(3);
    expect(badEntryLines()).toHaveLength(1);
  });

  it("a corrupt entry that appears while waiting for another replica's answer is no answer", async () => {
    const key = await answerKey();
    await redis.del(key);
    // Another replica "holds" the read: this one waits for its answer, and finds corrupt text.
    await redis.set(lockKeyOf(key), 'another-replica', 'PX', FILL_LEASE_MS);
    const pending = post(b, QUERY);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await redis.set(key, '{"not json', 'PX', 60_000);
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(ANSWER);
  });

  it('a lock left by a replica that died lapses within a lease: one call, no ten-second stall', async () => {
    const key = await answerKey();
    await redis.del(key);
    await redis.set(lockKeyOf(key), 'a-replica-that-died', 'PX', FILL_LEASE_MS);
    const started = performance.now();
    expect((await post(a, QUERY)).body).toEqual(ANSWER);
    const waited = performance.now() - started;
    console.log(`a read behind a dead replica's lock answered after ${Math.round(waited)} ms`);
    // Bounded by the lease (plus a poll step and the call), far from the 10 s it took.
    expect(waited).toBeLessThan(FILL_LEASE_MS + 3_000);
    expect(describeCalls()).toBe(1);
  });

  it('a live holder keeps its lock past a lease while its call takes longer: still one call for both replicas', async () => {
    await redis.del(await answerKey());
    a.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'latency', latencyMs: 3 * FILL_LEASE_MS });
    try {
      const first = post(a, QUERY);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const [one, two] = await Promise.all([first, post(b, QUERY)]);
      expect(one.body).toEqual(ANSWER);
      expect(two.body).toEqual(ANSWER);
      expect(describeCalls()).toBe(1);
    } finally {
      a.endpoint.faults.clear();
    }
  });
});
