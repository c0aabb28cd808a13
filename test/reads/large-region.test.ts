import { CreateReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReplicationGroupsDashboardDocument } from '../../examples/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { sdkClient } from '../support/sdk.js';

const GROUPS = 160;

describe('a dashboard page in a large region reads only what the page needs', () => {
  let t: TestGateway;

  beforeAll(async () => {
    // 160 groups of 2 nodes: 320 cache clusters, four AWS pages of them.
    t = await startTestGateway({ local: { seed: 'none', migration: { transitionMs: 1 } } });
    const sdk = sdkClient(t.endpoint);
    for (let index = 0; index < GROUPS; index++) {
      await sdk.send(
        new CreateReplicationGroupCommand({
          ReplicationGroupId: `shop-${String(index).padStart(3, '0')}`,
          ReplicationGroupDescription: 'load',
          NumCacheClusters: 2,
        }),
      );
    }
    sdk.destroy();
    await t.endpoint.settled();
  }, 60_000);
  afterAll(() => t.close());
  beforeEach(() => {
    t.endpoint.faults.clear();
    t.endpoint.resetCalls();
  });

  const calls = (action: string) => t.endpoint.calls.filter((call) => call.action === action);

  it('stops listing cache clusters once every member of the page is found', async () => {
    const result = await t.execute(ReplicationGroupsDashboardDocument, { first: 20, durationMinutes: 60 });
    expect(result.errors).toBeUndefined();
    const members = (result.data?.replicationGroups?.edges ?? []).flatMap((edge) =>
      edge.node.nodeGroups.flatMap((nodeGroup) => nodeGroup.nodeGroupMembers),
    );
    expect(members).toHaveLength(40);
    expect(members.every((member) => member.cacheCluster?.cacheClusterId === member.cacheClusterId)).toBe(true);
    // The 40 clusters are on the first page of 100; the three pages after it are never read.
    expect(calls('DescribeCacheClusters')).toHaveLength(1);
    // The page asked AWS for 20 groups, not 100.
    expect(calls('DescribeReplicationGroups').map((call) => call.params['MaxRecords'])).toEqual(['20']);
  });

  it('reads the region events of a page of many groups in one listing of up to a page per group', async () => {
    // 320 events in the window, four pages: one region listing (a page per group at most) costs
    // fewer calls than 20 group-by-group reads.
    const result = await t.execute(ReplicationGroupsDashboardDocument, { first: 20, durationMinutes: 60 });
    const events = result.data?.replicationGroups?.edges.map((edge) => edge.node.events?.length);
    expect(events).toEqual(Array.from({ length: 20 }, () => 2));
    const describeEvents = calls('DescribeEvents');
    expect(describeEvents.every((call) => call.params['SourceIdentifier'] === undefined)).toBe(true);
    expect(describeEvents).toHaveLength(Math.ceil((GROUPS * 2) / 100));
  });

  it('lets concurrent dashboards share their event reads: "the last hour" is asked of AWS in 10 s steps', async () => {
    // Every read takes 200 ms upstream, so the dashboards overlap.
    t.endpoint.faults.inject({ action: 'DescribeEvents', kind: 'latency', latencyMs: 200 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.execute(ReplicationGroupsDashboardDocument, { first: 20, durationMinutes: 60 }),
      ),
    );
    expect(results.every((result) => result.errors === undefined)).toBe(true);
    const listingPages = Math.ceil((GROUPS * 2) / 100);
    // One listing for all 20 (two if the dashboards straddle a 10 s step); before: 20 listings.
    expect(calls('DescribeEvents').length).toBeLessThanOrEqual(2 * listingPages);
    const windows = new Set(
      calls('DescribeEvents').map((call) => `${call.params['StartTime']} ${call.params['EndTime']}`),
    );
    expect(windows.size).toBeLessThanOrEqual(2);
    for (const window of windows) {
      const [start, end] = window.split(' ').map((time) => Date.parse(time ?? ''));
      expect((start ?? 1) % 10_000).toBe(0);
      expect((end ?? 1) % 10_000).toBe(0);
    }
  });
});
