import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplicationGroupRecord } from '../../src/aws/records.js';
import { createLogger } from '../../src/logger.js';
import { RedisConnection } from '../../src/redis/connection.js';
import { RedisPollCoordination } from '../../src/redis/poll-coordination.js';
import { RedisReadCache } from '../../src/redis/read-cache.js';
import { MigrationPhase } from '../../src/rules/migration-phase.js';
import type { PollMessage } from '../../src/subscriptions/poll-coordination.js';
import { waitUntil } from '../support/eventually.js';
import { freePort, startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { testKeyPrefix } from '../support/shared-redis.js';

const SIGNAL = new AbortController().signal;
const READ = 'us-east-1\nDescribeReplicationGroups\n{}';
const poll: PollMessage = {
  kind: 'poll',
  group: { ReplicationGroupId: 'g', Status: 'available', location: 'us-east-1' } as ReplicationGroupRecord,
  reads: { migration: { phase: MigrationPhase.NONE, message: null, updatedAt: null } },
  events: [],
  initial: true,
  polledAt: 1,
};

/** A connection's log lines, parsed. */
function logged() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('info', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return { log, messages: () => lines.map((line) => String(line['message'])) };
}

/**
 * The gateway's own connections to Redis, and what each Redis user does when Redis refuses a
 * command while the connection stays up (an ACL change, a replica turned read-only): the same as
 * while Redis is away, never an error. Each test has its own redis-server.
 */
describe('RedisConnection: two connections, told once each way', () => {
  const keyPrefix = testKeyPrefix('redis-connection');

  it('names its two connections, bounds each command, and answers at once when both are already up', async () => {
    const server = await startRedis();
    const url = `redis://127.0.0.1:${server.port}`;
    const bounded = new RedisConnection({ url, keyPrefix, commandTimeoutMs: 250 }, createLogger('silent'));
    const plain = new RedisConnection({ url, keyPrefix }, createLogger('silent'));
    const admin = new Redis(url);
    try {
      expect(await bounded.connected()).toBe(true);
      expect(await plain.connected()).toBe(true);
      const names = String(await admin.call('CLIENT', 'LIST'))
        .split('\n')
        .map((line) => /\bname=(\S*)/.exec(line)?.[1])
        .filter((name) => name);
      expect(names.sort()).toEqual([
        'elasticache-graphql',
        'elasticache-graphql',
        'elasticache-graphql-subscriber',
        'elasticache-graphql-subscriber',
      ]);
      expect(bounded.commands.options.commandTimeout).toBe(250);
      expect(bounded.subscriber.options.commandTimeout).toBe(250);
      expect(plain.commands.options.commandTimeout).toBe(1_000);
      // Both are ready: the answer needs no event that has already happened.
      expect(await bounded.connected(5_000)).toBe(true);
      expect(bounded.key('reads', 'us-east-1', 'generation')).toBe(`${keyPrefix}reads:us-east-1:generation`);
    } finally {
      admin.disconnect();
      await bounded.close();
      await plain.close();
      await server.stop();
    }
  });

  it('answers false when Redis does not answer within the wait', async () => {
    // A loopback port nobody listens on: every connection attempt is refused.
    const port = await freePort();
    const nowhere = new RedisConnection({ url: `redis://127.0.0.1:${port}`, keyPrefix }, createLogger('silent'));
    try {
      expect(await nowhere.connected(200)).toBe(false);
      expect(nowhere.ready).toBe(false);
    } finally {
      await nowhere.close();
    }
  });

  it('tells each outage and each return once, runs its ready listeners on every return, and ends both connections when closed', async () => {
    let server: ThrowawayRedis = await startRedis();
    const { port } = server;
    const { log, messages } = logged();
    const connection = new RedisConnection({ url: `redis://127.0.0.1:${port}`, keyPrefix }, log);
    let readies = 0;
    connection.onReady(() => (readies += 1));
    const told = (start: string) => messages().filter((message) => message.startsWith(start)).length;
    try {
      expect(await connection.connected()).toBe(true);
      expect(readies).toBe(1);
      for (let outage = 1; outage <= 2; outage += 1) {
        await server.stop();
        // Told once a reconnection attempt has failed, however many fail after it.
        await waitUntil(() => told('Redis is unreachable') === outage, 'the outage to be told');
        server = await startRedis([], port);
        await waitUntil(() => connection.ready, 'the connection to come back', { timeoutMs: 15_000 });
        expect(told('Redis is reachable again')).toBe(outage);
        expect(readies).toBe(outage + 1);
      }
      expect(told('Redis is unreachable')).toBe(2);
      await connection.close();
      await waitUntil(
        () => connection.commands.status === 'end' && connection.subscriber.status === 'end',
        'both connections to end',
      );
    } finally {
      await connection.close();
      await server.stop();
    }
  }, 45_000);
});

describe('the read cache and poll coordination when Redis refuses commands', () => {
  const keyPrefix = testKeyPrefix('redis-refusing');
  let server: ThrowawayRedis;
  let admin: Redis;
  let connection: RedisConnection;

  beforeAll(async () => {
    server = await startRedis();
    admin = new Redis(`redis://127.0.0.1:${server.port}`);
    // The gateway's own Redis user, whose rights the test takes away and gives back.
    await admin.call('ACL', 'SETUSER', 'gateway', 'on', '>secret', '~*', '&*', '+@all');
    connection = new RedisConnection(
      { url: `redis://gateway:secret@127.0.0.1:${server.port}`, keyPrefix },
      createLogger('silent'),
    );
    expect(await connection.connected()).toBe(true);
  });
  afterAll(async () => {
    admin.disconnect();
    await connection.close();
    await server.stop();
  });
  const refuse = (...commands: string[]) =>
    admin.call('ACL', 'SETUSER', 'gateway', ...commands.map((command) => `-${command}`));
  const allow = () => admin.call('ACL', 'SETUSER', 'gateway', '+@all');

  it("reads and keeps in this process's memory while Redis refuses its commands, and in Redis once it no longer does", async () => {
    const cache = new RedisReadCache(connection, 60_000);
    try {
      await refuse('eval', 'mget', 'incr');
      expect(connection.ready).toBe(true);
      const missed = await cache.lookup('us-east-1', READ);
      expect(missed.generation.startsWith('r')).toBe(false);
      await cache.fill('us-east-1', READ, missed.generation, () => Promise.resolve({ kept: 'in memory' }), SIGNAL);
      expect(await cache.lookup('us-east-1', READ)).toEqual({
        generation: missed.generation,
        answer: { kept: 'in memory' },
      });
      expect((await cache.generations(['us-east-1'])).startsWith('r')).toBe(false);
      await cache.invalidate('us-east-1');
      expect((await cache.lookup('us-east-1', READ)).answer).toBeUndefined();
    } finally {
      await allow();
    }
    expect(await cache.generations(['us-east-1'])).toBe('r0');
    expect(await cache.lookup('us-east-1', READ)).toStrictEqual({ generation: 'r0' });
  });

  it('polls alone and tells only its own listeners while Redis refuses its commands', async () => {
    const coordination = new RedisPollCoordination(connection);
    const other = new RedisPollCoordination(connection);
    expect(await other.claim('k', 5_000)).toBe(true);
    const heard: PollMessage[] = [];
    const listening = coordination.listen('k', (message) => heard.push(message));
    await listening.subscribed;
    try {
      await refuse('eval', 'get', 'multi', 'exec', 'set', 'publish');
      // The lease is the other's, but this replica cannot ask: it polls.
      expect(await coordination.claim('k', 5_000)).toBe(true);
      await coordination.release('k');
      expect(await coordination.latest('k')).toBeNull();
      await coordination.publish('k', poll);
      expect(heard).toEqual([poll]);
    } finally {
      await allow();
      listening.stop();
    }
    // Back: the lease is still the other's, and Redis kept nothing of the local publish.
    expect(await coordination.claim('k', 5_000)).toBe(false);
    expect(await coordination.latest('k')).toBeNull();
    await other.release('k');
  });
});
