import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicationGroupChangedDocument, StartMigrationDocument } from '../../examples/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { subscribe } from '../support/sse.js';

const CHURNS = 50;
/** Longer than the whole loop takes: every open after the first falls within one interval. */
const INTERVAL_MS = 60_000;

/**
 * Opening and closing a subscription costs the account's ElastiCache API rate, which every other
 * tool of the account shares: a loop of them must cost what one poll per interval costs, as
 * equivalent queries do, not a fresh poll each.
 */
describe('subscription churn', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ subscriptionPollIntervalMs: INTERVAL_MS });
  });
  afterAll(() => t.close());

  it(`${CHURNS} subscriptions opened and closed on one group make one poll's calls, each seeing the group`, async () => {
    t.endpoint.resetCalls();
    for (let index = 0; index < CHURNS; index++) {
      const subscription = await subscribe(t.gateway, ReplicationGroupChangedDocument, {
        replicationGroupId: 'orders-cache',
      });
      const first = await subscription.next();
      expect(first.data?.replicationGroupChanged.status).toBe('available');
      subscription.close();
      // Gone before the next opens: each one starts a new watch of the group.
      for (let waited = 0; t.gateway.watchers.activeWatches > 0 && waited < 2_000; waited += 5)
        await new Promise((resolve) => setTimeout(resolve, 5));
      expect(t.gateway.watchers.activeWatches).toBe(0);
    }
    const calls = t.endpoint.calls.map((call) => call.action);
    console.log(
      `${CHURNS} subscriptions opened and closed: ${calls.length} AWS calls (${[...new Set(calls)].join(', ')})`,
    );
    expect(calls.filter((action) => action === 'DescribeReplicationGroups')).toHaveLength(1);
    expect(calls.length).toBeLessThanOrEqual(4);
  }, 60_000);

  it('a mutation makes the kept finding stale: the next subscription polls at once', async () => {
    const started = await t.execute(StartMigrationDocument, {
      input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port: 6379 }] },
    });
    expect(started.data?.startMigration?.__typename).toBe('StartMigrationSuccess');
    const subscription = await subscribe(t.gateway, ReplicationGroupChangedDocument, {
      replicationGroupId: 'orders-cache',
    });
    try {
      expect((await subscription.next()).data?.replicationGroupChanged.status).not.toBe('available');
    } finally {
      subscription.close();
      await t.endpoint.settled();
    }
  });
});
