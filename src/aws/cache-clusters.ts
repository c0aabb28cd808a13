import { CacheClusterNotFoundFault, DescribeCacheClustersCommand } from '@aws-sdk/client-elasticache';
import { holdsEvery, readInRegions } from './batch.js';
import type { ElastiCacheClients, SendOptions } from './clients.js';
import { nullWhenAbsent } from './faults.js';
import { MAX_PAGE_SIZE, readPages } from './pager.js';
import { cacheClusterRecord, type CacheClusterRecord } from './records.js';
import type { RegionalKey } from './regional-key.js';

/**
 * Above this many clusters of one region in a request, one paged listing of the clusters (100 a
 * page, until all of them are seen) is cheaper than a call per cluster; at or below it, per-id
 * calls fetch less data.
 */
export const LIST_ALL_CLUSTERS_THRESHOLD = 3;

/** One cache cluster with its node; null when ElastiCache says it does not exist. */
export async function describeCacheCluster(
  aws: ElastiCacheClients,
  region: string,
  cacheClusterId: string,
  options: SendOptions = {},
): Promise<CacheClusterRecord | null> {
  const output = await nullWhenAbsent(
    aws.send(
      region,
      new DescribeCacheClustersCommand({ CacheClusterId: cacheClusterId, ShowCacheNodeInfo: true }),
      options,
    ),
    CacheClusterNotFoundFault,
  );
  const [cluster] = output?.CacheClusters ?? [];
  return cluster ? cacheClusterRecord(region, cluster) : null;
}

/** The region's cache clusters, listed until every id of `wanted` has been seen. */
async function listCacheClusters(
  aws: ElastiCacheClients,
  region: string,
  wanted: ReadonlySet<string>,
  options: SendOptions,
): Promise<CacheClusterRecord[]> {
  const { items } = await readPages(
    async (marker) => {
      const output = await aws.send(
        region,
        new DescribeCacheClustersCommand({
          ShowCacheNodeInfo: true,
          MaxRecords: MAX_PAGE_SIZE,
          ...(marker ? { Marker: marker } : {}),
        }),
        options,
      );
      return {
        items: (output.CacheClusters ?? []).map((cluster) => cacheClusterRecord(region, cluster)),
        next: output.Marker ?? null,
      };
    },
    { enough: (clusters) => holdsEvery(clusters, wanted, clusterId) },
  );
  return items;
}

const clusterId = (cluster: CacheClusterRecord) => cluster.CacheClusterId;

/** Batch read of cache clusters by regional key: a bounded number of calls per region. */
export function readCacheClusters(aws: ElastiCacheClients, keys: readonly RegionalKey[], options: SendOptions = {}) {
  return readInRegions(keys, {
    perIdLimit: LIST_ALL_CLUSTERS_THRESHOLD,
    readOne: (region, id) => describeCacheCluster(aws, region, id, options),
    readListed: (region, wanted) => listCacheClusters(aws, region, wanted, options),
    idOf: clusterId,
  });
}
