import { regionOf } from '../aws/location.js';
import type {
  CacheNode as SdkCacheNode,
  CacheParameterGroupStatus as SdkCacheParameterGroupStatus,
  CacheSecurityGroupMembership as SdkCacheSecurityGroupMembership,
  SecurityGroupMembership as SdkSecurityGroupMembership,
} from '@aws-sdk/client-elasticache';
import { cacheClusters } from '../aws/resources.js';
import type { CacheClusterRecord } from '../aws/records.js';
import { locationKey, type LocationKey } from '../aws/location-key.js';
import { parseArn } from '../aws/arn.js';
import { ENTITY_SCOPE, requiring } from './authorization.js';
import { builder } from './builder.js';
import { NodeInterface, registerNodeType } from './node.js';
import { RESOURCE_KINDS } from '../rules/resource-kinds.js';
import { required } from './required.js';
import { IpDiscovery, NetworkType, TransitEncryptionMode } from './enums.js';
import { Endpoint, LogDeliveryConfiguration, NodeGroupMember, ReplicationGroup } from './replication-group.js';

/*
 * The members of the SDK's CacheCluster shape that users read about the nodes of a replication
 * group (one cache cluster per node), under the same camelCase names. Memcached-only members
 * (ConfigurationEndpoint, ClientDownloadLandingPage, NumCacheNodes scaling) are left out.
 */

export const CacheNode = builder.objectRef<SdkCacheNode>('CacheNode').implement({
  description: 'The node of a cache cluster (Valkey and Redis OSS clusters have exactly one).',
  fields: (t) => ({
    cacheNodeId: t.exposeString('CacheNodeId', { description: 'The id of the node in its cluster (0001).' }),
    cacheNodeStatus: t.exposeString('CacheNodeStatus', { description: 'available, creating, rebooting or deleting.' }),
    cacheNodeCreateTime: t.expose('CacheNodeCreateTime', {
      type: 'DateTime',
      description: 'When the node was created.',
    }),
    endpoint: t.expose('Endpoint', { type: Endpoint, description: 'Where to connect to this node.' }),
    parameterGroupStatus: t.exposeString('ParameterGroupStatus', {
      description: 'Whether the parameter group is applied to the node (in-sync).',
    }),
    sourceCacheNodeId: t.exposeString('SourceCacheNodeId', {
      description: 'The primary node this read replica follows, if any.',
    }),
    customerAvailabilityZone: t.exposeString('CustomerAvailabilityZone', {
      description: 'The Availability Zone of the node.',
    }),
    customerOutpostArn: t.exposeString('CustomerOutpostArn', {
      description: 'The AWS Outpost of the node, when on one.',
    }),
  }),
});

export const CacheParameterGroupStatus = builder
  .objectRef<SdkCacheParameterGroupStatus>('CacheParameterGroupStatus')
  .implement({
    description: 'The parameter group of a cache cluster and whether its changes are applied.',
    fields: (t) => ({
      cacheParameterGroupName: t.exposeString('CacheParameterGroupName', {
        description: 'The name of the parameter group.',
      }),
      parameterApplyStatus: t.exposeString('ParameterApplyStatus', {
        description: 'in-sync, pending-reboot or applying.',
      }),
      cacheNodeIdsToReboot: t.stringList({
        nullable: false,
        description: 'Nodes that need a reboot for parameter changes to apply; empty when none.',
        resolve: (status) => status.CacheNodeIdsToReboot ?? [],
      }),
    }),
  });

export const SecurityGroupMembership = builder
  .objectRef<SdkSecurityGroupMembership>('ElastiCacheSecurityGroupMembership')
  .implement({
    description: 'A VPC security group of a cache cluster.',
    fields: (t) => ({
      securityGroupId: t.exposeString('SecurityGroupId', { description: 'The id of the security group (sg-...).' }),
      status: t.exposeString('Status', { description: 'The membership status, e.g. active.' }),
    }),
  });

