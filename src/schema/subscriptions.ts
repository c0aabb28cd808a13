import { locationArgs } from './location-args.js';
import type { EventRecord, ReplicationGroupRecord } from '../aws/records.js';
import { locationKey } from '../aws/location-key.js';
import type { GatewayContext } from '../context.js';
import { checkReplicationGroupIdArgument, locationArgument } from '../resolvers/arguments.js';
import type { GroupUpdate } from '../subscriptions/group-watchers.js';
import { accessTo, ROOT_TYPE_OPTIONS } from './authorization.js';
import { builder } from './builder.js';
import { CacheCluster } from './cache-cluster.js';
import { keepPolledReads } from './polled-reads.js';
import { ElastiCacheEvent } from './event.js';
import { ReplicationGroup } from './replication-group.js';

builder.subscriptionType({
  description: 'Live views of replication groups, over Server-Sent Events (`Accept: text/event-stream`).',
  ...ROOT_TYPE_OPTIONS,
});

/**
 * Keeps the updates of one kind, mapped. A plain iterator rather than an async generator: a
 * generator parked on `await next()` would queue `return()` behind that await, so a client that
 * disconnects from a quiet group would never release its share of the poller.
 */
function only<T>(
  updates: AsyncIterableIterator<GroupUpdate>,
  pick: (update: GroupUpdate) => T | undefined,
): AsyncIterableIterator<T> {
  return {
    async next() {
      for (;;) {
        const result = await updates.next();
        if (result.done) return { done: true, value: undefined };
        const value = pick(result.value);
        if (value !== undefined) return { done: false, value };
      }
    },
    async return() {
      await updates.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * A push's group, with what its poll read beside it handed to the execution that resolves it: the
 * member clusters into the CacheCluster loader (each push replaces what the last one primed; a
 * member the poll did not read is read again, as without a poll), the
 * migration state and the events into the context (src/schema/polled-reads.ts).
 */
function primePolledReads(
  context: GatewayContext,
  update: Extract<GroupUpdate, { kind: 'group' }>,
): ReplicationGroupRecord {
  const { group, reads } = update;
  keepPolledReads(context, group, reads);
  const loader = CacheCluster.getDataloader(context);
  const polled = new Map(
    (reads.clusters ?? []).map((cluster) => [locationKey(group.location, cluster.CacheClusterId ?? ''), cluster]),
  );
  for (const id of group.MemberClusters ?? []) {
    const key = locationKey(group.location, id);
    loader.clear(key);
    const cluster = polled.get(key);
    if (cluster) loader.prime(key, cluster);
  }
  return group;
}

builder.subscriptionField('replicationGroupChanged', (t) =>
  t.field({
    ...accessTo('Subscription', 'replicationGroupChanged'),
    type: ReplicationGroup,
    nullable: false,
    description:
      'The replication group at once, then again whenever its status, migration phase or pending modifications change. One poller per group serves every subscriber (interval: SUBSCRIPTION_POLL_INTERVAL_MS).',
    args: {
      replicationGroupId: t.arg.string({ required: true, description: 'The id of the replication group.' }),
      ...locationArgs(t.arg, 'it is in'),
    },
    subscribe: (_root, args, context) => {
      const location = locationArgument(context, args);
      const id = checkReplicationGroupIdArgument('replicationGroupId', args.replicationGroupId);
      return only(context.watchers.subscribe(location, id, context.caller.subject), (update) =>
        update.kind === 'group' ? update : undefined,
      );
    },
    resolve: (update, _args, context) => primePolledReads(context, update),
  }),
);

builder.subscriptionField('replicationGroupEvents', (t) =>
  t.field({
    ...accessTo('Subscription', 'replicationGroupEvents'),
    type: ElastiCacheEvent,
    nullable: false,
    description:
      'Each new event of the replication group, once, as ElastiCache records it (e.g. the outcome of testMigration).',
    args: {
      replicationGroupId: t.arg.string({ required: true, description: 'The id of the replication group.' }),
      ...locationArgs(t.arg, 'it is in'),
    },
    subscribe: (_root, args, context) => {
      const location = locationArgument(context, args);
      const id = checkReplicationGroupIdArgument('replicationGroupId', args.replicationGroupId);
      return only(
        context.watchers.subscribe(location, id, context.caller.subject),
        (update): EventRecord | undefined => (update.kind === 'event' ? update.event : undefined),
      );
    },
    resolve: (event) => event,
  }),
);
