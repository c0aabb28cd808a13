import { CacheCluster$, ReplicationGroup$ } from '@aws-sdk/client-elasticache';
import { eventTexts } from '../rules/event-texts.js';
import { isReplicationGroupId } from '../rules/resource-ids.js';
import type { Operation, OperationContext } from './operation-context.js';
import { paginate } from './paging.js';
import { faults } from './query-errors.js';
import type { QueryParams } from './query-params.js';
import { setStatus, type StoredGroup } from './state.js';
import { buildReplicationGroup, type GroupSpec } from './topology.js';
import { shapeListToXml, shapeToXml } from './wire-xml.js';

const DEFAULT_ENGINE_VERSION = { redis: '7.1', valkey: '8.0' } as const;

export function findGroup(context: OperationContext, replicationGroupId: string): StoredGroup {
  const stored = context.region.find(replicationGroupId);
  if (!stored) throw faults.replicationGroupNotFound(replicationGroupId);
  return stored;
}

export function groupResult(stored: StoredGroup) {
  return { ReplicationGroup: shapeToXml(ReplicationGroup$, stored.group) };
}

export const createReplicationGroup: Operation = (context) => {
  const spec = readGroupSpec(context.params);
  if (context.region.find(spec.replicationGroupId)) throw faults.replicationGroupAlreadyExists(spec.replicationGroupId);
  const { group, clusters } = buildReplicationGroup(spec, context.region.location, 'creating');
  const stored: StoredGroup = { group, clusters };
  setStatus(stored, 'creating');
  context.region.add(stored);
  context.region.recordEvent(spec.replicationGroupId, eventTexts.replicationGroupCreating(spec.replicationGroupId));
  context.work.run(async () => {
    if (!(await context.work.sleep(context.migration.transitionMs))) return;
    if (context.region.find(spec.replicationGroupId) !== stored) return;
    setStatus(stored, 'available');
    context.region.recordEvent(spec.replicationGroupId, eventTexts.replicationGroupCreated(spec.replicationGroupId));
  });
  return groupResult(stored);
};

export const describeReplicationGroups: Operation = ({ params, region }) => {
  const id = params.string('ReplicationGroupId');
  const all = id === undefined ? region.groups() : [findGroupIn(region.find(id), id)];
  const page = paginate(params, 'DescribeReplicationGroups', all);
  return {
    ReplicationGroups: shapeListToXml(
      'ReplicationGroup',
      ReplicationGroup$,
      page.items.map((stored) => stored.group),
    ),
    ...(page.marker ? { Marker: page.marker } : {}),
  };
};

export const deleteReplicationGroup: Operation = (context) => {
  const id = context.params.requiredString('ReplicationGroupId');
  const stored = findGroup(context, id);
  if (stored.group.Status !== 'available' && stored.group.Status !== 'create-failed') {
    throw faults.invalidReplicationGroupState(id, stored.group.Status ?? 'unknown');
  }
  setStatus(stored, 'deleting');
  context.region.recordEvent(
    stored.group.ReplicationGroupId ?? id,
    eventTexts.replicationGroupDeleting(stored.group.ReplicationGroupId ?? id),
  );
  context.work.run(async () => {
    if (!(await context.work.sleep(context.migration.transitionMs))) return;
    context.region.remove(id);
  });
  return groupResult(stored);
};

export const describeCacheClusters: Operation = ({ params, region }) => {
  const id = params.string('CacheClusterId');
  const showNodes = params.boolean('ShowCacheNodeInfo') ?? false;
  const onlyStandalone = params.boolean('ShowCacheClustersNotInReplicationGroups') ?? false;
  let clusters = region.clusters();
  if (onlyStandalone) clusters = clusters.filter((cluster) => !cluster.ReplicationGroupId);
  if (id !== undefined) {
    const match = clusters.find((cluster) => cluster.CacheClusterId?.toLowerCase() === id.toLowerCase());
    if (!match) throw faults.cacheClusterNotFound(id);
    clusters = [match];
  }
  const page = paginate(params, 'DescribeCacheClusters', clusters);
  // Node details are only included on request, as ElastiCache does.
  const items = page.items.map((cluster) => (showNodes ? cluster : { ...cluster, CacheNodes: undefined }));
  return {
    CacheClusters: shapeListToXml('CacheCluster', CacheCluster$, items),
    ...(page.marker ? { Marker: page.marker } : {}),
  };
};

