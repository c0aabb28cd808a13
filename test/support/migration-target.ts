import type { MigrationTarget } from '../../src/preflight/prerequisites.js';

/** A target that meets every target requirement: orders-cache as the demo data describes it. */
export const QUALIFYING_TARGET: MigrationTarget = {
  replicationGroupId: 'orders-cache',
  status: 'available',
  engine: 'redis',
  engineVersion: '7.1',
  cacheNodeType: 'cache.r7g.large',
  clusterEnabled: false,
  numNodeGroups: 1,
  transitEncryptionEnabled: false,
  multiAZEnabled: true,
  inGlobalDatastore: false,
  dataTieringEnabled: false,
  databases: 16,
  // cache.r7g.large's maxmemory less 25% reserved memory.
  nodeMemoryBytes: Math.floor(14_037_181_030 * 0.75),
};
