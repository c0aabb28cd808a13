import { GraphQLError } from 'graphql';
import { createYoga, useExecutionCancellation, type YogaServerInstance } from 'graphql-yoga';
import { callerIdentity, openIdentity } from './auth/identity-plugin.js';
import { createTokenVerifier } from './auth/token-verifier.js';
import { useTrustedDocuments } from './auth/trusted-documents.js';
import {
  DEFAULT_SUBSCRIPTION_LIMITS,
  type AuthConfig,
  type SubscriptionLimits,
  type TrustedDocumentsConfig,
} from './config.js';
import { useCompiledExecution } from './execution/compiled-execution.js';
import { useDomainErrors } from './graphql-errors.js';
import { SETTINGS } from './settings.js';
import type { GatewayContext } from './context.js';
import {
  boundedParserCaches,
  DEFAULT_DOCUMENT_LIMITS,
  useDocumentLimits,
  type DocumentLimits,
} from './document-limits.js';
import {
  hostAllowed,
  useAllowedHosts,
  useBodyLimit,
  useJsonOnlyPosts,
  useReadableQueryParameters,
  useSameOriginUnlessListed,
} from './http-guards.js';
import type { Logger } from './logger.js';
import type { ElastiCacheClients } from './aws/clients.js';
import { offlineGraphiQL } from './graphiql/plugin.js';
import { useConsole } from './console/plugin.js';
import { schema } from './schema/index.js';
import { GroupWatchers } from './subscriptions/group-watchers.js';
import { DEFAULT_MIGRATION_PROGRESS_INTERVAL_MS, ProgressWatchers } from './subscriptions/progress-watchers.js';
import { useRequestScope } from './observability/requests.js';
import { DEFAULT_VERDICT_TTL_MS, HEALTH_PATH, READINESS_PATH, Readiness, useReadiness } from './readiness.js';
import { METRICS_PATH, type GatewayMetrics } from './metrics.js';
import { OperationLabels } from './observability/operation-labels.js';
import type { PollCoordination } from './subscriptions/poll-coordination.js';
import { NetworkAllowlist } from './preflight/network-allowlist.js';
import { InfoConnections } from './progress/info-connections.js';
import { DEFAULT_CUTOVER_RULE, MigrationProgressReader, type CutoverRule } from './progress/progress-reader.js';
import type { MigrationCheckOptions } from './preflight/requirements.js';
import { useApolloMultipartSubscriptions } from './transports/apollo-multipart.js';
import { useSingleConnectionSse } from './transports/sse-single-connection.js';
import type { Caller } from './auth/caller.js';
import { useGatewayResponseCache } from './response-cache/plugin.js';
import { useSharedPushExecution } from './subscriptions/shared-execution.js';
import type { ResponseStore } from './response-cache/store.js';

