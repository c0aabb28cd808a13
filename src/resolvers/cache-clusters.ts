import { CacheClusterNotFoundFault, DescribeCacheClustersCommand, paginateDescribeCacheClusters, type CacheCluster } from '@aws-sdk/client-elasticache';
import type { Logger } from '../logger.js';
import { callAws } from './aws-call.js';
import type { ElastiCacheClients } from './clients.js';

export interface CacheClusterKey {
  region: string;
  cacheClusterId: string;
}

/**
 * Above this many clusters of one region in a request, one paged listing of every cluster (100 a
 * page) is cheaper than a call per cluster; at or below it, per-id calls fetch less data.
 */
export const LIST_ALL_CLUSTERS_THRESHOLD = 3;

/** Batch function of the per-request cache cluster loader: a bounded number of calls per region. */
export async function loadCacheClusters(clients: ElastiCacheClients, log: Logger, keys: readonly CacheClusterKey[]): Promise<(CacheCluster | null | Error)[]> {
  const byRegion = new Map<string, Set<string>>();
  for (const key of keys) {
    const ids = byRegion.get(key.region) ?? new Set<string>();
    ids.add(key.cacheClusterId.toLowerCase());
    byRegion.set(key.region, ids);
  }
  const found = new Map<string, CacheCluster | null | Error>();
  await Promise.all(
    [...byRegion].map(async ([region, ids]) => {
      try {
        const clusters = ids.size > LIST_ALL_CLUSTERS_THRESHOLD ? await describeAllCacheClusters(clients, log, region) : await describeEach(clients, log, region, [...ids]);
        for (const id of ids) found.set(`${region}\u0000${id}`, null);
        for (const cluster of clusters) found.set(`${region}\u0000${(cluster.CacheClusterId ?? '').toLowerCase()}`, cluster);
      } catch (error) {
        for (const id of ids) found.set(`${region}\u0000${id}`, error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
  return keys.map((key) => found.get(`${key.region}\u0000${key.cacheClusterId.toLowerCase()}`) ?? null);
}

async function describeAllCacheClusters(clients: ElastiCacheClients, log: Logger, region: string): Promise<CacheCluster[]> {
  const { client } = clients.forRegion(region);
  return callAws({ operation: 'DescribeCacheClusters', region, log }, async () => {
    const clusters: CacheCluster[] = [];
    for await (const page of paginateDescribeCacheClusters({ client, pageSize: 100 }, { ShowCacheNodeInfo: true })) clusters.push(...(page.CacheClusters ?? []));
    return clusters;
  });
}

async function describeEach(clients: ElastiCacheClients, log: Logger, region: string, ids: string[]): Promise<CacheCluster[]> {
  const { client } = clients.forRegion(region);
  const results = await Promise.all(
    ids.map(async (id) => {
      try {
        const output = await callAws({ operation: 'DescribeCacheClusters', region, log }, () =>
          client.send(new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true })),
        );
        return output.CacheClusters ?? [];
      } catch (error) {
        if (error instanceof CacheClusterNotFoundFault) return [];
        throw error;
      }
    }),
  );
  return results.flat();
}
