import { readFileSync } from 'node:fs';
import type { TokenSettings } from './auth/token-verifier.js';
import type { DocumentLimits } from './document-limits.js';
import { isLogLevel, type LogLevel } from './logger.js';
import type { CutoverRule } from './progress/progress-reader.js';
import { NetworkAllowlist } from './preflight/network-allowlist.js';
import { isRegionName } from './rules/region-name.js';
import { AwsAccountsError, parseAwsAccounts, type AwsAccountSetting } from './aws/accounts.js';
import { SETTINGS, type BooleanSetting, type IntegerSetting } from './settings.js';

/** Where the gateway sends its ElastiCache calls. */
export type EndpointConfig = { kind: 'local'; port: number } | { kind: 'aws' } | { kind: 'url'; url: string };

/**
 * Who may call the gateway: holders of a bearer token the configured issuer signed, or, with no
 * tokens checked, anyone who reaches the port (only the local endpoint, or AUTH_DISABLED=true
 * when a router or proxy in front checks tokens).
 */
export type AuthConfig =
  { mode: 'tokens'; tokens: TokenSettings } | { mode: 'open'; because: 'local' | 'AUTH_DISABLED' };

/** TRUSTED_DOCUMENTS: only these documents run, by hash, except for callers holding `adhocScope`. */
export interface TrustedDocumentsConfig {
  /** The manifest GraphQL Code Generator's client preset writes: `{ "<sha256 hash>": "<document>" }`. */
  manifestPath: string;
  documents: ReadonlyMap<string, string>;
  adhocScope: string;
}

export interface GatewayConfig {
  endpoint: EndpointConfig;
  /** Served regions; the first is the default of every `region` argument. */
  regions: string[];
  /** AWS_ACCOUNTS: the accounts served through assumed roles; null: the one of the gateway's credentials. */
  accounts: AwsAccountSetting[] | null;
  /** STS_ENDPOINT: where AssumeRole goes: the ElastiCache endpoint's URL (`local` or a URL), AWS, or a URL. */
  sts: { kind: 'endpoint' } | { kind: 'aws' } | { kind: 'url'; url: string };
  host: string;
  /** ALLOWED_HOSTS: the Host header values (names, no port) requests may carry; null: any (`*`). */
  allowedHosts: string[] | null;
  port: number;
  graphiql: boolean;
  /** CONSOLE_ENABLED: the migration console on GET /console. */
  console: boolean;
  /** GRAPHQL_COMPILED_EXECUTION: graphql-jit for the operations it runs exactly as graphql-js. */
  compiledExecution: boolean;
  logLevel: LogLevel;
  maxAttempts: number;
  /** ELASTICACHE_THROTTLE_MAX_ATTEMPTS: attempts of a call ElastiCache keeps throttling (at least maxAttempts). */
  throttledAttempts: number;
  requestTimeoutMs: number;
  subscriptionPollIntervalMs: number;
  /** MIGRATION_PROGRESS_INTERVAL_MS: between two progress reads of a group the migrationProgress subscription watches. */
  migrationProgressIntervalMs: number;
  /** VERIFICATION_TIMEOUT_MS: how long migrationVerification may compare. */
  verificationTimeoutMs: number;
  /** READINESS_VERDICT_TTL_MS: how long one /readiness verdict is reused. */
  readinessVerdictTtlMs: number;
  /** CUTOVER_MAX_BYTES_BEHIND and CUTOVER_STABLE_MS: when completeMigration (without force) may cut over. */
  cutover: CutoverRule;
  /** SUBSCRIPTIONS_PER_CONNECTION and SUBSCRIPTIONS_PER_CALLER: subscriptions open at once. */
  subscriptionLimits: SubscriptionLimits;
  /** READ_CACHE_TTL_MS: how long AWS read answers are shared between requests (0: off). */
  readCacheTtlMs: number;
  /** RESPONSE_CACHE_TTL_MS: how long whole query responses are served again (0: off). */
  responseCacheTtlMs: number;
  corsOrigins: string[];
  documentLimits: DocumentLimits;
  /** Largest request body accepted, in bytes (HTTP 413 over it). */
  maxBodyBytes: number;
  auth: AuthConfig;
  trustedDocuments: TrustedDocumentsConfig | null;
  /** REDIS_URL and REDIS_KEY_PREFIX: the read cache, poller leases and subscription fan-out shared by replicas; null: in-process only. */
  redis: { url: string; keyPrefix: string } | null;
  /** PREFLIGHT_ALLOWED_NETWORKS and PREFLIGHT_TIMEOUT_MS: where migrationPreflight may connect, and its bound. */
  preflight: { allowedNetworks: string[]; timeoutMs: number };
  /** SHUTDOWN_TIMEOUT_MS: how long a drain waits for requests in flight after SIGTERM. */
  shutdownTimeoutMs: number;
  /** METRICS_TOKEN: the bearer token GET /metrics asks for; null: open (keep the port internal). */
  metricsToken: string | null;
  /** OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT and OTEL_SERVICE_NAME: where spans go; null: no tracing. */
  tracing: { tracesUrl: string; serviceName: string } | null;
}

