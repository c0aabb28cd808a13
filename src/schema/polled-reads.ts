import { createContextCache } from '@pothos/core';
import type { ReplicationGroupRecord } from '../aws/records.js';
import { locationKey, type LocationKey } from '../aws/location-key.js';
import type { GatewayContext } from '../context.js';
import type { PolledReads } from '../subscriptions/poll-coordination.js';

/*
 * What a subscription push read beside its group (src/subscriptions/group-watchers.ts), kept in
 * the context of the execution that resolves the push: the `migration` and `events` fields of
 * the group read it there instead of calling DescribeEvents. (The member clusters go into the
 * CacheCluster loader itself: src/schema/subscriptions.ts primes it.) A later push replaces it.
 */
const readsByGroup = createContextCache((_context: GatewayContext) => new Map<LocationKey, PolledReads>());

function keyOf(group: ReplicationGroupRecord): LocationKey {
  return locationKey(group.location, group.ReplicationGroupId ?? '');
}

export function keepPolledReads(context: GatewayContext, group: ReplicationGroupRecord, reads: PolledReads): void {
  readsByGroup(context).set(keyOf(group), reads);
}

/** What the push being resolved read beside `group`, if this execution resolves one. */
export function polledReadsOf(context: GatewayContext, group: ReplicationGroupRecord): PolledReads | undefined {
  return readsByGroup(context).get(keyOf(group));
}
