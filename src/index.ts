import { startApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

/** `npm start`: reads the environment, starts the gateway, stops cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  // Node's own warnings (the AWS SDK's Node version notice among them) as JSON lines like the
  // rest, instead of Node's plain text on the same stderr.
  process.removeAllListeners('warning');
  process.on('warning', (warning) => log.warn(warning.message, { warning: warning.name }));
  // Before the app, so that every span of every request goes to the configured collector.
  const tracing = config.tracing
    ? (await import('./observability/tracing-sdk.js')).startTracing(config.tracing, log)
    : null;
  const app = await startApp(config, log);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      // A second signal: no more waiting.
      log.warn(`Received ${signal} again, exiting at once`);
      process.exit(1);
    }
    stopping = true;
    log.info(`Received ${signal}, draining (at most ${config.shutdownTimeoutMs} ms)`);
    app
      .drain(config.shutdownTimeoutMs)
      // The spans of the last requests are sent before the process goes, unless the collector
      // takes more than 2 s to take them.
      .then(() => tracing && Promise.race([tracing.shutdown(), new Promise((resolve) => setTimeout(resolve, 2_000))]))
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error('Shutdown failed', { reason: error instanceof Error ? error.message : String(error) });
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
