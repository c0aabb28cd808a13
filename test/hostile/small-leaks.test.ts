import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { NetworkAllowlist } from '../../src/preflight/network-allowlist.js';
import { createLogger } from '../../src/logger.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

describe('the migration allowlist', () => {
  it.each(['fd00:ec2::254', '169.254.169.254', '::ffff:169.254.169.254', 'fe80::1'])(
    'refuses the metadata or link-local address %s, even when a listed range holds it',
    (address) => {
      expect(NetworkAllowlist.parse(NetworkAllowlist.DEFAULT_CIDRS).allows(address)).toBe(false);
      expect(NetworkAllowlist.parse(['0.0.0.0/0', '::/0']).allows(address)).toBe(false);
    },
  );

  it('still allows the private ranges and loopback', () => {
    const allowlist = NetworkAllowlist.parse(NetworkAllowlist.DEFAULT_CIDRS);
    expect(['127.0.0.1', '10.1.2.3', 'fd12::1', '::1'].map((address) => allowlist.allows(address))).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});

describe('the first log lines', () => {
  it('never carry the password of an endpoint URL', async () => {
    const lines: string[] = [];
    const config = loadConfig({
      ELASTICACHE_ENDPOINT: 'http://admin:s3cret-pass@127.0.0.1:9',
      AUTH_DISABLED: 'true',
      PORT: '0',
      GRAPHIQL: 'false',
    });
    const app = await startApp(
      config,
      createLogger('debug', (line) => lines.push(line)),
    );
    await app.close();
    expect(lines.join('\n')).toContain('http://***:***@127.0.0.1:9/');
    expect(lines.join('\n')).not.toContain('s3cret-pass');
  });
});

describe('browser requests', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ subscriptionPollIntervalMs: 100, corsOrigins: ['https://console.example.com'] });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a cross-origin EventSource subscription from an unlisted origin before any AWS call', async () => {
    t.endpoint.resetCalls();
    const query = encodeURIComponent(
      'subscription { replicationGroupChanged(replicationGroupId: "orders-cache") { status } }',
    );
    const response = await t.gateway.fetch(`http://gateway.test/graphql?query=${query}`, {
      headers: { accept: 'text/event-stream', origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'Requests from this origin are not allowed (see CORS_ORIGINS).',
          extensions: { code: 'FORBIDDEN_ORIGIN' },
        },
      ],
    });
    // Refused before execution: no watch was ever made, so no poll can follow.
    expect(t.gateway.watchers.activeWatches).toBe(0);
    expect(t.gateway.watchers.openSubscriptions).toBe(0);
    expect(t.endpoint.calls).toEqual([]);
  });

  it('serves the same origin and the listed ones', async () => {
    for (const origin of ['http://gateway.test', 'https://console.example.com']) {
      const response = await t.gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(200);
    }
  });

  it.each(['APPLICATION/JSON', 'Application/Json; charset=UTF-8'])('reads a JSON body sent as %s', async (type) => {
    const response = await t.gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': type },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});

const loadGroup = parse('query ($id: String!) { replicationGroup(replicationGroupId: $id) { arn } }');

describe('an upstream outage', () => {
  it('logs the first failure of a kind at once and the repeats as one count', async () => {
    const t = await startTestGateway({ maxAttempts: 1 });
    t.endpoint.faults.inject({ action: 'DescribeReplicationGroups', kind: 'internal' });
    for (let i = 0; i < 20; i++) {
      const result = await t.execute(loadGroup, { id: `group-${i}` });
      expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    }
    const failures = () => t.logs.filter((line) => String(line.message).startsWith('ElastiCache call failed'));
    expect(failures()).toHaveLength(1);
    await t.close();
    expect(failures().map((line) => [line.message, line.repeats])).toEqual([
      ['ElastiCache call failed', undefined],
      ['ElastiCache call failed again, same way', 19],
    ]);
  });
});
