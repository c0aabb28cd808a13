import { paginateDescribeEvents, type Event } from '@aws-sdk/client-elasticache';
import type { GatewayContext } from '../context.js';
import { callAws } from './aws-call.js';

export interface ReplicationGroupEventsQuery {
  region: string;
  replicationGroupId: string;
  durationMinutes: number;
}

/** Every replication-group event of the window, oldest first, across all DescribeEvents pages. */
export async function listReplicationGroupEvents(
  context: GatewayContext,
  query: ReplicationGroupEventsQuery,
): Promise<Event[]> {
  const { region, client } = context.clients.forRegion(query.region);
  return callAws({ operation: 'DescribeEvents', region, log: context.log }, async () => {
    const events: Event[] = [];
    const pages = paginateDescribeEvents(
      { client, pageSize: 100 },
      {
        SourceType: 'replication-group',
        SourceIdentifier: query.replicationGroupId,
        Duration: query.durationMinutes,
      },
    );
    for await (const page of pages) events.push(...(page.Events ?? []));
    return events.sort((a, b) => (a.Date?.getTime() ?? 0) - (b.Date?.getTime() ?? 0));
  });
}
