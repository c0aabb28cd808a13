import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';

export interface RedisSettings {
  /** REDIS_URL, e.g. redis://127.0.0.1:6379/0 */
  url: string;
  /** Put before every key and channel, so that several gateways (or test runs) can share one Redis. */
  keyPrefix: string;
  /** Bound of each command: a Redis that hangs costs a read this long at most, then AWS answers it. */
  commandTimeoutMs?: number;
}

/**
 * The gateway's connections to Redis: one for commands, one for subscriptions (a connection in
 * subscriber mode can run no other command). Redis is an accelerator, never a dependency of an
 * answer: commands fail at once while it is unreachable (no offline queue), callers then serve
 * from AWS and this process's memory, and ioredis reconnects in the background. Going away and
 * coming back are logged once each.
 */
export class RedisConnection {
  readonly commands: Redis;
  readonly subscriber: Redis;
  readonly keyPrefix: string;
  readonly #log: Logger;
  readonly #onReady = new Set<() => void>();
  #reportedDown = false;

  constructor(settings: RedisSettings, log: Logger) {
    this.keyPrefix = settings.keyPrefix;
    this.#log = log;
    const options = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: settings.commandTimeoutMs ?? 1_000,
      connectTimeout: 2_000,
      // Try again soon, then every 2 s at most, for as long as it takes.
      retryStrategy: (attempt: number) => Math.min(100 * 2 ** attempt, 2_000),
    };
    this.commands = new Redis(settings.url, { ...options, connectionName: 'elasticache-graphql' });
    // Subscriptions are queued until the connection is up, and renewed by ioredis on reconnect.
    this.subscriber = new Redis(settings.url, {
      ...options,
      enableOfflineQueue: true,
      connectionName: 'elasticache-graphql-subscriber',
    });
    for (const client of [this.commands, this.subscriber]) client.on('error', (error: Error) => this.#down(error));
    this.commands.on('ready', () => this.#up());
  }

  /** True while commands can be sent. */
  get ready(): boolean {
    return this.commands.status === 'ready';
  }

  /** Runs `listener` each time the command connection becomes ready again (after an outage, too). */
  onReady(listener: () => void): void {
    this.#onReady.add(listener);
  }

  key(...parts: string[]): string {
    return `${this.keyPrefix}${parts.join(':')}`;
  }

  /** Waits (at most `timeoutMs`) for both connections; false when Redis did not answer. */
  async connected(timeoutMs = 2_000): Promise<boolean> {
    const ready = (client: Redis) =>
      client.status === 'ready' ? Promise.resolve() : new Promise<void>((resolve) => client.once('ready', resolve));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const result = await Promise.race([
      Promise.all([ready(this.commands), ready(this.subscriber)]).then(() => true),
      timeout,
    ]);
    clearTimeout(timer);
    return result;
  }

  async close(): Promise<void> {
    this.#onReady.clear();
    await Promise.all(
      [this.commands, this.subscriber].map(async (client) => {
        try {
          await client.quit();
        } catch {
          client.disconnect();
        }
      }),
    );
  }

  #down(error: Error): void {
    if (this.#reportedDown) return;
    this.#reportedDown = true;
    this.#log.warn('Redis is unreachable: serving from AWS with an in-process cache until it is back', {
      reason: error.message,
    });
  }

  #up(): void {
    if (this.#reportedDown) {
      this.#reportedDown = false;
      this.#log.info('Redis is reachable again');
    }
    for (const listener of this.#onReady) listener();
  }
}
