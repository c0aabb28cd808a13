import { InvalidArgumentError, InvalidInputError } from '../errors.js';
import { isHostAddress } from '../host-address.js';
import type { ElastiCacheClients } from './clients.js';

/**
 * Checks the gateway makes before any AWS call, so that a typo costs no AWS request and the
 * caller learns which input field is wrong. Each throws InvalidInputError naming the field path.
 */

// AWS rules for replication group and cache cluster ids: 1-40 (clusters: 50) letters, digits or
// hyphens; starts with a letter; no trailing hyphen and no two consecutive hyphens. Being ASCII,
// an id that passes is also well-formed Unicode, safe for the SDK's serializer.
const RESOURCE_ID = /^[a-zA-Z](?:[a-zA-Z0-9]|-(?!-))*$/;
const MAX_REPLICATION_GROUP_ID_LENGTH = 40;
const MAX_CACHE_CLUSTER_ID_LENGTH = 50;

/** What is wrong with a replication group id, or null when it follows the AWS rules. */
export function replicationGroupIdProblem(field: string, value: string): string | null {
  if (value.length === 0 || value.length > MAX_REPLICATION_GROUP_ID_LENGTH) return `${field} must be 1 to ${MAX_REPLICATION_GROUP_ID_LENGTH} characters long.`;
  if (!RESOURCE_ID.test(value) || value.endsWith('-')) {
    return `${field} must start with a letter and hold only letters, digits and single hyphens, not ending with a hyphen.`;
  }
  return null;
}

export function isCacheClusterId(value: string): boolean {
  return value.length > 0 && value.length <= MAX_CACHE_CLUSTER_ID_LENGTH && RESOURCE_ID.test(value) && !value.endsWith('-');
}

/** For mutation inputs: the problem becomes a typed InvalidInputError result. */
export function checkReplicationGroupId(field: string, value: string): void {
  const problem = replicationGroupIdProblem(field, value);
  if (problem) throw new InvalidInputError(field, problem);
}

/** For query and subscription arguments: the problem becomes a BAD_USER_INPUT error. */
export function checkReplicationGroupIdArgument(argument: string, value: string): string {
  const problem = replicationGroupIdProblem(argument, value);
  if (problem) throw new InvalidArgumentError(argument, problem);
  return value;
}

export interface EndpointInput {
  address: string;
  port: number;
}

export function checkCustomerNodeEndpointList(field: string, endpoints: readonly EndpointInput[]): void {
  if (endpoints.length !== 1) {
    throw new InvalidInputError(
      field,
      `${field} must hold exactly one endpoint (the source's primary node); it holds ${endpoints.length}.`,
    );
  }
  endpoints.forEach((endpoint, index) => {
    const at = `${field}[${index}]`;
    if (!isHostAddress(endpoint.address)) {
      throw new InvalidInputError(
        `${at}.address`,
        `${at}.address must be a host name or an IPv4 or IPv6 address (without brackets or port).`,
      );
    }
    if (!Number.isInteger(endpoint.port) || endpoint.port < 1 || endpoint.port > 65_535) {
      throw new InvalidInputError(`${at}.port`, `${at}.port must be between 1 and 65535; it is ${endpoint.port}.`);
    }
  });
}

export function checkRegion(field: string, region: string | null | undefined, clients: ElastiCacheClients): string {
  if (region === null || region === undefined) return clients.defaultRegion;
  if (!clients.regions.includes(region)) {
    throw new InvalidInputError(field, `${field} "${region}" is not served by this gateway; it serves ${clients.regions.join(', ')}.`);
  }
  return region;
}
