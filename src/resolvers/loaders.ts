import DataLoader from 'dataloader';
import type { CacheCluster, Event, ReplicationGroup } from '@aws-sdk/client-elasticache';
import { loadCacheClusters, type CacheClusterKey } from './cache-clusters.js';
import type { ElastiCacheClients } from './clients.js';
import { loadGroupEvents, windowKey, type GroupEventsKey } from './events.js';
import { loadReplicationGroups, type ReplicationGroupKey } from './replication-groups.js';

/**
 * Per-request loaders: within one GraphQL request, the same AWS read is made once however many
 * fields ask for it, and reads of many resources are batched into few calls. They are created
 * anew for every request so no data outlives it.
 */
export interface Loaders {
  replicationGroup: DataLoader<ReplicationGroupKey, ReplicationGroup | null, string>;
  cacheCluster: DataLoader<CacheClusterKey, CacheCluster | null, string>;
  groupEvents: DataLoader<GroupEventsKey, Event[], string>;
}

/** `signal`: the request's, so that the loads of a client that has gone are abandoned. */
export function createLoaders(clients: ElastiCacheClients, signal?: AbortSignal): Loaders {
  const options = { signal };
  return {
    replicationGroup: new DataLoader((keys) => loadReplicationGroups(clients, keys, options), {
      cacheKeyFn: (key) => `${key.region}\u0000${key.replicationGroupId.toLowerCase()}`,
    }),
    cacheCluster: new DataLoader((keys) => loadCacheClusters(clients, keys, options), {
      cacheKeyFn: (key) => `${key.region}\u0000${key.cacheClusterId.toLowerCase()}`,
    }),
    groupEvents: new DataLoader((keys) => loadGroupEvents(clients, keys, options), {
      cacheKeyFn: (key) => `${key.region}\u0000${key.replicationGroupId.toLowerCase()}\u0000${windowKey(key.window)}`,
    }),
  };
}
