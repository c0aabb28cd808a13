import type { ElastiCacheClients } from '../aws/clients.js';
import type { EventWindow } from '../aws/events.js';
import { MAX_PAGE_SIZE } from '../aws/pages.js';
import { InvalidArgumentError, InvalidInputError } from '../errors.js';
import { isHostAddress } from '../host-address.js';
import { EVENT_RETENTION_MINUTES } from '../rules/event-retention.js';
import { replicationGroupIdProblem } from '../rules/resource-ids.js';

/**
 * Every check of arguments and input the gateway makes before any AWS call, so that a typo costs
 * no AWS request and the caller learns which argument or input field is wrong. Two kinds of
 * failure, one per place: query and subscription arguments raise errors (InvalidArgumentError,
 * BAD_USER_INPUT; UnknownRegionError, UNKNOWN_REGION); mutation input becomes the typed
 * InvalidInputError result of the payload union.
 */

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
  endpoints.forEach((endpoint, index) => checkEndpoint(`${field}[${index}]`, endpoint));
}

/** A self-hosted node's address and port, each refused by its own field name. */
export function checkEndpoint(at: string, endpoint: EndpointInput): void {
  if (!isHostAddress(endpoint.address)) {
    throw new InvalidInputError(
      `${at}.address`,
      `${at}.address must be a host name or an IPv4 or IPv6 address (without brackets or port).`,
    );
  }
  if (!Number.isInteger(endpoint.port) || endpoint.port < 1 || endpoint.port > 65_535) {
    throw new InvalidInputError(`${at}.port`, `${at}.port must be between 1 and 65535; it is ${endpoint.port}.`);
  }
}

export function checkRegion(field: string, region: string | null | undefined, clients: ElastiCacheClients): string {
  if (region === null || region === undefined) return clients.defaultRegion;
  if (!clients.regions.includes(region)) {
    throw new InvalidInputError(
      field,
      `${field} "${region}" is not served by this gateway; it serves ${clients.regions.join(', ')}.`,
    );
  }
  return region;
}

/** A `region` argument: a served region, or the default one when omitted. */
export function regionArgument(clients: ElastiCacheClients, region: string | null | undefined): string {
  return clients.forRegion(region).region;
}

/** `regions` (several, in turn) or else `region`: served regions, each once. */
export function regionsArgument(
  clients: ElastiCacheClients,
  args: { region?: string | null; regions?: readonly string[] | null },
): string[] {
  const wanted = args.regions?.length ? args.regions : [args.region ?? clients.defaultRegion];
  return [...new Set(wanted.map((region) => regionArgument(clients, region)))];
}

/** The arguments of a connection: forward only, as ElastiCache lists. */
export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

export const DEFAULT_PAGE_SIZE = 20;

/** The page size of a forward-only connection: `first`, 1 to 100, default 20. */
export function pageSizeArgument(args: ConnectionArgs): number {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (first < 1 || first > MAX_PAGE_SIZE)
    throw new InvalidArgumentError('first', `first must be between 1 and ${MAX_PAGE_SIZE}.`);
  return first;
}

/** A window length in minutes, within what ElastiCache keeps. */
export function durationArgument(argument: string, minutes: number): number {
  if (minutes < 1 || minutes > EVENT_RETENTION_MINUTES) {
    throw new InvalidArgumentError(argument, `${argument} must be between 1 and ${EVENT_RETENTION_MINUTES}.`);
  }
  return minutes;
}

export const DEFAULT_EVENT_WINDOW_MINUTES = 60;

export interface EventWindowArgs {
  durationMinutes?: number | null;
  startTime?: Date | null;
  endTime?: Date | null;
}

/** The window of an events field: `durationMinutes`, or `startTime`/`endTime`; the last hour by default. */
export function eventWindowArguments(args: EventWindowArgs): EventWindow {
  const hasRange = args.startTime != null || args.endTime != null;
  if (args.durationMinutes != null && hasRange) {
    throw new InvalidArgumentError('durationMinutes', 'Give either durationMinutes or startTime/endTime, not both.');
  }
  if (hasRange) {
    if (args.startTime && args.endTime && args.startTime > args.endTime)
      throw new InvalidArgumentError('startTime', 'startTime must be before endTime.');
    return { startTime: args.startTime ?? null, endTime: args.endTime ?? null };
  }
  return { durationMinutes: durationArgument('durationMinutes', args.durationMinutes ?? DEFAULT_EVENT_WINDOW_MINUTES) };
}
