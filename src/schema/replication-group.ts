import { regionOf } from '../aws/location.js';
import { locationArgs } from './location-args.js';
import type {
  CloudWatchLogsDestinationDetails as SdkCloudWatchLogsDestinationDetails,
  DestinationDetails as SdkDestinationDetails,
  Endpoint as SdkEndpoint,
  GlobalReplicationGroupInfo as SdkGlobalReplicationGroupInfo,
  KinesisFirehoseDestinationDetails as SdkKinesisFirehoseDestinationDetails,
  LogDeliveryConfiguration as SdkLogDeliveryConfiguration,
  PendingLogDeliveryConfiguration as SdkPendingLogDeliveryConfiguration,
  ReplicationGroupPendingModifiedValues as SdkReplicationGroupPendingModifiedValues,
  ReshardingStatus as SdkReshardingStatus,
  SlotMigration as SdkSlotMigration,
  UserGroupsUpdateStatus as SdkUserGroupsUpdateStatus,
} from '@aws-sdk/client-elasticache';
import type { NodeGroupMemberRecord, NodeGroupRecord, ReplicationGroupRecord } from '../aws/records.js';
import { locationKey, type LocationKey } from '../aws/location-key.js';
import { replicationGroups } from '../aws/resources.js';
import { checkReplicationGroupIdArgument, locationArgument } from '../resolvers/arguments.js';
import { parseArn } from '../aws/arn.js';
import { accessTo, ENTITY_SCOPE, requiring } from './authorization.js';
import { builder } from './builder.js';
import { NodeInterface, registerNodeType } from './node.js';
import { RESOURCE_KINDS } from '../rules/resource-kinds.js';
import { required } from './required.js';
import {
  AuthTokenUpdateStatus,
  AutomaticFailoverStatus,
  ClusterMode,
  DataTieringStatus,
  DestinationType,
  Durability,
  EffectiveDurability,
  IpDiscovery,
  LogDeliveryConfigurationStatus,
  LogFormat,
  LogType,
  MultiAZStatus,
  NetworkType,
  PendingAutomaticFailoverStatus,
  StorageEncryptionType,
  TransitEncryptionMode,
} from './enums.js';

/*
 * The SDK's ReplicationGroup shape and every shape nested in it, exposed as they come from the
 * SDK: each type is an objectRef over the SDK's own output type and each field exposes one SDK
 * member under its camelCase name. test/schema/coverage.test.ts walks the SDK's runtime schema and
 * fails when a member has no field here. A GraphQL type takes the SDK shape's name, with the
 * `ElastiCache` prefix where another AWS service model uses the same name (Endpoint, SlotMigration,
 * ...), so the supergraph of a company that federates several AWS services composes
 * (test/schema/type-names.test.ts).
 */

export const Endpoint = builder.objectRef<SdkEndpoint>('ElastiCacheEndpoint').implement({
  description: 'A host name and port clients connect to.',
  fields: (t) => ({
    address: t.exposeString('Address', { description: 'The DNS host name of the endpoint.' }),
    port: t.exposeInt('Port', { description: 'The port the engine listens on.' }),
  }),
});

export const GlobalReplicationGroupInfo = builder
  .objectRef<SdkGlobalReplicationGroupInfo>('GlobalReplicationGroupInfo')
  .implement({
    description: 'The Global datastore a replication group belongs to, and its role there.',
    fields: (t) => ({
      globalReplicationGroupId: t.exposeString('GlobalReplicationGroupId', {
        description: 'The name of the Global datastore.',
      }),
      globalReplicationGroupMemberRole: t.exposeString('GlobalReplicationGroupMemberRole', {
        description: 'The role of this replication group in the Global datastore: `primary` or `secondary`.',
      }),
    }),
  });

export const SlotMigration = builder.objectRef<SdkSlotMigration>('ElastiCacheSlotMigration').implement({
  description: 'Progress of the slot moves of an online resharding.',
  fields: (t) => ({
    progressPercentage: t.exposeFloat('ProgressPercentage', {
      description: 'How much of the slot migration is complete, in percent.',
    }),
  }),
});

