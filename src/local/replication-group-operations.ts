import { CacheCluster$, ReplicationGroup$, type UserGroup } from '@aws-sdk/client-elasticache';
import { RESOURCE_KINDS } from '../rules/resource-kinds.js';
import { eventTexts } from '../rules/event-texts.js';
import type { Operation, OperationContext } from './operation-context.js';
import { paginate } from './paging.js';
import { QueryError, faults } from './query-errors.js';
import { setStatus, type StoredGroup } from './state.js';
import { readGroupSpec } from './group-spec.js';
import { buildReplicationGroup } from './topology.js';
import { shapeListToXml, shapeToXml } from './wire-xml.js';

export function findGroup(context: OperationContext, replicationGroupId: string): StoredGroup {
  const stored = context.region.find(replicationGroupId);
  if (!stored) throw faults.replicationGroupNotFound(replicationGroupId);
  return stored;
}

export function groupResult(stored: StoredGroup) {
  return { ReplicationGroup: shapeToXml(ReplicationGroup$, stored.group) };
}

export const createReplicationGroup: Operation = (context) => {
  const spec = readGroupSpec(context.params, context.region.location.region);
  if (context.region.find(spec.replicationGroupId)) throw faults.replicationGroupAlreadyExists(spec.replicationGroupId);
  // The user groups must exist; the new group is then listed among each one's replication groups.
  const userGroups = (spec.userGroupIds ?? []).map((id) => {
    const userGroup = context.region.described
      .of(RESOURCE_KINDS.userGroup)
      .find((item): item is UserGroup => (item as UserGroup).UserGroupId?.toLowerCase() === id.toLowerCase());
    if (!userGroup) throw new QueryError('UserGroupNotFound', 404, `User group ${id} not found.`);
    return userGroup;
  });
  const { group, clusters } = buildReplicationGroup(spec, context.region.location, 'creating');
  const stored: StoredGroup = { group, clusters };
  setStatus(stored, 'creating');
  context.region.add(stored);
  for (const userGroup of userGroups)
    userGroup.ReplicationGroups = [...(userGroup.ReplicationGroups ?? []), spec.replicationGroupId];
  context.region.recordEvent(spec.replicationGroupId, eventTexts.replicationGroupCreating(spec.replicationGroupId));
  context.work.run(async () => {
    if (!(await context.work.sleep(context.migration.transitionMs))) return;
    if (context.region.find(spec.replicationGroupId) !== stored) return;
    setStatus(stored, 'available');
    for (const cluster of stored.clusters) {
      context.region.recordEvent(
        cluster.CacheClusterId ?? '',
        eventTexts.cacheClusterCreated(),
        new Date(),
        'cache-cluster',
      );
    }
    context.region.recordEvent(spec.replicationGroupId, eventTexts.replicationGroupCreated(spec.replicationGroupId));
  });
  return groupResult(stored);
};

export const describeReplicationGroups: Operation = ({ params, region }) => {
  const id = params.string('ReplicationGroupId');
  const all = id === undefined ? region.groups() : [findGroupIn(region.find(id), id)];
  const page = paginate(params, 'DescribeReplicationGroups', all, (stored) => region.groupKey(stored));
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
  if (context.params.has('FinalSnapshotIdentifier')) {
    // Honouring it would need snapshots, which this endpoint does not keep: refused, not ignored.
    throw faults.invalidParameterValue(
      'The local ElastiCache endpoint does not support the parameter FinalSnapshotIdentifier of DeleteReplicationGroup (it keeps no snapshots).',
    );
  }
  const retainPrimary = context.params.boolean('RetainPrimaryCluster') ?? false;
  if (retainPrimary && stored.group.ClusterEnabled) {
    throw faults.invalidParameterCombination(
      'RetainPrimaryCluster is not supported for a cluster mode enabled replication group.',
    );
  }
  if (stored.group.Status !== 'available' && stored.group.Status !== 'create-failed') {
    throw faults.invalidReplicationGroupState(id, stored.group.Status ?? 'unknown');
  }
  setStatus(stored, 'deleting');
  const groupId = stored.group.ReplicationGroupId ?? id;
  context.region.recordEvent(groupId, eventTexts.replicationGroupDeleting(groupId));
  const primaryId = stored.group.NodeGroups?.[0]?.NodeGroupMembers?.find(
    (member) => member.CurrentRole === 'primary',
  )?.CacheClusterId;
  context.work.run(async () => {
    if (!(await context.work.sleep(context.migration.transitionMs))) return;
    context.region.remove(id);
    // Its backing processes (a migration's target nodes) end with it.
    await context.live.remove(stored);
    for (const cluster of stored.clusters) {
      const clusterId = cluster.CacheClusterId ?? '';
      if (retainPrimary && clusterId === primaryId) {
        // Kept as a standalone cluster, out of the group, as ElastiCache does.
        context.region.keepStandalone({ ...cluster, ReplicationGroupId: undefined, CacheClusterStatus: 'available' });
        continue;
      }
      context.region.recordEvent(clusterId, eventTexts.cacheClusterDeleted(), new Date(), 'cache-cluster');
    }
  });
  return groupResult(stored);
};

export const describeCacheClusters: Operation = ({ params, region }) => {
  const id = params.string('CacheClusterId');
  const showNodes = params.boolean('ShowCacheNodeInfo') ?? false;
  const onlyStandalone = params.boolean('ShowCacheClustersNotInReplicationGroups') ?? false;
  let clusters = region.allClusters();
  if (onlyStandalone) clusters = clusters.filter((cluster) => !cluster.ReplicationGroupId);
  if (id !== undefined) {
    const match = clusters.find((cluster) => cluster.CacheClusterId?.toLowerCase() === id.toLowerCase());
    if (!match) throw faults.cacheClusterNotFound(id);
    clusters = [match];
  }
  const page = paginate(params, 'DescribeCacheClusters', clusters, (cluster) => region.clusterKey(cluster));
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
