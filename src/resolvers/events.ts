import { paginateDescribeEvents, type Event } from '@aws-sdk/client-elasticache';
import type { Logger } from '../logger.js';
import { callAws } from './aws-call.js';
import type { ElastiCacheClients } from './clients.js';

/** The last N minutes, or from `startTime` (default: 14 days back) to `endTime` (default: now). */
export type EventWindow = { durationMinutes: number } | { startTime?: Date | null; endTime?: Date | null };

export interface EventsQuery {
  region: string;
  /** One replication group's events, or every replication group's of the region. */
  replicationGroupId?: string;
  window: EventWindow;
}

// ElastiCache keeps events for 14 days.
export const EVENT_RETENTION_MINUTES = 14 * 24 * 60;

/** Replication-group events of the window, oldest first, across all DescribeEvents pages. */
export async function describeReplicationGroupEvents(clients: ElastiCacheClients, log: Logger, query: EventsQuery): Promise<Event[]> {
  const { region, client } = clients.forRegion(query.region);
  return callAws({ operation: 'DescribeEvents', region, log }, async () => {
    const events: Event[] = [];
    const pages = paginateDescribeEvents(
      { client, pageSize: 100 },
      {
        SourceType: 'replication-group',
        ...(query.replicationGroupId ? { SourceIdentifier: query.replicationGroupId } : {}),
        ...windowParameters(query.window),
      },
    );
    for await (const page of pages) events.push(...(page.Events ?? []));
    return sortOldestFirst(events);
  });
}

export function windowParameters(window: EventWindow): { Duration?: number; StartTime?: Date; EndTime?: Date } {
  if ('durationMinutes' in window) return { Duration: window.durationMinutes };
  return {
    StartTime: window.startTime ?? new Date(Date.now() - EVENT_RETENTION_MINUTES * 60_000),
    EndTime: window.endTime ?? new Date(),
  };
}

export function windowKey(window: EventWindow): string {
  return 'durationMinutes' in window ? `d${window.durationMinutes}` : `s${window.startTime?.toISOString() ?? ''}e${window.endTime?.toISOString() ?? ''}`;
}

export function sortOldestFirst(events: Event[]): Event[] {
  return events.sort((a, b) => (a.Date?.getTime() ?? 0) - (b.Date?.getTime() ?? 0));
}

export interface GroupEventsKey {
  region: string;
  replicationGroupId: string;
  window: EventWindow;
}

/**
 * Batch function of the per-request events loader: the events of many groups over one window
 * cost one listing of the region's replication-group events, filtered here; a single group
 * keeps its own, narrower call.
 */
export async function loadGroupEvents(clients: ElastiCacheClients, log: Logger, keys: readonly GroupEventsKey[]): Promise<(Event[] | Error)[]> {
  const batches = new Map<string, GroupEventsKey[]>();
  for (const key of keys) {
    const batchKey = `${key.region}\u0000${windowKey(key.window)}`;
    batches.set(batchKey, [...(batches.get(batchKey) ?? []), key]);
  }
  const results = new Map<GroupEventsKey, Event[] | Error>();
  await Promise.all(
    [...batches.values()].map(async (batch) => {
      const [sample] = batch;
      if (!sample) return;
      try {
        const distinctIds = new Set(batch.map((key) => key.replicationGroupId.toLowerCase()));
        const events = await describeReplicationGroupEvents(clients, log, {
          region: sample.region,
          window: sample.window,
          ...(distinctIds.size === 1 ? { replicationGroupId: sample.replicationGroupId } : {}),
        });
        for (const key of batch) {
          const id = key.replicationGroupId.toLowerCase();
          results.set(key, events.filter((event) => event.SourceIdentifier?.toLowerCase() === id));
        }
      } catch (error) {
        for (const key of batch) results.set(key, error instanceof Error ? error : new Error(String(error)));
      }
    }),
  );
  return keys.map((key) => results.get(key) ?? []);
}
