import { readFileSync } from 'node:fs';
import { SETTINGS_DOC, withSettingsTable } from '../scripts/print-settings.js';
import { SETTINGS } from '../src/settings.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const scratch = mkdtempSync(join(tmpdir(), 'config-test-'));
const jwksFile = join(scratch, 'jwks.json');
writeFileSync(jwksFile, JSON.stringify({ keys: [] }));
const manifest = join(scratch, 'persisted-documents.json');
writeFileSync(manifest, JSON.stringify({ 'sha256:abc': '{ __typename }' }));
const notJson = join(scratch, 'not.json');
writeFileSync(notJson, 'nope');
const TOKENS = {
  AUTH_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json',
  AUTH_ISSUER: 'https://idp.example.com/',
  AUTH_AUDIENCE: 'elasticache-graphql',
};

describe('loadConfig', () => {
  it('defaults to the built-in local endpoint on 127.0.0.1:4000 with GraphiQL on', () => {
    expect(loadConfig({})).toEqual({
      endpoint: { kind: 'local', port: 0 },
      regions: ['us-east-1'],
      accounts: null,
      sts: { kind: 'endpoint' },
      host: '127.0.0.1',
      allowedHosts: ['127.0.0.1', 'localhost', '[::1]'],
      subscriptionLimits: { perConnection: 100, perCaller: 500 },
      cutover: { maxBytesBehind: 0, stableMs: 5_000 },
      migrationProgressIntervalMs: 1_000,
      verificationTimeoutMs: 60_000,
      readinessVerdictTtlMs: 5_000,
      port: 4000,
      graphiql: true,
      console: true,
      compiledExecution: true,
      logLevel: 'info',
      maxAttempts: 3,
      throttledAttempts: 5,
      requestTimeoutMs: 10_000,
      subscriptionPollIntervalMs: 5_000,
      readCacheTtlMs: 5_000,
      responseCacheTtlMs: 5_000,
      corsOrigins: [],
      documentLimits: { maxTokens: 2_000, maxDepth: 20, maxAliases: 15, maxDirectives: 20, maxCost: 30_000 },
      maxBodyBytes: 131_072,
      auth: { mode: 'open', because: 'local' },
      trustedDocuments: null,
      redis: null,
      preflight: {
        allowedNetworks: ['127.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '::1/128', 'fc00::/7'],
        timeoutMs: 5_000,
      },
      shutdownTimeoutMs: 10_000,
      metricsToken: null,
      tracing: null,
    });
  });

  it('reads the networks the preflight may connect to and its bound, naming a bad CIDR', () => {
    expect(
      loadConfig({ PREFLIGHT_ALLOWED_NETWORKS: '10.20.0.0/16, 127.0.0.0/8', PREFLIGHT_TIMEOUT_MS: '2000' }).preflight,
    ).toEqual({
      allowedNetworks: ['10.20.0.0/16', '127.0.0.0/8'],
      timeoutMs: 2_000,
    });
    expect(() => loadConfig({ PREFLIGHT_ALLOWED_NETWORKS: '10.0.0.0/33' })).toThrow(
      /PREFLIGHT_ALLOWED_NETWORKS: "10.0.0.0\/33" is not a CIDR block/,
    );
    expect(() => loadConfig({ PREFLIGHT_TIMEOUT_MS: '10' })).toThrow(
      /PREFLIGHT_TIMEOUT_MS must be a whole number from 100/,
    );
  });

  it('reads REDIS_URL and its key prefix, never repeating a URL it refuses (it may hold a password)', () => {
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379/0' }).redis).toEqual({
      url: 'redis://127.0.0.1:6379/0',
      keyPrefix: 'elasticache-graphql:',
    });
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6380', REDIS_KEY_PREFIX: 'team-a:' }).redis?.keyPrefix).toBe(
      'team-a:',
    );
    const refuse = () => loadConfig({ REDIS_URL: 'http://user:hunter2@cache:6379' });
    expect(refuse).toThrow(/REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(refuse).not.toThrow(/hunter2/);
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1', REDIS_KEY_PREFIX: 'has space' })).toThrow(
      /REDIS_KEY_PREFIX/,
    );
  });

  it('sends traces where the OTLP variables say, a traces endpoint as it is, a general one with /v1/traces', () => {
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
      tracesUrl: 'http://collector:4318/v1/traces',
      serviceName: 'elasticache-graphql',
    });
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/ingest',
        OTEL_SERVICE_NAME: 'cache-gateway',
      }).tracing,
    ).toEqual({ tracesUrl: 'https://traces.example/ingest', serviceName: 'cache-gateway' });
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'true' }).tracing,
    ).toBeNull();
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an http:\/\/ or https:\/\/ URL/,
    );
  });

  it('serves real AWS in AWS_REGION with GraphiQL off unless asked for', () => {
    const config = loadConfig({ ELASTICACHE_ENDPOINT: 'aws', AWS_REGION: 'eu-west-1', ...TOKENS });
    expect(config.endpoint).toEqual({ kind: 'aws' });
    expect(config.regions).toEqual(['eu-west-1']);
    expect(config.graphiql).toBe(false);
    expect(loadConfig({ ELASTICACHE_ENDPOINT: 'aws', GRAPHIQL: 'true', ...TOKENS }).graphiql).toBe(true);
  });

  it('compiles queries and mutations with graphql-jit unless GRAPHQL_COMPILED_EXECUTION is false', () => {
    expect(loadConfig({ GRAPHQL_COMPILED_EXECUTION: 'false' }).compiledExecution).toBe(false);
    expect(loadConfig({ GRAPHQL_COMPILED_EXECUTION: 'true' }).compiledExecution).toBe(true);
  });

  it('checks tokens when a JWKS is configured, and reads the scope claim name', () => {
    expect(loadConfig({ ELASTICACHE_ENDPOINT: 'aws', ...TOKENS, AUTH_SCOPE_CLAIM: 'permissions' }).auth).toEqual({
      mode: 'tokens',
      tokens: {
        keys: { url: TOKENS.AUTH_JWKS_URL },
        issuer: TOKENS.AUTH_ISSUER,
        audience: TOKENS.AUTH_AUDIENCE,
        scopeClaim: 'permissions',
      },
    });
    const fromFile = loadConfig({ AUTH_JWKS_FILE: jwksFile, AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' }).auth;
    expect(fromFile).toMatchObject({ mode: 'tokens', tokens: { keys: { file: jwksFile }, scopeClaim: null } });
    // The local endpoint checks tokens too once they are configured.
    expect(loadConfig({ ...TOKENS }).auth.mode).toBe('tokens');
  });

  it('runs open in front of AWS only when AUTH_DISABLED=true says a router checks tokens', () => {
    expect(loadConfig({ ELASTICACHE_ENDPOINT: 'aws', AUTH_DISABLED: 'true' }).auth).toEqual({
      mode: 'open',
      because: 'AUTH_DISABLED',
    });
    for (const endpoint of ['aws', 'https://admin:secret@elasticache.example.com']) {
      const refuse = () => loadConfig({ ELASTICACHE_ENDPOINT: endpoint });
      expect(refuse).toThrow(ConfigError);
      expect(refuse).toThrow(/AUTH_JWKS_URL.*AUTH_DISABLED=true/);
      expect(refuse).not.toThrow(/secret/);
    }
  });

  it('reads a trusted-documents manifest, keyed by the bare hash', () => {
    const { trustedDocuments } = loadConfig({ TRUSTED_DOCUMENTS: manifest });
    expect(trustedDocuments?.documents).toEqual(new Map([['abc', '{ __typename }']]));
    expect(trustedDocuments?.adhocScope).toBe('elasticache:adhoc');
    expect(
      loadConfig({ TRUSTED_DOCUMENTS: manifest, TRUSTED_DOCUMENTS_ADHOC_SCOPE: 'ops' }).trustedDocuments?.adhocScope,
    ).toBe('ops');
  });

  it('reads CORS origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://console.example.com, http://localhost:5173' }).corsOrigins).toEqual([
      'https://console.example.com',
      'http://localhost:5173',
    ]);
  });

  it('reads the progress interval and the cutover rule, refusing reads too far apart to show stability', () => {
    const config = loadConfig({
      MIGRATION_PROGRESS_INTERVAL_MS: '500',
      CUTOVER_STABLE_MS: '2000',
      CUTOVER_MAX_BYTES_BEHIND: '64',
    });
    expect(config.migrationProgressIntervalMs).toBe(500);
    expect(config.cutover).toEqual({ maxBytesBehind: 64, stableMs: 2_000 });
    expect(loadConfig({ VERIFICATION_TIMEOUT_MS: '15000' }).verificationTimeoutMs).toBe(15_000);
    expect(() => loadConfig({ VERIFICATION_TIMEOUT_MS: '10' })).toThrow('VERIFICATION_TIMEOUT_MS');
    expect(() => loadConfig({ MIGRATION_PROGRESS_INTERVAL_MS: '5000' })).toThrow(
      'MIGRATION_PROGRESS_INTERVAL_MS (5000) must be shorter than CUTOVER_STABLE_MS (5000)',
    );
    // No stability asked for: any interval.
    expect(loadConfig({ MIGRATION_PROGRESS_INTERVAL_MS: '5000', CUTOVER_STABLE_MS: '0' }).cutover.stableMs).toBe(0);
  });

  it('keeps whole responses as long as reads unless told otherwise, and only while reads are cached', () => {
    expect(loadConfig({ READ_CACHE_TTL_MS: '2000' }).responseCacheTtlMs).toBe(2_000);
    expect(loadConfig({ RESPONSE_CACHE_TTL_MS: '1000' })).toMatchObject({
      readCacheTtlMs: 5_000,
      responseCacheTtlMs: 1_000,
    });
    expect(loadConfig({ READ_CACHE_TTL_MS: '0' })).toMatchObject({ readCacheTtlMs: 0, responseCacheTtlMs: 0 });
    expect(loadConfig({ RESPONSE_CACHE_TTL_MS: '0' }).responseCacheTtlMs).toBe(0);
    expect(() => loadConfig({ READ_CACHE_TTL_MS: '0', RESPONSE_CACHE_TTL_MS: '1000' })).toThrow(
      'RESPONSE_CACHE_TTL_MS (1000) needs the read cache on (READ_CACHE_TTL_MS is 0)',
    );
    expect(() => loadConfig({ RESPONSE_CACHE_TTL_MS: 'later' })).toThrow(
      'RESPONSE_CACHE_TTL_MS must be a whole number',
    );
  });

  it('accepts any endpoint URL and a list of regions, the first being the default', () => {
    const config = loadConfig({
      ELASTICACHE_ENDPOINT: 'http://127.0.0.1:4566',
      ELASTICACHE_REGIONS: 'eu-central-1, us-west-2,eu-central-1',
      AUTH_DISABLED: 'true',
    });
    expect(config.endpoint).toEqual({ kind: 'url', url: 'http://127.0.0.1:4566/' });
    expect(config.regions).toEqual(['eu-central-1', 'us-west-2']);
  });

  it("reads AWS_ACCOUNTS inline or from a file, each account on the gateway's regions unless it names some", () => {
    const accounts = [
      {
        accountId: '111111111111',
        roleArn: 'arn:aws:iam::111111111111:role/elasticache-graphql',
        name: 'checkout-prod',
      },
      {
        accountId: '222222222222',
        roleArn: 'arn:aws:iam::222222222222:role/path/elasticache-graphql',
        externalId: 'team-secret',
        regions: ['eu-west-1'],
      },
    ];
    const file = join(scratch, 'accounts.json');
    writeFileSync(file, JSON.stringify(accounts));
    const expected = [
      {
        accountId: '111111111111',
        roleArn: 'arn:aws:iam::111111111111:role/elasticache-graphql',
        regions: ['us-east-1', 'eu-west-1'],
        name: 'checkout-prod',
      },
      {
        accountId: '222222222222',
        roleArn: 'arn:aws:iam::222222222222:role/path/elasticache-graphql',
        externalId: 'team-secret',
        regions: ['eu-west-1'],
        name: '222222222222',
      },
    ];
    const regions = { ELASTICACHE_REGIONS: 'us-east-1,eu-west-1' };
    expect(loadConfig({ ...regions, AWS_ACCOUNTS: JSON.stringify(accounts) }).accounts).toEqual(expected);
    expect(loadConfig({ ...regions, AWS_ACCOUNTS: `@${file}` }).accounts).toEqual(expected);
    // AssumeRole goes where ElastiCache calls go, unless STS_ENDPOINT says otherwise.
    expect(loadConfig({}).sts).toEqual({ kind: 'endpoint' });
    expect(loadConfig({ ELASTICACHE_ENDPOINT: 'aws', AUTH_DISABLED: 'true' }).sts).toEqual({ kind: 'aws' });
    expect(loadConfig({ STS_ENDPOINT: 'http://127.0.0.1:4566' }).sts).toEqual({
      kind: 'url',
      url: 'http://127.0.0.1:4566/',
    });
  });

  it('refuses a bad AWS_ACCOUNTS naming the value, and never repeats an ExternalId', () => {
    const role = (id: string) => `arn:aws:iam::${id}:role/r`;
    const refuse = (value: unknown, pattern: RegExp) => {
      const run = () => loadConfig({ AWS_ACCOUNTS: typeof value === 'string' ? value : JSON.stringify(value) });
      expect(run).toThrow(ConfigError);
      expect(run).toThrow(pattern);
      expect(run).not.toThrow(/s3cr3t/);
    };
    refuse('{"externalId": "s3cr3t"', /AWS_ACCOUNTS is not JSON/);
    refuse([], /non-empty JSON list/);
    refuse([{ accountId: '1234', roleArn: role('1234') }], /AWS_ACCOUNTS\[0\]\.accountId must be a 12-digit/);
    refuse(
      [{ accountId: '111111111111', roleArn: 'arn:aws:iam::111111111111:user/x' }],
      /AWS_ACCOUNTS\[0\]\.roleArn .* is not an IAM role ARN/,
    );
    refuse(
      [{ accountId: '111111111111', roleArn: role('222222222222') }],
      /roleArn is a role of account 222222222222, not of 111111111111/,
    );
    refuse(
      [
        { accountId: '111111111111', roleArn: role('111111111111') },
        { accountId: '111111111111', roleArn: role('111111111111') },
      ],
      /AWS_ACCOUNTS\[1\]\.accountId "111111111111" is already that of AWS_ACCOUNTS\[0\]/,
    );
    refuse(
      [{ accountId: '111111111111', roleArn: role('111111111111'), regions: ['eu-west-9'] }],
      /AWS_ACCOUNTS\[0\]\.regions holds "eu-west-9", which this gateway does not serve/,
    );
    refuse(
      [{ accountId: '111111111111', roleArn: role('111111111111'), externalId: 'x' }],
      /AWS_ACCOUNTS\[0\]\.externalId must be 2 to 1224/,
    );
    refuse(
      [{ accountId: '111111111111', roleArn: role('111111111111'), externalId: 's3cr3t', extra: 1 }],
      /AWS_ACCOUNTS\[0\] has "extra"/,
    );
    refuse(`@${join(scratch, 'missing.json')}`, /cannot be read: ENOENT/);
    expect(() => loadConfig({ STS_ENDPOINT: 'sts.example' })).toThrow(/STS_ENDPOINT must be "aws" or an http\(s\) URL/);
  });

  it.each([
    [{ ELASTICACHE_ENDPOINT: 'nowhere' }, /ELASTICACHE_ENDPOINT/],
    [{ ELASTICACHE_ENDPOINT: 'ftp://host' }, /ELASTICACHE_ENDPOINT/],
    [{ PORT: '70000' }, /PORT/],
    [{ PORT: 'abc' }, /PORT/],
    [{ AWS_REGION: 'mars' }, /AWS_REGION/],
    [{ ELASTICACHE_REGIONS: 'us-east-1,nope' }, /ELASTICACHE_REGIONS/],
    [{ GRAPHIQL: 'maybe' }, /GRAPHIQL/],
    [{ GRAPHQL_COMPILED_EXECUTION: 'sometimes' }, /GRAPHQL_COMPILED_EXECUTION/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ ELASTICACHE_MAX_ATTEMPTS: '0' }, /ELASTICACHE_MAX_ATTEMPTS/],
    [{ SUBSCRIPTION_POLL_INTERVAL_MS: '200' }, /SUBSCRIPTION_POLL_INTERVAL_MS/],
    [{ READ_CACHE_TTL_MS: '-1' }, /READ_CACHE_TTL_MS/],
    [{ READ_CACHE_TTL_MS: 'soon' }, /READ_CACHE_TTL_MS/],
    [{ CORS_ORIGINS: 'https://ok.example.com,not an origin' }, /CORS_ORIGINS/],
    [{ CORS_ORIGINS: 'https://example.com/path' }, /CORS_ORIGINS/],
    [{ GRAPHQL_MAX_TOKENS: '50' }, /GRAPHQL_MAX_TOKENS/],
    [{ GRAPHQL_MAX_DEPTH: '1000' }, /GRAPHQL_MAX_DEPTH/],
    [{ GRAPHQL_MAX_ALIASES: '-1' }, /GRAPHQL_MAX_ALIASES/],
    [{ GRAPHQL_MAX_DIRECTIVES: 'many' }, /GRAPHQL_MAX_DIRECTIVES/],
    [{ GRAPHQL_MAX_COST: '10' }, /GRAPHQL_MAX_COST/],
    [{ GRAPHQL_MAX_BODY_BYTES: '100' }, /GRAPHQL_MAX_BODY_BYTES/],
    [{ AUTH_DISABLED: 'perhaps' }, /AUTH_DISABLED/],
    [{ ...TOKENS, AUTH_JWKS_FILE: jwksFile }, /AUTH_JWKS_URL or AUTH_JWKS_FILE/],
    [{ ...TOKENS, AUTH_DISABLED: 'true' }, /AUTH_DISABLED=true contradicts/],
    [{ AUTH_JWKS_URL: TOKENS.AUTH_JWKS_URL, AUTH_ISSUER: 'i' }, /AUTH_AUDIENCE/],
    [{ ...TOKENS, AUTH_JWKS_URL: 'http://idp.example.com/jwks.json' }, /AUTH_JWKS_URL must be an https URL/],
    [{ AUTH_JWKS_FILE: notJson, AUTH_ISSUER: 'i', AUTH_AUDIENCE: 'a' }, /AUTH_JWKS_FILE/],
    [{ TRUSTED_DOCUMENTS: notJson }, /TRUSTED_DOCUMENTS/],
    [{ TRUSTED_DOCUMENTS: jwksFile }, /TRUSTED_DOCUMENTS .* must be a persisted-documents manifest/],
  ])('refuses %o with an error naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });
});