export const ReshardingStatus = builder.objectRef<SdkReshardingStatus>('ElastiCacheReshardingStatus').implement({
  description: 'The state of an online resharding (adding or removing shards).',
  fields: (t) => ({
    slotMigration: t.expose('SlotMigration', { type: SlotMigration, description: 'Progress of the slot migration.' }),
  }),
});

export const UserGroupsUpdateStatus = builder.objectRef<SdkUserGroupsUpdateStatus>('UserGroupsUpdateStatus').implement({
  description: 'User groups (RBAC) being added to or removed from the replication group.',
  fields: (t) => ({
    userGroupIdsToAdd: t.stringList({
      nullable: false,
      description: 'Ids of the user groups being added; empty when none.',
      resolve: (status) => status.UserGroupIdsToAdd ?? [],
    }),
    userGroupIdsToRemove: t.stringList({
      nullable: false,
      description: 'Ids of the user groups being removed; empty when none.',
      resolve: (status) => status.UserGroupIdsToRemove ?? [],
    }),
  }),
});

export const CloudWatchLogsDestinationDetails = builder
  .objectRef<SdkCloudWatchLogsDestinationDetails>('CloudWatchLogsDestinationDetails')
  .implement({
    description: 'Where in Amazon CloudWatch Logs the logs go.',
    fields: (t) => ({
      logGroup: t.exposeString('LogGroup', { description: 'The name of the CloudWatch Logs log group.' }),
    }),
  });

export const KinesisFirehoseDestinationDetails = builder
  .objectRef<SdkKinesisFirehoseDestinationDetails>('KinesisFirehoseDestinationDetails')
  .implement({
    description: 'Which Amazon Kinesis Data Firehose delivery stream the logs go to.',
    fields: (t) => ({
      deliveryStream: t.exposeString('DeliveryStream', {
        description: 'The name of the Kinesis Data Firehose delivery stream.',
      }),
    }),
  });

export const DestinationDetails = builder.objectRef<SdkDestinationDetails>('DestinationDetails').implement({
  description: 'The log destination: one of its two members is set, matching the destination type.',
  fields: (t) => ({
    cloudWatchLogsDetails: t.expose('CloudWatchLogsDetails', {
      type: CloudWatchLogsDestinationDetails,
      description: 'Set when the destination is CloudWatch Logs.',
    }),
    kinesisFirehoseDetails: t.expose('KinesisFirehoseDetails', {
      type: KinesisFirehoseDestinationDetails,
      description: 'Set when the destination is Kinesis Data Firehose.',
    }),
  }),
});

export const LogDeliveryConfiguration = builder
  .objectRef<SdkLogDeliveryConfiguration>('LogDeliveryConfiguration')
  .implement({
    description: 'Where and how one engine log (slow log or engine log) is delivered.',
    fields: (t) => ({
      logType: t.expose('LogType', { type: LogType, description: 'Which log is delivered.' }),
      destinationType: t.expose('DestinationType', { type: DestinationType, description: 'The kind of destination.' }),
      destinationDetails: t.expose('DestinationDetails', {
        type: DestinationDetails,
        description: 'The destination itself.',
      }),
      logFormat: t.expose('LogFormat', { type: LogFormat, description: 'The format of the delivered entries.' }),
      status: t.expose('Status', { type: LogDeliveryConfigurationStatus, description: 'The state of this delivery.' }),
      message: t.exposeString('Message', { description: 'Why delivery failed, when the status is `ERROR`.' }),
    }),
  });

export const PendingLogDeliveryConfiguration = builder
  .objectRef<SdkPendingLogDeliveryConfiguration>('PendingLogDeliveryConfiguration')
  .implement({
    description: 'A log delivery setting that a pending modification will apply.',
    fields: (t) => ({
      logType: t.expose('LogType', { type: LogType, description: 'Which log the change is about.' }),
      destinationType: t.expose('DestinationType', {
        type: DestinationType,
        description: 'The kind of destination it will use.',
      }),
      destinationDetails: t.expose('DestinationDetails', {
        type: DestinationDetails,
        description: 'The destination it will use.',
      }),
      logFormat: t.expose('LogFormat', { type: LogFormat, description: 'The format it will use.' }),
    }),
  });

