import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeGroupEvents } from '../../src/aws/events.js';
import { createLogger } from '../../src/logger.js';
import { RedisConnection } from '../../src/redis/connection.js';
import { RedisReadCache } from '../../src/redis/read-cache.js';
import { answeringClients } from '../support/answering-clients.js';
import { dropKeys, MACHINE_REDIS_URL, testKeyPrefix } from '../support/shared-redis.js';

const SIGNAL = new AbortController().signal;

/**
 * The read cache in Redis as two replicas share it: each region's generation counter in Redis
 * decides what is read and what is kept, whichever replica moved it.
 */
describe('RedisReadCache: the generation counter per region', () => {
  const keyPrefix = testKeyPrefix('redis-read-cache');
  const connections: RedisConnection[] = [];
  let a: RedisReadCache;
  let b: RedisReadCache;

  beforeAll(async () => {
    for (let index = 0; index < 2; index++) {
      const connection = new RedisConnection({ url: MACHINE_REDIS_URL, keyPrefix }, createLogger('silent'));
      expect(await connection.connected()).toBe(true);
      connections.push(connection);
    }
    a = new RedisReadCache(connections[0] as RedisConnection, 60_000);
    b = new RedisReadCache(connections[1] as RedisConnection, 60_000);
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  /** Reads `key` through `cache` as the single path does: the kept answer, or `fetch`'s (kept). */
  async function read(cache: RedisReadCache, region: string, key: string, fetch: () => Promise<unknown>) {
    const { generation, answer } = await cache.lookup(region, key);
    return answer ?? cache.fill(region, key, generation, fetch, SIGNAL);
  }

  it("one replica's answer serves the other, until a mutation on either moves the region's generation", async () => {
    let calls = 0;
    const fetch = () => Promise.resolve({ call: ++calls });
    expect(await read(a, 'us-east-1', 'k1', fetch)).toEqual({ call: 1 });
    expect(await read(b, 'us-east-1', 'k1', fetch)).toEqual({ call: 1 });
    expect(await read(b, 'eu-west-1', 'k1', fetch)).toEqual({ call: 2 });

    const before = (await a.lookup('us-east-1', 'k1')).generation;
    await b.invalidate('us-east-1');
    const after = await a.lookup('us-east-1', 'k1');
    expect(after.generation).not.toBe(before);
    expect(after.answer).toBeUndefined();
    expect(await read(a, 'us-east-1', 'k1', fetch)).toEqual({ call: 3 });
    expect(await read(b, 'us-east-1', 'k1', fetch)).toEqual({ call: 3 });
    // The other region kept its answer.
    expect(await read(a, 'eu-west-1', 'k1', fetch)).toEqual({ call: 2 });
  });

  it("answers a lookup from the other replica's kept answer, Dates included", async () => {
    const kept = { at: new Date('2026-12-01T00:00:00.000Z'), nested: { list: [1, null] } };
    expect(await read(a, 'us-east-1', 'k-lookup', () => Promise.resolve(kept))).toEqual(kept);
    const found = await b.lookup('us-east-1', 'k-lookup');
    expect(found.answer).toEqual(kept);
    expect(found.generation).toMatch(/^r\d+$/);
    expect(await b.lookup('us-east-1', 'k-never-read')).toStrictEqual({ generation: found.generation });
  });

  it('names the generations of several regions so that no two sets of counters read alike', async () => {
    // Counters 1 and 12 against 11 and 2: written side by side they would both read "112".
    const redis = connections[0] as RedisConnection;
    await redis.commands.set(redis.key('reads', 'r-a', 'generation'), '1');
    await redis.commands.set(redis.key('reads', 'r-b', 'generation'), '12');
    await redis.commands.set(redis.key('reads', 'r-c', 'generation'), '11');
    await redis.commands.set(redis.key('reads', 'r-d', 'generation'), '2');
    const first = await a.generations(['r-a', 'r-b']);
    expect(first).not.toBe(await a.generations(['r-c', 'r-d']));
    expect(first).toBe('r1,12');
    expect(await a.generations(['r-a', 'r-never'])).toBe('r1,0');
  });

  it('takes only an object it could have written as an answer; any other entry is a miss, even with no log', async () => {
    const redis = connections[0] as RedisConnection;
    await read(a, 'us-west-2', 'k-planted', () => Promise.resolve({ kept: true }));
    const keys = (await redis.commands.keys(`${keyPrefix}reads:us-west-2:*`)).filter(
      (key) => !key.endsWith(':generation'),
    );
    expect(keys).toHaveLength(1);
    for (const planted of ['null', '[1]', '42', '"text"', '{not json']) {
      await redis.commands.set(keys[0] ?? '', planted, 'PX', 60_000);
      expect((await b.lookup('us-west-2', 'k-planted')).answer, planted).toBeUndefined();
    }
  });

  it('a replica that missed just before another kept the answer takes that answer, not a call of its own', async () => {
    let calls = 0;
    const fetch = () => Promise.resolve({ call: ++calls });
    // b looks first (a miss), then a reads and keeps the answer, then b fills: the lock is free by now.
    const missed = await b.lookup('us-east-1', 'k-race');
    expect(missed.answer).toBeUndefined();
    expect(await read(a, 'us-east-1', 'k-race', fetch)).toEqual({ call: 1 });
    expect(await b.fill('us-east-1', 'k-race', missed.generation, fetch, SIGNAL)).toEqual({ call: 1 });
    expect(calls).toBe(1);
  });

  it('lends the answer another replica is fetching once it is kept, and nothing when no replica is fetching', async () => {
    const { generation } = await b.lookup('us-east-1', 'k-lent');
    expect(await b.lent('us-east-1', 'k-lent', generation, SIGNAL)).toBeUndefined();
    let fetched: ((answer: unknown) => void) | undefined;
    const filling = a.fill(
      'us-east-1',
      'k-lent',
      generation,
      () => new Promise((resolve) => (fetched = resolve)),
      SIGNAL,
    );
    // a holds the read's lock once its fetch has begun.
    await vi.waitFor(() => expect(fetched).toBeDefined());
    const lent = b.lent('us-east-1', 'k-lent', generation, SIGNAL);
    fetched?.({ from: 'a' });
    expect(await filling).toEqual({ from: 'a' });
    expect(await lent).toEqual({ from: 'a' });
    // A generation read from memory (Redis was down) is not one Redis can lend under.
    expect(await b.lent('us-east-1', 'k-lent', '0', SIGNAL)).toBeUndefined();
  });

  it("shares one events call between replicas whose reads straddle a step's edge, while the first is in flight", async () => {
    const edge = Date.UTC(2026, 11, 6, 12, 0, 10);
    vi.useFakeTimers({ toFake: ['Date'], now: edge - 1 });
    let answer: (output: unknown) => void = () => undefined;
    const output = new Promise((resolve) => (answer = resolve));
    const calls: unknown[] = [];
    const replica = (cache: RedisReadCache) =>
      answeringClients(
        ['eu-west-1'],
        (call) => {
          calls.push(call.input);
          return output;
        },
        { readCache: cache },
      ).clients;
    const [first, second] = [replica(a), replica(b)];
    try {
      const query = { location: 'eu-west-1', replicationGroupId: 'g', window: { durationMinutes: 1 } };
      const before = describeGroupEvents(first, query);
      await vi.waitFor(() => expect(calls).toHaveLength(1));
      vi.setSystemTime(edge + 1);
      const after = describeGroupEvents(second, query);
      answer({ Events: [{ SourceIdentifier: 'g', Message: 'shared', Date: new Date(edge - 1_000) }] });
      expect((await before).map((event) => event.Message)).toEqual(['shared']);
      expect((await after).map((event) => event.Message)).toEqual(['shared']);
      expect(calls).toEqual([expect.objectContaining({ EndTime: new Date(edge) })]);
    } finally {
      vi.useRealTimers();
      first.destroy();
      second.destroy();
    }
  });

  it('does not keep an answer read before a mutation on another replica answered', async () => {
    const { generation } = await a.lookup('us-east-1', 'k2');
    const answer = await a.fill(
      'us-east-1',
      'k2',
      generation,
      async () => {
        await b.invalidate('us-east-1');
        return { stale: true };
      },
      SIGNAL,
    );
    expect(answer).toEqual({ stale: true });
    expect((await a.lookup('us-east-1', 'k2')).answer).toBeUndefined();
    expect((await b.lookup('us-east-1', 'k2')).answer).toBeUndefined();
  });
});
