import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type ExecutionResult } from 'graphql';
import type { Gateway } from '../../src/server.js';

export interface SseSubscription<T> {
  /** The next result, or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<ExecutionResult<T>>;
  /** Results until `done(result)` is true; returns them all. */
  until(done: (result: ExecutionResult<T>) => boolean, timeoutMs?: number): Promise<ExecutionResult<T>[]>;
  close(): void;
}

/** A GraphQL subscription over Server-Sent Events, as a browser's EventSource would hold it. */
export async function subscribe<T, V>(
  gateway: Gateway,
  document: TypedDocumentNode<T, V>,
  variables: V,
  headers: Record<string, string> = {},
): Promise<SseSubscription<T>> {
  const abort = new AbortController();
  const response = await gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query: print(document), variables }),
    signal: abort.signal,
  });
  if (response.status !== 200 || !response.body)
    throw new Error(`subscription refused: ${response.status} ${await response.text()}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const ready: ExecutionResult<T>[] = [];
  let buffered = '';

  async function next(timeoutMs = 10_000): Promise<ExecutionResult<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const queued = ready.shift();
      if (queued) return queued;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('no subscription event in time');
      let timer: NodeJS.Timeout | undefined;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('no subscription event in time')), remaining);
        }),
      ]).finally(() => clearTimeout(timer));
      if (chunk.done) throw new Error('the subscription ended');
      buffered += decoder.decode(chunk.value, { stream: true });
      let end;
      while ((end = buffered.indexOf('\n\n')) >= 0) {
        const message = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = message
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (message.split('\n').some((line) => line.startsWith('event: next')) && data)
          ready.push(JSON.parse(data) as ExecutionResult<T>);
      }
    }
  }

  return {
    next,
    async until(done, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      const seen: ExecutionResult<T>[] = [];
      for (;;) {
        const result = await next(Math.max(1, deadline - Date.now()));
        seen.push(result);
        if (done(result)) return seen;
      }
    },
    close() {
      abort.abort();
      void reader.cancel().catch(() => undefined);
    },
  };
}
