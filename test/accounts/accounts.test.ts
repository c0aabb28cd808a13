import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AwsAccountSetting } from '../../src/aws/accounts.js';
import { groupArn, servedAccount, TEAM_A, TEAM_B } from '../support/accounts.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const TEAM_C = '333333333333';
/** Configured in the gateway, unknown to the endpoint: its AssumeRole is refused (AccessDenied). */
const GONE = '444444444444';

const account = (accountId: string, extra: Partial<AwsAccountSetting> = {}): AwsAccountSetting =>
  servedAccount(accountId, { name: `team-${accountId.slice(0, 1)}`, ...extra });

/**
 * One gateway over several accounts (AWS_ACCOUNTS), each reached by assuming its role through
 * the local endpoint's STS with the SDK's fromTemporaryCredentials: the real path, signed
 * requests, each account's own state on the endpoint.
 */
describe('several AWS accounts from one gateway', () => {
  let t: TestGateway;
  const assumeRoles = () => t.endpoint.calls.filter((call) => call.action === 'AssumeRole');

  beforeAll(async () => {
    t = await startTestGateway({
      local: { accounts: [TEAM_A, TEAM_B, { accountId: TEAM_C, externalId: 'team-c-secret' }] },
      accounts: [account(TEAM_A), account(TEAM_B), account(TEAM_C, { externalId: 'team-c-secret' })],
      readCacheTtlMs: 60_000,
    });
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  it('lists the accounts it serves, the default first', async () => {
    const result = await t.execute(parse('{ accounts { accountId name regions } }'));
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      accounts: [
        { accountId: TEAM_A, name: 'team-1', regions: ['us-east-1'] },
        { accountId: TEAM_B, name: 'team-2', regions: ['us-east-1'] },
        { accountId: TEAM_C, name: 'team-3', regions: ['us-east-1'] },
      ],
    });
  });

  it('lists three accounts in turn, assuming each role once, and looks groups up by account and by ARN', async () => {
    t.endpoint.resetCalls();
    const listing = parse(`query ($accounts: [String!]) {
      replicationGroups(accounts: $accounts, first: 100) { edges { node { arn accountId } } }
    }`);
    const result = await t.execute(listing, { accounts: [TEAM_A, TEAM_B, TEAM_C] });
    expect(result.errors).toBeUndefined();
    const nodes = (
      result.data as { replicationGroups: { edges: { node: { arn: string; accountId: string } }[] } }
    ).replicationGroups.edges.map((edge) => edge.node);
    const owners = nodes.map((node) => node.accountId);
    // Account by account, each account's groups together.
    expect([...new Set(owners)]).toEqual([TEAM_A, TEAM_B, TEAM_C]);
    expect(nodes.every((node) => node.arn.includes(`:${node.accountId}:`))).toBe(true);
    expect(nodes.map((node) => node.arn)).toEqual(
      expect.arrayContaining([TEAM_A, TEAM_B, TEAM_C].map((id) => groupArn(id, 'orders-cache'))),
    );
    const assumed = assumeRoles();
    expect(assumed.map((call) => call.params.RoleArn)).toEqual(
      [TEAM_A, TEAM_B, TEAM_C].map((id) => `arn:aws:iam::${id}:role/elasticache-graphql`),
    );
    expect(assumed.every((call) => call.params.RoleSessionName === 'elasticache-graphql')).toBe(true);
    expect(assumed.find((call) => call.params.RoleArn?.includes(TEAM_C))?.params.ExternalId).toBe('team-c-secret');
    // Each listing call was signed with its account's temporary credentials.
    expect(
      t.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups').map((call) => call.accountId),
    ).toEqual([TEAM_A, TEAM_B, TEAM_C]);

    const lookups = await t.execute(
      parse(`{
        inB: replicationGroup(replicationGroupId: "orders-cache", account: "${TEAM_B}") { arn }
        byDefault: replicationGroup(replicationGroupId: "orders-cache") { arn }
        byArn: node(id: "${groupArn(TEAM_C, 'orders-cache')}") { ... on ReplicationGroup { arn accountId } }
      }`),
    );
    expect(lookups.errors).toBeUndefined();
    expect(lookups.data).toEqual({
      inB: { arn: groupArn(TEAM_B, 'orders-cache') },
      byDefault: { arn: groupArn(TEAM_A, 'orders-cache') },
      byArn: { arn: groupArn(TEAM_C, 'orders-cache'), accountId: TEAM_C },
    });
    // The credentials are shared: no role assumed again.
    expect(assumeRoles()).toHaveLength(3);
  });

  it('answers null for an ARN of an account it does not serve, and refuses an unknown account argument, with no AWS call', async () => {
    t.endpoint.resetCalls();
    const result = await t.execute(
      parse(`{
        other: node(id: "${groupArn('999999999999', 'orders-cache')}") { id }
        unknown: replicationGroup(replicationGroupId: "orders-cache", account: "999999999999") { arn }
      }`),
    );
    expect(result.data).toEqual({ other: null, unknown: null });
    expect(result.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['unknown'], 'UNKNOWN_ACCOUNT'],
    ]);
    expect(result.errors?.[0]?.extensions?.servedAccounts).toEqual([TEAM_A, TEAM_B, TEAM_C]);
    expect(t.endpoint.calls).toEqual([]);
  });

  it('keeps the read cache per account: the same group id in two accounts, and a mutation retires only its own', async () => {
    const read = (accountId: string) =>
      t.execute(
        parse(`{ replicationGroup(replicationGroupId: "orders-cache", account: "${accountId}") { arn status } }`),
      );
    await read(TEAM_A);
    await read(TEAM_B);
    t.endpoint.resetCalls();
    expect((await read(TEAM_A)).data).toEqual({
      replicationGroup: { arn: groupArn(TEAM_A, 'orders-cache'), status: 'available' },
    });
    expect((await read(TEAM_B)).data).toEqual({
      replicationGroup: { arn: groupArn(TEAM_B, 'orders-cache'), status: 'available' },
    });
    expect(t.endpoint.calls).toEqual([]);

    const tested = await t.execute(
      parse(`mutation {
        testMigration(input: { replicationGroupId: "orders-cache", account: "${TEAM_B}",
          customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename }
      }`),
    );
    expect(tested.data).toEqual({ testMigration: { __typename: 'TestMigrationSuccess' } });
    expect(t.endpoint.calls.map((call) => [call.action, call.accountId])).toEqual([['TestMigration', TEAM_B]]);
    await t.endpoint.settled();
    t.endpoint.resetCalls();
    await read(TEAM_A);
    expect(t.endpoint.calls).toEqual([]);
    await read(TEAM_B);
    expect(t.endpoint.calls.map((call) => [call.action, call.accountId])).toEqual([
      ['DescribeReplicationGroups', TEAM_B],
    ]);
  });

  it('renews credentials before they expire: a new AssumeRole within five minutes of the end of the hour', async () => {
    const read = () =>
      t.execute(parse(`{ replicationGroup(replicationGroupId: "orders-cache", account: "${TEAM_A}") { arn } }`));
    vi.useFakeTimers({ toFake: ['Date'] });
    // 56 minutes into the hour's session: inside the renewal margin, not yet expired.
    vi.setSystemTime(Date.now() + 56 * 60_000);
    t.endpoint.resetCalls();
    const result = await t.execute(
      parse(`{ replicationGroups(account: "${TEAM_A}", first: 1) { edges { node { arn } } } }`),
    );
    expect(result.errors).toBeUndefined();
    expect(t.endpoint.calls.map((call) => [call.action, call.accountId])).toEqual([
      ['AssumeRole', '000000000000'],
      ['DescribeReplicationGroups', TEAM_A],
    ]);
    expect(assumeRoles().filter((call) => call.params.RoleArn?.includes(TEAM_A))).toHaveLength(1);
    // The renewed credentials serve on, with no further AssumeRole.
    t.endpoint.resetCalls();
    expect((await read()).errors).toBeUndefined();
    expect(assumeRoles()).toEqual([]);
  });
});

