import {
  DescribeReplicationGroupsCommand,
  ReplicationGroupNotFoundFault,
  type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import type { GatewayContext } from '../context.js';
import type { Logger } from '../logger.js';
import { callAws } from './aws-call.js';
import type { ElastiCacheClients } from './clients.js';
import { MAX_PAGE_SIZE, pageThrough, type AwsPage, type PagerResult } from './marker-pager.js';

export interface ReplicationGroupKey {
  region: string;
  replicationGroupId: string;
}

/** One replication group by id; null when ElastiCache says it does not exist. */
export async function describeReplicationGroup(
  clients: ElastiCacheClients,
  log: Logger,
  key: ReplicationGroupKey,
): Promise<ReplicationGroup | null> {
  const { region, client } = clients.forRegion(key.region);
  try {
    const output = await callAws({ operation: 'DescribeReplicationGroups', region, log }, () =>
      client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: key.replicationGroupId })),
    );
    return output.ReplicationGroups?.[0] ?? null;
  } catch (error) {
    if (error instanceof ReplicationGroupNotFoundFault) return null;
    throw error;
  }
}

export function loadReplicationGroup(
  context: GatewayContext,
  replicationGroupId: string,
  region?: string | null,
): Promise<ReplicationGroup | null> {
  const resolvedRegion = context.clients.forRegion(region).region;
  return context.loaders.replicationGroup.load({ region: resolvedRegion, replicationGroupId });
}

export interface ReplicationGroupFilter {
  engine?: string | null;
  status?: string | null;
  clusterMode?: string | null;
}

/**
 * A Relay page of replication groups across `regions`, in AWS order. Filters are applied by the
 * gateway to the records AWS returns (DescribeReplicationGroups has no filters). Every group
 * fetched primes the per-request loader, so later reads of the same group cost nothing.
 */
export async function listReplicationGroups(
  context: GatewayContext,
  request: { regions: readonly string[]; first: number; after?: string | null; filter?: ReplicationGroupFilter | null },
): Promise<PagerResult<ReplicationGroup>> {
  const filter = request.filter ?? {};
  return pageThrough({
    kind: 'replicationGroups',
    regions: request.regions,
    first: request.first,
    after: request.after,
    keep: (group) =>
      (!filter.engine || group.Engine === filter.engine) &&
      (!filter.status || group.Status === filter.status) &&
      (!filter.clusterMode || group.ClusterMode === filter.clusterMode),
    fetchPage: async (region, marker): Promise<AwsPage<ReplicationGroup>> => {
      const { client } = context.clients.forRegion(region);
      const output = await callAws({ operation: 'DescribeReplicationGroups', region, log: context.log }, () =>
        client.send(new DescribeReplicationGroupsCommand({ MaxRecords: MAX_PAGE_SIZE, ...(marker ? { Marker: marker } : {}) })),
      );
      const groups = output.ReplicationGroups ?? [];
      for (const group of groups) {
        if (group.ReplicationGroupId) context.loaders.replicationGroup.prime({ region, replicationGroupId: group.ReplicationGroupId }, group);
      }
      return { items: groups, nextMarker: output.Marker ?? null };
    },
  });
}
