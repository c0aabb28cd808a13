import { eventTexts } from '../rules/event-texts.js';
import { setStatus, type RegionState } from './state.js';
import { buildReplicationGroup, type GroupSpec } from './topology.js';

/**
 * The demo data of `--seed demo` (and `npm start`): one group of each kind a user meets.
 * - orders-cache: Redis OSS, cluster mode disabled, Multi-AZ: a valid migration target.
 * - sessions-valkey: Valkey, cluster mode enabled, 3 shards of 2 nodes.
 * - legacy-redis: Redis OSS already migrating (from the Redis on 127.0.0.1:6379).
 * - analytics-tls: in-transit encryption, AUTH, KMS, data tiering, log delivery: every optional
 *   member set, and a target that fails the migration prerequisites.
 */
const BASE_SPEC = {
  engine: 'redis' as const,
  engineVersion: '7.1',
  cacheNodeType: 'cache.r7g.large',
  clusterMode: false,
  numNodeGroups: 1,
  nodesPerGroup: 2,
  multiAZ: true,
  automaticFailover: true,
  transitEncryption: false,
  atRestEncryption: true,
  dataTiering: false,
  port: 6379,
  snapshotRetentionLimit: 1,
} satisfies Partial<GroupSpec>;

export function seedDemo(region: RegionState): void {
  const now = Date.now();
  const minutesAgo = (minutes: number) => new Date(now - minutes * 60_000);
  const base = BASE_SPEC;
  const specs: GroupSpec[] = [
    {
      ...base,
      replicationGroupId: 'orders-cache',
      description: 'Order service cache (migration target)',
      createdAt: minutesAgo(60 * 24 * 30),
    },
    {
      ...base,
      replicationGroupId: 'sessions-valkey',
      description: 'Web sessions, sharded',
      engine: 'valkey',
      engineVersion: '8.0',
      clusterMode: true,
      numNodeGroups: 3,
      createdAt: minutesAgo(60 * 24 * 7),
    },
    {
      ...base,
      replicationGroupId: 'legacy-redis',
      description: 'Being migrated from the self-hosted Redis',
      engineVersion: '6.2',
      createdAt: minutesAgo(60 * 24 * 2),
    },
    {
      ...base,
      replicationGroupId: 'analytics-tls',
      description: 'Analytics, TLS and AUTH, data tiering',
      cacheNodeType: 'cache.r6gd.xlarge',
      clusterMode: true,
      numNodeGroups: 2,
      transitEncryption: true,
      dataTiering: true,
      authToken: true,
      kmsKeyId: 'arn:aws:kms:us-east-1:000000000000:key/1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9',
      globalReplicationGroupId: 'ldgnf-analytics-global',
      logDeliveryToLogGroup: '/elasticache/analytics-tls/slow-log',
      createdAt: minutesAgo(60 * 24 * 90),
    },
  ];
  for (const spec of specs) {
    const { group, clusters } = buildReplicationGroup(spec, region.location, 'available');
    region.add({ group, clusters });
  }

  const legacy = region.find('legacy-redis');
  if (legacy) {
    const source = { address: '127.0.0.1', port: 6379 };
    legacy.migrationSource = source;
    setStatus(legacy, 'migrating');
    region.recordEvent('legacy-redis', eventTexts.testMigrationStarted('legacy-redis', source), minutesAgo(50));
    region.recordEvent('legacy-redis', eventTexts.testMigrationSucceeded('legacy-redis', source), minutesAgo(49));
    region.recordEvent('legacy-redis', eventTexts.migrationStarting('legacy-redis', source), minutesAgo(40));
    region.recordEvent('legacy-redis', eventTexts.migrationInProgress('legacy-redis', source), minutesAgo(38));
  }
}

/**
 * `--fleet N`: N more groups (`fleet-000`, ...; 2 nodes each, like orders-cache), created 30 days
 * ago, so past the 14 days ElastiCache keeps events: a large region with a quiet history, the
 * usual shape of a production account, for load tests and benchmarks.
 */
export function seedFleet(region: RegionState, count: number): void {
  const createdAt = new Date(Date.now() - 30 * 24 * 60 * 60_000);
  const width = Math.max(3, String(count - 1).length);
  for (let index = 0; index < count; index++) {
    const spec: GroupSpec = {
      ...BASE_SPEC,
      replicationGroupId: `fleet-${String(index).padStart(width, '0')}`,
      description: 'Fleet group (load tests)',
      createdAt,
    };
    const { group, clusters } = buildReplicationGroup(spec, region.location, 'available');
    region.add({ group, clusters });
  }
}
