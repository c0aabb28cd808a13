import { CacheClusterNotFoundFault, DescribeCacheClustersCommand, type CacheCluster } from '@aws-sdk/client-elasticache';
import type { ElastiCacheClients, SendOptions } from './clients.js';
import { MAX_PAGE_SIZE, readPages } from './marker-pager.js';

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
export async function loadCacheClusters(clients: ElastiCacheClients, keys: readonly CacheClusterKey[], options: SendOptions = {}): Promise<(CacheCluster | null | Error)[]> {
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
        const clusters = ids.size > LIST_ALL_CLUSTERS_THRESHOLD ? await describeAllCacheClusters(clients, region, options) : await describeEach(clients, region, [...ids], options);
        for (const id of ids) found.set(`${region}\u0000${id}`, null);
        for (const cluster of clusters) found.set(`${region}\u0000${(cluster.CacheClusterId ?? '').toLowerCase()}`, cluster);
      } catch (error) {
        for (const id of ids) found.set(`${region}\u0000${id}`, error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
  return keys.map((key) => found.get(`${key.region}\u0000${key.cacheClusterId.toLowerCase()}`) ?? null);
}

async function describeAllCacheClusters(clients: ElastiCacheClients, region: string, options: SendOptions): Promise<CacheCluster[]> {
  const { items } = await readPages(async (marker) => {
    const output = await clients.send(region, new DescribeCacheClustersCommand({ ShowCacheNodeInfo: true, MaxRecords: MAX_PAGE_SIZE, ...(marker ? { Marker: marker } : {}) }), options);
    return { items: output.CacheClusters ?? [], nextMarker: output.Marker ?? null };
  });
  return items;
}

async function describeEach(clients: ElastiCacheClients, region: string, ids: string[], options: SendOptions): Promise<CacheCluster[]> {
  const results = await Promise.all(
    ids.map(async (id) => {
      try {
        const output = await clients.send(region, new DescribeCacheClustersCommand({ CacheClusterId: id, ShowCacheNodeInfo: true }), options);
        return output.CacheClusters ?? [];
      } catch (error) {
        if (error instanceof CacheClusterNotFoundFault) return [];
        throw error;
      }
    }),
  );
  return results.flat();
}
