import type {
  NodeGroupConfiguration as SdkNodeGroupConfiguration,
  NodeSnapshot as SdkNodeSnapshot,
} from '@aws-sdk/client-elasticache';
import { locationKey } from '../aws/location-key.js';
import { resourceReader } from '../aws/resources.js';
import { RESOURCE_KINDS } from '../rules/resource-kinds.js';
import { builder } from './builder.js';
import { CacheCluster } from './cache-cluster.js';
import { DataTieringStatus, Durability } from './enums.js';
import { ReplicationGroup } from './replication-group.js';
import { loadedOne, resourceConnection } from './resource-links.js';
import { resourceType } from './resource-type.js';

/*
 * Snapshots (backups) of replication groups and clusters (DescribeSnapshots): every member of the
 * SDK shape, with each shard's configuration, read-only.
 */

const NodeGroupConfiguration = builder.objectRef<SdkNodeGroupConfiguration>('NodeGroupConfiguration').implement({
  description: 'The layout of one shard when the snapshot was taken.',
  fields: (t) => ({
    nodeGroupId: t.exposeString('NodeGroupId', { description: 'The id of the shard (0001).' }),
    slots: t.exposeString('Slots', { description: 'The hash slots of the shard, e.g. 0-5460.' }),
    replicaCount: t.exposeInt('ReplicaCount', { description: 'How many replicas the shard had.' }),
    primaryAvailabilityZone: t.exposeString('PrimaryAvailabilityZone', {
      description: 'The Availability Zone of its primary.',
    }),
    replicaAvailabilityZones: t.stringList({
      nullable: false,
      description: 'The Availability Zones of its replicas; empty when none.',
      resolve: (configuration) => configuration.ReplicaAvailabilityZones ?? [],
    }),
    primaryOutpostArn: t.exposeString('PrimaryOutpostArn', { description: 'The AWS Outpost of its primary, if any.' }),
    replicaOutpostArns: t.stringList({
      nullable: false,
      description: 'The AWS Outposts of its replicas; empty when none.',
      resolve: (configuration) => configuration.ReplicaOutpostArns ?? [],
    }),
  }),
});

const NodeSnapshot = builder.objectRef<SdkNodeSnapshot>('NodeSnapshot').implement({
  description: 'The part of a snapshot taken from one node (one shard, in cluster mode).',
  fields: (t) => ({
    cacheClusterId: t.exposeString('CacheClusterId', { description: 'The cache cluster of the node.' }),
    nodeGroupId: t.exposeString('NodeGroupId', { description: 'The shard of the node.' }),
    cacheNodeId: t.exposeString('CacheNodeId', { description: 'The id of the node.' }),
    nodeGroupConfiguration: t.expose('NodeGroupConfiguration', {
      type: NodeGroupConfiguration,
      description: 'The layout of the shard.',
    }),
    cacheSize: t.exposeString('CacheSize', { description: 'The size of the node snapshot, as AWS writes it (6 MB).' }),
    cacheNodeCreateTime: t.expose('CacheNodeCreateTime', {
      type: 'DateTime',
      description: 'When the node was created.',
    }),
    snapshotCreateTime: t.expose('SnapshotCreateTime', {
      type: 'DateTime',
      description: 'When the node was snapshotted.',
    }),
  }),
});

const snapshots = resourceReader(RESOURCE_KINDS.snapshot);

