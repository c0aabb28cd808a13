/**
 * AWS's rules for replication group and cache cluster ids, shared by the gateway (which checks
 * input before any AWS call) and the local endpoint (which refuses what AWS refuses): 1-40
 * (clusters: 50) letters, digits or hyphens; starts with a letter; no trailing hyphen and no two
 * consecutive hyphens. Being ASCII, an id that passes is also well-formed Unicode, safe for the
 * SDK's serializer.
 */
const RESOURCE_ID = /^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-))*$/;
export const MAX_REPLICATION_GROUP_ID_LENGTH = 40;
export const MAX_CACHE_CLUSTER_ID_LENGTH = 50;

/** What is wrong with a replication group id, or null when it follows the AWS rules. */
export function replicationGroupIdProblem(field: string, value: string): string | null {
  if (value.length === 0 || value.length > MAX_REPLICATION_GROUP_ID_LENGTH)
    return `${field} must be 1 to ${MAX_REPLICATION_GROUP_ID_LENGTH} characters long.`;
  if (!RESOURCE_ID.test(value) || value.endsWith('-')) {
    return `${field} must start with a letter and hold only letters, digits and single hyphens, not ending with a hyphen.`;
  }
  return null;
}

export function isReplicationGroupId(value: string): boolean {
  return replicationGroupIdProblem('id', value) === null;
}

export function isCacheClusterId(value: string): boolean {
  return (
    value.length > 0 && value.length <= MAX_CACHE_CLUSTER_ID_LENGTH && RESOURCE_ID.test(value) && !value.endsWith('-')
  );
}

/**
 * Names of parameter groups, subnet groups and snapshots: 1-255 ASCII letters, digits, hyphens,
 * periods or underscores, starting with a letter or digit (`default.redis7.cluster.on`). Looser
 * than AWS in places (it only decides whether a name is worth a call), never looser than ASCII.
 */
const RESOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

export function isResourceName(value: string): boolean {
  return RESOURCE_NAME.test(value);
}
