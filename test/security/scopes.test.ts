import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CompleteMigrationDocument,
  ReplicationGroupChangedDocument,
  ReplicationGroupsDashboardDocument,
  StartMigrationDocument,
  TestMigrationDocument,
} from '../../examples/generated/graphql.js';
import { SCOPES } from '../../src/auth/scopes.js';
import { ROOT_FIELD_SCOPES } from '../../src/schema/authorization.js';
import { schema } from '../../src/schema/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { TestIdentityProvider } from '../support/identity-provider.js';
import { subscribe } from '../support/sse.js';
import { bearer, post } from '../support/http.js';

const REDIS = [{ address: '127.0.0.1', port: 6379 }];

describe('the scope table', () => {
  it('lists every root field of the schema, federation fields aside', () => {
    for (const [typeName, fields] of Object.entries(ROOT_FIELD_SCOPES)) {
      const type = schema.getType(typeName) as { getFields(): Record<string, unknown> };
      const own = Object.keys(type.getFields()).filter((field) => !field.startsWith('_'));
      expect(own.sort()).toEqual(Object.keys(fields).sort());
    }
  });
});

describe('scopes: elasticache:read for reads, elasticache:migrate for migrations', () => {
  let idp: TestIdentityProvider;
  let t: TestGateway;
  const mutations = [
    ['testMigration', TestMigrationDocument, { replicationGroupId: 'orders-cache', customerNodeEndpointList: REDIS }],
    ['startMigration', StartMigrationDocument, { replicationGroupId: 'orders-cache', customerNodeEndpointList: REDIS }],
    // Forced: these tests are about scopes and audit lines; the cutover guard waits for the data
    // (test/gateway/migration-progress.test.ts).
    ['completeMigration', CompleteMigrationDocument, { replicationGroupId: 'orders-cache', force: true }],
  ] as const;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    t = await startTestGateway({
      auth: idp.authConfig(),
      subscriptionPollIntervalMs: 1_000,
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });
  beforeEach(() => t.endpoint.resetCalls());

  const as = async <R, V>(scope: string, document: TypedDocumentNode<R, V>, variables: V) =>
    t.execute(document, variables, bearer(await idp.token({ scope })));
  /** Any of the mutations, with its input: typed loosely, as the table mixes their documents. */
  const asAny = (scope: string, document: TypedDocumentNode<unknown, unknown>, variables: unknown) =>
    as(scope, document, variables);

  it('grants nothing for a scope narrowed to an account on a gateway without AWS_ACCOUNTS (its account has no id here)', async () => {
    const result = await as(`${SCOPES.read}:000000000000`, ReplicationGroupsDashboardDocument, { first: 5 });
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.message).toBe('Not allowed: this account needs the scope elasticache:read.');
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', requiredScopes: [SCOPES.read] });
    expect(t.endpoint.calls).toEqual([]);
  });

  it('lets a read-only token run queries', async () => {
    const result = await as(SCOPES.read, ReplicationGroupsDashboardDocument, { first: 5 });
    expect(result.errors).toBeUndefined();
    expect(result.data?.replicationGroups?.edges.length).toBeGreaterThan(0);
  });

  it.each(mutations)(
    'refuses %s to a read-only token: FORBIDDEN, no AWS call, an audit line',
    async (name, document, input) => {
      const result = await asAny(SCOPES.read, document as TypedDocumentNode<unknown, unknown>, { input });
      expect(result.data).toEqual({ [name]: null });
      expect(result.errors?.[0]).toMatchObject({
        path: [name],
        extensions: { code: 'FORBIDDEN', requiredScopes: [SCOPES.migrate] },
      });
      expect(result.errors?.[0]?.message).toBe(`Not allowed: Mutation.${name} needs the scope ${SCOPES.migrate}.`);
      expect(t.endpoint.calls).toEqual([]);
      expect(t.logs.filter((line) => line.audit === true).at(-1)).toMatchObject({
        audit: true,
        subject: 'user-42',
        operation: name,
        replicationGroupId: 'orders-cache',
        outcome: 'refused',
        result: 'FORBIDDEN',
      });
    },
  );

  it('refuses a mutation run compiled (graphql-jit, from its second run) exactly as the first time', async () => {
    // No fragment: the document graphql-jit compiles (src/execution/compiled-execution.ts).
    const query = `mutation { testMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }`;
    const token = bearer(await idp.token({ scope: SCOPES.read }));
    const refusals = () => t.logs.filter((line) => line.audit === true && line.result === 'FORBIDDEN').length;
    const before = refusals();
    const first = await post(t, query, token);
    const compiled = await post(t, query, token);
    expect(compiled.body).toEqual(first.body);
    expect(compiled.body.errors?.[0]).toMatchObject({
      path: ['testMigration'],
      locations: [{ line: 1, column: 12 }],
      extensions: { code: 'FORBIDDEN', requiredScopes: [SCOPES.migrate] },
    });
    expect(t.endpoint.calls).toEqual([]);
    expect(refusals()).toBe(before + 2);
  });

  it('refuses one mutation without touching the others of the same request', async () => {
    const token = await idp.token({ scope: `${SCOPES.read} ${SCOPES.migrate}` });
    // Every field of this request is allowed but the second, which names a missing group.
    const answer = await post(
      t,
      `mutation {
        ok: testMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename }
        __typename
      }`,
      bearer(token),
    );
    expect(answer.body).toEqual({ data: { ok: { __typename: 'TestMigrationSuccess' }, __typename: 'Mutation' } });
    const readOnly = await post(
      t,
      `mutation {
        refused: testMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename }
        __typename
      }`,
      bearer(await idp.token({ scope: SCOPES.read })),
    );
    expect(readOnly.body.data).toEqual({ refused: null, __typename: 'Mutation' });
    expect(readOnly.body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    await t.endpoint.settled();
  });

  it('lets a migrate token run each mutation, and audits it with the AWS request id', async () => {
    const scope = `${SCOPES.read} ${SCOPES.migrate}`;
    const tested = await as(scope, TestMigrationDocument, { input: mutations[0][2] });
    expect(tested.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
    await t.endpoint.settled();
    const started = await as(scope, StartMigrationDocument, { input: mutations[1][2] });
    expect(started.data?.startMigration?.__typename).toBe('StartMigrationSuccess');
    await t.endpoint.settled();
    const completed = await as(scope, CompleteMigrationDocument, { input: mutations[2][2] });
    expect(completed.data?.completeMigration?.__typename).toBe('CompleteMigrationSuccess');
    await t.endpoint.settled();
    const audits = t.logs.filter((line) => line.audit === true).slice(-3);
    expect(audits.map((line) => [line.operation, line.outcome, line.result])).toEqual([
      ['testMigration', 'accepted', 'TestMigrationSuccess'],
      ['startMigration', 'accepted', 'StartMigrationSuccess'],
      ['completeMigration', 'accepted', 'CompleteMigrationSuccess'],
    ]);
    const answeredIds = t.endpoint.calls.map((call) => call.requestId);
    for (const line of audits) {
      expect(line).toMatchObject({ subject: 'user-42', replicationGroupId: 'orders-cache', region: 'us-east-1' });
      expect(answeredIds).toContain(line.awsRequestId);
    }
    expect(audits[0]?.sourceEndpoint).toBe('127.0.0.1:6379');
  });

  it('audits refused input and AWS faults too', async () => {
    const scope = `${SCOPES.read} ${SCOPES.migrate}`;
    await as(scope, TestMigrationDocument, {
      input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port: 0 }] },
    });
    await as(scope, CompleteMigrationDocument, { input: { replicationGroupId: 'ghost-group' } });
    const [refused, failed] = t.logs.filter((line) => line.audit === true).slice(-2);
    expect(refused).toMatchObject({ outcome: 'refused', result: 'InvalidInputError', awsRequestId: null });
    expect(failed).toMatchObject({
      operation: 'completeMigration',
      replicationGroupId: 'ghost-group',
      outcome: 'failed',
      result: 'ReplicationGroupNotFoundFault',
      awsRequestId: expect.any(String),
    });
  });

  it('reads scopes from an `scp` array as well', async () => {
    const token = await idp.token({ claims: { scp: [SCOPES.read] } });
    const answer = await post(t, '{ replicationGroup(replicationGroupId: "orders-cache") { status } }', bearer(token));
    expect(answer.body).toEqual({ data: { replicationGroup: { status: 'available' } } });
  });

  it('refuses reads, entities by reference and subscriptions to a token without the read scope', async () => {
    const token = await idp.token({ scope: SCOPES.migrate });
    const read = await post(t, '{ replicationGroup(replicationGroupId: "orders-cache") { status } }', bearer(token));
    expect(read.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const entity = await post(
      t,
      '{ _entities(representations: [{ __typename: "ReplicationGroup", arn: "arn:aws:elasticache:us-east-1:000000000000:replicationgroup:orders-cache" }]) { ... on ReplicationGroup { status } } }',
      bearer(token),
    );
    expect(entity.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(entity.body.errors?.[0]?.message).toBe('Not allowed: Query._entities needs the scope elasticache:read.');
    const subscription = await t.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...bearer(token) },
      body: JSON.stringify({
        query: 'subscription { replicationGroupChanged(replicationGroupId: "orders-cache") { status } }',
      }),
    });
    expect(await subscription.text()).toMatch(/"code":"FORBIDDEN"/);
    expect(t.endpoint.calls).toEqual([]);
  });

  it('ends a subscription stream when its token expires', async () => {
    const token = await idp.token({ scope: SCOPES.read, expiresIn: 3 });
    const changes = await subscribe(
      t.gateway,
      ReplicationGroupChangedDocument,
      { replicationGroupId: 'orders-cache' },
      bearer(token),
    );
    const first = await changes.next();
    expect(first.data?.replicationGroupChanged.replicationGroupId).toBe('orders-cache');
    const last = await changes.until((result) => result.errors !== undefined, 8_000);
    expect(last.at(-1)?.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(changes.next(3_000)).rejects.toThrow(/ended/);
    changes.close();
  });
});
