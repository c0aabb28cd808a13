import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode, type ExecutionResult } from 'graphql';
import { startLocalEndpoint, type LocalEndpoint, type LocalEndpointOptions } from '../../src/local/index.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { ElastiCacheClients, type ElastiCacheClientSettings, type SendInterceptor } from '../../src/aws/clients.js';
import { listenGateway, type ListeningGateway } from '../../src/app.js';
import { RedisConnection } from '../../src/redis/connection.js';
import { RedisPollCoordination } from '../../src/redis/poll-coordination.js';
import { RedisReadCache } from '../../src/redis/read-cache.js';
import { RedisResponseStore } from '../../src/redis/response-store.js';
import { MemoryResponseStore } from '../../src/response-cache/store.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/server.js';

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
  const redis = options.redis ? new RedisConnection(options.redis, log) : null;
  if (redis) await redis.connected();
  const readCacheTtlMs = options.readCacheTtlMs ?? 0;
  const clients = new ElastiCacheClients(regions, {
    log,
    endpoint: endpoint.url,
    credentials: options.credentials ?? endpoint.credentials,
    maxAttempts: options.maxAttempts ?? 2,
    ...(options.throttledAttempts ? { throttledAttempts: options.throttledAttempts } : {}),
    connectionTimeoutMs: 2_000,
    requestTimeoutMs: 5_000,
    interceptors: options.interceptors ?? [],
    readCacheTtlMs,
    ...(redis && readCacheTtlMs > 0
      ? { readCache: new RedisReadCache(redis, readCacheTtlMs, { log, maxWaitMs: 5_000 }) }
      : {}),
  });
  const gateway = createGateway({
    clients,
    log,
    graphiql: options.graphiql ?? false,
    subscriptionPollIntervalMs: options.subscriptionPollIntervalMs,
    subscriptionLimits: options.subscriptionLimits,
    ...(options.cutover ? { cutover: options.cutover } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
    ...(options.migrationProgressIntervalMs
      ? { migrationProgressIntervalMs: options.migrationProgressIntervalMs }
      : {}),
    ...(options.verificationTimeoutMs ? { verificationTimeoutMs: options.verificationTimeoutMs } : {}),
    ...(options.console === false ? { console: false } : {}),
    ...(redis ? { pollCoordination: new RedisPollCoordination(redis) } : {}),
    corsOrigins: options.corsOrigins,
    documentLimits: options.documentLimits,
    maxBodyBytes: options.maxBodyBytes,
    auth: options.auth,
    trustedDocuments: options.trustedDocuments,
    parserCaches: options.parserCaches,
    preflight: options.preflight,
    ...(options.responseCacheTtlMs
      ? {
          responseCache: {
            ttlMs: options.responseCacheTtlMs,
            store: redis ? new RedisResponseStore(redis, log) : new MemoryResponseStore(),
          },
        }
      : {}),
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
      await gateway.dispose();
      clients.destroy();
      await redis?.close();
      if (!options.sharedEndpoint) await endpoint.close();
    },
  };
}