export interface SubscriptionLimits {
  /** Operations open at once on one WebSocket or single-connection SSE stream. */
  perConnection: number;
  /** Subscriptions one caller (a token's subject; every caller of an open gateway is one) holds open on a replica. */
  perCaller: number;
}

/** SUBSCRIPTIONS_PER_CONNECTION and SUBSCRIPTIONS_PER_CALLER unset. */
export const DEFAULT_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  perConnection: SETTINGS.SUBSCRIPTIONS_PER_CONNECTION.default,
  perCaller: SETTINGS.SUBSCRIPTIONS_PER_CALLER.default,
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/**
 * The progress interval and the cutover rule, together: reads further apart than CUTOVER_STABLE_MS
 * vouch for nothing in between, so a subscription's reads could never show the shards stable.
 */
function parseProgressAndCutover(env: Env): Pick<GatewayConfig, 'migrationProgressIntervalMs' | 'cutover'> {
  const migrationProgressIntervalMs = readInteger(env, SETTINGS.MIGRATION_PROGRESS_INTERVAL_MS);
  const cutover = {
    maxBytesBehind: readInteger(env, SETTINGS.CUTOVER_MAX_BYTES_BEHIND),
    stableMs: readInteger(env, SETTINGS.CUTOVER_STABLE_MS),
  };
  if (cutover.stableMs > 0 && migrationProgressIntervalMs >= cutover.stableMs)
    throw new ConfigError(
      `MIGRATION_PROGRESS_INTERVAL_MS (${migrationProgressIntervalMs}) must be shorter than CUTOVER_STABLE_MS (${cutover.stableMs}): reads further apart cannot show the shards stayed in sync.`,
    );
  return { migrationProgressIntervalMs, cutover };
}

/**
 * The read cache and the response cache, together: kept responses are retired by the read
 * cache's generations (src/response-cache/plugin.ts), so they need it on.
 */
function parseCaches(env: Env): Pick<GatewayConfig, 'readCacheTtlMs' | 'responseCacheTtlMs'> {
  const readCacheTtlMs = readInteger(env, SETTINGS.READ_CACHE_TTL_MS);
  const responseCacheTtlMs = readInteger(env, SETTINGS.RESPONSE_CACHE_TTL_MS, readCacheTtlMs);
  if (responseCacheTtlMs > 0 && readCacheTtlMs === 0)
    throw new ConfigError(
      `RESPONSE_CACHE_TTL_MS (${responseCacheTtlMs}) needs the read cache on (READ_CACHE_TTL_MS is 0): a mutation retires kept responses through the read cache's generations.`,
    );
  return { readCacheTtlMs, responseCacheTtlMs };
}

