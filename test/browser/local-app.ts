import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig, type GatewayConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

/**
 * The whole app as `npm start` runs it with the local endpoint (demo data: orders-cache), on free
 * loopback ports, GraphiQL on.
 */
export const LOCAL_GRAPHIQL_CONFIG: GatewayConfig = loadConfig({
  PORT: '0',
  GRAPHIQL: 'true',
  LOG_LEVEL: 'silent',
  // The smallest interval the configuration accepts: subscriptions push changes within a second.
  SUBSCRIPTION_POLL_INTERVAL_MS: '1000',
});

export function startLocalApp(): Promise<RunningApp> {
  return startApp(LOCAL_GRAPHIQL_CONFIG, createLogger('silent'));
}
