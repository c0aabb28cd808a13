import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { Kind, parse, print } from 'graphql';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_FIELD_SCOPES } from '../../src/schema/authorization.js';
import { printSubgraph } from '../../src/schema/print.js';
import { GATEWAY_ONLY_ROOT_FIELDS } from '../../src/schema/published.js';
import { ALL_RESOURCE_KINDS } from '../../src/rules/resource-kinds.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { listenOnLoopback } from '../support/servers.js';

const ORDERS_ARN = 'arn:aws:elasticache:us-east-1:000000000000:replicationgroup:orders-cache';
const SESSIONS_ARN = 'arn:aws:elasticache:us-east-1:000000000000:replicationgroup:sessions-valkey';

/** Another team's subgraph: owners of replication groups, with its own PageInfo and error interface. */
const OWNERS_TYPE_DEFS = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  type ReplicationGroup @key(fields: "arn") {
    arn: String!
    owner: Team!
  }

  type Team {
    name: String!
  }

  interface Error {
    message: String!
  }

  type TeamNotFound implements Error {
    message: String!
  }

  type PageInfo @shareable {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }

  type TeamConnection {
    pageInfo: PageInfo!
    teams: [Team!]!
  }

  type Query {
    ownedGroups: [ReplicationGroup!]!
    teams: TeamConnection!
    teamError: Error
  }
`);

const OWNERS: Record<string, string> = { [ORDERS_ARN]: 'checkout', [SESSIONS_ARN]: 'identity' };

function withoutSecurityDirectives(sdl: string): string {
  return sdl
    .replace(/"@(authenticated|requiresScopes)", /g, '')
    .replace(/\s*@authenticated\b/g, '')
    .replace(/\s*@requiresScopes\(scopes: \[[^)]*\]\)/g, '');
}

describe('this subgraph in a supergraph, behind a real federation gateway', () => {
  let elasticache: TestGateway;
  let elasticacheServer: Server;
  let owners: ApolloServer;
  let gatewayServer: ApolloServer;
  let gatewayUrl: string;

  beforeAll(async () => {
    elasticache = await startTestGateway();
    elasticacheServer = createServer(elasticache.gateway);
    const elasticacheUrl = await listenOnLoopback(elasticacheServer);

    owners = new ApolloServer({
      schema: buildSubgraphSchema({
        typeDefs: OWNERS_TYPE_DEFS,
        resolvers: {
          Query: {
            ownedGroups: () => Object.keys(OWNERS).map((arn) => ({ arn })),
            teams: () => ({ teams: [{ name: 'checkout' }], pageInfo: { hasNextPage: false, hasPreviousPage: false } }),
            teamError: () => ({ __typename: 'TeamNotFound', message: 'no team' }),
          },
          ReplicationGroup: {
            __resolveReference: (reference: { arn: string }) => ({ arn: reference.arn }),
            owner: (group: { arn: string }) => ({ name: OWNERS[group.arn] ?? 'unowned' }),
          },
        },
      }),
    });
    const ownersUrl = (await startStandaloneServer(owners, { listen: { port: 0, host: '127.0.0.1' } })).url;

    // The published SDL composes, security directives and all (a router such as Apollo Router or
    // Hive Gateway enforces them) ...
    const published = composeServices([
      { name: 'elasticache', url: elasticacheUrl, typeDefs: parse(printSubgraph()) },
      { name: 'owners', url: ownersUrl, typeDefs: OWNERS_TYPE_DEFS },
    ]);
    expect(published.errors).toBeUndefined();
    expect(published.supergraphSdl).toContain('@requiresScopes(scopes: [["elasticache:migrate"]])');
    // ... but @apollo/gateway (JS) refuses any supergraph that uses a SECURITY feature, so the
    // gateway that routes this test gets the same subgraph without them (this one runs open).
    const composed = composeServices([
      { name: 'elasticache', url: elasticacheUrl, typeDefs: parse(withoutSecurityDirectives(printSubgraph())) },
      { name: 'owners', url: ownersUrl, typeDefs: OWNERS_TYPE_DEFS },
    ]);
    expect(composed.errors).toBeUndefined();
    gatewayServer = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl ?? '' }) });
    gatewayUrl = (await startStandaloneServer(gatewayServer, { listen: { port: 0, host: '127.0.0.1' } })).url;
  }, 60_000);

  afterAll(async () => {
    await gatewayServer?.stop();
    await owners?.stop();
    await new Promise<void>((resolve) => {
      elasticacheServer.close(() => resolve());
      elasticacheServer.closeAllConnections();
    });
    await elasticache?.close();
  });

  async function query(document: string): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: document }),
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  }

  it('reads fields of both subgraphs in one query, through _entities both ways', async () => {
    elasticache.endpoint.resetCalls();
    const result = await query(`{
      replicationGroup(replicationGroupId: "orders-cache") { arn status owner { name } }
      ownedGroups { arn replicationGroupId engine nodeGroups { nodeGroupId } owner { name } }
      teams { pageInfo { hasNextPage } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      replicationGroup: { arn: ORDERS_ARN, status: 'available', owner: { name: 'checkout' } },
      ownedGroups: [
        {
          arn: ORDERS_ARN,
          replicationGroupId: 'orders-cache',
          engine: 'redis',
          nodeGroups: [{ nodeGroupId: '0001' }],
          owner: { name: 'checkout' },
        },
        {
          arn: SESSIONS_ARN,
          replicationGroupId: 'sessions-valkey',
          engine: 'valkey',
          nodeGroups: [{ nodeGroupId: '0001' }, { nodeGroupId: '0002' }, { nodeGroupId: '0003' }],
          owner: { name: 'identity' },
        },
      ],
      teams: { pageInfo: { hasNextPage: false } },
    });
  });

  it('resolves many entity references of one region in a bounded number of AWS calls', async () => {
    const representations = Array.from({ length: 4 }, (_, index) => ({
      __typename: 'ReplicationGroup',
      arn: ['orders-cache', 'sessions-valkey', 'legacy-redis', 'analytics-tls'].map(
        (id) => `arn:aws:elasticache:us-east-1:000000000000:replicationgroup:${id}`,
      )[index],
    }));
    const unknown = [
      { __typename: 'ReplicationGroup', arn: 'arn:aws:elasticache:ap-south-2:000000000000:replicationgroup:elsewhere' },
      { __typename: 'ReplicationGroup', arn: 'not-an-arn' },
      { __typename: 'CacheCluster', arn: 'arn:aws:elasticache:us-east-1:000000000000:cluster:orders-cache-002' },
    ];
    elasticache.endpoint.resetCalls();
    const result = await elasticache.execute(
      parse(`query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on ReplicationGroup { replicationGroupId }
        ... on CacheCluster { cacheClusterId clusterGroup: replicationGroupId }
      } }`),
      { representations: [...representations, ...unknown] },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { replicationGroupId: 'orders-cache' },
        { replicationGroupId: 'sessions-valkey' },
        { replicationGroupId: 'legacy-redis' },
        { replicationGroupId: 'analytics-tls' },
        null,
        null,
        { cacheClusterId: 'orders-cache-002', clusterGroup: 'orders-cache' },
      ],
    });
    expect(elasticache.endpoint.calls.map((call) => call.action).sort()).toEqual([
      'DescribeCacheClusters',
      'DescribeReplicationGroups',
    ]);
  });

  it('serves its SDL through _service, as printed into subgraph.graphql', async () => {
    const result = await elasticache.execute(parse('{ _service { sdl } }'));
    expect((result.data as { _service: { sdl: string } })._service.sdl).toMatch(
      /type ReplicationGroup implements Node\s+@key\(fields: "arn"\)/,
    );
  });
});

