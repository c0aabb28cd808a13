import { DescribeReplicationGroupsCommand, ReplicationGroupNotFoundFault, type ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { GatewayContext } from '../context.js';
import type { ElastiCacheClients, SendOptions } from './clients.js';
import { MAX_PAGE_SIZE, pageThrough, readPages, type AwsPage, type PagerResult } from './marker-pager.js';

export interface ReplicationGroupKey {
  region: string;
  replicationGroupId: string;
}

/** One replication group by id; null when ElastiCache says it does not exist. */
export async function describeReplicationGroup(clients: ElastiCacheClients, key: ReplicationGroupKey, options: SendOptions = {}): Promise<ReplicationGroup | null> {
  try {
    const output = await clients.send(key.region, new DescribeReplicationGroupsCommand({ ReplicationGroupId: key.replicationGroupId }), options);
    return output.ReplicationGroups?.[0] ?? null;
  } catch (error) {
    if (error instanceof ReplicationGroupNotFoundFault) return null;
    throw error;
  }
}

/**
 * Above this many groups of one region in a request (e.g. federation `_entities`), one paged
 * listing of every group (100 a page) is cheaper than a call per group.
 */
export const LIST_ALL_GROUPS_THRESHOLD = 3;

/** Batch function of the per-request replication group loader: a bounded number of calls per region. */
export async function loadReplicationGroups(clients: ElastiCacheClients, keys: readonly ReplicationGroupKey[], options: SendOptions = {}): Promise<(ReplicationGroup | null | Error)[]> {
  const byRegion = new Map<string, Set<string>>();
  for (const key of keys) byRegion.set(key.region, (byRegion.get(key.region) ?? new Set()).add(key.replicationGroupId.toLowerCase()));
  const found = new Map<string, ReplicationGroup | null | Error>();
  await Promise.all(
    [...byRegion].map(async ([region, ids]) => {
      if (ids.size <= LIST_ALL_GROUPS_THRESHOLD) {
        await Promise.all(
          [...ids].map(async (id) => {
            found.set(`${region}\u0000${id}`, await describeReplicationGroup(clients, { region, replicationGroupId: id }, options).catch(toError));
          }),
        );
        return;
      }
      try {
        const { items: groups } = await readPages((marker) => describeReplicationGroupsPage(clients, region, marker, options));
        for (const id of ids) found.set(`${region}\u0000${id}`, null);
        for (const group of groups) {
          const id = (group.ReplicationGroupId ?? '').toLowerCase();
          if (ids.has(id)) found.set(`${region}\u0000${id}`, group);
        }
      } catch (error) {
        for (const id of ids) found.set(`${region}\u0000${id}`, toError(error));
      }
    }),
  );
  return keys.map((key) => found.get(`${key.region}\u0000${key.replicationGroupId.toLowerCase()}`) ?? null);
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
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
  const filtered = Boolean(filter.engine || filter.status || filter.clusterMode);
  return pageThrough({
    kind: 'replicationGroups',
    regions: request.regions,
    first: request.first,
    after: request.after,
    ...(filtered
      ? {
          keep: (group: ReplicationGroup) =>
            (!filter.engine || group.Engine === filter.engine) &&
            (!filter.status || group.Status === filter.status) &&
            (!filter.clusterMode || group.ClusterMode === filter.clusterMode),
        }
      : {}),
    fetchPage: async (region, marker): Promise<AwsPage<ReplicationGroup>> => {
      const page = await describeReplicationGroupsPage(context.clients, region, marker, { signal: context.signal });
      for (const group of page.items) {
        if (group.ReplicationGroupId) context.loaders.replicationGroup.prime({ region, replicationGroupId: group.ReplicationGroupId }, group);
      }
      return page;
    },
  });
}

async function describeReplicationGroupsPage(clients: ElastiCacheClients, region: string, marker: string | null, options: SendOptions): Promise<AwsPage<ReplicationGroup>> {
  const output = await clients.send(region, new DescribeReplicationGroupsCommand({ MaxRecords: MAX_PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }), options);
  return { items: output.ReplicationGroups ?? [], nextMarker: output.Marker ?? null };
}
