import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import {
  CreateReplicationGroupCommand,
  DeleteReplicationGroupCommand,
  DescribeCacheClustersCommand,
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  TestMigrationCommand,
  type CreateReplicationGroupCommandInput,
} from '@aws-sdk/client-elasticache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { sdkClient } from '../support/sdk.js';

/** The local endpoint honours what it accepts and refuses the rest, as ElastiCache does: checked with the AWS SDK. */
describe('the local endpoint never silently lies', () => {
  let endpoint: LocalEndpoint;
  let sdk: ElastiCacheClient;

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ seed: 'demo', migration: { transitionMs: 1 } });
    sdk = sdkClient(endpoint);
  });
  afterAll(async () => {
    sdk.destroy();
    await endpoint.close();
  });

  const create = async (input: Partial<CreateReplicationGroupCommandInput> & { ReplicationGroupId: string }) => {
    const output = await sdk.send(
      new CreateReplicationGroupCommand({ ReplicationGroupDescription: 'fidelity', ...input }),
    );
    await endpoint.settled();
    return output.ReplicationGroup;
  };
  const describeGroup = async (id: string) =>
    (await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups?.[0];
  const describeCluster = async (id: string) =>
    (await sdk.send(new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true })))
      .CacheClusters?.[0];
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: { name?: string; message?: string }) => ({ name: error.name, message: error.message }),
    );

  it('reflects every option it accepts, in the answer and in later reads', async () => {
    const answer = await create({
      ReplicationGroupId: 'options-all',
      NumCacheClusters: 2,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
      AutoMinorVersionUpgrade: false,
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'preferred',
      UserGroupIds: ['app-users'],
      LogDeliveryConfigurations: [
        {
          LogType: 'slow-log',
          DestinationType: 'cloudwatch-logs',
          DestinationDetails: { CloudWatchLogsDetails: { LogGroup: '/elasticache/options-all' } },
          LogFormat: 'json',
          Enabled: true,
        },
      ],
      PreferredMaintenanceWindow: 'tue:03:00-tue:04:00',
      SnapshotWindow: '01:00-02:00',
      PreferredCacheClusterAZs: ['us-east-1c', 'us-east-1b'],
      CacheParameterGroupName: 'custom-redis7',
      CacheSubnetGroupName: 'private-subnets',
      SecurityGroupIds: ['sg-0123456789abcdef0'],
      NotificationTopicArn: 'arn:aws:sns:us-east-1:000000000000:cache-events',
      NetworkType: 'dual_stack',
      IpDiscovery: 'ipv6',
    });
    expect(answer).toMatchObject({ AutoMinorVersionUpgrade: false, TransitEncryptionMode: 'preferred' });
    const group = await describeGroup('options-all');
    expect(group).toMatchObject({
      AutoMinorVersionUpgrade: false,
      TransitEncryptionEnabled: true,
      TransitEncryptionMode: 'preferred',
      UserGroupIds: ['app-users'],
      SnapshotWindow: '01:00-02:00',
      MultiAZ: 'enabled',
      NetworkType: 'dual_stack',
      IpDiscovery: 'ipv6',
      LogDeliveryConfigurations: [
        {
          LogType: 'slow-log',
          DestinationType: 'cloudwatch-logs',
          DestinationDetails: { CloudWatchLogsDetails: { LogGroup: '/elasticache/options-all' } },
          LogFormat: 'json',
          Status: 'active',
        },
      ],
    });
    expect(group?.NodeGroups?.[0]?.NodeGroupMembers?.map((member) => member.PreferredAvailabilityZone)).toEqual([
      'us-east-1c',
      'us-east-1b',
    ]);
    const cluster = await describeCluster('options-all-001');
    expect(cluster).toMatchObject({
      AutoMinorVersionUpgrade: false,
      PreferredMaintenanceWindow: 'tue:03:00-tue:04:00',
      PreferredAvailabilityZone: 'us-east-1c',
      CacheParameterGroup: { CacheParameterGroupName: 'custom-redis7' },
      CacheSubnetGroupName: 'private-subnets',
      SecurityGroups: [{ SecurityGroupId: 'sg-0123456789abcdef0', Status: 'active' }],
      NotificationConfiguration: { TopicArn: 'arn:aws:sns:us-east-1:000000000000:cache-events', TopicStatus: 'active' },
      TransitEncryptionMode: 'preferred',
      ReplicationGroupLogDeliveryEnabled: true,
    });
  });

  it('lays out NodeGroupConfiguration: ids, slots, replica counts and zones', async () => {
    await create({
      ReplicationGroupId: 'shards-custom',
      NumNodeGroups: 2,
      ClusterMode: 'enabled',
      NodeGroupConfiguration: [
        {
          NodeGroupId: '0007',
          Slots: '0-1000',
          ReplicaCount: 2,
          PrimaryAvailabilityZone: 'us-east-1a',
          ReplicaAvailabilityZones: ['us-east-1b', 'us-east-1c'],
        },
        { NodeGroupId: '0009', Slots: '1001-16383', ReplicaCount: 0, PrimaryAvailabilityZone: 'us-east-1d' },
      ],
    });
    const group = await describeGroup('shards-custom');
    expect(group?.NodeGroups?.map((shard) => [shard.NodeGroupId, shard.Slots, shard.NodeGroupMembers?.length])).toEqual(
      [
        ['0007', '0-1000', 3],
        ['0009', '1001-16383', 1],
      ],
    );
    expect(group?.NodeGroups?.[0]?.NodeGroupMembers?.map((member) => member.PreferredAvailabilityZone)).toEqual([
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
    ]);
    expect(group?.MemberClusters).toEqual([
      'shards-custom-0007-001',
      'shards-custom-0007-002',
      'shards-custom-0007-003',
      'shards-custom-0009-001',
    ]);
  });

  it.each([
    [{ EngineVersion: '99.9' }, 'InvalidParameterCombinationException', /Cannot find version 99\.9 for redis/],
    [{ CacheNodeType: 'cache.bogus.huge' }, 'InvalidParameterValueException', /CacheNodeType: cache\.bogus\.huge/],
    [{ SnapshotName: 'nightly' }, 'InvalidParameterValueException', /does not support the parameter SnapshotName/],
    [
      { TransitEncryptionMode: 'preferred' },
      'InvalidParameterCombinationException',
      /requires TransitEncryptionEnabled/,
    ],
    [{ PreferredMaintenanceWindow: 'someday' }, 'InvalidParameterValueException', /PreferredMaintenanceWindow/],
    [
      { NumCacheClusters: 2, PreferredCacheClusterAZs: ['us-east-1a'] },
      'InvalidParameterValueException',
      /must equal NumCacheClusters/,
    ],
    [
      { NumNodeGroups: 2, NodeGroupConfiguration: [{ Slots: '0-100' }, { Slots: '200-16383' }] },
      'InvalidParameterValueException',
      /Slot 101 is given to no node group/,
    ],
  ] as [Partial<CreateReplicationGroupCommandInput>, string, RegExp][])(
    'refuses %j with %s, creating nothing',
    async (input, name, message) => {
      const failure = await refusal(create({ ReplicationGroupId: 'refused-group', ...input }));
      expect(failure?.name).toBe(name);
      expect(failure?.message).toMatch(message);
      expect(await refusal(describeGroup('refused-group'))).toMatchObject({ name: 'ReplicationGroupNotFoundFault' });
    },
  );

  it('keeps the primary with RetainPrimaryCluster, refuses FinalSnapshotIdentifier, and writes cache-cluster events', async () => {
    const started = new Date(Date.now() - 1_000);
    await create({ ReplicationGroupId: 'to-delete', NumCacheClusters: 2 });
    expect(
      await refusal(
        sdk.send(
          new DeleteReplicationGroupCommand({ ReplicationGroupId: 'to-delete', FinalSnapshotIdentifier: 'last' }),
        ),
      ),
    ).toMatchObject({
      name: 'InvalidParameterValueException',
      message: expect.stringMatching(/FinalSnapshotIdentifier/),
    });
    expect((await describeGroup('to-delete'))?.Status).toBe('available');

    await sdk.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'to-delete', RetainPrimaryCluster: true }));
    await endpoint.settled();
    expect(await refusal(describeGroup('to-delete'))).toMatchObject({ name: 'ReplicationGroupNotFoundFault' });
    const kept = await describeCluster('to-delete-001');
    expect(kept).toMatchObject({ CacheClusterId: 'to-delete-001', CacheClusterStatus: 'available' });
    expect(kept?.ReplicationGroupId).toBeUndefined();
    expect(await refusal(describeCluster('to-delete-002'))).toMatchObject({ name: 'CacheClusterNotFoundFault' });
    const standalone = await sdk.send(
      new DescribeCacheClustersCommand({ ShowCacheClustersNotInReplicationGroups: true }),
    );
    expect(standalone.CacheClusters?.map((cluster) => cluster.CacheClusterId)).toEqual(['to-delete-001']);

    const events = await sdk.send(new DescribeEventsCommand({ SourceType: 'cache-cluster', StartTime: started }));
    expect(
      events.Events?.filter((event) => event.SourceIdentifier?.startsWith('to-delete')).map((event) => [
        event.SourceIdentifier,
        event.Message,
      ]),
    ).toEqual([
      ['to-delete-001', 'Cache cluster created'],
      ['to-delete-002', 'Cache cluster created'],
      ['to-delete-002', 'Cache cluster deleted'],
    ]);
  });

  it('answers an empty CustomerNodeEndpointList with InvalidParameterValue, as AWS does', async () => {
    const failure = await refusal(
      sdk.send(new TestMigrationCommand({ ReplicationGroupId: 'orders-cache', CustomerNodeEndpointList: [] })),
    );
    expect(failure).toMatchObject({
      name: 'InvalidParameterValueException',
      message: 'CustomerNodeEndpointList must contain exactly one element; it contains 0.',
    });
  });
});

