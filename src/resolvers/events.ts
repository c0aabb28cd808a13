import { paginateDescribeEvents, type Event } from '@aws-sdk/client-elasticache';
import type { GatewayContext } from '../context.js';
import type { Logger } from '../logger.js';
import { callAws } from './aws-call.js';
import type { ElastiCacheClients } from './clients.js';

export interface ReplicationGroupEventsQuery {
  region: string;
  replicationGroupId: string;
  /** The last N minutes, or everything since a moment. */
  window: { durationMinutes: number } | { since: Date };
}

/** Every replication-group event of the window, oldest first, across all DescribeEvents pages. */
export async function describeReplicationGroupEvents(clients: ElastiCacheClients, log: Logger, query: ReplicationGroupEventsQuery): Promise<Event[]> {
  const { region, client } = clients.forRegion(query.region);
  return callAws({ operation: 'DescribeEvents', region, log }, async () => {
    const events: Event[] = [];
    const pages = paginateDescribeEvents(
      { client, pageSize: 100 },
      {
        SourceType: 'replication-group',
        SourceIdentifier: query.replicationGroupId,
        ...('since' in query.window ? { StartTime: query.window.since, EndTime: new Date() } : { Duration: query.window.durationMinutes }),
      },
    );
    for await (const page of pages) events.push(...(page.Events ?? []));
    return events.sort((a, b) => (a.Date?.getTime() ?? 0) - (b.Date?.getTime() ?? 0));
  });
}

export function listReplicationGroupEvents(
  context: GatewayContext,
  query: { region: string; replicationGroupId: string; durationMinutes: number },
): Promise<Event[]> {
  return describeReplicationGroupEvents(context.clients, context.log, {
    region: query.region,
    replicationGroupId: query.replicationGroupId,
    window: { durationMinutes: query.durationMinutes },
  });
}
