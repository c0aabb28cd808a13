import type { Event as SdkEvent } from '@aws-sdk/client-elasticache';
import { InvalidArgumentError } from '../errors.js';
import { listReplicationGroupEvents } from '../resolvers/events.js';
import { parseArn } from '../resolvers/arn.js';
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

// ElastiCache keeps events for 14 days.
const MAX_EVENT_WINDOW_MINUTES = 14 * 24 * 60;

builder.objectField(ReplicationGroup, 'events', (t) =>
  t.field({
    type: [ElastiCacheEvent],
    // Nullable so that a failed DescribeEvents costs this field only, not the whole group.
    nullable: { list: true, items: false },
    description:
      'Events about this replication group in the last `durationMinutes` minutes, oldest first. The asynchronous outcome of testMigration arrives here.',
    args: {
      durationMinutes: t.arg.int({
        required: true,
        defaultValue: 60,
        description: `How far back to look, in minutes (1 to ${MAX_EVENT_WINDOW_MINUTES}: ElastiCache keeps 14 days).`,
      }),
    },
    resolve: (group, args, context) => {
      if (args.durationMinutes < 1 || args.durationMinutes > MAX_EVENT_WINDOW_MINUTES) {
        throw new InvalidArgumentError('durationMinutes', `durationMinutes must be between 1 and ${MAX_EVENT_WINDOW_MINUTES}.`);
      }
      return listReplicationGroupEvents(context, {
        region: parseArn(group.ARN)?.region ?? context.clients.defaultRegion,
        replicationGroupId: group.ReplicationGroupId ?? '',
        durationMinutes: args.durationMinutes,
      });
    },
  }),
);
