import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReplicationGroupWithEventsDocument, TestMigrationDocument } from '../../examples/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const INPUT = { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port: 6379 }] };

describe('upstream failures, injected at the local endpoint', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ maxAttempts: 2 });
  });
  afterEach(() => {
    t.endpoint.faults.clear();
  });
  afterAll(async () => {
    await t.close();
  });

  it('masks a 5xx outage as UPSTREAM_UNAVAILABLE after the SDK retried, and logs the AWS request id', async () => {
    t.endpoint.faults.inject({ action: 'TestMigration', kind: 'internal' });
    t.endpoint.resetCalls();
    const result = await t.execute(TestMigrationDocument, { input: INPUT });

    expect(result.status).toBe(200);
    // The payload is nullable: the failure nulls this mutation's field only.
    expect(result.data).toEqual({ testMigration: null });
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors ?? [];
    expect(error?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', awsRequestId: expect.any(String) });
    expect(error?.message).toBe(
      'ElastiCache is unavailable in us-east-1 (TestMigration failed after retries); try again later.',
    );
    expect(JSON.stringify(result)).not.toMatch(/stack|at .*\.ts:\d+|InternalFailure/);
    // The SDK's retry strategy made the second attempt; both reached the endpoint.
    expect(t.endpoint.calls.filter((call) => call.action === 'TestMigration')).toHaveLength(2);
    const logged = t.logs.find((line) => line.message === 'ElastiCache call failed');
    expect(logged).toMatchObject({
      operation: 'TestMigration',
      awsError: 'InternalFailure',
      awsRequestId: error?.extensions?.awsRequestId,
    });
  });

  it('retries through transient throttling and succeeds', async () => {
    t.endpoint.faults.inject({ action: 'TestMigration', kind: 'throttling', times: 1 });
    const result = await t.execute(TestMigrationDocument, { input: INPUT });
    expect(result.errors).toBeUndefined();
    expect(result.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
    await t.endpoint.settled();
  });

  it('masks persistent throttling as UPSTREAM_THROTTLED', async () => {
    t.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'throttling' });
    const result = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: 'orders-cache' });
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_THROTTLED');
    expect(result.errors?.[0]?.path).toEqual(['replicationGroup']);
  });

  it('masks dropped connections as UPSTREAM_UNAVAILABLE', async () => {
    t.endpoint.faults.inject({ action: 'DescribeEvents', kind: 'drop' });
    const result = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: 'orders-cache' });
    // events is nullable so that a failed DescribeEvents costs only that field, not the group.
    expect(result.data?.replicationGroup?.replicationGroupId).toBe('orders-cache');
    expect(result.data?.replicationGroup?.events).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      path: ['replicationGroup', 'events'],
      extensions: { code: 'UPSTREAM_UNAVAILABLE' },
    });
  });
});

describe('the retry budget', () => {
  it('asks again through throttling up to ELASTICACHE_THROTTLE_MAX_ATTEMPTS, other faults only up to ELASTICACHE_MAX_ATTEMPTS', async () => {
    const t = await startTestGateway({ maxAttempts: 2, throttledAttempts: 3 });
    const reads = () => t.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups').length;
    try {
      // Throttled twice, answered the third time: past ELASTICACHE_MAX_ATTEMPTS (2).
      t.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'throttling', times: 2 });
      const throttled = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: 'orders-cache' });
      expect(throttled.errors).toBeUndefined();
      expect(throttled.data?.replicationGroup?.replicationGroupId).toBe('orders-cache');
      expect(reads()).toBe(3);

      // Two 500s: given up on after two attempts, throttling's larger budget notwithstanding.
      t.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'internal', times: 2 });
      const failing = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: 'sessions-valkey' });
      expect(failing.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(reads()).toBe(5);
    } finally {
      await t.close();
    }
  }, 20_000);
});

describe('a modeled fault on a read', () => {
  it('passes on the AWS code as UPSTREAM_FAILED, not as a bug', async () => {
    const t = await startTestGateway();
    try {
      t.endpoint.faults.inject({
        action: 'DescribeEvents',
        kind: 'fault',
        code: 'InvalidParameterValue',
        status: 400,
        message: 'The parameter Duration is out of range.',
      });
      const result = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: 'orders-cache' });
      expect(result.data?.replicationGroup?.events).toBeNull();
      expect(result.errors?.[0]).toMatchObject({
        message: 'ElastiCache refused the request: The parameter Duration is out of range.',
        path: ['replicationGroup', 'events'],
        extensions: { code: 'UPSTREAM_FAILED', awsCode: 'InvalidParameterValue', awsRequestId: expect.any(String) },
      });
    } finally {
      await t.close();
    }
  });
});
