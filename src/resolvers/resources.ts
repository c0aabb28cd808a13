import { parseArn } from '../aws/arn.js';
import type { ElastiCacheClients } from '../aws/clients.js';
import { pageThrough } from './pager.js';
import type { Regional } from '../aws/records.js';
import { regionalKey, type RegionalKey } from '../aws/regional-key.js';
import type { ResourceReader } from '../aws/resources.js';
import type { GatewayContext } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { kindOfArnType, type AnyResourceKind } from '../rules/resource-kinds.js';
import { pageSizeArgument, regionArgument, regionsArgument, type ConnectionArgs } from './arguments.js';
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

/** The regional key a lookup resolves to: its loader then reads it (batched with the request's other reads). */
export function lookupKey(
  context: GatewayContext,
  kind: AnyResourceKind,
  args: { region?: string | null | undefined },
  argument: string,
  value: string,
): RegionalKey {
  return regionalKey(regionArgument(context.clients, args.region), resourceIdArgument(kind, argument, value));
}

export interface ResourceListingArgs extends ConnectionArgs {
  region?: string | null;
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
  filter: Record<string, string> = {},
) {
  const { kind } = reader;
  const filterText = Object.entries(filter)
    .map(([member, value]) => `${member}=${value.toLowerCase()}`)
    .join('&');
  const result = await pageThrough<R>({
    kind: filterText ? `${kind.typeName}?${filterText}` : kind.typeName,
    regions: regionsArgument(context.clients, args),
    first: pageSizeArgument(args),
    after: args.after,
    pageSizes: { min: kind.paging.minPageSize, max: kind.paging.maxPageSize },
    fetchPage: (region, token, pageSize) =>
      reader.page(context.clients, region, token, { signal: context.signal }, pageSize, filter),
  });
  return toConnection(result, args.after);
}

/**
 * What an ARN names here: its kind and regional key, or null when it names nothing this gateway
 * can read (malformed, another service, a resource type without a kind, an id AWS could not hold,
 * a region not served). Costs no AWS call.
 */
export function arnTarget(
  clients: ElastiCacheClients,
  arn: string,
): { kind: AnyResourceKind; key: RegionalKey } | null {
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'elasticache') return null;
  const separator = parsed.resource.indexOf(':');
  if (separator < 0) return null;
  const kind = kindOfArnType(parsed.resource.slice(0, separator));
  const id = parsed.resource.slice(separator + 1);
  if (!kind?.isId(id)) return null;
  // A global resource's ARN names no region: it is read where the gateway reads by default.
  const region = kind.global && parsed.region === '' ? clients.defaultRegion : parsed.region;
  return clients.regions.includes(region) ? { kind, key: regionalKey(region, id) } : null;
}

/**
 * The item an ARN names, loaded by `load` (the kind's per-request loader); null when the ARN names
 * nothing here or an item of another kind than `only`, or when what was loaded is another resource
 * (same id, another account).
 */
export async function itemByArn<T extends { ARN?: string | undefined }>(
  clients: ElastiCacheClients,
  arn: string,
  load: (kind: AnyResourceKind, key: RegionalKey) => Promise<T | null>,
  only?: AnyResourceKind,
): Promise<T | null> {
  const target = arnTarget(clients, arn);
  const loaded = target && (!only || target.kind === only) ? await load(target.kind, target.key) : null;
  return loaded?.ARN === arn ? loaded : null;
}
