import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { scopeSetOf } from '../auth/caller.js';
import type { GatewayContext } from '../context.js';

export interface SharedPushExecutionOptions {
  /** Told of every push a subscriber receives: executed for it (`own`), or the result of an identical one (`shared`). */
  onPush?: (execution: 'own' | 'shared') => void;
}

/** Never aborted: a shared execution belongs to no one subscriber's request. */
const NOT_ABORTED = new AbortController().signal;

/**
 * One execution per push for identical subscriptions. Every subscriber of a group receives the
 * same update object from its poller (src/subscriptions/group-watchers.ts); subscribers that sent
 * the same document (yoga's parse cache hands out one object per text), operation name and
 * variables, and hold the same scopes, would each execute the same selection on it. Here the
 * first one executes it and the others receive that result: 5,000 dashboards watching one
 * group cost one execution per push, not 5,000. Different selections, variables or scope sets
 * still get executions of their own, and each subscriber keeps its own stream (its first push,
 * its limits, the end at its token's expiry).
 *
 * A shared execution runs with the first subscriber's context but no abort signal of its own: a
 * subscriber that leaves does not cut the others' push short (its AWS calls, rare since a push
 * carries its group's clusters and events, end by their timeout). A subscriber that joins later is
 * served the result computed for the same poll.
 */
export function useSharedPushExecution(options: SharedPushExecutionOptions = {}): Plugin<GatewayContext> {
  // Per pushed value (collected with it), the result of each selection executed on it.
  const executions = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();
  const documentIds = new WeakMap<DocumentNode, number>();
  let nextDocumentId = 0;
  const documentId = (document: DocumentNode): number => {
    let id = documentIds.get(document);
    if (id === undefined) documentIds.set(document, (id = nextDocumentId++));
    return id;
  };

  const executeOnce = (args: ExecutionArgs, selection: string, payload: unknown): Promise<ExecutionResult> => {
    const run = (contextValue: unknown) => Promise.resolve(execute({ ...args, rootValue: payload, contextValue }));
    if (payload === null || typeof payload !== 'object') {
      options.onPush?.('own');
      return run(args.contextValue);
    }
    let results = executions.get(payload);
    if (!results) executions.set(payload, (results = new Map()));
    const known = results.get(selection);
    if (known) {
      options.onPush?.('shared');
      return known;
    }
    options.onPush?.('own');
    const result = run({ ...(args.contextValue as GatewayContext), signal: NOT_ABORTED });
    results.set(selection, result);
    return result;
  };

  return {
    onSubscribe({ setSubscribeFn }) {
      setSubscribeFn((async (args: ExecutionArgs) => {
        const source = await createSourceEventStream(args);
        if (!(Symbol.asyncIterator in source)) return source;
        const context = args.contextValue as GatewayContext;
        const { caller } = context;
        const selection = [
          documentId(args.document),
          args.operationName ?? '',
          JSON.stringify(args.variableValues ?? {}),
          scopeSetOf(caller),
        ].join('\0');
        // The request's end stops the source at once, whatever wraps the stream further out (the
        // token expiry's generator, say, would only pass a return on at the next push).
        const signal = (args as ExecutionArgs & { signal?: AbortSignal }).signal ?? context.signal;
        return mapped(source, (payload) => executeOnce(args, selection, payload), signal);
      }) as unknown as Parameters<typeof setSubscribeFn>[0]);
    },
  };
}

/**
 * The source's values mapped. A plain iterator, not an async generator: `return()` (the client
 * went away) must reach the source at once, even while a `next()` waits on a quiet group.
 */
function mapped<T, R>(
  source: AsyncIterable<T>,
  map: (value: T) => Promise<R>,
  signal: AbortSignal | undefined,
): AsyncIterableIterator<R> {
  const iterator = source[Symbol.asyncIterator]();
  signal?.addEventListener('abort', () => void iterator.return?.(), { once: true });
  return {
    async next() {
      const result = await iterator.next();
      if (result.done) return { done: true, value: undefined };
      return { done: false, value: await map(result.value) };
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
