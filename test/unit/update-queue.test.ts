import { describe, expect, it } from 'vitest';
import { UpdateQueue } from '../../src/subscriptions/update-queue.js';

/** A queue and how many times it has run its onClose. */
function queue(limit?: number) {
  const closed = { count: 0 };
  const updates = new UpdateQueue<string>(() => (closed.count += 1), limit);
  return { updates, closed };
}

const item = (value: string) => ({ value, done: false });
const DONE = { value: undefined, done: true };

describe('UpdateQueue: what the poller pushes, as one subscriber pulls it', () => {
  it('hands out pushed items in order, whether they came before or after the pull', async () => {
    const { updates } = queue();
    updates.push('a');
    updates.push('b');
    expect(await updates.next()).toEqual(item('a'));
    expect(await updates.next()).toEqual(item('b'));
    const waiting = updates.next();
    updates.push('c');
    expect(await waiting).toEqual(item('c'));
    // The waiting pull took it: nothing is left behind.
    updates.push('d');
    expect(await updates.next()).toEqual(item('d'));
    expect(updates[Symbol.asyncIterator]()).toBe(updates);
  });

  it('keeps at most its limit of unread items, losing the oldest', async () => {
    const { updates } = queue(2);
    for (const value of ['a', 'b', 'c']) updates.push(value);
    expect(await updates.next()).toEqual(item('b'));
    expect(await updates.next()).toEqual(item('c'));
    const bounded = queue();
    for (let n = 0; n <= 100; n += 1) bounded.updates.push(String(n));
    expect(await bounded.updates.next()).toEqual(item('1'));
  });

  it('ends when the subscriber leaves: onClose once, then done, and pushes go nowhere', async () => {
    const { updates, closed } = queue();
    updates.push('a');
    const waiting = queue();
    const pending = waiting.updates.next();
    expect(await updates.return()).toEqual(DONE);
    expect(await waiting.updates.return()).toEqual(DONE);
    expect(await pending).toEqual(DONE);
    expect(await updates.return()).toEqual(DONE);
    expect(closed.count).toBe(1);
    expect(waiting.closed.count).toBe(1);
    updates.push('b');
    updates.fail(new Error('late'));
    updates.end();
    expect(await updates.next()).toEqual(DONE);
    expect(closed.count).toBe(1);
  });

  it('fails after the items already queued, with the error given', async () => {
    const { updates, closed } = queue();
    updates.push('a');
    const error = new Error('gone');
    updates.fail(error);
    expect(closed.count).toBe(0);
    expect(await updates.next()).toEqual(item('a'));
    await expect(updates.next()).rejects.toBe(error);
    expect(closed.count).toBe(1);
    expect(await updates.next()).toEqual(DONE);
  });

  it('fails a waiting pull at once, and an error that is no Error as one', async () => {
    const { updates, closed } = queue();
    const waiting = updates.next();
    const error = new Error('gone');
    updates.fail(error);
    await expect(waiting).rejects.toBe(error);
    expect(closed.count).toBe(1);
    updates.push('late');
    expect(await updates.next()).toEqual(DONE);

    const plain = queue();
    plain.updates.fail('text');
    await expect(plain.updates.next()).rejects.toThrow(new Error('text'));
    expect(plain.closed.count).toBe(1);
  });

  it('ends after the items already queued, or at once for a waiting pull', async () => {
    const { updates, closed } = queue();
    updates.push('a');
    updates.end();
    expect(closed.count).toBe(0);
    expect(await updates.next()).toEqual(item('a'));
    expect(await updates.next()).toEqual(DONE);
    expect(closed.count).toBe(1);

    const idle = queue();
    const waiting = idle.updates.next();
    idle.updates.end();
    expect(await waiting).toEqual(DONE);
    expect(idle.closed.count).toBe(1);
    expect(await idle.updates.next()).toEqual(DONE);

    const unread = queue();
    unread.updates.end();
    expect(unread.closed.count).toBe(0);
    expect(await unread.updates.next()).toEqual(DONE);
    expect(unread.closed.count).toBe(1);
  });
});
