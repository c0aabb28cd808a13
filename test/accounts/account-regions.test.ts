import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { servedAccount, TEAM_A, TEAM_B } from '../support/accounts.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

type Listing = { replicationGroups: { edges: { node: { arn: string; accountId: string; region: string } }[] } };

/**
 * Accounts that serve some of the gateway's regions: A serves us-east-1 and eu-west-1, B only
 * eu-west-1 (each with groups fleet-000 and fleet-001 in both regions on the endpoint).
 */
describe('accounts serving some of the regions', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      regions: ['us-east-1', 'eu-west-1'],
      local: { accounts: [TEAM_A, TEAM_B], seed: 'none', fleet: 2, fleetRegions: ['us-east-1', 'eu-west-1'] },
      accounts: [
        servedAccount(TEAM_A, { regions: ['us-east-1', 'eu-west-1'] }),
        servedAccount(TEAM_B, { regions: ['eu-west-1'] }),
      ],
    });
  });
  afterAll(() => t.close());
  beforeEach(() => t.endpoint.resetCalls());

  const pairsOf = (data: unknown) => [
    ...new Set((data as Listing).replicationGroups.edges.map(({ node }) => `${node.accountId} ${node.region}`)),
  ];

  it('lists each account over the asked regions it serves, leaving out the others without a call', async () => {
    const result = await t.execute(
      parse(`{ replicationGroups(accounts: ["${TEAM_A}", "${TEAM_B}"], regions: ["us-east-1", "eu-west-1"], first: 100) {
        edges { node { arn accountId region } } } }`),
    );
    expect(result.errors).toBeUndefined();
    expect(pairsOf(result.data)).toEqual([`${TEAM_A} us-east-1`, `${TEAM_A} eu-west-1`, `${TEAM_B} eu-west-1`]);
    const listed = t.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups');
    expect(listed.map((call) => `${call.accountId} ${call.region}`)).toEqual([
      `${TEAM_A} us-east-1`,
      `${TEAM_A} eu-west-1`,
      `${TEAM_B} eu-west-1`,
    ]);
  });

  it('reads one region of one account when asked, and an account by default in a region it serves', async () => {
    const one = await t.execute(
      parse(
        `{ replicationGroups(account: "${TEAM_A}", region: "eu-west-1") { edges { node { arn accountId region } } } }`,
      ),
    );
    expect(pairsOf(one.data)).toEqual([`${TEAM_A} eu-west-1`]);
    // The first account asked does not serve the region: the next one is listed.
    const second = await t.execute(
      parse(
        `{ replicationGroups(accounts: ["${TEAM_B}", "${TEAM_A}"], regions: ["us-east-1"]) { edges { node { arn accountId region } } } }`,
      ),
    );
    expect(pairsOf(second.data)).toEqual([`${TEAM_A} us-east-1`]);
    const byDefault = await t.execute(
      parse(`{ replicationGroup(replicationGroupId: "fleet-000", account: "${TEAM_B}") { arn } }`),
    );
    expect(byDefault.data).toEqual({
      replicationGroup: { arn: `arn:aws:elasticache:eu-west-1:${TEAM_B}:replicationgroup:fleet-000` },
    });
  });

  it('refuses a region the account does not serve, and one the gateway does not, naming what is served', async () => {
    const refusal = async (query: string) => {
      const result = await t.execute(parse(query));
      expect(result.errors).toHaveLength(1);
      return result.errors?.[0];
    };
    const notInB = await refusal(
      `{ replicationGroups(account: "${TEAM_B}", region: "us-east-1") { edges { node { arn } } } }`,
    );
    expect(notInB?.extensions).toEqual({ code: 'UNKNOWN_REGION', servedRegions: ['eu-west-1'] });
    expect(notInB?.message).toBe(`Region "us-east-1" is not served in account ${TEAM_B}; it serves eu-west-1 there.`);
    // A region no account is served in is a mistake, even beside served ones.
    const nowhere = await refusal(
      `{ replicationGroups(accounts: ["${TEAM_A}", "${TEAM_B}"], regions: ["us-east-1", "ap-south-1"]) { edges { node { arn } } } }`,
    );
    expect(nowhere?.extensions).toEqual({ code: 'UNKNOWN_REGION', servedRegions: ['us-east-1', 'eu-west-1'] });
    expect(t.endpoint.calls).toEqual([]);
  });

  it('names its default account on the audit line of a mutation that names none', async () => {
    const tested = await t.execute(
      parse(`mutation { testMigration(input: { replicationGroupId: "fleet-000",
        customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }`),
    );
    expect(tested.data).toEqual({ testMigration: { __typename: 'TestMigrationSuccess' } });
    expect(t.endpoint.calls.map((call) => [call.action, call.accountId, call.region])).toEqual([
      ['TestMigration', TEAM_A, 'us-east-1'],
    ]);
    expect(t.logs.filter((line) => line['audit'] === true).at(-1)).toMatchObject({
      operation: 'testMigration',
      account: TEAM_A,
      outcome: 'accepted',
    });
    await t.endpoint.settled();
  });
});
