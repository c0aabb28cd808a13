import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The gateway as a process (`npm start`'s entry), in front of a local endpoint this test starts,
 * stops and starts again: /readiness follows ElastiCache, and SIGTERM drains.
 */
describe('readiness and graceful drain of the gateway process', () => {
  let endpoint: LocalEndpoint;
  let port: number;
  let gateway: GatewayProcess;
  let graphqlUrl = '';

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ seed: 'demo', migration: { transitionMs: 20 } });
    port = Number(new URL(endpoint.url).port);
    gateway = await startGatewayProcess({
      env: {
        ELASTICACHE_ENDPOINT: endpoint.url,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AUTH_DISABLED: 'true',
        ELASTICACHE_MAX_ATTEMPTS: '1',
        ELASTICACHE_TIMEOUT_MS: '1000',
        SUBSCRIPTION_POLL_INTERVAL_MS: '1000',
        SHUTDOWN_TIMEOUT_MS: '8000',
        // A verdict reused for 200 ms: the test sees it change without waiting out the default 5 s.
        READINESS_VERDICT_TTL_MS: '200',
      },
    });
    ({ graphqlUrl } = gateway);
  }, 40_000);
  afterAll(async () => {
    await gateway.kill();
    await endpoint.close();
  });

  const readiness = async () => {
    const response = await fetch(new URL('/readiness', graphqlUrl));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  /** /readiness until `done` holds (the verdict is re-made every 200 ms here), at most 10 s. */
  const readinessUntil = async (done: (answer: Awaited<ReturnType<typeof readiness>>) => boolean) => {
    for (const deadline = Date.now() + 10_000; ;) {
      const answer = await readiness();
      if (done(answer) || Date.now() > deadline) return answer;
      await sleep(50);
    }
  };

  it('answers /readiness 200 while ElastiCache answers, 503 naming it while it does not, and 200 again', async () => {
    expect(await readiness()).toEqual({
      status: 200,
      body: { status: 'ready', ready: true, dependencies: { 'elasticache:us-east-1': 'ok' } },
    });
    await endpoint.close();
    const down = await readinessUntil((answer) => answer.status === 503);
    expect(down.body).toMatchObject({
      status: 'unready',
      dependencies: { 'elasticache:us-east-1': 'UPSTREAM_UNAVAILABLE' },
    });
    // /health stays liveness.
    expect((await fetch(new URL('/health', graphqlUrl))).status).toBe(200);
    endpoint = await startLocalEndpoint({ port, seed: 'demo', migration: { transitionMs: 20 } });
    expect((await readinessUntil((answer) => answer.status === 200)).status).toBe(200);
  }, 30_000);

  it('on SIGTERM finishes a slow request, ends an open subscription cleanly, and exits 0', async () => {
    const abort = new AbortController();
    const stream = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription { replicationGroupChanged(replicationGroupId: "orders-cache") { status } }',
      }),
      signal: abort.signal,
    });
    const reader = stream.body?.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const ended = (async () => {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return received;
        received += decoder.decode(chunk.value, { stream: true });
      }
    })();
    while (!received.includes('event: next')) await sleep(50);

    // Every DescribeCacheClusters now takes 0.8 s: a request in flight when the signal comes.
    endpoint.faults.inject({ action: 'DescribeCacheClusters', kind: 'latency', latencyMs: 800 });
    const sent = Date.now();
    const slow = fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        // Another group than the subscribed one: its clusters are not in the read cache.
        query: '{ replicationGroup(replicationGroupId: "legacy-redis") { cacheClusters { cacheClusterId } } }',
      }),
    });
    await sleep(400);
    gateway.child.kill('SIGTERM');

    const answer = await slow;
    // It was still in flight when the signal came, 400 ms after it was sent.
    expect(Date.now() - sent).toBeGreaterThan(700);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      data: {
        replicationGroup: {
          cacheClusters: [{ cacheClusterId: 'legacy-redis-001' }, { cacheClusterId: 'legacy-redis-002' }],
        },
      },
    });
    // The stream ended with graphql-sse's clean completion, not a cut connection.
    const text = await ended;
    expect(text).toMatch(/event: complete/);
    expect(await gateway.exited).toBe(0);
    expect(gateway.lines.map((line) => line.message)).toContain('Drained: every request finished');
    abort.abort();
  }, 30_000);
});

describe('the gateway process whose stderr nobody reads any more', () => {
  it('still exits 0 on SIGTERM (its log lines then go nowhere, rather than holding the exit)', async () => {
    const gateway = await startGatewayProcess({ env: { AUTH_DISABLED: 'true', SHUTDOWN_TIMEOUT_MS: '1000' } });
    try {
      // The reader goes away, as when the process that started it (or a log shipper) dies.
      gateway.child.stderr.destroy();
      gateway.child.kill('SIGTERM');
      // Bounded: a gateway that never exits fails here rather than holding the suite.
      const exited = await Promise.race([gateway.exited, sleep(15_000).then(() => 'still running' as const)]);
      expect(exited).toBe(0);
    } finally {
      await gateway.kill();
    }
  }, 30_000);
});
