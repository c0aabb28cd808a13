import type { CacheCluster, Event, NodeGroup, NodeGroupMember, ReplicationGroup } from '@aws-sdk/client-elasticache';
import { parseArn } from './arn.js';
import { parseLocation, type Location } from './location.js';

/**
 * What the data layer hands to GraphQL: the SDK's shapes as ElastiCache answered, each carrying
 * the location (account and region) it was read in and the account that owns it. Nested values
 * that have no ARN of their own (node groups, their members) carry them too, so a field anywhere
 * below a record resolves in the record's location, whichever path led to it.
 */
export interface Regional {
  /** Where the record was read (the call's account and region, not a guess from the ARN): where its links are read. */
  readonly location: Location;
  /** The owning account, from the ARN (else the location's); null when neither says. */
  readonly accountId: string | null;
}

export type NodeGroupMemberRecord = NodeGroupMember & Regional;

export type NodeGroupRecord = Omit<NodeGroup, 'NodeGroupMembers'> &
  Regional & { NodeGroupMembers: NodeGroupMemberRecord[] };

export type ReplicationGroupRecord = Omit<ReplicationGroup, 'NodeGroups'> &
  Regional & { NodeGroups: NodeGroupRecord[] };

export type CacheClusterRecord = CacheCluster & Regional;

export type EventRecord = Event & Regional;

export function replicationGroupRecord(location: Location, group: ReplicationGroup): ReplicationGroupRecord {
  const owner = { location, accountId: parseArn(group.ARN)?.accountId ?? parseLocation(location).accountId };
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

/** Events name no account: theirs is the location's (unknown without AWS_ACCOUNTS). */
export function eventRecord(location: Location, event: Event): EventRecord {
  return { ...event, location, accountId: parseLocation(location).accountId };
}