export interface GatewayOptions {
  clients: ElastiCacheClients;
  log: Logger;
  /** Serve GraphiQL on GET /graphql from a browser. */
  graphiql: boolean;
  /** CONSOLE_ENABLED: serve the migration console on GET /console (default on). */
  console?: boolean;
  /** GRAPHQL_COMPILED_EXECUTION: graphql-jit where it answers as graphql-js (default on). */
  compiledExecution?: boolean;
  /** Time between polls of a subscribed group (default 5 s). */
  subscriptionPollIntervalMs?: number;
  /** Subscriptions open at once per connection and per caller (default DEFAULT_SUBSCRIPTION_LIMITS). */
  subscriptionLimits?: SubscriptionLimits;
  /** Who polls which subscribed group when replicas share a Redis; this process alone when omitted. */
  pollCoordination?: PollCoordination;
  /** ALLOWED_HOSTS: Host header names served (421 for others); null or omitted: any. */
  allowedHosts?: readonly string[] | null;
  /** Browser origins allowed to call the gateway cross-origin (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** Token, depth, alias, directive and cost limits of incoming documents (defaults: DEFAULT_DOCUMENT_LIMITS). */
  documentLimits?: DocumentLimits;
  /** Largest request body, in bytes (default GRAPHQL_MAX_BODY_BYTES's). */
  maxBodyBytes?: number;
  /** Bearer tokens checked, or none (default: open, as for the local endpoint). */
  auth?: AuthConfig;
  /** Only the manifest's documents run (TRUSTED_DOCUMENTS); any document when absent. */
  trustedDocuments?: TrustedDocumentsConfig | null;
  /** Where migrationPreflight may connect and how long it may take (default: private ranges and loopback, 5 s). */
  preflight?: Partial<MigrationCheckOptions>;
  /** GET /metrics and the request metrics (the AWS-call ones hang on the clients); none when omitted. */
  metrics?: { metrics: GatewayMetrics; token: string | null };
  /** MIGRATION_PROGRESS_INTERVAL_MS: between two progress reads of a subscribed group (default 1 s). */
  migrationProgressIntervalMs?: number;
  /** CUTOVER_MAX_BYTES_BEHIND and CUTOVER_STABLE_MS: when completeMigration may cut over (default DEFAULT_CUTOVER_RULE). */
  cutover?: CutoverRule;
  /** VERIFICATION_TIMEOUT_MS: how long migrationVerification may compare (default 60 s). */
  verificationTimeoutMs?: number;
  /** READINESS_VERDICT_TTL_MS: how long one /readiness verdict is reused (default 5 s). */
  readinessVerdictTtlMs?: number;
  /** REDIS_URL: reported by /readiness when configured. */
  redis?: { ping(): Promise<unknown> } | null;
  /**
   * RESPONSE_CACHE_TTL_MS and where responses are kept (memory, or Redis for every replica);
   * none when omitted. Needs the clients' read cache, whose generations retire kept responses.
   */
  responseCache?: { ttlMs: number; store: ResponseStore } | null;
  /** yoga's parse caches; bounded by size unless given (tests pass their own to look inside). */
  parserCaches?: ReturnType<typeof boundedParserCaches>;
}

export const GRAPHQL_PATH = '/graphql';

/**
 * The yoga instance, plus what the transports outside it (GraphQL over WebSocket, served beside
 * the HTTP server) need to apply the same rules: the caller check and the body bound.
 */
export type Gateway = YogaServerInstance<Record<string, unknown>, GatewayContext> & {
  readonly authenticate: (authorization: string | null) => Promise<Caller>;
  readonly maxBodyBytes: number;
  readonly subscriptionLimits: SubscriptionLimits;
  /** Whether a Host header is one ALLOWED_HOSTS serves (the WebSocket upgrade asks too). */
  readonly allowsHost: (hostHeader: string | undefined) => boolean;
  /** GET /readiness, and the drain that turns it off (src/app.ts). */
  readonly readiness: Readiness;
  /** The live views of groups behind subscriptions (counts of watches and subscriptions). */
  readonly watchers: GroupWatchers;
  /** Ends every subscription stream cleanly and gives up poller leases (the drain). */
  readonly endSubscriptions: () => void;
};

