import type { CacheCluster, Event, NodeGroup, NodeGroupMember, ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { MigrationState } from '../rules/migration-phase.js';
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

export type NodeGroupMemberRecord = NodeGroupMember &
  Regional & {
    /** The member's cache cluster, when whoever read the group read it too (the subscription poller). */
    knownCacheCluster?: CacheClusterRecord | null;
  };

export type NodeGroupRecord = Omit<NodeGroup, 'NodeGroupMembers'> &
  Regional & { NodeGroupMembers: NodeGroupMemberRecord[] };

export type ReplicationGroupRecord = Omit<ReplicationGroup, 'NodeGroups'> &
  Regional & {
    NodeGroups: NodeGroupRecord[];
    /**
     * The migration state over the default window, when whoever read the group already derived
     * it (the subscription poller): the `migration` field then needs no DescribeEvents call.
     */
    knownMigration?: MigrationState;
    /**
     * Every event of the group since `since`, oldest first, when whoever read the group holds
     * them all (the subscription poller): `events` over a window inside it needs no DescribeEvents call.
     */
    knownEvents?: { since: Date; events: EventRecord[] };
    /** The member cache clusters, when whoever read the group read them too (the subscription poller). */
    knownCacheClusters?: CacheClusterRecord[];
  };

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

/** The group with its member clusters as read alongside it: fields below it then need no call of their own. */
export function withKnownCacheClusters(
  group: ReplicationGroupRecord,
  clusters: readonly CacheClusterRecord[],
): ReplicationGroupRecord {
  const byId = new Map(clusters.map((cluster) => [cluster.CacheClusterId?.toLowerCase(), cluster]));
  return {
    ...group,
    knownCacheClusters: (group.MemberClusters ?? []).flatMap((id) => byId.get(id.toLowerCase()) ?? []),
    NodeGroups: group.NodeGroups.map((nodeGroup) => ({
      ...nodeGroup,
      NodeGroupMembers: nodeGroup.NodeGroupMembers.map((member) => ({
        ...member,
        knownCacheCluster: byId.get(member.CacheClusterId?.toLowerCase()) ?? null,
      })),
    })),
  };
}

/** Events name no account; they are the region's as seen by this gateway's credentials. */
export function eventRecord(region: string, event: Event): EventRecord {
  return { ...event, region, accountId: null };
}
