import { SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { attemptsOf, awsRequestIdOf, callOutcome } from '../aws/call-outcome.js';
import type { SendInterceptor } from '../aws/clients.js';

export const TRACER_NAME = 'elasticache-graphql';

/**
 * The gateway's tracer, from the global OpenTelemetry API: spans go nowhere (no-op, next to no
 * cost) until `startTracing` (tracing-sdk.ts) registers a provider; a tracer taken before that
 * follows it.
 */
export const tracer = trace.getTracer(TRACER_NAME);

/**
 * A client span around every AWS call (on the data layer's single path, ElastiCacheClients.send),
 * child of the resolver span that asked: operation, region, AWS request id, attempts and retries.
 */
export const awsCallSpans: SendInterceptor = (call, proceed) =>
  tracer.startActiveSpan(
    `ElastiCache.${call.operation}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'rpc.system': 'aws-api',
        'rpc.service': 'ElastiCache',
        'rpc.method': call.operation,
        'cloud.region': call.region,
        ...(call.accountId ? { 'cloud.account.id': call.accountId } : {}),
      },
    },
    async (span: Span) => {
      try {
        const answer = await proceed();
        const attempts = attemptsOf(answer);
        span.setAttributes({ 'aws.attempts': attempts, 'aws.retries': attempts - 1 });
        setRequestId(span, answer);
        return answer;
      } catch (error) {
        const outcome = callOutcome(error);
        span.setAttribute('error.type', outcome);
        span.setStatus({ code: SpanStatusCode.ERROR, message: outcome });
        setRequestId(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );

function setRequestId(span: Span, answerOrError: unknown): void {
  const requestId = awsRequestIdOf(answerOrError);
  if (requestId) span.setAttribute('aws.request_id', requestId);
}
