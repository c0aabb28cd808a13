import { parseArn } from '../aws/arn.js';
import type { ElastiCacheClients } from '../aws/clients.js';
import { regionalKey, type RegionalKey } from '../aws/regional-key.js';
import { isCacheClusterId, isReplicationGroupId } from '../rules/resource-ids.js';

/**
 * Federation references: other subgraphs name our resources by ARN. An ARN that is malformed,
 * of another service or resource type, or of a region this gateway does not serve names no
 * entity (null, as a missing entity should); an id AWS could not hold costs no call.
 */
const ID_RULES = {
  replicationgroup: isReplicationGroupId,
  cluster: isCacheClusterId,
} satisfies Record<string, (id: string) => boolean>;

export type EntityResourceType = keyof typeof ID_RULES;

/** The regional key an ARN names, or null when it can name no entity of this gateway. */
export function entityKey(
  clients: ElastiCacheClients,
  arn: string,
  resourceType: EntityResourceType,
): RegionalKey | null {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'elasticache' || !clients.regions.includes(parsed.region)) return null;
  const [type, id] = parsed.resource.split(':');
  return type === resourceType && id && ID_RULES[resourceType](id) ? regionalKey(parsed.region, id) : null;
}

/** The loaded resource, when it is the one the ARN names (same id in another account is not). */
export function sameEntity<T extends { ARN?: string | undefined }>(arn: string, loaded: T | null): T | null {
  return loaded?.ARN === arn ? loaded : null;
}
