import {
  GraphQLInt,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../src/auth/caller.js';
import { useSharedPushExecution } from '../../src/subscriptions/shared-execution.js';
import { UpdateQueue } from '../../src/subscriptions/update-queue.js';

/**
 * useSharedPushExecution on a schema of its own, without a server: each subscriber's source is
 * fed the same values, as a group's poller feeds its subscribers, and what each subscriber gets
 * (and how many executions it took) is read off the iterators the plugin returns.
 */

/** Feeds every open source the same values, and knows which sources are still open. */
class Feed {
  readonly sources = new Set<UpdateQueue<unknown>>();
  open(): AsyncIterableIterator<unknown> {
    const queue: UpdateQueue<unknown> = new UpdateQueue(() => this.sources.delete(queue));
    this.sources.add(queue);
    return queue;
  }
  push(value: unknown): void {
    for (const source of this.sources) source.push(value);
  }
}

interface Context {
  caller: Caller;
  signal?: AbortSignal;
}

function setUp(options: { told?: boolean } = {}) {
  const feed = new Feed();
  /** The context of every execution of the `n` field, in order. */
  const executions: Context[] = [];
  const Update = new GraphQLObjectType<{ n: number }, Context>({
    name: 'Update',
    fields: {
      n: {
        type: GraphQLInt,
        resolve: (update, _args, context) => {
          executions.push(context);
          return update.n;
        },
      },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        updates: {
          type: Update,
          args: { id: { type: GraphQLString } },
          subscribe: () => feed.open(),
          resolve: (payload: unknown) => payload,
        },
        ticks: { type: GraphQLInt, subscribe: () => feed.open(), resolve: (payload: unknown) => payload },
        refused: {
          type: GraphQLInt,
          subscribe: () => {
            throw new Error('not allowed to watch that');
          },
        },
      },
    }),
  });
  const told: ('own' | 'shared')[] = [];
  // Without `onPush` (no metrics), nothing is told, and every path must do without it.
  const plugin = useSharedPushExecution(
    options.told === false ? undefined : { onPush: (execution) => told.push(execution) },
  );
  let subscribeFn!: (args: ExecutionArgs & { signal?: AbortSignal }) => Promise<unknown>;
  plugin.onSubscribe!({ setSubscribeFn: (fn: typeof subscribeFn) => (subscribeFn = fn) } as never);

  const subscribe = async (
    document: DocumentNode,
    options: { variables?: Record<string, unknown>; scopes?: string[]; operationName?: string } = {},
    signals: { request?: AbortSignal; context?: AbortSignal } = {},
  ) => {
    const caller: Caller = { subject: null, scopes: new Set(options.scopes ?? ['read']), expiresAt: null };
    const result = await subscribeFn({
      schema,
      document,
      variableValues: options.variables ?? {},
      operationName: options.operationName,
      contextValue: { caller, ...(signals.context ? { signal: signals.context } : {}) },
      ...(signals.request ? { signal: signals.request } : {}),
    });
    return result as AsyncIterableIterator<ExecutionResult> | ExecutionResult;
  };
  const stream = async (...args: Parameters<typeof subscribe>) =>
    (await subscribe(...args)) as AsyncIterableIterator<ExecutionResult>;
  return { feed, executions, told, subscribe, stream };
}

const UPDATES = parse('subscription ($id: String) { updates(id: $id) { n } }');

