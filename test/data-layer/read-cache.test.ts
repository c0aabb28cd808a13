import { ElastiCacheClient, StartMigrationCommand } from '@aws-sdk/client-elasticache';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplicationGroupChangedDocument } from '../../examples/generated/graphql.js';
import { LOCAL_REDIS } from '../support/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { subscribe } from '../support/sse.js';
import { waitUntil } from '../support/eventually.js';

const STATUS = (id: string) => `{ replicationGroup(replicationGroupId: "${id}") { status } }`;
const START = (id: string) =>
  `mutation { startMigration(input: { replicationGroupId: "${id}", customerNodeEndpointList: [{ address: "${LOCAL_REDIS[0]?.address}", port: ${LOCAL_REDIS[0]?.port} }] }) { __typename } }`;

/** A promise the test resolves when it chooses. */
function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => undefined as void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

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
    // Once the TTL has passed, the same read asks AWS again (once).
    await waitUntil(
      async () => (await statusOf('orders-cache')) === 'available' && describeCalls().length > 1,
      'a read after the TTL',
    );
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
    // The next group read is answered by AWS at once but reaches the gateway only when the test
    // lets it: its answer predates the mutation below, its arrival follows it.
    let holdNextRead = true;
    const answered = signal();
    const released = signal();
    t = await startTestGateway({
      readCacheTtlMs: 60_000,
      interceptors: [
        async (call, proceed) => {
          const answer = await proceed();
          if (call.operation === 'DescribeReplicationGroups' && holdNextRead) {
            holdNextRead = false;
            answered.resolve();
            await released.promise;
          }
          return answer;
        },
      ],
    });
    t.endpoint.resetCalls();
    const before = statusOf('orders-cache');
    await answered.promise;
    await post(t, START('orders-cache'));
    expect(await statusOf('orders-cache')).toBe('modifying');
    released.resolve();
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
