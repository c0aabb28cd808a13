import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SCOPES } from '../../src/auth/scopes.js';
import { GatewayMetrics } from '../../src/metrics.js';
import { LOCAL_REDIS } from '../support/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { bearer, post } from '../support/http.js';
import { TestIdentityProvider } from '../support/identity-provider.js';
import { countsBy } from '../support/metrics.js';

const DASHBOARD = `{ replicationGroups(first: 10) { edges { node { arn replicationGroupId status
  cacheClusters { cacheClusterId } migration { phase message updatedAt } } } } }`;
const STATUS = (id: string) => `{ replicationGroup(replicationGroupId: "${id}") { replicationGroupId status } }`;
const SOURCE = `[{ address: "${LOCAL_REDIS[0]?.address}", port: ${LOCAL_REDIS[0]?.port} }]`;
const START = (id: string) =>
  `mutation { startMigration(input: { replicationGroupId: "${id}", customerNodeEndpointList: ${SOURCE} }) { __typename } }`;

/** The response cache's counters of a gateway started with `metrics`. */
const responseCacheEvents = (metrics: GatewayMetrics) =>
  countsBy(metrics, 'elasticache_response_cache_total', 'event', ['hit', 'kept']);

describe('the whole-response cache (RESPONSE_CACHE_TTL_MS)', () => {
  let t: TestGateway;
  let metrics: GatewayMetrics;
  const start = async (options: { responseCacheTtlMs?: number } = {}) => {
    metrics = new GatewayMetrics();
    t = await startTestGateway({
      readCacheTtlMs: 60_000,
      responseCacheTtlMs: options.responseCacheTtlMs ?? 60_000,
      metrics: { metrics, token: null },
    });
    t.endpoint.resetCalls();
  };
  afterEach(() => t.close());

  it('answers the same query again without executing it: the same body, no read at all', async () => {
    await start();
    const first = await post(t, DASHBOARD);
    expect(first.body.errors).toBeUndefined();
    const callsAfterFirst = t.endpoint.calls.length;
    expect(callsAfterFirst).toBeGreaterThan(0);
    expect(await responseCacheEvents(metrics)).toEqual({ hit: 0, kept: 1 });

    const second = await post(t, DASHBOARD);
    expect(second.body).toEqual(first.body);
    expect(t.endpoint.calls).toHaveLength(callsAfterFirst);
    expect(await responseCacheEvents(metrics)).toEqual({ hit: 1, kept: 1 });
    // The reads were not even asked of the read cache: nothing was executed.
    expect((await countsBy(metrics, 'elasticache_reads_total', 'answered_by', ['cache'])).cache).toBe(0);
    // Nothing of the cache's own leaks into the body; HTTP caches get an ETag.
    expect(Object.keys(second.body)).toEqual(['data']);
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
  });

  it('keeps different variables, operation names and documents apart', async () => {
    await start();
    const ordersStatus = await post(t, STATUS('orders-cache'));
    const sessionsStatus = await post(t, STATUS('sessions-valkey'));
    expect(ordersStatus.body.data).toEqual({
      replicationGroup: { replicationGroupId: 'orders-cache', status: 'available' },
    });
    expect(sessionsStatus.body.data).toMatchObject({ replicationGroup: { replicationGroupId: 'sessions-valkey' } });
    const query = 'query Status($id: String!) { replicationGroup(replicationGroupId: $id) { replicationGroupId } }';
    const named = async (id: string) =>
      (await post(t, query, {}, { variables: { id }, operationName: 'Status' })).body.data;
    expect(await named('orders-cache')).toEqual({ replicationGroup: { replicationGroupId: 'orders-cache' } });
    expect(await named('sessions-valkey')).toEqual({ replicationGroup: { replicationGroupId: 'sessions-valkey' } });
    expect(await named('orders-cache')).toEqual({ replicationGroup: { replicationGroupId: 'orders-cache' } });
    expect(await responseCacheEvents(metrics)).toEqual({ hit: 1, kept: 4 });
  });

  it('serves nothing computed before a mutation of the region: a client reads its own write', async () => {
    await start();
    expect((await post(t, STATUS('orders-cache'))).body.data).toMatchObject({
      replicationGroup: { status: 'available' },
    });
    expect((await post(t, START('orders-cache'))).body.data).toEqual({
      startMigration: { __typename: 'StartMigrationSuccess' },
    });
    expect((await post(t, STATUS('orders-cache'))).body.data).toMatchObject({
      replicationGroup: { status: 'modifying' },
    });
    // The mutation itself was executed, never answered from or kept in the cache.
    expect(await responseCacheEvents(metrics)).toEqual({ hit: 0, kept: 2 });
    await t.endpoint.settled();
  });

  it('never keeps an answer with errors: an AWS fault is asked again', async () => {
    await start();
    t.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'throttling', times: 10 });
    const failed = await post(t, STATUS('orders-cache'));
    expect(failed.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_THROTTLED');
    t.endpoint.faults.clear();
    const answered = await post(t, STATUS('orders-cache'));
    expect(answered.body).toEqual({
      data: { replicationGroup: { replicationGroupId: 'orders-cache', status: 'available' } },
    });
    expect(await responseCacheEvents(metrics)).toEqual({ hit: 0, kept: 1 });
  });

  it('never keeps what reads an engine (the preflight), nor a typed fault', async () => {
    await start();
    const preflight = `{ migrationPreflight(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: ${SOURCE} }) { __typename ... on MigrationPreflight { ready } } }`;
    const missing = `{ migrationPreflight(input: { replicationGroupId: "no-such-group", customerNodeEndpointList: ${SOURCE} }) { __typename } }`;
    for (let round = 0; round < 2; round += 1) {
      expect((await post(t, preflight)).body.data).toMatchObject({
        migrationPreflight: { __typename: 'MigrationPreflight' },
      });
      expect((await post(t, missing)).body.data).toEqual({
        migrationPreflight: { __typename: 'ReplicationGroupNotFoundFault' },
      });
    }
    expect(await responseCacheEvents(metrics)).toEqual({ hit: 0, kept: 0 });
  });

  it('executes a conditional request in full, never answering 304 for a response a mutation retired', async () => {
    await start();
    const get = (headers: Record<string, string> = {}) =>
      t.gateway.fetch(`http://gateway.test/graphql?query=${encodeURIComponent(STATUS('orders-cache'))}`, {
        headers: { accept: 'application/graphql-response+json', ...headers },
      });
    const first = await get();
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    await post(t, START('orders-cache'));
    const changed = await get({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ data: { replicationGroup: { status: 'modifying' } } });
    await t.endpoint.settled();
  });

  it('is off with RESPONSE_CACHE_TTL_MS=0', async () => {
    await start({ responseCacheTtlMs: 0 });
    await post(t, STATUS('orders-cache'));
    await post(t, STATUS('orders-cache'));
    expect(await responseCacheEvents(metrics)).toEqual({ hit: 0, kept: 0 });
  });
});