describe('an account whose role cannot be assumed', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      local: { accounts: [TEAM_A, TEAM_B] },
      accounts: [account(TEAM_A), account(GONE), account(TEAM_B)],
    });
  });
  afterAll(() => t.close());

  it("gives ACCOUNT_UNAVAILABLE for that account's part of a listing while the others answer", async () => {
    const result = await t.execute(
      parse(
        `{ replicationGroups(accounts: ["${TEAM_A}", "${GONE}", "${TEAM_B}"], first: 100) { edges { node { accountId } } } }`,
      ),
    );
    const owners = (
      result.data as { replicationGroups: { edges: { node: { accountId: string } }[] } }
    ).replicationGroups.edges.map((edge) => edge.node.accountId);
    expect([...new Set(owners)]).toEqual([TEAM_A, TEAM_B]);
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: ['replicationGroups'],
        extensions: { code: 'ACCOUNT_UNAVAILABLE', accountId: GONE, stsCode: 'AccessDenied' },
      }),
    ]);
    // STS's message names principals and roles: it stays in the gateway's log.
    expect(JSON.stringify(result.errors)).not.toContain('not authorized');
  });

  it('fails a lookup in that account with the same typed error, and asks STS again only after a pause', async () => {
    t.endpoint.resetCalls();
    const lookup = parse(`{ replicationGroup(replicationGroupId: "orders-cache", account: "${GONE}") { arn } }`);
    const first = await t.execute(lookup);
    expect(first.data).toEqual({ replicationGroup: null });
    expect(first.errors?.map((error) => error.extensions)).toEqual([
      { code: 'ACCOUNT_UNAVAILABLE', accountId: GONE, stsCode: 'AccessDenied' },
    ]);
    await t.execute(lookup);
    // The listing above was refused moments ago: neither lookup asked STS again, nor reached ElastiCache.
    expect(t.endpoint.calls).toEqual([]);
  });
});

