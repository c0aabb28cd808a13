import { CacheClusterNotFoundFault, type Event } from '@aws-sdk/client-elasticache';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AwsCall } from '../../src/aws/clients.js';
import type { EventRecord } from '../../src/aws/records.js';
import { locationKey } from '../../src/aws/location-key.js';
import { UpstreamError, UpstreamErrorCode } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import { MigrationPhase } from '../../src/rules/migration-phase.js';
import { GroupWatchers, type GroupUpdate } from '../../src/subscriptions/group-watchers.js';
import type { PollMessage } from '../../src/subscriptions/poll-coordination.js';
import { answeringClients } from '../support/answering-clients.js';
import { advance, readUpdates, settle } from '../support/fake-clock.js';
import { RecordingCoordination } from '../support/recording-coordination.js';

/**
 * A group's watch on the clock: its polls over an ElastiCache answered in process
 * (answeringClients), and what it makes of what a poller tells it, with the clock faked so that a
 * day of polls takes no time and every "not yet" is a clock reading, not a wait.
 */

const GROUP = 'orders';
const KEY = locationKey('us-east-1', GROUP);
const HOUR = 3_600_000;

/** ElastiCache as the watch's calls see it: one group, its events and clusters, and the failures asked for. */
class FakeElastiCache {
  status = 'available';
  /** The group's pending modifications (PendingModifiedValues), when it has any. */
  pending: Record<string, unknown> | undefined = undefined;
  /** Its member clusters; undefined: the answer names none (a group being created). */
  members: string[] | undefined = ['orders-001', 'orders-002'];
  /** Member clusters whose own read fails (UNAVAILABLE). */
  unreadableClusters = new Set<string>();
  /** Member clusters DescribeCacheClusters does not list (deleted meanwhile). */
  missingClusters = new Set<string>();
  events: Event[] = [];
  /** DescribeCacheClusters fails with this while set. */
  clustersFailure: UpstreamErrorCode | null = null;
  /** DescribeReplicationGroups fails with this while set. */
  failure: UpstreamErrorCode | null = null;
  /** DescribeReplicationGroups waits for this while set. */
  gate: Promise<void> | null = null;

  readonly answer = async (call: AwsCall): Promise<unknown> => {
    switch (call.operation) {
      case 'DescribeReplicationGroups':
        if (this.gate) await this.gate;
        if (this.failure) throw new UpstreamError(this.failure, `ElastiCache says ${this.failure}`);
        return {
          ReplicationGroups: [
            {
              ReplicationGroupId: GROUP,
              Status: this.status,
              MemberClusters: this.members,
              ...(this.pending ? { PendingModifiedValues: this.pending } : {}),
            },
          ],
        };
      case 'DescribeEvents': {
        const from = (call.input.StartTime as Date).getTime();
        const to = (call.input.EndTime as Date).getTime();
        const found = this.events.filter((event) => event.Date!.getTime() >= from && event.Date!.getTime() <= to);
        // One page holds the whole window in these tests: a test that asks for more is wrong.
        if (found.length > (call.input.MaxRecords as number))
          throw new Error(`${found.length} events: more than a page`);
        return { Events: found };
      }
      case 'DescribeCacheClusters': {
        if (this.clustersFailure) throw new UpstreamError(this.clustersFailure, 'no clusters now');
        const id = call.input.CacheClusterId as string | undefined;
        if (id && this.unreadableClusters.has(id)) throw new UpstreamError(UpstreamErrorCode.UNAVAILABLE, 'not now');
        const listed = (this.members ?? []).filter(
          (member) => !this.missingClusters.has(member) && (!id || member === id),
        );
        if (id && listed.length === 0)
          throw new CacheClusterNotFoundFault({ message: `${id} not found`, $metadata: {} });
        return {
          CacheClusters: listed.map((member) => ({ CacheClusterId: member, ReplicationGroupId: GROUP })),
        };
      }
      default:
        throw new Error(`unexpected ${call.operation}`);
    }
  };

  /** An event of the group, now (the fake clock), `message` its text. */
  record(message: string, date = new Date()): Event {
    const event = { SourceIdentifier: GROUP, SourceType: 'replication-group' as const, Message: message, Date: date };
    this.events.push(event);
    return event;
  }
}

