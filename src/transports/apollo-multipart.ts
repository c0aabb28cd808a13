import type { ExecutionResult, GraphQLError } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/**
 * Apollo's multipart HTTP subscriptions (what Apollo Client's HttpLink and Apollo Router speak):
 * the client POSTs the subscription with `Accept: multipart/mixed;subscriptionSpec=1.0`, and the
 * answer is one multipart/mixed body whose parts are `{"payload": <result>}`, with `{}` as a
 * heartbeat every few seconds. yoga answers multipart only for queries (it refuses it for
 * subscriptions with 406), so this plugin adds the subscription form; everything before the
 * answer (token, scopes, limits, trusted documents) is the ordinary HTTP path.
 * Protocol: https://www.apollographql.com/docs/graphos/routing/operations/subscriptions/multipart-protocol
 */
export function useApolloMultipartSubscriptions(options: { heartbeatMs?: number } = {}): Plugin {
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  return {
    onResultProcess({ request, result, setResultProcessor }) {
      if (!isAsyncIterable(result) || !acceptsApolloSubscriptions(request.headers.get('accept'))) return;
      setResultProcessor(
        (stream, fetchAPI) => multipartResponse(stream as AsyncIterable<ExecutionResult>, fetchAPI, heartbeatMs),
        'multipart/mixed',
      );
    },
  };
}

function acceptsApolloSubscriptions(accept: string | null): boolean {
  return (accept ?? '').split(',').some((range) => {
    const [type, ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    return (
      type === 'multipart/mixed' &&
      parameters.some((parameter) => parameter.replace(/"/g, '') === 'subscriptionspec=1.0')
    );
  });
}

const BOUNDARY = 'graphql';

function multipartResponse(
  stream: AsyncIterable<ExecutionResult>,
  fetchAPI: { Response: typeof Response; ReadableStream: typeof ReadableStream; TextEncoder: typeof TextEncoder },
  heartbeatMs: number,
): Response {
  const encoder = new fetchAPI.TextEncoder();
  const iterator = stream[Symbol.asyncIterator]();
  let heartbeat: NodeJS.Timeout | undefined;
  const part = (json: unknown) =>
    encoder.encode(`\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(json)}\r\n--${BOUNDARY}`);
  const body = new fetchAPI.ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\r\n--${BOUNDARY}`));
      heartbeat = setInterval(() => {
        if (controller.desiredSize !== null && controller.desiredSize > 0) controller.enqueue(part({}));
      }, heartbeatMs);
    },
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) {
          clearInterval(heartbeat);
          controller.enqueue(encoder.encode('--\r\n'));
          controller.close();
          return;
        }
        controller.enqueue(part({ payload: withoutInternals(next.value) }));
      } catch {
        // A broken stream is a transport-level error: `payload: null` ends the subscription.
        clearInterval(heartbeat);
        controller.enqueue(
          part({
            payload: null,
            errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
          }),
        );
        controller.enqueue(encoder.encode('--\r\n'));
        controller.close();
      }
    },
    async cancel() {
      clearInterval(heartbeat);
      await iterator.return?.();
    },
  });
  return new fetchAPI.Response(body, {
    status: 200,
    headers: {
      'content-type': `multipart/mixed;boundary="${BOUNDARY}";subscriptionSpec="1.0"`,
      'cache-control': 'no-cache',
    },
  });
}

/** yoga's errors carry `extensions.http` (status, headers) for its own use; clients never see it. */
function withoutInternals(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  return {
    ...result,
    errors: result.errors.map((error: GraphQLError) => {
      const json = typeof error.toJSON === 'function' ? error.toJSON() : { ...error };
      if (!json.extensions) return json as unknown as GraphQLError;
      const { http: _http, unexpected: _unexpected, ...extensions } = json.extensions;
      return { ...json, extensions } as unknown as GraphQLError;
    }),
  };
}