describe('a gateway without AWS_ACCOUNTS', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it("serves its credentials' own account, unnamed, and refuses an account argument with no AWS call", async () => {
    t.endpoint.resetCalls();
    const result = await t.execute(
      parse(`{
        accounts { accountId name regions }
        replicationGroup(replicationGroupId: "orders-cache", account: "${TEAM_A}") { arn }
      }`),
    );
    expect(result.data).toEqual({
      accounts: [{ accountId: null, name: null, regions: ['us-east-1'] }],
      replicationGroup: null,
    });
    expect(result.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['UNKNOWN_ACCOUNT', expect.stringContaining('AWS_ACCOUNTS is not set')],
    ]);
    expect(t.endpoint.calls).toEqual([]);
  });
});

describe('an account whose STS keeps throttling', () => {
  it("gives that account's part ACCOUNT_UNAVAILABLE with the STS code, after the SDK's retries, the other answering", async () => {
    const t = await startTestGateway({
      local: { accounts: [TEAM_A, TEAM_B] },
      accounts: [account(TEAM_A), account(TEAM_B)],
    });
    try {
      t.endpoint.faults.inject({ action: 'AssumeRole', accountId: TEAM_B, kind: 'throttling' });
      const result = await t.execute(
        parse(`{ replicationGroups(accounts: ["${TEAM_A}", "${TEAM_B}"]) { edges { node { accountId } } } }`),
      );
      const owners = (
        result.data as { replicationGroups: { edges: { node: { accountId: string } }[] } }
      ).replicationGroups.edges.map((edge) => edge.node.accountId);
      expect([...new Set(owners)]).toEqual([TEAM_A]);
      expect(result.errors?.map((error) => error.extensions)).toEqual([
        { code: 'ACCOUNT_UNAVAILABLE', accountId: TEAM_B, stsCode: 'Throttling' },
      ]);
      // The STS client retried as ElastiCache calls are (2 attempts in the tests), then gave up.
      const throttled = t.endpoint.calls.filter(
        (call) => call.action === 'AssumeRole' && call.params.RoleArn?.includes(TEAM_B),
      );
      expect(throttled).toHaveLength(2);
    } finally {
      await t.close();
    }
  });
});

