import { eventTexts } from '../rules/event-texts.js';
import { RESOURCE_KINDS, type ItemOf, type ResourceKind, type ResourceKindName } from '../rules/resource-kinds.js';
import { setStatus, type RegionState } from './state.js';
import { buildReplicationGroup, type GroupSpec } from './topology.js';

/**
 * The demo data of `--seed demo` (and `npm start`): one group of each kind a user meets.
 * - orders-cache: Redis OSS, cluster mode disabled, Multi-AZ: a valid migration target.
 * - sessions-valkey: Valkey, cluster mode enabled, 3 shards of 2 nodes.
 * - legacy-redis: Redis OSS already migrating (from the Redis on 127.0.0.1:6379).
 * - analytics-tls: in-transit encryption, AUTH, KMS, data tiering, log delivery: every optional
 *   member set, and a target that fails the migration prerequisites.
 */
const BASE_SPEC = {
  engine: 'redis' as const,
  engineVersion: '7.1',
  cacheNodeType: 'cache.r7g.large',
  clusterMode: false,
  numNodeGroups: 1,
  nodesPerGroup: 2,
  multiAZ: true,
  automaticFailover: true,
  transitEncryption: false,
  atRestEncryption: true,
  dataTiering: false,
  port: 6379,
  snapshotRetentionLimit: 1,
} satisfies Partial<GroupSpec>;

export function seedDemo(region: RegionState): void {
  const now = Date.now();
  const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000);
  const base = BASE_SPEC;
  const specs: GroupSpec[] = [
    {
      ...base,
      replicationGroupId: 'orders-cache',
      description: 'Order service cache (migration target)',
      createdAt: minutesAgo(60 * 24 * 30),
    },
    {
      ...base,
      replicationGroupId: 'sessions-valkey',
      description: 'Web sessions, sharded',
      engine: 'valkey',
      engineVersion: '8.0',
      clusterMode: true,
      numNodeGroups: 3,
      createdAt: minutesAgo(60 * 24 * 7),
    },
    {
      ...base,
      replicationGroupId: 'legacy-redis',
      description: 'Being migrated from the self-hosted Redis',
      engineVersion: '6.2',
      createdAt: minutesAgo(60 * 24 * 2),
    },
    {
      ...base,
      replicationGroupId: 'analytics-tls',
      description: 'Analytics, TLS and AUTH, data tiering',
      cacheNodeType: 'cache.r6gd.xlarge',
      clusterMode: true,
      numNodeGroups: 2,
      transitEncryption: true,
      dataTiering: true,
      authToken: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
      globalReplicationGroupId: 'ldgnf-analytics-global',
      logDeliveryToLogGroup: '/elasticache/analytics-tls/slow-log',
      createdAt: minutesAgo(60 * 24 * 90),
    },
  ];
  for (const spec of specs) {
    const { group, clusters } = buildReplicationGroup(spec, region.location, 'available');
    region.add({ group, clusters });
  }

  const legacy = region.find('legacy-redis');
  if (legacy) {
    const source = { address: '127.0.0.1', port: 6379 };
    legacy.migrationSource = source;
    setStatus(legacy, 'migrating');
    region.recordEvent('legacy-redis', eventTexts.testMigrationStarted('legacy-redis', source), minutesAgo(50));
    region.recordEvent('legacy-redis', eventTexts.testMigrationSucceeded('legacy-redis', source), minutesAgo(49));
    region.recordEvent('legacy-redis', eventTexts.migrationStarting('legacy-redis', source), minutesAgo(40));
    region.recordEvent('legacy-redis', eventTexts.migrationInProgress('legacy-redis', source), minutesAgo(38));
  }
  seedResources(region);
}

/** The SDK shape of one item of a kind, as its Describe operation answers it. */
type ItemOfKind<K extends ResourceKindName> =
  (typeof RESOURCE_KINDS)[K] extends ResourceKind<infer _Input, infer Output, infer L> ? ItemOf<Output, L> : never;

/**
 * `--fleet N`: N more groups (`fleet-000`, ...; 2 nodes each, like orders-cache), created 30 days
 * ago, so past the 14 days ElastiCache keeps events: a large region with a quiet history, the
 * usual shape of a production account, for load tests and benchmarks.
 */
export function seedFleet(region: RegionState, count: number): void {
  const createdAt = new Date(Date.now() - 30 * 24 * 60 * 60_000);
  const width = Math.max(3, String(count - 1).length);
  for (let index = 0; index < count; index++) {
    const spec: GroupSpec = {
      ...BASE_SPEC,
      replicationGroupId: `fleet-${String(index).padStart(width, '0')}`,
      description: 'Fleet group (load tests)',
      createdAt,
    };
    const { group, clusters } = buildReplicationGroup(spec, region.location, 'available');
    region.add({ group, clusters });
  }
}