describe('authorization metadata for the router', () => {
  const sdl = printSubgraph();
  const types = parse(sdl).definitions.filter((node) => node.kind === Kind.OBJECT_TYPE_DEFINITION);
  /** The directives of a type, or of one of its fields, as printed: `@authenticated @requiresScopes(...)`. */
  const directivesOf = (typeName: string, fieldName?: string) => {
    const type = types.find((node) => node.name.value === typeName);
    const owner = fieldName ? type?.fields?.find((field) => field.name.value === fieldName) : type;
    return (owner?.directives ?? []).map((directive) => print(directive)).join(' ');
  };

  it("publishes every root field's scope from the one table as @authenticated @requiresScopes", () => {
    for (const [typeName, fields] of Object.entries(ROOT_FIELD_SCOPES)) {
      for (const [field, scope] of Object.entries(fields)) {
        // Relay's node and nodes are served by the gateway only: a supergraph has one owner of Query.node.
        if (typeName === 'Query' && GATEWAY_ONLY_ROOT_FIELDS.includes(field)) {
          expect(sdl).not.toMatch(new RegExp(`^  ${field}\\(`, 'm'));
          continue;
        }
        expect(directivesOf(typeName, field)).toBe(`@authenticated @requiresScopes(scopes: [["${scope}"]])`);
      }
    }
    expect(directivesOf('Mutation', 'startMigration')).toContain('"elasticache:migrate"');
    expect(directivesOf('Query', 'replicationGroups')).toContain('"elasticache:read"');
  });

  it('puts the read scope on the entity types, which a router reaches through _entities', () => {
    for (const entity of ALL_RESOURCE_KINDS.map((kind) => kind.typeName)) {
      expect(directivesOf(entity)).toContain('@authenticated @requiresScopes(scopes: [["elasticache:read"]])');
    }
    expect(sdl).toMatch(
      /@link\(url: "https:\/\/specs\.apollo\.dev\/federation\/v2\.\d+", import: \[[^\]]*"@authenticated"[^\]]*"@requiresScopes"/,
    );
  });
});
