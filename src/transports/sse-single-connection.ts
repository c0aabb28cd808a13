import { GraphQLError } from 'graphql';
import type { Response as SseResponse } from 'graphql-sse';
import { createHandler } from 'graphql-sse/lib/use/fetch';
import type { Plugin } from 'graphql-yoga';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../auth/caller.js';
import { refusal } from '../http-guards.js';
import { grantsAnywhere, SCOPES } from '../auth/scopes.js';
import { TooManySubscriptionsError } from '../errors.js';
import { ConnectionSlots, relayOperation, type GatewayFetch } from './relay.js';

/** graphql-sse's names for the stream token: a header, or a query parameter for EventSource. */
const TOKEN_HEADER = 'x-graphql-event-stream-token';
const TOKEN_PARAMETER = 'token';

export interface SingleConnectionSseOptions {
  /** The GraphQL path (the graphql-sse client's `url`). */
  path: string;
  /** The gateway's own fetch, the whole HTTP path (relay.ts). */
  fetch: GatewayFetch;
  /** The largest operation body read (graphql-sse would read any size before the gateway sees it). */
  maxBodyBytes: number;
  /** Checks the request's Authorization value, as for any GraphQL request. */
  authenticate(authorization: string | null): Promise<Caller>;
  /** Streams reserved or open at once, over all callers (default 1,000). */
  maxStreams?: number;
  /** A reservation (PUT) not opened (GET) within this time is dropped (default 30 s). */
  openWithinMs?: number;
  /** Operations open at once on one stream (SUBSCRIPTIONS_PER_CONNECTION). */
  operationsPerStream: number;
  /** Streams one caller may reserve or hold (default: a tenth of `maxStreams`, so no caller takes them all). */
  streamsPerCaller?: number;
}

interface StreamOwner {
  subject: string | null;
  /** Drops the reservation if the stream is not opened in time. */
  expiry: NodeJS.Timeout | undefined;
}

/**
 * graphql-sse's single-connection mode on the GraphQL path, with graphql-sse's own handler: PUT
 * reserves a stream token, GET (with the token) opens the stream, POST (with the token) adds an
 * operation, DELETE ends one. The distinct-connections mode needs no plugin (yoga serves it).
 *
 * What the handler leaves to us:
 * - every request is authenticated (a reservation too), and a token serves only the caller that
 *   reserved it: another caller's POST, GET or DELETE with it finds no stream (404), so no client
 *   can read or inject into another's stream;
 * - tokens come from crypto.randomUUID (the handler's default uses Math.random);
 * - streams are bounded (`maxStreams`, then 503) and a reservation never opened is dropped;
 * - each operation runs through the gateway's HTTP path (relay.ts) with the POST's own token,
 *   so scopes, limits and trusted documents apply to it.
 */
