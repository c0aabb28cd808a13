import type { RequestListener, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { getOperationAST, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { attemptsOf, awsRequestIdOf, callOutcome } from '../aws/call-outcome.js';
import type { SendInterceptor } from '../aws/clients.js';
import type { Logger } from '../logger.js';
import { METRICS_PATH } from '../metrics.js';
import { HEALTH_PATH, READINESS_PATH } from '../readiness.js';
import { countAwsCall, currentRequest, newRequestScope, requestIdFrom, runInRequestScope } from './request-scope.js';
import { tracer } from './tracing.js';

/** Probes and scrapes: no request line, no span (they come every few seconds and say nothing). */
const UNOBSERVED_PATHS = new Set([HEALTH_PATH, READINESS_PATH, METRICS_PATH]);

export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Around every HTTP request the gateway serves: its id (`x-request-id` honoured or generated,
 * returned in the response), the GraphQL operation's server span (continuing the caller's W3C
 * `traceparent`), and one log line when the response ends: operation, status, duration,
 * outcome, error codes and the AWS calls it made.
 */
export function observedRequests(handler: RequestListener, log: Logger, graphqlPath: string): RequestListener {
  return (request, response) => {
    // Bounded: a path is the caller's text, and it goes into a log line and a span.
    const path = ((request.url ?? '/').split('?', 1)[0] ?? '/').slice(0, 200);
    if (UNOBSERVED_PATHS.has(path)) {
      // Readiness makes AWS calls of its own: they are not traced either.
      context.with(suppressTracing(context.active()), () => handler(request, response));
      return;
    }
    const scope = newRequestScope(requestIdFrom(request.headers[REQUEST_ID_HEADER]));
    response.setHeader(REQUEST_ID_HEADER, scope.id);
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    // Named after the operation once it is parsed (useRequestScope); a span name keeps few values.
    const span = tracer.startSpan(
      `${request.method ?? 'GET'} ${path.startsWith(graphqlPath) ? graphqlPath : 'other'}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method ?? 'GET', 'url.path': path, 'request.id': scope.id },
      },
      parent,
    );
    scope.span = span;
    const started = performance.now();
    response.once('close', () => {
      const outcome = requestOutcome(response, scope.errorCodes.size > 0);
      span.setAttribute('http.response.status_code', response.statusCode);
      if (outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
      const awsCalls = [...scope.awsCalls.values()].reduce((sum, calls) => sum + calls, 0);
      log.info('GraphQL request', {
        requestId: scope.id,
        method: request.method,
        path,
        status: response.statusCode,
        operationName: scope.operationName,
        operationType: scope.operationType,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        outcome,
        errorCodes: [...scope.errorCodes],
        awsCalls,
        awsOperations: Object.fromEntries(scope.awsCalls),
      });
    });
    runInRequestScope(scope, () => context.with(trace.setSpan(parent, span), () => handler(request, response)));
  };
}

/**
 * ok: answered without errors; errors: answered with GraphQL errors (codes in `errorCodes`);
 * refused: a 4xx (a bad or unauthenticated request); failed: a 5xx; aborted: the client left first.
 */
function requestOutcome(response: ServerResponse, hasErrors: boolean): string {
  if (!response.writableFinished) return 'aborted';
  if (response.statusCode >= 500) return 'failed';
  if (response.statusCode >= 400) return 'refused';
  return hasErrors ? 'errors' : 'ok';
}

/** Tells the request's scope (and its span) which operation runs and which error codes it answered. */
export function useRequestScope(): Plugin {
  const noteOperation = (document: DocumentNode, operationName: string | null | undefined) => {
    const scope = currentRequest();
    const operation = getOperationAST(document, operationName);
    if (!scope || !operation) return;
    scope.operationType = operation.operation;
    scope.operationName = operation.name?.value ?? null;
    scope.span?.updateName(`${operation.operation}${operation.name ? ` ${operation.name.value}` : ''}`);
    scope.span?.setAttributes({
      'graphql.operation.type': operation.operation,
      ...(operation.name ? { 'graphql.operation.name': operation.name.value } : {}),
    });
  };
  return {
    onExecute: ({ args }) => noteOperation(args.document, args.operationName),
    onSubscribe: ({ args }) => noteOperation(args.document, args.operationName),
    onResultProcess: ({ result }) => {
      const scope = currentRequest();
      if (!scope) return;
      const results = Array.isArray(result) ? result : [result];
      for (const single of results) {
        if (!single || typeof single !== 'object' || !('errors' in single)) continue;
        for (const error of (single as ExecutionResult).errors ?? [])
          scope.errorCodes.add(typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN');
      }
    },
  };
}

/**
 * A line per AWS call (the request id comes with it), counted into the request's line. Calls
 * made outside a request (subscription polls, readiness) are logged at debug: a poll every few
 * seconds per subscribed group would drown the requests.
 */
export function awsCallLog(log: Logger): SendInterceptor {
  return async (call, proceed) => {
    countAwsCall(call.operation);
    const write = currentRequest() ? log.info : log.debug;
    const started = performance.now();
    const line = (outcome: string, answerOrError: unknown, attempts?: number) =>
      write('AWS call', {
        operation: call.operation,
        ...(call.accountId ? { awsAccount: call.accountId } : {}),
        region: call.region,
        outcome,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        awsRequestId: awsRequestIdOf(answerOrError) ?? null,
        ...(attempts === undefined ? {} : { attempts }),
      });
    try {
      const answer = await proceed();
      line('ok', answer, attemptsOf(answer));
      return answer;
    } catch (error) {
      line(callOutcome(error), error);
      throw error;
    }
  };
}
