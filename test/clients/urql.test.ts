import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { createClient as createSseClient } from 'graphql-sse';
import { filter, pipe, take, toPromise } from 'wonka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MigrationStateDocument,
  ReplicationGroupChangedDocument,
  StartMigrationDocument,
} from '../../examples/generated/graphql.js';
import schema from '../../examples/generated/graphcache-schema.js';
import { graphcacheKeys } from '../../examples/generated/keyless-types.js';
import { ORDERS_ARN, LOCAL_REDIS } from '../support/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * urql with graphcache (normalised) set up as docs/frontends.md says: the generated schema
 * (graphcache-schema.ts) and keys of the keyless types (groups have `id`), subscriptions over
 * graphql-sse; graphcache logs no warning.
 */
describe('urql with graphcache against the gateway', () => {
  let t: TestGateway;
  let urql: Client;
  const sse: { dispose(): void }[] = [];
  const warnings: string[] = [];
  let restore: () => void = () => undefined;

  beforeAll(async () => {
    // graphcache warns through console.warn (fragments it cannot match, fields it cannot tell).
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    restore = () => (console.warn = warn);
    t = await startTestGateway({ subscriptionPollIntervalMs: 1_000 });
    const url = (await t.listen()).graphqlUrl;
    const events = createSseClient({ url, retryAttempts: 0 });
    sse.push(events);
    urql = new Client({
      url,
      exchanges: [
        cacheExchange({ schema, keys: graphcacheKeys }),
        fetchExchange,
        subscriptionExchange({
          forwardSubscription: (request) => ({
            subscribe: (sink) => ({ unsubscribe: events.subscribe({ ...request, query: request.query ?? '' }, sink) }),
          }),
        }),
      ],
    });
  });
  afterAll(async () => {
    restore();
    for (const client of sse) client.dispose();
    await t.close();
    // Every operation above ran without a graphcache warning.
    expect(warnings).toEqual([]);
  });

  it("sees a fault's code and message through the ElastiCacheError interface", async () => {
    const result = await urql.mutation(StartMigrationDocument, {
      input: { replicationGroupId: 'no-such-group', customerNodeEndpointList: LOCAL_REDIS },
    });
    expect(result.error).toBeUndefined();
    expect(result.data?.startMigration).toMatchObject({
      __typename: 'ReplicationGroupNotFoundFault',
      code: 'ReplicationGroupNotFoundFault',
      message: expect.stringContaining('no-such-group') as unknown,
    });
  });

  it("updates the cached group from a mutation's answer, normalised by id", async () => {
    const before = await urql.query(MigrationStateDocument, { replicationGroupId: 'orders-cache' });
    expect(before.data?.replicationGroup).toMatchObject({ id: ORDERS_ARN, status: 'available' });
    const started = await urql.mutation(StartMigrationDocument, {
      input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: LOCAL_REDIS },
    });
    expect(started.data?.startMigration).toMatchObject({ replicationGroup: { status: 'modifying' } });
    t.endpoint.resetCalls();
    const cached = await urql.query(
      MigrationStateDocument,
      { replicationGroupId: 'orders-cache' },
      { requestPolicy: 'cache-only' },
    );
    expect(cached.data?.replicationGroup?.status).toBe('modifying');
    expect(t.endpoint.calls).toEqual([]);
  });

  it('subscribes over Server-Sent Events', async () => {
    const first = await pipe(
      urql.subscription(ReplicationGroupChangedDocument, { replicationGroupId: 'sessions-valkey' }),
      filter((result) => result.data !== undefined),
      take(1),
      toPromise,
    );
    expect(first.data?.replicationGroupChanged).toMatchObject({ status: 'available' });
  });
});