describe('Markers stay exact while groups come and go between pages', () => {
  let endpoint: LocalEndpoint;
  let sdk: ElastiCacheClient;

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ seed: 'none', fleet: 60, migration: { transitionMs: 1 } });
    sdk = sdkClient(endpoint);
  });
  afterAll(async () => {
    sdk.destroy();
    await endpoint.close();
  });

  it('returns every group that existed throughout exactly once', async () => {
    const first = await sdk.send(new DescribeReplicationGroupsCommand({ MaxRecords: 20 }));
    const seen = (first.ReplicationGroups ?? []).map((group) => group.ReplicationGroupId);
    expect(seen).toHaveLength(20);
    // Delete two groups already read and one not yet read, and create one: an offset would skip
    // two groups here.
    for (const id of ['fleet-003', 'fleet-010', 'fleet-030']) {
      await sdk.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: id }));
    }
    await sdk.send(
      new CreateReplicationGroupCommand({ ReplicationGroupId: 'late-group', ReplicationGroupDescription: 'x' }),
    );
    await endpoint.settled();
    let marker = first.Marker;
    while (marker) {
      const page = await sdk.send(new DescribeReplicationGroupsCommand({ MaxRecords: 20, Marker: marker }));
      seen.push(...(page.ReplicationGroups ?? []).map((group) => group.ReplicationGroupId));
      marker = page.Marker;
    }
    const expected = Array.from({ length: 60 }, (_, index) => `fleet-${String(index).padStart(3, '0')}`).filter(
      (id) => id !== 'fleet-030',
    );
    expect(seen).toEqual([...expected, 'late-group']);
  });

  it('pages cache clusters exactly too', async () => {
    const first = await sdk.send(new DescribeCacheClustersCommand({ MaxRecords: 20 }));
    const seen = (first.CacheClusters ?? []).map((cluster) => cluster.CacheClusterId);
    await sdk.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'fleet-001' }));
    await endpoint.settled();
    let marker = first.Marker;
    while (marker) {
      const page = await sdk.send(new DescribeCacheClustersCommand({ MaxRecords: 20, Marker: marker }));
      seen.push(...(page.CacheClusters ?? []).map((cluster) => cluster.CacheClusterId));
      marker = page.Marker;
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Every cluster of a group that still exists was listed.
    const groups = await sdk.send(new DescribeReplicationGroupsCommand({ MaxRecords: 100 }));
    for (const group of groups.ReplicationGroups ?? [])
      for (const id of group.MemberClusters ?? []) expect(seen, id).toContain(id);
  });
});
