import type { Event } from '@aws-sdk/client-elasticache';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  describeGroupEvents,
  describeGroupEventsOf,
  fixedWindow,
  MAX_GROUP_EVENT_CALLS,
  MIN_REGION_EVENT_PAGES,
  readGroupEvents,
  windowKey,
  WINDOW_STEP_MS,
} from '../../src/aws/events.js';
import { EVENT_RETENTION_MS } from '../../src/rules/event-retention.js';
import { answeringClients } from '../support/answering-clients.js';

/**
 * Clients whose AWS is an interceptor answering DescribeEvents with `page(call)`; more than
 * `limit` calls fail the read (a reader without a cap would otherwise loop until the timeout).
 */
function clientsAnswering(page: (input: Record<string, unknown>) => { Events: Event[]; Marker?: string }, limit = 50) {
  return answeringClients(['us-east-1'], (call, calls) => {
    if (calls.length > limit) throw new Error(`more than ${limit} calls`);
    return page(call.input);
  });
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
      location: 'us-east-1',
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

  it('reads a window without events with one call, and finds none', async () => {
    const { clients, calls } = clientsAnswering(() => ({ Events: [] }));
    const events = await describeGroupEvents(clients, {
      location: 'us-east-1',
      replicationGroupId: 'quiet',
      window: { durationMinutes: 60 },
    });
    expect(events).toEqual([]);
    expect(calls).toHaveLength(1);
    clients.destroy();
  });

  it('reads a window that fits one page with one call', async () => {
    const { clients, calls } = clientsAnswering(() => ({
      Events: eventsBetween(Date.now() - 60_000, Date.now() - 1_000, 3),
    }));
    const events = await describeGroupEvents(clients, {
      location: 'us-east-1',
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

/**
 * An AWS-like listing of `events` (oldest first, as the local endpoint and, it seems, AWS list
 * them): the events in the call's window, filtered by SourceIdentifier when given, in pages of
 * MaxRecords with a Marker when more follow.
 */
function listing(events: Event[]) {
  return (input: Record<string, unknown>) => {
    const from = (input.StartTime as Date).getTime();
    const to = (input.EndTime as Date).getTime();
    const source = input.SourceIdentifier as string | undefined;
    const inWindow = events.filter((event) => {
      const at = event.Date?.getTime() ?? 0;
      return at >= from && at <= to && (source === undefined || event.SourceIdentifier === source);
    });
    const start = Number(input.Marker ?? 0);
    const size = input.MaxRecords as number;
    const page = inWindow.slice(start, start + size);
    return { Events: page, ...(start + size < inWindow.length ? { Marker: String(start + size) } : {}) };
  };
}

const eventOf = (source: string, at: number, message = `${source} at ${at}`): Event => ({
  SourceIdentifier: source,
  SourceType: 'replication-group',
  Message: message,
  Date: new Date(at),
});

describe('describeGroupEvents on a busy group', () => {
  it.each([
    ['spread over the last hour', (now: number) => Array.from({ length: 250 }, (_, i) => now - 3_600_000 + i * 14_000)],
    ['a burst a minute ago, then quiet', (now: number) => Array.from({ length: 400 }, (_, i) => now - 60_000 + i * 10)],
    ['a burst in the last second', (now: number) => Array.from({ length: 300 }, (_, i) => now - 1_000 + i * 3)],
  ])('%s: keeps the newest events, all of them from its first on, in at most 8 calls', async (_shape, times) => {
    const now = Date.now();
    const all = times(now).map((at) => eventOf('busy', at));
    const { clients, calls } = clientsAnswering(listing(all));
    const events = await describeGroupEvents(clients, {
      location: 'us-east-1',
      replicationGroupId: 'busy',
      window: { durationMinutes: 120 },
    });
    expect(calls.length).toBeLessThanOrEqual(MAX_GROUP_EVENT_CALLS);
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThanOrEqual(100);
    // A suffix of the history: the newest event, and every event after the first one kept.
    const firstKept = all.findIndex((event) => event.Message === events[0]?.Message);
    expect(events.map((event) => event.Message)).toEqual(all.slice(firstKept).map((event) => event.Message));
    clients.destroy();
  });
});

describe('describeGroupEventsOf: whether the events are all of the window', () => {
  const read = async (events: Event[]) => {
    const { clients } = clientsAnswering(listing(events));
    const answer = await describeGroupEventsOf(clients, {
      location: 'us-east-1',
      replicationGroupId: 'busy',
      window: { durationMinutes: 120 },
    });
    clients.destroy();
    return answer;
  };

  it('says complete for a window that fits a page, empty or full', async () => {
    const now = Date.now();
    expect(await read([])).toEqual({ events: [], complete: true });
    const hundred = Array.from({ length: 100 }, (_, i) => eventOf('busy', now - 60_000 + i * 100));
    const whole = await read(hundred);
    expect(whole.events).toHaveLength(100);
    expect(whole.complete).toBe(true);
  });

  it('says incomplete when it kept the newest page of a busier window', async () => {
    const now = Date.now();
    const busy = await read(Array.from({ length: 101 }, (_, i) => eventOf('busy', now - 60_000 + i * 100)));
    expect(busy.events.length).toBeLessThanOrEqual(100);
    expect(busy.events.at(-1)?.Message).toBe(`busy at ${now - 60_000 + 100 * 100}`);
    expect(busy.complete).toBe(false);
  });

  it('says incomplete for a listing that comes newest first with more to come', async () => {
    const now = Date.now();
    const { clients } = clientsAnswering(() => ({
      Events: [eventOf('busy', now - 1_000), eventOf('busy', now - 2_000)],
      Marker: 'more',
    }));
    const answer = await describeGroupEventsOf(clients, {
      location: 'us-east-1',
      replicationGroupId: 'busy',
      window: { durationMinutes: 120 },
    });
    clients.destroy();
    expect(answer.complete).toBe(false);
    expect(answer.events).toHaveLength(2);
  });
});

describe('describeGroupEvents: listings in other orders and clocks', () => {
  it('keeps the first page of a listing that comes newest first (one call)', async () => {
    const now = Date.now();
    const all = Array.from({ length: 250 }, (_, i) => eventOf('busy', now - 100_000 + i * 100));
    const newestFirst = [...all].reverse();
    const { clients, calls } = clientsAnswering(() => ({ Events: newestFirst.slice(0, 100), Marker: '100' }));
    const events = await describeGroupEvents(clients, {
      location: 'us-east-1',
      replicationGroupId: 'busy',
      window: { durationMinutes: 60 },
    });
    expect(calls).toHaveLength(1);
    expect(events.map((event) => event.Message)).toEqual(all.slice(150).map((event) => event.Message));
    clients.destroy();
  });

  it("finds the newest events when AWS's clock is ahead of the gateway's", async () => {
    const now = Date.now();
    // 1,000 events stamped 2 to 5 s ahead of this clock (within a window of fixed times that allows
    // them): page by page, they would take 10 calls.
    const all = Array.from({ length: 1_000 }, (_, i) => eventOf('busy', now + 2_000 + i * 3));
    const { clients } = clientsAnswering(listing(all));
    const events = await describeGroupEvents(clients, {
      location: 'us-east-1',
      replicationGroupId: 'busy',
      window: { startTime: new Date(now - 60_000), endTime: new Date(now + 60_000) },
    });
    expect(events.at(-1)?.Message).toBe(all.at(-1)?.Message);
    clients.destroy();
  });
});

describe('event windows', () => {
  it('fixes a window to times: the last N minutes, or from a start (default: 14 days back) to an end (default: now)', () => {
    const before = Date.now();
    const hour = fixedWindow({ durationMinutes: 60 });
    const open = fixedWindow({});
    const after = Date.now();
    expect(hour.EndTime.getTime() - hour.StartTime.getTime()).toBe(3_600_000);
    expect(hour.EndTime.getTime()).toBeGreaterThanOrEqual(before);
    expect(hour.EndTime.getTime()).toBeLessThanOrEqual(after);
    expect(open.EndTime.getTime() - open.StartTime.getTime()).toBe(EVENT_RETENTION_MS);
    const start = new Date('2026-12-01T00:00:00Z');
    const end = new Date('2026-12-02T00:00:00Z');
    expect(fixedWindow({ startTime: start, endTime: end })).toEqual({ StartTime: start, EndTime: end });
    expect(fixedWindow({ startTime: start, endTime: null }).StartTime).toBe(start);
  });

  it('names a window for batching: by duration, or by its edges', () => {
    expect(windowKey({ durationMinutes: 60 })).toBe('d60');
    expect(windowKey({ startTime: new Date(0), endTime: new Date(1_000) })).toBe(
      's1970-01-01T00:00:00.000Ze1970-01-01T00:00:01.000Z',
    );
    expect(windowKey({})).toBe('se');
  });

  it('asks AWS a window rounded out to the step, and cuts the events back to the exact last N minutes', async () => {
    const now = Date.now();
    // AWS answers with whatever it holds; the reader must cut what is older than asked.
    const answer = [eventOf('g', now - 61_000, 'too old'), eventOf('g', now - 30_000, 'in the last minute')];
    const { clients, calls } = clientsAnswering(() => ({ Events: answer }));
    const events = await describeGroupEvents(clients, {
      location: 'us-east-1',
      replicationGroupId: 'g',
      window: { durationMinutes: 1 },
    });
    expect(events.map((event) => event.Message)).toEqual(['in the last minute']);
    const asked = calls[0]?.input as { StartTime: Date; EndTime: Date };
    expect(asked.StartTime.getTime() % WINDOW_STEP_MS).toBe(0);
    expect(asked.EndTime.getTime() % WINDOW_STEP_MS).toBe(0);
    expect(asked.StartTime.getTime()).toBeLessThanOrEqual(now - 60_000);
    expect(asked.EndTime.getTime()).toBeGreaterThanOrEqual(now);
    clients.destroy();
  });

  it('asks a window of fixed times as it is, and keeps every event AWS returns for it', async () => {
    const answer = [eventOf('g', 1_000), eventOf('g', 2_000)];
    const { clients, calls } = clientsAnswering(() => ({ Events: answer }));
    const events = await describeGroupEvents(clients, {
      location: 'us-east-1',
      replicationGroupId: 'g',
      window: { startTime: new Date(1_500), endTime: new Date(3_000) },
    });
    expect(events).toHaveLength(2);
    expect(calls[0]?.input).toMatchObject({ StartTime: new Date(1_500), EndTime: new Date(3_000) });
    clients.destroy();
  });

  it('keeps an event exactly at the start of the last N minutes, and drops one with no date', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.UTC(2026, 11, 4, 12, 0, 5) });
    try {
      const now = Date.now();
      const answer = [{ ...eventOf('g', 0), Date: undefined }, eventOf('g', now - 60_000, 'at the edge')];
      const { clients } = clientsAnswering(() => ({ Events: answer }));
      const events = await describeGroupEvents(clients, {
        location: 'us-east-1',
        replicationGroupId: 'g',
        window: { durationMinutes: 1 },
      });
      expect(events.map((event) => event.Message)).toEqual(['at the edge']);
      clients.destroy();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('readGroupEvents: the events of many groups at once', () => {
  it("reads the region's listing once for several groups, and gives each group its own events, ids in any case", async () => {
    const now = Date.now();
    // Two pages of the region's listing; one event names no group.
    const others = Array.from({ length: 100 }, (_, i) => eventOf(`other-${i}`, now - 50_000 + i));
    const all = [
      ...others,
      { ...eventOf('a', now - 4_000), SourceIdentifier: undefined },
      eventOf('a', now - 3_000),
      eventOf('b', now - 2_000),
      eventOf('a', now - 1_000),
      eventOf('c', now - 500),
    ];
    const { clients, calls } = clientsAnswering(listing(all));
    const window = { durationMinutes: 60 };
    const [a, b, none] = await readGroupEvents(clients, [
      { location: 'us-east-1', replicationGroupId: 'A', window },
      { location: 'us-east-1', replicationGroupId: 'b', window },
      { location: 'us-east-1', replicationGroupId: 'quiet', window },
    ]);
    expect(calls.map((call) => [call.input.SourceIdentifier, call.input.Marker])).toEqual([
      [undefined, undefined],
      [undefined, '100'],
    ]);
    expect((a as Event[]).map((event) => event.Message)).toEqual([`a at ${now - 3_000}`, `a at ${now - 1_000}`]);
    expect((b as Event[]).map((event) => event.Message)).toEqual([`b at ${now - 2_000}`]);
    expect(none).toEqual([]);
    clients.destroy();
  });

  it('reads a single group with its own call, and a region too busy to list group by group', async () => {
    const now = Date.now();
    // More pages than the region listing may read for two groups: each group is then read alone.
    const busy = Array.from({ length: MIN_REGION_EVENT_PAGES * 100 + 1 }, (_, i) =>
      eventOf(i % 2 ? 'x' : 'y', now - 100_000 + i),
    );
    const { clients, calls } = clientsAnswering(listing([...busy, eventOf('a', now - 10), eventOf('b', now - 5)]));
    const window = { durationMinutes: 60 };
    const [single] = await readGroupEvents(clients, [{ location: 'us-east-1', replicationGroupId: 'a', window }]);
    expect((single as Event[]).map((event) => event.SourceIdentifier)).toEqual(['a']);
    expect(calls.map((call) => call.input.SourceIdentifier)).toEqual(['a']);
    calls.length = 0;
    const [a, b] = await readGroupEvents(clients, [
      { location: 'us-east-1', replicationGroupId: 'a', window },
      { location: 'us-east-1', replicationGroupId: 'b', window },
    ]);
    expect(calls.slice(0, MIN_REGION_EVENT_PAGES).every((call) => call.input.SourceIdentifier === undefined)).toBe(
      true,
    );
    expect(
      calls
        .slice(MIN_REGION_EVENT_PAGES)
        .map((call) => call.input.SourceIdentifier)
        .sort(),
    ).toEqual(['a', 'b']);
    expect((a as Event[]).map((event) => event.SourceIdentifier)).toEqual(['a']);
    expect((b as Event[]).map((event) => event.SourceIdentifier)).toEqual(['b']);
    clients.destroy();
  });

  it('gives every group of a failed region listing the error', async () => {
    const { clients } = clientsAnswering(() => {
      throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    });
    const window = { durationMinutes: 60 };
    const results = await readGroupEvents(clients, [
      { location: 'us-east-1', replicationGroupId: 'a', window },
      { location: 'us-east-1', replicationGroupId: 'b', window },
    ]);
    expect(results.map((result) => (result instanceof Error ? result.message : 'events'))).toEqual([
      'connect ECONNREFUSED',
      'connect ECONNREFUSED',
    ]);
    clients.destroy();
  });
});

describe('reads that straddle a step of the window', () => {
  // 12:00:09.999 and 12:00:10.001: the same last minute, asked of AWS as windows one step apart.
  const EDGE = Date.UTC(2026, 11, 6, 12, 0, 10);
  const BEFORE = EDGE - 1;
  const AFTER = EDGE + 1;
  const LAST_MINUTE = { durationMinutes: 1 } as const;
  const query = (replicationGroupId = 'g') => ({ location: 'us-east-1', replicationGroupId, window: LAST_MINUTE });

  // The clock stands at BEFORE at the start of every test here; a test moves it with setSystemTime.
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: BEFORE }));
  afterEach(() => vi.useRealTimers());

  /** An answer given later: every call made before `answer` (or after it) gets it. */
  function answeredLater() {
    let answered: (output: unknown) => void = () => undefined;
    const output = new Promise((resolve) => (answered = resolve));
    return { output, answer: (events: unknown) => answered(events) };
  }

  /** Events at these instants, whatever window is asked (the reader cuts them to its own). */
  function clientsWithEvents(readCacheTtlMs: number, ...instants: number[]) {
    return answeringClients(['us-east-1'], () => ({ Events: instants.map((at) => eventOf('g', at, `at ${at}`)) }), {
      readCacheTtlMs,
    });
  }

  const messages = (events: readonly { Message?: string | undefined }[]) => events.map((event) => event.Message);

  it('takes the answer kept just before the edge (one call), cut to the last minute as it is now', async () => {
    // One event only the earlier minute holds, one both hold.
    const { clients, calls } = clientsWithEvents(5_000, AFTER - 60_001, BEFORE - 1_000);
    expect(messages(await describeGroupEvents(clients, query()))).toEqual([
      `at ${AFTER - 60_001}`,
      `at ${BEFORE - 1_000}`,
    ]);
    vi.setSystemTime(AFTER);
    expect(messages(await describeGroupEvents(clients, query()))).toEqual([`at ${BEFORE - 1_000}`]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.input).toMatchObject({ EndTime: new Date(EDGE), StartTime: new Date(EDGE - 70_000) });
    clients.destroy();
  });

  it('joins the call of the step before while it is in flight', async () => {
    // A reader that made a second call fails on the count, not by waiting for ever.
    const { output, answer } = answeredLater();
    const { clients, calls } = answeringClients(['us-east-1'], () => output, { readCacheTtlMs: 0 });
    const first = describeGroupEvents(clients, query());
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    vi.setSystemTime(AFTER);
    const second = describeGroupEvents(clients, query());
    answer({ Events: [eventOf('g', BEFORE - 1_000, 'shared')] });
    expect(messages(await first)).toEqual(['shared']);
    expect(messages(await second)).toEqual(['shared']);
    expect(calls).toHaveLength(1);
    clients.destroy();
  });

  it('asks its own step when the step before has no answer kept or in flight, or the read is fresh', async () => {
    const uncached = clientsWithEvents(0, BEFORE - 1_000);
    await describeGroupEvents(uncached.clients, query());
    vi.setSystemTime(AFTER);
    await describeGroupEvents(uncached.clients, query());
    expect(uncached.calls.map((call) => call.input['EndTime'])).toEqual([new Date(EDGE), new Date(EDGE + 10_000)]);
    uncached.clients.destroy();

    vi.setSystemTime(BEFORE);
    const fresh = clientsWithEvents(5_000, BEFORE - 1_000);
    await describeGroupEvents(fresh.clients, query());
    vi.setSystemTime(AFTER);
    await describeGroupEvents(fresh.clients, query(), { fresh: true });
    expect(fresh.calls).toHaveLength(2);
    fresh.clients.destroy();
  });

  it('asks its own step after a mutation of the location: the answer before it is stale', async () => {
    const { clients, calls } = clientsWithEvents(5_000, BEFORE - 1_000);
    await describeGroupEvents(clients, query());
    await clients.invalidateAll();
    vi.setSystemTime(AFTER);
    await describeGroupEvents(clients, query());
    expect(calls).toHaveLength(2);
    clients.destroy();
  });

  it('never takes the answer of another window of fixed times, one step apart or not', async () => {
    const { clients, calls } = clientsWithEvents(5_000, BEFORE - 1_000);
    const fixed = (end: number) => ({
      location: 'us-east-1',
      replicationGroupId: 'g',
      window: { startTime: new Date(end - 60_000), endTime: new Date(end) },
    });
    await describeGroupEvents(clients, fixed(EDGE));
    await describeGroupEvents(clients, fixed(EDGE + WINDOW_STEP_MS));
    expect(calls.map((call) => call.input['EndTime'])).toEqual([new Date(EDGE), new Date(EDGE + WINDOW_STEP_MS)]);
    clients.destroy();
  });

  it('counts a reused answer as read from the cache, or shared when it was in flight', async () => {
    const reads: string[] = [];
    const kept = answeringClients(['us-east-1'], () => ({ Events: [] }), {
      readCacheTtlMs: 5_000,
      onRead: (answeredBy) => reads.push(answeredBy),
    });
    await describeGroupEvents(kept.clients, query());
    vi.setSystemTime(AFTER);
    await describeGroupEvents(kept.clients, query());
    expect(reads).toEqual(['aws', 'cache']);
    kept.clients.destroy();

    reads.length = 0;
    vi.setSystemTime(BEFORE);
    const { output, answer } = answeredLater();
    const inFlight = answeringClients(['us-east-1'], () => output, {
      readCacheTtlMs: 0,
      onRead: (answeredBy) => reads.push(answeredBy),
    });
    const first = describeGroupEvents(inFlight.clients, query());
    await vi.waitFor(() => expect(inFlight.calls).toHaveLength(1));
    vi.setSystemTime(AFTER);
    const second = describeGroupEvents(inFlight.clients, query());
    answer({ Events: [] });
    await Promise.all([first, second]);
    expect(reads).toEqual(['aws', 'shared']);
    inFlight.clients.destroy();
  });

  it("serves the region's listing of many groups the same way, with the later pages of the window it took", async () => {
    // Two pages: the first names the second by its marker.
    const { clients, calls } = answeringClients(
      ['us-east-1'],
      (call) =>
        call.input['Marker']
          ? { Events: [eventOf('b', BEFORE - 2_000)] }
          : { Events: [eventOf('a', BEFORE - 1_000)], Marker: 'page-2' },
      { readCacheTtlMs: 5_000 },
    );
    const both = [query('a'), query('b')];
    expect((await readGroupEvents(clients, both)).map((events) => (events as unknown[]).length)).toEqual([1, 1]);
    vi.setSystemTime(AFTER);
    expect((await readGroupEvents(clients, both)).map((events) => (events as unknown[]).length)).toEqual([1, 1]);
    expect(calls).toHaveLength(2);
    expect(calls.map((call) => call.input['EndTime'])).toEqual([new Date(EDGE), new Date(EDGE)]);
    expect(calls[0]?.input).toMatchObject({ SourceType: 'replication-group', MaxRecords: 100 });
    clients.destroy();
  });
});
