import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { RedisConnection } from '../../src/redis/connection.js';
import { RedisReadCache } from '../../src/redis/read-cache.js';
import { RedisResponseStore } from '../../src/redis/response-store.js';
import { MAX_RESPONSE_BYTES } from '../../src/response-cache/store.js';
import { startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { dropKeys, MACHINE_REDIS_URL, testKeyPrefix } from '../support/shared-redis.js';

const response = (text: string) => ({ data: { text } });

describe('RedisResponseStore: responses in Redis, in memory while Redis is away', () => {
  const keyPrefix = testKeyPrefix('redis-response-store');
  let connection: RedisConnection;
  let store: RedisResponseStore;
  let redis: Redis;
  beforeAll(async () => {
    connection = new RedisConnection({ url: MACHINE_REDIS_URL, keyPrefix }, createLogger('silent'));
    expect(await connection.connected()).toBe(true);
    store = new RedisResponseStore(connection);
    redis = new Redis(MACHINE_REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await connection.close();
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  it('keeps a response under its key with its TTL, and never one over the size bound', async () => {
    expect(await store.set('small', response('x'), 30_000)).toBe(true);
    expect(await store.get('small')).toEqual(response('x'));
    const ttl = await redis.pttl(`${keyPrefix}responses:small`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
    expect(await store.set('big', response('x'.repeat(MAX_RESPONSE_BYTES)), 30_000)).toBe(false);
    expect(await redis.exists(`${keyPrefix}responses:big`)).toBe(0);
    expect(await store.get('big')).toBeNull();
  });

  it('keeps responses, and names generations, in memory while Redis is unreachable', async () => {
    let server: ThrowawayRedis | null = await startRedis();
    const away = new RedisConnection({ url: `redis://127.0.0.1:${server.port}`, keyPrefix }, createLogger('silent'));
    try {
      expect(await away.connected()).toBe(true);
      const reads = new RedisReadCache(away, 30_000);
      const awayStore = new RedisResponseStore(away);
      expect(await reads.generations(['us-east-1'])).toBe('r0');
      await server.stop();
      server = null;
      while (away.ready) await new Promise((resolve) => setImmediate(resolve));
      expect(await reads.generations(['us-east-1'])).toBe('m0');
      expect(await awayStore.set('k', response('kept'), 30_000)).toBe(true);
      expect(await awayStore.get('k')).toEqual(response('kept'));
    } finally {
      await away.close();
      await server?.stop();
    }
  });
});
