import { DescribeEventsCommand, type Event } from '@aws-sdk/client-elasticache';
import type { GatewayContext } from '../context.js';
import { fixedWindow, type EventWindow } from './events.js';
import { MAX_PAGE_SIZE, pageThrough } from './marker-pager.js';
import { checkFirst, toConnection, type ConnectionArgs } from './connection.js';

/** A Relay page of a region's replication-group events, over DescribeEvents' own paging. */
export async function listRegionEvents(context: GatewayContext, args: ConnectionArgs & { region?: string | null; window: EventWindow }) {
  const { region } = context.clients.forRegion(args.region);
  const first = checkFirst(args);
  // A duration is turned into fixed times once, so the pages of one walk see the same window.
  const window = fixedWindow(args.window);
  const result = await pageThrough<Event>({
    kind: 'events',
    regions: [region],
    first,
    after: args.after,
    fetchPage: async (pageRegion, marker) => {
      const output = await context.clients.send(
        pageRegion,
        new DescribeEventsCommand({ SourceType: 'replication-group', MaxRecords: MAX_PAGE_SIZE, ...window, ...(marker ? { Marker: marker } : {}) }),
        { signal: context.signal },
      );
      return { items: output.Events ?? [], nextMarker: output.Marker ?? null };
    },
  });
  return toConnection(result, args.after);
}
