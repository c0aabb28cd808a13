import type { Event as SdkEvent } from '@aws-sdk/client-elasticache';
import { InvalidArgumentError } from '../errors.js';
import { parseArn } from '../resolvers/arn.js';
import { EVENT_RETENTION_MINUTES, type EventWindow } from '../resolvers/events.js';
import { listRegionEvents } from '../resolvers/region-events.js';
import { builder } from './builder.js';
import { SourceType } from './enums.js';
import { ReplicationGroup } from './replication-group.js';

/** Named with a prefix: `Event` is too generic a name to claim in a supergraph. */
export const ElastiCacheEvent = builder.objectRef<SdkEvent>('ElastiCacheEvent').implement({
  description: 'Something ElastiCache reported about a resource, such as the outcome of a migration test.',
  fields: (t) => ({
    sourceIdentifier: t.exposeString('SourceIdentifier', { description: 'The id of the resource the event is about.' }),
    sourceType: t.expose('SourceType', { type: SourceType, description: 'The kind of resource the event is about.' }),
    message: t.exposeString('Message', { description: 'The text of the event.' }),
    date: t.expose('Date', { type: 'DateTime', description: 'When the event happened.' }),
  }),
});

const DEFAULT_WINDOW_MINUTES = 60;

interface WindowArgs {
  durationMinutes?: number | null;
  startTime?: Date | null;
  endTime?: Date | null;
}

/** The window of an events field: `durationMinutes`, or `startTime`/`endTime`; the last hour by default. */
export function eventWindow(args: WindowArgs): EventWindow {
  const hasRange = args.startTime != null || args.endTime != null;
  if (args.durationMinutes != null && hasRange) {
    throw new InvalidArgumentError('durationMinutes', 'Give either durationMinutes or startTime/endTime, not both.');
  }
  if (hasRange) {
    if (args.startTime && args.endTime && args.startTime > args.endTime) throw new InvalidArgumentError('startTime', 'startTime must be before endTime.');
    return { startTime: args.startTime ?? null, endTime: args.endTime ?? null };
  }
  const durationMinutes = args.durationMinutes ?? DEFAULT_WINDOW_MINUTES;
  if (durationMinutes < 1 || durationMinutes > EVENT_RETENTION_MINUTES) {
    throw new InvalidArgumentError('durationMinutes', `durationMinutes must be between 1 and ${EVENT_RETENTION_MINUTES}.`);
  }
  return { durationMinutes };
}

builder.objectField(ReplicationGroup, 'events', (t) =>
  t.field({
    type: [ElastiCacheEvent],
    // Nullable so that a failed DescribeEvents costs this field only, not the whole group.
    nullable: { list: true, items: false },
    description:
      'Events about this replication group, oldest first: the last `durationMinutes` minutes (default 60), or from `startTime` to `endTime` (ElastiCache keeps 14 days). The asynchronous outcome of testMigration arrives here. The events of many groups in one request cost one DescribeEvents listing.',
    args: {
      durationMinutes: t.arg.int({ description: `How far back to look, in minutes (1 to ${EVENT_RETENTION_MINUTES}).` }),
      startTime: t.arg({ type: 'DateTime', description: 'The start of the window (instead of durationMinutes).' }),
      endTime: t.arg({ type: 'DateTime', description: 'The end of the window (default: now).' }),
    },
    resolve: (group, args, context) =>
      context.loaders.groupEvents.load({
        region: parseArn(group.ARN)?.region ?? context.clients.defaultRegion,
        replicationGroupId: group.ReplicationGroupId ?? '',
        window: eventWindow(args),
      }),
  }),
);

builder.queryField('events', (t) =>
  t.connection({
    type: ElastiCacheEvent,
    edgesNullable: { list: false, items: false },
    nodeNullable: false,
    description:
      "A region's replication-group events, oldest first, in pages of `first` (1 to 100, default 20): the last `durationMinutes` minutes (default 60), or from `startTime` to `endTime`.",
    args: {
      region: t.arg.string({ description: 'The AWS Region; the gateway default when omitted.' }),
      durationMinutes: t.arg.int({ description: `How far back to look, in minutes (1 to ${EVENT_RETENTION_MINUTES}).` }),
      startTime: t.arg({ type: 'DateTime', description: 'The start of the window (instead of durationMinutes).' }),
      endTime: t.arg({ type: 'DateTime', description: 'The end of the window (default: now).' }),
    },
    resolve: (_root, args, context) =>
      listRegionEvents(context, { region: args.region, first: args.first, after: args.after, before: args.before, last: args.last, window: eventWindow(args) }),
  },
  { name: 'ElastiCacheEventConnection', description: 'A page of ElastiCache events.' },
  { name: 'ElastiCacheEventEdge', description: 'An event and the cursor to resume after it.' }),
);
