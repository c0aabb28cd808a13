import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode, type ExecutionResult } from 'graphql';
import { startLocalEndpoint, type LocalEndpoint, type LocalEndpointOptions } from '../../src/local/index.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { ElastiCacheClients, ElastiCacheClientSettings, SendInterceptor } from '../../src/aws/clients.js';
import { listenGateway, type ListeningGateway } from '../../src/app.js';
import { loadConfig, type GatewayConfig } from '../../src/config.js';
import type { AwsAccountSetting } from '../../src/aws/accounts.js';
import type { RedisConnection } from '../../src/redis/connection.js';
import { buildRuntime } from '../../src/runtime.js';
import type { Gateway, GatewayOptions } from '../../src/server.js';

export interface TestGateway {
  gateway: Gateway;
  endpoint: LocalEndpoint;
  clients: ElastiCacheClients;
  /** The Redis connection of a replica started with `redis`. */
  redis: RedisConnection | null;
  /** Lines the gateway logged, parsed. */
  logs: Record<string, unknown>[];
  execute<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables> | DocumentNode,
    variables?: TVariables,
    /** Extra headers of this request only (e.g. `authorization`). */
    headers?: Record<string, string>,
  ): Promise<ExecutionResult<TResult> & { status: number }>;
  /** Serves the gateway on a free loopback port, as src/app.ts does (HTTP and WebSocket); closed by `close`. */
  listen(): Promise<ListeningGateway>;
  close(): Promise<void>;
}

export interface TestGatewayOptions {
  regions?: string[];
  local?: LocalEndpointOptions;
  /** SDK attempts per call; tests of upstream faults keep it low to stay fast. */
  maxAttempts?: number;
  /** ELASTICACHE_THROTTLE_MAX_ATTEMPTS; `maxAttempts` unless given. */
  throttledAttempts?: number;
  graphiql?: boolean;
  subscriptionPollIntervalMs?: number;
  subscriptionLimits?: GatewayOptions['subscriptionLimits'];
  /** GET /metrics and the metrics behind it. */
  metrics?: GatewayOptions['metrics'];
  /** MIGRATION_PROGRESS_INTERVAL_MS. */
  migrationProgressIntervalMs?: number;
  /** When completeMigration may cut over (CUTOVER_*). */
  cutover?: GatewayOptions['cutover'];
  /** READ_CACHE_TTL_MS; tests run without the cache (0) unless they test it. */
  readCacheTtlMs?: number;
  /** RESPONSE_CACHE_TTL_MS (needs `readCacheTtlMs`); off (0) unless a test tests it. Kept in Redis with `redis`. */
  responseCacheTtlMs?: number;
  corsOrigins?: string[];
  documentLimits?: GatewayOptions['documentLimits'];
  maxBodyBytes?: number;
  auth?: GatewayOptions['auth'];
  trustedDocuments?: GatewayOptions['trustedDocuments'];
  /** Sent with every `execute` (e.g. `authorization`). */
  headers?: Record<string, string>;
  parserCaches?: GatewayOptions['parserCaches'];
  /** The SDK's credentials (default: the local endpoint's documented ones). */
  credentials?: ElastiCacheClientSettings['credentials'];
  /** Around every AWS call the gateway makes (ElastiCacheClients.send). */
  interceptors?: SendInterceptor[];
  /**
   * A replica: serve this running local endpoint (another test gateway's) instead of starting one;
   * it is left running by `close`.
   */
  sharedEndpoint?: LocalEndpoint;
  /** migrationPreflight's allowlist, bound and (injected) network. */
  preflight?: GatewayOptions['preflight'];
  /** REDIS_URL and REDIS_KEY_PREFIX: the read cache and the pollers are shared through this Redis. */
  redis?: { url: string; keyPrefix: string };
  /** VERIFICATION_TIMEOUT_MS. */
  verificationTimeoutMs?: number;
  /** CONSOLE_ENABLED (default on, as the gateway's). */
  console?: boolean;
  /** GRAPHQL_COMPILED_EXECUTION (default on, as the gateway's). */
  compiledExecution?: boolean;
  /** ELASTICACHE_TIMEOUT_MS (default 5 s in the tests). */
  requestTimeoutMs?: number;
  /** AWS_ACCOUNTS (their roles assumed through the local endpoint's STS; declare them in `local.accounts`). */
  accounts?: AwsAccountSetting[];
}

