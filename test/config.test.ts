import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('defaults to the built-in local endpoint on 127.0.0.1:4000 with GraphiQL on', () => {
    expect(loadConfig({})).toEqual({
      endpoint: { kind: 'local', port: 0 },
      regions: ['us-east-1'],
      host: '127.0.0.1',
      port: 4000,
      graphiql: true,
      logLevel: 'info',
      maxAttempts: 3,
      requestTimeoutMs: 10_000,
      subscriptionPollIntervalMs: 5_000,
      corsOrigins: [],
      documentLimits: { maxTokens: 2_000, maxDepth: 20 },
    });
  });

  it('serves real AWS in AWS_REGION with GraphiQL off unless asked for', () => {
    const config = loadConfig({ ELASTICACHE_ENDPOINT: 'aws', AWS_REGION: 'eu-west-1' });
    expect(config.endpoint).toEqual({ kind: 'aws' });
    expect(config.regions).toEqual(['eu-west-1']);
    expect(config.graphiql).toBe(false);
    expect(loadConfig({ ELASTICACHE_ENDPOINT: 'aws', GRAPHIQL: 'true' }).graphiql).toBe(true);
  });

  it('reads CORS origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://console.example.com, http://localhost:5173' }).corsOrigins).toEqual([
      'https://console.example.com',
      'http://localhost:5173',
    ]);
  });

  it('accepts any endpoint URL and a list of regions, the first being the default', () => {
    const config = loadConfig({
      ELASTICACHE_ENDPOINT: 'http://127.0.0.1:4566',
      ELASTICACHE_REGIONS: 'eu-central-1, us-west-2,eu-central-1',
    });
    expect(config.endpoint).toEqual({ kind: 'url', url: 'http://127.0.0.1:4566/' });
    expect(config.regions).toEqual(['eu-central-1', 'us-west-2']);
  });

  it.each([
    [{ ELASTICACHE_ENDPOINT: 'nowhere' }, /ELASTICACHE_ENDPOINT/],
    [{ ELASTICACHE_ENDPOINT: 'ftp://host' }, /ELASTICACHE_ENDPOINT/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: 'abc' }, /PORT/],
    [{ AWS_REGION: 'mars' }, /AWS_REGION/],
    [{ ELASTICACHE_REGIONS: 'us-east-1,nope' }, /ELASTICACHE_REGIONS/],
    [{ GRAPHIQL: 'maybe' }, /GRAPHIQL/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ ELASTICACHE_MAX_ATTEMPTS: '0' }, /ELASTICACHE_MAX_ATTEMPTS/],
    [{ SUBSCRIPTION_POLL_INTERVAL_MS: '200' }, /SUBSCRIPTION_POLL_INTERVAL_MS/],
    [{ CORS_ORIGINS: 'https://ok.example.com,not an origin' }, /CORS_ORIGINS/],
    [{ CORS_ORIGINS: 'https://example.com/path' }, /CORS_ORIGINS/],
    [{ GRAPHQL_MAX_TOKENS: '50' }, /GRAPHQL_MAX_TOKENS/],
    [{ GRAPHQL_MAX_DEPTH: '1000' }, /GRAPHQL_MAX_DEPTH/],
  ])('refuses %o with an error naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});