export const Snapshot = resourceType({
  reader: snapshots,
  description: 'A snapshot (backup) of a replication group or cache cluster, with the settings it was taken with.',
  idField: { name: 'snapshotName', description: 'The name of the snapshot.' },
  lookup: { field: 'snapshot', description: 'One snapshot by name, or null.' },
  listing: {
    field: 'snapshots',
    description:
      'Snapshots, of one replication group (`replicationGroupId`) or one cache cluster (`cacheClusterId`) when given (ElastiCache filters).',
    filters: {
      replicationGroupId: {
        member: 'ReplicationGroupId',
        description: 'Only the snapshots of this replication group.',
        kind: RESOURCE_KINDS.replicationGroup,
      },
      cacheClusterId: {
        member: 'CacheClusterId',
        description: 'Only the snapshots of this cache cluster.',
        kind: RESOURCE_KINDS.cacheCluster,
      },
    },
  },
  fields: (t) => ({
    replicationGroupId: t.exposeString('ReplicationGroupId', { description: 'The replication group snapshotted.' }),
    replicationGroupDescription: t.exposeString('ReplicationGroupDescription', {
      description: 'The description of that replication group.',
    }),
    cacheClusterId: t.exposeString('CacheClusterId', { description: 'The cache cluster snapshotted, if one.' }),
    snapshotStatus: t.exposeString('SnapshotStatus', {
      description: 'creating, available, restoring, copying or deleting.',
    }),
    snapshotSource: t.exposeString('SnapshotSource', { description: 'automated or manual.' }),
    cacheNodeType: t.exposeString('CacheNodeType', { description: 'The node type of the source.' }),
    engine: t.exposeString('Engine', { description: 'The engine of the source.' }),
    engineVersion: t.exposeString('EngineVersion', { description: 'The engine version of the source.' }),
    numCacheNodes: t.exposeInt('NumCacheNodes', { description: 'The number of nodes of the source cluster.' }),
    preferredAvailabilityZone: t.exposeString('PreferredAvailabilityZone', {
      description: 'The Availability Zone of the source cluster.',
    }),
    preferredOutpostArn: t.exposeString('PreferredOutpostArn', {
      description: 'The AWS Outpost of the source, if any.',
    }),
    cacheClusterCreateTime: t.expose('CacheClusterCreateTime', {
      type: 'DateTime',
      description: 'When the source cluster was created.',
    }),
    preferredMaintenanceWindow: t.exposeString('PreferredMaintenanceWindow', {
      description: 'The weekly maintenance window of the source.',
    }),
    topicArn: t.exposeString('TopicArn', { description: 'The SNS topic of the source, if any.' }),
    port: t.exposeInt('Port', { description: 'The port of the source.' }),
    cacheParameterGroupName: t.exposeString('CacheParameterGroupName', {
      description: 'The parameter group of the source.',
    }),
    cacheSubnetGroupName: t.exposeString('CacheSubnetGroupName', { description: 'The subnet group of the source.' }),
    vpcId: t.exposeString('VpcId', { description: 'The VPC of the source.' }),
    autoMinorVersionUpgrade: t.exposeBoolean('AutoMinorVersionUpgrade', {
      description: 'Whether the source took automatic minor upgrades.',
    }),
    snapshotRetentionLimit: t.exposeInt('SnapshotRetentionLimit', {
      description: 'How many days the source kept automatic snapshots.',
    }),
    snapshotWindow: t.exposeString('SnapshotWindow', { description: 'The daily snapshot window of the source.' }),
    numNodeGroups: t.exposeInt('NumNodeGroups', { description: 'How many shards the source had.' }),
    automaticFailover: t.exposeString('AutomaticFailover', {
      description: 'Whether the source had automatic failover: enabled, disabled, enabling or disabling.',
    }),
    nodeSnapshots: t.field({
      type: [NodeSnapshot],
      nullable: false,
      description: 'The parts of the snapshot, one per node snapshotted.',
      resolve: (snapshot) => snapshot.NodeSnapshots ?? [],
    }),
    kmsKeyId: t.exposeString('KmsKeyId', { description: 'The AWS KMS key that encrypts the snapshot.' }),
    dataTiering: t.expose('DataTiering', { type: DataTieringStatus, description: 'Whether the source tiered data.' }),
    durability: t.expose('Durability', { type: Durability, description: 'The durability mode of the source.' }),
    replicationGroup: loadedOne(t, ReplicationGroup, {
      description: 'The replication group snapshotted, when it still exists.',
      keyOf: (snapshot) =>
        snapshot.ReplicationGroupId ? locationKey(snapshot.location, snapshot.ReplicationGroupId) : null,
    }),
    cacheCluster: loadedOne(t, CacheCluster, {
      description: 'The cache cluster snapshotted, when one was and it still exists.',
      keyOf: (snapshot) => (snapshot.CacheClusterId ? locationKey(snapshot.location, snapshot.CacheClusterId) : null),
    }),
  }),
});

builder.objectField(ReplicationGroup, 'snapshots', (t) =>
  resourceConnection(t, snapshots, Snapshot, {
    description: 'The snapshots of this replication group.',
    filterOf: (group) => ({ ReplicationGroupId: group.ReplicationGroupId ?? '' }),
  }),
);
