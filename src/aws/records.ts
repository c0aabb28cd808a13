import type { CacheCluster, Event, NodeGroup, NodeGroupMember, ReplicationGroup } from '@aws-sdk/client-elasticache';
import { parseArn } from './arn.js';

/**
 * What the data layer hands to GraphQL: the SDK's shapes as ElastiCache answered, each carrying
 * the region it was read in and the account that owns it. Nested values that have no ARN of
 * their own (node groups, their members) carry them too, so a field anywhere below a record
 * resolves in the record's region, whichever path led to it.
 */
export interface Regional {
  /** The region the record was read from (the call's region, not a guess from the ARN). */
  readonly region: string;
  /** The owning account, from the ARN; null when ElastiCache sent none. */
  readonly accountId: string | null;
}

export type NodeGroupMemberRecord = NodeGroupMember & Regional;

export type NodeGroupRecord = Omit<NodeGroup, 'NodeGroupMembers'> &
  Regional & { NodeGroupMembers: NodeGroupMemberRecord[] };

export type ReplicationGroupRecord = Omit<ReplicationGroup, 'NodeGroups'> &
  Regional & { NodeGroups: NodeGroupRecord[] };

export type CacheClusterRecord = CacheCluster & Regional;

export type EventRecord = Event & Regional;

export function replicationGroupRecord(region: string, group: ReplicationGroup): ReplicationGroupRecord {
  const owner = { region, accountId: parseArn(group.ARN)?.accountId ?? null };
  return {
    ...group,
    ...owner,
    NodeGroups: (group.NodeGroups ?? []).map((nodeGroup) => ({
      ...nodeGroup,
      ...owner,
      NodeGroupMembers: (nodeGroup.NodeGroupMembers ?? []).map((member) => ({ ...member, ...owner })),
    })),
  };
}

/** Events name no account; they are the region's as seen by this gateway's credentials. */
export function eventRecord(region: string, event: Event): EventRecord {
  return { ...event, region, accountId: null };
}
