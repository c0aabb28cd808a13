import { CreateReplicationGroupCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicationGroupWithEventsDocument, TestMigrationDocument } from '../../examples/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const REDIS = { address: '127.0.0.1', port: 6379 };

describe('testMigration through the gateway, the SDK and the local endpoint', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t.close();
  });

  it('tests the connection to a real Redis and the success event can be read back', async () => {
    const result = await t.execute(TestMigrationDocument, {
      input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [REDIS] },
    });
    expect(result.errors).toBeUndefined();
    const payload = result.data?.testMigration;
    expect(payload?.__typename).toBe('TestMigrationSuccess');
    if (payload?.__typename !== 'TestMigrationSuccess') return;
    expect(payload.replicationGroup).toMatchObject({
      replicationGroupId: 'orders-cache',
      arn: 'arn:aws:elasticache:us-east-1:000000000000:replicationgroup:orders-cache',
      region: 'us-east-1',
      status: 'available',
    });

    await t.endpoint.settled();
    const read = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: 'orders-cache' });
    expect(read.errors).toBeUndefined();
    const messages = read.data?.replicationGroup?.events?.map((event) => event.message) ?? [];
    const started = messages.findIndex((message) =>
      message?.startsWith('Test migration started for replication group orders-cache'),
    );
    const succeeded = messages.findIndex((message) =>
      message?.startsWith(
        'Test migration succeeded for replication group orders-cache with source endpoint 127.0.0.1:6379',
      ),
    );
    expect(started).toBeGreaterThanOrEqual(0);
    expect(succeeded).toBeGreaterThan(started);
    expect(read.data?.replicationGroup?.events?.every((event) => event.sourceType === 'REPLICATION_GROUP')).toBe(true);
  });

  it('reports a failed test with its cause when the source port is closed', async () => {
    const closedPort = await findClosedPort();
    const result = await t.execute(TestMigrationDocument, {
      input: {
        replicationGroupId: 'orders-cache',
        customerNodeEndpointList: [{ address: '127.0.0.1', port: closedPort }],
      },
    });
    expect(result.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
    await t.endpoint.settled();
    const read = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: 'orders-cache' });
    const failure = read.data?.replicationGroup?.events?.find((event) =>
      event.message?.startsWith(
        `Test migration failed for replication group orders-cache with source endpoint 127.0.0.1:${closedPort}`,
      ),
    );
    expect(failure?.message).toMatch(/refused|unreachable/i);
  });

  it('returns ReplicationGroupNotFoundFault for an unknown group', async () => {
    const result = await t.execute(TestMigrationDocument, {
      input: { replicationGroupId: 'no-such-group', customerNodeEndpointList: [REDIS] },
    });
    expect(result.data?.testMigration).toMatchObject({
      __typename: 'ReplicationGroupNotFoundFault',
      code: 'ReplicationGroupNotFoundFault',
      requestId: expect.stringMatching(/\S+/),
    });
  });

  it('returns ReplicationGroupAlreadyUnderMigrationFault for a group being migrated', async () => {
    const result = await t.execute(TestMigrationDocument, {
      input: { replicationGroupId: 'legacy-redis', customerNodeEndpointList: [REDIS] },
    });
    expect(result.data?.testMigration).toMatchObject({
      __typename: 'ReplicationGroupAlreadyUnderMigrationFault',
      code: 'ReplicationGroupAlreadyUnderMigrationFault',
    });
  });

  it('returns InvalidParameterValueException when ElastiCache refuses the source address', async () => {
    // 203.0.113.0/24 is reserved for documentation: outside the endpoint's allowlist, never contacted.
    const result = await t.execute(TestMigrationDocument, {
      input: {
        replicationGroupId: 'orders-cache',
        customerNodeEndpointList: [{ address: '203.0.113.10', port: 6379 }],
      },
    });
    expect(result.data?.testMigration).toMatchObject({
      __typename: 'ElastiCacheInvalidParameterValueException',
      code: 'InvalidParameterValue',
      message: expect.stringContaining('203.0.113.10'),
    });
  });

  it.each([
    [{ replicationGroupId: 'orders-cache', customerNodeEndpointList: [] }, 'input.customerNodeEndpointList'],
    [
      { replicationGroupId: 'orders-cache', customerNodeEndpointList: [REDIS, REDIS] },
      'input.customerNodeEndpointList',
    ],
    [
      { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port: 0 }] },
      'input.customerNodeEndpointList[0].port',
    ],
    [
      { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port: 70000 }] },
      'input.customerNodeEndpointList[0].port',
    ],
    [
      { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: 'bad host!', port: 6379 }] },
      'input.customerNodeEndpointList[0].address',
    ],
    [
      { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '10.0.0.1:6379', port: 6379 }] },
      'input.customerNodeEndpointList[0].address',
    ],
    [
      { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: 'a'.repeat(254), port: 6379 }] },
      'input.customerNodeEndpointList[0].address',
    ],
    [{ replicationGroupId: '1starts-with-digit', customerNodeEndpointList: [REDIS] }, 'input.replicationGroupId'],
    [{ replicationGroupId: 'double--hyphen', customerNodeEndpointList: [REDIS] }, 'input.replicationGroupId'],
    [{ replicationGroupId: 'x'.repeat(41), customerNodeEndpointList: [REDIS] }, 'input.replicationGroupId'],
    [{ replicationGroupId: 'orders-cache', customerNodeEndpointList: [REDIS], region: 'eu-west-3' }, 'input.region'],
  ])('refuses bad input %# before any AWS call (field %s)', async (input, field) => {
    t.endpoint.resetCalls();
    const result = await t.execute(TestMigrationDocument, { input });
    expect(result.data?.testMigration).toMatchObject({
      __typename: 'ElastiCacheInvalidInputError',
      code: 'InvalidInput',
      field,
    });
    expect(t.endpoint.calls).toHaveLength(0);
  });

  it('accepts IPv6 literals and host names as addresses', async () => {
    for (const address of ['::1', 'localhost']) {
      const result = await t.execute(TestMigrationDocument, {
        input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address, port: 6379 }] },
      });
      expect(result.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
    }
    await t.endpoint.settled();
  });
});

describe('testMigration while the group is not available', () => {
  let t: TestGateway;

  beforeAll(async () => {
    // A long status transition keeps a new group in `creating` for the whole test.
    t = await startTestGateway({ local: { seed: 'none', migration: { transitionMs: 60_000 } } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('returns InvalidReplicationGroupStateFault', async () => {
    const sdk = new ElastiCacheClient({
      endpoint: t.endpoint.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await sdk.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'fresh-group',
        ReplicationGroupDescription: 'new',
        NumCacheClusters: 2,
        AutomaticFailoverEnabled: true,
        MultiAZEnabled: true,
      }),
    );
    sdk.destroy();

    const result = await t.execute(TestMigrationDocument, {
      input: { replicationGroupId: 'fresh-group', customerNodeEndpointList: [REDIS] },
    });
    expect(result.data?.testMigration).toMatchObject({
      __typename: 'InvalidReplicationGroupStateFault',
      code: 'InvalidReplicationGroupState',
    });
  });
});

function findClosedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server: Server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
