import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type Server as TcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicationGroupWithEventsDocument } from '../../examples/generated/graphql.js';
import { createLogger } from '../../src/logger.js';
import { ElastiCacheClients } from '../../src/aws/clients.js';
import { createGateway, type Gateway } from '../../src/server.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../../src/document-limits.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { waitUntil } from '../support/eventually.js';

/** An upstream that accepts connections and reads requests, and never answers a byte. */
async function blackHole(): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: TcpServer = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('data', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => accepted,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function graphql(gateway: Gateway, query: string, variables?: Record<string, unknown>) {
  const response = await gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
}

describe('an upstream that accepts and never answers', () => {
  let hole: Awaited<ReturnType<typeof blackHole>>;
  let clients: ElastiCacheClients;
  let gateway: Gateway;

  beforeAll(async () => {
    hole = await blackHole();
    clients = new ElastiCacheClients(['us-east-1'], {
      endpoint: hole.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 2,
      connectionTimeoutMs: 1_000,
      requestTimeoutMs: 300,
    });
    gateway = createGateway({ clients, log: createLogger('silent'), graphiql: false, subscriptionPollIntervalMs: 100 });
  });
  afterAll(async () => {
    await gateway.dispose();
    clients.destroy();
    await hole.close();
  });

  it('ends every read and mutation as UPSTREAM_UNAVAILABLE, more calls than the socket pool holds included', async () => {
    const reads = Array.from({ length: 60 }, (_, i) =>
      graphql(gateway, 'query ($id: String!) { replicationGroup(replicationGroupId: $id) { arn } }', {
        id: `group-${i}`,
      }),
    );
    const mutations = Array.from({ length: 3 }, () =>
      graphql(gateway, 'mutation ($input: TestMigrationInput!) { testMigration(input: $input) { __typename } }', {
        input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port: 6379 }] },
      }),
    );
    const results = await Promise.all([...reads, ...mutations]);
    expect(results.map((result) => result.errors?.[0]?.extensions?.code)).toEqual(
      Array.from({ length: 63 }, () => 'UPSTREAM_UNAVAILABLE'),
    );
    // Two attempts each: every attempt was sent and then given up.
    expect(hole.connections()).toBeGreaterThanOrEqual(63);
  });

  it('keeps a subscription poller polling after its calls time out', async () => {
    const abort = new AbortController();
    const response = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription { replicationGroupChanged(replicationGroupId: "orders-cache") { status } }',
      }),
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    const before = hole.connections();
    // Each poll: 2 attempts of 300 ms, then 100 ms to the next one: polls go on after timeouts.
    await waitUntil(() => hole.connections() - before >= 4, 'four attempts at the black hole');
    abort.abort();
  });
});

describe('a client that disconnects', () => {
  let t: TestGateway;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    // 150 aliases: far over the alias limit, raised here to show what happens past it.
    t = await startTestGateway({ documentLimits: { ...DEFAULT_DOCUMENT_LIMITS, maxAliases: 200 } });
    server = createHttpServer(t.gateway);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t.close();
  });

  it('stops costing AWS calls once it has gone', async () => {
    // 150 distinct event windows (1,500 tokens): 150 DescribeEvents calls, 50 at a time (the SDK's socket pool),
    // each answered a second late. The client leaves as soon as the first is sent.
    t.endpoint.faults.inject({ action: 'DescribeEvents', kind: 'latency', latencyMs: 1_000 });
    const fields = Array.from({ length: 150 }, (_, i) => `w${i}: events(durationMinutes: ${i + 1}) { message }`).join(
      ' ',
    );
    t.endpoint.resetCalls();
    const abort = new AbortController();
    const request = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ replicationGroup(replicationGroupId: "orders-cache") { ${fields} } }` }),
      signal: abort.signal,
    }).catch(() => null);
    // The client leaves once the gateway has started calling (however long parsing took).
    for (const deadline = Date.now() + 20_000; ;) {
      if (t.endpoint.calls.some((call) => call.action === 'DescribeEvents') || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    abort.abort();
    await request;
    // Long enough for every queued call to have been sent, had the gateway kept going.
    let seen = -1;
    while (seen !== t.endpoint.calls.length) {
      seen = t.endpoint.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 1_500));
    }
    const sent = t.endpoint.calls.filter((call) => call.action === 'DescribeEvents').length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(50);
    t.endpoint.faults.clear();
    // The gateway serves the next client normally.
    const result = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: 'orders-cache' });
    expect(result.errors).toBeUndefined();
  });
});
