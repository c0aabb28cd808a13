import type { Redis } from 'ioredis';
import { allowedAddresses, boundedRedis, HostRefused, REAL_NETWORK } from '../preflight/connector.js';
import type { MigrationCheckOptions } from '../preflight/requirements.js';
import { parseInfo } from '../preflight/redis-info.js';

/** A connection unused this long is closed (a poll every second keeps its own alive). */
const IDLE_MS = 60_000;

/** Why an `INFO` could not be read: said in words, never with what the peer sent. */
export class InfoUnavailable extends Error {}

/**
 * `INFO` from migration sources and targets, over connections kept between polls (one per
 * address and port), each opened through the preflight's network seam: host names resolved once
 * and every address checked against PREFLIGHT_ALLOWED_NETWORKS (metadata always refused), every
 * connection and command bounded by PREFLIGHT_TIMEOUT_MS. Nothing but INFO is ever sent.
 */
export class InfoConnections {
  readonly #connections = new Map<string, { redis: Redis; usedAt: number }>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(private readonly options: MigrationCheckOptions) {
    this.#sweeper = setInterval(() => this.#closeIdle(), IDLE_MS);
    this.#sweeper.unref();
  }

  /** The addresses `host` stands for, each allowed; InfoUnavailable when one is not. */
  async resolve(host: string): Promise<string[]> {
    try {
      return await allowedAddresses(host, this.options);
    } catch (error) {
      throw new InfoUnavailable(error instanceof HostRefused ? error.message : `${host} could not be resolved`);
    }
  }

  /** `INFO <section>` of `host:port` as fields. */
  async info(host: string, port: number, section: string): Promise<Map<string, string>> {
    const [ip] = await this.resolve(host);
    const key = `${ip}:${port}`;
    let entry = this.#connections.get(key);
    if (!entry) {
      const network = this.options.network ?? REAL_NETWORK;
      const redis = await boundedRedis(() => network.connect(ip ?? host, port), this.options.timeoutMs);
      // Another read may have opened one meanwhile: one connection per address and port.
      entry = this.#connections.get(key);
      if (entry) redis.disconnect();
      else {
        entry = { redis, usedAt: Date.now() };
        this.#connections.set(key, entry);
      }
    }
    entry.usedAt = Date.now();
    try {
      if (entry.redis.status === 'wait') await entry.redis.connect();
      return parseInfo(String(await entry.redis.call('INFO', section)));
    } catch {
      // A broken connection is not kept: the next poll opens a new one.
      entry.redis.disconnect();
      this.#connections.delete(key);
      throw new InfoUnavailable(`${host}:${port} did not answer INFO`);
    }
  }

  close(): void {
    clearInterval(this.#sweeper);
    for (const { redis } of this.#connections.values()) redis.disconnect();
    this.#connections.clear();
  }

  /** Connections opened so far and still kept (tests count them). */
  get open(): number {
    return this.#connections.size;
  }

  #closeIdle(): void {
    const horizon = Date.now() - IDLE_MS;
    for (const [key, entry] of this.#connections) {
      if (entry.usedAt >= horizon) continue;
      entry.redis.disconnect();
      this.#connections.delete(key);
    }
  }
}
