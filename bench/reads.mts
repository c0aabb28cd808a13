import {
  CreateReplicationGroupCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { print } from 'graphql';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReplicationGroupsDashboardDocument, ReplicationGroupsPageDocument } from '../examples/generated/graphql.js';
import { ElastiCacheClients } from '../src/aws/clients.js';
import { startLocalEndpoint, type LocalEndpoint } from '../src/local/index.js';
import { createLogger } from '../src/logger.js';
import { createGateway, type Gateway } from '../src/server.js';

/**
 * `npm run bench:reads` (part of `npm run bench`): what reads cost AWS. Between the gateway and
 * the local endpoint sits a counting proxy on loopback that adds UPSTREAM_MS (20) to every AWS
 * call and counts calls and XML bytes; groups have 2 nodes. Each row starts a new gateway (an
 * empty read cache) unless it measures the cache. Prints figures, asserts nothing; the direct
 * SDK call through the same proxy is the latency baseline of the same run.
 */
const UPSTREAM_MS = Number(process.env.BENCH_UPSTREAM_MS ?? 20);
const CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };

interface Upstream {
  endpoint: LocalEndpoint;
  url: string;
  calls: number;
  bytes: number;
  reset(): void;
  close(): Promise<void>;
}

async function upstreamWith(groups: number): Promise<Upstream> {
  const endpoint = await startLocalEndpoint({ seed: 'none', migration: { transitionMs: 1 } });
  const sdk = new ElastiCacheClient({ region: 'us-east-1', endpoint: endpoint.url, credentials: CREDENTIALS });
  for (let index = 0; index < groups; index++) {
    await sdk.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: `shop-${String(index).padStart(3, '0')}`,
        ReplicationGroupDescription: 'bench',
        NumCacheClusters: 2,
      }),
    );
  }
  sdk.destroy();
  await endpoint.settled();
  const target = new URL(endpoint.url);
  const counted = { calls: 0, bytes: 0 };
  const proxy: Server = createServer((incoming, outgoing) => {
    counted.calls += 1;
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
      incoming.pipe(forwarded);
    }, UPSTREAM_MS);
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
    reset() {
      counted.calls = 0;
      counted.bytes = 0;
    },
    async close() {
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
      await endpoint.close();
    },
  };
}

function gatewayOver(upstream: Upstream, readCacheTtlMs = 5_000): { gateway: Gateway; close(): Promise<void> } {
  const log = createLogger('silent');
  const clients = new ElastiCacheClients(['us-east-1'], {
    log,
    endpoint: upstream.url,
    credentials: CREDENTIALS,
    maxAttempts: 3,
    connectionTimeoutMs: 3_000,
    requestTimeoutMs: 30_000,
    readCacheTtlMs,
  });
  const gateway = createGateway({ clients, log, graphiql: false });
  return {
    gateway,
    async close() {
      await gateway.dispose();
      clients.destroy();
    },
  };
}

async function query(gateway: Gateway, document: string, variables: Record<string, unknown> = {}) {
  const response = await gateway.fetch('http://bench/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(`bench query failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return body.data ?? {};
}

const DASHBOARD = print(ReplicationGroupsDashboardDocument);
const PAGE = print(ReplicationGroupsPageDocument);
const GROUP = '{ replicationGroup(replicationGroupId: "shop-000") { replicationGroupId status } }';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const rows: Record<string, string | number>[] = [];
const row = (scenario: string, figures: Record<string, string | number>) => {
  rows.push({ scenario, ...figures });
  process.stderr.write(`${scenario}: ${JSON.stringify(figures)}\n`);
};

/** One cold dashboard (a new gateway each time): AWS calls, XML bytes, and the median latency of `runs`. */
async function coldDashboard(upstream: Upstream, runs: number) {
  const latencies: number[] = [];
  let calls = 0;
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const served = gatewayOver(upstream);
    upstream.reset();
    const started = performance.now();
    await query(served.gateway, DASHBOARD, { first: 50 });
    latencies.push(performance.now() - started);
    ({ calls, bytes } = upstream);
    await served.close();
  }
  return { awsCalls: calls, xmlKiB: Math.round(bytes / 1024), p50Ms: Math.round(median(latencies)) };
}

/** Every page of a listing, `first` at a time: calls and XML bytes of the whole walk. */
async function walk(upstream: Upstream, document: string, first: number) {
  const served = gatewayOver(upstream);
  upstream.reset();
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const data = (await query(served.gateway, document, { first, after })) as {
      replicationGroups: { pageInfo?: { hasNextPage: boolean; endCursor: string | null }; edges: unknown[] };
    };
    pages += 1;
    const info = data.replicationGroups.pageInfo;
    if (!info?.hasNextPage) break;
    after = info.endCursor;
  }
  const figures = { pages, awsCalls: upstream.calls, xmlKiB: Math.round(upstream.bytes / 1024) };
  await served.close();
  return figures;
}

const small = await upstreamWith(50);
const large = await upstreamWith(500);
try {
  const dashboard50 = await coldDashboard(small, 5);
  row('dashboard first:50 with clusters and events, region of 50 groups', dashboard50);
  const dashboard500 = await coldDashboard(large, 5);
  row('the same page, region of 500 groups', {
    ...dashboard500,
    p50VsRegionOf50: (dashboard500.p50Ms / Math.max(1, dashboard50.p50Ms)).toFixed(2),
  });
  // The dashboard document has no pageInfo: walk it with the page document's cursors instead.
  row('walking replicationGroups(first: 10) over 500 groups', await walk(large, PAGE, 10));

  {
    const served = gatewayOver(small);
    small.reset();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
    await Promise.all(Array.from({ length: 100 }, () => query(served.gateway, DASHBOARD, { first: 50 })));
    clearInterval(sampler);
    row('100 concurrent identical dashboards, 50 groups', {
      awsCalls: small.calls,
      rssPeakMiB: Math.round(rssPeak / 2 ** 20),
    });
    await served.close();
  }
  {
    const served = gatewayOver(small);
    small.reset();
    await Promise.all(Array.from({ length: 100 }, () => query(served.gateway, GROUP)));
    row('100 concurrent replicationGroup(replicationGroupId)', { awsCalls: small.calls });
    await served.close();
  }
  {
    // Latency of one group read: the SDK straight to the proxy, against the gateway with a warm cache.
    const sdk = new ElastiCacheClient({ region: 'us-east-1', endpoint: small.url, credentials: CREDENTIALS });
    const served = gatewayOver(small, 60_000);
    const direct: number[] = [];
    const cached: number[] = [];
    await query(served.gateway, GROUP);
    for (let run = 0; run < 50; run++) {
      let started = performance.now();
      await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'shop-000' }));
      direct.push(performance.now() - started);
      started = performance.now();
      await query(served.gateway, GROUP);
      cached.push(performance.now() - started);
    }
    row('cached replicationGroup(id) vs a direct SDK call', {
      directP50Ms: median(direct).toFixed(1),
      gatewayP50Ms: median(cached).toFixed(1),
      ratio: (median(cached) / median(direct)).toFixed(2),
    });
    sdk.destroy();
    await served.close();
  }
} finally {
  await small.close();
  await large.close();
}
console.table(rows);