describe('every setting defined once (src/settings.ts)', () => {
  it('the table of docs/configuration.md is the one printed from the definitions (npm run docs:settings)', () => {
    const committed = readFileSync(SETTINGS_DOC, 'utf8');
    expect(committed).toBe(withSettingsTable(committed));
  });

  it('defines every variable loadConfig reads, and loadConfig reads every one defined', () => {
    const source = readFileSync(new URL('../src/config.ts', import.meta.url), 'utf8');
    const read = new Set([...source.matchAll(/(?:env\.|SETTINGS\.)([A-Z][A-Z0-9_]+)/g)].map((match) => match[1] ?? ''));
    expect([...read].filter((name) => !(name in SETTINGS))).toEqual([]);
    expect(Object.keys(SETTINGS).filter((name) => !read.has(name))).toEqual([]);
  });

  it('uses the definitions as defaults and bounds: an empty environment gives every default', () => {
    const config = loadConfig({});
    expect(config.port).toBe(SETTINGS.PORT.default);
    expect(config.maxBodyBytes).toBe(SETTINGS.GRAPHQL_MAX_BODY_BYTES.default);
    expect(config.documentLimits.maxCost).toBe(SETTINGS.GRAPHQL_MAX_COST.default);
    expect(config.subscriptionPollIntervalMs).toBe(SETTINGS.SUBSCRIPTION_POLL_INTERVAL_MS.default);
    expect(() => loadConfig({ GRAPHQL_MAX_DEPTH: String(SETTINGS.GRAPHQL_MAX_DEPTH.max + 1) })).toThrow(
      `GRAPHQL_MAX_DEPTH must be a whole number from ${SETTINGS.GRAPHQL_MAX_DEPTH.min} to ${SETTINGS.GRAPHQL_MAX_DEPTH.max}`,
    );
  });
});
