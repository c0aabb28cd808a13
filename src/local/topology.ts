import { createHash } from 'node:crypto';
import type {
  CacheCluster,
  CacheNode,
  LogDeliveryConfiguration,
  NodeGroup,
  ReplicationGroup,
} from '@aws-sdk/client-elasticache';

/**
 * Builds a replication group and its member cache clusters the way ElastiCache lays them out:
 * host names, node group and cluster ids, slots, Availability Zones and ARNs. Used by
 * CreateReplicationGroup and by the demo seed, so both look alike.
 */
export interface GroupSpec {
  replicationGroupId: string;
  description: string;
  engine: 'redis' | 'valkey';
  engineVersion: string;
  cacheNodeType: string;
  clusterMode: boolean;
  /** Shards; 1 for cluster mode disabled. */
  numNodeGroups: number;
  /** Nodes per shard, primary included. */
  nodesPerGroup: number;
  multiAZ: boolean;
  automaticFailover: boolean;
  transitEncryption: boolean;
  atRestEncryption: boolean;
  dataTiering: boolean;
  port: number;
  snapshotRetentionLimit: number;
  authToken?: boolean;
  kmsKeyId?: string;
  globalReplicationGroupId?: string;
  logDeliveryToLogGroup?: string;
  createdAt: Date;
  /** The rest are CreateReplicationGroup's options; absent means ElastiCache's default. */
  autoMinorVersionUpgrade?: boolean;
  transitEncryptionMode?: 'preferred' | 'required';
  userGroupIds?: string[];
  logDeliveryConfigurations?: LogDeliveryConfiguration[];
  preferredMaintenanceWindow?: string;
  snapshotWindow?: string;
  /** Zones of the clusters in creation order (cluster mode disabled), or per shard below. */
  preferredCacheClusterAZs?: string[];
  cacheParameterGroupName?: string;
  cacheSubnetGroupName?: string;
  securityGroupIds?: string[];
  notificationTopicArn?: string;
  networkType?: 'ipv4' | 'ipv6' | 'dual_stack';
  ipDiscovery?: 'ipv4' | 'ipv6';
  /** NodeGroupConfiguration: each shard's id, slots, replica count and zones. */
  shards?: ShardSpec[];
}

export interface ShardSpec {
  nodeGroupId?: string;
  /** e.g. 0-8191, or 0-100,200-300 */
  slots?: string;
  replicaCount?: number;
  primaryAvailabilityZone?: string;
  replicaAvailabilityZones?: string[];
}

export interface Location {
  region: string;
  accountId: string;
}

export const SLOT_COUNT = 16_384;

