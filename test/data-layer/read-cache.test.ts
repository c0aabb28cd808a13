import { ElastiCacheClient, StartMigrationCommand } from '@aws-sdk/client-elasticache';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplicationGroupChangedDocument } from '../../examples/generated/graphql.js';
import { LOCAL_REDIS } from '../support/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { subscribe } from '../support/sse.js';

const STATUS = (id: string) => `{ replicationGroup(replicationGroupId: "${id}") { status } }`;
const START = (id: string) =>
  `mutation { startMigration(input: { replicationGroupId: "${id}", customerNodeEndpointList: [{ address: "${LOCAL_REDIS[0]?.address}", port: ${LOCAL_REDIS[0]?.port} }] }) { __typename } }`;

describe('the shared read cache (READ_CACHE_TTL_MS)', () => {
  let t: TestGateway;
  afterEach(() => t.close());

  const describeCalls = () => t.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups');
  const statusOf = async (id: string) =>
    ((await post(t, STATUS(id))).body.data as { replicationGroup: { status: string } }).replicationGroup.status;

  it('answers the same read from the cache until the TTL has passed', async () => {
    t = await startTestGateway({ readCacheTtlMs: 300 });
    t.endpoint.resetCalls();
    expect(await statusOf('orders-cache')).toBe('available');
    expect(await statusOf('orders-cache')).toBe('available');
    expect(describeCalls()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await statusOf('orders-cache')).toBe('available');
    expect(describeCalls()).toHaveLength(2);
  });

  it('drops the cached reads of the region after a mutation through the gateway: a client reads its own write', async () => {
    t = await startTestGateway({ readCacheTtlMs: 60_000 });
    expect(await statusOf('orders-cache')).toBe('available');
    expect((await post(t, START('orders-cache'))).body).toEqual({
      data: { startMigration: { __typename: 'StartMigrationSuccess' } },
    });
    expect(await statusOf('orders-cache')).toBe('modifying');
  });

  it('neither keeps nor shares a read that was in flight while a mutation answered', async () => {
    // The next group read is answered by AWS at once but reaches the gateway 400 ms later: its
    // answer predates the mutation below, its arrival follows it.
    let holdNextRead = true;
    t = await startTestGateway({
      readCacheTtlMs: 60_000,
      interceptors: [
        async (call, proceed) => {
          const answer = await proceed();
          if (call.operation === 'DescribeReplicationGroups' && holdNextRead) {
            holdNextRead = false;
            await new Promise((resolve) => setTimeout(resolve, 400));
          }
          return answer;
        },
      ],
    });
    t.endpoint.resetCalls();
    const before = statusOf('orders-cache');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await post(t, START('orders-cache'));
    expect(await statusOf('orders-cache')).toBe('modifying');
    expect(await before).toBe('available');
    // The old answer arrived after the mutation: it was not kept, later reads ask AWS.
    expect(await statusOf('orders-cache')).toBe('modifying');
    expect(describeCalls()).toHaveLength(2);
  });

  it('serves subscription pollers fresh reads, so a change made elsewhere is pushed at once', async () => {
    t = await startTestGateway({ readCacheTtlMs: 60_000, subscriptionPollIntervalMs: 1_000 });
    expect(await statusOf('sessions-valkey')).toBe('available');
    // Another tool starts a migration: the gateway's cache still says `available` for a minute.
    const elsewhere = new ElastiCacheClient({
      region: 'us-east-1',
      endpoint: t.endpoint.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await elsewhere.send(
      new StartMigrationCommand({
        ReplicationGroupId: 'sessions-valkey',
        CustomerNodeEndpointList: [{ Address: LOCAL_REDIS[0]?.address, Port: LOCAL_REDIS[0]?.port }],
      }),
    );
    elsewhere.destroy();
    expect(await statusOf('sessions-valkey')).toBe('available');
    const subscription = await subscribe(t.gateway, ReplicationGroupChangedDocument, {
      replicationGroupId: 'sessions-valkey',
    });
    try {
      const first = await subscription.next();
      expect(first.data?.replicationGroupChanged.status).toMatch(/^(modifying|migrating)$/);
    } finally {
      subscription.close();
    }
  });
});
