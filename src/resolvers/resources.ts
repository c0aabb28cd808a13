import { parseArn } from '../aws/arn.js';
import type { ElastiCacheClients } from '../aws/clients.js';
import { pageThrough, type PagerRequest } from './pager.js';
import type { Regional } from '../aws/records.js';
import type { Location } from '../aws/location.js';
import { locationKey, parseLocationKey, type LocationKey } from '../aws/location-key.js';
import { SCOPES } from '../auth/scopes.js';
import type { ResourceReader } from '../aws/resources.js';
import type { GatewayContext } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { kindOfArnType, type AnyResourceKind } from '../rules/resource-kinds.js';
import {
  locationArgument,
  locationsArgument,
  mayActIn,
  pageSizeArgument,
  type ConnectionArgs,
  type LocationArgs,
} from './arguments.js';
import { toConnection } from './connection.js';

/**
 * The resolvers every resource type shares (src/schema/resource-type.ts): a lookup by id, a
 * listing in Relay pages over one region or several, and what an ARN names (`node`, `nodes`,
 * federation `_entities`).
 */

/** A lookup's id argument: refused by name (BAD_USER_INPUT, no AWS call) when it cannot name one. */
export function resourceIdArgument(kind: AnyResourceKind, argument: string, value: string): string {
  if (!kind.isId(value)) {
    throw new InvalidArgumentError(
      argument,
      `${argument} "${value.slice(0, 64)}" is not a possible ${kind.typeName} id.`,
    );
  }
  return value;
}

/** The key a lookup resolves to: its loader then reads it (batched with the request's other reads). */
export function lookupKey(
  context: GatewayContext,
  kind: AnyResourceKind,
  args: LocationArgs,
  argument: string,
  value: string,
): LocationKey {
  return locationKey(locationArgument(context, args), resourceIdArgument(kind, argument, value));
}

export interface ResourceListingArgs extends ConnectionArgs, LocationArgs {
  accounts?: readonly string[] | null;
  regions?: readonly string[] | null;
}

/**
 * A Relay page of a kind's items across the regions asked for, in AWS order, narrowed by `filter`
 * (members of the Describe operation's input, sent to AWS). The cursors name the filter too, so a
 * cursor of one filtered listing is refused by another.
 */
export async function listResources<R extends Regional>(
  context: GatewayContext,
  reader: ResourceReader<R>,
  args: ResourceListingArgs,
  {
    filter = {},
    locations = locationsArgument(context, args),
    onUnavailable,
  }: {
    filter?: Record<string, string>;
    /** Where to list, instead of the arguments' locations (a record's links: where it was read). */
    locations?: readonly Location[];
    onUnavailable?: PagerRequest<R>['onUnavailable'];
  } = {},
) {
  const { kind } = reader;
  const filterText = Object.entries(filter)
    .map(([member, value]) => `${member}=${value.toLowerCase()}`)
    .join('&');
  const result = await pageThrough<R>({
    kind: filterText ? `${kind.typeName}?${filterText}` : kind.typeName,
    locations,
    first: pageSizeArgument(args),
    after: args.after,
    pageSizes: { min: kind.paging.minPageSize, max: kind.paging.maxPageSize },
    fetchPage: (location, token, pageSize) =>
      reader.page(context.clients, location, token, { signal: context.signal }, pageSize, filter),
    ...(onUnavailable ? { onUnavailable } : {}),
  });
  return toConnection(result, args.after);
}

/**
 * What an ARN names here: its kind and key, or null when it names nothing this gateway can read
 * (malformed, another service, a resource type without a kind, an id AWS could not hold, an
 * account or region not served). Costs no AWS call.
 */
export function arnTarget(
  clients: ElastiCacheClients,
  arn: string,
): { kind: AnyResourceKind; key: LocationKey } | null {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'elasticache') return null;
  const separator = parsed.resource.indexOf(':');
  if (separator < 0) return null;
  const kind = kindOfArnType(parsed.resource.slice(0, separator));
  const id = parsed.resource.slice(separator + 1);
  if (!kind?.isId(id)) return null;
  // A global resource's ARN names no region: it is read where the gateway reads its account by default.
  if (parsed.region === '' && !kind.global) return null;
  const location = clients.arnLocation(parsed.accountId, parsed.region);
  return location === null ? null : { kind, key: locationKey(location, id) };
}

/**
 * The item an ARN names, loaded by `load` (the kind's per-request loader); null when the ARN names
 * nothing here or an item of another kind than `only`, or when what was loaded is another resource
 * (same id, another account). FORBIDDEN, before any AWS call, in an account the caller may not read.
 */
export async function itemByArn<T extends { ARN?: string | undefined }>(
  context: GatewayContext,
  arn: string,
  load: (kind: AnyResourceKind, key: LocationKey) => Promise<T | null>,
  only?: AnyResourceKind,
): Promise<T | null> {
  const target = arnTarget(context.clients, arn);
  if (target) mayActIn(context, SCOPES.read, parseLocationKey(target.key).location);
  const loaded = target && (!only || target.kind === only) ? await load(target.kind, target.key) : null;
  return loaded?.ARN === arn ? loaded : null;
}