/** What a subscriber of the group receives, with its group updates and event texts apart. */
function reader(updates: AsyncIterableIterator<GroupUpdate>) {
  const read = readUpdates(updates);
  return {
    ...read,
    groups: () => read.seen.flatMap((update) => (update.kind === 'group' ? [update] : [])),
    events: () => read.seen.flatMap((update) => (update.kind === 'event' ? [update.event.Message] : [])),
  };
}

describe('a group watch on the clock (answered AWS calls, fake time)', () => {
  let aws: FakeElastiCache;
  let calls: AwsCall[];
  let watchers: GroupWatchers;
  let coordination: RecordingCoordination;
  const polls = () => calls.filter((call) => call.operation === 'DescribeReplicationGroups').length;
  const callsOf = (operation: string) => calls.filter((call) => call.operation === operation).length;

  const watch = (
    intervalMs = HOUR,
    extra: { maxBackoffMs?: number; coordination?: RecordingCoordination; readCacheTtlMs?: number } = {},
  ) => {
    const answered = answeringClients(['us-east-1'], (call) => aws.answer(call), {
      ...(extra.readCacheTtlMs ? { readCacheTtlMs: extra.readCacheTtlMs } : {}),
    });
    calls = answered.calls;
    coordination = extra.coordination ?? new RecordingCoordination();
    watchers = new GroupWatchers({
      clients: answered.clients,
      log: createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
      intervalMs,
      coordination,
      ...(extra.maxBackoffMs === undefined ? {} : { maxBackoffMs: extra.maxBackoffMs }),
    });
    return watchers;
  };
  let lines: Record<string, unknown>[];
  /** A poll now, as after a mutation through the gateway. */
  const pollNow = async () => {
    await watchers.changed('us-east-1', GROUP);
    await advance(0);
  };
  /** What a subscriber joining now is handed at once: the watch's newest finding. */
  const newestFinding = async () => {
    const later = reader(watchers.subscribe('us-east-1', GROUP));
    await settle();
    await later.stop();
    return later.groups()[0];
  };

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-12-01T12:00:00Z') });
    aws = new FakeElastiCache();
    lines = [];
  });
  afterEach(() => {
    watchers.dispose();
    vi.useRealTimers();
  });

  it("hands the day's events as history, then tells each new one once, and the group again only when its state moves", async () => {
    aws.record('Replication group orders created.', new Date(Date.now() - HOUR));
    const first = reader(watch().subscribe('us-east-1', GROUP));
    await advance(0);
    expect(first.groups()).toHaveLength(1);
    expect(first.groups()[0]?.reads.events?.events.map((event) => event.Message)).toEqual([
      'Replication group orders created.',
    ]);
    expect(first.events()).toEqual([]);
    const clusterReads = callsOf('DescribeCacheClusters');
    expect(clusterReads).toBeGreaterThan(0);

    // News with the same state: each event told once, no second group update.
    await advance(60_000);
    aws.record('Cache cluster orders-001 rebooted.');
    await watchers.changed('us-east-1', GROUP);
    await advance(0);
    expect(first.events()).toEqual(['Cache cluster orders-001 rebooted.']);
    expect(first.groups()).toHaveLength(1);
    // A poll that finds nothing new tells nothing.
    await watchers.changed('us-east-1', GROUP);
    await advance(0);
    expect(polls()).toBe(3);
    expect(first.seen).toHaveLength(2);
    // The member clusters were read with the first poll only: the group's state has not moved since.
    expect(callsOf('DescribeCacheClusters')).toBe(clusterReads);

    // A later subscriber is handed the newest finding at once: the group with every event so far.
    const later = reader(watchers.subscribe('us-east-1', GROUP));
    await settle();
    expect(later.groups()[0]?.reads.events?.events.map((event) => event.Message)).toEqual([
      'Replication group orders created.',
      'Cache cluster orders-001 rebooted.',
    ]);
    expect(later.events()).toEqual([]);

    // The state moves: every subscriber gets the group, with the clusters read again.
    aws.status = 'modifying';
    await watchers.changed('us-east-1', GROUP);
    await advance(0);
    expect(first.groups().map((update) => update.group.Status)).toEqual(['available', 'modifying']);
    expect(later.groups().map((update) => update.group.Status)).toEqual(['available', 'modifying']);
    expect(callsOf('DescribeCacheClusters')).toBe(2 * clusterReads);
  });

  it('keeps a day of events: an older one leaves the history, and the window moves with the clock', async () => {
    aws.record('Replication group orders created.');
    const updates = reader(watch().subscribe('us-east-1', GROUP));
    await advance(0);
    expect(updates.groups()[0]?.reads.events?.events).toHaveLength(1);
    // A day and an hour of hourly polls, then news.
    await advance(25 * HOUR);
    aws.record('Cache cluster orders-001 rebooted.');
    await pollNow();
    const events = (await newestFinding())?.reads.events;
    expect(events?.events.map((event) => event.Message)).toEqual(['Cache cluster orders-001 rebooted.']);
    expect(events?.since.getTime()).toBe(Date.now() - 24 * HOUR);
  });

  it('vouches for the whole day up to 1,000 events, and hands the group without them past that (fields then read them)', async () => {
    const updates = reader(watch().subscribe('us-east-1', GROUP));
    await advance(0);
    let recorded = 0;
    /** `count` more events, a millisecond apart, up to now; then a poll. */
    const more = async (count: number) => {
      for (let index = count; index > 0; index--) aws.record(`event ${recorded++}`, new Date(Date.now() - index));
      await watchers.changed('us-east-1', GROUP);
      await advance(1_000);
    };
    // Polls of 99 new events, then 10 (a poll reads from the newest event it knows: at most 100, a page).
    for (let page = 0; page < 11; page++) await more(page < 10 ? 99 : 10);
    expect(recorded).toBe(1_000);
    expect((await newestFinding())?.reads.events?.events).toHaveLength(1_000);
    await more(1);
    expect((await newestFinding())?.reads.events).toBeUndefined();
    // Every event was told once, as news, all the same.
    expect(updates.events()).toHaveLength(1_001);
  });

  it('polls again as soon as a poll ends when a change arrived while it waited on ElastiCache', async () => {
    watch();
    const updates = reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    expect(polls()).toBe(1);
    let open!: () => void;
    aws.gate = new Promise((resolve) => (open = resolve));
    await watchers.changed('us-east-1', GROUP);
    await advance(0);
    expect(polls()).toBe(2);
    // A mutation while that poll waits: the poll under way may have read the group before it.
    await watchers.changed('us-east-1', GROUP);
    await advance(0);
    expect(polls()).toBe(2);
    aws.gate = null;
    open();
    await advance(0);
    expect(polls()).toBe(3);
    await advance(HOUR - 1);
    expect(polls()).toBe(3);
    expect(updates.state.error).toBeNull();
  });

  it('polls a group in a transitional status every second, or at its interval when that is shorter, and others at the interval', async () => {
    watch(60_000);
    reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    await advance(1_000);
    expect(polls()).toBe(1);
    aws.status = 'modifying';
    await advance(59_000);
    expect(polls()).toBe(2);
    await advance(999);
    expect(polls()).toBe(2);
    await advance(1);
    expect(polls()).toBe(3);
    watchers.dispose();

    aws.status = 'migrating';
    watch(400);
    reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    await advance(400);
    expect(polls()).toBe(2);
  });

  it('doubles the delay while throttled up to a minute unless told a ceiling, and keeps it after other failures', async () => {
    watch(20_000);
    reader(watchers.subscribe('us-east-1', GROUP));
    aws.failure = UpstreamErrorCode.THROTTLED;
    const delays: (number | null)[] = [];
    await advance(0);
    for (let poll = 0; poll < 3; poll++) {
      delays.push(watchers.pollDelayOf('us-east-1', GROUP));
      await advance(watchers.pollDelayOf('us-east-1', GROUP) ?? 0);
    }
    delays.push(watchers.pollDelayOf('us-east-1', GROUP));
    expect(delays).toEqual([40_000, 60_000, 60_000, 60_000]);
    aws.failure = UpstreamErrorCode.UNAVAILABLE;
    await advance(60_000);
    expect(watchers.pollDelayOf('us-east-1', GROUP)).toBe(60_000);
    aws.failure = null;
    await advance(60_000);
    expect(watchers.pollDelayOf('us-east-1', GROUP)).toBe(20_000);
  });

  it('ends every subscription with the code when the gateway may not read the group', async () => {
    aws.failure = UpstreamErrorCode.UNAUTHORIZED;
    const updates = reader(watch().subscribe('us-east-1', GROUP));
    await advance(0);
    expect(updates.state.ended).toBe(true);
    expect(updates.state.error?.extensions['code']).toBe('UPSTREAM_UNAUTHORIZED');
    expect(updates.state.error?.message).toBe('ElastiCache says UPSTREAM_UNAUTHORIZED');
    expect(watchers.activeWatches).toBe(0);
    await advance(HOUR);
    expect(polls()).toBe(1);
  });

  it('hands the clusters it found when one member is gone, and none when the clusters cannot be read', async () => {
    aws.missingClusters.add('orders-002');
    const updates = reader(watch().subscribe('us-east-1', GROUP));
    await advance(0);
    expect(updates.groups()[0]?.reads.clusters?.map((cluster) => cluster.CacheClusterId)).toEqual(['orders-001']);
    aws.clustersFailure = UpstreamErrorCode.UNAVAILABLE;
    aws.status = 'modifying';
    await watchers.changed('us-east-1', GROUP);
    await advance(0);
    expect(updates.groups().map((update) => [update.group.Status, update.reads.clusters?.length])).toEqual([
      ['available', 1],
      ['modifying', undefined],
    ]);
  });

  it('waits until the newest finding is an interval old before its first poll, and polls at once when it is older', async () => {
    const shared = new RecordingCoordination();
    watch(60_000, { coordination: shared });
    const first = reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    await first.stop();
    expect(watchers.activeWatches).toBe(0);
    const firstCalls = calls;
    await advance(20_000);

    // A new watch of the group (a replica, or the same one a moment later) is served that finding at once.
    watch(60_000, { coordination: shared });
    const second = reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    expect(second.groups().map((update) => update.group.ReplicationGroupId)).toEqual([GROUP]);
    await advance(39_999);
    expect(polls()).toBe(0);
    await advance(1);
    expect(polls()).toBe(1);
    await second.stop();
    expect(firstCalls.filter((call) => call.operation === 'DescribeReplicationGroups')).toHaveLength(1);

    // A finding older than an interval (kept a minute): the next watch polls at once.
    await advance(59_000);
    watch(30_000, { coordination: shared });
    reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    expect(polls()).toBe(1);
  });

  it('serves a new watch the kept finding as history: the events it names are not news to its subscribers', async () => {
    const shared = new RecordingCoordination();
    watch(HOUR, { coordination: shared });
    const first = reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    // A later poll with news: the kept finding is now one whose events were news when told.
    aws.record('Cache cluster orders-001 rebooted.');
    await watchers.changed('us-east-1', GROUP);
    await advance(0);
    expect(first.events()).toEqual(['Cache cluster orders-001 rebooted.']);
    await first.stop();

    watch(HOUR, { coordination: shared });
    const second = reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    expect(second.groups()).toHaveLength(1);
    expect(second.events()).toEqual([]);
  });

  it('after a change through this replica, polls at once and tells nobody else (it polls the group itself)', async () => {
    reader(watch().subscribe('us-east-1', GROUP));
    await advance(0);
    await advance(HOUR / 2);
    await watchers.changed('us-east-1', GROUP);
    await advance(0);
    expect(polls()).toBe(2);
    // No poke went out: a poke would also make the kept finding stale for the next watch.
    expect(coordination.published.map((message) => message.kind)).toEqual(['poll']);
    // The poll it asked for replaced the one due at the hour: the next comes an interval after it.
    await advance(HOUR / 2);
    expect(polls()).toBe(2);
    await advance(HOUR / 2);
    expect(polls()).toBe(3);
  });

  it('publishes only what moved: a poll that finds nothing new tells no replica', async () => {
    reader(watch().subscribe('us-east-1', GROUP));
    await advance(0);
    await advance(3 * HOUR);
    expect(polls()).toBe(4);
    expect(coordination.published).toHaveLength(1);
    aws.pending = { NumCacheClusters: 3 };
    await advance(HOUR);
    aws.pending = { NumCacheClusters: 4 };
    await advance(HOUR);
    // Each other set of pending modifications is a change of the group's state.
    expect(
      coordination.published.map((message) => message.kind === 'poll' && message.group.PendingModifiedValues),
    ).toEqual([undefined, { NumCacheClusters: 3 }, { NumCacheClusters: 4 }]);
  });

  it('reads ElastiCache afresh on every poll, whatever the read cache holds', async () => {
    const updates = reader(watch(HOUR, { readCacheTtlMs: 10 * HOUR }).subscribe('us-east-1', GROUP));
    await advance(0);
    aws.status = 'modifying';
    await advance(HOUR);
    expect(updates.groups().map((update) => update.group.Status)).toEqual(['available', 'modifying']);
  });

  it('gives the lease up, stops listening and cancels the poll under way when its last subscriber leaves, and polls no more', async () => {
    const updates = reader(watch().subscribe('us-east-1', GROUP));
    await advance(0);
    let open!: () => void;
    aws.gate = new Promise((resolve) => (open = resolve));
    await watchers.changed('us-east-1', GROUP);
    await advance(0);
    const waiting = calls.at(-1);
    expect(waiting?.operation).toBe('DescribeReplicationGroups');
    await updates.stop();
    expect(waiting?.signal?.aborted).toBe(true);
    expect(coordination.released).toBe(1);
    expect(coordination.local.isListened(KEY)).toBe(false);
    aws.gate = null;
    open();
    const claims = coordination.claims.length;
    await advance(10 * HOUR);
    expect([coordination.claims.length, polls()]).toEqual([claims, 2]);
    expect(lines.filter((line) => line['message'] === 'Subscription poll failed')).toEqual([]);
  });

  it('claims nothing when its only subscriber leaves before the watch has started', async () => {
    const updates = watch().subscribe('us-east-1', GROUP);
    await updates.return?.();
    await advance(HOUR);
    expect([coordination.claims, polls(), watchers.activeWatches]).toEqual([[], 0, 0]);
  });

  it('dispose ends every watch: each stream ends, each lease is given back, and nothing polls again', async () => {
    const one = reader(watch().subscribe('us-east-1', GROUP));
    const other = reader(watchers.subscribe('us-east-1', 'other-group'));
    await advance(0);
    watchers.dispose();
    await settle();
    expect([one.state.ended, other.state.ended, watchers.activeWatches]).toEqual([true, true, 0]);
    expect(coordination.released).toBe(2);
    const claims = coordination.claims.length;
    await advance(10 * HOUR);
    expect(coordination.claims).toHaveLength(claims);
  });

  it('stops polling when it loses the lease, and then tells the poller of changes instead of polling', async () => {
    reader(watch().subscribe('us-east-1', GROUP));
    await advance(0);
    expect(watchers.pollers).toBe(1);
    coordination.holds = false;
    await advance(HOUR);
    expect([watchers.pollers, polls()]).toEqual([0, 1]);
    await watchers.changed('us-east-1', GROUP);
    expect(coordination.published.map((message) => message.kind)).toEqual(['poll', 'poke']);
  });

  it('keeps its pace after a failure that is not throttling, and tells the log when the next poll comes', async () => {
    aws.failure = UpstreamErrorCode.UNAVAILABLE;
    reader(watch(20_000).subscribe('us-east-1', GROUP));
    await advance(0);
    await advance(20_000);
    expect(watchers.pollDelayOf('us-east-1', GROUP)).toBe(20_000);
    expect(lines.filter((line) => line['message'] === 'Subscription poll failed')).toMatchObject([
      { level: 'warn', location: 'us-east-1', replicationGroupId: GROUP, nextPollMs: 20_000 },
      { level: 'warn', location: 'us-east-1', replicationGroupId: GROUP, nextPollMs: 20_000 },
    ]);
  });

  it('ends for good once the group is unreadable: no further claim, nothing listened', async () => {
    aws.failure = UpstreamErrorCode.UNAUTHORIZED;
    reader(watch().subscribe('us-east-1', GROUP));
    await advance(0);
    const claims = coordination.claims.length;
    await advance(10 * HOUR);
    expect(coordination.claims).toHaveLength(claims);
    expect(coordination.local.isListened(KEY)).toBe(false);
    expect(coordination.released).toBe(1);
  });

  it('hands no clusters when one of them cannot be read, and reads none for a group that names none', async () => {
    aws.unreadableClusters.add('orders-002');
    const updates = reader(watch().subscribe('us-east-1', GROUP));
    await advance(0);
    expect(updates.groups()[0]?.reads.clusters).toBeUndefined();
    aws.members = undefined;
    aws.status = 'creating';
    const before = callsOf('DescribeCacheClusters');
    await watchers.changed('us-east-1', GROUP);
    await advance(0);
    expect(updates.groups()[1]?.reads.clusters).toEqual([]);
    expect(callsOf('DescribeCacheClusters')).toBe(before);
  });

  it('keeps an event exactly a day old in the day of events', async () => {
    aws.record('Replication group orders created.');
    reader(watch().subscribe('us-east-1', GROUP));
    await advance(24 * HOUR);
    aws.record('Cache cluster orders-001 rebooted.');
    await pollNow();
    expect((await newestFinding())?.reads.events?.events.map((event) => event.Message)).toEqual([
      'Replication group orders created.',
      'Cache cluster orders-001 rebooted.',
    ]);
  });

  it.each([
    ['the oldest', 0, MigrationPhase.NONE],
    ['the second oldest', 1, MigrationPhase.TESTING],
  ])(
    'past 1,000 events keeps the newest 1,000, whose migration state it tells (%s event started a test)',
    async (_which, startedAt, phase) => {
      const updates = reader(watch().subscribe('us-east-1', GROUP));
      await advance(0);
      let recorded = 0;
      const more = async (count: number) => {
        for (let index = count; index > 0; index--) {
          const message =
            recorded === startedAt
              ? 'Test migration started for replication group orders with source endpoint 127.0.0.1:6379.'
              : `event ${recorded}`;
          aws.record(message, new Date(Date.now() - index));
          recorded++;
        }
        await watchers.changed('us-east-1', GROUP);
        await advance(1_000);
      };
      for (let page = 0; page < 11; page++) await more(page < 10 ? 99 : 10);
      expect(updates.groups().at(-1)?.reads.migration.phase).toBe(MigrationPhase.TESTING);
      await more(1);
      expect((await newestFinding())?.reads.migration.phase).toBe(phase);
    },
  );

  it.each(['creating', 'modifying', 'migrating', 'deleting', 'testing', 'snapshotting'])(
    'polls a group that is %s every second',
    async (status) => {
      aws.status = status;
      reader(watch().subscribe('us-east-1', GROUP));
      await advance(0);
      await advance(1_000);
      expect(polls()).toBe(2);
    },
  );

  it('gives a place back so that it can be held again, and tells how many the caller may hold', () => {
    watchers = new GroupWatchers({
      clients: answeringClients(['us-east-1'], () => ({})).clients,
      log: createLogger('silent'),
      intervalMs: HOUR,
      maxPerCaller: 1,
    });
    const giveBack = watchers.hold('alice');
    expect(() => watchers.hold('alice')).toThrow(
      'Too many subscriptions open for this caller (at most 1, SUBSCRIPTIONS_PER_CALLER); end one first.',
    );
    giveBack();
    expect(() => watchers.hold('alice')).not.toThrow();
  });
});

