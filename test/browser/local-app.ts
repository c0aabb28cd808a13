import { startApp, type RunningApp } from '../../src/app.js';
import type { GatewayConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

/**
 * The whole app as `npm start` runs it with the local endpoint (demo data: orders-cache), on free
 * loopback ports, GraphiQL on.
 */
export const LOCAL_GRAPHIQL_CONFIG: GatewayConfig = {
  endpoint: { kind: 'local', port: 0 },
  regions: ['us-east-1'],
  host: '127.0.0.1',
  port: 0,
  graphiql: true,
  logLevel: 'silent',
  maxAttempts: 3,
  requestTimeoutMs: 10_000,
  // The smallest interval the configuration accepts: subscriptions push changes within a second.
  subscriptionPollIntervalMs: 1_000,
  corsOrigins: [],
};

export function startLocalApp(): Promise<RunningApp> {
  return startApp(LOCAL_GRAPHIQL_CONFIG, createLogger('silent'));
}
