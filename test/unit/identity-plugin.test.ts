import type { ExecutionResult } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../src/auth/caller.js';
import { callerIdentity } from '../../src/auth/identity-plugin.js';

interface Source {
  stream: AsyncIterable<ExecutionResult>;
  /** Hands the next result to the stream's reader. */
  push(result: ExecutionResult): void;
  /** Ends the stream from the source's side. */
  end(): void;
  returned: boolean;
}

/** A subscription's results, pushed by the test; `returned` tells whether the reader gave it up. */
function source(): Source {
  const queue: IteratorResult<ExecutionResult>[] = [];
  let wake: (() => void) | undefined;
  const state: Source = {
    returned: false,
    push: (result) => {
      queue.push({ value: result, done: false });
      wake?.();
    },
    end: () => {
      queue.push({ value: undefined, done: true });
      wake?.();
    },
    stream: {
      [Symbol.asyncIterator]: () => ({
        async next() {
          while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          return queue.shift() as IteratorResult<ExecutionResult>;
        },
        async return() {
          state.returned = true;
          return { value: undefined, done: true };
        },
      }),
    },
  };
  return state;
}

/** The stream a subscriber of `caller` reads, as the identity plugin hands it on. */
function subscribedAs(caller: Caller, results: AsyncIterable<ExecutionResult>): AsyncIterable<ExecutionResult> {
  const identity = callerIdentity(() => Promise.resolve(caller));
  const onSubscribe = identity.plugin.onSubscribe as unknown as (payload: unknown) => {
    onSubscribeResult(payload: { result: unknown; setResult(result: unknown): void }): void;
  } | void;
  let handedOn: unknown = results;
  const hooks = onSubscribe({ args: { contextValue: { caller } } });
  hooks?.onSubscribeResult({ result: results, setResult: (result) => (handedOn = result) });
  return handedOn as AsyncIterable<ExecutionResult>;
}

const caller = (expiresAt: number | null): Caller => ({ subject: 'user-1', scopes: new Set(), expiresAt });

describe('a subscription stream ends when its token expires', () => {
  afterEach(() => vi.useRealTimers());

  it('passes results on until the expiry, then one UNAUTHENTICATED error, the end, and the source given up', async () => {
    vi.useFakeTimers();
    const pushed = source();
    const stream = subscribedAs(caller(Date.now() + 1_000), pushed.stream)[Symbol.asyncIterator]();
    pushed.push({ data: { n: 1 } });
    expect(await stream.next()).toEqual({ value: { data: { n: 1 } }, done: false });
    const waiting = stream.next();
    await vi.advanceTimersByTimeAsync(1_000);
    const expired = await waiting;
    expect(expired.done).toBe(false);
    const error = (expired.value as ExecutionResult).errors?.[0];
    expect(error?.message).toBe(
      'Authentication required: the bearer token has expired; subscribe again with a new one.',
    );
    expect(error?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(pushed.returned).toBe(true);
  });

  it('ends when the source ends, leaving no timer behind', async () => {
    vi.useFakeTimers();
    const pushed = source();
    const stream = subscribedAs(caller(Date.now() + 60_000), pushed.stream)[Symbol.asyncIterator]();
    pushed.push({ data: { n: 1 } });
    pushed.end();
    expect(await stream.next()).toEqual({ value: { data: { n: 1 } }, done: false });
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives the source up when the reader stops early', async () => {
    const pushed = source();
    const stream = subscribedAs(caller(Date.now() + 60_000), pushed.stream)[Symbol.asyncIterator]();
    pushed.push({ data: { n: 1 } });
    await stream.next();
    await stream.return?.();
    expect(pushed.returned).toBe(true);
  });

  it('leaves the stream of a caller without expiry as it is', () => {
    const pushed = source();
    expect(subscribedAs(caller(null), pushed.stream)).toBe(pushed.stream);
  });
});
