import { DescribeReplicationGroupsCommand, type CacheCluster } from '@aws-sdk/client-elasticache';
import { cacheClusters } from '../aws/resources.js';
import type { GatewayContext } from '../context.js';
import type { MigrationCheck } from '../preflight/requirements.js';
import { checkMigrationInput, type MigrationInput } from './migration.js';

export interface MigrationPreflightResult {
  ready: boolean;
  checks: MigrationCheck[];
}

/**
 * Every prerequisite of an online migration, checked now from where the gateway runs: the target
 * as ElastiCache describes it (DescribeReplicationGroups, DescribeCacheClusters of one member for
 * its engine version), the source over a real connection (src/preflight). Changes nothing:
 * neither AWS nor the source is written to.
 */
export async function migrationPreflight(
  context: GatewayContext,
  input: MigrationInput,
): Promise<MigrationPreflightResult> {
  const { location, source } = checkMigrationInput(context, input);
  // A missing group is the passed ReplicationGroupNotFoundFault: a typed result of the field.
  const output = await context.clients.send(
    location,
    new DescribeReplicationGroupsCommand({ ReplicationGroupId: input.replicationGroupId }),
    { signal: context.signal },
  );
  const [group] = output.ReplicationGroups ?? [];
  const [firstMember] = group?.MemberClusters ?? [];
  const clusters: CacheCluster[] = [];
  if (firstMember) {
    const cluster = await cacheClusters.describe(context.clients, location, firstMember, { signal: context.signal });
    if (cluster) clusters.push(cluster);
  }
  // Loaded on first use: a gateway that never runs a preflight carries no Redis client for it.
  const { checkMigrationPrerequisites, migrationTarget } = await import('../preflight/prerequisites.js');
  const result = await checkMigrationPrerequisites(
    { address: source.Address, port: source.Port },
    migrationTarget(group ?? {}, clusters),
    context.preflight,
  );
  return { ready: result.ok, checks: result.checks };
}