describe('the response cache and scopes: no caller is given an answer computed for other scopes', () => {
  let idp: TestIdentityProvider;
  let t: TestGateway;
  let metrics: GatewayMetrics;
  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    metrics = new GatewayMetrics();
    t = await startTestGateway({
      auth: idp.authConfig(),
      readCacheTtlMs: 60_000,
      responseCacheTtlMs: 60_000,
      metrics: { metrics, token: null },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('keys answers by the scope set: a caller without the scope is refused after one with it was answered, and the other way round', async () => {
    const as = async (scope: string, query: string) => post(t, query, bearer(await idp.token({ scope })));
    const reader = await as(SCOPES.read, STATUS('orders-cache'));
    expect(reader.body.errors).toBeUndefined();
    expect(await responseCacheEvents(metrics)).toEqual({ hit: 0, kept: 1 });

    // Same document, a token without elasticache:read: refused, not handed the reader's answer.
    const unscoped = await as('openid', STATUS('orders-cache'));
    expect(unscoped.body.data).toEqual({ replicationGroup: null });
    expect(unscoped.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    // The refusal was not kept either: a reader of another document first meets the refusal's key empty.
    const refusedFirst = await as('openid', STATUS('sessions-valkey'));
    expect(refusedFirst.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const readerAfter = await as(SCOPES.read, STATUS('sessions-valkey'));
    expect(readerAfter.body.errors).toBeUndefined();
    expect(readerAfter.body.data).toMatchObject({ replicationGroup: { replicationGroupId: 'sessions-valkey' } });

    // Other scope sets have entries of their own (read + migrate does not share read's); the
    // same set shares, whoever holds it.
    await as(`${SCOPES.read} ${SCOPES.migrate}`, STATUS('orders-cache'));
    expect(await responseCacheEvents(metrics)).toEqual({ hit: 0, kept: 3 });
    const otherReader = await post(
      t,
      STATUS('orders-cache'),
      bearer(await idp.token({ scope: SCOPES.read, subject: 'user-7' })),
    );
    expect(otherReader.body).toEqual(reader.body);
    expect(await responseCacheEvents(metrics)).toEqual({ hit: 1, kept: 3 });
  });

  it('never answers a conditional request before the caller is authenticated', async () => {
    const token = await idp.token({ scope: SCOPES.read });
    const get = (headers: Record<string, string>) =>
      t.gateway.fetch(`http://gateway.test/graphql?query=${encodeURIComponent(STATUS('orders-cache'))}`, {
        headers: { accept: 'application/graphql-response+json', ...headers },
      });
    const first = await get(bearer(token));
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect((await get({ 'if-none-match': etag })).status).toBe(401);
    // With the token, it is executed (and answered in full).
    const checked = await get({ ...bearer(token), 'if-none-match': etag });
    expect(checked.status).toBe(200);
    expect(await checked.json()).toEqual(await first.json());
  });
});
