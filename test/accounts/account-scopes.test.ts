import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { groupArn, servedAccount as account, TEAM_A, TEAM_B } from '../support/accounts.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { bearer } from '../support/http.js';
import { TestIdentityProvider } from '../support/identity-provider.js';

/**
 * Scopes narrowed to one account: `elasticache:read:<account>` and `elasticache:migrate:<account>`
 * grant that account only, refused elsewhere before any AWS call; the plain scopes grant every
 * account.
 */
describe('scopes narrowed to an account', () => {
  let idp: TestIdentityProvider;
  let t: TestGateway;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    t = await startTestGateway({
      auth: idp.authConfig(),
      local: { accounts: [TEAM_A, TEAM_B] },
      accounts: [account(TEAM_A), account(TEAM_B)],
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });
  beforeEach(() => t.endpoint.resetCalls());

  const as = async (scope: string, query: string) => t.execute(parse(query), {}, bearer(await idp.token({ scope })));
  const lookup = (accountId: string) =>
    `{ replicationGroup(replicationGroupId: "orders-cache", account: "${accountId}") { arn } }`;

  it("reads its own account and is refused another's with FORBIDDEN, making no AWS call there", async () => {
    const own = await as(`elasticache:read:${TEAM_A}`, lookup(TEAM_A));
    expect(own.data).toEqual({ replicationGroup: { arn: groupArn(TEAM_A) } });
    t.endpoint.resetCalls();

    const other = await as(`elasticache:read:${TEAM_A}`, lookup(TEAM_B));
    expect(other.data).toEqual({ replicationGroup: null });
    expect(other.errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      requiredScopes: ['elasticache:read', `elasticache:read:${TEAM_B}`],
    });
    expect(other.errors?.[0]?.message).toBe(
      `Not allowed: account ${TEAM_B} needs the scope elasticache:read or elasticache:read:${TEAM_B}.`,
    );
    const byArn = await as(`elasticache:read:${TEAM_A}`, `{ node(id: "${groupArn(TEAM_B)}") { id } }`);
    expect(byArn.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const listing = await as(
      `elasticache:read:${TEAM_A}`,
      `{ replicationGroups(accounts: ["${TEAM_A}", "${TEAM_B}"]) { edges { node { arn } } } }`,
    );
    expect(listing.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(t.endpoint.calls).toEqual([]);
  });

  it('migrates only in the account its migrate scope names; the plain scopes reach every account', async () => {
    const mutation = (accountId: string) => `mutation {
      testMigration(input: { replicationGroupId: "orders-cache", account: "${accountId}",
        customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename }
    }`;
    const scopes = `elasticache:read elasticache:migrate:${TEAM_B}`;
    const refused = await as(scopes, mutation(TEAM_A));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(t.endpoint.calls).toEqual([]);
    const audit = t.logs.filter((line) => line['audit'] === true).at(-1);
    expect(audit).toMatchObject({
      operation: 'testMigration',
      account: TEAM_A,
      outcome: 'refused',
      result: 'FORBIDDEN',
    });

    expect((await as(scopes, mutation(TEAM_B))).data).toEqual({
      testMigration: { __typename: 'TestMigrationSuccess' },
    });
    expect(t.endpoint.calls.map((call) => [call.action, call.accountId])).toContainEqual(['TestMigration', TEAM_B]);
    expect(t.logs.filter((line) => line['audit'] === true).at(-1)).toMatchObject({
      account: TEAM_B,
      outcome: 'accepted',
    });

    const plain = await as('elasticache:read', lookup(TEAM_B));
    expect(plain.data).toEqual({ replicationGroup: { arn: groupArn(TEAM_B) } });
  });

  it('takes a narrowed scope for a field-level check, and no scope of another account at all', async () => {
    const stranger = await as('elasticache:read:999999999999', lookup(TEAM_A));
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const malformed = await as('elasticache:read:*', lookup(TEAM_A));
    expect(malformed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(t.endpoint.calls).toEqual([]);
  });
});