export const ReplicationGroupPendingModifiedValues = builder
  .objectRef<SdkReplicationGroupPendingModifiedValues>('ReplicationGroupPendingModifiedValues')
  .implement({
    description: 'Settings that will change, either right away or in the next maintenance window.',
    fields: (t) => ({
      primaryClusterId: t.exposeString('PrimaryClusterId', {
        description: 'The cluster that will become the primary.',
      }),
      automaticFailoverStatus: t.expose('AutomaticFailoverStatus', {
        type: PendingAutomaticFailoverStatus,
        description: 'The automatic failover setting that will apply.',
      }),
      resharding: t.expose('Resharding', { type: ReshardingStatus, description: 'An online resharding in progress.' }),
      authTokenStatus: t.expose('AuthTokenStatus', {
        type: AuthTokenUpdateStatus,
        description: 'A pending AUTH token change.',
      }),
      userGroups: t.expose('UserGroups', {
        type: UserGroupsUpdateStatus,
        description: 'User groups being added or removed.',
      }),
      logDeliveryConfigurations: t.field({
        type: [PendingLogDeliveryConfiguration],
        nullable: false,
        description: 'Log delivery settings being changed; empty when none.',
        resolve: (pending) => pending.LogDeliveryConfigurations ?? [],
      }),
      transitEncryptionEnabled: t.exposeBoolean('TransitEncryptionEnabled', {
        description: 'The in-transit encryption setting that will apply.',
      }),
      transitEncryptionMode: t.expose('TransitEncryptionMode', {
        type: TransitEncryptionMode,
        description: 'The in-transit encryption mode that will apply.',
      }),
      clusterMode: t.expose('ClusterMode', { type: ClusterMode, description: 'The cluster mode that will apply.' }),
    }),
  });

export const NodeGroupMember = builder.objectRef<NodeGroupMemberRecord>('NodeGroupMember').implement({
  description: 'One node of a node group (shard).',
  fields: (t) => ({
    cacheClusterId: t.exposeString('CacheClusterId', { description: 'The cache cluster the node belongs to.' }),
    cacheNodeId: t.exposeString('CacheNodeId', { description: 'The id of the node in its cluster (0001, 0002, ...).' }),
    readEndpoint: t.expose('ReadEndpoint', {
      type: Endpoint,
      description: 'Where to read from this node; set for cluster-mode-disabled groups only.',
    }),
    preferredAvailabilityZone: t.exposeString('PreferredAvailabilityZone', {
      description: 'The Availability Zone of the node.',
    }),
    preferredOutpostArn: t.exposeString('PreferredOutpostArn', {
      description: 'The AWS Outpost of the node, when on one.',
    }),
    currentRole: t.exposeString('CurrentRole', {
      description: 'The role of the node, `primary` or `replica`; set for cluster-mode-disabled groups only.',
    }),
  }),
});

export const NodeGroup = builder.objectRef<NodeGroupRecord>('NodeGroup').implement({
  description: 'A node group (shard): a primary and its replicas. Cluster-mode-disabled groups have exactly one.',
  fields: (t) => ({
    nodeGroupId: t.exposeString('NodeGroupId', { description: 'The id of the node group, `0001` to `0500`.' }),
    status: t.exposeString('Status', {
      description: 'The state of the node group: creating, available, modifying, deleting.',
    }),
    primaryEndpoint: t.expose('PrimaryEndpoint', {
      type: Endpoint,
      description: "The endpoint of the node group's primary.",
    }),
    readerEndpoint: t.expose('ReaderEndpoint', {
      type: Endpoint,
      description: "The endpoint that spreads reads over the node group's replicas.",
    }),
    slots: t.exposeString('Slots', {
      description: 'The hash slots this shard holds, e.g. `0-5460` (cluster mode enabled).',
    }),
    nodeGroupMembers: t.field({
      type: [NodeGroupMember],
      nullable: false,
      description: 'The nodes of the node group; empty when ElastiCache reports none.',
      resolve: (nodeGroup) => nodeGroup.NodeGroupMembers,
    }),
  }),
});

/**
 * Loadable: a field of this type may resolve to a location key (`<location>/<id>`) and the
 * per-request loader fetches it, many keys in a bounded number of calls; groups resolved as
 * objects (listings, mutation answers) are remembered by the loader under their key.
 */
