import {
  CreateReplicationGroupCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { groupArn, TEAM_A, TEAM_B } from '../support/accounts.js';

const GUARDED = '333333333333';

/**
 * The local endpoint's STS (same port, signed for `sts`): AssumeRole answers temporary
 * credentials of the role's account, and requests signed with them act in that account's own
 * state. Driven by the AWS SDK's own `fromTemporaryCredentials` (the AWS CLI's
 * `sts assume-role`: test/local/aws-cli.test.ts).
 */
describe("the local endpoint's STS and accounts", () => {
  let endpoint: LocalEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({
      accounts: [TEAM_A, TEAM_B, { accountId: GUARDED, externalId: 'shared-secret' }],
    });
  });
  afterAll(() => endpoint.close());
  afterEach(() => {
    endpoint.faults.clear();
    vi.useRealTimers();
  });

  function clientOf(roleArn: string, extra: { ExternalId?: string; DurationSeconds?: number } = {}) {
    return new ElastiCacheClient({
      endpoint: endpoint.url,
      region: endpoint.region,
      maxAttempts: 1,
      credentials: fromTemporaryCredentials({
        params: { RoleArn: roleArn, RoleSessionName: 'sts-test', ...extra },
        masterCredentials: endpoint.credentials,
        clientConfig: { endpoint: endpoint.url, region: endpoint.region, maxAttempts: 1 },
      }),
    });
  }

  const groupsOf = async (client: ElastiCacheClient) =>
    ((await client.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups ?? []).map((group) => group.ARN);

  it("answers credentials of the role's account; each account holds its own demo data", async () => {
    const teamA = await groupsOf(clientOf(`arn:aws:iam::${TEAM_A}:role/elasticache-graphql`));
    const teamB = await groupsOf(clientOf(`arn:aws:iam::${TEAM_B}:role/readers/elasticache-graphql`));
    expect(teamA).toContain(groupArn(TEAM_A));
    expect(teamB).toContain(groupArn(TEAM_B));
    expect(teamA.every((arn) => arn?.includes(`:${TEAM_A}:`))).toBe(true);
    expect(endpoint.accountIds).toEqual(['000000000000', TEAM_A, TEAM_B, GUARDED]);
    const assumed = endpoint.calls.filter((call) => call.action === 'AssumeRole');
    expect(assumed.map((call) => call.params.RoleSessionName)).toEqual(['sts-test', 'sts-test']);
  });

  it('keeps accounts apart: a group created in one is not in another', async () => {
    const teamA = clientOf(`arn:aws:iam::${TEAM_A}:role/writer`);
    await teamA.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: 'team-a-only',
        ReplicationGroupDescription: 'created in team A',
        CacheNodeType: 'cache.t4g.micro',
        Engine: 'redis',
      }),
    );
    expect(await groupsOf(teamA)).toContain(groupArn(TEAM_A, 'team-a-only'));
    const teamB = await groupsOf(clientOf(`arn:aws:iam::${TEAM_B}:role/reader`));
    expect(teamB.some((arn) => arn?.endsWith(':team-a-only'))).toBe(false);
  });

  it('refuses roles of undeclared accounts and a wrong ExternalId with AccessDenied, acting nowhere', async () => {
    endpoint.resetCalls();
    await expect(groupsOf(clientOf('arn:aws:iam::444444444444:role/elasticache-graphql'))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('not authorized to perform: sts:AssumeRole'),
    });
    await expect(groupsOf(clientOf(`arn:aws:iam::${GUARDED}:role/x`, { ExternalId: 'guess' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    expect(await groupsOf(clientOf(`arn:aws:iam::${GUARDED}:role/x`, { ExternalId: 'shared-secret' }))).toContain(
      groupArn(GUARDED),
    );
    expect(endpoint.calls.map((call) => call.action)).toEqual([
      'AssumeRole',
      'AssumeRole',
      'AssumeRole',
      'DescribeReplicationGroups',
    ]);
  });

  it('checks the request as STS does', async () => {
    await expect(groupsOf(clientOf(`arn:aws:iam::${TEAM_A}:role/x`, { DurationSeconds: 60 }))).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringContaining('durationSeconds'),
    });
    await expect(groupsOf(clientOf(`arn:aws:iam::${TEAM_A}:role/x`, { DurationSeconds: 7_200 }))).rejects.toMatchObject(
      { name: 'ValidationError', message: expect.stringContaining('MaxSessionDuration') },
    );
    await expect(groupsOf(clientOf('arn:aws:iam::1111:role/x'))).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it("plays a fault injected for one account's AssumeRole, the others answering", async () => {
    endpoint.faults.inject({ action: 'AssumeRole', accountId: TEAM_B, kind: 'throttling' });
    await expect(groupsOf(clientOf(`arn:aws:iam::${TEAM_B}:role/x`))).rejects.toMatchObject({ name: 'Throttling' });
    expect(await groupsOf(clientOf(`arn:aws:iam::${TEAM_A}:role/x`))).not.toEqual([]);
  });

  it('refuses temporary credentials once they expire, and without their session token', async () => {
    const provider = fromTemporaryCredentials({
      params: { RoleArn: `arn:aws:iam::${TEAM_A}:role/x`, RoleSessionName: 'expiring', DurationSeconds: 900 },
      masterCredentials: endpoint.credentials,
      clientConfig: { endpoint: endpoint.url, region: endpoint.region, maxAttempts: 1 },
    });
    const credentials = await provider();
    const fixed = (identity: typeof credentials) =>
      new ElastiCacheClient({ endpoint: endpoint.url, region: endpoint.region, maxAttempts: 1, credentials: identity });
    expect(await groupsOf(fixed(credentials))).not.toEqual([]);
    await expect(groupsOf(fixed({ ...credentials, sessionToken: 'forged' }))).rejects.toMatchObject({
      name: 'InvalidClientTokenId',
    });
    const { sessionToken: _dropped, ...withoutToken } = credentials;
    await expect(groupsOf(fixed(withoutToken))).rejects.toMatchObject({ name: 'InvalidClientTokenId' });

    // The clock of both sides moves past the session's 15 minutes.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 16 * 60_000);
    await expect(groupsOf(fixed(credentials))).rejects.toMatchObject({ name: 'ExpiredToken' });
  });
});
