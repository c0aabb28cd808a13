import type { ReplicationGroup } from '@aws-sdk/client-elasticache';
import { parseArn } from './arn.js';

/**
 * The region of SDK objects that carry no ARN of their own (node group members), remembered when
 * their replication group is resolved: a member's cache cluster is in its group's region.
 */
const regions = new WeakMap<object, string>();

export function rememberMemberRegions(group: ReplicationGroup): void {
  const region = parseArn(group.ARN)?.region;
  if (!region) return;
  for (const nodeGroup of group.NodeGroups ?? []) {
    for (const member of nodeGroup.NodeGroupMembers ?? []) regions.set(member, region);
  }
}

export function regionOf(resource: object, fallback: string): string {
  return regions.get(resource) ?? fallback;
}
