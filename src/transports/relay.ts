import { GraphQLError, type ExecutionResult } from 'graphql';

/**
 * The transports that do not arrive as one GraphQL-over-HTTP request (GraphQL over WebSocket,
 * graphql-sse's single-connection mode) run each operation as one: a POST to the gateway's own
 * yoga `fetch`, in process, carrying the client's Authorization and Origin. Every rule of the
 * HTTP path therefore holds for them without a second implementation: bearer token and scopes,
 * trusted documents, body size, depth/alias/directive/cost limits, origin checks, error masking,
 * the token expiry that ends a stream.
 */
export type GatewayFetch = (request: Request) => Promise<Response> | Response;

export interface RelayedRequest {
  /** The URL the client reached: its origin is what same-origin checks compare with. */
  url: string;
  /** The client's Authorization header (the WebSocket's connection_init payload carries it). */
  authorization?: string | null | undefined;
  /** The Origin header of the client's request, when a browser sent one. */
  origin?: string | null | undefined;
  /** The GraphQL parameters as the client sent them (query or documentId, variables, ...). */
  params: unknown;
}

export type RelayOutcome =
  /** The gateway refused the request before executing (GraphQL over HTTP "request errors"). */
  | { refused: { status: number; errors: GraphQLError[] } }
  /** The execution's results: one for a query or mutation, a stream for a subscription. */
  | { results: RelayedResults };

/** Streams arrive as Server-Sent Events; single results and refusals as application/graphql-response+json. */
const ACCEPT = 'text/event-stream, application/graphql-response+json';

export async function relayOperation(fetchGateway: GatewayFetch, request: RelayedRequest): Promise<RelayOutcome> {
  const abort = new AbortController();
  const headers = new Headers({ 'content-type': 'application/json', accept: ACCEPT });
  if (request.authorization) headers.set('authorization', request.authorization);
  if (request.origin) headers.set('origin', request.origin);
  const response = await fetchGateway(
    new Request(request.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(request.params),
      signal: abort.signal,
    }),
  );
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.startsWith('text/event-stream') && response.body) {
    return { results: eventStreamResults(response.body, abort) };
  }
  const body = (await response.json().catch(() => ({}))) as ExecutionResult;
  if (!('data' in body)) {
    const reported: readonly { message: string; extensions?: Record<string, unknown> }[] = body.errors ?? [
      { message: `The request was refused (HTTP ${response.status}).` },
    ];
    const errors = reported.map((error) => new GraphQLError(error.message, { extensions: error.extensions ?? {} }));
    return { refused: { status: response.status, errors } };
  }
  return { results: single(body) };
}

/** One result (a query's or a mutation's) as the same kind of iterator. */
function single(result: ExecutionResult): RelayedResults {
  const pending = [result];
  const end = (): Promise<IteratorResult<ExecutionResult, undefined>> => {
    pending.length = 0;
    return Promise.resolve({ done: true, value: undefined });
  };
  return relayedResults(() => {
    const value = pending.shift();
    return value ? Promise.resolve({ done: false, value }) : end();
  }, end);
}

/** Results a transport iterates, and ends early with `return` (graphql-ws and graphql-sse call it). */
export type RelayedResults = AsyncIterableIterator<ExecutionResult> & {
  return(): Promise<IteratorResult<ExecutionResult, undefined>>;
  throw(error: unknown): Promise<IteratorResult<ExecutionResult, undefined>>;
};

/**
 * The `next` events of yoga's event stream as results, until `complete`. Not an async generator:
 * a generator's `return()` waits for its pending `await` to settle, which for a quiet
 * subscription is never; here `return()` cancels the stream at once, which ends the subscription
 * inside the gateway and releases its poller.
 */
function eventStreamResults(body: ReadableStream<Uint8Array>, abort: AbortController): RelayedResults {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const ready: ExecutionResult[] = [];
  let buffered = '';
  let completed = false;
  let finished = false;

  async function finish(): Promise<IteratorResult<ExecutionResult, undefined>> {
    if (!finished) {
      finished = true;
      abort.abort();
      await reader.cancel().catch(() => undefined);
    }
    return { done: true, value: undefined };
  }

  function take(text: string): void {
    buffered += text;
    let end: number;
    while (!completed && (end = buffered.indexOf('\n\n')) >= 0) {
      const event = parseEvent(buffered.slice(0, end));
      buffered = buffered.slice(end + 2);
      if (event.type === 'complete') completed = true;
      else if (event.type === 'next' && event.data) ready.push(JSON.parse(event.data) as ExecutionResult);
    }
  }

  return relayedResults(async () => {
    for (;;) {
      const value = ready.shift();
      if (value) return { done: false, value };
      if (completed || finished) return finish();
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return finish();
      take(decoder.decode(chunk.value, { stream: true }));
    }
  }, finish);
}

/** The iterator protocol around `next` and an `end` that stops the source. */
function relayedResults(
  next: () => Promise<IteratorResult<ExecutionResult, undefined>>,
  end: () => Promise<IteratorResult<ExecutionResult, undefined>>,
): RelayedResults {
  return {
    next,
    return: end,
    async throw(error: unknown) {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * Operations open at once on one connection (a WebSocket, a single-connection SSE stream), at
 * most `limit`: `take` before relaying one, and the results it relays give the slot back once,
 * when they end (completed, failed or cancelled by the client).
 */
export class ConnectionSlots<Connection extends object> {
  readonly #open = new WeakMap<Connection, number>();

  constructor(readonly limit: number) {}

  take(connection: Connection): boolean {
    const open = this.#open.get(connection) ?? 0;
    if (open >= this.limit) return false;
    this.#open.set(connection, open + 1);
    return true;
  }

  give(connection: Connection): void {
    this.#open.set(connection, Math.max(0, (this.#open.get(connection) ?? 1) - 1));
  }

  /** `results` that give `connection`'s slot back when they end. */
  held(connection: Connection, results: RelayedResults): RelayedResults {
    let given = false;
    const giveBack = () => {
      if (given) return;
      given = true;
      this.give(connection);
    };
    return relayedResults(
      async () => {
        const result = await results.next().catch((error: unknown) => {
          giveBack();
          throw error;
        });
        if (result.done) giveBack();
        return result;
      },
      async () => {
        giveBack();
        return results.return();
      },
    );
  }
}

/** One Server-Sent Event: `event:` and `data:` lines; comment lines (`:`, yoga's pings) ignored. */
function parseEvent(block: string): { type: string; data: string } {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return { type, data: data.join('\n') };
}
