import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSubgraph } from '../../src/schema/print.js';
import { groupArn, servedAccount, TEAM_A, TEAM_B } from '../support/accounts.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { listenOnLoopback, closeServer } from '../support/servers.js';

/** An inventory subgraph that knows each team's caches by ARN, across accounts, and accounts by id. */
const INVENTORY = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])

  type ReplicationGroup @key(fields: "arn") {
    arn: String!
    team: String!
  }

  type AwsAccount @key(fields: "accountId") {
    accountId: String
    costCenter: String!
  }

  type Query {
    inventory: [ReplicationGroup!]!
    billedAccounts: [AwsAccount!]!
  }
`);
const TEAMS: Record<string, string> = {
  [groupArn(TEAM_A, 'orders-cache')]: 'checkout',
  [groupArn(TEAM_B, 'orders-cache')]: 'payments',
};

/**
 * A supergraph that knows caches of several accounts by ARN: Hive Gateway asks this subgraph's
 * `_entities` for ARNs of two accounts in one request, and each resolves in its own account.
 */
describe('entities of several accounts through Hive Gateway', () => {
  let elasticache: TestGateway;
  let inventoryServer: Server;
  let hiveServer: Server;
  let hive: ReturnType<typeof createGatewayRuntime>;
  let hiveUrl: string;

  beforeAll(async () => {
    const account = (accountId: string) =>
      servedAccount(accountId, { name: accountId === TEAM_A ? 'checkout-prod' : 'payments-prod' });
    elasticache = await startTestGateway({
      local: { accounts: [TEAM_A, TEAM_B] },
      accounts: [account(TEAM_A), account(TEAM_B)],
    });
    const elasticacheUrl = (await elasticache.listen()).graphqlUrl;
    inventoryServer = createServer(
      createYoga({
        schema: buildSubgraphSchema({
          typeDefs: INVENTORY,
          resolvers: {
            Query: {
              inventory: () => Object.keys(TEAMS).map((arn) => ({ arn })),
              billedAccounts: () => [{ accountId: TEAM_B }, { accountId: TEAM_A }],
            },
            ReplicationGroup: {
              __resolveReference: (reference: { arn: string }) => reference,
              team: (group: { arn: string }) => TEAMS[group.arn] ?? 'unknown',
            },
            AwsAccount: {
              __resolveReference: (reference: { accountId: string }) => reference,
              costCenter: (account: { accountId: string }) => `cc-${account.accountId.slice(0, 3)}`,
            },
          },
        }),
        logging: false,
      }),
    );
    const inventoryUrl = await listenOnLoopback(inventoryServer);
    const composed = composeServices([
      { name: 'elasticache', url: elasticacheUrl, typeDefs: parse(printSubgraph()) },
      { name: 'inventory', url: inventoryUrl, typeDefs: INVENTORY },
    ]);
    expect(composed.errors).toBeUndefined();
    hive = createGatewayRuntime({ supergraph: composed.supergraphSdl ?? '', logging: false });
    hiveServer = createServer(hive);
    hiveUrl = await listenOnLoopback(hiveServer);
  }, 60_000);

  afterAll(async () => {
    if (hiveServer) await closeServer(hiveServer);
    await hive?.dispose();
    if (inventoryServer) await closeServer(inventoryServer);
    await elasticache?.close();
  });

  const query = async (document: string) => {
    const response = await fetch(hiveUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document }),
    });
    return (await response.json()) as { data?: unknown; errors?: unknown[] };
  };

  it('resolves ARNs of two accounts in one request, each in its own account', async () => {
    elasticache.endpoint.resetCalls();
    const result = await query('{ inventory { arn team status accountId replicationGroupId } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      inventory: [
        {
          arn: groupArn(TEAM_A, 'orders-cache'),
          team: 'checkout',
          status: 'available',
          accountId: TEAM_A,
          replicationGroupId: 'orders-cache',
        },
        {
          arn: groupArn(TEAM_B, 'orders-cache'),
          team: 'payments',
          status: 'available',
          accountId: TEAM_B,
          replicationGroupId: 'orders-cache',
        },
      ],
    });
    const reads = elasticache.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups');
    expect(reads.map((call) => call.accountId).sort()).toEqual([TEAM_A, TEAM_B]);
  });

  it('extends an account by its id: the router joins the inventory subgraph with the served accounts', async () => {
    const result = await query(
      '{ billedAccounts { accountId costCenter name regions } accounts { accountId costCenter } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      billedAccounts: [
        { accountId: TEAM_B, costCenter: 'cc-222', name: 'payments-prod', regions: ['us-east-1'] },
        { accountId: TEAM_A, costCenter: 'cc-111', name: 'checkout-prod', regions: ['us-east-1'] },
      ],
      accounts: [
        { accountId: TEAM_A, costCenter: 'cc-111' },
        { accountId: TEAM_B, costCenter: 'cc-222' },
      ],
    });
  });
});
