import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diag, DiagLogLevel, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { attemptsOf, awsRequestIdOf, callOutcome } from '../aws/call-outcome.js';
import type { SendInterceptor } from '../aws/clients.js';
import type { Logger } from '../logger.js';

export const TRACER_NAME = 'elasticache-graphql';

/**
 * The gateway's tracer, from the global OpenTelemetry API: spans go nowhere (no-op, next to no
 * cost) until `startTracing` registers a provider; a tracer taken before that follows it.
 */
export const tracer = trace.getTracer(TRACER_NAME);

export interface TracingSettings {
  /** Where spans are sent: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT + /v1/traces. */
  tracesUrl: string;
  /** OTEL_SERVICE_NAME (default elasticache-graphql). */
  serviceName: string;
}

/** The gateway's version, from the package.json of the checkout this module runs from (src/, dist/ or elsewhere). */
function gatewayVersion(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    try {
      const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'elasticache-graphql' && manifest.version) return manifest.version;
    } catch {
      // No package.json here: look one folder up.
    }
    if (dirname(folder) === folder) return 'unknown';
  }
}

export interface Tracing {
  /** Sends the spans still buffered and stops (the drain calls it last). */
  shutdown(): Promise<void>;
}

/**
 * Registers the process's OpenTelemetry provider: spans batched and sent as OTLP over HTTP
 * (JSON), W3C `traceparent` continued from incoming requests, the active span carried by
 * AsyncLocalStorage. Once per process (the OpenTelemetry API holds one global provider).
 */
export function startTracing(settings: TracingSettings, log: Logger): Tracing {
  // The exporter reports failed exports through the diagnostic logger: a line, not a crash.
  diag.setLogger(
    {
      error: (message, ...args) => log.warn(`OpenTelemetry: ${message}`, { details: args.map(String) }),
      warn: (message, ...args) => log.warn(`OpenTelemetry: ${message}`, { details: args.map(String) }),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    },
    DiagLogLevel.WARN,
  );
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      [ATTR_SERVICE_NAME]: settings.serviceName,
      [ATTR_SERVICE_VERSION]: gatewayVersion(),
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: settings.tracesUrl }))],
  });
  provider.register();
  log.info(`Traces: OTLP over HTTP to ${settings.tracesUrl} as ${settings.serviceName}`, {
    tracesUrl: settings.tracesUrl,
  });
  return { shutdown: () => provider.shutdown() };
}

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
