import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { startLocalEndpoint } from '../src/local/index.js';
import type { Runtime } from '../src/runtime.js';
import { ReplicationGroupsDashboardDocument } from '../examples/generated/graphql.js';
import { print } from 'graphql';
import { benchRuntime, median } from './support.mjs';

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
// testMigration's outcome comes 10 s later: the push measured is the one its start causes.
const endpoint = await startLocalEndpoint({
  seed: 'none',
  fleet: GROUPS,
  migration: { transitionMs: 10_000, checkTimeoutMs: 3_000 },
});
let nextGroup = 0;
const groupId = () => `fleet-${String(nextGroup++ % GROUPS).padStart(3, '0')}`;
const credentials = endpoint.credentials;
const sdk = new ElastiCacheClient({ endpoint: endpoint.url, region: 'us-east-1', credentials });
// No read or response cache: every request reads AWS (its cost is what this row measures).
const BENCH_CONFIG = { maxAttempts: 1, requestTimeoutMs: 10_000, readCacheTtlMs: 0, responseCacheTtlMs: 0 };
const runtime = await benchRuntime(endpoint, BENCH_CONFIG, { connectionTimeoutMs: 2_000 });
const { gateway } = runtime;
const QUERY =
  'query ($id: String!) { replicationGroup(replicationGroupId: $id) { replicationGroupId status nodeGroups { nodeGroupMembers { cacheClusterId } } } }';

/**
 * The dashboard (50 groups with their member clusters and a day of events), every request the
 * same: with the read cache (each request executed, every AWS read answered from memory) and with
 * the response cache as well (each request answered whole). Rounds alternate; CPU per request is
 * the process's own (user + system) over the round.
 */
