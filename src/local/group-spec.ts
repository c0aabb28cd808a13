import { nodeTypeMaxmemory } from '../rules/node-types.js';
import type { LogDeliveryConfiguration } from '@aws-sdk/client-elasticache';
import { isReplicationGroupId } from '../rules/resource-ids.js';
import { faults } from './query-errors.js';
import type { QueryParams } from './query-params.js';
import { SLOT_COUNT, type GroupSpec, type ShardSpec } from './topology.js';

/**
 * CreateReplicationGroup's parameters as a GroupSpec: every parameter the local endpoint accepts
 * is honoured and shows in the answer and in later Describe calls; anything else is refused with
 * the fault ElastiCache uses (InvalidParameterValue, InvalidParameterCombination), never silently
 * dropped. src/local/README.md lists them.
 */

const DEFAULT_ENGINE_VERSION = { redis: '7.1', valkey: '8.0' } as const;
/** The engine versions ElastiCache offers for replication groups. */
const ENGINE_VERSIONS = {
  redis: ['4.0.10', '5.0.6', '6.0', '6.2', '7.0', '7.1'],
  valkey: ['7.2', '8.0', '8.1'],
} as const;
const MAINTENANCE_WINDOW =
  /^(sun|mon|tue|wed|thu|fri|sat):([01]\d|2[0-3]):[0-5]\d-(sun|mon|tue|wed|thu|fri|sat):([01]\d|2[0-3]):[0-5]\d$/;
const SNAPSHOT_WINDOW = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

/** Parameters (or the prefixes of their list members) this endpoint reads. */
const HONOURED = [
  'ReplicationGroupId',
  'ReplicationGroupDescription',
  'Engine',
  'EngineVersion',
  'CacheNodeType',
  'ClusterMode',
  'NumNodeGroups',
  'ReplicasPerNodeGroup',
  'NumCacheClusters',
  'NodeGroupConfiguration.',
  'AutomaticFailoverEnabled',
  'MultiAZEnabled',
  'PreferredCacheClusterAZs.',
  'TransitEncryptionEnabled',
  'TransitEncryptionMode',
  'AtRestEncryptionEnabled',
  'KmsKeyId',
  'AuthToken',
  'UserGroupIds.',
  'DataTieringEnabled',
  'Port',
  'SnapshotRetentionLimit',
  'SnapshotWindow',
  'PreferredMaintenanceWindow',
  'AutoMinorVersionUpgrade',
  'CacheParameterGroupName',
  'CacheSubnetGroupName',
  'SecurityGroupIds.',
  'NotificationTopicArn',
  'LogDeliveryConfigurations.',
  'NetworkType',
  'IpDiscovery',
  'Tags.',
];
const PROTOCOL = new Set(['Action', 'Version']);