export function buildReplicationGroup(
  spec: GroupSpec,
  location: Location,
  status: string,
): { group: ReplicationGroup; clusters: CacheCluster[] } {
  const host = hostNames(spec.replicationGroupId, location.region);
  const zones = ['a', 'b', 'c'].map((letter) => `${location.region}${letter}`);
  const nodeGroups: NodeGroup[] = [];
  const clusters: CacheCluster[] = [];
  let zoneIndex = 0;

  for (let shard = 1; shard <= spec.numNodeGroups; shard++) {
    const shardSpec = spec.shards?.[shard - 1];
    const nodeGroupId = shardSpec?.nodeGroupId ?? pad(shard, 4);
    const nodes = shardSpec?.replicaCount !== undefined ? shardSpec.replicaCount + 1 : spec.nodesPerGroup;
    const shardZones = shardSpec
      ? [shardSpec.primaryAvailabilityZone, ...(shardSpec.replicaAvailabilityZones ?? [])]
      : spec.preferredCacheClusterAZs;
    const members: NonNullable<NodeGroup['NodeGroupMembers']> = [];
    for (let node = 1; node <= nodes; node++) {
      const cacheClusterId = spec.clusterMode
        ? `${spec.replicationGroupId}-${nodeGroupId}-${pad(node, 3)}`
        : `${spec.replicationGroupId}-${pad(node, 3)}`;
      const fallbackZone = zones[zoneIndex++ % zones.length] ?? `${location.region}a`;
      const zone = shardZones?.[node - 1] ?? fallbackZone;
      const nodeAddress = `${cacheClusterId}.${host.suffix}`;
      members.push({
        CacheClusterId: cacheClusterId,
        CacheNodeId: '0001',
        PreferredAvailabilityZone: zone,
        // Per-node read endpoints and roles are reported for cluster mode disabled only.
        ...(spec.clusterMode
          ? {}
          : {
              ReadEndpoint: { Address: nodeAddress, Port: spec.port },
              CurrentRole: node === 1 ? 'primary' : 'replica',
            }),
      });
      clusters.push(buildCacheCluster(spec, location, { cacheClusterId, zone, nodeAddress }));
    }
    nodeGroups.push({
      NodeGroupId: nodeGroupId,
      Status: status === 'creating' ? 'creating' : 'available',
      ...(spec.clusterMode
        ? { Slots: shardSpec?.slots ?? slotRange(shard, spec.numNodeGroups) }
        : {
            PrimaryEndpoint: { Address: `master.${host.suffix}`, Port: spec.port },
            ReaderEndpoint: { Address: `replica.${host.suffix}`, Port: spec.port },
          }),
      NodeGroupMembers: members,
    });
  }

  const group: ReplicationGroup = {
    ReplicationGroupId: spec.replicationGroupId,
    Description: spec.description,
    GlobalReplicationGroupInfo: spec.globalReplicationGroupId
      ? { GlobalReplicationGroupId: spec.globalReplicationGroupId, GlobalReplicationGroupMemberRole: 'PRIMARY' }
      : {},
    Status: status,
    PendingModifiedValues: {},
    MemberClusters: clusters.map((cluster) => cluster.CacheClusterId ?? ''),
    NodeGroups: nodeGroups,
    ...(spec.snapshotRetentionLimit > 0
      ? { SnapshottingClusterId: clusters[1]?.CacheClusterId ?? clusters[0]?.CacheClusterId }
      : {}),
    AutomaticFailover: spec.automaticFailover ? 'enabled' : 'disabled',
    MultiAZ: spec.multiAZ ? 'enabled' : 'disabled',
    ...(spec.clusterMode ? { ConfigurationEndpoint: { Address: `clustercfg.${host.suffix}`, Port: spec.port } } : {}),
    SnapshotRetentionLimit: spec.snapshotRetentionLimit,
    SnapshotWindow: spec.snapshotWindow ?? '05:00-06:00',
    ClusterEnabled: spec.clusterMode,
    CacheNodeType: spec.cacheNodeType,
    AuthTokenEnabled: spec.authToken ?? false,
    ...(spec.authToken ? { AuthTokenLastModifiedDate: spec.createdAt } : {}),
    TransitEncryptionEnabled: spec.transitEncryption,
    AtRestEncryptionEnabled: spec.atRestEncryption,
    MemberClustersOutpostArns: [],
    ...(spec.kmsKeyId ? { KmsKeyId: spec.kmsKeyId } : {}),
    StorageEncryptionType: !spec.atRestEncryption ? 'none' : spec.kmsKeyId ? 'sse-kms' : 'sse-elasticache',
    ARN: `arn:aws:elasticache:${location.region}:${location.accountId}:replicationgroup:${spec.replicationGroupId}`,
    UserGroupIds: spec.userGroupIds ?? [],
    LogDeliveryConfigurations: spec.logDeliveryConfigurations
      ? spec.logDeliveryConfigurations
      : spec.logDeliveryToLogGroup
        ? [
            {
              LogType: 'slow-log',
              DestinationType: 'cloudwatch-logs',
              DestinationDetails: { CloudWatchLogsDetails: { LogGroup: spec.logDeliveryToLogGroup } },
              LogFormat: 'json',
              Status: 'active',
            },
          ]
        : [],
    ReplicationGroupCreateTime: spec.createdAt,
    DataTiering: spec.dataTiering ? 'enabled' : 'disabled',
    AutoMinorVersionUpgrade: spec.autoMinorVersionUpgrade ?? true,
    NetworkType: spec.networkType ?? 'ipv4',
    IpDiscovery: spec.ipDiscovery ?? 'ipv4',
    ...(spec.transitEncryption ? { TransitEncryptionMode: spec.transitEncryptionMode ?? 'required' } : {}),
    ClusterMode: spec.clusterMode ? 'enabled' : 'disabled',
    Engine: spec.engine,
    Durability: 'default',
    EffectiveDurability: 'disabled',
  };
  return { group, clusters };
}