/**
 * The demo's read-only resources, linked as in a real account: the parameter groups and the subnet
 * group the demo clusters name, users in a user group (RBAC groups created with UserGroupIds join
 * it), a serverless cache with a snapshot, and snapshots of the demo groups.
 */
export function seedResources(region: RegionState): void {
  const { region: name, accountId } = region.location;
  const arn = (type: string, id: string) => `arn:aws:elasticache:${name}:${accountId}:${type}:${id}`;
  const add = <K extends ResourceKindName>(kind: K, item: ItemOfKind<K>) =>
    region.described.add(RESOURCE_KINDS[kind], item as object);
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60_000);

  for (const [family, groupName] of [
    ['redis7', 'default.redis7'],
    ['redis7', 'default.redis7.cluster.on'],
    ['redis6.x', 'default.redis6'],
    ['valkey8', 'default.valkey8.cluster.on'],
  ] as const) {
    add('cacheParameterGroup', {
      CacheParameterGroupName: groupName,
      CacheParameterGroupFamily: family,
      Description: `Default parameter group for ${family}`,
      IsGlobal: false,
      ARN: arn('parametergroup', groupName),
    });
  }

  const zones = ['a', 'b', 'c'].map((letter) => `${name}${letter}`);
  add('cacheSubnetGroup', {
    CacheSubnetGroupName: 'default',
    CacheSubnetGroupDescription: 'Default subnet group (one subnet per Availability Zone)',
    VpcId: 'vpc-0a1b2c3d4e5f60718',
    Subnets: zones.map((zone, index) => ({
      SubnetIdentifier: `subnet-0${index + 1}a2b3c4d5e6f7a8b9`,
      SubnetAvailabilityZone: { Name: zone },
      SupportedNetworkTypes: ['ipv4' as const, 'dual_stack' as const],
    })),
    ARN: arn('subnetgroup', 'default'),
    SupportedNetworkTypes: ['ipv4' as const, 'dual_stack' as const],
  });

  add('user', {
    UserId: 'default',
    UserName: 'default',
    Status: 'active',
    Engine: 'redis',
    MinimumEngineVersion: '6.0',
    AccessString: 'on ~* +@all',
    UserGroupIds: ['app-users'],
    Authentication: { Type: 'no-password', PasswordCount: 0 },
    ARN: arn('user', 'default'),
  });
  add('user', {
    UserId: 'orders-app',
    UserName: 'orders-app',
    Status: 'active',
    Engine: 'redis',
    MinimumEngineVersion: '6.0',
    AccessString: 'on ~orders:* +@read +@write -@dangerous',
    UserGroupIds: ['app-users'],
    Authentication: { Type: 'password', PasswordCount: 1 },
    ARN: arn('user', 'orders-app'),
  });
  add('userGroup', {
    UserGroupId: 'app-users',
    Status: 'active',
    Engine: 'redis',
    UserIds: ['default', 'orders-app'],
    MinimumEngineVersion: '6.0',
    ReplicationGroups: [],
    ServerlessCaches: ['catalog'],
    ARN: arn('usergroup', 'app-users'),
  });

  add('serverlessCache', {
    ServerlessCacheName: 'catalog',
    Description: 'Product catalog, serverless',
    CreateTime: daysAgo(20),
    Status: 'available',
    Engine: 'valkey',
    MajorEngineVersion: '8',
    FullEngineVersion: '8.0',
    CacheUsageLimits: {
      DataStorage: { Unit: 'GB', Maximum: 100, Minimum: 1 },
      ECPUPerSecond: { Maximum: 100_000, Minimum: 1_000 },
    },
    StorageEncryptionType: 'sse-elasticache',
    SecurityGroupIds: ['sg-0123456789abcdef0'],
    Endpoint: { Address: `catalog-abc123.serverless.${name}.cache.amazonaws.com`, Port: 6379 },
    ReaderEndpoint: { Address: `catalog-abc123.serverless.${name}.cache.amazonaws.com`, Port: 6380 },
    ARN: arn('serverlesscache', 'catalog'),
    UserGroupId: 'app-users',
    SubnetIds: ['subnet-01a2b3c4d5e6f7a8b9', 'subnet-02a2b3c4d5e6f7a8b9'],
    SnapshotRetentionLimit: 7,
    DailySnapshotTime: '04:00',
    NetworkType: 'ipv4',
  });
  // A second one, so that listings page (DescribeServerlessCaches pages from 1 item).
  add('serverlessCache', {
    ServerlessCacheName: 'sessions-serverless',
    Description: 'Sessions, serverless, default limits',
    CreateTime: daysAgo(3),
    Status: 'available',
    Engine: 'redis',
    MajorEngineVersion: '7',
    FullEngineVersion: '7.1',
    StorageEncryptionType: 'sse-elasticache',
    SecurityGroupIds: ['sg-0123456789abcdef0'],
    Endpoint: { Address: `sessions-serverless-def456.serverless.${name}.cache.amazonaws.com`, Port: 6379 },
    ReaderEndpoint: { Address: `sessions-serverless-def456.serverless.${name}.cache.amazonaws.com`, Port: 6380 },
    ARN: arn('serverlesscache', 'sessions-serverless'),
    SubnetIds: ['subnet-01a2b3c4d5e6f7a8b9'],
    SnapshotRetentionLimit: 0,
    NetworkType: 'ipv4',
  });
  add('serverlessCacheSnapshot', {
    ServerlessCacheSnapshotName: 'catalog-2026-daily',
    ARN: arn('serverlesscachesnapshot', 'catalog-2026-daily'),
    SnapshotType: 'automated',
    Status: 'available',
    CreateTime: daysAgo(1),
    ExpiryTime: daysAgo(-6),
    BytesUsedForCache: '734003200',
    ServerlessCacheConfiguration: { ServerlessCacheName: 'catalog', Engine: 'valkey', MajorEngineVersion: '8' },
  });

  // The Global datastore analytics-tls is the primary of (its GlobalReplicationGroupInfo).
  add('globalReplicationGroup', {
    GlobalReplicationGroupId: 'ldgnf-analytics-global',
    GlobalReplicationGroupDescription: 'Analytics, readable in a second region',
    Status: 'primary-only',
    CacheNodeType: 'cache.r6gd.xlarge',
    Engine: 'redis',
    EngineVersion: '7.1',
    Members: [
      {
        ReplicationGroupId: 'analytics-tls',
        ReplicationGroupRegion: name,
        Role: 'primary',
        AutomaticFailover: 'enabled',
        Status: 'associated',
      },
    ],
    ClusterEnabled: true,
    GlobalNodeGroups: [
      { GlobalNodeGroupId: 'ldgnf-analytics-global-0001', Slots: '0-8191' },
      { GlobalNodeGroupId: 'ldgnf-analytics-global-0002', Slots: '8192-16383' },
    ],
    AuthTokenEnabled: true,
    TransitEncryptionEnabled: true,
    AtRestEncryptionEnabled: true,
    // Global datastores are global: their ARNs name no region.
    ARN: `arn:aws:elasticache::${accountId}:globalreplicationgroup:ldgnf-analytics-global`,
  });

  for (const stored of region.groups()) {
    const group = stored.group;
    const primary = stored.clusters[0];
    const snapshotName = `automatic.${group.ReplicationGroupId}-daily`;
    add('snapshot', {
      SnapshotName: snapshotName,
      ReplicationGroupId: group.ReplicationGroupId,
      ReplicationGroupDescription: group.Description,
      SnapshotStatus: 'available',
      SnapshotSource: 'automated',
      CacheNodeType: group.CacheNodeType,
      Engine: group.Engine,
      EngineVersion: primary?.EngineVersion,
      NumCacheNodes: 1,
      PreferredMaintenanceWindow: primary?.PreferredMaintenanceWindow,
      Port: primary?.CacheNodes?.[0]?.Endpoint?.Port,
      CacheParameterGroupName: primary?.CacheParameterGroup?.CacheParameterGroupName,
      CacheSubnetGroupName: primary?.CacheSubnetGroupName,
      VpcId: 'vpc-0a1b2c3d4e5f60718',
      AutoMinorVersionUpgrade: group.AutoMinorVersionUpgrade,
      SnapshotRetentionLimit: group.SnapshotRetentionLimit,
      SnapshotWindow: group.SnapshotWindow,
      NumNodeGroups: group.NodeGroups?.length,
      AutomaticFailover: group.AutomaticFailover,
      NodeSnapshots: (group.NodeGroups ?? []).map((nodeGroup) => ({
        NodeGroupId: nodeGroup.NodeGroupId,
        CacheSize: '6 MB',
        NodeGroupConfiguration: {
          NodeGroupId: nodeGroup.NodeGroupId,
          Slots: nodeGroup.Slots,
          ReplicaCount: Math.max(0, (nodeGroup.NodeGroupMembers?.length ?? 1) - 1),
          PrimaryAvailabilityZone: nodeGroup.NodeGroupMembers?.[0]?.PreferredAvailabilityZone,
          ReplicaAvailabilityZones: (nodeGroup.NodeGroupMembers ?? [])
            .slice(1)
            .flatMap((member) => member.PreferredAvailabilityZone ?? []),
        },
        CacheNodeCreateTime: group.ReplicationGroupCreateTime,
        SnapshotCreateTime: daysAgo(1),
      })),
      KmsKeyId: group.KmsKeyId,
      ARN: arn('snapshot', snapshotName),
      DataTiering: group.DataTiering,
      Durability: group.Durability,
    });
  }
}
