import { ReplicationGroupNotFoundFault } from '@aws-sdk/client-elasticache';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AwsCall } from '../../src/aws/clients.js';
import { locationKey } from '../../src/aws/location-key.js';
import { createLogger } from '../../src/logger.js';
import type { MigrationProgress, MigrationProgressReader } from '../../src/progress/progress-reader.js';
import { ProgressWatchers, type ProgressUpdate } from '../../src/subscriptions/progress-watchers.js';
import { answeringClients } from '../support/answering-clients.js';
import { advance, readUpdates, settle } from '../support/fake-clock.js';
import { RecordingCoordination } from '../support/recording-coordination.js';

/**
 * A group's progress watch on a fake clock: the group answered in process (answeringClients), the
 * engines' reads by a reader that hands out numbered progress, so that every push can be told
 * apart and every "not yet" is a clock reading.
 */

const GROUP = 'orders';
const KEY = locationKey('us-east-1', `progress:${GROUP}`);
const INTERVAL = 2_000;

describe('a migrating group’s progress watch on the clock (answered AWS calls, fake time)', () => {
  let status: string | null;
  let readFailure: unknown;
  let reads: number;
  let coordination: RecordingCoordination;
  let watchers: ProgressWatchers;
  let calls: AwsCall[];
  let lines: Record<string, unknown>[];
  let places: { held: (string | null)[]; given: number };
  /** DescribeReplicationGroups answered (a read cache would answer some of them itself). */
  let answers: number;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: new Date('2026-12-01T12:00:00Z') });
    status = 'migrating';
    readFailure = null;
    reads = 0;
    lines = [];
    places = { held: [], given: 0 };
    answers = 0;
    coordination = new RecordingCoordination();
    const answered = answeringClients(
      ['us-east-1'],
      () => {
        answers++;
        if (status === null) throw new ReplicationGroupNotFoundFault({ message: 'not found', $metadata: {} });
        return { ReplicationGroups: [{ ReplicationGroupId: GROUP, Status: status }] };
      },
      { readCacheTtlMs: 3_600_000 },
    );
    calls = answered.calls;
    const progressReader = {
      read: (): Promise<MigrationProgress> => {
        if (readFailure !== null) return Promise.reject(readFailure);
        reads++;
        return Promise.resolve({
          inSync: reads > 1,
          readyToComplete: false,
          blockers: [`read ${reads}`],
          observedAt: new Date(),
          shards: [],
        });
      },
    } as unknown as MigrationProgressReader;
    watchers = new ProgressWatchers({
      clients: answered.clients,
      reader: progressReader,
      log: createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
      coordination,
      intervalMs: INTERVAL,
      hold: (caller) => {
        places.held.push(caller);
        return () => places.given++;
      },
    });
  });
  afterEach(() => {
    watchers.dispose();
    vi.useRealTimers();
  });

  const blockersOf = (updates: { seen: ProgressUpdate[] }) => updates.seen.map((update) => update.progress.blockers[0]);

  it('reads once per interval for every subscriber, reports what it read while it migrates, and ends after the push that finds it done', async () => {
    const alice = readUpdates(watchers.subscribe('us-east-1', GROUP, 'alice'));
    const bob = readUpdates(watchers.subscribe('us-east-1', 'ORDERS', 'bob'));
    expect(watchers.activeWatches).toBe(1);
    expect(places.held).toEqual(['alice', 'bob']);
    await advance(0);
    expect(blockersOf(alice)).toEqual(['read 1']);
    expect(bob.seen).toEqual(alice.seen);
    expect(watchers.polled()).toEqual([
      { location: 'us-east-1', replicationGroupId: GROUP, progress: expect.objectContaining({ blockers: ['read 1'] }) },
    ]);
    await advance(INTERVAL - 1);
    expect(reads).toBe(1);
    await advance(1);
    expect(blockersOf(alice)).toEqual(['read 1', 'read 2']);
    expect(alice.seen.map((update) => update.done)).toEqual([false, false]);
    expect(coordination.claims.map(({ leaseMs }) => leaseMs)).toEqual([6_000, 6_000]);

    status = 'available';
    await advance(INTERVAL);
    expect(blockersOf(alice).at(-1)).toBe(
      'the group no longer migrates (status available): the migration completed or failed',
    );
    expect(alice.seen.at(-1)).toMatchObject({
      done: true,
      progress: { inSync: false, readyToComplete: false, shards: [] },
    });
    expect(watchers.polled()).toEqual([]);
    expect([alice.state.ended, bob.state.ended]).toEqual([true, true]);
    expect(watchers.activeWatches).toBe(0);
    expect(places.given).toBe(2);
    expect(coordination.released).toBe(1);
    const polls = calls.length;
    await advance(10 * INTERVAL);
    expect(calls.length).toBe(polls);
  });

  it('says a migration is starting while the group is modifying, and reads nothing from the engines until it migrates', async () => {
    status = 'modifying';
    const updates = readUpdates(watchers.subscribe('us-east-1', GROUP, null));
    await advance(0);
    expect(updates.seen).toMatchObject([
      {
        done: false,
        progress: {
          inSync: false,
          readyToComplete: false,
          shards: [],
          blockers: ['the group is modifying (a migration starting): no shard replicates yet'],
        },
      },
    ]);
    expect(watchers.polled()).toEqual([]);
    status = 'migrating';
    await advance(INTERVAL);
    expect(blockersOf(updates).at(-1)).toBe('read 1');
    expect(reads).toBe(1);
    expect(updates.state.ended).toBe(false);
  });

  it('forgets the progress it read once another replica holds the lease, and reads nothing while it does not', async () => {
    const updates = readUpdates(watchers.subscribe('us-east-1', GROUP, null));
    await advance(0);
    expect(watchers.polled()).toHaveLength(1);
    coordination.holds = false;
    await advance(INTERVAL);
    expect(watchers.polled()).toEqual([]);
    expect(reads).toBe(1);
    expect(calls).toHaveLength(1);
    // What the replica that reads now tells reaches this one's subscribers.
    await coordination.publish(KEY, {
      kind: 'progress',
      progress: { inSync: true, readyToComplete: true, blockers: [], observedAt: new Date(), shards: [] },
      done: false,
    });
    await settle();
    expect(updates.seen.map((update) => update.progress.readyToComplete)).toEqual([false, true]);
  });

  it('tells the log why a read failed, and reads again at the interval', async () => {
    readFailure = new Error('INFO refused by the source');
    const updates = readUpdates(watchers.subscribe('us-east-1', GROUP, null));
    await advance(0);
    readFailure = 'a thrown string';
    await advance(INTERVAL);
    const failures = lines.filter((line) => line['message'] === 'Migration progress poll failed');
    expect(failures.map((line) => [line['replicationGroupId'], line['location'], line['reason']])).toEqual([
      [GROUP, 'us-east-1', 'INFO refused by the source'],
      [GROUP, 'us-east-1', 'a thrown string'],
    ]);
    expect(updates.seen).toEqual([]);
    readFailure = null;
    await advance(INTERVAL - 1);
    expect(reads).toBe(0);
    await advance(1);
    expect(blockersOf(updates)).toEqual(['read 1']);
  });

  it('ends every subscription with NOT_FOUND when the group is gone, and with the code it is told otherwise', async () => {
    status = null;
    const gone = readUpdates(watchers.subscribe('us-east-1', GROUP, null));
    await advance(0);
    expect(gone.state.ended).toBe(true);
    expect(gone.state.error?.extensions['code']).toBe('NOT_FOUND');
    expect(gone.state.error?.message).toBe('Replication group orders does not exist in us-east-1.');
    expect(watchers.activeWatches).toBe(0);
    expect([places.given, coordination.released]).toEqual([1, 1]);

    status = 'migrating';
    coordination.holds = false;
    const refused = readUpdates(watchers.subscribe('us-east-1', GROUP, null));
    await advance(0);
    // Messages that are not progress (a group poll's poke) are not this watch's.
    await coordination.publish(KEY, { kind: 'poke' });
    await settle();
    expect(refused.seen).toEqual([]);
    await coordination.publish(KEY, { kind: 'gone', message: 'no credentials', code: 'UPSTREAM_UNAUTHORIZED' });
    await settle();
    expect(refused.state.error?.extensions['code']).toBe('UPSTREAM_UNAUTHORIZED');
    expect(watchers.activeWatches).toBe(0);
  });

  it('reads the group afresh on every poll, whatever the read cache holds', async () => {
    readUpdates(watchers.subscribe('us-east-1', GROUP, null));
    await advance(0);
    await advance(INTERVAL);
    await advance(INTERVAL);
    expect(answers).toBe(3);
  });

  it('keeps reading for the subscribers that stay when one leaves', async () => {
    const leaving = readUpdates(watchers.subscribe('us-east-1', GROUP, 'alice'));
    const staying = readUpdates(watchers.subscribe('us-east-1', GROUP, 'bob'));
    await advance(0);
    await leaving.stop();
    await advance(INTERVAL);
    expect(blockersOf(staying)).toEqual(['read 1', 'read 2']);
    expect([watchers.activeWatches, places.given, coordination.released]).toEqual([1, 1, 0]);
  });

  it('stops for good when its last subscriber leaves, even before its first read: nothing listened, no claim after', async () => {
    const early = watchers.subscribe('us-east-1', GROUP, null);
    await early.return?.();
    await advance(10 * INTERVAL);
    expect([coordination.claims, calls.length, watchers.activeWatches]).toEqual([[], 0, 0]);

    const updates = readUpdates(watchers.subscribe('us-east-1', GROUP, null));
    await advance(0);
    await updates.stop();
    expect(coordination.local.isListened(KEY)).toBe(false);
    const claims = coordination.claims.length;
    await advance(10 * INTERVAL);
    expect(coordination.claims).toHaveLength(claims);
  });

  it('dispose ends every stream and gives every lease back', async () => {
    const one = readUpdates(watchers.subscribe('us-east-1', GROUP, null));
    const other = readUpdates(watchers.subscribe('us-east-1', 'other', null));
    await advance(0);
    watchers.dispose();
    await settle();
    expect([one.state.ended, other.state.ended, watchers.activeWatches, coordination.released]).toEqual([
      true,
      true,
      0,
      2,
    ]);
    const claims = coordination.claims.length;
    await advance(10 * INTERVAL);
    expect(coordination.claims).toHaveLength(claims);
  });

  it('holds the lease for three intervals, and at least 3 s', async () => {
    const fast = new ProgressWatchers({
      clients: answeringClients(['us-east-1'], () => ({ ReplicationGroups: [] })).clients,
      reader: {} as MigrationProgressReader,
      log: createLogger('silent'),
      coordination,
      intervalMs: 100,
      hold: () => () => undefined,
    });
    try {
      readUpdates(fast.subscribe('us-east-1', GROUP, null));
      await advance(0);
      expect(coordination.claims.map(({ leaseMs }) => leaseMs)).toEqual([3_000]);
      expect(fast.intervalMs).toBe(100);
    } finally {
      fast.dispose();
    }
  });
});
