import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';

const run = promisify(execFile);

/** The AWS CLI (botocore: a second, independent client of the protocol) against the endpoint. */
describe('the AWS CLI against the local endpoint', () => {
  let endpoint: LocalEndpoint;
  let aws: (...args: string[]) => Promise<unknown>;

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ migration: { transitionMs: 20 } });
    aws = async (...args: string[]) => {
      const { stdout } = await run(
        'aws',
        ['--endpoint-url', endpoint.url, '--region', 'us-east-1', '--output', 'json', 'elasticache', ...args],
        {
          env: {
            ...process.env,
            AWS_ACCESS_KEY_ID: 'test',
            AWS_SECRET_ACCESS_KEY: 'test',
            AWS_PAGER: '',
            AWS_CONFIG_FILE: '/dev/null',
          },
          timeout: 30_000,
        },
      );
      return JSON.parse(stdout) as unknown;
    };
  });
  afterAll(async () => {
    await endpoint.close();
  });

  it('describe-replication-groups', async () => {
    const output = (await aws('describe-replication-groups')) as {
      ReplicationGroups: { ReplicationGroupId: string; MemberClusters: string[]; NodeGroups: unknown[] }[];
    };
    expect(output.ReplicationGroups.map((group) => group.ReplicationGroupId)).toEqual([
      'orders-cache',
      'sessions-valkey',
      'legacy-redis',
      'analytics-tls',
    ]);
    expect(output.ReplicationGroups[0]?.MemberClusters).toEqual(['orders-cache-001', 'orders-cache-002']);
    expect(output.ReplicationGroups[1]?.NodeGroups).toHaveLength(3);
  });

  it('create-replication-group', async () => {
    const output = (await aws(
      'create-replication-group',
      '--replication-group-id',
      'cli-group',
      '--replication-group-description',
      'made by the AWS CLI',
      '--num-cache-clusters',
      '2',
      '--automatic-failover-enabled',
      '--multi-az-enabled',
      '--tags',
      'Key=team,Value=platform',
    )) as { ReplicationGroup: { Status: string; MemberClusters: string[] } };
    expect(output.ReplicationGroup).toMatchObject({
      Status: 'creating',
      MemberClusters: ['cli-group-001', 'cli-group-002'],
    });
  });

  it('test-migration, then describe-events shows its outcome', async () => {
    const output = (await aws(
      'test-migration',
      '--replication-group-id',
      'orders-cache',
      '--customer-node-endpoint-list',
      'Address=127.0.0.1,Port=6379',
    )) as { ReplicationGroup: { ReplicationGroupId: string } };
    expect(output.ReplicationGroup.ReplicationGroupId).toBe('orders-cache');
    await endpoint.settled();
    const events = (await aws(
      'describe-events',
      '--source-type',
      'replication-group',
      '--source-identifier',
      'orders-cache',
    )) as { Events: { Message: string }[] };
    expect(events.Events.map((event) => event.Message)).toContain(
      'Test migration succeeded for replication group orders-cache with source endpoint 127.0.0.1:6379.',
    );
  });

  it('reports faults by their AWS code', async () => {
    const failure = await aws('describe-replication-groups', '--replication-group-id', 'ghost').catch(
      (error: unknown) => error as { stderr: string },
    );
    expect((failure as { stderr: string }).stderr).toContain(
      'An error occurred (ReplicationGroupNotFoundFault) when calling the DescribeReplicationGroups operation',
    );
  });
});