const cachedRuntimes: Runtime[] = [];
async function dashboards() {
  const runtimeWith = (responseCacheTtlMs: number) =>
    benchRuntime(
      endpoint,
      { ...BENCH_CONFIG, readCacheTtlMs: 600_000, responseCacheTtlMs },
      { connectionTimeoutMs: 2_000 },
    );
  const runtimes = {
    'dashboard, read cache': await runtimeWith(0),
    'dashboard, response cache': await runtimeWith(600_000),
  };
  cachedRuntimes.push(...Object.values(runtimes));
  const sides = Object.fromEntries(Object.entries(runtimes).map(([name, built]) => [name, built.gateway]));
  const body = JSON.stringify({
    query: print(ReplicationGroupsDashboardDocument),
    variables: { first: 50, durationMinutes: 1440 },
  });
  const cpu: Record<string, number[]> = {};
  const throughput: Record<string, number[]> = {};
  for (let round = 0; round < 3; round += 1)
    for (const [name, side] of Object.entries(sides)) {
      const before = process.cpuUsage();
      const figures = await measure(name, async () => {
        const response = await side.fetch('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        await response.text();
      });
      const used = process.cpuUsage(before);
      (cpu[name] ??= []).push((used.user + used.system) / 1000 / figures.requests);
      (throughput[name] ??= []).push(figures.perSecond);
    }
  const [executed, answered] = Object.keys(sides);
  for (const name of Object.keys(sides))
    process.stdout.write(
      `${name.padEnd(34)} CPU per request, median of 3 rounds: ${median(cpu[name]).toFixed(2)} ms\n`,
    );
  process.stdout.write(
    `ratio response cache/read cache: throughput ${(median(throughput[answered ?? '']) / median(throughput[executed ?? ''])).toFixed(1)}x, CPU per request ${(median(cpu[answered ?? '']) / median(cpu[executed ?? ''])).toFixed(3)}x (goal: the cached dashboard >= 5x the throughput without the response cache)\n`,
  );
}

/**
 * One push to SUBSCRIBERS SSE streams of one group (testMigration moves its migration phase): every
 * subscriber sent the same document (one execution per push, shared), against each sending a
 * selection of its own (an alias apart: one execution each). CPU of the whole process from the
 * mutation until every stream has the push; rounds alternate, a fresh group each.
 */
async function pushes() {
  const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
  const pushRuntime = await benchRuntime(
    endpoint,
    {
      ...BENCH_CONFIG,
      subscriptionPollIntervalMs: 600_000,
      subscriptionLimits: { perConnection: 100, perCaller: SUBSCRIBERS + 10 },
    },
    { connectionTimeoutMs: 2_000 },
  );
  const pushGateway = pushRuntime.gateway;
  const document = (alias: string) =>
    `subscription ($id: String!) { replicationGroupChanged(replicationGroupId: $id) { ${alias}status replicationGroupId migration { phase message } cacheClusters { cacheClusterId cacheClusterStatus } } }`;
  const decoder = new TextDecoder();
  async function openStreams(id: string, identical: boolean) {
    return Promise.all(
      Array.from({ length: SUBSCRIBERS }, async (_, index) => {
        const abort = new AbortController();
        const response = await pushGateway.fetch('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          body: JSON.stringify({ query: document(identical ? '' : `s${index}: status `), variables: { id } }),
          signal: abort.signal,
        });
        if (response.status !== 200 || !response.body)
          throw new Error(`subscription ${index} refused: ${response.status} ${await response.text()}`);
        const reader = response.body.getReader();
        const stream = {
          text: '',
          close: () => {
            abort.abort();
            void reader.cancel().catch(() => undefined);
          },
        };
        void (async () => {
          for (;;) {
            const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
            if (chunk.done) return;
            stream.text += decoder.decode(chunk.value, { stream: true });
          }
        })();
        return stream;
      }),
    );
  }
  const cpu: Record<string, number[]> = {};
  let group = 100;
  try {
    for (let round = 0; round < 3; round += 1)
      for (const identical of [true, false]) {
        const name = identical ? 'identical documents' : 'a document each';
        const id = `fleet-${String(group++).padStart(3, '0')}`;
        const streams = await openStreams(id, identical);
        const pushesOf = (stream: { text: string }) => stream.text.split('event: next').length - 1;
        while (!streams.every((stream) => pushesOf(stream) === 1))
          await new Promise((resolve) => setTimeout(resolve, 20));
        const before = process.cpuUsage();
        const response = await pushGateway.fetch('http://bench/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: `mutation { testMigration(input: { replicationGroupId: "${id}", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }`,
          }),
        });
        await response.text();
        // The test's event moves the migration phase: one push to every stream.
        while (!streams.every((stream) => pushesOf(stream) >= 2))
          await new Promise((resolve) => setTimeout(resolve, 10));
        const used = process.cpuUsage(before);
        (cpu[name] ??= []).push((used.user + used.system) / 1000);
        for (const stream of streams) stream.close();
        process.stdout.write(
          `one push to ${SUBSCRIBERS} subscribers, ${name.padEnd(20)} ${((used.user + used.system) / 1000).toFixed(0)} ms CPU\n`,
        );
      }
    const shared = median(cpu['identical documents']);
    const own = median(cpu['a document each']);
    process.stdout.write(
      `push CPU, median of 3: identical ${shared.toFixed(0)} ms vs one document each ${own.toFixed(0)} ms: ${(shared / own).toFixed(2)}x (goal: <= 300 ms per push with BENCH_SUBSCRIBERS=5000)\n`,
    );
  } finally {
    await pushRuntime.close();
  }
}

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
  await dashboards();
  await pushes();
  const memory = process.memoryUsage();
  process.stdout.write(
    `ratio gateway/SDK: throughput ${(gatewayFigures.perSecond / baseline.perSecond).toFixed(2)}x, p50 ${(gatewayFigures.p50 / baseline.p50).toFixed(2)}x, p99 ${(gatewayFigures.p99 / baseline.p99).toFixed(2)}x\n` +
      `memory after the run: rss ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap used ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB\n`,
  );
} finally {
  await Promise.all(cachedRuntimes.map((each) => each.close()));
  sdk.destroy();
  await runtime.close();
  await endpoint.close();
}
