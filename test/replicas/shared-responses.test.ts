import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../src/metrics.js';
import { LOCAL_REDIS } from '../support/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { countsBy } from '../support/metrics.js';
import { dropKeys, MACHINE_REDIS_URL, testKeyPrefix } from '../support/shared-redis.js';

const DASHBOARD = `{ replicationGroups(first: 10) { edges { node { replicationGroupId status
  cacheClusters { cacheClusterId } migration { phase } } } } }`;
const STATUS = '{ replicationGroup(replicationGroupId: "orders-cache") { replicationGroupId status } }';
const START = `mutation { startMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "${LOCAL_REDIS[0]?.address}", port: ${LOCAL_REDIS[0]?.port} }] }) { __typename } }`;

const hits = async (metrics: GatewayMetrics) =>
  (await countsBy(metrics, 'elasticache_response_cache_total', 'event', ['hit'])).hit;

describe('two replicas sharing a Redis share whole responses', () => {
  const keyPrefix = testKeyPrefix('shared-responses');
  const metricsA = new GatewayMetrics();
  let a: TestGateway;
  let b: TestGateway;
  let redis: Redis;

  beforeAll(async () => {
    const replica = {
      redis: { url: MACHINE_REDIS_URL, keyPrefix },
      readCacheTtlMs: 60_000,
      responseCacheTtlMs: 60_000,
    };
    a = await startTestGateway({ ...replica, metrics: { metrics: metricsA, token: null } });
    b = await startTestGateway({ ...replica, sharedEndpoint: a.endpoint });
    redis = new Redis(MACHINE_REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await b.close();
    await a.close();
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  const responseKeys = () => redis.keys(`${keyPrefix}responses:*`);

  it("answers on one replica from the other's response: no read at all, the same body", async () => {
    const first = await post(a, DASHBOARD);
    expect(first.body.errors).toBeUndefined();
    const keys = await responseKeys();
    expect(keys).toHaveLength(1);
    // Each entry expires by itself.
    const ttl = await redis.pttl(keys[0] ?? '');
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);

    a.endpoint.resetCalls();
    const second = await post(b, DASHBOARD);
    expect(second.body).toEqual(first.body);
    expect(a.endpoint.calls).toEqual([]);
  });

  it('serves nothing computed before a mutation made through the other replica', async () => {
    expect((await post(a, STATUS)).body.data).toEqual({
      replicationGroup: { replicationGroupId: 'orders-cache', status: 'available' },
    });
    expect((await post(a, STATUS)).body.data).toMatchObject({ replicationGroup: { status: 'available' } });
    const hitsBefore = await hits(metricsA);
    expect(hitsBefore).toBeGreaterThan(0);

    expect((await post(b, START)).body.data).toEqual({ startMigration: { __typename: 'StartMigrationSuccess' } });
    const after = await post(a, STATUS);
    expect(after.body.data).toMatchObject({ replicationGroup: { status: 'modifying' } });
    expect(await hits(metricsA)).toBe(hitsBefore);
    // And the dashboard kept before the mutation is executed again too.
    a.endpoint.resetCalls();
    await post(a, DASHBOARD);
    expect(a.endpoint.calls.length).toBeGreaterThan(0);
    await a.endpoint.settled();
  });

  it("reads Redis's entries as data: one the gateway did not write is a miss, told once", async () => {
    const query = '{ replicationGroup(replicationGroupId: "legacy-redis") { replicationGroupId } }';
    const answer = { data: { replicationGroup: { replicationGroupId: 'legacy-redis' } } };
    expect((await post(a, query)).body).toEqual(answer);
    const before = new Set(await responseKeys());
    expect((await post(a, query)).body).toEqual(answer);
    // Every entry in Redis now holds something else: text that is not JSON, an answer with
    // errors, another shape.
    const planted = [
      '{not json',
      JSON.stringify({ data: { replicationGroup: null }, errors: [{ message: 'x' }] }),
      '[1]',
    ];
    for (const entry of planted) {
      for (const key of before) await redis.set(key, entry, 'PX', 60_000);
      expect((await post(b, query)).body).toEqual(answer);
    }
    expect(b.logs.filter((line) => String(line.message).startsWith('A response-cache entry in Redis'))).toHaveLength(1);
  });
});
