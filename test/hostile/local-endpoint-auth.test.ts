import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { startQuietApp } from '../support/app.js';
import { DOCUMENTED_CREDENTIALS, startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { sdkClient, signedHeaders } from '../support/sdk.js';

const TEST_MIGRATION =
  'Action=TestMigration&Version=2015-02-02&ReplicationGroupId=orders-cache' +
  '&CustomerNodeEndpointList.member.1.Address=127.0.0.1&CustomerNodeEndpointList.member.1.Port=6379';
const xml = new XMLParser();

async function answer(response: Response) {
  const parsed = xml.parse(await response.text()) as { ErrorResponse?: { Error?: { Code?: string } } };
  return { status: response.status, code: parsed.ErrorResponse?.Error?.Code ?? null };
}

/**
 * The local endpoint acts with the gateway's authority: it verifies every request's AWS
 * signature against the credentials it was started with, so that reaching its port (a curl, a
 * web page's form post) runs nothing. Refusals carry AWS's own codes.
 */
describe('the local endpoint verifies AWS signatures', () => {
  let endpoint: LocalEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ seed: 'demo' });
  });
  afterAll(() => endpoint.close());

  const post = (body: string, headers: Record<string, string>) =>
    fetch(endpoint.url, { method: 'POST', headers, body }).then(answer);
  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('refuses unsigned, wrongly signed, tampered and stale requests with AWS codes, running nothing', async () => {
    endpoint.resetCalls();
    expect(await post(TEST_MIGRATION, form)).toEqual({ status: 403, code: 'MissingAuthenticationToken' });

    const wrongSecret = await signedHeaders(endpoint, TEST_MIGRATION, {
      credentials: { accessKeyId: DOCUMENTED_CREDENTIALS.accessKeyId, secretAccessKey: 'guessed' },
    });
    expect(await post(TEST_MIGRATION, wrongSecret)).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });

    const otherKey = await signedHeaders(endpoint, TEST_MIGRATION, {
      credentials: { accessKeyId: 'AKIAOTHER', secretAccessKey: 'test' },
    });
    expect(await post(TEST_MIGRATION, otherKey)).toEqual({ status: 403, code: 'InvalidClientTokenId' });

    // Signed for one body, sent with another.
    const signed = await signedHeaders(endpoint, 'Action=DescribeEvents&Version=2015-02-02');
    expect(await post(TEST_MIGRATION, signed)).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });

    // A signature replayed from 20 minutes ago (the date is signed: it cannot be moved).
    const stale = await signedHeaders(endpoint, TEST_MIGRATION, { signingDate: new Date(Date.now() - 20 * 60_000) });
    expect(await post(TEST_MIGRATION, stale)).toEqual({ status: 403, code: 'SignatureDoesNotMatch' });

    expect(await post(TEST_MIGRATION, { ...form, authorization: 'Bearer x' })).toEqual({
      status: 400,
      code: 'IncompleteSignature',
    });
    // Nothing reached an operation.
    expect(endpoint.calls).toEqual([]);
  });

  it('takes only POSTed form bodies: other types and GET run nothing', async () => {
    endpoint.resetCalls();
    const headers = await signedHeaders(endpoint, TEST_MIGRATION);
    expect(await post(TEST_MIGRATION, { ...headers, 'content-type': 'text/plain' })).toEqual({
      status: 415,
      code: 'UnsupportedMediaType',
    });
    expect(await fetch(`${endpoint.url}/?${TEST_MIGRATION}`).then(answer)).toEqual({
      status: 404,
      code: 'UnknownOperation',
    });
    expect(endpoint.calls).toEqual([]);
  });

  it('serves the SDK signing with the documented credentials', async () => {
    const sdk = sdkClient(endpoint);
    try {
      const output = await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' }));
      expect(output.ReplicationGroups?.[0]?.ReplicationGroupId).toBe('orders-cache');
    } finally {
      sdk.destroy();
    }
  });
});

describe("the gateway's built-in local endpoint", () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startQuietApp();
  }, 30_000);
  afterAll(() => app.close());

  it('accepts only the credentials made for this start: not unsigned requests, not the documented ones', async () => {
    const endpoint = app.localEndpoint as LocalEndpoint;
    expect(endpoint.credentials.accessKeyId).not.toBe(DOCUMENTED_CREDENTIALS.accessKeyId);
    expect(endpoint.credentials.secretAccessKey.length).toBeGreaterThanOrEqual(32);
    endpoint.resetCalls();

    const unsigned = await fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://attacker.example' },
      body: TEST_MIGRATION,
    });
    expect(await answer(unsigned)).toEqual({ status: 403, code: 'MissingAuthenticationToken' });

    const documented = new ElastiCacheClient({
      endpoint: endpoint.url,
      region: endpoint.region,
      credentials: DOCUMENTED_CREDENTIALS,
      maxAttempts: 1,
    });
    try {
      await expect(documented.send(new DescribeReplicationGroupsCommand({}))).rejects.toMatchObject({
        name: 'InvalidClientTokenId',
      });
    } finally {
      documented.destroy();
    }
    expect(endpoint.calls).toEqual([]);

    // The gateway itself signs with them.
    const response = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ replicationGroup(replicationGroupId: "orders-cache") { status } }' }),
    });
    expect(await response.json()).toEqual({ data: { replicationGroup: { status: 'available' } } });
  });
});