/**
 * The configuration of a test gateway: the gateway's own defaults (loadConfig of an empty
 * environment) with what tests change by default: no read or response cache, two attempts and
 * 5 s per AWS call, no GraphiQL, any Host (tests call `fetch` with a made-up one), open.
 */
function testConfig(regions: string[], options: TestGatewayOptions): GatewayConfig {
  const defaults = loadConfig({});
  const readCacheTtlMs = options.readCacheTtlMs ?? 0;
  return {
    ...defaults,
    regions,
    accounts: options.accounts ?? null,
    allowedHosts: null,
    graphiql: options.graphiql ?? false,
    console: options.console ?? true,
    compiledExecution: options.compiledExecution ?? defaults.compiledExecution,
    maxAttempts: options.maxAttempts ?? 2,
    throttledAttempts: options.throttledAttempts ?? options.maxAttempts ?? 2,
    requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
    readCacheTtlMs,
    responseCacheTtlMs: options.responseCacheTtlMs ?? 0,
    subscriptionPollIntervalMs: options.subscriptionPollIntervalMs ?? defaults.subscriptionPollIntervalMs,
    subscriptionLimits: options.subscriptionLimits ?? defaults.subscriptionLimits,
    migrationProgressIntervalMs: options.migrationProgressIntervalMs ?? defaults.migrationProgressIntervalMs,
    cutover: options.cutover ?? defaults.cutover,
    verificationTimeoutMs: options.verificationTimeoutMs ?? defaults.verificationTimeoutMs,
    corsOrigins: options.corsOrigins ?? [],
    documentLimits: options.documentLimits ?? defaults.documentLimits,
    maxBodyBytes: options.maxBodyBytes ?? defaults.maxBodyBytes,
    auth: options.auth ?? defaults.auth,
    trustedDocuments: options.trustedDocuments ?? null,
    redis: options.redis ?? null,
    metricsToken: options.metrics?.token ?? null,
    tracing: null,
  };
}

/**
 * The real path, in process: the gateway's yoga instance (called through `fetch`, no port) ->
 * the real AWS SDK over HTTP -> the local ElastiCache endpoint on a free loopback port.
 */
export async function startTestGateway(options: TestGatewayOptions = {}): Promise<TestGateway> {
  const regions = options.regions ?? ['us-east-1'];
  const endpoint =
    options.sharedEndpoint ??
    (await startLocalEndpoint({
      region: regions[0],
      seed: 'demo',
      ...options.local,
      migration: { transitionMs: 50, checkTimeoutMs: 3_000, ...options.local?.migration },
    }));
  const logs: Record<string, unknown>[] = [];
  const log: Logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  const {
    clients,
    gateway,
    redis,
    close: closeRuntime,
  } = await buildRuntime(testConfig(regions, options), log, {
    endpoint: endpoint.url,
    credentials: options.credentials ?? endpoint.credentials,
    interceptors: options.interceptors ?? [],
    metrics: options.metrics?.metrics ?? null,
    connectionTimeoutMs: 2_000,
    ...(options.preflight ? { preflight: options.preflight } : {}),
    ...(options.parserCaches ? { parserCaches: options.parserCaches } : {}),
  });

  const listening: ListeningGateway[] = [];
  return {
    gateway,
    endpoint,
    clients,
    redis,
    logs,
    async listen() {
      const served = await listenGateway(gateway, log, 0, '127.0.0.1');
      listening.push(served);
      return served;
    },
    async execute(document, variables, headers) {
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json',
          ...options.headers,
          ...headers,
        },
        body: JSON.stringify({ query: print(document), variables }),
      });
      const body = (await response.json()) as ExecutionResult<never>;
      return { ...body, status: response.status };
    },
    async close() {
      await Promise.all(listening.map((served) => served.close()));
      await closeRuntime();
      if (!options.sharedEndpoint) await endpoint.close();
    },
  };
}
