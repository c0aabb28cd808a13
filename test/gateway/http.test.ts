import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicationGroupWithEventsDocument } from '../../examples/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

describe('gateway HTTP surface', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers liveness on /health', async () => {
    const response = await t.gateway.fetch('http://gateway.test/health');
    expect(response.status).toBe(200);
  });

  it('reserves a single-connection event stream for the open caller', async () => {
    const reserved = await t.gateway.fetch('http://gateway.test/graphql', { method: 'PUT' });
    expect(reserved.status).toBe(201);
    expect(await reserved.text()).toMatch(/^\S{16,}$/);
  });

  it('reads a seeded group with every field, derived region and account', async () => {
    const result = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: 'ORDERS-CACHE' });
    expect(result.errors).toBeUndefined();
    const group = result.data?.replicationGroup;
    expect(group).toMatchObject({
      replicationGroupId: 'orders-cache',
      region: 'us-east-1',
      accountId: '000000000000',
      multiAZ: 'ENABLED',
      automaticFailover: 'ENABLED',
      clusterMode: 'DISABLED',
      engine: 'redis',
    });
    expect(group?.memberClusters.length).toBeGreaterThanOrEqual(2);
    expect(group?.nodeGroups[0]?.nodeGroupMembers.length).toBe(group?.memberClusters.length);
    expect(group?.nodeGroups[0]?.primaryEndpoint?.port).toBe(6379);
    expect(Date.parse(group?.replicationGroupCreateTime ?? '')).not.toBeNaN();
  });

  it('returns null for a group that does not exist', async () => {
    const result = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: 'no-such-group' });
    expect(result.errors).toBeUndefined();
    expect(result.data?.replicationGroup).toBeNull();
  });

  it('refuses an out-of-range event window with BAD_USER_INPUT naming the argument', async () => {
    const result = await t.execute(ReplicationGroupWithEventsDocument, {
      replicationGroupId: 'orders-cache',
      durationMinutes: 0,
    });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'durationMinutes' });
  });

  it('gives UNKNOWN_REGION for a region the gateway does not serve', async () => {
    const result = await t.execute(ReplicationGroupWithEventsDocument, {
      replicationGroupId: 'orders-cache',
      region: 'ap-south-2',
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_REGION', servedRegions: ['us-east-1'] });
  });

  it('answers GET variables or extensions that are not a JSON object with 400 BAD_REQUEST naming the parameter', async () => {
    for (const [name, value] of [
      ['variables', '{bad'],
      ['variables', '[1]'],
      ['extensions', 'null'],
    ] as const) {
      const response = await t.gateway.fetch(
        `http://gateway.test/graphql?query=${encodeURIComponent('{ __typename }')}&${name}=${encodeURIComponent(value)}`,
      );
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        errors: [
          { message: `The ${name} query parameter must be a JSON object.`, extensions: { code: 'BAD_REQUEST' } },
        ],
      });
    }
    expect(t.logs.filter((line) => line.level === 'error')).toEqual([]);
    const fine = await t.gateway.fetch(
      `http://gateway.test/graphql?query=${encodeURIComponent('query Q($id: String!) { replicationGroup(replicationGroupId: $id) { status } }')}&variables=${encodeURIComponent('{"id":"orders-cache"}')}`,
    );
    expect(await fine.json()).toEqual({ data: { replicationGroup: { status: 'available' } } });
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST, and a broken document with GRAPHQL_PARSE_FAILED, never a 500 or a trace', async () => {
    const callsBefore = t.endpoint.calls.length;
    const post = (body: string) =>
      t.gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });

    const notJson = await post('{"query": "{ replicationGroup(');
    expect(notJson.status).toBe(400);
    const notJsonBody = (await notJson.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(notJsonBody.errors).toHaveLength(1);
    expect(notJsonBody.errors[0]).toMatchObject({
      message: 'POST body sent invalid JSON.',
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(JSON.stringify(notJsonBody)).not.toMatch(/\bat .*\.(ts|js):\d+/);

    const brokenDocument = await post(JSON.stringify({ query: '{ replicationGroup( }' }));
    const brokenBody = (await brokenDocument.json()) as {
      data?: unknown;
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(brokenBody.data).toBeUndefined();
    expect(brokenBody.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Syntax Error: /),
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ]);
    expect(t.endpoint.calls).toHaveLength(callsBefore);
  });
});
