import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { parse } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createYoga } from 'graphql-yoga';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printSubgraph } from '../../src/schema/print.js';
import { ORDERS_ARN } from '../support/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { listenOnLoopback, closeServer } from '../support/servers.js';

const NEIGHBOUR_FILE = 'test/federation/neighbour-subgraph.graphql';
const NEIGHBOUR = parse(readFileSync(new URL('neighbour-subgraph.graphql', import.meta.url), 'utf8'));
const OWNERS: Record<string, string> = { [ORDERS_ARN]: 'checkout' };

describe('a company supergraph with a sibling AWS subgraph that uses the generic AWS names', () => {
  it('composes with `npm run supergraph` (its own Endpoint, SourceType, Error, Node, shareable PageInfo)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/supergraph.ts', NEIGHBOUR_FILE],
      { cwd: new URL('../../', import.meta.url).pathname, timeout: 60_000 },
    );
    for (const type of ['type Endpoint', 'type ElastiCacheEndpoint', 'enum SourceType', 'enum ElastiCacheSourceType'])
      expect(stdout).toContain(`${type}\n`);
  }, 60_000);

  it('would not compose under the old, unprefixed names', () => {
    const unprefixed = printSubgraph().replace(/\bElastiCache(Endpoint|SourceType)\b/g, '$1');
    const result = composeServices([
      { name: 'elasticache', url: 'http://127.0.0.1:1/graphql', typeDefs: parse(unprefixed) },
      { name: 'neighbour', url: 'http://127.0.0.1:2/graphql', typeDefs: NEIGHBOUR },
    ]);
    expect(result.errors?.length).toBeGreaterThan(0);
  });
});

describe('a subscription through Hive Gateway, resolved across two subgraphs, from the supergraph the script writes', () => {
  let elasticache: TestGateway;
  let neighbourServer: Server;
  let hiveServer: Server;
  let hive: ReturnType<typeof createGatewayRuntime>;
  let hiveUrl: string;

  beforeAll(async () => {
    elasticache = await startTestGateway({ subscriptionPollIntervalMs: 1_000 });
    const elasticacheUrl = (await elasticache.listen()).graphqlUrl;
    neighbourServer = createServer(
      createYoga({
        schema: buildSubgraphSchema({
          typeDefs: NEIGHBOUR,
          resolvers: {
            Query: {
              node: () => null,
              daxClusters: () => ({ nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false } }),
              daxError: () => null,
            },
            ReplicationGroup: {
              __resolveReference: (reference: { arn: string }) => reference,
              owner: (group: { arn: string }) => ({ name: OWNERS[group.arn] ?? 'unowned' }),
            },
          },
        }),
        logging: false,
      }),
    );
    const neighbourUrl = await listenOnLoopback(neighbourServer);
    // The supergraph as `npm run supergraph` writes it, each subgraph routed to its URL: used unedited.
    const { stdout: supergraph } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/supergraph.ts',
        '--url',
        elasticacheUrl,
        `neighbour=${NEIGHBOUR_FILE}@${neighbourUrl}`,
      ],
      { cwd: new URL('../../', import.meta.url).pathname, timeout: 60_000 },
    );
    expect(supergraph).toContain(`url: "${neighbourUrl}"`);
    hive = createGatewayRuntime({
      supergraph,
      // Subgraph subscriptions over GraphQL over WebSocket, as Apollo Router runs them too.
      transportEntries: { elasticache: { options: { subscriptions: { kind: 'ws', location: '/graphql' } } } },
      logging: false,
    });
    hiveServer = createServer(hive);
    hiveUrl = await listenOnLoopback(hiveServer);
  }, 60_000);

  afterAll(async () => {
    if (hiveServer) await closeServer(hiveServer);
    await hive?.dispose();
    if (neighbourServer) await closeServer(neighbourServer);
    await elasticache?.close();
  });

  it("streams our group's status with the neighbour's owner field on each push", async () => {
    const client = createSseClient({ url: hiveUrl, retryAttempts: 0 });
    try {
      const results = client.iterate<{
        replicationGroupChanged: { id: string; status: string; owner: { name: string } };
      }>({
        query: `subscription { replicationGroupChanged(replicationGroupId: "orders-cache") { id status owner { name } } }`,
      });
      const first = await results.next();
      expect(first.value).toEqual({
        data: { replicationGroupChanged: { id: ORDERS_ARN, status: 'available', owner: { name: 'checkout' } } },
      });
      // A change pushed through both subgraphs: start a migration, see `modifying` with the owner.
      const started = await fetch(hiveUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation { startMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }`,
        }),
      });
      expect(await started.json()).toEqual({ data: { startMigration: { __typename: 'StartMigrationSuccess' } } });
      const next = await results.next();
      expect(next.value?.data?.replicationGroupChanged).toEqual({
        id: ORDERS_ARN,
        status: expect.stringMatching(/^(modifying|migrating)$/) as unknown,
        owner: { name: 'checkout' },
      });
      await results.return?.();
    } finally {
      client.dispose();
    }
  });
});
