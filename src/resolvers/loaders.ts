import DataLoader from 'dataloader';
import type { ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { ElastiCacheClients } from './clients.js';
import type { Logger } from '../logger.js';
import { describeReplicationGroup, type ReplicationGroupKey } from './replication-groups.js';

/**
 * Per-request loaders: within one GraphQL request, the same AWS read is made once however many
 * fields ask for it. They are created anew for every request so no data outlives it.
 */
export interface Loaders {
  replicationGroup: DataLoader<ReplicationGroupKey, ReplicationGroup | null, string>;
}

export function createLoaders(clients: ElastiCacheClients, log: Logger): Loaders {
  return {
    replicationGroup: new DataLoader(
      (keys) => Promise.all(keys.map((key) => describeReplicationGroup(clients, log, key).catch((error: unknown) => toError(error)))),
      { cacheKeyFn: (key) => `${key.region}\u0000${key.replicationGroupId.toLowerCase()}` },
    ),
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
