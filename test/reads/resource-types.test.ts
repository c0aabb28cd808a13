import { CreateReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { sdkClient } from '../support/sdk.js';

const ACCOUNT = '000000000000';
const arn = (type: string, id: string, region = 'us-east-1', account = ACCOUNT) =>
  `arn:aws:elasticache:${region}:${account}:${type}:${id}`;

/**
 * The read-only resource types through the gateway, the SDK over HTTP and the local endpoint's
 * describe-only store: lookups, listings, the links between them, Relay's node/nodes and
 * federation's _entities, with the AWS calls each costs.
 */
describe('serverless caches, snapshots, users, user groups, parameter and subnet groups', () => {
  let t: TestGateway;
  const actions = () => t.endpoint.calls.map((call) => call.action);

  beforeAll(async () => {
    t = await startTestGateway({ regions: ['us-east-1', 'eu-west-1'], local: { migration: { transitionMs: 1 } } });
    // An RBAC group: TLS on, the demo user group attached.
    const sdk = sdkClient(t.endpoint);
    await sdk.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'rbac-cache',
        ReplicationGroupDescription: 'RBAC',
        TransitEncryptionEnabled: true,
        UserGroupIds: ['app-users'],
      }),
    );
    sdk.destroy();
    await t.endpoint.settled();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads a serverless cache with its usage limits, user group, users and snapshots', async () => {
    t.endpoint.resetCalls();
    const result = await t.execute(
      parse(`{
        serverlessCache(serverlessCacheName: "CATALOG") {
          id serverlessCacheName engine status accountId region
          cacheUsageLimits { dataStorage { unit maximum } ecpuPerSecond { maximum } }
          endpoint { address port }
          userGroup { userGroupId users { userName authentication { type passwordCount } } }
          snapshots(first: 5) { edges { node { serverlessCacheSnapshotName snapshotType serverlessCacheConfiguration { serverlessCacheName } } } }
        }
      }`),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      serverlessCache: {
        id: arn('serverlesscache', 'catalog'),
        serverlessCacheName: 'catalog',
        engine: 'valkey',
        status: 'available',
        accountId: ACCOUNT,
        region: 'us-east-1',
        cacheUsageLimits: { dataStorage: { unit: 'GB', maximum: 100 }, ecpuPerSecond: { maximum: 100_000 } },
        endpoint: { address: 'catalog-abc123.serverless.us-east-1.cache.amazonaws.com', port: 6379 },
        userGroup: {
          userGroupId: 'app-users',
          users: [
            { userName: 'default', authentication: { type: 'no-password', passwordCount: 0 } },
            { userName: 'orders-app', authentication: { type: 'password', passwordCount: 1 } },
          ],
        },
        snapshots: {
          edges: [
            {
              node: {
                serverlessCacheSnapshotName: 'catalog-2026-daily',
                snapshotType: 'automated',
                serverlessCacheConfiguration: { serverlessCacheName: 'catalog' },
              },
            },
          ],
        },
      },
    });
    // Two users in one listing (not a call each), the snapshots filtered by AWS.
    expect(actions().sort()).toEqual([
      'DescribeServerlessCacheSnapshots',
      'DescribeServerlessCaches',
      'DescribeUserGroups',
      'DescribeUsers',
    ]);
    const snapshotsCall = t.endpoint.calls.find((call) => call.action === 'DescribeServerlessCacheSnapshots');
    expect(snapshotsCall?.params).toMatchObject({ ServerlessCacheName: 'catalog' });
  });

  it("links a replication group's clusters to their parameter and subnet groups, its snapshots and user groups", async () => {
    t.endpoint.resetCalls();
    const result = await t.execute(
      parse(`{
        orders: replicationGroup(replicationGroupId: "sessions-valkey") {
          snapshots { edges { node { snapshotName snapshotSource numNodeGroups nodeSnapshots { nodeGroupId nodeGroupConfiguration { slots replicaCount } } replicationGroup { replicationGroupId } } } }
          cacheClusters { cacheClusterId parameterGroup { cacheParameterGroupName cacheParameterGroupFamily } subnetGroup { cacheSubnetGroupName vpcId subnets { subnetAvailabilityZone { name } supportedNetworkTypes } } }
        }
        rbac: replicationGroup(replicationGroupId: "rbac-cache") { userGroups { userGroupId replicationGroups { replicationGroupId } } }
      }`),
    );
    expect(result.errors).toBeUndefined();
    const data = result.data as {
      orders: {
        snapshots: { edges: { node: Record<string, unknown> }[] };
        cacheClusters: { parameterGroup: { cacheParameterGroupName: string }; subnetGroup: Record<string, unknown> }[];
      };
      rbac: unknown;
    };
    expect(data.orders.snapshots.edges).toHaveLength(1);
    expect(data.orders.snapshots.edges[0]?.node).toMatchObject({
      snapshotName: 'automatic.sessions-valkey-daily',
      snapshotSource: 'automated',
      numNodeGroups: 3,
      nodeSnapshots: [
        { nodeGroupId: '0001', nodeGroupConfiguration: { slots: '0-5460', replicaCount: 1 } },
        expect.anything(),
        expect.anything(),
      ],
      replicationGroup: { replicationGroupId: 'sessions-valkey' },
    });
    expect(data.orders.cacheClusters).toHaveLength(6);
    for (const cluster of data.orders.cacheClusters) {
      expect(cluster.parameterGroup).toEqual({
        cacheParameterGroupName: 'default.valkey8.cluster.on',
        cacheParameterGroupFamily: 'valkey8',
      });
      expect(cluster.subnetGroup).toMatchObject({ cacheSubnetGroupName: 'default', vpcId: 'vpc-0a1b2c3d4e5f60718' });
    }
    expect(data.rbac).toEqual({
      userGroups: [{ userGroupId: 'app-users', replicationGroups: [{ replicationGroupId: 'rbac-cache' }] }],
    });
    // Six clusters share one parameter group read and one subnet group read.
    const counts = actions().reduce<Record<string, number>>(
      (all, action) => ({ ...all, [action]: (all[action] ?? 0) + 1 }),
      {},
    );
    expect(counts.DescribeCacheParameterGroups).toBe(1);
    expect(counts.DescribeCacheSubnetGroups).toBe(1);
    expect(counts.DescribeSnapshots).toBe(1);
  });

  it("links a replication group to its Global datastore, and the datastore's members back to their groups", async () => {
    const result = await t.execute(
      parse(`{
        replicationGroup(replicationGroupId: "analytics-tls") {
          globalReplicationGroupInfo { globalReplicationGroupMemberRole }
          globalReplicationGroup {
            globalReplicationGroupId region status clusterEnabled
            globalNodeGroups { slots }
            members { role replicationGroupRegion replicationGroup { replicationGroupId } }
          }
        }
      }`),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      replicationGroup: {
        globalReplicationGroupInfo: { globalReplicationGroupMemberRole: 'PRIMARY' },
        globalReplicationGroup: {
          globalReplicationGroupId: 'ldgnf-analytics-global',
          region: 'us-east-1',
          status: 'primary-only',
          clusterEnabled: true,
          globalNodeGroups: [{ slots: '0-8191' }, { slots: '8192-16383' }],
          members: [
            {
              role: 'primary',
              replicationGroupRegion: 'us-east-1',
              replicationGroup: { replicationGroupId: 'analytics-tls' },
            },
          ],
        },
      },
    });
    const call = t.endpoint.calls.findLast((recorded) => recorded.action === 'DescribeGlobalReplicationGroups');
    expect(call?.params).toMatchObject({ ShowMemberInfo: 'true' });
  });

  it("pages a parameter group's parameters, of one source when asked", async () => {
    const page = async (after?: string, source?: string) => {
      const result = await t.execute(
        parse(
          `query ($after: String, $source: String) { cacheParameterGroup(cacheParameterGroupName: "default.redis7.cluster.on") { parameters(first: 5, after: $after, source: $source) { edges { node { parameterName parameterValue source isModifiable changeType } } pageInfo { hasNextPage endCursor } } } }`,
        ),
        { after, source },
      );
      expect(result.errors).toBeUndefined();
      return (
        result.data as {
          cacheParameterGroup: {
            parameters: {
              edges: { node: Record<string, unknown> }[];
              pageInfo: { hasNextPage: boolean; endCursor: string };
            };
          };
        }
      ).cacheParameterGroup.parameters;
    };
    const names: unknown[] = [];
    let after: string | undefined;
    for (let pages = 1; ; pages++) {
      const connection = await page(after);
      names.push(...connection.edges.map((edge) => edge.node.parameterName));
      if (!connection.pageInfo.hasNextPage) {
        expect(pages).toBe(3);
        break;
      }
      after = connection.pageInfo.endCursor;
    }
    expect(names).toHaveLength(13);
    expect(names).toContain('maxmemory-policy');
    const system = await page(undefined, 'system');
    expect(system.edges.map((edge) => edge.node)).toEqual([
      {
        parameterName: 'cluster-enabled',
        parameterValue: 'yes',
        source: 'system',
        isModifiable: false,
        changeType: 'requires-reboot',
      },
      {
        parameterName: 'reserved-memory-percent',
        parameterValue: '25',
        source: 'system',
        isModifiable: true,
        changeType: 'immediate',
      },
    ]);
    const bad = await t.execute(
      parse(
        '{ cacheParameterGroup(cacheParameterGroupName: "default.redis7") { parameters(source: "mine") { edges { cursor } } } }',
      ),
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'source' });
  });

  it('lists each kind in pages, and over several regions in turn', async () => {
    const listing = async (field: string, idField: string, after?: string) => {
      const result = await t.execute(
        parse(
          `query ($after: String) { ${field}(first: 1, after: $after, regions: ["us-east-1", "eu-west-1"]) { edges { node { ${idField} region } } pageInfo { hasNextPage endCursor } } }`,
        ),
        { after },
      );
      expect(result.errors).toBeUndefined();
      return (
        result.data as Record<
          string,
          { edges: { node: Record<string, string> }[]; pageInfo: { hasNextPage: boolean; endCursor: string } }
        >
      )[field];
    };
    const all = async (field: string, idField: string) => {
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = 0; page < 20; page++) {
        const connection = await listing(field, idField, after);
        seen.push(...(connection?.edges.map((edge) => `${edge.node.region}/${edge.node[idField]}`) ?? []));
        if (!connection?.pageInfo.hasNextPage) return seen;
        after = connection.pageInfo.endCursor;
      }
      throw new Error(`${field} did not end`);
    };
    // eu-west-1 has state of its own: nothing seeded there.
    expect(await all('users', 'userId')).toEqual(['us-east-1/default', 'us-east-1/orders-app']);
    // Two pages of one (MaxResults 1, NextToken): the cursor of the first resumes at the second.
    t.endpoint.resetCalls();
    expect(await all('serverlessCaches', 'serverlessCacheName')).toEqual([
      'us-east-1/catalog',
      'us-east-1/sessions-serverless',
    ]);
    expect(
      t.endpoint.calls
        .filter((call) => call.action === 'DescribeServerlessCaches' && call.region === 'us-east-1')
        .map((call) => [call.params.MaxResults, call.params.NextToken !== undefined]),
    ).toEqual([
      ['1', false],
      ['1', true],
    ]);
    expect(await all('cacheParameterGroups', 'cacheParameterGroupName')).toEqual([
      'us-east-1/default.redis7',
      'us-east-1/default.redis7.cluster.on',
      'us-east-1/default.redis6',
      'us-east-1/default.valkey8.cluster.on',
    ]);
    expect(await all('snapshots', 'snapshotName')).toHaveLength(4);
    expect(await all('userGroups', 'userGroupId')).toEqual(['us-east-1/app-users']);
    expect(await all('cacheSubnetGroups', 'cacheSubnetGroupName')).toEqual(['us-east-1/default']);
    expect(await all('serverlessCacheSnapshots', 'serverlessCacheSnapshotName')).toEqual([
      'us-east-1/catalog-2026-daily',
    ]);
  });

  it('answers null for an unknown name, and refuses a name that cannot be one with no AWS call', async () => {
    const unknown = await t.execute(
      parse('{ user(userId: "nobody") { userId } cacheSubnetGroup(cacheSubnetGroupName: "nope") { vpcId } }'),
    );
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ user: null, cacheSubnetGroup: null });

    t.endpoint.resetCalls();
    const malformed = await t.execute(parse('{ serverlessCache(serverlessCacheName: "-bad-") { engine } }'));
    expect(malformed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'serverlessCacheName',
    });
    expect(malformed.errors?.[0]?.message).toBe('serverlessCacheName "-bad-" is not a possible ServerlessCache id.');
    // The caller's text is echoed 64 characters at most.
    const long = await t.execute(parse(`{ user(userId: "${'-'.repeat(300)}") { userId } }`));
    expect(long.errors?.[0]?.message).toBe(`userId "${'-'.repeat(64)}" is not a possible ElastiCacheUser id.`);
    const badFilter = await t.execute(parse('{ snapshots(replicationGroupId: "a--b") { edges { cursor } } }'));
    expect(badFilter.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'replicationGroupId' });
    expect(actions()).toEqual([]);
  });

  it('pages forwards only: no connection has last or before (a breaking change from 0.1)', async () => {
    for (const document of [
      '{ replicationGroups(last: 2) { edges { cursor } } }',
      '{ users(before: "x") { edges { cursor } } }',
      '{ events(last: 1) { edges { cursor } } }',
    ]) {
      const result = await t.execute(parse(document));
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.message).toMatch(/^Unknown argument "(last|before)"/);
    }
  });

  it('takes a cursor back whatever the case of the filter it was issued for (ids are case-insensitive)', async () => {
    const first = await t.execute(
      parse('{ snapshots(first: 1, replicationGroupId: "ORDERS-CACHE") { pageInfo { endCursor } } }'),
    );
    const cursor = (first.data as { snapshots: { pageInfo: { endCursor: string } } }).snapshots.pageInfo.endCursor;
    const next = await t.execute(
      parse(
        'query ($after: String) { snapshots(first: 1, after: $after, replicationGroupId: "orders-cache") { edges { cursor } } }',
      ),
      { after: cursor },
    );
    expect(next.errors).toBeUndefined();
  });

  it('refuses a cursor of one filtered listing in another', async () => {
    const first = await t.execute(
      parse('{ snapshots(first: 1, replicationGroupId: "orders-cache") { pageInfo { endCursor } } }'),
    );
    const cursor = (first.data as { snapshots: { pageInfo: { endCursor: string } } }).snapshots.pageInfo.endCursor;
    const other = await t.execute(
      parse(
        'query ($after: String) { snapshots(first: 1, after: $after, replicationGroupId: "legacy-redis") { edges { cursor } } }',
      ),
      { after: cursor },
    );
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_CURSOR' });
  });

  describe("Relay's node and nodes", () => {
    const everyType: [string, string][] = [
      ['ReplicationGroup', arn('replicationgroup', 'orders-cache')],
      ['CacheCluster', arn('cluster', 'orders-cache-001')],
      ['ServerlessCache', arn('serverlesscache', 'catalog')],
      ['ServerlessCacheSnapshot', arn('serverlesscachesnapshot', 'catalog-2026-daily')],
      ['ElastiCacheSnapshot', arn('snapshot', 'automatic.orders-cache-daily')],
      ['ElastiCacheUser', arn('user', 'orders-app')],
      ['UserGroup', arn('usergroup', 'app-users')],
      ['CacheParameterGroup', arn('parametergroup', 'default.redis7')],
      ['CacheSubnetGroup', arn('subnetgroup', 'default')],
      // Global: its ARN names no region.
      ['GlobalReplicationGroup', `arn:aws:elasticache::${ACCOUNT}:globalreplicationgroup:ldgnf-analytics-global`],
    ];

    it.each(everyType)('node(id:) answers a %s by its ARN', async (typeName, id) => {
      const result = await t.execute(parse('query ($id: ID!) { node(id: $id) { __typename id } }'), { id });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ node: { __typename: typeName, id } });
    });

    it.each([
      ['malformed', 'not-an-arn'],
      ['of another service', 'arn:aws:s3:::bucket'],
      ['of a resource type without a kind', arn('reserved-instance', 'ri-1')],
      ['of a region not served', arn('serverlesscache', 'catalog', 'ap-south-2')],
      ['with an id AWS could not hold', arn('replicationgroup', 'a--b')],
      // Shaped like ours, but of another service (MemoryDB clusters): not read at all.
      ['of another service shaped like ours', 'arn:aws:memorydb:us-east-1:000000000000:cluster:orders-cache-001'],
      // A regional resource's ARN always names its region; only global ones may not.
      ['of a regional type without a region', `arn:aws:elasticache::${ACCOUNT}:replicationgroup:orders-cache`],
    ])('answers null for an id %s, with no AWS call', async (_case, id) => {
      t.endpoint.resetCalls();
      const result = await t.execute(parse('query ($id: ID!) { node(id: $id) { id } }'), { id });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ node: null });
      expect(actions()).toEqual([]);
    });

    it('answers null for an ARN of another account or of nothing', async () => {
      const result = await t.execute(parse('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }'), {
        ids: [arn('serverlesscache', 'catalog', 'us-east-1', '111111111111'), arn('user', 'ghost')],
      });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ nodes: [null, null] });
    });

    it('reads a page of 50 ids of mixed types with at most one call per type and region', async () => {
      const clusters = [
        ...['orders-cache', 'legacy-redis'].flatMap((group) => [`${group}-001`, `${group}-002`]),
        ...['0001', '0002', '0003'].flatMap((shard) => [
          `sessions-valkey-${shard}-001`,
          `sessions-valkey-${shard}-002`,
        ]),
      ];
      const groups = ['orders-cache', 'sessions-valkey', 'legacy-redis', 'analytics-tls'];
      const ids = [
        ...groups.map((id) => arn('replicationgroup', id)),
        ...clusters.map((id) => arn('cluster', id)),
        ...groups.map((id) => arn('snapshot', `automatic.${id}-daily`)),
        ...['default.redis7', 'default.redis7.cluster.on', 'default.redis6', 'default.valkey8.cluster.on'].map((id) =>
          arn('parametergroup', id),
        ),
        ...['default', 'orders-app'].map((id) => arn('user', id)),
        arn('usergroup', 'app-users'),
        arn('subnetgroup', 'default'),
        arn('serverlesscache', 'catalog'),
        arn('serverlesscachesnapshot', 'catalog-2026-daily'),
      ];
      // Fill the page with ids of nothing: unknown groups and clusters of the same types.
      for (let index = 0; ids.length < 50; index++) ids.push(arn(index % 2 ? 'cluster' : 'user', `ghost-${index}`));
      expect(ids).toHaveLength(50);

      t.endpoint.resetCalls();
      const result = await t.execute(parse('query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }'), { ids });
      expect(result.errors).toBeUndefined();
      const nodes = (result.data as { nodes: ({ id: string } | null)[] }).nodes;
      expect(nodes.filter((node) => node !== null)).toHaveLength(
        ids.length - ids.filter((id) => id.includes('ghost')).length,
      );
      nodes.forEach((node, index) => {
        if (node) expect(node.id).toBe(ids[index]);
      });
      const calls = actions();
      expect(new Set(calls).size).toBe(calls.length);
      expect(calls.sort()).toEqual([
        'DescribeCacheClusters',
        'DescribeCacheParameterGroups',
        'DescribeCacheSubnetGroups',
        'DescribeReplicationGroups',
        'DescribeServerlessCacheSnapshots',
        'DescribeServerlessCaches',
        'DescribeSnapshots',
        'DescribeUserGroups',
        'DescribeUsers',
      ]);
    });

    it('refuses more than 100 ids by name', async () => {
      const result = await t.execute(parse('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }'), {
        ids: Array.from({ length: 101 }, (_, index) => arn('user', `u${index}`)),
      });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ids' });
    });
  });

  it('resolves federation references of the new entity types by ARN', async () => {
    t.endpoint.resetCalls();
    const result = await t.execute(
      parse(
        'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename ... on ServerlessCache { engine } ... on UserGroup { userIds } ... on CacheSubnetGroup { vpcId } } }',
      ),
      {
        representations: [
          { __typename: 'ServerlessCache', arn: arn('serverlesscache', 'catalog') },
          { __typename: 'UserGroup', arn: arn('usergroup', 'app-users') },
          // The ARN of a user group presented as a subnet group names no subnet group.
          { __typename: 'CacheSubnetGroup', arn: arn('usergroup', 'app-users') },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      _entities: [
        { __typename: 'ServerlessCache', engine: 'valkey' },
        { __typename: 'UserGroup', userIds: ['default', 'orders-app'] },
        null,
      ],
    });
    // The user group presented as a subnet group is refused before any read of subnet groups.
    expect(actions().sort()).toEqual(['DescribeServerlessCaches', 'DescribeUserGroups']);
  });
});