/**
 * The yoga instance, built here and listened on by src/index.ts, so tests can call
 * `gateway.fetch` without a port.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const { clients, log } = options;
  const auth = options.auth ?? { mode: 'open', because: 'local' };
  const graphiql = options.graphiql ? offlineGraphiQL({ tokensRequired: auth.mode === 'tokens' }) : null;
  const identity =
    auth.mode === 'tokens'
      ? callerIdentity(
          createTokenVerifier(auth.tokens, log, {
            ...(options.metrics ? { onAccepted: options.metrics.metrics.onTokenAccepted } : {}),
          }),
        )
      : null;
  const { callerOf, authenticate } = identity ?? openIdentity;
  const maxBodyBytes = options.maxBodyBytes ?? SETTINGS.GRAPHQL_MAX_BODY_BYTES.default;
  const allowedHosts = options.allowedHosts ?? null;
  const subscriptionLimits = options.subscriptionLimits ?? DEFAULT_SUBSCRIPTION_LIMITS;
  const preflight: MigrationCheckOptions = {
    allowlist: options.preflight?.allowlist ?? NetworkAllowlist.parse(NetworkAllowlist.DEFAULT_CIDRS),
    timeoutMs: options.preflight?.timeoutMs ?? SETTINGS.PREFLIGHT_TIMEOUT_MS.default,
    ...(options.preflight?.network ? { network: options.preflight.network } : {}),
  };
  const verification = { timeoutMs: options.verificationTimeoutMs ?? SETTINGS.VERIFICATION_TIMEOUT_MS.default };
  const readiness = new Readiness({
    clients,
    redis: options.redis ?? null,
    verdictTtlMs: options.readinessVerdictTtlMs ?? DEFAULT_VERDICT_TTL_MS,
  });
  const progress = new MigrationProgressReader(
    new InfoConnections(preflight),
    clients,
    options.cutover ?? DEFAULT_CUTOVER_RULE,
  );
  const watchers = new GroupWatchers({
    clients,
    log,
    intervalMs: options.subscriptionPollIntervalMs ?? SETTINGS.SUBSCRIPTION_POLL_INTERVAL_MS.default,
    coordination: options.pollCoordination,
    maxPerCaller: subscriptionLimits.perCaller,
  });
  const progressWatchers = new ProgressWatchers({
    clients,
    reader: progress,
    log,
    coordination: watchers.coordination,
    intervalMs: options.migrationProgressIntervalMs ?? DEFAULT_MIGRATION_PROGRESS_INTERVAL_MS,
    hold: (caller) => watchers.hold(caller),
  });
  const responseCache = responseCachePlugin(options, callerOf);
  options.metrics?.metrics.observeSubscriptions(watchers);
  options.metrics?.metrics.observeMigrations(progressWatchers);
  const yoga: YogaServerInstance<Record<string, unknown>, GatewayContext> = createYoga<
    Record<string, unknown>,
    GatewayContext
  >({
    schema,
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: HEALTH_PATH,
    landingPage: false,
    // GraphiQL comes from the gateway itself (yoga's default loads it from a CDN).
    graphiql: graphiql?.options ?? false,
    ...(graphiql ? { renderGraphiQL: graphiql.render } : {}),
    // Same-origin only unless origins are listed: the gateway acts with its own AWS credentials.
    cors: options.corsOrigins?.length ? { origin: [...options.corsOrigins], credentials: true } : false,
    parserAndValidationCache: options.parserCaches ?? boundedParserCaches(),
    // GRAPHQL_MAX_BODY_BYTES is useBodyLimit's, last of the plugins below (where yoga's would be).
    maxRequestBodySize: false,
    plugins: [
      useAllowedHosts(allowedHosts, [HEALTH_PATH, READINESS_PATH, METRICS_PATH]),
      useRequestScope(),
      useReadiness(readiness),
      ...(options.metrics
        ? options.metrics.metrics.plugins({
            token: options.metrics.token,
            operations: new OperationLabels(options.trustedDocuments?.documents.values()),
            graphqlPath: GRAPHQL_PATH,
          })
        : []),
      useJsonOnlyPosts(),
      useReadableQueryParameters(),
      useSameOriginUnlessListed(options.corsOrigins ?? []),
      // Subscription transports beyond yoga's own SSE (distinct connections): graphql-sse's
      // single-connection mode (it authenticates its stream requests itself) and Apollo's
      // multipart subscriptions. GraphQL over WebSocket is served beside (src/transports/websocket.ts).
      useSingleConnectionSse({
        path: GRAPHQL_PATH,
        authenticate,
        fetch: async (request) => yoga.fetch(request),
        maxBodyBytes,
        streamsPerCaller: subscriptionLimits.perCaller,
        operationsPerStream: subscriptionLimits.perConnection,
      }),
      useApolloMultipartSubscriptions(),
      // Identity first: an unauthenticated request is answered before its body is parsed.
      ...(identity ? [identity.plugin] : []),
      ...(options.trustedDocuments ? [useTrustedDocuments(options.trustedDocuments, callerOf)] : []),
      useExecutionCancellation(),
      // Before yoga's masking (which runs after every plugin here): domain errors become the
      // GraphQL errors a client sees, rather than "Unexpected error".
      useDomainErrors(),
      useDocumentLimits(options.documentLimits ?? DEFAULT_DOCUMENT_LIMITS),
      ...(options.compiledExecution === false
        ? []
        : [useCompiledExecution(options.metrics ? { onExecution: options.metrics.metrics.onExecution } : {})]),
      useSharedPushExecution(options.metrics ? { onPush: options.metrics.metrics.onPush } : {}),
      ...(graphiql ? [graphiql.plugin] : []),
      ...(options.console === false
        ? []
        : [
            useConsole({
              graphqlPath: GRAPHQL_PATH,
              auth: auth.mode,
              scopeClaim: auth.mode === 'tokens' ? auth.tokens.scopeClaim : null,
              pollIntervalMs: options.subscriptionPollIntervalMs ?? SETTINGS.SUBSCRIPTION_POLL_INTERVAL_MS.default,
              regions: clients.regions,
            }),
          ]),
      // Last of the plugins that see the operation: it answers from the cache after the caller, the
      // trusted document and the limits were checked, and it wraps the execution that every plugin
      // before it has set up.
      ...(responseCache ? [responseCache] : []),
      // After every plugin that may choose the request parser: it bounds whichever was chosen.
      useBodyLimit(maxBodyBytes),
      {
        onDispose: () => {
          watchers.dispose();
          progressWatchers.dispose();
          progress.close();
        },
      },
    ],
    logging: {
      debug: (...args) => log.debug(String(args[0]), { details: args.slice(1).map(String) }),
      info: (...args) => log.info(String(args[0]), { details: args.slice(1).map(String) }),
      warn: (...args) => log.warn(String(args[0]), { details: args.slice(1).map(String) }),
      error: (...args) => log.error(String(args[0]), { details: args.slice(1).map(String) }),
    },
    context: ({ request }) => ({
      clients,
      log,
      watchers,
      progress,
      progressWatchers,
      preflight,
      verification,
      caller: callerOf(request),
      signal: request.signal,
      partialFailures: [],
    }),
    maskedErrors: { maskError: (error) => maskError(error, log) },
  });
  return Object.assign(yoga, {
    authenticate,
    maxBodyBytes,
    subscriptionLimits,
    allowsHost: (hostHeader: string | undefined) => hostAllowed(hostHeader, allowedHosts),
    readiness,
    watchers,
    endSubscriptions: () => {
      watchers.dispose();
      progressWatchers.dispose();
    },
  });
}

function responseCachePlugin(options: GatewayOptions, callerOf: (request: Request) => Caller) {
  const { responseCache, clients } = options;
  if (!responseCache || responseCache.ttlMs <= 0) return null;
  if (!clients.cachesReads) throw new Error('The response cache needs the read cache on (READ_CACHE_TTL_MS > 0)');
  return useGatewayResponseCache(schema, {
    ttlMs: responseCache.ttlMs,
    store: responseCache.store,
    generation: () => clients.cacheGeneration(),
    invalidateAll: () => clients.invalidateAll(),
    callerOf,
    ...(options.metrics ? { onEvent: options.metrics.metrics.onResponseCache } : {}),
  });
}

/**
 * yoga's request errors carry `extensions.originalError`, and for invalid JSON its message is
 * the parser's, which quotes the body: what a caller sent, or how the server failed, is never
 * sent back. Only its name stays (yoga reads its presence to answer 400 rather than 200).
 */
