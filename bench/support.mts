import type { AwsCredentialIdentity } from '@smithy/types';
import { loadConfig, type GatewayConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { buildRuntime, type Runtime, type RuntimeParts } from '../src/runtime.js';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalEndpoint, type LocalEndpoint, type LocalEndpointOptions } from '../src/local/index.js';

/**
 * What the read benchmarks stand on: the local endpoint behind a counting proxy on loopback that
 * adds `upstreamMs` to every AWS call (as a real region's round trip would) and counts calls and
 * XML bytes; gateway processes started as `npm start` would start them.
 */
export interface Upstream {
  endpoint: LocalEndpoint;
  /** The proxy: what gateways are pointed at. */
  url: string;
  readonly calls: number;
  readonly bytes: number;
  /** Calls per action since the last reset. */
  readonly actions: Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

export async function countedUpstream(upstreamMs: number, options: LocalEndpointOptions): Promise<Upstream> {
  const endpoint = await startLocalEndpoint({ seed: 'none', ...options });
  const target = new URL(endpoint.url);
  const counted = { calls: 0, bytes: 0, actions: {} as Record<string, number> };
  const proxy: Server = createServer((incoming, outgoing) => {
    counted.calls += 1;
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = new URLSearchParams(body.toString()).get('Action') ?? 'unknown';
      counted.actions[action] = (counted.actions[action] ?? 0) + 1;
      setTimeout(() => {
        const forwarded = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            path: incoming.url,
            method: incoming.method,
            headers: incoming.headers,
          },
          (answer) => {
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.on('data', (chunk: Buffer) => (counted.bytes += chunk.length));
            answer.pipe(outgoing);
          },
        );
        // A kept-alive socket the endpoint closed meanwhile: answered as a dropped connection
        // would be (the SDK retries a 502), not an unhandled error that ends the bench.
        forwarded.on('error', () => {
          if (!outgoing.headersSent) outgoing.writeHead(502);
          outgoing.end();
        });
        forwarded.end(body);
      }, upstreamMs);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    endpoint,
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    get calls() {
      return counted.calls;
    },
    get bytes() {
      return counted.bytes;
    },
    get actions() {
      return { ...counted.actions };
    },
    reset() {
      counted.calls = 0;
      counted.bytes = 0;
      counted.actions = {};
    },
    async close() {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await endpoint.close();
    },
  };
}

// Gateway processes start as in the tests: `npm start`'s entry on a free loopback port.
export { startGatewayProcess, type GatewayProcess } from '../test/support/gateway-process.js';

/** POSTs a GraphQL document; fails on any error in the answer. */
export async function postQuery(
  url: string,
  document: string,
  variables: Record<string, unknown> = {},
  fetchImpl: (url: string, init: RequestInit) => Promise<Response> = fetch,
): Promise<Record<string, unknown>> {
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(`bench query failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return body.data ?? {};
}

/** A subscription over Server-Sent Events that counts its pushes and remembers the last one. */
export interface CountedStream {
  readonly pushes: number;
  readonly last: Record<string, unknown> | null;
  close(): void;
}

export async function openStream(
  url: string,
  document: string,
  variables: Record<string, unknown>,
  fetchImpl: (url: string, init: RequestInit) => Promise<Response> = fetch,
): Promise<CountedStream> {
  const abort = new AbortController();
  const response = await fetchImpl(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: document, variables }),
    signal: abort.signal,
  });
  if (!response.body) throw new Error(`subscription refused: ${response.status}`);
  const state = { pushes: 0, last: null as Record<string, unknown> | null };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  void (async () => {
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) return;
        buffered += decoder.decode(chunk.value, { stream: true });
        let end;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const message = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (/^event: next$/m.test(message) && data) {
            state.pushes += 1;
            state.last = JSON.parse(data) as Record<string, unknown>;
          }
        }
      }
    } catch {
      // Closed.
    }
  })();
  return {
    get pushes() {
      return state.pushes;
    },
    get last() {
      return state.last;
    },
    close: () => abort.abort(),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const median = (values: readonly number[] = []) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Waits until `condition` holds (checked every 50 ms), at most `timeoutMs`; false when it never did. */
export async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * A gateway in this process, built by the composition root (src/runtime.ts) from the gateway's
 * own defaults (an empty environment) with the bench's changes, against `endpoint`.
 */
export async function benchRuntime(
  endpoint: { url: string; credentials: AwsCredentialIdentity },
  config: Partial<GatewayConfig> = {},
  parts: RuntimeParts = {},
): Promise<Runtime> {
  return buildRuntime(
    { ...loadConfig({}), allowedHosts: null, graphiql: false, tracing: null, ...config },
    createLogger('silent'),
    { endpoint: endpoint.url, credentials: endpoint.credentials, ...parts },
  );
}
