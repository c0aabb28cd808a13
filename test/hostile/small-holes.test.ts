import { CredentialsProviderError } from '@smithy/core/config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReplicationGroupChangedDocument } from '../../examples/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { subscribe } from '../support/sse.js';

describe('an invalid JSON body', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(() => t.close());

  it('is a 400 that does not quote the body back', async () => {
    const response = await t.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ __typename }", SECRET-password=hunter2',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({
      errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });
});

/**
 * ELASTICACHE_ENDPOINT set to a URL, and no AWS credentials anywhere: the SDK's credential chain
 * fails before sending (CredentialsProviderError, injected here as the provider, so that no
 * instance-metadata request is ever made). Nothing was refused: the answer says where
 * credentials come from, and a subscription ends with it rather than waiting.
 */
describe('a gateway with no AWS credentials', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      credentials: () => Promise.reject(new CredentialsProviderError('Could not load credentials from any providers')),
      subscriptionPollIntervalMs: 60_000,
    });
  });
  afterAll(() => t.close());

  it('says it has none, naming where they come from, and sends nothing', async () => {
    t.endpoint.resetCalls();
    const answer = await post(t, '{ replicationGroup(replicationGroupId: "orders-cache") { status } }');
    const error = answer.body.errors?.[0];
    expect(error?.extensions?.code).toBe('UPSTREAM_UNAUTHORIZED');
    expect(error?.message).toMatch(/has no AWS credentials/);
    expect(error?.message).toContain('AWS_ACCESS_KEY_ID');
    expect(error?.message).not.toMatch(/refused/);
    expect(t.endpoint.calls).toEqual([]);
  });

  it('ends a subscription with that error at once', async () => {
    const subscription = await subscribe(t.gateway, ReplicationGroupChangedDocument, {
      replicationGroupId: 'orders-cache',
    });
    const first = await subscription.next(5_000);
    expect(first.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAUTHORIZED');
    expect(first.errors?.[0]?.message).toMatch(/has no AWS credentials/);
    await expect(subscription.next(5_000)).rejects.toThrow('the subscription ended');
  });
});