export function readGroupSpec(params: QueryParams, region: string): GroupSpec {
  refuseUnsupported(params);
  const replicationGroupId = params.requiredString('ReplicationGroupId');
  if (!isReplicationGroupId(replicationGroupId)) {
    throw faults.invalidParameterValue(
      `Invalid replication group id: ${replicationGroupId}. It must contain 1 to 40 alphanumeric characters or hyphens, begin with a letter, and not end with a hyphen or contain two consecutive hyphens.`,
    );
  }
  const description = params.requiredString('ReplicationGroupDescription');
  const engineParam = (params.string('Engine') ?? 'redis').toLowerCase();
  if (engineParam !== 'redis' && engineParam !== 'valkey') {
    throw faults.invalidParameterValue(`Invalid value for Engine: ${engineParam}. It must be valkey or redis.`);
  }
  const engine = engineParam;
  const engineVersion = params.string('EngineVersion') ?? DEFAULT_ENGINE_VERSION[engine];
  if (!(ENGINE_VERSIONS[engine] as readonly string[]).includes(engineVersion)) {
    throw faults.invalidParameterCombination(
      `Cannot find version ${engineVersion} for ${engine}. Versions offered: ${ENGINE_VERSIONS[engine].join(', ')}.`,
    );
  }
  const cacheNodeType = params.string('CacheNodeType') ?? 'cache.t4g.micro';
  // The node types whose memory is known (src/rules/node-types.ts): a migration's checks and
  // backing nodes size themselves by it.
  if (nodeTypeMaxmemory(cacheNodeType) === undefined) {
    throw faults.invalidParameterValue(`Invalid value for CacheNodeType: ${cacheNodeType}.`);
  }

  const shardConfigurations = readShards(params, region);
  const numNodeGroups = params.integer('NumNodeGroups', { min: 1, max: 500 });
  const replicasPerNodeGroup = params.integer('ReplicasPerNodeGroup', { min: 0, max: 5 });
  const numCacheClusters = params.integer('NumCacheClusters', { min: 1, max: 6 });
  const clusterModeParam = params.string('ClusterMode');
  if (clusterModeParam !== undefined && !['enabled', 'disabled', 'compatible'].includes(clusterModeParam)) {
    throw faults.invalidParameterValue(`Invalid value for ClusterMode: ${clusterModeParam}.`);
  }
  const shardCount = numNodeGroups ?? (shardConfigurations.length || 1);
  const clusterMode = clusterModeParam === 'enabled' || shardCount > 1;
  if (clusterMode && numCacheClusters !== undefined) {
    throw faults.invalidParameterCombination(
      'NumCacheClusters cannot be used with a cluster mode enabled replication group; use NumNodeGroups and ReplicasPerNodeGroup.',
    );
  }
  if (shardConfigurations.length > 0 && shardConfigurations.length !== shardCount) {
    throw faults.invalidParameterCombination(
      `NodeGroupConfiguration holds ${shardConfigurations.length} node groups but NumNodeGroups is ${shardCount}.`,
    );
  }
  if (!clusterMode && shardConfigurations.some((shard) => shard.slots !== undefined)) {
    throw faults.invalidParameterCombination('Slots can be set only for a cluster mode enabled replication group.');
  }
  checkSlots(shardConfigurations);
  const nodesPerGroup = clusterMode
    ? (replicasPerNodeGroup ?? 1) + 1
    : (numCacheClusters ??
      (shardConfigurations[0]?.replicaCount !== undefined
        ? shardConfigurations[0].replicaCount + 1
        : replicasPerNodeGroup !== undefined
          ? replicasPerNodeGroup + 1
          : 1));
  const smallestShard = Math.min(
    ...(shardConfigurations.length > 0
      ? shardConfigurations.map((shard) => (shard.replicaCount ?? nodesPerGroup - 1) + 1)
      : [nodesPerGroup]),
  );

  const automaticFailover = params.boolean('AutomaticFailoverEnabled') ?? clusterMode;
  const multiAZ = params.boolean('MultiAZEnabled') ?? false;
  if (multiAZ && !automaticFailover) {
    throw faults.invalidParameterCombination('Multi-AZ requires AutomaticFailoverEnabled to be true.');
  }
  if (automaticFailover && !clusterMode && smallestShard < 2) {
    throw faults.invalidParameterCombination(
      'AutomaticFailoverEnabled requires at least 2 cache clusters (one primary and one replica).',
    );
  }
  if (clusterMode && !automaticFailover) {
    throw faults.invalidParameterCombination(
      'AutomaticFailoverEnabled must be true for a cluster mode enabled replication group.',
    );
  }

  const preferredCacheClusterAZs = params.stringList('PreferredCacheClusterAZs', 'AvailabilityZone');
  if (preferredCacheClusterAZs.length > 0) {
    if (clusterMode) {
      throw faults.invalidParameterCombination(
        'PreferredCacheClusterAZs is for cluster mode disabled groups; use NodeGroupConfiguration zones instead.',
      );
    }
    if (preferredCacheClusterAZs.length !== nodesPerGroup) {
      throw faults.invalidParameterValue(
        `The number of PreferredCacheClusterAZs (${preferredCacheClusterAZs.length}) must equal NumCacheClusters (${nodesPerGroup}).`,
      );
    }
    preferredCacheClusterAZs.forEach((zone) => checkZone(zone, region, 'PreferredCacheClusterAZs'));
  }

  const transitEncryption = params.boolean('TransitEncryptionEnabled') ?? false;
  const transitEncryptionMode = params.string('TransitEncryptionMode');
  if (transitEncryptionMode !== undefined) {
    if (transitEncryptionMode !== 'preferred' && transitEncryptionMode !== 'required') {
      throw faults.invalidParameterValue(`Invalid value for TransitEncryptionMode: ${transitEncryptionMode}.`);
    }
    if (!transitEncryption) {
      throw faults.invalidParameterCombination('TransitEncryptionMode requires TransitEncryptionEnabled to be true.');
    }
  }
  const dataTiering = params.boolean('DataTieringEnabled') ?? false;
  if (dataTiering !== cacheNodeType.startsWith('cache.r6gd.')) {
    throw faults.invalidParameterCombination('DataTieringEnabled must be true exactly for r6gd node types.');
  }
  const authToken = params.has('AuthToken');
  const userGroupIds = params.stringList('UserGroupIds');
  for (const id of userGroupIds) {
    if (!/^[a-zA-Z][a-zA-Z0-9-]*$/.test(id)) throw faults.invalidParameterValue(`Invalid user group id: ${id}.`);
  }
  if (userGroupIds.length > 0 && authToken) {
    throw faults.invalidParameterCombination('AuthToken and UserGroupIds cannot be used together.');
  }
  if (userGroupIds.length > 0 && !transitEncryption) {
    throw faults.invalidParameterCombination('UserGroupIds requires TransitEncryptionEnabled to be true.');
  }
  // Tags are accepted and checked; this endpoint has no tagging API to read them back.
  for (const tag of params.structureList('Tags', 'Tag')) {
    if (!tag.fields.Key) throw faults.invalidParameterValue(`Parameter ${tag.path}.Key is required.`);
  }
  const maintenanceWindow = params.string('PreferredMaintenanceWindow')?.toLowerCase();
  if (maintenanceWindow !== undefined && !MAINTENANCE_WINDOW.test(maintenanceWindow)) {
    throw faults.invalidParameterValue(
      `Invalid PreferredMaintenanceWindow: ${maintenanceWindow}. The format is ddd:hh24:mi-ddd:hh24:mi, e.g. sun:23:00-mon:01:30.`,
    );
  }
  const snapshotWindow = params.string('SnapshotWindow');
  if (snapshotWindow !== undefined && !SNAPSHOT_WINDOW.test(snapshotWindow)) {
    throw faults.invalidParameterValue(`Invalid SnapshotWindow: ${snapshotWindow}. The format is hh24:mi-hh24:mi.`);
  }
  const securityGroupIds = params.stringList('SecurityGroupIds', 'SecurityGroupId');
  for (const id of securityGroupIds) {
    if (!/^sg-[0-9a-f]{8,17}$/.test(id)) throw faults.invalidParameterValue(`Invalid security group id: ${id}.`);
  }
  const notificationTopicArn = params.string('NotificationTopicArn');
  if (
    notificationTopicArn !== undefined &&
    !/^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:[\w-]{1,256}$/.test(notificationTopicArn)
  ) {
    throw faults.invalidParameterValue(`Invalid NotificationTopicArn: ${notificationTopicArn}.`);
  }
  const networkType = oneOf(params, 'NetworkType', ['ipv4', 'ipv6', 'dual_stack'] as const);
  const ipDiscovery = oneOf(params, 'IpDiscovery', ['ipv4', 'ipv6'] as const);
  if (networkType === 'ipv4' && ipDiscovery === 'ipv6') {
    throw faults.invalidParameterCombination('IpDiscovery ipv6 needs NetworkType ipv6 or dual_stack.');
  }
  const cacheParameterGroupName = params.string('CacheParameterGroupName');
  const cacheSubnetGroupName = params.string('CacheSubnetGroupName');
  for (const [name, value] of [
    ['CacheParameterGroupName', cacheParameterGroupName],
    ['CacheSubnetGroupName', cacheSubnetGroupName],
  ] as const) {
    if (value !== undefined && !/^[a-zA-Z][a-zA-Z0-9.-]{0,254}$/.test(value))
      throw faults.invalidParameterValue(`Invalid ${name}: ${value}.`);
  }

  return {
    replicationGroupId: replicationGroupId.toLowerCase(),
    description,
    engine,
    engineVersion,
    cacheNodeType,
    clusterMode,
    numNodeGroups: clusterMode ? shardCount : 1,
    nodesPerGroup,
    multiAZ,
    automaticFailover,
    transitEncryption,
    atRestEncryption: params.boolean('AtRestEncryptionEnabled') ?? false,
    dataTiering,
    port: params.integer('Port', { min: 1, max: 65_535 }) ?? 6379,
    snapshotRetentionLimit: params.integer('SnapshotRetentionLimit', { min: 0, max: 35 }) ?? 0,
    authToken,
    kmsKeyId: params.string('KmsKeyId'),
    createdAt: new Date(),
    autoMinorVersionUpgrade: params.boolean('AutoMinorVersionUpgrade'),
    ...(transitEncryptionMode ? { transitEncryptionMode } : {}),
    userGroupIds,
    logDeliveryConfigurations: readLogDeliveries(params),
    preferredMaintenanceWindow: maintenanceWindow,
    snapshotWindow,
    ...(preferredCacheClusterAZs.length > 0 ? { preferredCacheClusterAZs } : {}),
    cacheParameterGroupName,
    cacheSubnetGroupName,
    ...(securityGroupIds.length > 0 ? { securityGroupIds } : {}),
    notificationTopicArn,
    networkType,
    ipDiscovery,
    ...(shardConfigurations.length > 0 ? { shards: shardConfigurations } : {}),
  };
}

