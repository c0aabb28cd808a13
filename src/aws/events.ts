import { DescribeEventsCommand, type DescribeEventsCommandOutput } from '@aws-sdk/client-elasticache';
import { EVENT_RETENTION_MINUTES, sortOldestFirst } from '../rules/event-retention.js';
import { asError } from './batch.js';
import type { ElastiCacheClients, SendOptions } from './clients.js';
import { MAX_PAGE_SIZE, readPages, type AwsPage } from './pages.js';
import { eventRecord, type EventRecord } from './records.js';

/** The last N minutes, or from `startTime` (default: 14 days back) to `endTime` (default: now). */
export type EventWindow = { durationMinutes: number } | { startTime?: Date | null; endTime?: Date | null };

export interface GroupEventsQuery {
  location: string;
  replicationGroupId: string;
  window: EventWindow;
}

/**
 * AWS calls one group's event read may make. A window holding more events than one page (100) is
 * read again from later on, so that the newest events are kept whatever order AWS lists them in
 * (it does not document one) and a busy group costs at most this many calls. Eight halvings
 * narrow a burst of thousands of events in a few seconds to under a page; six did not always.
 */
export const MAX_GROUP_EVENT_CALLS = 8;

/**
 * Pages of the region-wide listing (in one account) that serves the events of many groups at once: at least 5,
 * and up to one page per group asked (read group by group, they would cost a call each), at most
 * MAX_REGION_EVENT_PAGES.
 */
export const MIN_REGION_EVENT_PAGES = 5;
export const MAX_REGION_EVENT_PAGES = 20;

/**
 * "The last N minutes" is asked of AWS with its edges rounded out to this step, so that the
 * requests of a few seconds ask AWS the same question (shared in flight and by the read cache,
 * clients.ts) instead of one that differs by milliseconds; the events are then cut to the exact
 * window.
 */
export const WINDOW_STEP_MS = 10_000;

/** How far AWS's clock may be ahead of the gateway's, for the search of a busy group's newest events. */
const CLOCK_SKEW_MS = 1_000;

/**
 * One group's events of the window, oldest first: all of them when they fit in one page of 100;
 * otherwise the newest ones, from a narrower window that ends where the asked one ends, found by
 * bisecting its start: later after a page that overflows, earlier after one past every event.
 * (Guessing the start from a page's density of events fails on the usual shape of a busy
 * history, a burst followed by a quiet spell: the guess lands in the quiet spell.)
 */
export async function describeGroupEvents(
  aws: ElastiCacheClients,
  query: GroupEventsQuery,
  options: SendOptions = {},
): Promise<EventRecord[]> {
  return (await describeGroupEventsOf(aws, query, options)).events;
}

/**
 * describeGroupEvents, saying whether the events are all of the window's (`complete`): false when
 * it kept the newest page of a busier window.
 */