function findGroupIn(stored: StoredGroup | undefined, id: string): StoredGroup {
  if (!stored) throw faults.replicationGroupNotFound(id);
  return stored;
}

function readGroupSpec(params: QueryParams): GroupSpec {
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
  const numNodeGroups = params.integer('NumNodeGroups', { min: 1, max: 500 });
  const replicasPerNodeGroup = params.integer('ReplicasPerNodeGroup', { min: 0, max: 5 });
  const numCacheClusters = params.integer('NumCacheClusters', { min: 1, max: 6 });
  const clusterModeParam = params.string('ClusterMode');
  if (clusterModeParam !== undefined && !['enabled', 'disabled', 'compatible'].includes(clusterModeParam)) {
    throw faults.invalidParameterValue(`Invalid value for ClusterMode: ${clusterModeParam}.`);
  }
  const clusterMode = clusterModeParam === 'enabled' || (numNodeGroups ?? 1) > 1;
  if (clusterMode && numCacheClusters !== undefined) {
    throw faults.invalidParameterCombination(
      'NumCacheClusters cannot be used with a cluster mode enabled replication group; use NumNodeGroups and ReplicasPerNodeGroup.',
    );
  }
  const nodesPerGroup = clusterMode
    ? (replicasPerNodeGroup ?? 1) + 1
    : (numCacheClusters ?? (replicasPerNodeGroup !== undefined ? replicasPerNodeGroup + 1 : 1));
  const automaticFailover = params.boolean('AutomaticFailoverEnabled') ?? clusterMode;
  const multiAZ = params.boolean('MultiAZEnabled') ?? false;
  if (multiAZ && !automaticFailover) {
    throw faults.invalidParameterCombination('Multi-AZ requires AutomaticFailoverEnabled to be true.');
  }
  if (automaticFailover && !clusterMode && nodesPerGroup < 2) {
    throw faults.invalidParameterCombination(
      'AutomaticFailoverEnabled requires at least 2 cache clusters (one primary and one replica).',
    );
  }
  if (clusterMode && !automaticFailover) {
    throw faults.invalidParameterCombination(
      'AutomaticFailoverEnabled must be true for a cluster mode enabled replication group.',
    );
  }
  const transitEncryption = params.boolean('TransitEncryptionEnabled') ?? false;
  const cacheNodeType = params.string('CacheNodeType') ?? 'cache.t4g.micro';
  const dataTiering = params.boolean('DataTieringEnabled') ?? false;
  if (dataTiering !== cacheNodeType.startsWith('cache.r6gd.')) {
    throw faults.invalidParameterCombination('DataTieringEnabled must be true exactly for r6gd node types.');
  }
  // Tags are accepted and checked; this endpoint has no tagging API to read them back.
  for (const tag of params.structureList('Tags', 'Tag')) {
    if (!tag.fields.Key) throw faults.invalidParameterValue(`Parameter ${tag.path}.Key is required.`);
  }
  return {
    replicationGroupId: replicationGroupId.toLowerCase(),
    description,
    engine,
    engineVersion: params.string('EngineVersion') ?? DEFAULT_ENGINE_VERSION[engine],
    cacheNodeType,
    clusterMode,
    numNodeGroups: clusterMode ? (numNodeGroups ?? 1) : 1,
    nodesPerGroup,
    multiAZ,
    automaticFailover,
    transitEncryption,
    atRestEncryption: params.boolean('AtRestEncryptionEnabled') ?? false,
    dataTiering,
    port: params.integer('Port', { min: 1, max: 65_535 }) ?? 6379,
    snapshotRetentionLimit: params.integer('SnapshotRetentionLimit', { min: 0, max: 35 }) ?? 0,
    authToken: params.has('AuthToken'),
    kmsKeyId: params.string('KmsKeyId'),
    createdAt: new Date(),
  };
}