describe('an account whose STS does not answer', () => {
  it("bounds AssumeRole by ELASTICACHE_TIMEOUT_MS, and logs the refusal once with STS's own words", async () => {
    const t = await startTestGateway({
      local: { accounts: [TEAM_A, TEAM_B] },
      accounts: [account(TEAM_A), account(TEAM_B), account(GONE)],
      requestTimeoutMs: 300,
      maxAttempts: 1,
    });
    try {
      t.endpoint.faults.inject({ action: 'AssumeRole', accountId: TEAM_B, kind: 'latency', latencyMs: 3_000 });
      // Unbounded, the AssumeRole would answer after 3 s and the lookup succeed.
      const slow = await t.execute(
        parse(`{ replicationGroup(replicationGroupId: "orders-cache", account: "${TEAM_B}") { arn } }`),
      );
      expect(slow.data).toEqual({ replicationGroup: null });
      expect(slow.errors?.[0]?.extensions).toEqual({
        code: 'ACCOUNT_UNAVAILABLE',
        accountId: TEAM_B,
        stsCode: 'TimeoutError',
      });

      await t.execute(parse(`{ replicationGroup(replicationGroupId: "orders-cache", account: "${GONE}") { arn } }`));
      // A role assumed well is not worth a line.
      expect(
        (
          await t.execute(
            parse(`{ replicationGroup(replicationGroupId: "orders-cache", account: "${TEAM_A}") { arn } }`),
          )
        ).errors,
      ).toBeUndefined();
      expect(t.logs.filter((line) => String(line['message']).startsWith(`AssumeRole of account ${TEAM_A}`))).toEqual(
        [],
      );
      const warned = t.logs.filter((line) => line['message'] === `AssumeRole of account ${GONE} failed: AccessDenied`);
      expect(warned).toEqual([
        expect.objectContaining({
          level: 'warn',
          awsAccount: GONE,
          stsCode: 'AccessDenied',
          stsMessage: expect.stringContaining('not authorized to perform: sts:AssumeRole'),
        }),
      ]);
    } finally {
      await t.close();
    }
  });
});

describe('readiness with several accounts', () => {
  it("checks each region as its first account, and keeps serving when that account's role cannot be assumed", async () => {
    const ready = await startTestGateway({ local: { accounts: [TEAM_A] }, accounts: [account(TEAM_A), account(GONE)] });
    const unassumable = await startTestGateway({
      local: { accounts: [TEAM_A] },
      accounts: [account(GONE), account(TEAM_A)],
    });
    try {
      const readiness = async (t: TestGateway) => {
        const response = await t.gateway.fetch('http://gateway.test/readiness');
        return { status: response.status, body: (await response.json()) as unknown };
      };
      ready.endpoint.resetCalls();
      expect(await readiness(ready)).toMatchObject({
        status: 200,
        body: { ready: true, dependencies: { 'elasticache:us-east-1': 'ok' } },
      });
      expect(
        ready.endpoint.calls
          .filter((call) => call.action === 'DescribeReplicationGroups')
          .map((call) => call.accountId),
      ).toEqual([TEAM_A]);
      expect(await readiness(unassumable)).toMatchObject({
        status: 200,
        body: { ready: true, dependencies: { 'elasticache:us-east-1': 'ACCOUNT_UNAVAILABLE' } },
      });
    } finally {
      await unassumable.close();
      await ready.close();
    }
  });
});
