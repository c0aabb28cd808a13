import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

type Line = Record<string, unknown>;

/**
 * The log lines of requests served through the whole app over HTTP (the built-in local
 * endpoint): one line per request, one per AWS call, the request id on each of them.
 */
describe('request logs', () => {
  let app: RunningApp;
  const lines: Line[] = [];

  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'info', READ_CACHE_TTL_MS: '0', GRAPHIQL: 'false' });
    app = await startApp(
      config,
      createLogger('info', (line) => lines.push(JSON.parse(line) as Line)),
    );
  }, 30_000);
  afterAll(() => app.close());

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const requestLine = async (requestId: string) => {
    // Written when the response closes, a moment after the client has read it.
    for (let waited = 0; waited < 2_000; waited += 20) {
      const line = lines.find((entry) => entry.message === 'GraphQL request' && entry.requestId === requestId);
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`no request line for ${requestId}`);
  };
  const awsLines = (requestId: string) =>
    lines.filter((entry) => entry.message === 'AWS call' && entry.requestId === requestId);

  it("honours the caller's x-request-id, returns it, and logs one line with operation, duration, outcome and AWS calls", async () => {
    const response = await post(
      {
        query:
          'query Dashboard { replicationGroups(first: 2) { edges { node { replicationGroupId cacheClusters { cacheClusterId } } } } }',
      },
      { 'x-request-id': 'router-7f3a9c' },
    );
    expect(response.headers.get('x-request-id')).toBe('router-7f3a9c');
    expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    const line = await requestLine('router-7f3a9c');
    expect(line).toMatchObject({
      level: 'info',
      method: 'POST',
      path: '/graphql',
      status: 200,
      operationName: 'Dashboard',
      operationType: 'query',
      outcome: 'ok',
      errorCodes: [],
      awsCalls: 2,
      awsOperations: { DescribeReplicationGroups: 1, DescribeCacheClusters: 1 },
    });
    expect(line.durationMs).toEqual(expect.any(Number));
    // Each AWS call of the request: its own line, with the same request id and AWS's.
    const calls = awsLines('router-7f3a9c');
    expect(calls.map((call) => call.operation).sort()).toEqual(['DescribeCacheClusters', 'DescribeReplicationGroups']);
    for (const call of calls) {
      expect(call).toMatchObject({ region: 'us-east-1', outcome: 'ok', attempts: 1 });
      expect(call.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('makes up an id when none comes, or when the one sent is not a plain token', async () => {
    for (const headers of [{}, { 'x-request-id': 'two words' }, { 'x-request-id': 'x'.repeat(129) }] as Record<
      string,
      string
    >[]) {
      const response = await post(
        { query: '{ replicationGroup(replicationGroupId: "orders-cache") { status } }' },
        headers,
      );
      const id = response.headers.get('x-request-id') ?? '';
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      await response.text();
      expect(await requestLine(id)).toMatchObject({ operationName: null, operationType: 'query', awsCalls: 1 });
    }
  });

  it('puts the request id on the audit line of a mutation, and tells errors and refusals apart', async () => {
    const mutation = await post(
      {
        query:
          'mutation Check { testMigration(input: { replicationGroupId: "no-such-group", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }',
      },
      { 'x-request-id': 'audit-1' },
    );
    await mutation.text();
    expect(await requestLine('audit-1')).toMatchObject({ operationName: 'Check', outcome: 'ok', awsCalls: 1 });
    expect(lines.find((entry) => entry.audit === true && entry.requestId === 'audit-1')).toMatchObject({
      operation: 'testMigration',
      outcome: 'failed',
      result: 'ReplicationGroupNotFoundFault',
    });
    expect(awsLines('audit-1')).toMatchObject([
      { operation: 'TestMigration', outcome: 'ReplicationGroupNotFoundFault' },
    ]);

    const invalid = await post(
      { query: 'query BadPage { replicationGroups(first: 0) { edges { cursor } } }' },
      { 'x-request-id': 'bad-page' },
    );
    await invalid.text();
    expect(await requestLine('bad-page')).toMatchObject({
      operationName: 'BadPage',
      outcome: 'errors',
      errorCodes: ['BAD_USER_INPUT'],
      awsCalls: 0,
    });

    const refused = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-request-id': 'not-json' },
      body: '{ __typename }',
    });
    expect(refused.headers.get('x-request-id')).toBe('not-json');
    await refused.text();
    expect(await requestLine('not-json')).toMatchObject({ status: refused.status, outcome: 'refused', awsCalls: 0 });
    expect(refused.status).toBeGreaterThanOrEqual(400);
  });

  it('keeps the ids of concurrent requests apart', async () => {
    const groups = ['orders-cache', 'sessions-valkey', 'legacy-redis'];
    await Promise.all(
      groups.map(async (group) => {
        const response = await post(
          // One read each, of a different group: none can share another's call.
          { query: `{ replicationGroup(replicationGroupId: "${group}") { status } }` },
          { 'x-request-id': `concurrent-${group}` },
        );
        await response.text();
      }),
    );
    const awsRequestIds = new Set<unknown>();
    for (const group of groups) {
      expect(await requestLine(`concurrent-${group}`)).toMatchObject({ awsCalls: 1 });
      const calls = awsLines(`concurrent-${group}`);
      expect(calls).toMatchObject([{ operation: 'DescribeReplicationGroups', outcome: 'ok' }]);
      awsRequestIds.add(calls[0]?.awsRequestId);
    }
    expect(awsRequestIds.size).toBe(3);
  });

  it('writes no line for probes and scrapes', async () => {
    const before = lines.length;
    for (const path of ['/health', '/readiness', '/metrics']) await (await fetch(new URL(path, app.graphqlUrl))).text();
    expect(lines.slice(before).filter((entry) => entry.message === 'GraphQL request')).toEqual([]);
  });
});
