import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';

describe("the local endpoint's call log", () => {
  let endpoint: LocalEndpoint;
  let client: ElastiCacheClient;

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ seed: 'demo', maxRecordedCalls: 3 });
    client = new ElastiCacheClient({
      region: 'us-east-1',
      endpoint: endpoint.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
  });
  afterAll(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('keeps only the newest calls, however many are made', async () => {
    const ids = ['orders-cache', 'sessions-valkey', 'legacy-redis', 'analytics-tls', 'orders-cache'];
    for (const id of ids) await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }));
    expect(endpoint.calls.map((call) => call.params['ReplicationGroupId'])).toEqual(ids.slice(-3));
  });
});
