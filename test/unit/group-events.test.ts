import type { Event } from '@aws-sdk/client-elasticache';
import { describe, expect, it } from 'vitest';
import { ElastiCacheClients, type AwsCall } from '../../src/aws/clients.js';
import { describeGroupEvents, MAX_GROUP_EVENT_CALLS } from '../../src/aws/events.js';

/**
 * Clients whose AWS is an interceptor answering DescribeEvents with `page(call)`; more than
 * `limit` calls fail the read (a reader without a cap would otherwise loop until the timeout).
 */
function clientsAnswering(page: (input: Record<string, unknown>) => { Events: Event[]; Marker?: string }, limit = 50) {
  const calls: AwsCall[] = [];
  const clients = new ElastiCacheClients(['us-east-1'], {
    maxAttempts: 1,
    connectionTimeoutMs: 100,
    requestTimeoutMs: 100,
    credentials: { accessKeyId: 'unit', secretAccessKey: 'unit' },
    interceptors: [
      (call) => {
        calls.push(call);
        if (calls.length > limit) return Promise.reject(new Error(`more than ${limit} calls`));
        return Promise.resolve(page(call.input));
      },
    ],
  });
  return { clients, calls };
}

/** `count` events spread evenly over [from, to], oldest first. */
function eventsBetween(from: number, to: number, count: number): Event[] {
  return Array.from({ length: count }, (_, index) => ({
    SourceIdentifier: 'busy',
    SourceType: 'replication-group',
    Message: `event at ${from + ((to - from) * index) / (count - 1)}`,
    Date: new Date(from + ((to - from) * index) / (count - 1)),
  }));
}

describe('describeGroupEvents on a group whose every window overflows a page', () => {
  it(`stops after MAX_GROUP_EVENT_CALLS (${MAX_GROUP_EVENT_CALLS}) calls with the newest page it found`, async () => {
    // A pathological listing: however narrow the window, a full page, oldest first, and more to come.
    let last: Event[] = [];
    const { clients, calls } = clientsAnswering((input) => {
      const from = (input.StartTime as Date).getTime();
      const to = Math.min((input.EndTime as Date).getTime(), Date.now());
      last = eventsBetween(from, Math.max(from + 1, to - 1), 100);
      return { Events: last, Marker: 'more' };
    });
    const events = await describeGroupEvents(clients, {
      region: 'us-east-1',
      replicationGroupId: 'busy',
      window: { durationMinutes: 60 },
    });
    expect(calls).toHaveLength(MAX_GROUP_EVENT_CALLS);
    // Each call narrows the window: its start moves later every time.
    const starts = calls.map((call) => (call.input.StartTime as Date).getTime());
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(starts).size).toBe(starts.length);
    expect(events.map((event) => event.Message)).toEqual(last.map((event) => event.Message));
    clients.destroy();
  });

  it('reads a window that fits one page with one call', async () => {
    const { clients, calls } = clientsAnswering(() => ({
      Events: eventsBetween(Date.now() - 60_000, Date.now() - 1_000, 3),
    }));
    const events = await describeGroupEvents(clients, {
      region: 'us-east-1',
      replicationGroupId: 'busy',
      window: { durationMinutes: 60 },
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.input).toMatchObject({
      SourceType: 'replication-group',
      SourceIdentifier: 'busy',
      MaxRecords: 100,
    });
    expect(events).toHaveLength(3);
    clients.destroy();
  });
});
