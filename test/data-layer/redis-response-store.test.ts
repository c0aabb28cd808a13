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
    // The bound itself is kept; a byte over it is not.
    const framing = Buffer.byteLength(JSON.stringify(response('')));
    expect(await store.set('exact', response('x'.repeat(MAX_RESPONSE_BYTES - framing)), 30_000)).toBe(true);
    expect(await store.set('over', response('x'.repeat(MAX_RESPONSE_BYTES - framing + 1)), 30_000)).toBe(false);
    expect(await redis.exists(`${keyPrefix}responses:exact`, `${keyPrefix}responses:over`)).toBe(1);
  });

  it('serves only a response it could have written: any other entry is a miss, told once', async () => {
    const lines: Record<string, unknown>[] = [];
    const told = new RedisResponseStore(
      connection,
      createLogger('warn', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
    );
    const planted = [
      '{not json',
      'null',
      '42',
      '"text"',
      '[{"data":{}}]',
      '{}',
      '{"data":null}',
      '{"data":"text"}',
      '{"data":[1]}',
      '{"data":{"a":1},"errors":[]}',
      '{"errors":[{"message":"x"}]}',
    ];
    for (const entry of planted) {
      await redis.set(`${keyPrefix}responses:planted`, entry, 'PX', 30_000);
      expect(await told.get('planted'), entry).toBeNull();
    }
    expect(lines.map((line) => line['message'])).toEqual([
      'A response-cache entry in Redis is not one the gateway wrote; treated as a miss (told once)',
    ]);
    await redis.set(`${keyPrefix}responses:planted`, '{"data":{"a":1}}', 'PX', 30_000);
    expect(await told.get('planted')).toEqual({ data: { a: 1 } });
    expect(await told.get('never-kept')).toBeNull();
    expect(lines).toHaveLength(1);
    // A key never kept is a plain miss, not an entry to tell of; and a store with no log tells no one.
    const fresh: Record<string, unknown>[] = [];
    const quiet = new RedisResponseStore(
      connection,
      createLogger('warn', (line) => fresh.push(JSON.parse(line) as Record<string, unknown>)),
    );
    expect(await quiet.get('never-kept')).toBeNull();
    expect(fresh).toEqual([]);
    await redis.set(`${keyPrefix}responses:planted`, '[1]', 'PX', 30_000);
    expect(await store.get('planted')).toBeNull();
  });

  it('answers from memory what it kept there while Redis was away, when Redis refuses a command', async () => {
    let server = await startRedis();
    const url = `redis://127.0.0.1:${server.port}`;
    const flaky = new RedisConnection({ url, keyPrefix }, createLogger('silent'));
    const admin = new Redis(url, { lazyConnect: true });
    try {
      expect(await flaky.connected()).toBe(true);
      const flakyStore = new RedisResponseStore(flaky);
      await server.stop();
      while (flaky.ready) await new Promise((resolve) => setImmediate(resolve));
      expect(await flakyStore.set('k', response('in memory'), 30_000)).toBe(true);
      server = await startRedis([], server.port);
      expect(await flaky.connected(10_000)).toBe(true);
      // Back: Redis answers, and it holds no such entry.
      expect(await flakyStore.get('k')).toBeNull();
      expect(await flakyStore.set('r', response('in redis'), 30_000)).toBe(true);
      // Redis refuses GET and SET (as after an ACL change) while the connection stays up.
      await admin.connect();
      await admin.call('ACL', 'SETUSER', 'default', '-get', '-set');
      expect(await flakyStore.get('k')).toEqual(response('in memory'));
      expect(await flakyStore.get('r')).toBeNull();
      expect(await flakyStore.set('s', response('x'), 30_000)).toBe(false);
      expect(flaky.ready).toBe(true);
      await admin.call('ACL', 'SETUSER', 'default', '+@all');
      expect(await flakyStore.get('r')).toEqual(response('in redis'));
      expect(await admin.exists(`${keyPrefix}responses:s`)).toBe(0);
    } finally {
      admin.disconnect();
      await flaky.close();
      await server.stop();
    }
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