/** Reads the environment variables documented in the README; a bad value is a ConfigError naming it. */
export function loadConfig(env: Env = process.env): GatewayConfig {
  const endpoint = parseEndpoint(env);
  const regions = parseRegions(env);
  const host = env.HOST?.trim() || SETTINGS.HOST.default;
  return {
    endpoint,
    regions,
    accounts: parseAccounts(env, regions),
    sts: parseSts(env, endpoint),
    host,
    allowedHosts: parseAllowedHosts(env, host),
    port: readInteger(env, SETTINGS.PORT),
    graphiql: readBoolean(env, SETTINGS.GRAPHIQL, endpoint.kind === 'local'),
    console: readBoolean(env, SETTINGS.CONSOLE_ENABLED),
    compiledExecution: readBoolean(env, SETTINGS.GRAPHQL_COMPILED_EXECUTION),
    logLevel: parseLogLevel(env),
    maxAttempts: readInteger(env, SETTINGS.ELASTICACHE_MAX_ATTEMPTS),
    throttledAttempts: readInteger(env, SETTINGS.ELASTICACHE_THROTTLE_MAX_ATTEMPTS),
    requestTimeoutMs: readInteger(env, SETTINGS.ELASTICACHE_TIMEOUT_MS),
    // The floor keeps a busy dashboard from turning into a stream of AWS calls (they are throttled).
    subscriptionPollIntervalMs: readInteger(env, SETTINGS.SUBSCRIPTION_POLL_INTERVAL_MS),
    ...parseProgressAndCutover(env),
    verificationTimeoutMs: readInteger(env, SETTINGS.VERIFICATION_TIMEOUT_MS),
    readinessVerdictTtlMs: readInteger(env, SETTINGS.READINESS_VERDICT_TTL_MS),
    subscriptionLimits: {
      perConnection: readInteger(env, SETTINGS.SUBSCRIPTIONS_PER_CONNECTION),
      perCaller: readInteger(env, SETTINGS.SUBSCRIPTIONS_PER_CALLER),
    },
    ...parseCaches(env),
    corsOrigins: parseOrigins(env),
    documentLimits: {
      maxTokens: readInteger(env, SETTINGS.GRAPHQL_MAX_TOKENS),
      maxDepth: readInteger(env, SETTINGS.GRAPHQL_MAX_DEPTH),
      maxAliases: readInteger(env, SETTINGS.GRAPHQL_MAX_ALIASES),
      maxDirectives: readInteger(env, SETTINGS.GRAPHQL_MAX_DIRECTIVES),
      maxCost: readInteger(env, SETTINGS.GRAPHQL_MAX_COST),
    },
    maxBodyBytes: readInteger(env, SETTINGS.GRAPHQL_MAX_BODY_BYTES),
    auth: parseAuth(env, endpoint),
    trustedDocuments: parseTrustedDocuments(env),
    redis: parseRedis(env),
    preflight: {
      allowedNetworks: parseNetworks(env, SETTINGS.PREFLIGHT_ALLOWED_NETWORKS.name, NetworkAllowlist.DEFAULT_CIDRS),
      timeoutMs: readInteger(env, SETTINGS.PREFLIGHT_TIMEOUT_MS),
    },
    shutdownTimeoutMs: readInteger(env, SETTINGS.SHUTDOWN_TIMEOUT_MS),
    metricsToken: env.METRICS_TOKEN?.trim() || null,
    tracing: parseTracing(env),
  };
}

/**
 * The OpenTelemetry exporter's own variables, read the way the OTLP specification says: a
 * traces endpoint is used as it is, a general endpoint gets /v1/traces appended.
 * OTEL_SDK_DISABLED=true turns tracing off whatever else is set.
 */
function parseTracing(env: Env): GatewayConfig['tracing'] {
  if (readBoolean(env, SETTINGS.OTEL_SDK_DISABLED)) return null;
  const tracesEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const name = tracesEndpoint ? 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' : 'OTEL_EXPORTER_OTLP_ENDPOINT';
  const value = tracesEndpoint || endpoint;
  if (!value) return null;
  const url = parsedUrl(value);
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new ConfigError(`${name} must be an http:// or https:// URL (OTLP over HTTP), e.g. http://127.0.0.1:4318.`);
  }
  const tracesUrl = tracesEndpoint ? value : `${value.replace(/\/+$/, '')}/v1/traces`;
  return { tracesUrl, serviceName: env.OTEL_SERVICE_NAME?.trim() || SETTINGS.OTEL_SERVICE_NAME.default };
}

/** The URL, or null when `value` is not one. */
function parsedUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

function parseNetworks(env: Env, name: string, fallback: readonly string[]): string[] {
  const listed = env[name]
    ?.split(',')
    .map((cidr) => cidr.trim())
    .filter(Boolean);
  if (!listed?.length) return [...fallback];
  try {
    NetworkAllowlist.parse(listed);
  } catch (error) {
    throw new ConfigError(`${name}: ${(error as Error).message}.`);
  }
  return listed;
}

/** Keys and channels of every gateway sharing one Redis start with this, unless REDIS_KEY_PREFIX says otherwise. */
export const DEFAULT_REDIS_KEY_PREFIX = SETTINGS.REDIS_KEY_PREFIX.default;

function parseRedis(env: Env): GatewayConfig['redis'] {
  const value = env.REDIS_URL?.trim();
  if (!value) return null;
  const url = parsedUrl(value);
  if (!url || !['redis:', 'rediss:'].includes(url.protocol)) {
    // The value is not repeated: it may carry a password.
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379/0.');
  }
  const keyPrefix = env.REDIS_KEY_PREFIX?.trim() || DEFAULT_REDIS_KEY_PREFIX;
  if (!/^[\w.:/-]{1,100}$/.test(keyPrefix)) {
    throw new ConfigError(
      `REDIS_KEY_PREFIX must be 1-100 letters, digits or _ . : / -; got "${keyPrefix.slice(0, 100)}".`,
    );
  }
  return { url: value, keyPrefix };
}