describe('a group watch on a replica that does not poll: what the poller tells it', () => {
  let coordination: RecordingCoordination;
  let watchers: GroupWatchers;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-12-01T12:00:00Z') });
    coordination = new RecordingCoordination();
    coordination.holds = false;
    watchers = new GroupWatchers({
      clients: answeringClients(['us-east-1'], (call) => {
        throw new Error(`a replica that does not poll called ${call.operation}`);
      }).clients,
      log: createLogger('silent'),
      intervalMs: 60_000,
      coordination,
    });
  });
  afterEach(() => {
    watchers.dispose();
    vi.useRealTimers();
  });

  const event = (message: string, minute = 0): EventRecord => ({
    location: 'us-east-1',
    accountId: null,
    SourceIdentifier: GROUP,
    SourceType: 'replication-group',
    Message: message,
    Date: new Date(Date.UTC(2026, 11, 1, 11, minute)),
  });
  const poll = (
    status: string,
    events: EventRecord[],
    initial = false,
    pending?: Record<string, unknown>,
  ): PollMessage => ({
    kind: 'poll',
    group: {
      ReplicationGroupId: GROUP,
      Status: status,
      NodeGroups: [],
      location: 'us-east-1',
      accountId: null,
      ...(pending ? { PendingModifiedValues: pending } : {}),
    },
    reads: { migration: { phase: MigrationPhase.NONE, message: null, updatedAt: null } },
    events,
    initial,
    polledAt: Date.now(),
  });
  const tell = (message: PollMessage) => coordination.publish(KEY, message);

  it("tells the poller's first findings as history, then each event once, and the group only when its state moves", async () => {
    const updates = reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    await tell(poll('available', [event('a', 1), event('b', 2)], true));
    await settle();
    expect(updates.groups()).toHaveLength(1);
    expect(updates.events()).toEqual([]);
    // The same state, with an event told before and a new one.
    const newer = poll('available', [event('b', 2), event('c', 3)]);
    const newest = newer.kind === 'poll' ? newer.group : null;
    await tell(newer);
    await settle();
    expect(updates.events()).toEqual(['c']);
    expect(updates.groups()).toHaveLength(1);
    // What later subscribers get is the newest finding, though no update was pushed for it.
    const later = reader(watchers.subscribe('us-east-1', GROUP));
    await settle();
    expect(later.groups()[0]?.group).toBe(newest);
    // A new poller (a handover) starts over with its whole history: only what was not told is news.
    await tell(poll('available', [event('a', 1), event('b', 2), event('c', 3), event('d', 4)], true));
    await settle();
    expect(updates.events()).toEqual(['c', 'd']);
    await tell(poll('modifying', []));
    await settle();
    expect(updates.groups().map((update) => update.group.Status)).toEqual(['available', 'modifying']);
    // Progress messages are the progress watchers': a group watch ignores them.
    await tell({
      kind: 'progress',
      progress: { inSync: false, readyToComplete: false, blockers: [], observedAt: new Date(), shards: [] },
      done: false,
    });
    await settle();
    expect(updates.seen).toHaveLength(4);
    expect(updates.state.ended).toBe(false);
  });

  it('remembers the newest 5,000 events it told: one told before that is told again', async () => {
    const updates = reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    const many = Array.from({ length: 5_000 }, (_, index) => ({ ...event(`e${index}`), Date: new Date(index) }));
    // In polls of 50 (a subscriber's queue holds 100 it has not read).
    for (let from = 0; from < many.length; from += 50) {
      await tell(poll('available', many.slice(from, from + 50)));
      await settle();
    }
    await tell(poll('available', [many[0]!]));
    await settle();
    expect(updates.events()).toHaveLength(5_000);
    // One more: the oldest told is forgotten, and would be news again.
    await tell(poll('available', [event('newest')]));
    await tell(poll('available', [many[1]!, many[0]!]));
    await settle();
    expect(updates.events().slice(5_000)).toEqual(['newest', 'e0']);
  });

  it('a mutation elsewhere does not make it poll: it claims the group only at its interval', async () => {
    reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    expect(coordination.claims).toHaveLength(1);
    await tell({ kind: 'poke' });
    await advance(59_999);
    expect(coordination.claims).toHaveLength(1);
    await advance(1);
    expect(coordination.claims).toHaveLength(2);
    expect(watchers.pollers).toBe(0);
  });

  it("ends every subscription when the poller finds the group gone (NOT_FOUND) or unreadable (the poller's code)", async () => {
    const gone = reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    await tell({ kind: 'gone', message: 'Replication group orders does not exist in us-east-1.' });
    await settle();
    expect(gone.state.error?.extensions['code']).toBe('NOT_FOUND');
    expect(gone.state.error?.message).toBe('Replication group orders does not exist in us-east-1.');
    expect(watchers.activeWatches).toBe(0);

    const refused = reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    await tell({ kind: 'gone', message: 'no credentials', code: 'UPSTREAM_UNAUTHORIZED' });
    await settle();
    expect(refused.state.error?.extensions['code']).toBe('UPSTREAM_UNAUTHORIZED');
    expect(refused.state.ended).toBe(true);
    // Done: no claim at the next interval, and no lease given back (it never held one).
    const claims = coordination.claims.length;
    await advance(10 * 60_000);
    expect([coordination.claims.length, coordination.released]).toEqual([claims, 0]);
  });

  it('tells a change of pending modifications as a change of the group', async () => {
    const updates = reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    await tell(poll('available', [], true));
    await tell(poll('available', [], false, { NumCacheClusters: 3 }));
    await tell(poll('available', [], false, { NumCacheClusters: 4 }));
    await tell(poll('available', [], false, { NumCacheClusters: 4 }));
    await settle();
    expect(updates.groups().map((update) => update.group.PendingModifiedValues)).toEqual([
      undefined,
      { NumCacheClusters: 3 },
      { NumCacheClusters: 4 },
    ]);
  });

  it('gives back no lease when its subscribers leave: it held none', async () => {
    const updates = reader(watchers.subscribe('us-east-1', GROUP));
    await advance(0);
    await updates.stop();
    expect([watchers.activeWatches, coordination.released]).toEqual([0, 0]);
  });
});