function buildCacheCluster(
  spec: GroupSpec,
  location: Location,
  node: { cacheClusterId: string; zone: string; nodeAddress: string },
): CacheCluster {
  const cacheNode: CacheNode = {
    CacheNodeId: '0001',
    CacheNodeStatus: 'available',
    CacheNodeCreateTime: spec.createdAt,
    Endpoint: { Address: node.nodeAddress, Port: spec.port },
    ParameterGroupStatus: 'in-sync',
    CustomerAvailabilityZone: node.zone,
  };
  const major = spec.engineVersion.split('.')[0] ?? '7';
  return {
    CacheClusterId: node.cacheClusterId,
    ClientDownloadLandingPage: 'https://console.aws.amazon.com/elasticache/home#client-download:',
    CacheNodeType: spec.cacheNodeType,
    Engine: spec.engine,
    EngineVersion: spec.engineVersion,
    CacheClusterStatus: 'available',
    NumCacheNodes: 1,
    PreferredAvailabilityZone: node.zone,
    CacheClusterCreateTime: spec.createdAt,
    PreferredMaintenanceWindow: spec.preferredMaintenanceWindow ?? 'sun:06:00-sun:07:00',
    ...(spec.notificationTopicArn
      ? { NotificationConfiguration: { TopicArn: spec.notificationTopicArn, TopicStatus: 'active' } }
      : {}),
    PendingModifiedValues: {},
    CacheSecurityGroups: [],
    CacheParameterGroup: {
      CacheParameterGroupName:
        spec.cacheParameterGroupName ?? `default.${spec.engine}${major}${spec.clusterMode ? '.cluster.on' : ''}`,
      ParameterApplyStatus: 'in-sync',
      CacheNodeIdsToReboot: [],
    },
    CacheSubnetGroupName: spec.cacheSubnetGroupName ?? 'default',
    CacheNodes: [cacheNode],
    AutoMinorVersionUpgrade: spec.autoMinorVersionUpgrade ?? true,
    SecurityGroups: (
      spec.securityGroupIds ?? [`sg-${digest(`${location.region}/${spec.replicationGroupId}`, 17)}`]
    ).map((id) => ({ SecurityGroupId: id, Status: 'active' })),
    ReplicationGroupId: spec.replicationGroupId,
    SnapshotRetentionLimit: spec.snapshotRetentionLimit,
    SnapshotWindow: spec.snapshotWindow ?? '05:00-06:00',
    AuthTokenEnabled: spec.authToken ?? false,
    TransitEncryptionEnabled: spec.transitEncryption,
    AtRestEncryptionEnabled: spec.atRestEncryption,
    ARN: `arn:aws:elasticache:${location.region}:${location.accountId}:cluster:${node.cacheClusterId}`,
    ReplicationGroupLogDeliveryEnabled:
      Boolean(spec.logDeliveryToLogGroup) || (spec.logDeliveryConfigurations?.length ?? 0) > 0,
    LogDeliveryConfigurations: [],
    NetworkType: spec.networkType ?? 'ipv4',
    IpDiscovery: spec.ipDiscovery ?? 'ipv4',
    ...(spec.transitEncryption ? { TransitEncryptionMode: spec.transitEncryptionMode ?? 'required' } : {}),
  };
}

/** `orders-cache.x1y2z3.use1.cache.amazonaws.com`: the id, a stable 6-character token, the short region. */
function hostNames(replicationGroupId: string, region: string): { suffix: string } {
  const shortRegion = region
    .split('-')
    .map((part, index, parts) => (index === 0 || index === parts.length - 1 ? part : part[0]))
    .join('');
  return {
    suffix: `${replicationGroupId}.${digest(`${region}/${replicationGroupId}`, 6)}.${shortRegion}.cache.amazonaws.com`,
  };
}

function slotRange(shard: number, shards: number): string {
  const start = Math.floor(((shard - 1) * SLOT_COUNT) / shards);
  const end = Math.floor((shard * SLOT_COUNT) / shards) - 1;
  return `${start}-${end}`;
}

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
