import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { dropKeys, MACHINE_REDIS_URL, testKeyPrefix } from '../support/shared-redis.js';
import { subscribe, type SseSubscription } from '../support/sse.js';

const INTERVAL_MS = 200;
const WINDOW_MS = 10 * INTERVAL_MS;
const PER_REPLICA = 50;

type Pushed = { migrationProgress: { done: boolean; observedAt: string; shards: { phase: string }[] } };
const PROGRESS = parse(`subscription Progress($id: String!) {
  migrationProgress(replicationGroupId: $id) { done observedAt shards { phase } }
}`) as TypedDocumentNode<Pushed, { id: string }>;

/**
 * Progress subscribers on two replicas sharing a Redis: one replica holds the group's lease and
 * reads the engines once per interval, and both replicas' subscribers get those reads. The
 * source serves one INFO per interval, not one per replica.
 */
describe('migrationProgress across two replicas', () => {
  const keyPrefix = testKeyPrefix('progress-replicas');
  let endpoint: LocalEndpoint;
  let a: TestGateway;
  let b: TestGateway;
  let source: ThrowawayRedis;
  let admin: Redis;

  beforeAll(async () => {
    source = await startRedis(['--repl-diskless-sync-delay', '0']);
    admin = new Redis({ host: '127.0.0.1', port: source.port });
    await admin.set('a-key', 'a-value');
    endpoint = await startLocalEndpoint({
      seed: 'demo',
      migration: { transitionMs: 20, checkTimeoutMs: 3_000, linkTimeoutMs: 5_000, linkDownMs: 30_000 },
    });
    const replica = {
      redis: { url: MACHINE_REDIS_URL, keyPrefix },
      migrationProgressIntervalMs: INTERVAL_MS,
      sharedEndpoint: endpoint,
    };
    [a, b] = await Promise.all([startTestGateway(replica), startTestGateway(replica)]);
    const started = await post(
      a,
      `mutation { startMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: ${source.port} }] }) { __typename } }`,
    );
    expect(started.body.data).toEqual({ startMigration: { __typename: 'StartMigrationSuccess' } });
    await endpoint.settled();
  });
  afterAll(async () => {
    admin?.disconnect();
    await Promise.all([a?.close(), b?.close()]);
    await endpoint?.close();
    await source?.stop();
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  const infoCalls = async () => Number(/cmdstat_info:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);

  it('reads the source once per interval for subscribers on both replicas, and both get every read', async () => {
    const subscribers: SseSubscription<Pushed>[] = [];
    try {
      for (const replica of [a, b]) {
        const opened = await Promise.all(
          Array.from({ length: PER_REPLICA }, () => subscribe(replica.gateway, PROGRESS, { id: 'orders-cache' })),
        );
        subscribers.push(...opened);
      }
      for (const subscriber of subscribers)
        expect((await subscriber.next(5_000)).data?.migrationProgress.done).toBe(false);

      const before = await infoCalls();
      const started = performance.now();
      await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
      const elapsed = performance.now() - started;
      // The admin's own INFO commandstats counts once.
      const reads = (await infoCalls()) - before - 1;
      console.log(
        `INFO commands at the source over ${Math.round(elapsed)} ms: ${reads} for ${2 * PER_REPLICA} subscribers on 2 replicas`,
      );
      // Timers run late, never early: at most one read per interval (a tick more at each edge),
      // where a poller per replica would make two.
      expect(reads).toBeGreaterThanOrEqual(3);
      expect(reads).toBeLessThanOrEqual(Math.floor(elapsed / INTERVAL_MS) + 2);

      // A subscriber on the replica without the lease sees the same reads as one on the holder.
      const onA = subscribers[0];
      const onB = subscribers[PER_REPLICA];
      const latestA = (await onA?.until((result) => result.data?.migrationProgress.done === false, 2_000))?.at(-1);
      const seenOnB = await onB?.until(
        (result) => result.data?.migrationProgress.observedAt === latestA?.data?.migrationProgress.observedAt,
        3_000,
      );
      expect(seenOnB?.at(-1)?.data?.migrationProgress.shards).toEqual(latestA?.data?.migrationProgress.shards);
    } finally {
      for (const subscriber of subscribers) subscriber.close();
    }
  }, 60_000);
});
