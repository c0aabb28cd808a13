import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const MUTATION =
  'mutation { testMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }';

describe('what a cross-site page can make the gateway do', () => {
  let t: TestGateway | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it.each([
    ['application/x-www-form-urlencoded', new URLSearchParams({ query: MUTATION }).toString()],
    ['text/plain', JSON.stringify({ query: MUTATION })],
    [
      'multipart/form-data; boundary=x',
      `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: MUTATION })}\r\n--x--\r\n`,
    ],
  ])('refuses a %s POST (what an HTML form sends) without calling AWS', async (type, body) => {
    t = await startTestGateway();
    t.endpoint.resetCalls();
    const response = await t.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': type, origin: 'https://evil.example' },
      body,
    });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'POST bodies must be JSON (Content-Type: application/json).',
          extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
        },
      ],
    });
    expect(t.endpoint.calls).toHaveLength(0);
  });

  it.each([
    ['application/json', 200],
    ['application/graphql+json', 200],
    ['application/graphql-response+json', 415],
  ])('reads a %s body, or answers %i', async (type, status) => {
    t = await startTestGateway();
    const response = await t.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': type },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual(
      status === 200
        ? { data: { __typename: 'Query' } }
        : {
            errors: [
              {
                message: 'POST bodies must be JSON (Content-Type: application/json).',
                extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
              },
            ],
          },
    );
  });

  it('grants no cross-origin access unless origins are configured', async () => {
    t = await startTestGateway();
    const preflight = await t.gateway.fetch('http://gateway.test/graphql', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the configured origins, and only them', async () => {
    t = await startTestGateway({ corsOrigins: ['https://console.example.com'] });
    const preflight = (origin: string) =>
      t!.gateway.fetch('http://gateway.test/graphql', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    expect((await preflight('https://console.example.com')).headers.get('access-control-allow-origin')).toBe(
      'https://console.example.com',
    );
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).not.toBe(
      'https://evil.example',
    );
  });
});