export const ReplicationGroup = builder.loadableObjectRef<
  ReplicationGroupRecord | null,
  LocationKey,
  LocationKey,
  ReplicationGroupRecord
>('ReplicationGroup', {
  load: (keys, context) => replicationGroups.read(context.clients, keys, { signal: context.signal }),
  toKey: (group) =>
    locationKey(group.location, required(group.ReplicationGroupId, 'ReplicationGroup', 'ReplicationGroupId')),
  cacheResolved: true,
});

// Relay: `node(id:)` reads an ARN of this type through the same loader.
registerNodeType(RESOURCE_KINDS.replicationGroup, (context, key) => ReplicationGroup.getDataloader(context).load(key));

ReplicationGroup.implement({
  // An entity: reached through `_entities` too, so the type itself needs the read scope.
  ...requiring(ENTITY_SCOPE),
  interfaces: [NodeInterface],
  description:
    'A Valkey or Redis OSS replication group: one primary and its replicas (cluster mode disabled), or several shards (cluster mode enabled). Every member of the ElastiCache ReplicationGroup shape is a field here.',
  fields: (t) => ({
    id: t.id({
      nullable: false,
      description:
        'A globally unique id for client caches (Apollo Client, urql graphcache, Relay stores): the ARN. The supergraph key stays `arn`.',
      resolve: (group) => required(group.ARN, 'ReplicationGroup', 'ARN'),
    }),
    replicationGroupId: t.string({
      nullable: false,
      description: 'The identifier of the replication group.',
      resolve: (group) => required(group.ReplicationGroupId, 'ReplicationGroup', 'ReplicationGroupId'),
    }),
    arn: t.string({
      nullable: false,
      description: 'The Amazon Resource Name (ARN) of the replication group; its key in the supergraph.',
      resolve: (group) => required(group.ARN, 'ReplicationGroup', 'ARN'),
    }),
    region: t.string({
      description: 'The AWS Region the replication group lives in, read from its ARN.',
      resolve: (group) => parseArn(group.ARN)?.region ?? regionOf(group.location),
    }),
    accountId: t.exposeString('accountId', {
      description: 'The AWS account that owns the replication group, read from its ARN.',
    }),
    description: t.exposeString('Description', {
      description: 'The description its owner gave the replication group.',
    }),
    globalReplicationGroupInfo: t.expose('GlobalReplicationGroupInfo', {
      type: GlobalReplicationGroupInfo,
      description: 'The Global datastore the group belongs to, and its role there.',
    }),
    status: t.exposeString('Status', {
      description:
        'The state of the replication group: creating, available, modifying, deleting, create-failed, snapshotting, or migrating during an online migration.',
    }),
    pendingModifiedValues: t.expose('PendingModifiedValues', {
      type: ReplicationGroupPendingModifiedValues,
      description: 'Settings that will change right away or in the next maintenance window.',
    }),
    memberClusters: t.stringList({
      nullable: false,
      description: 'The ids of the cache clusters (one per node) in the group; empty when ElastiCache reports none.',
      resolve: (group) => group.MemberClusters ?? [],
    }),
    nodeGroups: t.field({
      type: [NodeGroup],
      nullable: false,
      description: 'The node groups (shards): one for cluster mode disabled, one per shard for cluster mode enabled.',
      resolve: (group) => group.NodeGroups,
    }),
    snapshottingClusterId: t.exposeString('SnapshottingClusterId', {
      description: 'The cluster used as the source of daily snapshots.',
    }),
    automaticFailover: t.expose('AutomaticFailover', {
      type: AutomaticFailoverStatus,
      description: 'Whether a replica is promoted automatically when the primary fails.',
    }),
    multiAZ: t.expose('MultiAZ', {
      type: MultiAZStatus,
      description: 'Whether Multi-AZ is enabled (required as a migration target).',
    }),
    configurationEndpoint: t.expose('ConfigurationEndpoint', {
      type: Endpoint,
      description: 'The endpoint cluster-aware clients connect to (cluster mode enabled).',
    }),
    snapshotRetentionLimit: t.exposeInt('SnapshotRetentionLimit', {
      description: 'How many days automatic snapshots are kept; 0 means automatic backups are off.',
    }),
    snapshotWindow: t.exposeString('SnapshotWindow', {
      description: 'The daily UTC time range in which snapshots start, e.g. `05:00-09:00`.',
    }),
    clusterEnabled: t.exposeBoolean('ClusterEnabled', {
      description: 'Whether data is partitioned across shards (cluster mode enabled).',
    }),
    cacheNodeType: t.exposeString('CacheNodeType', {
      description: 'The node type (compute and memory) of every node, e.g. `cache.r7g.large`.',
    }),
    authTokenEnabled: t.exposeBoolean('AuthTokenEnabled', {
      description: 'Whether clients must AUTH with a token (password).',
    }),
    authTokenLastModifiedDate: t.expose('AuthTokenLastModifiedDate', {
      type: 'DateTime',
      description: 'When the AUTH token last changed.',
    }),
    transitEncryptionEnabled: t.exposeBoolean('TransitEncryptionEnabled', {
      description: 'Whether in-transit encryption (TLS) is on; a migration target must have it off.',
    }),
    atRestEncryptionEnabled: t.exposeBoolean('AtRestEncryptionEnabled', {
      description: 'Whether encryption at rest was requested; see storageEncryptionType for the effective state.',
    }),
    memberClustersOutpostArns: t.stringList({
      nullable: false,
      description: 'The AWS Outposts of the member clusters; empty when none.',
      resolve: (group) => group.MemberClustersOutpostArns ?? [],
    }),
    kmsKeyId: t.exposeString('KmsKeyId', { description: 'The AWS KMS key that encrypts the disks.' }),
    storageEncryptionType: t.expose('StorageEncryptionType', {
      type: StorageEncryptionType,
      description: 'How data at rest is actually encrypted.',
    }),
    userGroupIds: t.stringList({
      nullable: false,
      description: 'The user groups (RBAC) associated with the group; empty when none.',
      resolve: (group) => group.UserGroupIds ?? [],
    }),
    logDeliveryConfigurations: t.field({
      type: [LogDeliveryConfiguration],
      nullable: false,
      description: 'Where the slow log and engine log are delivered; empty when they are not.',
      resolve: (group) => group.LogDeliveryConfigurations ?? [],
    }),
    replicationGroupCreateTime: t.expose('ReplicationGroupCreateTime', {
      type: 'DateTime',
      description: 'When the replication group was created.',
    }),
    dataTiering: t.expose('DataTiering', {
      type: DataTieringStatus,
      description: 'Whether data tiering is on (r6gd nodes); a migration target must have it off.',
    }),
    autoMinorVersionUpgrade: t.exposeBoolean('AutoMinorVersionUpgrade', {
      description: 'Whether the group takes part in automatic minor engine upgrades.',
    }),
    networkType: t.expose('NetworkType', { type: NetworkType, description: 'The IP protocols the nodes accept.' }),
    ipDiscovery: t.expose('IpDiscovery', {
      type: IpDiscovery,
      description: 'The IP protocol of the addresses discovery commands return.',
    }),
    transitEncryptionMode: t.expose('TransitEncryptionMode', {
      type: TransitEncryptionMode,
      description: 'Whether TLS is required or only preferred.',
    }),
    clusterMode: t.expose('ClusterMode', {
      type: ClusterMode,
      description: 'The cluster mode: enabled, disabled, or compatible while switching.',
    }),
    engine: t.exposeString('Engine', { description: 'The engine: `valkey` or `redis`.' }),
    durability: t.expose('Durability', { type: Durability, description: 'The requested durability mode.' }),
    effectiveDurability: t.expose('EffectiveDurability', {
      type: EffectiveDurability,
      description: 'The durability mode in effect.',
    }),
  }),
});

builder.queryField('replicationGroup', (t) =>
  t.field({
    ...accessTo('Query', 'replicationGroup'),
    type: ReplicationGroup,
    description: 'One replication group by id (case-insensitive), or null when it does not exist.',
    args: {
      replicationGroupId: t.arg.string({ required: true, description: 'The id of the replication group.' }),
      ...locationArgs(t.arg, 'to look in'),
    },
    resolve: (_root, args, context) =>
      locationKey(
        locationArgument(context, args),
        checkReplicationGroupIdArgument('replicationGroupId', args.replicationGroupId),
      ),
  }),
);
