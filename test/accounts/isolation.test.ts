import { parse } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupArn, servedAccount as account, TEAM_A, TEAM_B } from '../support/accounts.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { dropKeys, MACHINE_REDIS_URL, testKeyPrefix } from '../support/shared-redis.js';
import { subscribe } from '../support/sse.js';

const CHANGED = parse(`subscription ($account: String) {
  replicationGroupChanged(replicationGroupId: "orders-cache", account: $account) { arn migration { phase } }
}`);

/**
 * Two accounts with a group of the same id, behind two replicas sharing the machine's Redis under
 * one key prefix: what is cached, coalesced and polled for one account never answers the other.
 */
describe('accounts kept apart in Redis and in the pollers', () => {
  const keyPrefix = testKeyPrefix('accounts');
  let first: TestGateway;
  let second: TestGateway;
  let redis: Redis;

  beforeAll(async () => {
    const shared = {
      accounts: [account(TEAM_A), account(TEAM_B)],
      readCacheTtlMs: 60_000,
      subscriptionPollIntervalMs: 1_000,
      redis: { url: MACHINE_REDIS_URL, keyPrefix },
    };
    first = await startTestGateway({ ...shared, local: { accounts: [TEAM_A, TEAM_B] } });
    second = await startTestGateway({ ...shared, sharedEndpoint: first.endpoint });
    redis = new Redis(MACHINE_REDIS_URL, { lazyConnect: true });
    await redis.connect();
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    redis?.disconnect();
    await dropKeys(MACHINE_REDIS_URL, keyPrefix);
  });

  it('answers each account its own group from the shared read cache, under keys of its own', async () => {
    const lookup = (t: TestGateway, accountId: string) =>
      t.execute(parse(`{ replicationGroup(replicationGroupId: "orders-cache", account: "${accountId}") { arn } }`));
    expect((await lookup(first, TEAM_A)).data).toEqual({ replicationGroup: { arn: groupArn(TEAM_A) } });
    first.endpoint.resetCalls();
    // The second replica: B is not A's cached answer; A comes from the cache the first one filled.
    expect((await lookup(second, TEAM_B)).data).toEqual({ replicationGroup: { arn: groupArn(TEAM_B) } });
    expect((await lookup(second, TEAM_A)).data).toEqual({ replicationGroup: { arn: groupArn(TEAM_A) } });
    // (The second replica assumes the roles of its own: those calls are STS's.)
    const elastiCacheCalls = first.endpoint.calls.filter((call) => call.action !== 'AssumeRole');
    expect(elastiCacheCalls.map((call) => [call.action, call.accountId])).toEqual([
      ['DescribeReplicationGroups', TEAM_B],
    ]);
    const keys = await redis.keys(`${keyPrefix}reads:*`);
    expect(keys.some((key) => key.startsWith(`${keyPrefix}reads:${TEAM_A}:us-east-1:`))).toBe(true);
    expect(keys.some((key) => key.startsWith(`${keyPrefix}reads:${TEAM_B}:us-east-1:`))).toBe(true);
  });

  it("polls each account's group under its own lease, and pushes each subscriber its own account's group", async () => {
    const inA = await subscribe(first.gateway, CHANGED, { account: TEAM_A });
    const inB = await subscribe(second.gateway, CHANGED, { account: TEAM_B });
    try {
      expect((await inA.next()).data).toMatchObject({ replicationGroupChanged: { arn: groupArn(TEAM_A) } });
      expect((await inB.next()).data).toMatchObject({ replicationGroupChanged: { arn: groupArn(TEAM_B) } });
      const leases = await redis.keys(`${keyPrefix}*poller*orders-cache*`);
      expect(leases.filter((key) => key.includes(`${TEAM_A}:us-east-1/orders-cache`))).toHaveLength(1);
      expect(leases.filter((key) => key.includes(`${TEAM_B}:us-east-1/orders-cache`))).toHaveLength(1);

      // A test of the migration in B: B's subscriber sees it, through the replica that polls B.
      const tested = await first.execute(
        parse(`mutation {
          testMigration(input: { replicationGroupId: "orders-cache", account: "${TEAM_B}",
            customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename }
        }`),
      );
      expect(tested.data).toEqual({ testMigration: { __typename: 'TestMigrationSuccess' } });
      const pushed = await inB.until(
        (result) =>
          (result.data as { replicationGroupChanged: { migration: { phase: string } } }).replicationGroupChanged
            .migration.phase !== 'NONE',
      );
      expect(pushed.at(-1)?.data).toMatchObject({ replicationGroupChanged: { arn: groupArn(TEAM_B) } });
      // A's group never changed: its state, read now, is still no migration.
      const a = await second.execute(
        parse(`{ replicationGroup(replicationGroupId: "orders-cache", account: "${TEAM_A}") { migration { phase } } }`),
      );
      expect(a.data).toEqual({ replicationGroup: { migration: { phase: 'NONE' } } });
    } finally {
      inA.close();
      inB.close();
    }
  });
});