describe('one execution per push for identical subscriptions (useSharedPushExecution)', () => {
  it('executes a push once for subscribers of the same document, variables and scopes, and again for the next push', async () => {
    const { feed, executions, told, stream } = setUp();
    const [first, second] = [await stream(UPDATES), await stream(UPDATES)];
    feed.push({ n: 1 });
    const [a, b] = await Promise.all([first.next(), second.next()]);
    expect(a.value).toEqual({ data: { updates: { n: 1 } } });
    expect(b.value).toBe(a.value);
    expect(executions).toHaveLength(1);
    expect(told).toEqual(['own', 'shared']);
    feed.push({ n: 2 });
    expect((await second.next()).value).toEqual({ data: { updates: { n: 2 } } });
    expect((await first.next()).value).toEqual({ data: { updates: { n: 2 } } });
    expect(told).toEqual(['own', 'shared', 'own', 'shared']);
  });

  it('executes for itself a subscriber whose variables, operation or scopes differ', async () => {
    const { feed, told, stream } = setUp();
    const named = parse('subscription A { updates { n } } subscription B { updates { n } }');
    const subscribers = [
      await stream(UPDATES, { variables: { id: 'a' } }),
      await stream(UPDATES, { variables: { id: 'b' } }),
      await stream(UPDATES, { variables: { id: 'a' }, scopes: ['read', 'migrate'] }),
      await stream(UPDATES, { variables: { id: 'a' }, scopes: ['migrate', 'read'] }),
      await stream(named, { operationName: 'A' }),
      await stream(named, { operationName: 'B' }),
      // The same text parsed again is another document: yoga hands out one object per text.
      await stream(parse('subscription ($id: String) { updates(id: $id) { n } }'), { variables: { id: 'a' } }),
    ];
    feed.push({ n: 1 });
    const results = await Promise.all(subscribers.map((subscriber) => subscriber.next()));
    expect(results.map((result) => result.value)).toEqual(Array(7).fill({ data: { updates: { n: 1 } } }));
    // Only the scope sets spelt in another order share.
    expect(told).toEqual(['own', 'own', 'own', 'shared', 'own', 'own', 'own']);
  });

  it('executes every push of a value that is not an object for each subscriber (nothing to remember it by)', async () => {
    const { feed, told, stream } = setUp();
    const ticks = parse('subscription { ticks }');
    const subscribers = [await stream(ticks), await stream(ticks)];
    feed.push(7);
    feed.push(null);
    for (const subscriber of subscribers) {
      expect((await subscriber.next()).value).toEqual({ data: { ticks: 7 } });
      expect((await subscriber.next()).value).toEqual({ data: { ticks: null } });
    }
    expect(told).toEqual(['own', 'own', 'own', 'own']);
  });

  it('needs nobody told of its pushes (no metrics)', async () => {
    const { feed, stream } = setUp({ told: false });
    const ticks = parse('subscription { ticks }');
    const [first, second, third] = [await stream(ticks), await stream(UPDATES), await stream(UPDATES)];
    feed.push(7);
    feed.push({ n: 1 });
    expect((await first.next()).value).toEqual({ data: { ticks: 7 } });
    // The 7 reaches them too (one feed): an update without `n`, executed for each.
    await Promise.all([second.next(), third.next()]);
    const results = await Promise.all([second.next(), third.next()]);
    expect(results.map((result) => result.value)).toEqual(Array(2).fill({ data: { updates: { n: 1 } } }));
  });

  it("runs a shared execution with the first subscriber's context but a signal no subscriber can abort", async () => {
    const { feed, executions, stream } = setUp();
    const request = new AbortController();
    const first = await stream(UPDATES, {}, { context: request.signal });
    const second = await stream(UPDATES);
    feed.push({ n: 1 });
    await Promise.all([first.next(), second.next()]);
    expect(executions[0]?.caller.scopes).toEqual(new Set(['read']));
    expect(executions[0]?.signal).not.toBe(request.signal);
    expect(executions[0]?.signal?.aborted).toBe(false);
  });

  it("ends the source at once when the request ends, while the subscriber waits for a push (the request's signal, else the context's)", async () => {
    const { feed, stream } = setUp();
    const request = new AbortController();
    const context = new AbortController();
    const byRequest = await stream(UPDATES, {}, { request: request.signal });
    const byContext = await stream(UPDATES, {}, { context: context.signal });
    expect(feed.sources.size).toBe(2);
    const waiting = byRequest.next();
    request.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(feed.sources.size).toBe(1);
    context.abort();
    expect(feed.sources.size).toBe(0);
    expect(await byContext.next()).toEqual({ done: true, value: undefined });
  });

  it('passes return() and throw() on to the source', async () => {
    const { feed, stream } = setUp();
    const returned = await stream(UPDATES);
    const thrown = await stream(UPDATES);
    expect(await returned.return!()).toEqual({ done: true, value: undefined });
    const failure = new Error('the client went away');
    await expect(thrown.throw!(failure)).rejects.toBe(failure);
    expect(feed.sources.size).toBe(0);
    expect(returned[Symbol.asyncIterator]()).toBe(returned);
  });

  it('hands back what the subscription refused with, as an execution result', async () => {
    const { subscribe } = setUp();
    const refused = await subscribe(parse('subscription { refused }'));
    expect(Symbol.asyncIterator in (refused as object)).toBe(false);
    expect((refused as ExecutionResult).errors?.[0]?.message).toBe('not allowed to watch that');
  });
});
