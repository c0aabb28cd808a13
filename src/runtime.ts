import {
  DEFAULT_CLIENT_SETTINGS,
  ElastiCacheClients,
  type ElastiCacheClientSettings,
  type SendInterceptor,
} from './aws/clients.js';
import type { GatewayConfig } from './config.js';
import type { Logger } from './logger.js';
import { withoutCredentials } from './masked-url.js';
import type { GatewayMetrics } from './metrics.js';
import { NetworkAllowlist } from './preflight/network-allowlist.js';
import type { MigrationCheckOptions } from './preflight/requirements.js';
import type { RedisConnection } from './redis/connection.js';
import { MemoryResponseStore, type ResponseStore } from './response-cache/store.js';
import { createGateway, type Gateway, type GatewayOptions } from './server.js';
import type { PollCoordination } from './subscriptions/poll-coordination.js';
import type { ReadCache } from './aws/read-cache.js';

/**
 * The composition root: from a configuration, the runtime every entry point serves — the SDK
 * clients (with the read cache, in Redis when REDIS_URL is set), the Redis connection shared by
 * replicas, and the gateway. `npm start` (src/app.ts), the tests (test/support/gateway.ts) and the
 * benches build it here; they differ only in the configuration and in the parts below.
 */
export interface RuntimeParts {
  /** Where the SDK sends its calls (the local endpoint, or ELASTICACHE_ENDPOINT's URL); AWS when omitted. */
  endpoint?: string | undefined;
  /** The SDK's credentials; the default chain when omitted. */
  credentials?: ElastiCacheClientSettings['credentials'];
  /** Around every AWS call, outermost first (the metrics' own goes innermost). */
  interceptors?: readonly SendInterceptor[];
  /** GET /metrics (guarded by METRICS_TOKEN) and the metrics of requests and AWS calls; none when omitted. */
  metrics?: GatewayMetrics | null;
  /** Bound of a TCP connection to ElastiCache (default 3 s). */
  connectionTimeoutMs?: number;
  /** migrationPreflight's parts beyond its configuration (tests inject the network). */
  preflight?: Partial<MigrationCheckOptions>;
  /** yoga's parse caches (tests pass their own to look inside). */
  parserCaches?: GatewayOptions['parserCaches'];
}

export interface Runtime {
  clients: ElastiCacheClients;
  gateway: Gateway;
  /** The connection to REDIS_URL, when set. */
  redis: RedisConnection | null;
  /** Ends the gateway, the clients and the Redis connection (not the endpoint: not ours). */
  close(): Promise<void>;
}

export async function buildRuntime(config: GatewayConfig, log: Logger, parts: RuntimeParts = {}): Promise<Runtime> {
  const shared = config.redis ? await connectRedis(config.redis, config, log) : null;
  const metrics = parts.metrics ?? null;
  const stsEndpoint =
    config.sts.kind === 'url' ? config.sts.url : config.sts.kind === 'endpoint' ? parts.endpoint : undefined;
  const clients = new ElastiCacheClients(config.regions, {
    ...(config.accounts ? { accounts: config.accounts, stsEndpoint } : {}),
    ...DEFAULT_CLIENT_SETTINGS,
    ...(parts.connectionTimeoutMs ? { connectionTimeoutMs: parts.connectionTimeoutMs } : {}),
    interceptors: [...(parts.interceptors ?? []), ...(metrics ? [metrics.interceptor] : [])],
    ...(metrics ? { onRead: metrics.onRead, onAssumeRole: metrics.onAssumeRole } : {}),
    maxAttempts: config.maxAttempts,
    throttledAttempts: config.throttledAttempts,
    requestTimeoutMs: config.requestTimeoutMs,
    readCacheTtlMs: config.readCacheTtlMs,
    ...(shared?.readCache ? { readCache: shared.readCache } : {}),
    log,
    ...(parts.endpoint ? { endpoint: parts.endpoint } : {}),
    ...(parts.credentials ? { credentials: parts.credentials } : {}),
  });
  const gateway = createGateway({
    clients,
    log,
    graphiql: config.graphiql,
    console: config.console,
    compiledExecution: config.compiledExecution,
    subscriptionPollIntervalMs: config.subscriptionPollIntervalMs,
    subscriptionLimits: config.subscriptionLimits,
    cutover: config.cutover,
    migrationProgressIntervalMs: config.migrationProgressIntervalMs,
    verificationTimeoutMs: config.verificationTimeoutMs,
    readinessVerdictTtlMs: config.readinessVerdictTtlMs,
    responseCache:
      config.responseCacheTtlMs > 0
        ? { ttlMs: config.responseCacheTtlMs, store: shared?.responseStore ?? new MemoryResponseStore() }
        : null,
    ...(shared
      ? { pollCoordination: shared.pollCoordination, redis: { ping: () => shared.connection.commands.ping() } }
      : {}),
    corsOrigins: config.corsOrigins,
    allowedHosts: config.allowedHosts,
    documentLimits: config.documentLimits,
    maxBodyBytes: config.maxBodyBytes,
    auth: config.auth,
    trustedDocuments: config.trustedDocuments,
    ...(metrics ? { metrics: { metrics, token: config.metricsToken } } : {}),
    preflight: {
      allowlist: NetworkAllowlist.parse(config.preflight.allowedNetworks),
      timeoutMs: config.preflight.timeoutMs,
      ...parts.preflight,
    },
    ...(parts.parserCaches ? { parserCaches: parts.parserCaches } : {}),
  });
  return {
    clients,
    gateway,
    redis: shared?.connection ?? null,
    async close() {
      await gateway.dispose();
      clients.destroy();
      await shared?.connection.close();
    },
  };
}

interface SharedByReplicas {
  connection: RedisConnection;
  readCache: ReadCache | null;
  pollCoordination: PollCoordination;
  responseStore: ResponseStore;
}

/**
 * REDIS_URL: the read cache, poller leases and subscription fan-out shared by replicas. The
 * gateway starts whether or not Redis answers: until it does, it serves from AWS and memory.
 * (Loaded only when configured: a gateway without Redis carries none of its client.)
 */
async function connectRedis(
  settings: { url: string; keyPrefix: string },
  { readCacheTtlMs, requestTimeoutMs }: Pick<GatewayConfig, 'readCacheTtlMs' | 'requestTimeoutMs'>,
  log: Logger,
): Promise<SharedByReplicas> {
  const { RedisConnection } = await import('./redis/connection.js');
  const { RedisReadCache } = await import('./redis/read-cache.js');
  const { RedisPollCoordination } = await import('./redis/poll-coordination.js');
  const { RedisResponseStore } = await import('./redis/response-store.js');
  const connection = new RedisConnection(settings, log);
  const reachable = await connection.connected();
  log.info(
    `Redis shared by replicas: ${withoutCredentials(settings.url)} (keys ${settings.keyPrefix}*)${reachable ? '' : ', not reachable yet'}`,
    { redis: withoutCredentials(settings.url), keyPrefix: settings.keyPrefix, reachable },
  );
  return {
    connection,
    readCache:
      readCacheTtlMs > 0 ? new RedisReadCache(connection, readCacheTtlMs, { log, maxWaitMs: requestTimeoutMs }) : null,
    pollCoordination: new RedisPollCoordination(connection),
    responseStore: new RedisResponseStore(connection, log),
  };
}
