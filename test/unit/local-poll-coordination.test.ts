import { describe, expect, it } from 'vitest';
import { LocalPollCoordination, type PollMessage } from '../../src/subscriptions/poll-coordination.js';
import { deriveMigrationState } from '../../src/rules/migration-phase.js';

const poll = (polledAt: number): Extract<PollMessage, { kind: 'poll' }> => ({
  kind: 'poll',
  group: {
    ReplicationGroupId: 'g',
    Status: 'available',
    location: 'us-east-1',
    accountId: '000000000000',
    NodeGroups: [],
  },
  reads: { migration: deriveMigrationState('available', []) },
  events: [],
  initial: false,
  polledAt,
});

describe('LocalPollCoordination: one process polls every group it watches', () => {
  it('always grants the lease, and giving it up changes nothing', async () => {
    const coordination = new LocalPollCoordination();
    expect(await coordination.claim()).toBe(true);
    await coordination.release();
    expect(await coordination.claim()).toBe(true);
  });

  it("hands what is published on a key to that key's listeners only, until each stops", async () => {
    const coordination = new LocalPollCoordination();
    const heard: string[] = [];
    const first = coordination.listen('a', (message) => heard.push(`first:${message.kind}`));
    const second = coordination.listen('a', (message) => heard.push(`second:${message.kind}`));
    coordination.listen('b', (message) => heard.push(`b:${message.kind}`));
    await first.subscribed;
    await coordination.publish('a', { kind: 'poke' });
    expect(heard).toEqual(['first:poke', 'second:poke']);
    first.stop();
    await coordination.publish('a', poll(1));
    expect(heard).toEqual(['first:poke', 'second:poke', 'second:poll']);
    expect(coordination.isListened('a')).toBe(true);
    second.stop();
    expect(coordination.isListened('a')).toBe(false);
    expect(coordination.isListened('b')).toBe(true);
    await coordination.publish('a', { kind: 'poke' });
    expect(heard).toHaveLength(3);
  });

  it('keeps the newest poll of each key for the next watch; a poke or the group gone forgets it, progress does not', async () => {
    const coordination = new LocalPollCoordination();
    expect(await coordination.latest('a')).toBeNull();
    await coordination.publish('a', poll(1));
    await coordination.publish('a', poll(2));
    await coordination.publish('b', poll(3));
    expect((await coordination.latest('a'))?.polledAt).toBe(2);
    await coordination.publish('a', { kind: 'progress', progress: {} as never, done: false });
    expect((await coordination.latest('a'))?.polledAt).toBe(2);
    await coordination.publish('a', { kind: 'poke' });
    expect(await coordination.latest('a')).toBeNull();
    expect((await coordination.latest('b'))?.polledAt).toBe(3);
    coordination.keep('b', { kind: 'gone', message: 'gone' });
    expect(await coordination.latest('b')).toBeNull();
  });
});