export const CacheSecurityGroupMembership = builder
  .objectRef<SdkCacheSecurityGroupMembership>('CacheSecurityGroupMembership')
  .implement({
    description: 'A cache security group (EC2-Classic) of a cache cluster.',
    fields: (t) => ({
      cacheSecurityGroupName: t.exposeString('CacheSecurityGroupName', {
        description: 'The name of the cache security group.',
      }),
      status: t.exposeString('Status', { description: 'The membership status, e.g. active.' }),
    }),
  });

/** Loadable, like ReplicationGroup: fields resolve to location keys, loaded in batches. */
export const CacheCluster = builder.loadableObjectRef<
  CacheClusterRecord | null,
  LocationKey,
  LocationKey,
  CacheClusterRecord
>('CacheCluster', {
  load: (keys, context) => cacheClusters.read(context.clients, keys, { signal: context.signal }),
  toKey: (cluster) => locationKey(cluster.location, required(cluster.CacheClusterId, 'CacheCluster', 'CacheClusterId')),
  cacheResolved: true,
});

// Relay: `node(id:)` reads an ARN of this type through the same loader.
registerNodeType(RESOURCE_KINDS.cacheCluster, (context, key) => CacheCluster.getDataloader(context).load(key));

CacheCluster.implement({
  // An entity: reached through `_entities` too, so the type itself needs the read scope.
  ...requiring(ENTITY_SCOPE),
  interfaces: [NodeInterface],
  description:
    'A cache cluster: in a Valkey or Redis OSS replication group, one node with its own endpoint and settings.',
  fields: (t) => ({
    id: t.id({
      nullable: false,
      description:
        'A globally unique id for client caches (Apollo Client, urql graphcache, Relay stores): the ARN. The supergraph key stays `arn`.',
      resolve: (cluster) => required(cluster.ARN, 'CacheCluster', 'ARN'),
    }),
    cacheClusterId: t.string({
      nullable: false,
      description: 'The identifier of the cache cluster.',
      resolve: (cluster) => required(cluster.CacheClusterId, 'CacheCluster', 'CacheClusterId'),
    }),
    arn: t.string({
      nullable: false,
      description: 'The Amazon Resource Name (ARN) of the cache cluster; its key in the supergraph.',
      resolve: (cluster) => required(cluster.ARN, 'CacheCluster', 'ARN'),
    }),
    region: t.string({
      description: 'The AWS Region of the cache cluster, read from its ARN.',
      resolve: (cluster) => parseArn(cluster.ARN)?.region ?? regionOf(cluster.location),
    }),
    cacheClusterStatus: t.exposeString('CacheClusterStatus', {
      description:
        'available, creating, deleted, deleting, incompatible-network, modifying, rebooting cluster nodes, restore-failed or snapshotting.',
    }),
    cacheNodeType: t.exposeString('CacheNodeType', { description: 'The node type, e.g. cache.r7g.large.' }),
    engine: t.exposeString('Engine', { description: 'The engine: valkey or redis.' }),
    engineVersion: t.exposeString('EngineVersion', { description: 'The engine version, e.g. 7.1.' }),
    numCacheNodes: t.exposeInt('NumCacheNodes', { description: 'The number of nodes (1 for Valkey and Redis OSS).' }),
    preferredAvailabilityZone: t.exposeString('PreferredAvailabilityZone', {
      description: 'The Availability Zone of the cluster.',
    }),
    preferredOutpostArn: t.exposeString('PreferredOutpostArn', {
      description: 'The AWS Outpost of the cluster, when on one.',
    }),
    cacheClusterCreateTime: t.expose('CacheClusterCreateTime', {
      type: 'DateTime',
      description: 'When the cluster was created.',
    }),
    preferredMaintenanceWindow: t.exposeString('PreferredMaintenanceWindow', {
      description: 'The weekly maintenance window, e.g. sun:06:00-sun:07:00.',
    }),
    cacheNodes: t.field({
      type: [CacheNode],
      nullable: false,
      description: 'The nodes with their endpoints.',
      resolve: (cluster) => cluster.CacheNodes ?? [],
    }),
    cacheParameterGroup: t.expose('CacheParameterGroup', {
      type: CacheParameterGroupStatus,
      description: 'The parameter group and its status.',
    }),
    cacheSubnetGroupName: t.exposeString('CacheSubnetGroupName', {
      description: 'The subnet group the cluster is in.',
    }),
    securityGroups: t.field({
      type: [SecurityGroupMembership],
      nullable: false,
      description: 'The VPC security groups of the cluster.',
      resolve: (cluster) => cluster.SecurityGroups ?? [],
    }),
    cacheSecurityGroups: t.field({
      type: [CacheSecurityGroupMembership],
      nullable: false,
      description: 'The cache security groups (EC2-Classic) of the cluster; usually empty.',
      resolve: (cluster) => cluster.CacheSecurityGroups ?? [],
    }),
    replicationGroupId: t.exposeString('ReplicationGroupId', {
      description: 'The replication group the cluster belongs to.',
    }),
    autoMinorVersionUpgrade: t.exposeBoolean('AutoMinorVersionUpgrade', {
      description: 'Whether the cluster takes automatic minor engine upgrades.',
    }),
    snapshotRetentionLimit: t.exposeInt('SnapshotRetentionLimit', {
      description: 'How many days automatic snapshots are kept.',
    }),
    snapshotWindow: t.exposeString('SnapshotWindow', {
      description: 'The daily UTC time range in which snapshots start.',
    }),
    authTokenEnabled: t.exposeBoolean('AuthTokenEnabled', { description: 'Whether clients must AUTH with a token.' }),
    authTokenLastModifiedDate: t.expose('AuthTokenLastModifiedDate', {
      type: 'DateTime',
      description: 'When the AUTH token last changed.',
    }),
    transitEncryptionEnabled: t.exposeBoolean('TransitEncryptionEnabled', {
      description: 'Whether in-transit encryption is on.',
    }),
    transitEncryptionMode: t.expose('TransitEncryptionMode', {
      type: TransitEncryptionMode,
      description: 'Whether TLS is required or only preferred.',
    }),
    atRestEncryptionEnabled: t.exposeBoolean('AtRestEncryptionEnabled', {
      description: 'Whether encryption at rest is on.',
    }),
    replicationGroupLogDeliveryEnabled: t.exposeBoolean('ReplicationGroupLogDeliveryEnabled', {
      description: "Whether the replication group's logs are delivered.",
    }),
    logDeliveryConfigurations: t.field({
      type: [LogDeliveryConfiguration],
      nullable: false,
      description: 'Where the logs go; empty when they are not delivered.',
      resolve: (cluster) => cluster.LogDeliveryConfigurations ?? [],
    }),
    networkType: t.expose('NetworkType', { type: NetworkType, description: 'The IP protocols the node accepts.' }),
    ipDiscovery: t.expose('IpDiscovery', { type: IpDiscovery, description: 'The IP protocol of discovery answers.' }),
  }),
});

builder.objectField(ReplicationGroup, 'cacheClusters', (t) =>
  t.field({
    tracing: true,
    type: [CacheCluster],
    nullable: false,
    description:
      'The member cache clusters (one per node), with node endpoints. Many groups in one request share a bounded number of DescribeCacheClusters calls.',
    resolve: async (group, _args, context) => {
      const keys = (group.MemberClusters ?? []).map((cacheClusterId) => locationKey(group.location, cacheClusterId));
      const clusters = await CacheCluster.getDataloader(context).loadMany(keys);
      const failure = clusters.find((cluster): cluster is Error => cluster instanceof Error);
      if (failure) throw failure;
      // A member deleted between the two reads is left out rather than failing the list.
      return clusters.filter(
        (cluster): cluster is CacheClusterRecord => cluster !== null && !(cluster instanceof Error),
      );
    },
  }),
);

builder.objectField(NodeGroupMember, 'cacheCluster', (t) =>
  t.field({
    tracing: true,
    type: CacheCluster,
    description:
      'The cache cluster of this node. Batched: resolving it for many nodes costs a bounded number of calls.',
    resolve: (member) => (member.CacheClusterId ? locationKey(member.location, member.CacheClusterId) : null),
  }),
);
