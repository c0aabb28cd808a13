import type { Parameter } from '@aws-sdk/client-elasticache';
import { describeCacheParametersPage } from '../aws/cache-parameters.js';
import { pageThrough } from './pager.js';
import type { Regional } from '../aws/records.js';
import type { GatewayContext } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { pageSizeArgument, type ConnectionArgs } from './arguments.js';
import { toConnection } from './connection.js';

/** The sources DescribeCacheParameters accepts. */
export const PARAMETER_SOURCES = ['user', 'system', 'engine-default'] as const;

export interface CacheParametersArgs extends ConnectionArgs {
  source?: string | null;
}

/** A Relay page of a parameter group's parameters, in ElastiCache order. */
export async function listCacheParameters(
  context: GatewayContext,
  group: Regional & { CacheParameterGroupName?: string | undefined },
  args: CacheParametersArgs,
) {
  const source = args.source ?? undefined;
  if (source !== undefined && !(PARAMETER_SOURCES as readonly string[]).includes(source)) {
    throw new InvalidArgumentError('source', `source must be one of ${PARAMETER_SOURCES.join(', ')}.`);
  }
  const name = group.CacheParameterGroupName ?? '';
  const result = await pageThrough<Parameter>({
    // The cursor names the group and the source: one of another listing is refused.
    kind: `parameters?${name.toLowerCase()}&${source ?? ''}`,
    locations: [group.location],
    first: pageSizeArgument(args),
    after: args.after,
    fetchPage: (location, marker, pageSize) =>
      describeCacheParametersPage(context.clients, location, name, marker, pageSize, {
        signal: context.signal,
        source,
      }),
  });
  return toConnection(result, args.after);
}
