import type { ReplicationGroupRecord } from '../aws/records.js';
import { pageThrough } from './pager.js';
import { replicationGroups } from '../aws/resources.js';
import type { GatewayContext } from '../context.js';
import { pageSizeArgument, regionsArgument, type ConnectionArgs } from './arguments.js';
import { toConnection } from './connection.js';

export interface ReplicationGroupFilter {
  engine?: string | null;
  status?: string | null;
  clusterMode?: string | null;
}

export interface ReplicationGroupsArgs extends ConnectionArgs {
  region?: string | null;
  regions?: readonly string[] | null;
  filter?: ReplicationGroupFilter | null;
}

/**
 * A Relay page of replication groups across the regions asked for, in AWS order. Filters are
 * applied by the gateway to the records AWS returns (DescribeReplicationGroups has no filters).
 */
export async function listReplicationGroups(context: GatewayContext, args: ReplicationGroupsArgs) {
  const regions = regionsArgument(context.clients, args);
  const first = pageSizeArgument(args);
  const filter = args.filter ?? {};
  const filtered = Boolean(filter.engine || filter.status || filter.clusterMode);
  const result = await pageThrough<ReplicationGroupRecord>({
    kind: 'replicationGroups',
    regions,
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
    fetchPage: (region, marker, pageSize) =>
      replicationGroups.page(context.clients, region, marker, { signal: context.signal }, pageSize),
  });
  return toConnection(result, args.after);
}
