import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: Record<string, unknown> }[];
  status?: { code?: number };
}

interface Span {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  statusCode: number;
}

// OTLP/JSON carries ids as hex; some encoders send base64. Either way, hex here.
const hex = (id: string | undefined) =>
  !id ? '' : /^[0-9a-f]+$/i.test(id) ? id.toLowerCase() : Buffer.from(id, 'base64').toString('hex');

/**
 * A small OTLP/HTTP receiver on loopback: what a collector would receive from the gateway
 * process, as JSON (the exporter's encoding), flattened into spans.
 */
async function startOtlpReceiver(): Promise<{
  url: string;
  spans: Span[];
  services: Set<string>;
  close(): Promise<void>;
}> {
  const spans: Span[] = [];
  const services = new Set<string>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces' && request.headers['content-type']?.startsWith('application/json')) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          resourceSpans: {
            resource: { attributes: { key: string; value: { stringValue?: string } }[] };
            scopeSpans: { spans: OtlpSpan[] }[];
          }[];
        };
        for (const resourceSpans of body.resourceSpans) {
          const service = resourceSpans.resource.attributes.find((attribute) => attribute.key === 'service.name');
          if (service?.value.stringValue) services.add(service.value.stringValue);
          for (const scope of resourceSpans.scopeSpans)
            for (const span of scope.spans)
              spans.push({
                traceId: hex(span.traceId),
                spanId: hex(span.spanId),
                parentSpanId: hex(span.parentSpanId),
                name: span.name,
                kind: span.kind,
                attributes: Object.fromEntries(
                  span.attributes.map(({ key, value }) => [key, Object.values(value)[0]] as const),
                ),
                statusCode: span.status?.code ?? 0,
              });
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    services,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('traces: OTLP over HTTP from the gateway process', () => {
  let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
  let endpoint: LocalEndpoint;
  let gateway: GatewayProcess;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    endpoint = await startLocalEndpoint({ seed: 'demo' });
    gateway = await startGatewayProcess({
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
        OTEL_SERVICE_NAME: 'elasticache-graphql-test',
        // Sent within 100 ms instead of the SDK's 5 s.
        OTEL_BSP_SCHEDULE_DELAY: '100',
        ELASTICACHE_ENDPOINT: endpoint.url,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AUTH_DISABLED: 'true',
        READ_CACHE_TTL_MS: '0',
      },
    });
  }, 40_000);
  afterAll(async () => {
    await gateway.kill();
    await endpoint.close();
    await receiver.close();
  });

  const spansOf = async (traceId: string, wanted: (spans: Span[]) => boolean) => {
    for (let waited = 0; waited < 10_000; waited += 100) {
      const spans = receiver.spans.filter((span) => span.traceId === traceId);
      if (wanted(spans)) return spans;
      await sleep(100);
    }
    throw new Error(`spans of ${traceId} did not arrive: ${JSON.stringify(receiver.spans.map((span) => span.name))}`);
  };

  it("continues the router's traceparent: operation span, resolver spans that call AWS, AWS-call spans under them", async () => {
    const traceId = randomBytes(16).toString('hex');
    const routerSpanId = randomBytes(8).toString('hex');
    // The first DescribeEvents is throttled once: its span says it was retried.
    endpoint.faults.inject({ action: 'DescribeEvents', kind: 'throttling', times: 1 });
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${routerSpanId}-01` },
      body: JSON.stringify({
        query:
          'query Dashboard { replicationGroups(first: 2) { edges { node { replicationGroupId cacheClusters { cacheClusterId } events { message } } } } }',
      }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();

    const spans = await spansOf(
      traceId,
      (found) =>
        found.filter((span) => span.name.startsWith('ElastiCache.')).length >= 3 &&
        found.some((span) => span.kind === 2),
    );
    expect(receiver.services).toContain('elasticache-graphql-test');
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const parentOf = (span: Span) => byId.get(span.parentSpanId);

    // The operation: a server span, child of the router's span.
    const operation = spans.find((span) => span.kind === 2);
    expect(operation).toMatchObject({
      name: 'query Dashboard',
      parentSpanId: routerSpanId,
      attributes: {
        'graphql.operation.name': 'Dashboard',
        'graphql.operation.type': 'query',
        'http.request.method': 'POST',
        'http.response.status_code': 200,
      },
    });

    // Resolvers that call AWS, each under the operation (directly or through its parent field).
    const resolvers = spans.filter((span) => span.name.includes('.') && !span.name.startsWith('ElastiCache.'));
    expect(new Set(resolvers.map((span) => span.name))).toEqual(
      new Set(['Query.replicationGroups', 'ReplicationGroup.cacheClusters', 'ReplicationGroup.events']),
    );
    for (const resolver of resolvers) {
      let ancestor = parentOf(resolver);
      while (ancestor && ancestor !== operation) ancestor = parentOf(ancestor);
      expect(ancestor, resolver.name).toBe(operation);
    }
    // Fields that only map data have no span of their own.
    expect(spans.some((span) => span.name === 'ReplicationGroup.replicationGroupId')).toBe(false);

    // Every AWS call: a client span whose parent is the resolver that asked for it.
    const calls = spans.filter((span) => span.name.startsWith('ElastiCache.'));
    expect(calls.map((span) => span.name).sort()).toEqual([
      'ElastiCache.DescribeCacheClusters',
      'ElastiCache.DescribeEvents',
      'ElastiCache.DescribeReplicationGroups',
    ]);
    const parentField = (name: string) => parentOf(calls.find((span) => span.name === name)!)?.name;
    expect(parentField('ElastiCache.DescribeReplicationGroups')).toBe('Query.replicationGroups');
    expect(parentField('ElastiCache.DescribeCacheClusters')).toBe('ReplicationGroup.cacheClusters');
    expect(parentField('ElastiCache.DescribeEvents')).toBe('ReplicationGroup.events');
    for (const call of calls) {
      expect(call.kind).toBe(3);
      expect(call.attributes).toMatchObject({
        'rpc.system': 'aws-api',
        'rpc.service': 'ElastiCache',
        'rpc.method': call.name.replace('ElastiCache.', ''),
        'cloud.region': 'us-east-1',
      });
      expect(call.attributes['aws.request_id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    const retries = (name: string) => calls.find((span) => span.name === name)?.attributes['aws.retries'];
    expect(retries('ElastiCache.DescribeEvents')).toBe(1);
    expect(retries('ElastiCache.DescribeReplicationGroups')).toBe(0);
  }, 30_000);

  it('marks a failed AWS call on its span, and starts a new trace when no traceparent comes', async () => {
    endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'internal', times: 10 });
    const before = new Set(receiver.spans.map((span) => span.traceId));
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query One { replicationGroup(replicationGroupId: "orders-cache") { status } }' }),
    });
    expect(response.status).toBe(200);
    const operation = await (async () => {
      for (let waited = 0; waited < 10_000; waited += 100) {
        const found = receiver.spans.find((span) => span.name === 'query One' && !before.has(span.traceId));
        if (found) return found;
        await sleep(100);
      }
      throw new Error('no span for query One');
    })();
    expect(operation.parentSpanId).toBe('');
    const spans = await spansOf(operation.traceId, (found) =>
      found.some((span) => span.name.startsWith('ElastiCache.')),
    );
    const call = spans.find((span) => span.name === 'ElastiCache.DescribeReplicationGroups');
    expect(call?.statusCode).toBe(2);
    expect(call?.attributes['error.type']).toMatch(/^UPSTREAM_/);
  }, 30_000);
});
