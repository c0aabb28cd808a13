import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { soleOperationWithoutFragments } from '../../src/execution/compiled-execution.js';
import { GatewayMetrics } from '../../src/metrics.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { countsBy } from '../support/metrics.js';

const DASHBOARD = `query Dashboard($first: Int) { replicationGroups(first: $first) {
  edges { cursor node { arn replicationGroupId status
    nodeGroups { nodeGroupId nodeGroupMembers { cacheClusterId cacheCluster { cacheClusterStatus engineVersion } } }
    events(durationMinutes: 60) { date message } } }
  pageInfo { hasNextPage endCursor } } }`;
const SOURCE = '[{ address: "127.0.0.1", port: 6379 }]';

/** Each request: what it sends, and whether graphql-jit runs it (the rest runs on graphql-js). */
const REQUESTS: { name: string; body: Record<string, unknown>; compiled: boolean }[] = [
  { name: 'a dashboard page', body: { query: DASHBOARD, variables: { first: 3 } }, compiled: true },
  { name: '__typename alone', body: { query: '{ __typename }' }, compiled: true },
  {
    name: 'aliases, one of a group that does not exist',
    body: {
      query:
        '{ b: replicationGroup(replicationGroupId: "sessions-valkey") { status arn } a: replicationGroup(replicationGroupId: "no-such-group") { status } }',
    },
    compiled: true,
  },
  {
    name: 'a bad argument, refused by the resolver with a code, at its field',
    body: { query: '{ ok: __typename replicationGroups(first: -1) { edges { cursor } } }' },
    compiled: true,
  },
  {
    name: 'a mutation answered with a typed fault',
    body: {
      query: `mutation { testMigration(input: { replicationGroupId: "no-such-group", customerNodeEndpointList: ${SOURCE} }) { __typename } }`,
    },
    compiled: true,
  },
  {
    name: 'variables that do not coerce',
    body: { query: DASHBOARD, variables: { first: 'many' } },
    compiled: false,
  },
  {
    name: 'a required variable not sent',
    body: { query: 'query ($id: String!) { replicationGroup(replicationGroupId: $id) { status } }' },
    compiled: false,
  },
  {
    name: "a fragment spread before the selection's own fields (the response keeps the requested order)",
    body: {
      query:
        '{ replicationGroup(replicationGroupId: "orders-cache") { ...Names status events(durationMinutes: 60) { message } } } fragment Names on ReplicationGroup { replicationGroupId arn }',
    },
    compiled: false,
  },
  {
    name: 'an inline fragment first',
    body: { query: '{ node(id: "orders-cache") { ... on ReplicationGroup { status } id } }' },
    compiled: false,
  },
  {
    name: 'a document of two operations, the second asked for',
    body: {
      query:
        'query First { __typename } query Second { replicationGroup(replicationGroupId: "orders-cache") { status } }',
      operationName: 'Second',
    },
    compiled: false,
  },
];

/** The answer's status and text as sent: the order of the response's fields counts. */
async function send(t: TestGateway, body: Record<string, unknown>) {
  const response = await t.gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

describe('queries and mutations compiled by graphql-jit (GRAPHQL_COMPILED_EXECUTION)', () => {
  let compiled: TestGateway;
  let interpreted: TestGateway;
  let compiledMetrics: GatewayMetrics;
  let interpretedMetrics: GatewayMetrics;
  const executions = (metrics: GatewayMetrics) =>
    countsBy(metrics, 'graphql_executions_total', 'engine', ['compiled', 'graphql-js']);

  beforeAll(async () => {
    compiledMetrics = new GatewayMetrics();
    interpretedMetrics = new GatewayMetrics();
    compiled = await startTestGateway({ metrics: { metrics: compiledMetrics, token: null } });
    interpreted = await startTestGateway({
      sharedEndpoint: compiled.endpoint,
      compiledExecution: false,
      metrics: { metrics: interpretedMetrics, token: null },
    });
  });
  afterAll(async () => {
    await interpreted.close();
    await compiled.close();
  });

  it.each(REQUESTS)(
    'answers $name exactly as graphql-js does, byte for byte, the first time and compiled',
    async ({ body, compiled: runsCompiled }) => {
      const before = await executions(compiledMetrics);
      const fromGraphQLJs = await send(interpreted, body);
      // The first execution of a document is graphql-js's; it is compiled for the second.
      expect(await send(compiled, body)).toEqual(fromGraphQLJs);
      expect(await send(compiled, body)).toEqual(fromGraphQLJs);
      const after = await executions(compiledMetrics);
      expect({
        compiled: after.compiled - before.compiled,
        'graphql-js': after['graphql-js'] - before['graphql-js'],
      }).toEqual(runsCompiled ? { compiled: 1, 'graphql-js': 1 } : { compiled: 0, 'graphql-js': 2 });
    },
  );

  it('answers errors at their fields with their locations and codes', async () => {
    const refused = { query: '{ refused: replicationGroups(first: 0) { edges { cursor } } }' };
    await send(compiled, refused);
    const before = await executions(compiledMetrics);
    const { text } = await send(compiled, refused);
    expect((await executions(compiledMetrics)).compiled).toBe(before.compiled + 1);
    const answer = JSON.parse(text) as {
      errors: { path: string[]; locations: unknown[]; extensions: { code: string } }[];
    };
    expect(answer.errors[0]).toMatchObject({
      path: ['refused'],
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('counts nothing when off: every operation runs on graphql-js', async () => {
    expect(await executions(interpretedMetrics)).toEqual({ compiled: 0, 'graphql-js': 0 });
  });
});

describe('compiled execution behind the whole-response cache', () => {
  it('runs the document the cache executes (with its own fields added), and answers as graphql-js', async () => {
    const metrics = new GatewayMetrics();
    const cached = await startTestGateway({
      readCacheTtlMs: 60_000,
      responseCacheTtlMs: 60_000,
      metrics: { metrics, token: null },
    });
    const interpreted = await startTestGateway({ sharedEndpoint: cached.endpoint, compiledExecution: false });
    try {
      const page = (first: number) => ({ query: DASHBOARD, variables: { first } });
      // Executed (graphql-js, the document's first run), then served from the cache, then another
      // page size: executed again, compiled.
      const first = await send(cached, page(5));
      expect(await send(cached, page(5))).toEqual(first);
      const other = await send(cached, page(6));
      expect(first).toEqual(await send(interpreted, page(5)));
      expect(other).toEqual(await send(interpreted, page(6)));
      expect(await countsBy(metrics, 'graphql_executions_total', 'engine', ['compiled', 'graphql-js'])).toEqual({
        compiled: 1,
        'graphql-js': 1,
      });
      expect(await countsBy(metrics, 'elasticache_response_cache_total', 'event', ['hit', 'kept'])).toEqual({
        hit: 1,
        kept: 2,
      });
    } finally {
      await interpreted.close();
      await cached.close();
    }
  });
});

describe('the documents graphql-jit runs', () => {
  const sole = (query: string) => soleOperationWithoutFragments(parse(query))?.name?.value ?? null;

  it('are those of one operation and no fragment', () => {
    expect(sole('query One { a: __typename b: __typename }')).toBe('One');
    expect(sole('mutation Run { __typename }')).toBe('Run');
    expect(sole('query One { __typename } query Two { __typename }')).toBeNull();
    expect(sole('query One { ...F } fragment F on Query { __typename }')).toBeNull();
    expect(
      sole('query One { replicationGroup(replicationGroupId: "a") { ... on ReplicationGroup { status } } }'),
    ).toBeNull();
    expect(sole('fragment F on Query { __typename } query One { __typename }')).toBeNull();
  });
});
