import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig, type GatewayConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { TestIdentityProvider } from '../support/identity-provider.js';
import { launchOfflineChromium, type OfflineChromium } from './offline-chromium.js';

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

/** The whole app with `config`, requiring tokens of a test identity provider, and Chromium cut off from all but it. */
export async function startAppWithTokens(config: GatewayConfig): Promise<{
  idp: TestIdentityProvider;
  app: RunningApp;
  chromium: OfflineChromium;
  close(): Promise<void>;
}> {
  const idp = await TestIdentityProvider.start();
  const app = await startApp({ ...config, auth: idp.authConfig() }, createLogger('silent'));
  const chromium = await launchOfflineChromium(new URL(app.graphqlUrl).origin);
  return {
    idp,
    app,
    chromium,
    async close() {
      await chromium.close();
      await app.close();
      await idp.close();
    },
  };
}
