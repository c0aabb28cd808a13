import { DescribeReplicationGroupsCommand } from '@aws-sdk/client-elasticache';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReplicationGroupWithEventsDocument } from '../../examples/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// JSON carries a lone surrogate as "\ud800", so a client can put one in any string variable.
const LONE_SURROGATE = 'x\ud800';

const cursorWithMarker = (marker: string) =>
  Buffer.from(JSON.stringify({ v: 1, k: 'replicationGroups', r: 'us-east-1', m: marker, i: 0 })).toString('base64url');

describe('strings that are not well-formed Unicode', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    t.endpoint.resetCalls();
  });

  it('are refused in a query id before any AWS call', async () => {
    const result = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: LONE_SURROGATE });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'replicationGroupId' });
    expect(t.endpoint.calls).toEqual([]);
  });

  it('are refused in a subscription id before any AWS call', async () => {
    const response = await t.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription ($id: String!) { replicationGroupChanged(replicationGroupId: $id) { status } }',
        variables: { id: LONE_SURROGATE },
      }),
    });
    expect(await response.text()).toContain('"code":"BAD_USER_INPUT"');
    expect(t.endpoint.calls).toEqual([]);
  });

  it('are refused in a cursor marker before any AWS call', async () => {
    const result = await t.execute(
      parse('query ($after: String) { replicationGroups(first: 1, after: $after) { edges { cursor } } }'),
      { after: cursorWithMarker(LONE_SURROGATE) },
    );
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_CURSOR', argument: 'after' });
    expect(t.endpoint.calls).toEqual([]);
  });

  it('in a federation reference resolve to null without an AWS call', async () => {
    const result = await t.execute(
      parse('query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }'),
      {
        representations: [
          {
            __typename: 'ReplicationGroup',
            arn: `arn:aws:elasticache:us-east-1:000000000000:replicationgroup:${LONE_SURROGATE}`,
          },
          { __typename: 'CacheCluster', arn: `arn:aws:elasticache:us-east-1:000000000000:cluster:${LONE_SURROGATE}` },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ _entities: [null, null] });
    expect(t.endpoint.calls).toEqual([]);
  });

  it('that get past the checks are refused at the SDK client, and the next call is intact', async () => {
    // The SDK's Query serializer is shared per client; before the guard, this call left
    // "&ReplicationGroupId=" in its buffer and the next call carried it.
    await expect(
      t.clients.send('us-east-1', new DescribeReplicationGroupsCommand({ ReplicationGroupId: LONE_SURROGATE })),
    ).rejects.toMatchObject({
      name: 'MalformedInputError',
      argument: 'ReplicationGroupId',
    });
    const output = await t.clients.send(
      'us-east-1',
      new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' }),
    );
    expect(output.ReplicationGroups?.[0]?.ReplicationGroupId).toBe('orders-cache');
    expect(t.endpoint.calls.map((call) => call.params)).toEqual([
      { Action: 'DescribeReplicationGroups', Version: '2015-02-02', ReplicationGroupId: 'orders-cache' },
    ]);
  });
});