function withoutOriginalError(error: GraphQLError): GraphQLError {
  const extensions = error.extensions as Record<string, unknown>;
  const original = extensions['originalError'] as { name?: unknown } | undefined;
  if (original && typeof original === 'object')
    extensions['originalError'] = {
      name: typeof original.name === 'string' ? original.name : 'Error',
      message: error.message,
    };
  return error;
}

/**
 * GraphQLErrors the gateway raises on purpose (bad arguments, refusals, and the data layer's
 * domain errors once useDomainErrors has turned them into GraphQL errors) carry a safe message and
 * a stable `extensions.code`, and reach the client as they are; AWS faults were already sorted by
 * the fault policy (src/aws/faults.ts). Anything else is a bug: the client sees a generic message,
 * the log gets the details.
 */
function maskError(error: unknown, log: Logger): Error {
  if (error instanceof GraphQLError) {
    const original = error.originalError;
    if (!original || original instanceof GraphQLError) return withoutOriginalError(error);
    log.error('Unexpected error in a resolver', {
      path: error.path?.join('.'),
      error: original.name,
      reason: original.message,
      stack: original.stack,
    });
    return new GraphQLError('Unexpected error.', {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  }
  log.error('Unexpected error outside a resolver', { reason: error instanceof Error ? error.message : String(error) });
  return new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
