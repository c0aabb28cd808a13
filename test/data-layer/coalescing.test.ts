import { DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCAL_REDIS } from '../support/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';

const GROUP = '{ replicationGroup(replicationGroupId: "orders-cache") { replicationGroupId status } }';

describe('identical AWS reads in flight at once are made once', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());
  beforeEach(() => {
    t.endpoint.faults.clear();
    t.endpoint.resetCalls();
    // Every read takes 300 ms upstream, so the requests below overlap.
    t.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'latency', latencyMs: 300 });
  });

  const describeCalls = () => t.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups');

  it('answers 100 concurrent requests for one group with one DescribeReplicationGroups', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, () => post(t, GROUP)));
    for (const answer of answers) {
      expect(answer.body).toEqual({
        data: { replicationGroup: { replicationGroupId: 'orders-cache', status: 'available' } },
      });
    }
    expect(describeCalls()).toHaveLength(1);
  });

  it('makes different reads separately, and the same read again once the first has answered', async () => {
    await Promise.all([
      post(t, GROUP),
      post(t, '{ replicationGroup(replicationGroupId: "sessions-valkey") { status } }'),
    ]);
    expect(
      describeCalls()
        .map((call) => call.params['ReplicationGroupId'])
        .sort(),
    ).toEqual(['orders-cache', 'sessions-valkey']);
    await post(t, GROUP);
    expect(describeCalls()).toHaveLength(3);
  });

  it('keeps the shared read going for the others when one caller goes away, and stops it when all have', async () => {
    const command = () => new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' });
    const leaving = new AbortController();
    // The caller that leaves is the one that started the call.
    const left = t.clients.send('us-east-1', command(), { signal: leaving.signal });
    const staying = t.clients.send('us-east-1', command(), { signal: new AbortController().signal });
    leaving.abort();
    await expect(left).rejects.toThrow();
    const answer = await staying;
    expect(answer.ReplicationGroups?.[0]?.ReplicationGroupId).toBe('orders-cache');
    expect(describeCalls()).toHaveLength(1);

    // All callers gone: the call itself is abandoned (no retry, no answer awaited).
    const first = new AbortController();
    const second = new AbortController();
    const both = [first, second].map((controller) =>
      t.clients.send('us-east-1', command(), { signal: controller.signal }).catch((error: unknown) => error),
    );
    first.abort();
    second.abort();
    const errors = await Promise.all(both);
    expect(errors.every((error) => error instanceof Error)).toBe(true);
    // The abandoned call is not joined (it may not even have left): the next identical read is a
    // call of its own, answered by the endpoint.
    const again = await t.clients.send('us-east-1', command());
    expect(again.ReplicationGroups).toHaveLength(1);
    const calls = describeCalls();
    expect(calls.at(-1)?.requestId).toBe(again.$metadata.requestId);
    expect(calls[0]?.requestId).not.toBe(again.$metadata.requestId);
  });

  it('never shares mutations', async () => {
    t.endpoint.faults.clear();
    const input = `{ replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "${LOCAL_REDIS[0]?.address}", port: ${LOCAL_REDIS[0]?.port} }] }`;
    const mutation = `mutation { testMigration(input: ${input}) { __typename } }`;
    await Promise.all([post(t, mutation), post(t, mutation)]);
    expect(t.endpoint.calls.filter((call) => call.action === 'TestMigration')).toHaveLength(2);
  });
});