function parseAuth(env: Env, endpoint: EndpointConfig): AuthConfig {
  const url = env.AUTH_JWKS_URL?.trim();
  const file = env.AUTH_JWKS_FILE?.trim();
  const disabled = readBoolean(env, SETTINGS.AUTH_DISABLED);
  if (url && file) throw new ConfigError('Set AUTH_JWKS_URL or AUTH_JWKS_FILE, not both.');
  if (disabled && (url || file)) {
    throw new ConfigError('AUTH_DISABLED=true contradicts AUTH_JWKS_URL / AUTH_JWKS_FILE: choose one.');
  }
  if (disabled) return { mode: 'open', because: 'AUTH_DISABLED' };
  if (!url && !file) {
    if (endpoint.kind === 'local') return { mode: 'open', because: 'local' };
    throw new ConfigError(
      // The URL is not repeated: it may carry credentials.
      `ELASTICACHE_ENDPOINT=${endpoint.kind === 'aws' ? 'aws' : '<URL>'} acts on real groups, so callers must be authenticated: set AUTH_JWKS_URL (or AUTH_JWKS_FILE) with AUTH_ISSUER and AUTH_AUDIENCE, or AUTH_DISABLED=true when a router or proxy in front checks tokens.`,
    );
  }
  const issuer = env.AUTH_ISSUER?.trim();
  const audience = env.AUTH_AUDIENCE?.trim();
  if (!issuer || !audience) {
    throw new ConfigError('AUTH_ISSUER and AUTH_AUDIENCE are required with AUTH_JWKS_URL or AUTH_JWKS_FILE.');
  }
  return {
    mode: 'tokens',
    tokens: {
      keys: url ? { url: parseJwksUrl(url) } : { file: checkJwksFile(file as string) },
      issuer,
      audience,
      scopeClaim: env.AUTH_SCOPE_CLAIM?.trim() || null,
    },
  };
}

/** https, or http to this machine only: keys fetched in clear text from elsewhere could be swapped. */
function parseJwksUrl(value: string): string {
  const url = parsedUrl(value);
  const loopback = url !== null && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))) {
    throw new ConfigError(`AUTH_JWKS_URL must be an https URL (http only to localhost); got "${value}".`);
  }
  return url.toString();
}

