import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { Logger } from '../logger.js';
import { withoutCredentials } from '../masked-url.js';

// The OpenTelemetry SDK and its exporter: loaded (src/index.ts) only when traces are configured,
// so a gateway without them carries none of it.

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
  const shownUrl = withoutCredentials(settings.tracesUrl);
  log.info(`Traces: OTLP over HTTP to ${shownUrl} as ${settings.serviceName}`, { tracesUrl: shownUrl });
  return { shutdown: () => provider.shutdown() };
}
