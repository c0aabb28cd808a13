import { CreateReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RegionEventsDocument,
  ReplicationGroupClustersDocument,
  ReplicationGroupsDashboardDocument,
  ReplicationGroupsPageDocument,
} from '../../examples/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { sdkClient } from '../support/sdk.js';

const EXTRA_GROUPS = 46;

describe('reads for frontends over 50 replication groups', () => {
  let t: TestGateway;

  beforeAll(async () => {
    // The demo's 4 groups plus 46 more: 50 groups, 60 cache clusters.
    t = await startTestGateway({ local: { migration: { transitionMs: 1 } } });
    const sdk = sdkClient(t.endpoint);
    for (let index = 0; index < EXTRA_GROUPS; index++) {
      await sdk.send(
        new CreateReplicationGroupCommand({
          ReplicationGroupId: `shop-${String(index).padStart(2, '0')}`,
          ReplicationGroupDescription: 'load',
        }),
      );
    }
    sdk.destroy();
    await t.endpoint.settled();
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it('walks replicationGroups(first: 7) page by page, returning every group exactly once', async () => {
    const seen: string[] = [];
    let after: string | null | undefined;
    let pages = 0;
    for (;;) {
      const result = await t.execute(ReplicationGroupsPageDocument, { first: 7, after });
      expect(result.errors).toBeUndefined();
      const connection = result.data?.replicationGroups;
      seen.push(...(connection?.edges.map((edge) => edge.node.replicationGroupId) ?? []));
      pages += 1;
      if (!connection?.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
      expect(pages).toBeLessThan(20);
    }
    expect(pages).toBe(8);
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
  });

  it('returns all 50 with first: 100, in one AWS call', async () => {
    t.endpoint.resetCalls();
    const result = await t.execute(ReplicationGroupsPageDocument, { first: 100 });
    expect(result.data?.replicationGroups?.edges).toHaveLength(50);
    expect(result.data?.replicationGroups?.pageInfo.hasNextPage).toBe(false);
    expect(t.endpoint.calls.map((call) => call.action)).toEqual(['DescribeReplicationGroups']);
  });

  it.each([
    ['not base64 json', 'garbage!!'],
    [
      'another listing',
      Buffer.from(JSON.stringify({ v: 1, k: 'events', r: 'us-east-1', m: null, i: 0 })).toString('base64url'),
    ],
    [
      'a malformed position',
      Buffer.from(JSON.stringify({ v: 1, k: 'replicationGroups', r: 'us-east-1', m: 5, i: -1 })).toString('base64url'),
    ],
    ['an unknown version', Buffer.from(JSON.stringify({ v: 9 })).toString('base64url')],
    [
      'a marker ElastiCache refuses',
      Buffer.from(JSON.stringify({ v: 1, k: 'replicationGroups', r: 'us-east-1', m: 'forged', i: 0 })).toString(
        'base64url',
      ),
    ],
  ])('refuses a bad cursor (%s) with BAD_CURSOR', async (_case, after) => {
    const result = await t.execute(ReplicationGroupsPageDocument, { first: 5, after });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_CURSOR', argument: 'after' });
    expect(result.errors?.[0]?.message).toMatch(/^The `after` cursor is not valid/);
  });

  it.each([0, 101])('refuses first: %i naming the argument', async (first) => {
    const result = await t.execute(ReplicationGroupsPageDocument, { first });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'first' });
  });

  it('filters by engine, status and cluster mode on the gateway', async () => {
    const valkey = await t.execute(ReplicationGroupsPageDocument, { first: 100, filter: { engine: 'valkey' } });
    expect(valkey.data?.replicationGroups?.edges.map((edge) => edge.node.replicationGroupId)).toEqual([
      'sessions-valkey',
    ]);
    const migrating = await t.execute(ReplicationGroupsPageDocument, { first: 100, filter: { status: 'migrating' } });
    expect(migrating.data?.replicationGroups?.edges.map((edge) => edge.node.replicationGroupId)).toEqual([
      'legacy-redis',
    ]);
    const sharded = await t.execute(ReplicationGroupsPageDocument, { first: 1, filter: { clusterMode: 'ENABLED' } });
    expect(sharded.data?.replicationGroups?.edges.map((edge) => edge.node.replicationGroupId)).toEqual([
      'sessions-valkey',
    ]);
    const next = await t.execute(ReplicationGroupsPageDocument, {
      first: 1,
      filter: { clusterMode: 'ENABLED' },
      after: sharded.data?.replicationGroups?.pageInfo.endCursor,
    });
    expect(next.data?.replicationGroups?.edges.map((edge) => edge.node.replicationGroupId)).toEqual(['analytics-tls']);
  });

  it('answers a 50-group dashboard with every member cache cluster and the events in 3 AWS calls', async () => {
    t.endpoint.resetCalls();
    const result = await t.execute(ReplicationGroupsDashboardDocument, { first: 50, durationMinutes: 60 });
    expect(result.errors).toBeUndefined();
    const groups = result.data?.replicationGroups?.edges.map((edge) => edge.node) ?? [];
    expect(groups).toHaveLength(50);
    const members = groups.flatMap((group) => group.nodeGroups.flatMap((nodeGroup) => nodeGroup.nodeGroupMembers));
    expect(members).toHaveLength(60);
    expect(members.every((member) => member.cacheCluster?.cacheClusterId === member.cacheClusterId)).toBe(true);
    expect(members.every((member) => member.cacheCluster?.cacheNodes[0]?.endpoint?.port === 6379)).toBe(true);
    expect(
      groups.find((group) => group.replicationGroupId === 'shop-07')?.events?.map((event) => event.message),
    ).toEqual(['Creating replication group shop-07.', 'Replication group shop-07 created.']);
    expect(t.endpoint.calls.map((call) => call.action).sort()).toEqual([
      'DescribeCacheClusters',
      'DescribeEvents',
      'DescribeReplicationGroups',
    ]);
  });

  it('reads one group with its cache clusters by id-per-cluster calls when there are few', async () => {
    t.endpoint.resetCalls();
    const result = await t.execute(ReplicationGroupClustersDocument, { replicationGroupId: 'orders-cache' });
    expect(result.data?.replicationGroup?.cacheClusters.map((cluster) => cluster.cacheClusterId)).toEqual([
      'orders-cache-001',
      'orders-cache-002',
    ]);
    expect(result.data?.replicationGroup?.cacheClusters[0]).toMatchObject({
      arn: 'arn:aws:elasticache:us-east-1:000000000000:cluster:orders-cache-001',
      engine: 'redis',
      engineVersion: '7.1',
      cacheParameterGroup: { cacheParameterGroupName: 'default.redis7', parameterApplyStatus: 'in-sync' },
    });
    expect(t.endpoint.calls.map((call) => call.action)).toEqual([
      'DescribeReplicationGroups',
      'DescribeCacheClusters',
      'DescribeCacheClusters',
    ]);
  });

  it('pages the region events with cursors', async () => {
    const first = await t.execute(RegionEventsDocument, { first: 30, durationMinutes: 120 });
    expect(first.errors).toBeUndefined();
    const second = await t.execute(RegionEventsDocument, {
      first: 100,
      durationMinutes: 120,
      after: first.data?.events?.pageInfo.endCursor,
    });
    const messages = [...(first.data?.events?.edges ?? []), ...(second.data?.events?.edges ?? [])].map(
      (edge) => `${edge.node.date} ${edge.node.message}`,
    );
    // 46 groups created (2 events each) and legacy-redis's 4 in the last two hours.
    expect(messages).toHaveLength(46 * 2 + 4);
    expect(new Set(messages).size).toBe(messages.length);
    expect(second.data?.events?.pageInfo.hasNextPage).toBe(false);
  });
});

describe('one gateway, two regions', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ regions: ['us-east-1', 'eu-west-1'], local: { migration: { transitionMs: 1 } } });
    const west = sdkClient(t.endpoint, { region: 'eu-west-1' });
    await west.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'eu-orders',
        ReplicationGroupDescription: 'eu',
        NumCacheClusters: 2,
      }),
    );
    west.destroy();
    await t.endpoint.settled();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists each region, and both in turn with `regions`', async () => {
    const east = await t.execute(ReplicationGroupsPageDocument, { first: 100 });
    expect(east.data?.replicationGroups?.edges.map((edge) => edge.node.region)).toEqual([
      'us-east-1',
      'us-east-1',
      'us-east-1',
      'us-east-1',
    ]);
    const west = await t.execute(ReplicationGroupsPageDocument, { first: 100, region: 'eu-west-1' });
    expect(west.data?.replicationGroups?.edges.map((edge) => edge.node.arn)).toEqual([
      'arn:aws:elasticache:eu-west-1:000000000000:replicationgroup:eu-orders',
    ]);

    const firstPage = await t.execute(ReplicationGroupsPageDocument, { first: 3, regions: ['us-east-1', 'eu-west-1'] });
    const secondPage = await t.execute(ReplicationGroupsPageDocument, {
      first: 3,
      regions: ['us-east-1', 'eu-west-1'],
      after: firstPage.data?.replicationGroups?.pageInfo.endCursor,
    });
    const both = [
      ...(firstPage.data?.replicationGroups?.edges ?? []),
      ...(secondPage.data?.replicationGroups?.edges ?? []),
    ].map((edge) => edge.node.replicationGroupId);
    expect(both).toEqual(['orders-cache', 'sessions-valkey', 'legacy-redis', 'analytics-tls', 'eu-orders']);
    expect(secondPage.data?.replicationGroups?.pageInfo.hasNextPage).toBe(false);
  });

  it('reads a group and its cache clusters in the region of the group', async () => {
    expect(
      (await t.execute(ReplicationGroupClustersDocument, { replicationGroupId: 'eu-orders' })).data?.replicationGroup,
    ).toBeNull();
    t.endpoint.resetCalls();
    const result = await t.execute(ReplicationGroupClustersDocument, {
      replicationGroupId: 'eu-orders',
      region: 'eu-west-1',
    });
    expect(result.data?.replicationGroup?.cacheClusters.map((cluster) => cluster.arn)).toEqual([
      'arn:aws:elasticache:eu-west-1:000000000000:cluster:eu-orders-001',
      'arn:aws:elasticache:eu-west-1:000000000000:cluster:eu-orders-002',
    ]);
    expect(new Set(t.endpoint.calls.map((call) => call.region))).toEqual(new Set(['eu-west-1']));
  });

  it('gives UNKNOWN_REGION for a region it does not serve, without calling AWS', async () => {
    t.endpoint.resetCalls();
    const result = await t.execute(ReplicationGroupsPageDocument, { first: 5, regions: ['us-east-1', 'ap-south-2'] });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'UNKNOWN_REGION',
      servedRegions: ['us-east-1', 'eu-west-1'],
    });
    expect(t.endpoint.calls).toHaveLength(0);
  });
});