export async function describeGroupEventsOf(
  aws: ElastiCacheClients,
  query: GroupEventsQuery,
  options: SendOptions = {},
): Promise<{ events: EventRecord[]; complete: boolean }> {
  const command = (StartTime: Date, EndTime: Date) =>
    new DescribeEventsCommand({
      SourceType: 'replication-group',
      SourceIdentifier: query.replicationGroupId,
      StartTime,
      EndTime,
      MaxRecords: MAX_PAGE_SIZE,
    });
  const first = await firstCall(aws, query.location, query.window, command, options);
  const { StartTime, EndTime } = first.times;
  const cut = (events: EventRecord[], complete = false) => ({
    events: sortOldestFirst(withinWindow(events, query.window)),
    complete,
  });
  let earliest = StartTime.getTime();
  // The window's end is rounded out, up to 10 s ahead: no event is newer than now (give or take
  // a second of clock skew), so the search for the newest page starts from there.
  let latest = Math.min(EndTime.getTime(), Date.now() + CLOCK_SKEW_MS);
  let from = StartTime;
  let overflowing: EventRecord[] = [];
  // How long the last full page took to happen: a window that wide before `latest` holds about a
  // page if events keep that pace.
  let pageSpan = Number.POSITIVE_INFINITY;
  for (let call = 1; ; call++) {
    const output = call === 1 ? first.output : await aws.send(query.location, command(from, EndTime), options);
    const events = (output.Events ?? []).map((event) => eventRecord(query.location, event));
    if (!output.Marker) {
      // The whole window in one page, or the newest events of a narrower one.
      if (events.length > 0 || overflowing.length === 0) return cut(events, from.getTime() === StartTime.getTime());
      latest = from.getTime();
    } else {
      const first = events[0]?.Date?.getTime() ?? 0;
      const last = events.at(-1)?.Date?.getTime() ?? 0;
      // Listed newest first: this page holds the newest events.
      if (first > last) return cut(events);
      // Listed oldest first: what was not returned is newer than this page.
      overflowing = events;
      earliest = Math.max(last, from.getTime());
      pageSpan = last - first;
      // Events newer than `latest` after all (a clock further off than assumed): search up to the end.
      if (earliest >= latest) latest = EndTime.getTime();
    }
    if (call === MAX_GROUP_EVENT_CALLS) return cut(overflowing);
    // Halve the unknown stretch, but start no later than one page span before its end: halving
    // alone needs 9-10 calls on dense histories (a simulation of 2,000 events in 1-20 s: up to 10
    // calls; with the page span: at most 8).
    from = new Date(Math.max(earliest, Math.min(earliest + (latest - earliest) / 2, latest - pageSpan)));
  }
}

/** One AWS page of a location's replication-group events in a fixed window. */
export async function describeRegionEventsPage(
  aws: ElastiCacheClients,
  location: string,
  window: { StartTime: Date; EndTime: Date },
  marker: string | null,
  options: SendOptions = {},
  pageSize: number = MAX_PAGE_SIZE,
): Promise<AwsPage<EventRecord>> {
  return regionEventsPage(location, await aws.send(location, regionEventsCommand(window, marker, pageSize), options));
}

function regionEventsCommand(
  window: { StartTime: Date; EndTime: Date },
  marker: string | null,
  pageSize: number,
): DescribeEventsCommand {
  return new DescribeEventsCommand({
    SourceType: 'replication-group',
    ...window,
    MaxRecords: pageSize,
    ...(marker ? { Marker: marker } : {}),
  });
}

function regionEventsPage(location: string, output: DescribeEventsCommandOutput): AwsPage<EventRecord> {
  return { items: (output.Events ?? []).map((event) => eventRecord(location, event)), next: output.Marker ?? null };
}

/** Every replication group's events of the location in the window, unless it takes more than `maxPages` pages. */
async function describeRegionEvents(
  aws: ElastiCacheClients,
  location: string,
  window: EventWindow,
  maxPages: number,
  options: SendOptions,
): Promise<EventRecord[] | null> {
  let times = sharedWindow(window);
  const { items, complete } = await readPages(
    async (marker) => {
      if (marker !== null) return describeRegionEventsPage(aws, location, times, marker, options);
      const first = await firstCall(
        aws,
        location,
        window,
        (StartTime, EndTime) => regionEventsCommand({ StartTime, EndTime }, null, MAX_PAGE_SIZE),
        options,
      );
      times = first.times;
      return regionEventsPage(location, first.output);
    },
    { maxPages },
  );
  return complete ? withinWindow(items, window) : null;
}

/** The window as fixed times, so that every call of one read sees the same one. */
export function fixedWindow(window: EventWindow): { StartTime: Date; EndTime: Date } {
  const now = Date.now();
  if ('durationMinutes' in window)
    return { StartTime: new Date(now - window.durationMinutes * 60_000), EndTime: new Date(now) };
  return {
    StartTime: window.startTime ?? new Date(now - EVENT_RETENTION_MINUTES * 60_000),
    EndTime: window.endTime ?? new Date(now),
  };
}

/** The window asked of AWS for shared reads: a duration's edges rounded out to WINDOW_STEP_MS. */
function sharedWindow(window: EventWindow): { StartTime: Date; EndTime: Date } {
  if (!('durationMinutes' in window)) return fixedWindow(window);
  const { StartTime, EndTime } = fixedWindow(window);
  const step = WINDOW_STEP_MS;
  return {
    StartTime: new Date(Math.floor(StartTime.getTime() / step) * step),
    EndTime: new Date(Math.ceil(EndTime.getTime() / step) * step),
  };
}

