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
function entityKey(clients: ElastiCacheClients, arn: string, resourceType: EntityResourceType): RegionalKey | null {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'elasticache' || !clients.regions.includes(parsed.region)) return null;
  const [type, id] = parsed.resource.split(':');
  return type === resourceType && id && ID_RULES[resourceType](id) ? regionalKey(parsed.region, id) : null;
}

/**
 * The entity an ARN names, loaded by `load` (the type's per-request loader); null when the ARN
 * names nothing here, or when what was loaded is another resource (same id, other account).
 */
export async function entityByArn<T extends { ARN?: string | undefined }>(
  clients: ElastiCacheClients,
  arn: string,
  resourceType: EntityResourceType,
  load: (key: RegionalKey) => Promise<T | null>,
): Promise<T | null> {
  const key = entityKey(clients, arn, resourceType);
  const loaded = key ? await load(key) : null;
  return loaded?.ARN === arn ? loaded : null;
}
