import type { CacheCluster, ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { GatewayContext } from '../context.js';
import { parseArn } from './arn.js';
import { isCacheClusterId, replicationGroupIdProblem } from './validation.js';

/**
 * Federation references: other subgraphs name our resources by ARN. An ARN that is malformed,
 * of another service or resource type, or of a region this gateway does not serve resolves to
 * null, as a missing entity should; the loaders batch many references into few AWS calls.
 */
const ID_RULES: Record<'replicationgroup' | 'cluster', (id: string) => boolean> = {
  replicationgroup: (id) => replicationGroupIdProblem('id', id) === null,
  cluster: isCacheClusterId,
};

function referenced(context: GatewayContext, arn: string, resourceType: 'replicationgroup' | 'cluster'): { region: string; id: string } | null {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'elasticache' || !context.clients.regions.includes(parsed.region)) return null;
  const [type, id] = parsed.resource.split(':');
  // An id AWS could not hold cannot name an entity: no call is made for it.
  return type === resourceType && id && ID_RULES[resourceType](id) ? { region: parsed.region, id } : null;
}

export async function replicationGroupByArn(context: GatewayContext, arn: string): Promise<ReplicationGroup | null> {
  const reference = referenced(context, arn, 'replicationgroup');
  if (!reference) return null;
  const group = await context.loaders.replicationGroup.load({ region: reference.region, replicationGroupId: reference.id });
  // Same id, other account: not the referenced group.
  return group?.ARN === arn ? group : null;
}

export async function cacheClusterByArn(context: GatewayContext, arn: string): Promise<CacheCluster | null> {
  const reference = referenced(context, arn, 'cluster');
  if (!reference) return null;
  const cluster = await context.loaders.cacheCluster.load({ region: reference.region, cacheClusterId: reference.id });
  return cluster?.ARN === arn ? cluster : null;
}
