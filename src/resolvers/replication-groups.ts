import {
  DescribeReplicationGroupsCommand,
  ReplicationGroupNotFoundFault,
  type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import type { GatewayContext } from '../context.js';
import type { ElastiCacheClients } from './clients.js';
import type { Logger } from '../logger.js';
import { callAws } from './aws-call.js';

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
