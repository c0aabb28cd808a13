import { describe, expect, it } from 'vitest';
import { InflightReads, isRead, readKey } from '../../src/aws/inflight-reads.js';

/**
 * Reads the test answers when it chooses: `answer` and `fail` settle the newest call started,
 * `settle(n)` the n-th; `signals` are the ones each call was given.
 */
function controlledRead<T>() {
  const signals: AbortSignal[] = [];
  const calls: { resolve: (value: T) => void; reject: (error: unknown) => void }[] = [];
  const start = (signal: AbortSignal) => {
    signals.push(signal);
    return new Promise<T>((resolve, reject) => calls.push({ resolve, reject }));
  };
  return {
    start,
    signals,
    starts: () => calls.length,
    answer: (value: T) => calls.at(-1)?.resolve(value),
    fail: (error: unknown) => calls.at(-1)?.reject(error),
    settle: (index: number) => calls[index] as { resolve: (value: T) => void; reject: (error: unknown) => void },
  };
}

describe('isRead and readKey', () => {
  it('reads are Describe* and List*, nothing else', () => {
    expect(['DescribeReplicationGroups', 'ListTagsForResource'].map(isRead)).toEqual([true, true]);
    expect(['StartMigration', 'TestMigration', 'ModifyReplicationGroup'].map(isRead)).toEqual([false, false, false]);
  });

  it('is the same key whatever order the input keys come in', () => {
    const orders = [
      ['a', 'b', 'c', 'd'],
      ['d', 'c', 'b', 'a'],
      ['b', 'd', 'a', 'c'],
      ['c', 'a', 'd', 'b'],
      ['a', 'c', 'b', 'd'],
    ];
    const keys = orders.map((order) =>
      readKey({ location: 'r', operation: 'X', input: Object.fromEntries(order.map((key) => [key, key])) }),
    );
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toBe('r\nX\n{"a":"a","b":"b","c":"c","d":"d"}');
  });

  it('writes region, operation and input with object keys sorted at every depth, arrays kept in order', () => {
    expect(
      readKey({
        location: 'eu-west-1',
        operation: 'DescribeX',
        input: { b: [3, { z: 1, y: 2 }], a: null, c: { e: 1, d: 2 } },
      }),
    ).toBe('eu-west-1\nDescribeX\n{"a":null,"b":[3,{"y":2,"z":1}],"c":{"d":2,"e":1}}');
  });
});

describe('InflightReads', () => {
  it('makes identical reads in flight at once one call, and says who joined', async () => {
    const reads = new InflightReads();
    const read = controlledRead<string>();
    const joined: boolean[] = [];
    const first = reads.run('k', undefined, read.start, (shared) => joined.push(shared));
    const second = reads.run('k', new AbortController().signal, read.start, (shared) => joined.push(shared));
    const other = reads.run(
      'other',
      undefined,
      () => Promise.resolve('another'),
      (shared) => joined.push(shared),
    );
    expect(reads.size).toBe(2);
    read.answer('answer');
    expect(await Promise.all([first, second, other])).toEqual(['answer', 'answer', 'another']);
    expect(read.starts()).toBe(1);
    expect(joined).toEqual([false, true, false]);
    expect(reads.size).toBe(0);
    // Once answered, the same read is a new call.
    const again = reads.run('k', undefined, read.start);
    read.answer('later');
    expect(await again).toBe('later');
    expect(read.starts()).toBe(2);
  });

  it('shares a failure with every caller waiting', async () => {
    const reads = new InflightReads();
    const read = controlledRead<string>();
    const waiting = [reads.run('k', undefined, read.start), reads.run('k', new AbortController().signal, read.start)];
    read.fail(new Error('throttled'));
    for (const result of await Promise.allSettled(waiting))
      expect(result).toMatchObject({ status: 'rejected', reason: new Error('throttled') });
    expect(reads.size).toBe(0);
  });

  it('lets a caller leave at once, keeps the call for the others, and abandons it when the last has left', async () => {
    const reads = new InflightReads();
    const read = controlledRead<string>();
    const [a, b] = [new AbortController(), new AbortController()];
    const first = reads.run('k', a.signal, read.start);
    const second = reads.run('k', b.signal, read.start);
    a.abort(new Error('a left'));
    await expect(first).rejects.toThrow('a left');
    expect(read.signals[0]?.aborted).toBe(false);
    expect(reads.size).toBe(1);
    b.abort(new Error('b left'));
    await expect(second).rejects.toThrow('b left');
    expect(read.signals[0]?.aborted).toBe(true);
    expect(read.signals[0]?.reason).toEqual(new Error('b left'));
    expect(reads.size).toBe(0);
    // A new read starts afresh; the abandoned call failing later neither ends it nor is anybody's
    // unhandled rejection, and the next caller still shares the new read.
    const fresh = reads.run('k', undefined, read.start);
    expect(read.starts()).toBe(2);
    read.settle(0).reject(new Error('aborted'));
    await new Promise((resolve) => setImmediate(resolve));
    const joiner = reads.run('k', undefined, read.start);
    expect(read.starts()).toBe(2);
    read.settle(1).resolve('fresh');
    expect(await Promise.all([fresh, joiner])).toEqual(['fresh', 'fresh']);
  });

  it('refuses a caller whose signal has already aborted, without starting anything', async () => {
    const reads = new InflightReads();
    const read = controlledRead<string>();
    const gone = new AbortController();
    gone.abort(new Error('gone'));
    await expect(reads.run('k', gone.signal, read.start)).rejects.toThrow('gone');
    expect(read.starts()).toBe(0);
    expect(reads.size).toBe(0);
  });

  it('gives an AbortError when a signal aborts without a reason of its own', async () => {
    const reads = new InflightReads();
    const read = controlledRead<string>();
    const signal = { aborted: true, reason: undefined } as unknown as AbortSignal;
    await expect(reads.run('k', signal, read.start)).rejects.toMatchObject({
      name: 'AbortError',
      message: 'The caller went away.',
    });
  });

  it('a caller that stays after another left receives the answer, and its leaving later changes nothing', async () => {
    const reads = new InflightReads();
    const read = controlledRead<string>();
    const [a, b] = [new AbortController(), new AbortController()];
    const first = reads.run('k', a.signal, read.start);
    const second = reads.run('k', b.signal, read.start);
    a.abort();
    await expect(first).rejects.toThrow();
    read.answer('kept');
    expect(await second).toBe('kept');
    b.abort();
    expect(read.signals[0]?.aborted).toBe(false);
  });

  it('joins a read in flight as `run` would, and nothing when none is; a caller already gone is refused', async () => {
    const reads = new InflightReads();
    const read = controlledRead<string>();
    expect(reads.join('k', undefined)).toBeUndefined();
    const first = reads.run('k', new AbortController().signal, read.start);
    const joined = reads.join<string>('k', new AbortController().signal);
    const gone = new AbortController();
    gone.abort(new Error('gone'));
    await expect(reads.join('k', gone.signal)).rejects.toThrow('gone');
    read.answer('shared');
    expect([await first, await joined]).toEqual(['shared', 'shared']);
    expect(read.starts()).toBe(1);
    // The caller that was refused never counted as waiting: the first leaving abandons the call.
    const again = controlledRead<string>();
    const leaving = new AbortController();
    const only = reads.run('k2', leaving.signal, again.start);
    await expect(reads.join('k2', gone.signal)).rejects.toThrow('gone');
    leaving.abort(new Error('left'));
    await expect(only).rejects.toThrow('left');
    expect(again.signals[0]?.aborted).toBe(true);
  });
});
