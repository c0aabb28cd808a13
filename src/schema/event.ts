import { locationArgs } from './location-args.js';
import { createContextCache } from '@pothos/core';
import DataLoader from 'dataloader';
import { fixedWindow, readGroupEvents, windowKey, type EventWindow, type GroupEventsQuery } from '../aws/events.js';
import type { EventRecord, ReplicationGroupRecord } from '../aws/records.js';
import { locationKey } from '../aws/location-key.js';
import type { GatewayContext } from '../context.js';
import { eventWindowArguments } from '../resolvers/arguments.js';
import { listRegionEvents } from '../resolvers/region-events.js';
import { EVENT_RETENTION_MINUTES } from '../rules/event-retention.js';
import { accessTo } from './authorization.js';
import { builder } from './builder.js';
import { forwardConnection, forwardPageArgs } from './forward-pages.js';
import { polledReadsOf } from './polled-reads.js';
import { SourceType } from './enums.js';
import { required } from './required.js';
import { ReplicationGroup } from './replication-group.js';

/** Named with a prefix: `Event` is too generic a name to claim in a supergraph. */
export const ElastiCacheEvent = builder.objectRef<EventRecord>('ElastiCacheEvent').implement({
  description: 'Something ElastiCache reported about a resource, such as the outcome of a migration test.',
  fields: (t) => ({
    sourceIdentifier: t.exposeString('SourceIdentifier', { description: 'The id of the resource the event is about.' }),
    sourceType: t.expose('SourceType', { type: SourceType, description: 'The kind of resource the event is about.' }),
    message: t.exposeString('Message', { description: 'The text of the event.' }),
    date: t.expose('Date', { type: 'DateTime', description: 'When the event happened.' }),
  }),
});

/**
 * The events of replication groups over a window, per request: `events` and `migration` of the
 * same group share one read, and the groups of one page share one region-wide listing.
 */
export const groupEventsLoader = createContextCache(
  (context: GatewayContext) =>
    new DataLoader<GroupEventsQuery, EventRecord[], string>(
      (queries) => readGroupEvents(context.clients, queries, { signal: context.signal }),
      {
        cacheKeyFn: (query) => `${locationKey(query.location, query.replicationGroupId)} ${windowKey(query.window)}`,
      },
    ),
);

/** The events of `window` from what a subscription push read (the poller's day of events), if it holds them all. */
function polledEventsOf(
  context: GatewayContext,
  group: ReplicationGroupRecord,
  window: EventWindow,
): EventRecord[] | null {
  const known = polledReadsOf(context, group)?.events;
  if (!known) return null;
  const { StartTime, EndTime } = fixedWindow(window);
  if (StartTime < known.since) return null;
  return known.events.filter((event) => {
    const date = event.Date?.getTime() ?? 0;
    return date >= StartTime.getTime() && date <= EndTime.getTime();
  });
}

builder.objectField(ReplicationGroup, 'events', (t) =>
  t.field({
    tracing: true,
    type: [ElastiCacheEvent],
    // Nullable so that a failed DescribeEvents costs this field only, not the whole group.
    nullable: { list: true, items: false },
    description:
      'Events about this replication group, oldest first: the last `durationMinutes` minutes (default 60), or from `startTime` to `endTime` (ElastiCache keeps 14 days). The asynchronous outcome of testMigration arrives here. The events of many groups in one request cost one DescribeEvents listing.',
    args: {
      durationMinutes: t.arg.int({
        description: `How far back to look, in minutes (1 to ${EVENT_RETENTION_MINUTES}).`,
      }),
      startTime: t.arg({ type: 'DateTime', description: 'The start of the window (instead of durationMinutes).' }),
      endTime: t.arg({ type: 'DateTime', description: 'The end of the window (default: now).' }),
    },
    resolve: (group, args, context) => {
      const window = eventWindowArguments(args);
      return (
        polledEventsOf(context, group, window) ??
        groupEventsLoader(context).load({
          location: group.location,
          replicationGroupId: required(group.ReplicationGroupId, 'ReplicationGroup', 'ReplicationGroupId'),
          window,
        })
      );
    },
  }),
);

const ElastiCacheEventConnection = forwardConnection(ElastiCacheEvent, 'ElastiCacheEvent', {
  connection: 'A page of ElastiCache events.',
  edge: 'An event and the cursor to resume after it.',
});

builder.queryField('events', (t) =>
  t.field({
    ...accessTo('Query', 'events'),
    type: ElastiCacheEventConnection,
    nullable: false,
    description:
      "A region's replication-group events (of one account), oldest first, in pages of `first` (1 to 100, default 20): the last `durationMinutes` minutes (default 60), or from `startTime` to `endTime`.",
    args: {
      ...forwardPageArgs(t.arg),
      ...locationArgs(t.arg, 'whose events to list'),
      durationMinutes: t.arg.int({
        description: `How far back to look, in minutes (1 to ${EVENT_RETENTION_MINUTES}).`,
      }),
      startTime: t.arg({ type: 'DateTime', description: 'The start of the window (instead of durationMinutes).' }),
      endTime: t.arg({ type: 'DateTime', description: 'The end of the window (default: now).' }),
    },
    resolve: (_root, args, context) => listRegionEvents(context, args),
  }),
);