/**
 * The first call of a read of `window`: asked of the window's current step, unless the same call
 * one step back (a duration's window as asked up to WINDOW_STEP_MS ago) has an answer kept or on
 * its way (clients.ts `sendOrReuse`): then a burst of reads that straddles a step's edge costs
 * one call, not two. `times` is the window the answer is for, which the read's later calls keep.
 */
async function firstCall(
  aws: ElastiCacheClients,
  location: string,
  window: EventWindow,
  command: (StartTime: Date, EndTime: Date) => DescribeEventsCommand,
  options: SendOptions,
): Promise<{ output: DescribeEventsCommandOutput; times: { StartTime: Date; EndTime: Date } }> {
  const times = sharedWindow(window);
  if (!('durationMinutes' in window))
    return { output: await aws.send(location, command(times.StartTime, times.EndTime), options), times };
  const earlier = {
    StartTime: new Date(times.StartTime.getTime() - WINDOW_STEP_MS),
    EndTime: new Date(times.EndTime.getTime() - WINDOW_STEP_MS),
  };
  const { output, reused } = await aws.sendOrReuse(
    location,
    command(earlier.StartTime, earlier.EndTime),
    command(times.StartTime, times.EndTime),
    options,
  );
  return { output, times: reused ? earlier : times };
}

/** Cuts what `sharedWindow` added: events older than the last `durationMinutes`. */
function withinWindow(events: EventRecord[], window: EventWindow): EventRecord[] {
  if (!('durationMinutes' in window)) return events;
  const start = Date.now() - window.durationMinutes * 60_000;
  return events.filter((event) => (event.Date?.getTime() ?? 0) >= start);
}

export function windowKey(window: EventWindow): string {
  return 'durationMinutes' in window
    ? `d${window.durationMinutes}`
    : `s${window.startTime?.toISOString() ?? ''}e${window.endTime?.toISOString() ?? ''}`;
}

/**
 * Batch function of the per-request events loader: the events of many groups over one window
 * cost one listing of the location's replication-group events, filtered here (up to one page per
 * group asked, between MIN_ and MAX_REGION_EVENT_PAGES; a busier location is read group by group
 * instead); a single group keeps its own, narrower call.
 */
export async function readGroupEvents(
  aws: ElastiCacheClients,
  keys: readonly GroupEventsQuery[],
  options: SendOptions = {},
): Promise<(EventRecord[] | Error)[]> {
  const batches = new Map<string, GroupEventsQuery[]>();
  for (const key of keys) {
    const batchKey = `${key.location} ${windowKey(key.window)}`;
    batches.set(batchKey, [...(batches.get(batchKey) ?? []), key]);
  }
  const results = new Map<GroupEventsQuery, EventRecord[] | Error>();
  await Promise.all(
    [...batches.values()].map(async (batch) => {
      const [sample] = batch;
      if (!sample) return;
      const distinctIds = new Set(batch.map((key) => key.replicationGroupId.toLowerCase()));
      const maxPages = Math.min(MAX_REGION_EVENT_PAGES, Math.max(MIN_REGION_EVENT_PAGES, distinctIds.size));
      const regionEvents =
        distinctIds.size > 1
          ? await describeRegionEvents(aws, sample.location, sample.window, maxPages, options).catch(asError)
          : null;
      await Promise.all(
        batch.map(async (key) => {
          const id = key.replicationGroupId.toLowerCase();
          if (regionEvents instanceof Error) return results.set(key, regionEvents);
          if (regionEvents)
            return results.set(
              key,
              sortOldestFirst(regionEvents.filter((event) => event.SourceIdentifier?.toLowerCase() === id)),
            );
          return results.set(key, await describeGroupEvents(aws, key, options).catch(asError));
        }),
      );
    }),
  );
  return keys.map((key) => results.get(key) ?? []);
}
