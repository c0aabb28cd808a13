import { describeRegionEventsPage, fixedWindow } from '../aws/events.js';
import { pageThrough } from './pager.js';
import type { EventRecord } from '../aws/records.js';
import type { GatewayContext } from '../context.js';
import {
  eventWindowArguments,
  pageSizeArgument,
  locationArgument,
  type LocationArgs,
  type ConnectionArgs,
  type EventWindowArgs,
} from './arguments.js';
import { toConnection } from './connection.js';

/** A Relay page of a region's replication-group events, over DescribeEvents' own paging. */
export async function listRegionEvents(context: GatewayContext, args: ConnectionArgs & EventWindowArgs & LocationArgs) {
  const location = locationArgument(context, args);
  const first = pageSizeArgument(args);
  // A duration is turned into fixed times once, so the pages of one walk see the same window.
  const window = fixedWindow(eventWindowArguments(args));
  const result = await pageThrough<EventRecord>({
    kind: 'events',
    locations: [location],
    first,
    after: args.after,
    fetchPage: (pageLocation, marker, pageSize) =>
      describeRegionEventsPage(context.clients, pageLocation, window, marker, { signal: context.signal }, pageSize),
  });
  return toConnection(result, args.after);
}
