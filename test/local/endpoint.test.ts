import {
  CacheCluster$,
  CacheClusterNotFoundFault,
  CompleteMigrationCommand,
  CreateReplicationGroupCommand,
  DeleteReplicationGroupCommand,
  DescribeCacheClustersCommand,
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  type ElastiCacheClient,
  InvalidParameterCombinationException,
  InvalidParameterValueException,
  InvalidReplicationGroupStateFault,
  paginateDescribeReplicationGroups,
  ReplicationGroup$,
  ReplicationGroupAlreadyExistsFault,
  ReplicationGroupAlreadyUnderMigrationFault,
  ReplicationGroupNotFoundFault,
  ReplicationGroupNotUnderMigrationFault,
  StartMigrationCommand,
  TestMigrationCommand,
} from '@aws-sdk/client-elasticache';
import { NormalizedSchema } from '@smithy/core/schema';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { freePort, startRedis } from '../support/redis-server.js';
import { sdkClient } from '../support/sdk.js';

const SOURCE = [{ Address: '127.0.0.1', Port: 6379 }];

async function fault(
  promise: Promise<unknown>,
): Promise<Error & { $metadata: { httpStatusCode?: number; requestId?: string }; Code?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number; requestId?: string }; Code?: string };
  }
  throw new Error('expected the call to fail');
}