/** A parameter this endpoint does not read is refused by name: taking it and doing nothing would be a silent lie. */
function refuseUnsupported(params: QueryParams): void {
  for (const name of Object.keys(params.toRecord())) {
    if (PROTOCOL.has(name)) continue;
    if (HONOURED.some((honoured) => (honoured.endsWith('.') ? name.startsWith(honoured) : name === honoured))) continue;
    throw faults.invalidParameterValue(
      `The local ElastiCache endpoint does not support the parameter ${name.split('.')[0]} of CreateReplicationGroup.`,
    );
  }
}

function oneOf<T extends string>(params: QueryParams, name: string, values: readonly T[]): T | undefined {
  const value = params.string(name);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value))
    throw faults.invalidParameterValue(`Invalid value for ${name}: ${value}. It must be ${values.join(', ')}.`);
  return value as T;
}

function checkZone(zone: string, region: string, parameter: string): void {
  if (!new RegExp(`^${region}[a-f]$`).test(zone)) {
    throw faults.invalidParameterValue(`Invalid Availability Zone in ${parameter}: ${zone} (not in ${region}).`);
  }
}

function readShards(params: QueryParams, region: string): ShardSpec[] {
  return params.structureList('NodeGroupConfiguration', 'NodeGroupConfiguration').map(({ path, fields }) => {
    const shard: ShardSpec = {};
    if (fields.NodeGroupId !== undefined) {
      if (!/^\d{4}$/.test(fields.NodeGroupId))
        throw faults.invalidParameterValue(`${path}.NodeGroupId must be 4 digits: ${fields.NodeGroupId}.`);
      shard.nodeGroupId = fields.NodeGroupId;
    }
    if (fields.Slots !== undefined) shard.slots = fields.Slots;
    if (fields.ReplicaCount !== undefined) {
      const count = Number(fields.ReplicaCount);
      if (!Number.isInteger(count) || count < 0 || count > 5)
        throw faults.invalidParameterValue(`${path}.ReplicaCount must be 0 to 5: ${fields.ReplicaCount}.`);
      shard.replicaCount = count;
    }
    if (fields.PrimaryAvailabilityZone !== undefined) {
      checkZone(fields.PrimaryAvailabilityZone, region, `${path}.PrimaryAvailabilityZone`);
      shard.primaryAvailabilityZone = fields.PrimaryAvailabilityZone;
    }
    const replicaZones = Object.entries(fields)
      .filter(([key]) => key.startsWith('ReplicaAvailabilityZones.AvailabilityZone.'))
      .sort(([a], [b]) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
      .map(([, zone]) => zone);
    replicaZones.forEach((zone) => checkZone(zone, region, `${path}.ReplicaAvailabilityZones`));
    if (replicaZones.length > 0) {
      if (shard.replicaCount !== undefined && replicaZones.length !== shard.replicaCount)
        throw faults.invalidParameterValue(
          `${path}.ReplicaAvailabilityZones holds ${replicaZones.length} zones for ${shard.replicaCount} replicas.`,
        );
      shard.replicaAvailabilityZones = replicaZones;
    }
    return shard;
  });
}

/** Slots given for the shards must cover 0-16383 once each. */
function checkSlots(shards: readonly ShardSpec[]): void {
  const given = shards.filter((shard) => shard.slots !== undefined);
  if (given.length === 0) return;
  if (given.length !== shards.length)
    throw faults.invalidParameterCombination('Slots must be given for every node group, or for none.');
  const owned = new Uint8Array(SLOT_COUNT);
  for (const shard of given) {
    for (const range of (shard.slots ?? '').split(',')) {
      const match = /^(\d+)-(\d+)$/.exec(range.trim());
      const start = Number(match?.[1]);
      const end = Number(match?.[2]);
      if (!match || start > end || end >= SLOT_COUNT)
        throw faults.invalidParameterValue(
          `Invalid Slots: ${shard.slots}. The format is start-end[,start-end], 0 to 16383.`,
        );
      for (let slot = start; slot <= end; slot++) {
        if (owned[slot]) throw faults.invalidParameterValue(`Slot ${slot} is given to more than one node group.`);
        owned[slot] = 1;
      }
    }
  }
  const missing = owned.indexOf(0);
  if (missing >= 0) throw faults.invalidParameterValue(`Slot ${missing} is given to no node group.`);
}

function readLogDeliveries(params: QueryParams): LogDeliveryConfiguration[] {
  return (
    params
      .structureList('LogDeliveryConfigurations', 'LogDeliveryConfigurationRequest')
      // Enabled=false at creation asks for no delivery of that log.
      .filter(({ fields }) => fields.Enabled !== 'false')
      .map(({ path, fields }): LogDeliveryConfiguration => {
        const logType = fields.LogType;
        const destinationType = fields.DestinationType;
        const logFormat = fields.LogFormat ?? 'text';
        if (logType !== 'slow-log' && logType !== 'engine-log')
          throw faults.invalidParameterValue(`${path}.LogType must be slow-log or engine-log.`);
        if (destinationType !== 'cloudwatch-logs' && destinationType !== 'kinesis-firehose')
          throw faults.invalidParameterValue(`${path}.DestinationType must be cloudwatch-logs or kinesis-firehose.`);
        if (logFormat !== 'text' && logFormat !== 'json')
          throw faults.invalidParameterValue(`${path}.LogFormat must be text or json.`);
        const logGroup = fields['DestinationDetails.CloudWatchLogsDetails.LogGroup'];
        const stream = fields['DestinationDetails.KinesisFirehoseDetails.DeliveryStream'];
        if (destinationType === 'cloudwatch-logs' && !logGroup)
          throw faults.invalidParameterValue(`${path}.DestinationDetails.CloudWatchLogsDetails.LogGroup is required.`);
        if (destinationType === 'kinesis-firehose' && !stream)
          throw faults.invalidParameterValue(
            `${path}.DestinationDetails.KinesisFirehoseDetails.DeliveryStream is required.`,
          );
        return {
          LogType: logType,
          DestinationType: destinationType,
          DestinationDetails:
            destinationType === 'cloudwatch-logs'
              ? { CloudWatchLogsDetails: { LogGroup: logGroup } }
              : { KinesisFirehoseDetails: { DeliveryStream: stream } },
          LogFormat: logFormat,
          Status: 'active',
        };
      })
  );
}
