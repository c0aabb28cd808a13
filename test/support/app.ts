import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';

/**
 * The whole app as `npm start` runs it with no settings (the built-in local endpoint, open), on a
 * free loopback port, logging nothing: for tests of what reaches it over HTTP.
 */
export function startQuietApp(env: Record<string, string> = {}): Promise<RunningApp> {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'error', READ_CACHE_TTL_MS: '0', GRAPHIQL: 'false', ...env });
  return startApp(
    config,
    createLogger('error', () => undefined),
  );
}
