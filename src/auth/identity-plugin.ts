import type { ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { GatewayContext } from '../context.js';
import { UnauthenticatedError } from '../errors.js';
import { OPEN_CALLER, type Caller } from './caller.js';
import type { TokenVerifier } from './token-verifier.js';

export interface CallerIdentity {
  /** The yoga plugin: checks the bearer token of every GraphQL request, subscriptions included. */
  plugin: Plugin<GatewayContext>;
  /** The caller of a request the plugin let through. */
  callerOf(request: Request): Caller;
  /**
   * The caller an `Authorization` header value names, for transports that authenticate outside
   * a GraphQL request (a WebSocket's connection_init, an SSE stream reservation). Throws
   * UnauthenticatedError (or AuthenticationUnavailableError) as the plugin would.
   */
  authenticate(authorization: string | null): Promise<Caller>;
}

const BEARER = /^Bearer +(\S+)\s*$/i;

/**
 * Caller identity from `Authorization: Bearer <JWT>`, checked before the request body is even
 * parsed: a request without a valid token costs no parsing, no validation and no AWS call, and
 * is answered 401 (UNAUTHENTICATED). GET /health and the GraphiQL page itself are answered before
 * this point; everything GraphiQL then asks, introspection included, needs the token (its headers
 * editor carries it). A subscription stream ends, with UNAUTHENTICATED, when its token expires.
 */
export function callerIdentity(verify: TokenVerifier): CallerIdentity {
  const callers = new WeakMap<Request, Caller>();
  async function authenticate(header: string | null): Promise<Caller> {
    if (header === null) throw new UnauthenticatedError('send the header "Authorization: Bearer <token>".', 'none');
    const token = BEARER.exec(header)?.[1];
    if (!token)
      throw new UnauthenticatedError('the Authorization header must read "Bearer <token>".', 'invalid_request');
    return verify(token);
  }
  return {
    authenticate,
    callerOf(request) {
      const caller = callers.get(request);
      // Unreachable while the plugin is installed: every GraphQL request passes onRequestParse first.
      if (!caller) throw new UnauthenticatedError('the request was not authenticated.');
      return caller;
    },
    plugin: {
      async onRequestParse({ request }) {
        callers.set(request, await authenticate(request.headers.get('authorization')));
      },
      onSubscribe({ args }) {
        const { expiresAt } = args.contextValue.caller;
        if (expiresAt === null) return;
        return {
          onSubscribeResult({ result, setResult }) {
            if (isAsyncIterable(result)) setResult(endingAt(result, expiresAt));
          },
        };
      },
    },
  };
}

/** The caller of every request when the gateway runs open. */
export const openIdentity: Pick<CallerIdentity, 'callerOf' | 'authenticate'> = {
  callerOf: () => OPEN_CALLER,
  authenticate: () => Promise.resolve(OPEN_CALLER),
};

/**
 * The stream's results until `expiresAt`, then one UNAUTHENTICATED error and the end: a client
 * that wants to go on subscribes again with a fresh token.
 */
async function* endingAt(
  stream: AsyncIterable<ExecutionResult>,
  expiresAt: number,
): AsyncGenerator<ExecutionResult, void, undefined> {
  const iterator = stream[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), Math.max(0, expiresAt - Date.now()));
  });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), expired]);
      if (next === 'expired') {
        yield { errors: [new UnauthenticatedError('the bearer token has expired; subscribe again with a new one.')] };
        return;
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    clearTimeout(timer);
    await iterator.return?.();
  }
}
