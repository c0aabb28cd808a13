import { randomBytes } from 'node:crypto';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayConfig } from './config.js';
import type { LocalEndpoint } from './local/index.js';
import type { Logger } from './logger.js';
import { originFormTargets } from './http-guards.js';
import { withoutCredentials } from './masked-url.js';
import { GatewayMetrics } from './metrics.js';
import { awsCallLog, observedRequests } from './observability/requests.js';
import { awsCallSpans } from './observability/tracing.js';
import { buildRuntime } from './runtime.js';
import { GRAPHQL_PATH, type Gateway } from './server.js';
import { serveGraphQLOverWebSocket } from './transports/websocket.js';

export interface RunningApp {
  /** e.g. http://127.0.0.1:4000/graphql */
  graphqlUrl: string;
  gateway: Gateway;
  /** The in-process local endpoint, when ELASTICACHE_ENDPOINT=local. */
  localEndpoint: LocalEndpoint | null;
  /**
   * SIGTERM: readiness answers 503, no new connection is accepted, subscription streams end with
   * a clean completion (poller leases given up), requests in flight finish (at most `timeoutMs`),
   * then everything closes. True when every request finished in time.
   */
  drain(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Starts the backend the configuration names, the runtime (src/runtime.ts) and the HTTP server. */
export async function startApp(config: GatewayConfig, log: Logger): Promise<RunningApp> {
  logWhoMayCall(config, log);
  // Loaded only when asked for: a gateway in front of AWS carries none of the emulator's code
  // (nor its Redis client and XML parser).
  const localEndpoint =
    config.endpoint.kind === 'local'
      ? await (
          await import('./local/index.js')
        ).startLocalEndpoint({
          port: config.endpoint.port,
          host: '127.0.0.1',
          region: config.regions[0],
          seed: 'demo',
          // Known to this process alone: the endpoint acts for nobody else who reaches its port.
          credentials: randomCredentials(),
          // Each account of AWS_ACCOUNTS exists there, with the demo data, its roles assumable.
          accounts: (config.accounts ?? []).map(({ accountId, externalId }) => ({ accountId, externalId })),
        })
      : null;

  const metrics = new GatewayMetrics();
  const endpoint = localEndpoint?.url ?? (config.endpoint.kind === 'url' ? config.endpoint.url : undefined);
  const {
    clients,
    gateway,
    close: closeRuntime,
  } = await buildRuntime(config, log, {
    endpoint,
    ...(localEndpoint ? { credentials: localEndpoint.credentials } : {}),
    // Outermost first: the span holds the log line's call, the metric (innermost) the bare call.
    interceptors: [awsCallSpans, awsCallLog(log)],
    metrics,
  });
  const accounts = clients.servedAccountIds();
  log.info(
    `ElastiCache endpoint: ${describeEndpoint(config, localEndpoint)}; regions: ${config.regions.join(', ')} (default ${clients.defaultRegion})${accounts.length ? `; accounts: ${accounts.join(', ')}` : ''}`,
    {
      endpoint: config.endpoint.kind,
      endpointUrl: endpoint ? withoutCredentials(endpoint) : 'aws',
      regions: config.regions,
      ...(accounts.length ? { accounts } : {}),
    },
  );

  const listening = await listenGateway(gateway, log, config.port, config.host);
  const { graphqlUrl } = listening;
  log.info(`GraphQL gateway listening on ${graphqlUrl}${config.graphiql ? ' (GraphiQL on)' : ''}`, { url: graphqlUrl });

  const close = async () => {
    await listening.close();
    await closeRuntime();
    await localEndpoint?.close();
  };
  return {
    graphqlUrl,
    gateway,
    localEndpoint,
    async drain(timeoutMs) {
      gateway.readiness.startDraining();
      const finished = listening.drain(timeoutMs);
      gateway.endSubscriptions();
      const inTime = await finished;
      log.info(inTime ? 'Drained: every request finished' : `Drain timed out after ${timeoutMs} ms`, { inTime });
      await close();
      return inTime;
    },
    close,
  };
}

function randomCredentials() {
  return {
    accessKeyId: `LOCAL${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  };
}

/** The first line the gateway logs says who may call it: an open gateway says so loudly. */
function logWhoMayCall(config: GatewayConfig, log: Logger): void {
  const { auth, trustedDocuments } = config;
  const documents = trustedDocuments
    ? `; only the ${trustedDocuments.documents.size} trusted documents of ${trustedDocuments.manifestPath} run (ad-hoc ones need ${trustedDocuments.adhocScope})`
    : '';
  if (auth.mode === 'tokens') {
    const { tokens } = auth;
    const keys = 'url' in tokens.keys ? tokens.keys.url : tokens.keys.file;
    log.info(
      `Authentication on: bearer tokens of ${tokens.issuer} for ${tokens.audience}, keys from ${keys}${documents}`,
      { auth: 'tokens', issuer: tokens.issuer, audience: tokens.audience, jwks: keys },
    );
    return;
  }
  log.warn(
    auth.because === 'local'
      ? `Authentication off: anyone who reaches the port may read and migrate (the built-in local endpoint; set AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE to require tokens)${documents}`
      : `Authentication off (AUTH_DISABLED=true): the router or proxy in front must check every caller's token${documents}`,
    { auth: 'open', because: auth.because },
  );
}

function describeEndpoint(config: GatewayConfig, localEndpoint: LocalEndpoint | null): string {
  if (localEndpoint) return `local (built-in, ${localEndpoint.url}, demo data)`;
  if (config.endpoint.kind === 'url') return withoutCredentials(config.endpoint.url);
  return 'AWS (default credential chain)';
}

export interface ListeningGateway {
  /** e.g. http://127.0.0.1:4000/graphql; the same URL with ws: serves GraphQL over WebSocket. */
  graphqlUrl: string;
  server: Server;
  /** Stops accepting new connections and waits (at most `timeoutMs`) for the requests in flight; true when they all finished. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Stops accepting, closes WebSockets and open connections. */
  close(): Promise<void>;
}

/** The HTTP server: yoga for every HTTP transport, and GraphQL over WebSocket on the same path. */
export async function listenGateway(
  gateway: Gateway,
  log: Logger,
  port: number,
  host: string,
): Promise<ListeningGateway> {
  const server = createServer(
    originFormTargets(observedRequests(gateway, log, GRAPHQL_PATH), (error) =>
      log.error('Unexpected error serving a request', {
        reason: error instanceof Error ? error.message : String(error),
      }),
    ),
  );
  const webSocket = serveGraphQLOverWebSocket(server, GRAPHQL_PATH, {
    fetch: (request) => gateway.fetch(request),
    authenticate: gateway.authenticate,
    allowsHost: gateway.allowsHost,
    subscriptionsPerConnection: gateway.subscriptionLimits.perConnection,
    maxPayloadBytes: gateway.maxBodyBytes,
    log,
  });
  // Requests in flight, for the drain: a response that finished or whose client left is done.
  let inFlight = 0;
  const idle = new Set<() => void>();
  server.on('request', (_request, response: ServerResponse) => {
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) for (const resolve of idle) resolve();
    });
  });
  await listen(server, port, host);
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    graphqlUrl: `http://${shownHost}:${address.port}${GRAPHQL_PATH}`,
    server,
    async drain(timeoutMs) {
      server.close();
      // Keep-alive connections take no new request once this one is answered.
      server.closeIdleConnections();
      if (inFlight === 0) return true;
      let timer: NodeJS.Timeout | undefined;
      const done = await Promise.race([
        new Promise<boolean>((resolve) => idle.add(() => resolve(true))),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
      ]);
      clearTimeout(timer);
      return done;
    },
    async close() {
      await webSocket.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
