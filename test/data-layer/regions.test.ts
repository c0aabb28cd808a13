import { CreateReplicationGroupCommand } from '@aws-sdk/client-elasticache';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsCall } from '../../src/aws/clients.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { sdkClient } from '../support/sdk.js';
import { subscribe } from '../support/sse.js';

/**
 * A second served region holding a group whose clusters exist nowhere else: any path that
 * resolved a member in the default region would find no cluster there.
 */
const SECOND = 'eu-west-1';
const GROUP = 'eu-orders';

interface Member {
  cacheClusterId: string;
  cacheCluster: { cacheClusterId: string; region: string; arn: string } | null;
}
type WithMembers = { replicationGroupId: string; region: string; nodeGroups: { nodeGroupMembers: Member[] }[] };

const MEMBERS = 'nodeGroups { nodeGroupMembers { cacheClusterId cacheCluster { cacheClusterId region arn } } }';

function expectMembersInSecondRegion(group: WithMembers | undefined | null) {
  const members = group?.nodeGroups.flatMap((nodeGroup) => nodeGroup.nodeGroupMembers) ?? [];
  expect(members).toHaveLength(2);
  for (const member of members) {
    expect(member.cacheCluster).toMatchObject({ cacheClusterId: member.cacheClusterId, region: SECOND });
    expect(member.cacheCluster?.arn).toContain(`:${SECOND}:`);
  }
}

describe('data that carries its region', () => {
  let t: TestGateway;
  const sent: AwsCall[] = [];
  let groupArn = '';
  /** Endpoint calls made by the test's own setup (not through the gateway). */
  let setupCalls = 0;

  beforeAll(async () => {
    t = await startTestGateway({
      regions: ['us-east-1', SECOND],
      // One poll per subscription in these tests: none is in flight when one ends.
      subscriptionPollIntervalMs: 60_000,
      interceptors: [
        (call, proceed) => {
          sent.push(call);
          return proceed();
        },
      ],
    });
    const sdk = sdkClient(t.endpoint, { region: SECOND });
    const created = await sdk.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: GROUP,
        ReplicationGroupDescription: 'second region',
        NumCacheClusters: 2,
      }),
    );
    sdk.destroy();
    groupArn = created.ReplicationGroup?.ARN ?? '';
    expect(groupArn).toContain(`:${SECOND}:`);
    setupCalls = t.endpoint.calls.length;
  });

  afterAll(async () => {
    await t.close();
  });

  /** The endpoint calls made since `from` (an index into its call log). */
  const callsSince = (from: number) => t.endpoint.calls.slice(from);
  const clusterReadsIn = (from: number, region: string) =>
    callsSince(from).filter((call) => call.action === 'DescribeCacheClusters' && call.region === region);

  it('through replicationGroups(regions: [...])', async () => {
    const from = t.endpoint.calls.length;
    const result = await t.execute(
      parse(
        `{ replicationGroups(regions: ["us-east-1", "${SECOND}"], first: 100) { edges { node { replicationGroupId region ${MEMBERS} } } } }`,
      ),
    );
    expect(result.errors).toBeUndefined();
    const edges = (result.data as { replicationGroups: { edges: { node: WithMembers }[] } }).replicationGroups.edges;
    expectMembersInSecondRegion(edges.find((edge) => edge.node.replicationGroupId === GROUP)?.node);
    expect(clusterReadsIn(from, SECOND).length).toBeGreaterThan(0);
  });

  it('through federation _entities', async () => {
    const from = t.endpoint.calls.length;
    const result = await t.execute(
      parse(
        `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on ReplicationGroup { replicationGroupId region ${MEMBERS} } } }`,
      ),
      {
        representations: [{ __typename: 'ReplicationGroup', arn: groupArn }],
      },
    );
    expect(result.errors).toBeUndefined();
    expectMembersInSecondRegion((result.data as { _entities: WithMembers[] })._entities[0]);
    expect(clusterReadsIn(from, SECOND).length).toBeGreaterThan(0);
    expect(clusterReadsIn(from, 'us-east-1')).toEqual([]);
  });

  it('through a subscription', async () => {
    const from = t.endpoint.calls.length;
    const subscription = await subscribe(
      t.gateway,
      parse(
        `subscription ($id: String!, $region: String) { replicationGroupChanged(replicationGroupId: $id, region: $region) { replicationGroupId region ${MEMBERS} migration { phase } } }`,
      ),
      { id: GROUP, region: SECOND },
    );
    try {
      const first = await subscription.next();
      expect(first.errors).toBeUndefined();
      expectMembersInSecondRegion((first.data as { replicationGroupChanged: WithMembers }).replicationGroupChanged);
      // The poller's migration state travels with the group: no DescribeEvents per subscriber.
      expect(callsSince(from).filter((call) => call.action === 'DescribeEvents')).toHaveLength(1);
      expect(clusterReadsIn(from, 'us-east-1')).toEqual([]);
    } finally {
      subscription.close();
    }
  });

  it('a single path: the local endpoint receives exactly the calls `send` made, in every flow of this file and the mutations', async () => {
    const source = 'customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }]';
    const tested = await t.execute(
      parse(
        `mutation { testMigration(input: { replicationGroupId: "${GROUP}", region: "${SECOND}", ${source} }) { __typename } }`,
      ),
    );
    expect(tested.errors).toBeUndefined();
    const completed = await t.execute(
      parse(
        `mutation { completeMigration(input: { replicationGroupId: "${GROUP}", region: "${SECOND}" }) { __typename } }`,
      ),
    );
    expect(completed.data).toEqual({ completeMigration: { __typename: 'ReplicationGroupNotUnderMigrationFault' } });
    const events = await t.execute(parse(`{ events(region: "${SECOND}", first: 5) { edges { node { message } } } }`));
    expect(events.errors).toBeUndefined();
    const one = await t.execute(
      parse(
        '{ replicationGroup(replicationGroupId: "orders-cache") { events(durationMinutes: 600) { message } migration { phase } cacheClusters { arn } } }',
      ),
    );
    expect(one.errors).toBeUndefined();
    await t.endpoint.settled();

    const atEndpoint = callsSince(setupCalls)
      .map((call) => `${call.action} ${call.region}`)
      .sort();
    const atSend = sent.map((call) => `${call.operation} ${call.region}`).sort();
    expect(new Set(atEndpoint)).toEqual(
      new Set([
        'DescribeReplicationGroups us-east-1',
        `DescribeReplicationGroups ${SECOND}`,
        `DescribeCacheClusters ${SECOND}`,
        'DescribeCacheClusters us-east-1',
        `DescribeEvents ${SECOND}`,
        'DescribeEvents us-east-1',
        `TestMigration ${SECOND}`,
        `CompleteMigration ${SECOND}`,
      ]),
    );
    expect(atSend).toEqual(atEndpoint);
  });
});
