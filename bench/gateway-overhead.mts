import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { startLocalEndpoint } from '../src/local/index.js';
import { createLogger } from '../src/logger.js';
import { ElastiCacheClients } from '../src/aws/clients.js';
import { createGateway } from '../src/server.js';

/**
 * `npm run bench:overhead` (part of `npm run bench`): what the gateway adds on top of the AWS call it makes. Both sides talk to the
 * same local endpoint in the same run: the baseline is the SDK call alone, the measured side is a
 * GraphQL query through yoga that makes that call. Prints figures and ratios, asserts nothing:
 * machines here are shared and noisy, so compare the ratio, not the absolute numbers.
 */
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

async function measure(name: string, run: () => Promise<void>) {
  for (let index = 0; index < 20; index++) await run();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const begin = performance.now();
        await run();
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  const figures = {
    name,
    requests: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
  };
  process.stdout.write(
    `${name.padEnd(34)} ${figures.perSecond.toFixed(0).padStart(6)} req/s   p50 ${figures.p50.toFixed(2)} ms   p99 ${figures.p99.toFixed(2)} ms\n`,
  );
  return figures;
}

// Each request reads another group (of 500), so that no two requests in flight ask AWS the same
// question: identical reads in flight are made once (src/aws/inflight-reads.ts), which would
// measure coalescing, not the gateway's cost per call. No read cache (READ_CACHE_TTL_MS unset).
const GROUPS = 500;
const endpoint = await startLocalEndpoint({ seed: 'none', fleet: GROUPS });
let nextGroup = 0;
const groupId = () => `fleet-${String(nextGroup++ % GROUPS).padStart(3, '0')}`;
const credentials = endpoint.credentials;
const sdk = new ElastiCacheClient({ endpoint: endpoint.url, region: 'us-east-1', credentials });
const clients = new ElastiCacheClients(['us-east-1'], {
  endpoint: endpoint.url,
  credentials,
  maxAttempts: 1,
  connectionTimeoutMs: 2_000,
  requestTimeoutMs: 10_000,
});
const gateway = createGateway({ clients, log: createLogger('silent'), graphiql: false });
const QUERY =
  'query ($id: String!) { replicationGroup(replicationGroupId: $id) { replicationGroupId status nodeGroups { nodeGroupMembers { cacheClusterId } } } }';

try {
  process.stdout.write(`${REQUESTS} requests, ${CONCURRENCY} at a time, against the local endpoint on loopback\n`);
  const baseline = await measure('SDK DescribeReplicationGroups', async () => {
    await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: groupId() }));
  });
  const gatewayFigures = await measure('gateway replicationGroup query', async () => {
    const response = await gateway.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY, variables: { id: groupId() } }),
    });
    await response.text();
  });
  const memory = process.memoryUsage();
  process.stdout.write(
    `ratio gateway/SDK: throughput ${(gatewayFigures.perSecond / baseline.perSecond).toFixed(2)}x, p50 ${(gatewayFigures.p50 / baseline.p50).toFixed(2)}x, p99 ${(gatewayFigures.p99 / baseline.p99).toFixed(2)}x\n` +
      `memory after the run: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB\n`,
  );
} finally {
  sdk.destroy();
  await gateway.dispose();
  clients.destroy();
  await endpoint.close();
}