export function useSingleConnectionSse(options: SingleConnectionSseOptions): Plugin {
  const maxStreams = options.maxStreams ?? 1_000;
  const streamsPerCaller = options.streamsPerCaller ?? Math.max(1, Math.floor(maxStreams / 10));
  const openWithinMs = options.openWithinMs ?? 30_000;
  const owners = new Map<string, StreamOwner>();
  const slots = new ConnectionSlots<StreamOwner>(options.operationsPerStream);
  const streamsOf = (subject: string | null) => {
    let count = 0;
    for (const owner of owners.values()) if (owner.subject === subject) count += 1;
    return count;
  };
  const callers = new WeakMap<Request, Caller>();
  let handler: ((request: Request) => Promise<Response>) | undefined;

  function release(token: string): void {
    clearTimeout(owners.get(token)?.expiry);
    owners.delete(token);
  }

  /** Ends a reservation nobody opened: opening it and cancelling at once disposes it in the handler. */
  async function drop(token: string, url: string): Promise<void> {
    release(token);
    const response = await handler?.(
      new Request(url, { method: 'GET', headers: { accept: 'text/event-stream', [TOKEN_HEADER]: token } }),
    );
    await response?.body?.cancel();
  }

  return {
    onYogaInit({ yoga }) {
      handler = createHandler(
        {
          authenticate(request) {
            const caller = callers.get(request.raw);
            if (request.method === 'PUT' && caller) {
              const token = randomUUID();
              const expiry = setTimeout(() => void drop(token, request.raw.url), openWithinMs);
              expiry.unref();
              owners.set(token, { subject: caller.subject, expiry });
              return token;
            }
            return tokenOf(request.raw);
          },
          onSubscribe: async (request, params) => {
            const token = tokenOf(request.raw);
            const owner = token === null ? undefined : owners.get(token);
            // A stream carries at most so many operations at once; the stream and its others go on.
            if (owner && !slots.take(owner)) {
              const limited = new TooManySubscriptionsError(slots.limit, 'connection');
              const refused: SseResponse = [
                JSON.stringify({ errors: [limited.toJSON()] }),
                { status: 429, statusText: 'Too Many Requests', headers: { 'content-type': 'application/json' } },
              ];
              return refused;
            }
            let outcome;
            try {
              outcome = await relayOperation(options.fetch, {
                url: request.raw.url,
                authorization: request.raw.headers.get('authorization'),
                origin: request.raw.headers.get('origin'),
                params,
              });
            } catch (error) {
              if (owner) slots.give(owner);
              throw error;
            }
            if ('refused' in outcome) {
              if (owner) slots.give(owner);
              const body = JSON.stringify({ errors: outcome.refused.errors.map((error) => error.toJSON()) });
              const refused: SseResponse = [
                body,
                {
                  status: outcome.refused.status,
                  statusText: 'Refused',
                  headers: { 'content-type': 'application/json' },
                },
              ];
              return refused;
            }
            return owner ? slots.held(owner, outcome.results) : outcome.results;
          },
        },
        yoga.fetchAPI,
      );
    },
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== options.path || !isSingleConnectionRequest(request, url)) return;
      let caller: Caller;
      try {
        caller = await options.authenticate(request.headers.get('authorization'));
      } catch (error) {
        endResponse(authenticationRefusal(error, fetchAPI));
        return;
      }
      const token = tokenOf(request);
      if (request.method === 'PUT') {
        // A stream exists to carry subscriptions, which need the read scope: without it a caller
        // could hold streams (the whole pool) and never subscribe.
        if (!grantsAnywhere(caller.scopes, SCOPES.read)) {
          endResponse(refusal(fetchAPI, 403, 'FORBIDDEN', `Reserving an event stream needs the scope ${SCOPES.read}.`));
          return;
        }
        if (owners.size >= maxStreams) {
          endResponse(refusal(fetchAPI, 503, 'TOO_MANY_STREAMS', 'Too many event streams are open; try again later.'));
          return;
        }
        if (streamsOf(caller.subject) >= streamsPerCaller) {
          endResponse(
            refusal(
              fetchAPI,
              429,
              'TOO_MANY_STREAMS',
              `This caller holds ${streamsPerCaller} event streams already; end one first.`,
            ),
          );
          return;
        }
      } else if (token === null || owners.get(token)?.subject !== caller.subject) {
        endResponse(refusal(fetchAPI, 404, 'STREAM_NOT_FOUND', 'Stream not found.'));
        return;
      }
      let forwarded = request;
      if (request.method === 'POST') {
        const body = await boundedText(request, options.maxBodyBytes);
        if (body === null) {
          endResponse(refusal(fetchAPI, 413, 'REQUEST_ENTITY_TOO_LARGE', 'The request body is too large.'));
          return;
        }
        forwarded = new fetchAPI.Request(request.url, { method: 'POST', headers: request.headers, body });
      }
      callers.set(forwarded, caller);
      const response = await (handler as (request: Request) => Promise<Response>)(forwarded);
      if (request.method === 'GET' && token !== null && response.status === 200 && response.body) {
        clearTimeout(owners.get(token)?.expiry);
        endResponse(
          new fetchAPI.Response(
            releasedOnEnd(response.body, () => release(token)),
            response,
          ),
        );
        return;
      }
      endResponse(response);
    },
  };
}

/** The body as text, or null as soon as it passes `maxBytes` (the rest is never read). */
async function boundedText(request: Request, maxBytes: number): Promise<string | null> {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Requests of the single-connection mode: a reservation, or anything carrying a stream token. */
function isSingleConnectionRequest(request: Request, url: URL): boolean {
  return (
    request.method === 'PUT' ||
    request.method === 'DELETE' ||
    request.headers.has(TOKEN_HEADER) ||
    url.searchParams.has(TOKEN_PARAMETER)
  );
}

function tokenOf(request: Request): string | null {
  return request.headers.get(TOKEN_HEADER) ?? new URL(request.url).searchParams.get(TOKEN_PARAMETER);
}

/** The stream's bytes, calling `onEnd` once when it ends or the client goes away. */
function releasedOnEnd(body: ReadableStream<Uint8Array>, onEnd: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const chunk = await reader.read();
      if (chunk.done) {
        onEnd();
        controller.close();
        return;
      }
      controller.enqueue(chunk.value);
    },
    async cancel(reason) {
      onEnd();
      await reader.cancel(reason);
    },
  });
}

/** UNAUTHENTICATED (401) or AUTHENTICATION_UNAVAILABLE (503), as the HTTP path answers them. */
function authenticationRefusal(error: unknown, fetchAPI: { Response: typeof Response }): Response {
  if (!(error instanceof GraphQLError)) throw error;
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Record<string, string> } };
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message: error.message, extensions }] }), {
    status: http?.status ?? 401,
    headers: { 'content-type': 'application/json', ...http?.headers },
  });
}
