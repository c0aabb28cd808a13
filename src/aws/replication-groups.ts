import { DescribeReplicationGroupsCommand, ReplicationGroupNotFoundFault } from '@aws-sdk/client-elasticache';
import { holdsEvery, readInRegions } from './batch.js';
import type { ElastiCacheClients, SendOptions } from './clients.js';
import { nullWhenAbsent } from './faults.js';
import { MAX_PAGE_SIZE, readPages, type AwsPage } from './pager.js';
import { replicationGroupRecord, type ReplicationGroupRecord } from './records.js';
import type { RegionalKey } from './regional-key.js';

/** One replication group by id; null when ElastiCache says it does not exist. */
export async function describeReplicationGroup(
  aws: ElastiCacheClients,
  region: string,
  replicationGroupId: string,
  options: SendOptions = {},
): Promise<ReplicationGroupRecord | null> {
  const output = await nullWhenAbsent(
    aws.send(region, new DescribeReplicationGroupsCommand({ ReplicationGroupId: replicationGroupId }), options),
    ReplicationGroupNotFoundFault,
  );
  const [group] = output?.ReplicationGroups ?? [];
  return group ? replicationGroupRecord(region, group) : null;
}

/** One AWS page of a region's replication groups (`pageSize` a page, 100 unless asked). */
export async function describeReplicationGroupsPage(
  aws: ElastiCacheClients,
  region: string,
  marker: string | null,
  options: SendOptions = {},
  pageSize: number = MAX_PAGE_SIZE,
): Promise<AwsPage<ReplicationGroupRecord>> {
  const output = await aws.send(
    region,
    new DescribeReplicationGroupsCommand({ MaxRecords: pageSize, ...(marker ? { Marker: marker } : {}) }),
    options,
  );
  return {
    items: (output.ReplicationGroups ?? []).map((group) => replicationGroupRecord(region, group)),
    next: output.Marker ?? null,
  };
}

/**
 * Above this many groups of one region in a request (e.g. federation `_entities`), one paged
 * listing of the groups (100 a page, until all of them are seen) is cheaper than a call per group.
 */
export const LIST_ALL_GROUPS_THRESHOLD = 3;

const groupId = (group: ReplicationGroupRecord) => group.ReplicationGroupId;

/** Batch read of replication groups by regional key: a bounded number of calls per region. */
export function readReplicationGroups(
  aws: ElastiCacheClients,
  keys: readonly RegionalKey[],
  options: SendOptions = {},
) {
  return readInRegions(keys, {
    perIdLimit: LIST_ALL_GROUPS_THRESHOLD,
    readOne: (region, id) => describeReplicationGroup(aws, region, id, options),
    readListed: async (region, wanted) =>
      (
        await readPages((marker) => describeReplicationGroupsPage(aws, region, marker, options), {
          enough: (groups) => holdsEvery(groups, wanted, groupId),
        })
      ).items,
    idOf: groupId,
  });
}
