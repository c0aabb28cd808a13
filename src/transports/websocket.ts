import { parse, type ExecutionArgs } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer } from 'ws';
import type { Caller } from '../auth/caller.js';
import { TooManySubscriptionsError, UnauthenticatedError } from '../errors.js';
import type { Logger } from '../logger.js';
import { schema } from '../schema/index.js';
import { ConnectionSlots, relayOperation, type GatewayFetch, type RelayedResults } from './relay.js';

export interface WebSocketTransportOptions {
  /** The gateway's in-process fetch: every operation runs through the HTTP path (see relay.ts). */
  fetch: GatewayFetch;
  /** Checks the Authorization value a client presents when it connects. */
  authenticate(authorization: string | null): Promise<Caller>;
  /** Whether the upgrade request's Host is one the gateway serves (ALLOWED_HOSTS). */
  allowsHost(hostHeader: string | undefined): boolean;
  /** Operations open at once on one connection (SUBSCRIPTIONS_PER_CONNECTION). */
  subscriptionsPerConnection: number;
  /** The largest message accepted, as the largest request body. */
  maxPayloadBytes: number;
  log: Logger;
  /** Between keep-alive pings (default 12 s, graphql-ws's). */
  keepAliveMs?: number;
}

export interface WebSocketTransport {
  close(): Promise<void>;
}

/** What a client may send in connection_init: `{ "authorization": "Bearer <token>" }`. */
type ConnectionParams = Record<string, unknown> | undefined;
type WsContext = Context<ConnectionParams, Extra>;

/**
 * The operation graphql-ws is handed once the gateway has run the real one: graphql-ws insists on
 * execution arguments, but the results already exist (rootValue), so its execute and subscribe
 * only return them.
 */
const RELAYED = parse('query Relayed { __typename }');

/**
 * GraphQL over WebSocket (the `graphql-transport-ws` protocol of graphql-ws) on the gateway's
 * GraphQL path: what Apollo Router needs for subgraph subscriptions and what many frontends use.
 * The token comes in connection_init (`authorization`), or else in the upgrade request's
 * Authorization header (servers and routers can set one); a connection without a valid token is
 * closed with 4403 Forbidden before any operation. Each operation then runs through the gateway's
 * HTTP path with that token, so scopes, limits and trusted documents apply as for any request.
 */
export function serveGraphQLOverWebSocket(
  server: Server,
  path: string,
  options: WebSocketTransportOptions,
): WebSocketTransport {
  const wss = new WebSocketServer({
    server,
    path,
    maxPayload: options.maxPayloadBytes,
    // A DNS-rebinding page's upgrade carries its own host name: refused before the handshake.
    verifyClient: ({ req }, done) =>
      options.allowsHost(req.headers.host) ? done(true) : done(false, 421, 'Misdirected Request'),
  });
  const authorizations = new WeakMap<WsContext, string | null>();
  const slots = new ConnectionSlots<WsContext>(options.subscriptionsPerConnection);

  const useServerDisposable = useServer<ConnectionParams, Record<PropertyKey, never>>(
    {
      // Never send internal error messages to clients.
      isProd: true,
      onConnect: async (ctx) => {
        const authorization = authorizationOf(ctx.connectionParams, ctx.extra.request);
        try {
          await options.authenticate(authorization);
        } catch (error) {
          if (error instanceof UnauthenticatedError) {
            options.log.info('WebSocket connection refused: no valid bearer token', { reason: error.message });
            return false;
          }
          throw error;
        }
        authorizations.set(ctx, authorization);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        // One connection holds at most so many operations at once: one more is refused with a
        // typed error, and the connection and its other operations go on.
        if (!slots.take(ctx)) return [new TooManySubscriptionsError(slots.limit, 'connection')];
        let outcome;
        try {
          outcome = await relayOperation(options.fetch, {
            url: gatewayUrl(ctx.extra.request, path),
            authorization: authorizations.get(ctx) ?? null,
            origin: ctx.extra.request.headers.origin ?? null,
            params: payload,
          });
        } catch (error) {
          slots.give(ctx);
          throw error;
        }
        // Request errors (refused token, limits, unknown trusted document, invalid document) are
        // graphql-ws `error` messages; results, with or without field errors, are `next` messages.
        if ('refused' in outcome) {
          slots.give(ctx);
          return outcome.refused.errors;
        }
        return { schema, document: RELAYED, rootValue: slots.held(ctx, outcome.results) } satisfies ExecutionArgs;
      },
      // The relayed results are already serialised GraphQL responses: sent as they are.
      onNext: (_ctx, _id, _payload, _args, result) => result,
      execute: (args) => args.rootValue as RelayedResults,
      subscribe: (args) => args.rootValue as RelayedResults,
    },
    wss,
    options.keepAliveMs,
  );

  return {
    async close() {
      await useServerDisposable.dispose();
    },
  };
}

function authorizationOf(params: ConnectionParams, request: IncomingMessage): string | null {
  const fromParams = params?.['authorization'] ?? params?.['Authorization'];
  if (typeof fromParams === 'string') return fromParams;
  return request.headers.authorization ?? null;
}

/** The URL the client reached, so the gateway's same-origin rule sees the WebSocket's own origin. */
function gatewayUrl(request: IncomingMessage, path: string): string {
  try {
    return new URL(path, `http://${request.headers.host ?? 'localhost'}`).toString();
  } catch {
    return new URL(path, 'http://localhost').toString();
  }
}
