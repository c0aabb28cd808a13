import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../src/metrics.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { subscribe, type SseSubscription } from '../support/sse.js';

const INTERVAL_MS = 200;
const CROWD = 1_000;

type Pushed = {
  migrationProgress: { done: boolean; inSync: boolean; shards: { phase: string; bytesBehind: number | null }[] };
};
const PROGRESS = parse(`subscription Progress($id: String!) {
  migrationProgress(replicationGroupId: $id) { done inSync shards { phase bytesBehind } }
}`) as TypedDocumentNode<Pushed, { id: string }>;

const STARTING = parse(`subscription Starting($id: String!) {
  migrationProgress(replicationGroupId: $id) { done blockers shards { phase } }
}`) as TypedDocumentNode<
  { migrationProgress: { done: boolean; blockers: string[]; shards: { phase: string }[] } },
  { id: string }
>;

/**
 * The migrationProgress subscription: pushes while the group migrates, ends with `done` when it
 * no longer does, and costs the source the same INFO commands for a thousand subscribers as for
 * one (one read per interval, shared).
 */
describe('the migrationProgress subscription', () => {
  let t: TestGateway;
  let source: ThrowawayRedis;
  let admin: Redis;
  const metrics = new GatewayMetrics();

  beforeAll(async () => {
    source = await startRedis(['--repl-diskless-sync-delay', '0']);
    admin = new Redis({ host: '127.0.0.1', port: source.port });
    await admin.set('a-key', 'a-value');
    t = await startTestGateway({
      metrics: { metrics, token: null },
      migrationProgressIntervalMs: INTERVAL_MS,
      subscriptionLimits: { perCaller: CROWD + 10, perConnection: 100 },
      local: { migration: { linkTimeoutMs: 5_000, linkDownMs: 30_000 } },
    });
    const started = await post(
      t,
      `mutation { startMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: ${source.port} }] }) { __typename } }`,
    );
    expect(started.body.data).toEqual({ startMigration: { __typename: 'StartMigrationSuccess' } });
    await t.endpoint.settled();
  });
  afterAll(async () => {
    admin.disconnect();
    await t.close();
    await source.stop();
  });

  /** INFO commands the source has served so far. */
  const infoCalls = async () => Number(/cmdstat_info:calls=(\d+)/.exec(await admin.info('commandstats'))?.[1] ?? 0);
  const infoCallsOver = async (ms: number) => {
    const before = await infoCalls();
    await new Promise((resolve) => setTimeout(resolve, ms));
    // The admin's own INFO commandstats counts once.
    return (await infoCalls()) - before - 1;
  };

  it('costs the source the same INFO commands for 1,000 subscribers as for one', async () => {
    const one = await subscribe(t.gateway, PROGRESS, { id: 'orders-cache' });
    let crowd: SseSubscription<Pushed>[] = [];
    try {
      const first = await one.next();
      expect(first.data?.migrationProgress.done).toBe(false);
      const alone = await infoCallsOver(10 * INTERVAL_MS);

      crowd = await Promise.all(
        Array.from({ length: CROWD }, () => subscribe(t.gateway, PROGRESS, { id: 'orders-cache' })),
      );
      for (const subscription of crowd) expect((await subscription.next()).data?.migrationProgress.done).toBe(false);
      const together = await infoCallsOver(10 * INTERVAL_MS);
      console.log(
        `INFO commands at the source over ${10 * INTERVAL_MS} ms: ${alone} for 1 subscriber, ${together} for ${CROWD + 1}`,
      );
      // One read per interval either way (a tick more or less at the window's edges).
      expect(alone).toBeGreaterThanOrEqual(5);
      expect(together).toBeLessThanOrEqual(alone + 2);

      // This replica polls the group: its shard's sync is a metric.
      const scrape = await metrics.registry.metrics();
      const labels = 'aws_account="",region="us-east-1",replication_group="orders-cache",node_group="0001"';
      expect(scrape).toMatch(new RegExp(`^elasticache_migration_in_sync\\{${labels}\\} [01]$`, 'm'));
      expect(scrape).toMatch(new RegExp(`^elasticache_migration_bytes_behind\\{${labels}\\} \\d+$`, 'm'));
    } finally {
      for (const subscription of crowd) subscription.close();
      one.close();
    }
  }, 60_000);

  it('pushes the progress while it migrates, then a last push with done: true, and ends', async () => {
    const watcher = await subscribe(t.gateway, PROGRESS, { id: 'orders-cache' });
    const first = await watcher.next();
    expect(first.data?.migrationProgress).toMatchObject({ done: false, shards: [{ phase: expect.any(String) }] });
    const forced = await post(
      t,
      'mutation { completeMigration(input: { replicationGroupId: "orders-cache", force: true }) { __typename } }',
    );
    expect(forced.body.data).toEqual({ completeMigration: { __typename: 'CompleteMigrationSuccess' } });
    const pushes = await watcher.until((result) => result.data?.migrationProgress.done === true, 10_000);
    expect(pushes.at(-1)?.data?.migrationProgress).toEqual({ done: true, inSync: false, shards: [] });
    await expect(watcher.next(3_000)).rejects.toThrow('the subscription ended');
  }, 30_000);
});

describe('a migrationProgress subscription opened as the migration starts', () => {
  let t: TestGateway;
  let source: ThrowawayRedis;

  beforeAll(async () => {
    source = await startRedis(['--repl-diskless-sync-delay', '0']);
    // The group stays `modifying` for a second after its source passed the checks.
    t = await startTestGateway({
      migrationProgressIntervalMs: INTERVAL_MS,
      local: { migration: { transitionMs: 1_000, linkTimeoutMs: 5_000, linkDownMs: 30_000 } },
    });
  });
  afterAll(async () => {
    await t.close();
    await source.stop();
  });

  it('says the group is modifying, then pushes the shards once they replicate', async () => {
    const started = await post(
      t,
      `mutation { startMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: ${source.port} }] }) { __typename } }`,
    );
    expect(started.body.data).toEqual({ startMigration: { __typename: 'StartMigrationSuccess' } });
    const watcher = await subscribe(t.gateway, STARTING, { id: 'orders-cache' });
    try {
      const first = await watcher.next();
      expect(first.data?.migrationProgress).toEqual({
        done: false,
        blockers: ['the group is modifying (a migration starting): no shard replicates yet'],
        shards: [],
      });
      const pushes = await watcher.until((result) => result.data?.migrationProgress.shards.length === 1, 10_000);
      expect(pushes.every((push) => push.data?.migrationProgress.done === false)).toBe(true);
    } finally {
      watcher.close();
      await t.endpoint.settled();
    }
  }, 30_000);
});