describe('local endpoint, driven by the real SDK over HTTP', () => {
  let endpoint: LocalEndpoint;
  let sdk: ElastiCacheClient;

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ migration: { transitionMs: 30, checkTimeoutMs: 2_000 } });
    sdk = sdkClient(endpoint);
  });
  afterAll(async () => {
    sdk.destroy();
    await endpoint.close();
  });

  it('describes the demo groups with every member of the SDK shape, and lists that survive parsing', async () => {
    const output = await sdk.send(new DescribeReplicationGroupsCommand({}));
    expect(output.ReplicationGroups?.map((group) => group.ReplicationGroupId)).toEqual([
      'orders-cache',
      'sessions-valkey',
      'legacy-redis',
      'analytics-tls',
    ]);
    const analytics = output.ReplicationGroups?.find((group) => group.ReplicationGroupId === 'analytics-tls');
    const members = [...NormalizedSchema.of(ReplicationGroup$).structIterator()].map(([name]) => name);
    expect(members).toHaveLength(35);
    // analytics-tls sets every optional member; MemberClustersOutpostArns and UserGroupIds are empty lists.
    expect(
      members.filter((member) => (analytics as Record<string, unknown> | undefined)?.[member] === undefined),
    ).toEqual([]);
    expect(analytics?.LogDeliveryConfigurations?.[0]?.DestinationDetails?.CloudWatchLogsDetails?.LogGroup).toBe(
      '/elasticache/analytics-tls/slow-log',
    );
    expect(analytics?.ConfigurationEndpoint?.Address).toMatch(
      /^clustercfg\.analytics-tls\.[0-9a-f]{6}\.use1\.cache\.amazonaws\.com$/,
    );

    const orders = output.ReplicationGroups?.[0];
    expect(orders?.MemberClusters).toEqual(['orders-cache-001', 'orders-cache-002']);
    expect(orders?.NodeGroups).toHaveLength(1);
    expect(orders?.NodeGroups?.[0]?.NodeGroupMembers?.map((member) => member.CurrentRole)).toEqual([
      'primary',
      'replica',
    ]);
    expect(orders?.NodeGroups?.[0]?.PrimaryEndpoint?.Address).toMatch(/^master\.orders-cache\./);
    expect(orders?.ARN).toBe('arn:aws:elasticache:us-east-1:000000000000:replicationgroup:orders-cache');
    expect(orders?.ReplicationGroupCreateTime).toBeInstanceOf(Date);
    const sessions = output.ReplicationGroups?.[1];
    expect(sessions?.NodeGroups?.map((group) => group.Slots)).toEqual(['0-5460', '5461-10921', '10922-16383']);
    expect(sessions?.MemberClusters).toContain('sessions-valkey-0003-002');
  });

  it('reads the request id from the x-amzn-RequestId header on success and error', async () => {
    const output = await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' }));
    expect(output.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const error = await fault(sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'nope' })));
    expect(error.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('describes a group by id, case-insensitively, and answers ReplicationGroupNotFoundFault with 404', async () => {
    const output = await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'ORDERS-Cache' }));
    expect(output.ReplicationGroups?.[0]?.ReplicationGroupId).toBe('orders-cache');
    const error = await fault(sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'nope' })));
    expect(error).toBeInstanceOf(ReplicationGroupNotFoundFault);
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('describes cache clusters, with node endpoints only on request, and CacheClusterNotFound with 404', async () => {
    const brief = await sdk.send(new DescribeCacheClustersCommand({ CacheClusterId: 'orders-cache-001' }));
    expect(brief.CacheClusters?.[0]?.CacheNodes).toBeUndefined();
    const detailed = await sdk.send(
      new DescribeCacheClustersCommand({ CacheClusterId: 'orders-cache-001', ShowCacheNodeInfo: true }),
    );
    const cluster = detailed.CacheClusters?.[0];
    expect(cluster?.CacheNodes?.[0]?.Endpoint?.Address).toMatch(/^orders-cache-001\.orders-cache\./);
    expect(cluster?.SecurityGroups?.[0]?.Status).toBe('active');
    expect(cluster?.ReplicationGroupId).toBe('orders-cache');
    const clusterMembers = [...NormalizedSchema.of(CacheCluster$).structIterator()].map(([name]) => name);
    const absent = clusterMembers.filter(
      (member) => (cluster as Record<string, unknown> | undefined)?.[member] === undefined,
    );
    // Members ElastiCache omits for a Redis OSS node without TLS, Outposts or Memcached endpoint.
    expect(absent.sort()).toEqual([
      'AuthTokenLastModifiedDate',
      'ConfigurationEndpoint',
      'NotificationConfiguration',
      'PreferredOutpostArn',
      'TransitEncryptionMode',
    ]);
    const all = await sdk.send(new DescribeCacheClustersCommand({}));
    expect(all.CacheClusters).toHaveLength(14);
    expect(
      (await sdk.send(new DescribeCacheClustersCommand({ ShowCacheClustersNotInReplicationGroups: true })))
        .CacheClusters ?? [],
    ).toEqual([]);
    const error = await fault(sdk.send(new DescribeCacheClustersCommand({ CacheClusterId: 'nope' })));
    expect(error).toBeInstanceOf(CacheClusterNotFoundFault);
    expect(error.Code).toBe('CacheClusterNotFound');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });

  it('creates groups by the AWS rules, then makes them available; deletes them', async () => {
    const created = await sdk.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'New-Group',
        ReplicationGroupDescription: 'created in a test',
        Engine: 'valkey',
        NumNodeGroups: 2,
        ReplicasPerNodeGroup: 1,
        MultiAZEnabled: true,
        AutomaticFailoverEnabled: true,
        TransitEncryptionEnabled: false,
        AtRestEncryptionEnabled: true,
        Port: 6380,
        Tags: [{ Key: 'team', Value: 'platform' }],
      }),
    );
    expect(created.ReplicationGroup).toMatchObject({
      ReplicationGroupId: 'new-group',
      Status: 'creating',
      ClusterEnabled: true,
      Engine: 'valkey',
    });
    expect(created.ReplicationGroup?.ConfigurationEndpoint?.Port).toBe(6380);
    await endpoint.settled();
    const described = await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'new-group' }));
    expect(described.ReplicationGroups?.[0]?.Status).toBe('available');

    const duplicate = await fault(
      sdk.send(
        new CreateReplicationGroupCommand({ ReplicationGroupId: 'new-group', ReplicationGroupDescription: 'again' }),
      ),
    );
    expect(duplicate).toBeInstanceOf(ReplicationGroupAlreadyExistsFault);

    const deleted = await sdk.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: 'new-group' }));
    expect(deleted.ReplicationGroup?.Status).toBe('deleting');
    await endpoint.settled();
    expect(
      await fault(sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'new-group' }))),
    ).toBeInstanceOf(ReplicationGroupNotFoundFault);
  });

  it.each([
    [{ ReplicationGroupId: '1bad', ReplicationGroupDescription: 'd' }, InvalidParameterValueException],
    [{ ReplicationGroupId: 'bad--id', ReplicationGroupDescription: 'd' }, InvalidParameterValueException],
    [{ ReplicationGroupId: 'bad-', ReplicationGroupDescription: 'd' }, InvalidParameterValueException],
    [{ ReplicationGroupId: 'a'.repeat(41), ReplicationGroupDescription: 'd' }, InvalidParameterValueException],
    [
      { ReplicationGroupId: 'ok-id', ReplicationGroupDescription: 'd', Engine: 'memcached' },
      InvalidParameterValueException,
    ],
    [
      { ReplicationGroupId: 'ok-id', ReplicationGroupDescription: 'd', NumCacheClusters: 7 },
      InvalidParameterValueException,
    ],
    [
      { ReplicationGroupId: 'ok-id', ReplicationGroupDescription: 'd', MultiAZEnabled: true },
      InvalidParameterCombinationException,
    ],
    [
      {
        ReplicationGroupId: 'ok-id',
        ReplicationGroupDescription: 'd',
        AutomaticFailoverEnabled: true,
        NumCacheClusters: 1,
      },
      InvalidParameterCombinationException,
    ],
    [
      { ReplicationGroupId: 'ok-id', ReplicationGroupDescription: 'd', DataTieringEnabled: true },
      InvalidParameterCombinationException,
    ],
  ])('refuses CreateReplicationGroup %o', async (input, faultClass) => {
    const error = await fault(sdk.send(new CreateReplicationGroupCommand(input)));
    expect(error).toBeInstanceOf(faultClass);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });

  it('answers every documented migration fault with its wire code and status', async () => {
    const notFound = await fault(
      sdk.send(new TestMigrationCommand({ ReplicationGroupId: 'nope', CustomerNodeEndpointList: SOURCE })),
    );
    expect(notFound).toBeInstanceOf(ReplicationGroupNotFoundFault);
    const migrating = await fault(
      sdk.send(new StartMigrationCommand({ ReplicationGroupId: 'legacy-redis', CustomerNodeEndpointList: SOURCE })),
    );
    expect(migrating).toBeInstanceOf(ReplicationGroupAlreadyUnderMigrationFault);
    const two = await fault(
      sdk.send(
        new TestMigrationCommand({
          ReplicationGroupId: 'orders-cache',
          CustomerNodeEndpointList: [...SOURCE, ...SOURCE],
        }),
      ),
    );
    expect(two).toBeInstanceOf(InvalidParameterValueException);
    expect(two.Code).toBe('InvalidParameterValue');
    const badPort = await fault(
      sdk.send(
        new TestMigrationCommand({
          ReplicationGroupId: 'orders-cache',
          CustomerNodeEndpointList: [{ Address: '127.0.0.1', Port: 0 }],
        }),
      ),
    );
    expect(badPort.message).toContain('CustomerNodeEndpointList.member.1.Port');
    const badAddress = await fault(
      sdk.send(
        new TestMigrationCommand({
          ReplicationGroupId: 'orders-cache',
          CustomerNodeEndpointList: [{ Address: 'no spaces', Port: 6379 }],
        }),
      ),
    );
    expect(badAddress).toBeInstanceOf(InvalidParameterValueException);
    const outside = await fault(
      sdk.send(
        new TestMigrationCommand({
          ReplicationGroupId: 'orders-cache',
          CustomerNodeEndpointList: [{ Address: '198.51.100.7', Port: 6379 }],
        }),
      ),
    );
    expect(outside.message).toContain('198.51.100.7 is outside the networks');
    const notMigrating = await fault(sdk.send(new CompleteMigrationCommand({ ReplicationGroupId: 'orders-cache' })));
    expect(notMigrating).toBeInstanceOf(ReplicationGroupNotUnderMigrationFault);
    expect(notMigrating.$metadata.httpStatusCode).toBe(400);
  });

  it('pages DescribeReplicationGroups over 45+ groups exactly once each, with MaxRecords 20-100', async () => {
    const ids = Array.from({ length: 46 }, (_, index) => `page-group-${String(index).padStart(2, '0')}`);
    for (const id of ids)
      await sdk.send(
        new CreateReplicationGroupCommand({ ReplicationGroupId: id, ReplicationGroupDescription: 'paging' }),
      );
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateDescribeReplicationGroups({ client: sdk, pageSize: 20 }, {})) {
      pages += 1;
      expect(page.ReplicationGroups?.length).toBeLessThanOrEqual(20);
      seen.push(...(page.ReplicationGroups ?? []).map((group) => group.ReplicationGroupId ?? ''));
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
    expect(seen).toEqual(expect.arrayContaining(ids));
    const last = await sdk.send(new DescribeReplicationGroupsCommand({ MaxRecords: 100 }));
    expect(last.Marker).toBeUndefined();
    expect(await fault(sdk.send(new DescribeReplicationGroupsCommand({ MaxRecords: 19 })))).toBeInstanceOf(
      InvalidParameterValueException,
    );
    expect(await fault(sdk.send(new DescribeReplicationGroupsCommand({ MaxRecords: 101 })))).toBeInstanceOf(
      InvalidParameterValueException,
    );
    expect(await fault(sdk.send(new DescribeReplicationGroupsCommand({ Marker: 'forged' })))).toBeInstanceOf(
      InvalidParameterValueException,
    );
    await endpoint.settled();
    for (const id of ids) await sdk.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: id }));
    await endpoint.settled();
  });

  it('filters and pages DescribeEvents by source, type and window', async () => {
    const all = await sdk.send(
      new DescribeEventsCommand({ SourceType: 'replication-group', SourceIdentifier: 'legacy-redis' }),
    );
    expect(all.Events?.map((event) => event.Message?.split(' ').slice(0, 3).join(' '))).toEqual([
      'Test migration started',
      'Test migration succeeded',
      'Starting migration operation',
      'Migration operation in',
    ]);
    expect(all.Events?.every((event) => event.Date instanceof Date && event.SourceType === 'replication-group')).toBe(
      true,
    );
    const recent = await sdk.send(new DescribeEventsCommand({ SourceIdentifier: 'legacy-redis', Duration: 45 }));
    expect(recent.Events).toHaveLength(2);
    const window = await sdk.send(
      new DescribeEventsCommand({
        SourceIdentifier: 'legacy-redis',
        StartTime: new Date(Date.now() - 55 * 60_000),
        EndTime: new Date(Date.now() - 45 * 60_000),
      }),
    );
    expect(window.Events).toHaveLength(2);
    const paged = await sdk.send(new DescribeEventsCommand({ MaxRecords: 20, Duration: 14 * 24 * 60 }));
    expect(paged.Events?.length).toBeLessThanOrEqual(20);
    expect(await fault(sdk.send(new DescribeEventsCommand({ SourceType: 'bogus' as never })))).toBeInstanceOf(
      InvalidParameterValueException,
    );
    expect(await fault(sdk.send(new DescribeEventsCommand({ StartTime: new Date(), Duration: 5 })))).toBeInstanceOf(
      InvalidParameterCombinationException,
    );
  });

  it('keeps regions apart: the region comes from the signature', async () => {
    const west = sdkClient(endpoint, { region: 'eu-west-1' });
    try {
      expect((await west.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups ?? []).toEqual([]);
      const created = await west.send(
        new CreateReplicationGroupCommand({ ReplicationGroupId: 'west-only', ReplicationGroupDescription: 'eu' }),
      );
      expect(created.ReplicationGroup?.ARN).toBe(
        'arn:aws:elasticache:eu-west-1:000000000000:replicationgroup:west-only',
      );
      expect(
        await fault(sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'west-only' }))),
      ).toBeInstanceOf(ReplicationGroupNotFoundFault);
      await endpoint.settled();
    } finally {
      west.destroy();
    }
  });

  it('runs the migration flow: start -> modifying -> migrating -> complete -> available, with events', async () => {
    const started = await sdk.send(
      new StartMigrationCommand({ ReplicationGroupId: 'orders-cache', CustomerNodeEndpointList: SOURCE }),
    );
    expect(started.ReplicationGroup?.Status).toBe('modifying');
    const busy = await fault(
      sdk.send(new TestMigrationCommand({ ReplicationGroupId: 'orders-cache', CustomerNodeEndpointList: SOURCE })),
    );
    expect(busy).toBeInstanceOf(InvalidReplicationGroupStateFault);
    expect(busy.Code).toBe('InvalidReplicationGroupState');
    await endpoint.settled();
    const migrating = await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' }));
    expect(migrating.ReplicationGroups?.[0]?.Status).toBe('migrating');
    // As AWS's guide says: complete once the target reports master_link_status:up.
    const primary = migrating.ReplicationGroups?.[0]?.NodeGroups?.[0]?.PrimaryEndpoint;
    const target = new Redis({ host: primary?.Address ?? '', port: primary?.Port ?? 0 });
    try {
      for (
        const deadline = Date.now() + 15_000;
        !(await target.info('replication')).includes('master_link_status:up');
      ) {
        if (Date.now() > deadline) throw new Error('the target never linked up');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      target.disconnect();
    }

    const completed = await sdk.send(new CompleteMigrationCommand({ ReplicationGroupId: 'orders-cache' }));
    expect(completed.ReplicationGroup?.Status).toBe('migrating');
    await endpoint.settled();
    const available = await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' }));
    expect(available.ReplicationGroups?.[0]?.Status).toBe('available');
    const events = await sdk.send(new DescribeEventsCommand({ SourceIdentifier: 'orders-cache', Duration: 5 }));
    expect(events.Events?.map((event) => event.Message)).toEqual([
      'Starting migration operation for target cluster orders-cache with source cluster endpoint 127.0.0.1 and port 6379',
      'Migration operation in progress for replication group orders-cache: replicating from 127.0.0.1:6379.',
      'Complete Migration successful for orders-cache',
    ]);
  });

  it('fails a start against an unreachable source, and completes only with Force once the source is gone', async () => {
    const throwaway = await startLocalEndpoint({
      seed: 'demo',
      migration: { transitionMs: 10, checkTimeoutMs: 1_000 },
    });
    const client = sdkClient(throwaway);
    const source = await startRedis();
    try {
      const closed = [{ Address: '127.0.0.1', Port: await freePort() }];
      await client.send(
        new StartMigrationCommand({ ReplicationGroupId: 'orders-cache', CustomerNodeEndpointList: closed }),
      );
      await throwaway.settled();
      const afterFailedStart = await client.send(
        new DescribeEventsCommand({ SourceIdentifier: 'orders-cache', Duration: 5 }),
      );
      expect(afterFailedStart.Events?.at(-1)?.Message).toMatch(
        /^Migration operation failed for replication group orders-cache: source 127\.0\.0\.1:\d+ is unreachable \(connection refused\)\.$/,
      );
      expect(
        (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' })))
          .ReplicationGroups?.[0]?.Status,
      ).toBe('available');

      const live = [{ Address: '127.0.0.1', Port: source.port }];
      await client.send(
        new StartMigrationCommand({ ReplicationGroupId: 'orders-cache', CustomerNodeEndpointList: live }),
      );
      await throwaway.settled();
      await source.stop();
      await client.send(new CompleteMigrationCommand({ ReplicationGroupId: 'orders-cache' }));
      await throwaway.settled();
      const refused = await client.send(new DescribeEventsCommand({ SourceIdentifier: 'orders-cache', Duration: 5 }));
      expect(refused.Events?.at(-1)?.Message).toMatch(
        /^Complete Migration failed for orders-cache: data is not in sync with the source \(the source 127\.0\.0\.1:\d+ did not answer\)/,
      );
      expect(
        (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' })))
          .ReplicationGroups?.[0]?.Status,
      ).toBe('migrating');

      await client.send(new CompleteMigrationCommand({ ReplicationGroupId: 'orders-cache', Force: true }));
      await throwaway.settled();
      expect(
        (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' })))
          .ReplicationGroups?.[0]?.Status,
      ).toBe('available');
    } finally {
      client.destroy();
      await source.stop();
      await throwaway.close();
    }
  });
});
