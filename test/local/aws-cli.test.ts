import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { TEAM_B } from '../support/accounts.js';

const run = promisify(execFile);

/** The AWS CLI (botocore: a second, independent client of the protocol) against the endpoint. */
describe('the AWS CLI against the local endpoint', () => {
  let endpoint: LocalEndpoint;
  let aws: (...args: string[]) => Promise<unknown>;

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ migration: { transitionMs: 20 }, accounts: [TEAM_B] });
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

  it('reads the read-only kinds: serverless caches, snapshots, users, user groups, parameter and subnet groups', async () => {
    const read = async (command: string, member: string, ...args: string[]) =>
      ((await aws(command, ...args)) as Record<string, Record<string, unknown>[]>)[member] ?? [];
    const caches = await read('describe-serverless-caches', 'ServerlessCaches');
    expect(caches.map((cache) => cache.ServerlessCacheName)).toEqual(['catalog', 'sessions-serverless']);
    // NextToken paging, one cache a page: the CLI follows the token itself.
    const paged = await read('describe-serverless-caches', 'ServerlessCaches', '--page-size', '1');
    expect(paged.map((cache) => cache.ServerlessCacheName)).toEqual(['catalog', 'sessions-serverless']);
    expect(caches[0]).toMatchObject({
      CacheUsageLimits: { DataStorage: { Unit: 'GB', Maximum: 100 }, ECPUPerSecond: { Maximum: 100_000 } },
      SecurityGroupIds: ['sg-0123456789abcdef0'],
      Endpoint: { Port: 6379 },
    });
    const cacheSnapshots = await read('describe-serverless-cache-snapshots', 'ServerlessCacheSnapshots');
    expect(cacheSnapshots[0]).toMatchObject({ ServerlessCacheConfiguration: { ServerlessCacheName: 'catalog' } });
    const snapshots = await read('describe-snapshots', 'Snapshots', '--replication-group-id', 'sessions-valkey');
    expect(snapshots.map((snapshot) => snapshot.SnapshotName)).toEqual(['automatic.sessions-valkey-daily']);
    expect(snapshots[0]?.NodeSnapshots).toHaveLength(3);
    const users = await read('describe-users', 'Users');
    expect(users.map((user) => [user.UserId, user.UserGroupIds])).toEqual([
      ['default', ['app-users']],
      ['orders-app', ['app-users']],
    ]);
    const userGroups = await read('describe-user-groups', 'UserGroups');
    expect(userGroups[0]).toMatchObject({ UserGroupId: 'app-users', UserIds: ['default', 'orders-app'] });
    const parameterGroups = await read('describe-cache-parameter-groups', 'CacheParameterGroups');
    expect(parameterGroups.map((group) => group.CacheParameterGroupName)).toContain('default.valkey8.cluster.on');
    const subnetGroups = await read('describe-cache-subnet-groups', 'CacheSubnetGroups');
    expect(subnetGroups[0]).toMatchObject({
      CacheSubnetGroupName: 'default',
      Subnets: [
        expect.objectContaining({ SubnetAvailabilityZone: { Name: 'us-east-1a' } }),
        expect.anything(),
        expect.anything(),
      ],
    });
    const globals = await read('describe-global-replication-groups', 'GlobalReplicationGroups', '--show-member-info');
    expect(globals[0]).toMatchObject({
      GlobalReplicationGroupId: 'ldgnf-analytics-global',
      Members: [{ ReplicationGroupId: 'analytics-tls', Role: 'primary' }],
      GlobalNodeGroups: [{ Slots: '0-8191' }, { Slots: '8192-16383' }],
    });
    const parameters = await read(
      'describe-cache-parameters',
      'Parameters',
      '--cache-parameter-group-name',
      'default.redis7',
      '--source',
      'system',
    );
    expect(parameters.map((parameter) => [parameter.ParameterName, parameter.ParameterValue])).toEqual([
      ['cluster-enabled', 'no'],
      ['reserved-memory-percent', '25'],
    ]);
    // An unknown name is the kind's own not-found fault, with AWS's wire code.
    await expect(aws('describe-users', '--user-id', 'nobody')).rejects.toThrow(/UserNotFound/);
    await expect(aws('describe-cache-subnet-groups', '--cache-subnet-group-name', 'nope')).rejects.toThrow(
      /CacheSubnetGroupNotFoundFault/,
    );
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

  it('answers the AWS CLI: sts assume-role and get-caller-identity', async () => {
    const env = {
      ...process.env,
      AWS_ACCESS_KEY_ID: 'test',
      AWS_SECRET_ACCESS_KEY: 'test',
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
    };
    const aws = async (...args: string[]) =>
      JSON.parse(
        (
          await run('aws', ['--endpoint-url', endpoint.url, '--region', 'us-east-1', '--output', 'json', ...args], {
            env,
            timeout: 30_000,
          })
        ).stdout,
      ) as Record<string, Record<string, string>>;
    const assumed = await aws(
      'sts',
      'assume-role',
      '--role-arn',
      `arn:aws:iam::${TEAM_B}:role/cli`,
      '--role-session-name',
      'cli-session',
    );
    expect(assumed.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${TEAM_B}:assumed-role/cli/cli-session`);
    const credentials = assumed.Credentials ?? {};
    expect(Date.parse(credentials.Expiration ?? '') - Date.now()).toBeGreaterThan(59 * 60_000);
    Object.assign(env, {
      AWS_ACCESS_KEY_ID: credentials.AccessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.SecretAccessKey,
      AWS_SESSION_TOKEN: credentials.SessionToken,
    });
    expect(await aws('sts', 'get-caller-identity')).toMatchObject({ Account: TEAM_B });
  });
});
