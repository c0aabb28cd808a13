import type { EventWindow } from '../aws/events.js';
import { MAX_PAGE_SIZE } from '../aws/pages.js';
import {
  ForbiddenError,
  InvalidArgumentError,
  InvalidInputError,
  UnknownAccountError,
  UnknownRegionError,
} from '../errors.js';
import { parseLocation, type Location } from '../aws/location.js';
import { accountScope, grantsIn, SCOPES, type Scope } from '../auth/scopes.js';
import type { GatewayContext } from '../context.js';
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

/** Where a query, subscription or mutation acts: `account` and `region`, each the default when omitted. */
export interface LocationArgs {
  account?: string | null;
  region?: string | null;
}

/**
 * For mutation inputs (and the migration checks): an unserved account or region becomes a typed
 * InvalidInputError naming `input.account` or `input.region`; an account the caller may not
 * migrate in, FORBIDDEN.
 */
export function checkLocation(at: string, input: LocationArgs, context: GatewayContext): Location {
  let location: Location;
  try {
    location = context.clients.locate(input.account, input.region);
  } catch (error) {
    if (error instanceof UnknownAccountError) throw new InvalidInputError(`${at}.account`, error.message);
    if (error instanceof UnknownRegionError) throw new InvalidInputError(`${at}.region`, error.message);
    throw error;
  }
  return mayActIn(context, SCOPES.migrate, location);
}

/** `account` and `region` arguments of a read: a served location the caller may read (UNKNOWN_ACCOUNT, UNKNOWN_REGION, FORBIDDEN otherwise). */
export function locationArgument(context: GatewayContext, args: LocationArgs): Location {
  return mayActIn(context, SCOPES.read, context.clients.locate(args.account, args.region));
}

/**
 * `location` when the caller's scopes grant `scope` in its account (the plain scope, or the
 * scope narrowed to that account: auth/scopes.ts); FORBIDDEN naming both otherwise, before any
 * AWS call.
 */
export function mayActIn(context: GatewayContext, scope: Scope, location: Location): Location {
  const { accountId } = parseLocation(location);
  if (!grantsIn(context.caller.scopes, scope, accountId)) {
    throw new ForbiddenError(
      accountId === null ? 'this account' : `account ${accountId}`,
      accountId === null ? [scope] : [scope, accountScope(scope, accountId)],
    );
  }
  return location;
}

/**
 * `accounts` (or `account`) and `regions` (or `region`): every served location of those accounts
 * in those regions, account by account, each once. A region an account does not serve is left
 * out of it (accounts may serve some of the gateway's regions); when nothing is left, the first
 * pair's error is the answer.
 */
export function locationsArgument(
  context: GatewayContext,
  args: LocationArgs & { accounts?: readonly string[] | null; regions?: readonly string[] | null },
): Location[] {
  const { clients } = context;
  const accounts = args.accounts?.length ? args.accounts : [args.account ?? null];
  const regions = args.regions?.length ? args.regions : [args.region ?? null];
  const pairs = accounts.flatMap((account) => regions.map((region) => ({ account, region })));
  const served = pairs.flatMap(({ account, region }) => {
    try {
      return [clients.locate(account, region)];
    } catch (error) {
      // Only a region that is served, but not in this account, is left out quietly.
      if (error instanceof UnknownRegionError && error.accountId !== null) return [];
      throw error;
    }
  });
  if (served.length === 0) served.push(clients.locate(pairs[0]?.account, pairs[0]?.region));
  return [...new Set(served)].map((location) => mayActIn(context, SCOPES.read, location));
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
