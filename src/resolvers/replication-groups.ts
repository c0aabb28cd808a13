import type { ReplicationGroupRecord } from '../aws/records.js';
import { pageThrough, type PagerRequest } from './pager.js';
import { replicationGroups } from '../aws/resources.js';
import type { GatewayContext } from '../context.js';
import { locationsArgument, pageSizeArgument, type ConnectionArgs, type LocationArgs } from './arguments.js';
import { toConnection } from './connection.js';

export interface ReplicationGroupFilter {
  engine?: string | null;
  status?: string | null;
  clusterMode?: string | null;
}

export interface ReplicationGroupsArgs extends ConnectionArgs, LocationArgs {
  accounts?: readonly string[] | null;
  regions?: readonly string[] | null;
  filter?: ReplicationGroupFilter | null;
}

/**
 * A Relay page of replication groups across the accounts and regions asked for, in AWS order. Filters are
 * applied by the gateway to the records AWS returns (DescribeReplicationGroups has no filters).
 */
export async function listReplicationGroups(
  context: GatewayContext,
  args: ReplicationGroupsArgs,
  onUnavailable?: PagerRequest<ReplicationGroupRecord>['onUnavailable'],
) {
  const locations = locationsArgument(context, args);
  const first = pageSizeArgument(args);
  const filter = args.filter ?? {};
  const filtered = Boolean(filter.engine || filter.status || filter.clusterMode);
  const result = await pageThrough<ReplicationGroupRecord>({
    kind: 'replicationGroups',
    locations,
    first,
    after: args.after,
    ...(filtered
      ? {
          keep: (group) =>
            (!filter.engine || group.Engine === filter.engine) &&
            (!filter.status || group.Status === filter.status) &&
            (!filter.clusterMode || group.ClusterMode === filter.clusterMode),
        }
      : {}),
    fetchPage: (location, marker, pageSize) =>
      replicationGroups.page(context.clients, location, marker, { signal: context.signal }, pageSize),
    ...(onUnavailable ? { onUnavailable } : {}),
  });
  return toConnection(result, args.after);
}
