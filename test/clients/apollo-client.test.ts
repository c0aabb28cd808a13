import { ApolloClient, HttpLink, InMemoryCache, type ApolloLink, type PossibleTypesMap } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient as createWsClient } from 'graphql-ws';
import { firstValueFrom, filter } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  MigrationStateDocument,
  ReplicationGroupChangedDocument,
  StartMigrationDocument,
} from '../../examples/generated/graphql.js';
import generated from '../../examples/generated/possible-types.js';
import { typePolicies } from '../../examples/generated/keyless-types.js';
import { ORDERS_ARN, LOCAL_REDIS } from '../support/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * Apollo Client (core, as a React app's hooks use it underneath), set up as the README says:
 * HttpLink for everything (subscriptions as multipart HTTP), InMemoryCache with the generated
 * possibleTypes and typePolicies (`id` normalises groups; the keyless value types merge).
 */
describe('Apollo Client against the gateway', () => {
  let t: TestGateway;
  let uri: string;
  const links: { dispose(): Promise<void> | void }[] = [];

  beforeAll(async () => {
    t = await startTestGateway({ subscriptionPollIntervalMs: 1_000 });
    uri = (await t.listen()).graphqlUrl;
  });
  afterAll(async () => {
    for (const link of links) await link.dispose();
    await t.close();
  });

  const client = (
    link: ApolloLink,
    possibleTypes: PossibleTypesMap = generated.possibleTypes,
    policies: Record<string, { merge: true }> = typePolicies,
  ) => new ApolloClient({ link, cache: new InMemoryCache({ possibleTypes, typePolicies: policies }) });
  const http = () => new HttpLink({ uri });

  it("sees a fault's code and message, which are selected through the ElastiCacheError interface", async () => {
    const apollo = client(http());
    const result = await apollo.mutate({
      mutation: StartMigrationDocument,
      variables: { input: { replicationGroupId: 'no-such-group', customerNodeEndpointList: LOCAL_REDIS } },
    });
    expect(result.data?.startMigration).toEqual({
      __typename: 'ReplicationGroupNotFoundFault',
      code: 'ReplicationGroupNotFoundFault',
      message: expect.stringContaining('no-such-group') as unknown,
    });
  });

  it('drops them without the generated possibleTypes (why codegen writes them)', async () => {
    const apollo = client(http(), {});
    const result = await apollo.mutate({
      mutation: StartMigrationDocument,
      variables: { input: { replicationGroupId: 'no-such-group', customerNodeEndpointList: LOCAL_REDIS } },
    });
    expect(result.data?.startMigration).toEqual({ __typename: 'ReplicationGroupNotFoundFault' });
  });

  it("updates the cached group from a mutation's answer, normalised by id", async () => {
    const apollo = client(http());
    const before = await apollo.query({
      query: MigrationStateDocument,
      variables: { replicationGroupId: 'orders-cache' },
    });
    expect(before.data?.replicationGroup).toMatchObject({ id: ORDERS_ARN, status: 'available' });

    const started = await apollo.mutate({
      mutation: StartMigrationDocument,
      variables: { input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: LOCAL_REDIS } },
    });
    expect(started.data?.startMigration).toMatchObject({
      __typename: 'StartMigrationSuccess',
      replicationGroup: { id: ORDERS_ARN, status: 'modifying' },
    });
    // The earlier query, answered from the cache alone, shows the mutation's status.
    const cached = apollo.readQuery({
      query: MigrationStateDocument,
      variables: { replicationGroupId: 'orders-cache' },
    });
    expect(cached?.replicationGroup?.status).toBe('modifying');
    expect(apollo.cache.identify({ __typename: 'ReplicationGroup', id: ORDERS_ARN })).toBe(
      `ReplicationGroup:${ORDERS_ARN}`,
    );
  });

  it('subscribes over multipart HTTP through HttpLink, with no other link', async () => {
    const apollo = client(http());
    const first = await firstValueFrom(
      apollo
        .subscribe({ query: ReplicationGroupChangedDocument, variables: { replicationGroupId: 'sessions-valkey' } })
        .pipe(filter((result) => result.data !== undefined)),
    );
    expect(first.data?.replicationGroupChanged).toMatchObject({
      id: expect.stringContaining(':sessions-valkey') as unknown,
      status: 'available',
    });
  });

  it('subscribes over GraphQL over WebSocket through GraphQLWsLink', async () => {
    const ws = createWsClient({ url: uri.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
    links.push(ws);
    const apollo = client(new GraphQLWsLink(ws));
    const first = await firstValueFrom(
      apollo
        .subscribe({ query: ReplicationGroupChangedDocument, variables: { replicationGroupId: 'sessions-valkey' } })
        .pipe(filter((result) => result.data !== undefined)),
    );
    expect(first.data?.replicationGroupChanged).toMatchObject({
      status: 'available',
      migration: { phase: expect.any(String) as unknown },
    });
  });

  it('reads a cached query back whole after a push that selected fewer of its fields (the generated typePolicies)', async () => {
    const readBack = async (policies: Record<string, { merge: true }>) => {
      const apollo = client(http(), generated.possibleTypes, policies);
      const variables = { replicationGroupId: 'analytics-tls' };
      const queried = await apollo.query({ query: MigrationStateDocument, variables });
      expect(queried.data?.replicationGroup?.migration).toMatchObject({ phase: expect.any(String) as unknown });
      // One push of `migration { phase message }` into the same group.
      await firstValueFrom(
        apollo
          .subscribe({ query: ReplicationGroupChangedDocument, variables })
          .pipe(filter((result) => result.data !== undefined)),
      );
      return apollo.readQuery({ query: MigrationStateDocument, variables });
    };
    const whole = await readBack(typePolicies);
    expect(whole?.replicationGroup?.migration).toHaveProperty('updatedAt');
    // Without them, the push's smaller MigrationState replaces the query's: it no longer reads back.
    expect(await readBack({})).toBeNull();
  });
});