function checkJwksFile(file: string): string {
  let keys: unknown;
  try {
    keys = (JSON.parse(readFileSync(file, 'utf8')) as { keys?: unknown }).keys;
  } catch (error) {
    throw new ConfigError(`AUTH_JWKS_FILE "${file}" cannot be read as JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(keys)) throw new ConfigError(`AUTH_JWKS_FILE "${file}" is not a JWKS (no "keys" array).`);
  return file;
}

function parseTrustedDocuments(env: Env): TrustedDocumentsConfig | null {
  const manifestPath = env.TRUSTED_DOCUMENTS?.trim();
  if (!manifestPath) return null;
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new ConfigError(`TRUSTED_DOCUMENTS "${manifestPath}" cannot be read as JSON: ${(error as Error).message}`);
  }
  const entries = manifest && typeof manifest === 'object' && !Array.isArray(manifest) ? Object.entries(manifest) : [];
  if (entries.length === 0 || entries.some(([, document]) => typeof document !== 'string')) {
    throw new ConfigError(
      `TRUSTED_DOCUMENTS "${manifestPath}" must be a persisted-documents manifest: { "<hash>": "<document>", ... }.`,
    );
  }
  return {
    manifestPath,
    // Keyed by the bare hex hash: codegen writes `sha256:<hex>`, Apollo Client sends the bare hex.
    documents: new Map((entries as [string, string][]).map(([id, document]) => [id.replace(/^sha256:/, ''), document])),
    adhocScope: env.TRUSTED_DOCUMENTS_ADHOC_SCOPE?.trim() || SETTINGS.TRUSTED_DOCUMENTS_ADHOC_SCOPE.default,
  };
}

function parseEndpoint(env: Env): EndpointConfig {
  const value = env.ELASTICACHE_ENDPOINT?.trim() || SETTINGS.ELASTICACHE_ENDPOINT.default;
  if (value === 'local') return { kind: 'local', port: readInteger(env, SETTINGS.LOCAL_ENDPOINT_PORT) };
  if (value === 'aws') return { kind: 'aws' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`ELASTICACHE_ENDPOINT must be "local", "aws" or an http(s) URL; got "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`ELASTICACHE_ENDPOINT must be an http(s) URL; got "${value}".`);
  }
  return { kind: 'url', url: url.toString() };
}

function parseAccounts(env: Env, regions: string[]): AwsAccountSetting[] | null {
  const value = env.AWS_ACCOUNTS?.trim();
  if (!value) return null;
  try {
    return parseAwsAccounts(value, regions, (path) => readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof AwsAccountsError) throw new ConfigError(error.message);
    throw error;
  }
}

function parseSts(env: Env, endpoint: EndpointConfig): GatewayConfig['sts'] {
  const value = env.STS_ENDPOINT?.trim();
  if (!value) return endpoint.kind === 'aws' ? { kind: 'aws' } : { kind: 'endpoint' };
  if (value === 'aws') return { kind: 'aws' };
  const url = parsedUrl(value);
  if (!url || !['http:', 'https:'].includes(url.protocol))
    throw new ConfigError(`STS_ENDPOINT must be "aws" or an http(s) URL; got "${value.slice(0, 200)}".`);
  return { kind: 'url', url: url.toString() };
}

function parseRegions(env: Env): string[] {
  const listed = env.ELASTICACHE_REGIONS?.split(',')
    .map((region) => region.trim())
    .filter(Boolean);
  const regions = listed?.length
    ? listed
    : [env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || SETTINGS.AWS_REGION.default];
  const source = listed?.length ? 'ELASTICACHE_REGIONS' : 'AWS_REGION';
  for (const region of regions) {
    if (!isRegionName(region))
      throw new ConfigError(`${source} holds "${region}", which is not an AWS Region name like us-east-1.`);
  }
  return [...new Set(regions)];
}

/** An integer setting within its bounds; its default (or `fallback`, a computed default) when unset. */
function readInteger(env: Env, { name, default: byDefault, min, max }: IntegerSetting, fallback = byDefault): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; got "${raw}".`);
  }
  return value;
}

/** A boolean setting; its default (or `fallback`, a computed default) when unset. */
function readBoolean(env: Env, { name, default: byDefault }: BooleanSetting, fallback = byDefault): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false; got "${env[name]}".`);
}

function parseLogLevel(env: Env): LogLevel {
  const raw = env.LOG_LEVEL?.trim().toLowerCase() || SETTINGS.LOG_LEVEL.default;
  if (!isLogLevel(raw))
    throw new ConfigError(`LOG_LEVEL must be debug, info, warn, error or silent; got "${env.LOG_LEVEL}".`);
  return raw;
}

/**
 * ALLOWED_HOSTS: a DNS-rebinding page reaches the gateway under the attacker's host name, so only
 * the names the gateway is really reached by are served. Listening on loopback, those are known;
 * listening elsewhere, only the operator knows them (or says `*`, e.g. behind a router that checks).
 */
function parseAllowedHosts(env: Env, host: string): string[] | null {
  const value = env.ALLOWED_HOSTS?.trim();
  if (value === '*') return null;
  if (value) {
    const hosts = value.split(',').map((entry) => entry.trim().toLowerCase());
    for (const entry of hosts) {
      if (!/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/.test(entry))
        throw new ConfigError(
          `ALLOWED_HOSTS must be host names or addresses without a port (IPv6 in brackets), comma-separated, or *; got "${entry.slice(0, 100)}".`,
        );
    }
    return hosts;
  }
  const listened = host.includes(':') ? `[${host.toLowerCase()}]` : host.toLowerCase();
  if (isLoopbackHost(host)) return [...new Set([listened, 'localhost', '127.0.0.1', '[::1]'])];
  throw new ConfigError(
    `ALLOWED_HOSTS is required when HOST (${host.slice(0, 100)}) is not a loopback address: the host names clients reach the gateway by, comma-separated (or * when a proxy in front checks them).`,
  );
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function parseOrigins(env: Env): string[] {
  const origins =
    env.CORS_ORIGINS?.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean) ?? [];
  for (const origin of origins) {
    const url = parsedUrl(origin);
    if (!url || url.origin !== origin)
      throw new ConfigError(`CORS_ORIGINS holds "${origin}", which is not an origin like https://console.example.com.`);
  }
  return origins;
}
