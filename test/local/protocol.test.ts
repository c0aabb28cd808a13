import { DescribeReplicationGroupsCommand, TestMigrationCommand } from '@aws-sdk/client-elasticache';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { sdkClient, signedHeaders } from '../support/sdk.js';

const xml = new XMLParser();

/** A Query-protocol POST written by hand, signed as the SDKs sign it. */
async function post(endpoint: LocalEndpoint, body: string) {
  const response = await fetch(endpoint.url, { method: 'POST', headers: await signedHeaders(endpoint, body), body });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    parsed: xml.parse(text) as Record<string, Record<string, Record<string, string>>>,
  };
}

describe('local endpoint wire protocol, over plain HTTP', () => {
  let endpoint: LocalEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ admin: true, migration: { transitionMs: 20 } });
  });
  afterEach(() => endpoint.faults.clear());
  afterAll(async () => {
    await endpoint.close();
  });

  it('answers in the AWS envelope with the model item names, in any key order', async () => {
    const response = await post(
      endpoint,
      'ReplicationGroupId=orders-cache&Version=2015-02-02&Action=DescribeReplicationGroups',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml');
    expect(response.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.text).toMatch(
      /^<DescribeReplicationGroupsResponse xmlns="http:\/\/elasticache\.amazonaws\.com\/doc\/2015-02-02\/"><DescribeReplicationGroupsResult><ReplicationGroups><ReplicationGroup>/,
    );
    expect(response.text).toContain(
      '<MemberClusters><ClusterId>orders-cache-001</ClusterId><ClusterId>orders-cache-002</ClusterId></MemberClusters>',
    );
    expect(response.text).toContain('<NodeGroups><NodeGroup><NodeGroupId>0001</NodeGroupId>');
    expect(response.text).toContain('<NodeGroupMembers><NodeGroupMember>');
    expect(response.text).toContain(
      `<ResponseMetadata><RequestId>${response.headers.get('x-amzn-requestid')}</RequestId></ResponseMetadata>`,
    );
  });

  it.each([
    ['Version=2015-02-02', 400, 'MissingAction'],
    ['Action=DescribeEverything&Version=2015-02-02', 400, 'InvalidAction'],
    ['Action=DescribeReplicationGroups', 400, 'MissingParameter'],
    ['Action=DescribeReplicationGroups&Version=2012-01-01', 400, 'NoSuchVersion'],
    ['Action=DescribeReplicationGroups&Version=2015-02-02&MaxRecords=abc', 400, 'InvalidParameterValue'],
    [
      'Action=TestMigration&Version=2015-02-02&CustomerNodeEndpointList.member.1.Address=127.0.0.1',
      400,
      'MissingParameter',
    ],
    ['Action=TestMigration&Version=2015-02-02&ReplicationGroupId=orders-cache', 400, 'MissingParameter'],
    [
      'Action=TestMigration&Version=2015-02-02&ReplicationGroupId=orders-cache&CustomerNodeEndpointList.member.2.Address=x',
      400,
      'InvalidParameterValue',
    ],
    ['Action=DescribeEvents&Version=2015-02-02&StartTime=yesterday', 400, 'InvalidParameterValue'],
    [
      'Action=DescribeReplicationGroups&Version=2015-02-02&ReplicationGroupId=ghost',
      404,
      'ReplicationGroupNotFoundFault',
    ],
  ])('%s -> %i %s as an XML ErrorResponse', async (body, status, code) => {
    const response = await post(endpoint, body);
    expect(response.status).toBe(status);
    expect(response.parsed.ErrorResponse?.Error).toMatchObject({
      Type: 'Sender',
      Code: code,
      Message: expect.any(String),
    });
    expect(response.parsed.ErrorResponse?.RequestId).toBe(response.headers.get('x-amzn-requestid'));
  });

  it('never answers HTML: other paths and methods get XML errors too', async () => {
    for (const [path, method] of [
      ['/nope', 'POST'],
      ['/', 'PUT'],
    ] as const) {
      const response = await fetch(`${endpoint.url}${path}`, { method, body: 'x' });
      expect(response.status).toBe(404);
      expect(await response.text()).toMatch(/^<ErrorResponse/);
    }
    // Operations are POSTed: a GET (an <img> or a link on any page) runs nothing.
    const get = await fetch(
      `${endpoint.url}/?Action=DescribeReplicationGroups&Version=2015-02-02&ReplicationGroupId=orders-cache`,
    );
    expect(get.status).toBe(404);
    expect(await get.text()).toMatch(/^<ErrorResponse/);
  });

  it('escapes XML in values it echoes', async () => {
    const response = await post(
      endpoint,
      'Action=DescribeReplicationGroups&Version=2015-02-02&ReplicationGroupId=%3Cx%3E%26',
    );
    expect(response.text).toContain('ReplicationGroup &lt;x&gt;&amp; not found.');
  });

  it('injects throttling that the SDK retries through, and 500 InternalFailure it gives up on', async () => {
    endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'throttling', times: 2 });
    const patient = sdkClient(endpoint, { maxAttempts: 3 });
    try {
      endpoint.resetCalls();
      const output = await patient.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' }));
      expect(output.ReplicationGroups).toHaveLength(1);
      expect(endpoint.calls).toHaveLength(3);

      endpoint.faults.inject({ kind: 'internal' });
      const error = await patient
        .send(new DescribeReplicationGroupsCommand({}))
        .catch((caught: unknown) => caught as Error & { $fault: string; $metadata: { httpStatusCode: number } });
      expect(error).toMatchObject({ name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500 } });
    } finally {
      patient.destroy();
    }
  });

  it('injects latency and dropped connections, per action', async () => {
    const sdk = sdkClient(endpoint);
    try {
      endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'latency', latencyMs: 150, times: 1 });
      const started = performance.now();
      await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' }));
      expect(performance.now() - started).toBeGreaterThanOrEqual(140);

      endpoint.faults.inject({ action: 'TestMigration', kind: 'drop', times: 1 });
      const dropped = await sdk
        .send(
          new TestMigrationCommand({
            ReplicationGroupId: 'orders-cache',
            CustomerNodeEndpointList: [{ Address: '127.0.0.1', Port: 6379 }],
          }),
        )
        .catch((caught: unknown) => caught as Error);
      expect(dropped).toBeInstanceOf(Error);
      expect((dropped as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBeUndefined();
      // Other actions were untouched by the TestMigration rule.
      expect(
        (await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' })))
          .ReplicationGroups,
      ).toHaveLength(1);
    } finally {
      sdk.destroy();
    }
  });

  it('applies a probability per call', async () => {
    endpoint.faults.inject({ action: 'DescribeEvents', kind: 'internal', probability: 0 });
    const never = await post(endpoint, 'Action=DescribeEvents&Version=2015-02-02');
    expect(never.status).toBe(200);
    endpoint.faults.clear();
    endpoint.faults.inject({ action: 'DescribeEvents', kind: 'internal', probability: 1, times: 1 });
    expect((await post(endpoint, 'Action=DescribeEvents&Version=2015-02-02')).status).toBe(500);
    expect((await post(endpoint, 'Action=DescribeEvents&Version=2015-02-02')).status).toBe(200);
  });

  it('serves the fault admin route to loopback clients when enabled', async () => {
    const created = await fetch(`${endpoint.url}/_local/faults`, {
      method: 'POST',
      body: JSON.stringify({ action: 'DescribeEvents', kind: 'throttling', times: 1 }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect(
      ((await (await fetch(`${endpoint.url}/_local/faults`)).json()) as { id: string }[]).map((rule) => rule.id),
    ).toEqual([id]);
    const throttled = await post(endpoint, 'Action=DescribeEvents&Version=2015-02-02');
    expect(throttled.status).toBe(400);
    expect(throttled.parsed.ErrorResponse?.Error?.Code).toBe('Throttling');
    const refused = await fetch(`${endpoint.url}/_local/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'meteor' }),
    });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'kind must be one of throttling, internal, latency, drop, fault' });
    expect((await fetch(`${endpoint.url}/_local/faults`, { method: 'DELETE' })).status).toBe(200);
  });

  it('has no admin route unless asked for', async () => {
    const plain = await startLocalEndpoint({ seed: 'none' });
    try {
      const response = await fetch(`${plain.url}/_local/faults`, {
        method: 'POST',
        body: JSON.stringify({ kind: 'internal' }),
      });
      expect(response.status).toBe(404);
      expect((await post(plain, 'Action=DescribeEvents&Version=2015-02-02')).status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
