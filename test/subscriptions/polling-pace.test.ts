import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicationGroupChangedDocument, StartMigrationDocument } from '../../examples/generated/graphql.js';
import { LOCAL_REDIS } from '../support/demo.js';
import { waitUntil } from '../support/eventually.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { subscribe } from '../support/sse.js';

describe('the pace of a subscribed group’s polls', () => {
  let t: TestGateway;
  beforeAll(async () => {
    // Polls a minute apart; the migration stays `modifying` for a minute (its check, then a long transition).
    t = await startTestGateway({ subscriptionPollIntervalMs: 60_000, local: { migration: { transitionMs: 60_000 } } });
  });
  afterAll(() => t.close());

  const pollsOf = (id: string) =>
    t.endpoint.calls.filter(
      (call) => call.action === 'DescribeReplicationGroups' && call.params.ReplicationGroupId === id,
    ).length;

  it('polls a group in a transitional status every second, whatever the interval', async () => {
    const id = 'orders-cache';
    const changes = await subscribe(t.gateway, ReplicationGroupChangedDocument, { replicationGroupId: id });
    try {
      expect((await changes.next()).data?.replicationGroupChanged.status).toBe('available');
      const answer = await t.execute(StartMigrationDocument, {
        input: { replicationGroupId: id, customerNodeEndpointList: LOCAL_REDIS },
      });
      expect(answer.data?.startMigration?.__typename).toBe('StartMigrationSuccess');
      // The mutation's poke: one poll at once, which finds `modifying`.
      await changes.until((result) => result.data?.replicationGroupChanged.status === 'modifying', 5_000);
      t.endpoint.resetCalls();
      // Then a poll a second (three take about 3 s; at the minute's interval, none would come).
      await waitUntil(() => pollsOf(id) >= 3, 'three polls of a modifying group');
      expect(t.gateway.watchers.pollDelayOf('us-east-1', id)).toBe(60_000);
    } finally {
      changes.close();
    }
  }, 30_000);
});
