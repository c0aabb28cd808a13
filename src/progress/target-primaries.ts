import type { ElastiCacheClients } from '../aws/clients.js';
import { cacheClusters } from '../aws/resources.js';
import type { ReplicationGroupRecord } from '../aws/records.js';
import { locationKey } from '../aws/location-key.js';
import type { Endpoint } from './sync-progress.js';

export interface TargetPrimary {
  nodeGroupId: string;
  /** The hash slots the shard holds (cluster mode enabled), e.g. `0-5460`. */
  slots: string | null;
  /** Where the shard's primary answers; null when ElastiCache names none. */
  endpoint: Endpoint | null;
}

/**
 * Each shard's primary, as ElastiCache describes it: the node group's primary endpoint (cluster
 * mode disabled); with cluster mode enabled node groups name no endpoint, so the first member's
 * cache node (one DescribeCacheClusters batch for all shards).
 */
export async function targetPrimaries(
  clients: ElastiCacheClients,
  group: ReplicationGroupRecord,
): Promise<TargetPrimary[]> {
  const nodeGroups = group.NodeGroups ?? [];
  if (!group.ClusterEnabled) {
    return nodeGroups.map((nodeGroup) => ({
      nodeGroupId: nodeGroup.NodeGroupId ?? '0001',
      slots: null,
      endpoint: endpointOf(nodeGroup.PrimaryEndpoint),
    }));
  }
  const primaryIds = nodeGroups.map((nodeGroup) => nodeGroup.NodeGroupMembers?.[0]?.CacheClusterId ?? '');
  const clusters = await cacheClusters.read(
    clients,
    primaryIds.map((id) => locationKey(group.location, id)),
  );
  return nodeGroups.map((nodeGroup, index) => {
    const cluster = clusters[index];
    const node = cluster && !(cluster instanceof Error) ? cluster.CacheNodes?.[0] : undefined;
    return {
      nodeGroupId: nodeGroup.NodeGroupId ?? String(index + 1),
      slots: nodeGroup.Slots ?? null,
      endpoint: endpointOf(node?.Endpoint),
    };
  });
}

function endpointOf(endpoint: { Address?: string; Port?: number } | undefined): Endpoint | null {
  return endpoint?.Address && endpoint.Port ? { address: endpoint.Address, port: endpoint.Port } : null;
}
